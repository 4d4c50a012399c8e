import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, StringColumn as StringColumn_, Index as Index_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_, OneToMany as OneToMany_} from "@subsquid/typeorm-store"
import {CredentialChange} from "./credentialChange.model"

/**
 * One credential (issuer, subject, kind) and its current status.
 */
@Entity_()
export class Credential {
    constructor(props?: Partial<Credential>) {
        Object.assign(this, props)
    }

    /**
     * `<subject>-<kind>`
     */
    @PrimaryColumn_()
    id!: string

    @Index_()
    @StringColumn_({nullable: false})
    subject!: string

    @Index_()
    @StringColumn_({nullable: false})
    kind!: string

    @Index_()
    @StringColumn_({nullable: false})
    issuer!: string

    /**
     * Active, Suspended, Revoked or Cleared.
     */
    @StringColumn_({nullable: false})
    status!: string

    @DateTimeColumn_({nullable: false})
    validUntil!: Date

    @IntColumn_({nullable: false})
    issuedBlock!: number

    @OneToMany_(() => CredentialChange, e => e.credential)
    changes!: CredentialChange[]
}
