import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {Batch} from "./batch.model"

/**
 * A product (GTIN) and its manufacturer.
 */
@Entity_()
export class Product {
    constructor(props?: Partial<Product>) {
        Object.assign(this, props)
    }

    /**
     * The GTIN-14.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    manufacturer!: string

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @OneToMany_(() => Batch, e => e.product)
    batches!: Batch[]
}
