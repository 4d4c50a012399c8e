import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A break-glass emergency access: who opened it, why, and when it ended.
 */
@Entity_()
export class EmergencyAccess {
    constructor(props?: Partial<EmergencyAccess>) {
        Object.assign(this, props)
    }

    /**
     * The access id.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    @Index_()
    @StringColumn_({nullable: false})
    clinician!: string

    @StringColumn_({nullable: false})
    reason!: string

    @StringColumn_({nullable: false})
    noteHash!: string

    @DateTimeColumn_({nullable: false})
    expiresAt!: Date

    @IntColumn_({nullable: false})
    openedBlock!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    openedAt!: Date

    @StringColumn_({nullable: true})
    endedBy!: string | undefined | null

    @IntColumn_({nullable: true})
    endedBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    endedAt!: Date | undefined | null
}
