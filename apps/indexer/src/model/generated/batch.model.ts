import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BigIntColumn as BigIntColumn_, DateTimeColumn as DateTimeColumn_, OneToMany as OneToMany_, IntColumn as IntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"
import {Product} from "./product.model"
import {BatchAction} from "./batchAction.model"

/**
 * A batch: commissioned by its manufacturer, or split off its parent by a shipment.
 */
@Entity_()
export class Batch {
    constructor(props?: Partial<Batch>) {
        Object.assign(this, props)
    }

    /**
     * The batch id.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Product, {nullable: true})
    product!: Product | undefined | null

    @Index_()
    @StringColumn_({nullable: false})
    gtin!: string

    @StringColumn_({nullable: false})
    lot!: string

    /**
     * The quantity it was commissioned (or split) with (a u32: beyond GraphQL's Int).
     */
    @BigIntColumn_({nullable: false})
    quantity!: bigint

    @DateTimeColumn_({nullable: true})
    expiresOn!: Date | undefined | null

    /**
     * The batch this one was split from (none for a commissioned batch).
     */
    @Index_()
    @ManyToOne_(() => Batch, {nullable: true})
    parent!: Batch | undefined | null

    @OneToMany_(() => Batch, e => e.parent)
    children!: Batch[]

    @StringColumn_({nullable: true})
    manufacturer!: string | undefined | null

    @IntColumn_({nullable: false})
    createdBlock!: number

    @DateTimeColumn_({nullable: false})
    createdAt!: Date

    /**
     * Recalled, quarantined, or neither.
     */
    @BooleanColumn_({nullable: false})
    recalled!: boolean

    @BooleanColumn_({nullable: false})
    quarantined!: boolean

    @OneToMany_(() => BatchAction, e => e.batch)
    actions!: BatchAction[]
}
