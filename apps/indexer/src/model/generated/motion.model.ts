import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, IntColumn as IntColumn_, BigIntColumn as BigIntColumn_, BooleanColumn as BooleanColumn_} from "@subsquid/typeorm-store"

/**
 * A consortium motion (Council) and its votes.
 */
@Entity_()
export class Motion {
    constructor(props?: Partial<Motion>) {
        Object.assign(this, props)
    }

    /**
     * `<proposal hash>-<block proposed>`: the same call proposed again after its motion closed is a new motion.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    proposalHash!: string

    @IntColumn_({nullable: true})
    index!: number | undefined | null

    @StringColumn_({nullable: true})
    proposer!: string | undefined | null

    /**
     * Ayes needed: a u32 the proposer chooses (beyond GraphQL's Int).
     */
    @BigIntColumn_({nullable: true})
    threshold!: bigint | undefined | null

    @IntColumn_({nullable: false})
    ayes!: number

    @IntColumn_({nullable: false})
    nays!: number

    /**
     * Proposed, Approved, Disapproved or Executed.
     */
    @StringColumn_({nullable: false})
    status!: string

    /**
     * Whether the motion's dispatch succeeded, once executed.
     */
    @BooleanColumn_({nullable: true})
    succeeded!: boolean | undefined | null

    @IntColumn_({nullable: true})
    proposedBlock!: number | undefined | null

    @IntColumn_({nullable: true})
    closedBlock!: number | undefined | null
}
