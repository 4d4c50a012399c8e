import {Entity as Entity_, Column as Column_, PrimaryColumn as PrimaryColumn_, ManyToOne as ManyToOne_, Index as Index_, StringColumn as StringColumn_, BooleanColumn as BooleanColumn_, DateTimeColumn as DateTimeColumn_, IntColumn as IntColumn_} from "@subsquid/typeorm-store"
import {Credential} from "./credential.model"

/**
 * A credential's status history: issued, renewed, suspended, reinstated, revoked, cleared.
 */
@Entity_()
export class CredentialChange {
    constructor(props?: Partial<CredentialChange>) {
        Object.assign(this, props)
    }

    @PrimaryColumn_()
    id!: string

    @Index_()
    @ManyToOne_(() => Credential, {nullable: true})
    credential!: Credential

    @StringColumn_({nullable: false})
    action!: string

    @StringColumn_({nullable: false})
    issuer!: string

    @BooleanColumn_({nullable: false})
    byGovernance!: boolean

    @DateTimeColumn_({nullable: true})
    validUntil!: Date | undefined | null

    @Index_()
    @IntColumn_({nullable: false})
    block!: number

    @Index_()
    @DateTimeColumn_({nullable: false})
    timestamp!: Date
}
