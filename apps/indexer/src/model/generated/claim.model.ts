import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, ManyToOne as ManyToOne_, IntColumn as IntColumn_, DateTimeColumn as DateTimeColumn_} from "@subsquid/typeorm-store"

/**
 * An insurance claim and where it stands.
 */
@Entity_()
export class Claim {
    constructor(props?: Partial<Claim>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    @Index_()
    @StringColumn_({nullable: true})
    provider!: string | undefined | null

    @Index_()
    @StringColumn_({nullable: true})
    payer!: string | undefined | null

    @StringColumn_({nullable: true})
    coverage!: string | undefined | null

    @BigIntColumn_({nullable: true})
    encounterId!: bigint | undefined | null

    @BigIntColumn_({nullable: false})
    billedAmount!: bigint

    @StringColumn_({nullable: false})
    currency!: string

    /**
     * The claim it replaced.
     */
    @Index_()
    @ManyToOne_(() => Claim, {nullable: true})
    original!: Claim | undefined | null

    /**
     * Submitted, Adjudicated, Paid, Appealed, Voided, Replaced (by a later claim) or Cleared.
     */
    @StringColumn_({nullable: false})
    status!: string

    @StringColumn_({nullable: true})
    outcome!: string | undefined | null

    @BigIntColumn_({nullable: true})
    allowed!: bigint | undefined | null

    @BigIntColumn_({nullable: true})
    patientResponsibility!: bigint | undefined | null

    @StringColumn_({array: true, nullable: true})
    reasons!: (string)[] | undefined | null

    @BigIntColumn_({nullable: true})
    paid!: bigint | undefined | null

    @StringColumn_({nullable: true})
    remittanceHash!: string | undefined | null

    @StringColumn_({nullable: true})
    evidenceHash!: string | undefined | null

    @IntColumn_({nullable: false})
    submittedBlock!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    submittedAt!: Date

    @IntColumn_({nullable: false})
    updatedBlock!: number
}
