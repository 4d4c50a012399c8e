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
     * Days since 1970-01-01.
     */
    @IntColumn_({nullable: false})
    validFrom!: number

    @IntColumn_({nullable: false})
    validUntil!: number

    @IntColumn_({nullable: false})
    registeredBlock!: number

    @IntColumn_({nullable: true})
    removedBlock!: number | undefined | null
}
