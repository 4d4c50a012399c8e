import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A patient's insurance coverage.
 */
@Entity_()
export class Coverage {
    constructor(props?: Partial<Coverage>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    @Index_()
    @StringColumn_({nullable: false})
    payer!: string

    /**
     * Days since 1970-01-01 (a u32 the insurer chooses: beyond GraphQL's Int).
     */
    @BigIntColumn_({nullable: false})
    validFrom!: bigint

    @BigIntColumn_({nullable: false})
    validUntil!: bigint

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @IntColumn_({nullable: true})
    removedBlock!: number | undefined | null
}
