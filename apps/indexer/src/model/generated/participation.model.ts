import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Study} from "./study.model"

/**
 * A patient's participation in a study.
 */
@Entity_()
export class Participation {
    constructor(props?: Partial<Participation>) {
        Object.assign(this, props)
    }

    /**
     * `<study>-<patient>`
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Study, {nullable: true})
    study!: Study

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    /**
     * Consented, Enrolled, Withdrew, Declined (by the sponsor or an investigator: it may not join again) or Cleared.
     */
    @StringColumn_({nullable: false})
    status!: string

    @IntColumn_({nullable: false})
    version!: number

    @BigIntColumn_({nullable: true})
    consentId!: bigint | undefined | null

    @StringColumn_({nullable: true})
    investigator!: string | undefined | null

    @IntColumn_({nullable: true})
    consentedBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    enrolledBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    withdrewBlock!: number | undefined | null

    @StringColumn_({nullable: true})
    declinedBy!: string | undefined | null

    @IntColumn_({nullable: true})
    declinedBlock!: number | undefined | null
}
