import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, IntColumn as IntColumn_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, BigIntColumn as BigIntColumn_, JSONColumn as JSONColumn_} from "@subsquid/typeorm-store"

/**
 * Every event of Carechain's own pallets and of its governance, as the chain emitted it.
 */
@Entity_()
export class ChainEvent {
    constructor(props?: Partial<ChainEvent>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @StringColumn_({nullable: false})
    blockHash!: string

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date

    /**
     * The event's index in its block.
     */
    @IntColumn_({nullable: false})
    index!: number

    @StringColumn_({nullable: true})
    extrinsicHash!: string | undefined | null

    /**
     * The account that signed the transaction that emitted it (none for inherents and motions' dispatch).
     */
    @Index_()
    @StringColumn_({nullable: true})
    signer!: string | undefined | null

    /**
     * `Records`, `Consent`, ...
     */
    @Index_()
    @StringColumn_({nullable: false})
    pallet!: string

    /**
     * `RecordAccessed`, ...
     */
    @Index_()
    @StringColumn_({nullable: false})
    name!: string

    /**
     * The patient it concerns, when it names one.
     */
    @Index_()
    @BigIntColumn_({nullable: true})
    patientId!: bigint | undefined | null

    /**
     * The event's fields, decoded by the runtime's metadata (accounts as hex, enums as `{__kind, value}`).
     */
    @JSONColumn_({nullable: false})
    args!: unknown
}
