import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Patient} from "./patient.model"

/**
 * A key rotation of a patient's account: proposed, then rotated or cancelled.
 */
@Entity_()
export class KeyRotation {
    constructor(props?: Partial<KeyRotation>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Patient, {nullable: true})
    patient!: Patient

    /**
     * Proposed, Rotated or Cancelled.
     */
    @StringColumn_({nullable: false})
    action!: string

    @StringColumn_({nullable: true})
    oldAccount!: string | undefined | null

    @StringColumn_({nullable: true})
    newAccount!: string | undefined | null

    @IntColumn_({nullable: false})
    block!: number

    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
