import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, Index as Index_, ManyToOne as ManyToOne_, BigIntColumn as BigIntColumn_, StringColumn as StringColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Record} from "./record.model"
import {Consent} from "./consent.model"
import {EmergencyAccess} from "./emergencyAccess.model"

/**
 * A logged read of a record: who read it, for what, and which consent or emergency access allowed it.
 */
@Index_(["patientId", "timestamp"], {unique: false})
@Index_(["reader", "timestamp"], {unique: false})
@Entity_()
export class RecordRead {
    constructor(props?: Partial<RecordRead>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Record, {nullable: true})
    record!: Record

    @BigIntColumn_({nullable: false})
    patientId!: bigint

    @StringColumn_({nullable: false})
    reader!: string

    @StringColumn_({nullable: false})
    purpose!: string

    /**
     * Permitted (by a consent) or Emergency (by a break-glass access).
     */
    @StringColumn_({nullable: false})
    decision!: string

    @Index_()
    @ManyToOne_(() => Consent, {nullable: true})
    consent!: Consent | undefined | null

    @Index_()
    @ManyToOne_(() => EmergencyAccess, {nullable: true})
    emergencyAccess!: EmergencyAccess | undefined | null

    @IntColumn_({nullable: false})
    block!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
