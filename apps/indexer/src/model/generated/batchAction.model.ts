import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"
import {Batch} from "./batch.model"

/**
 * One step of a batch's custody: commissioned, shipped, received, returned, dispensed, recalled, quarantined, released, destroyed.
 */
@Entity_()
export class BatchAction {
    constructor(props?: Partial<BatchAction>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Batch, {nullable: true})
    batch!: Batch

    @Index_()
    @StringColumn_({nullable: false})
    action!: string

    @BigIntColumn_({nullable: true})
    quantity!: bigint | undefined | null

    @Index_()
    @StringColumn_({nullable: false})
    actor!: string

    /**
     * The other party (a shipment's recipient).
     */
    @StringColumn_({nullable: true})
    counterparty!: string | undefined | null

    @BigIntColumn_({nullable: true})
    shipmentId!: bigint | undefined | null

    @StringColumn_({nullable: true})
    reasonHash!: string | undefined | null

    @IntColumn_({nullable: false})
    block!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
