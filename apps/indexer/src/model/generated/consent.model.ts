import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, BigIntColumn as BigIntColumn_, Index as Index_, StringColumn as StringColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"

/**
 * A consent a patient granted, with its revocation when it was revoked.
 */
@Entity_()
export class Consent {
    constructor(props?: Partial<Consent>) {
        Object.assign(this, props)
    }

    /**
     * The consent id.
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @BigIntColumn_({nullable: false})
    patientId!: bigint

    @Index_()
    @StringColumn_({nullable: false})
    grantee!: string

    /**
     * Treatment, Payment, Research or PublicHealth.
     */
    @StringColumn_({nullable: false})
    purpose!: string

    /**
     * Blinded category tags (hex).
     */
    @StringColumn_({array: true, nullable: false})
    categories!: (string)[]

    /**
     * Read or Write.
     */
    @StringColumn_({nullable: false})
    access!: string

    @DateTimeColumn_({nullable: true})
    expiresAt!: Date | undefined | null

    @StringColumn_({nullable: false})
    grantedBy!: string

    @IntColumn_({nullable: false})
    grantedBlock!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    grantedAt!: Date

    @StringColumn_({nullable: true})
    revokedBy!: string | undefined | null

    @IntColumn_({nullable: true})
    revokedBlock!: number | undefined | null

    @DateTimeColumn_({nullable: true})
    revokedAt!: Date | undefined | null
}
