import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Patient} from "./patient.model"

/**
 * A delegate of a patient (a parent, a carer), live until removed or expired.
 */
@Entity_()
export class Delegate {
    constructor(props?: Partial<Delegate>) {
        Object.assign(this, props)
    }

    /**
     * `<patient id>-<delegate>-<block added>`
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Patient, {nullable: true})
    patient!: Patient

    @Index_()
    @StringColumn_({nullable: false})
    account!: string

    @DateTimeColumn_({nullable: true})
    expiresAt!: Date | undefined | null

    @IntColumn_({nullable: false})
    addedBlock!: number

    @IntColumn_({nullable: true})
    removedBlock!: number | undefined | null
}
