import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const issuerRegistered =  {
    name: 'Credentials.IssuerRegistered',
    /**
     * A new issuer was registered.
     */
    v111: new EventType(
        'Credentials.IssuerRegistered',
        sts.struct({
            issuer: v111.AccountId32,
            kinds: sts.array(() => v111.CredentialKind),
        })
    ),
}

export const issuerUpdated =  {
    name: 'Credentials.IssuerUpdated',
    /**
     * A registered issuer's kinds or metadata were replaced; its credentials of kinds it
     * no longer issues are void.
     */
    v111: new EventType(
        'Credentials.IssuerUpdated',
        sts.struct({
            issuer: v111.AccountId32,
            kinds: sts.array(() => v111.CredentialKind),
        })
    ),
}

export const issuerRemoved =  {
    name: 'Credentials.IssuerRemoved',
    /**
     * An issuer was removed; every credential it issued is void.
     */
    v111: new EventType(
        'Credentials.IssuerRemoved',
        sts.struct({
            issuer: v111.AccountId32,
        })
    ),
}

export const credentialIssued =  {
    name: 'Credentials.CredentialIssued',
    /**
     * A credential was issued.
     */
    v111: new EventType(
        'Credentials.CredentialIssued',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
            validUntil: sts.bigint(),
        })
    ),
}

export const credentialRenewed =  {
    name: 'Credentials.CredentialRenewed',
    /**
     * A credential's validity was extended.
     */
    v111: new EventType(
        'Credentials.CredentialRenewed',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
            validUntil: sts.bigint(),
        })
    ),
}

export const credentialSuspended =  {
    name: 'Credentials.CredentialSuspended',
    /**
     * A credential was suspended.
     */
    v111: new EventType(
        'Credentials.CredentialSuspended',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
        })
    ),
}

export const credentialReinstated =  {
    name: 'Credentials.CredentialReinstated',
    /**
     * A suspended credential was reinstated.
     */
    v111: new EventType(
        'Credentials.CredentialReinstated',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
        })
    ),
}

export const credentialRevoked =  {
    name: 'Credentials.CredentialRevoked',
    /**
     * A credential was revoked, by its issuer or by governance (`by_governance`).
     */
    v111: new EventType(
        'Credentials.CredentialRevoked',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
            byGovernance: sts.boolean(),
        })
    ),
}

export const credentialCleared =  {
    name: 'Credentials.CredentialCleared',
    /**
     * A credential that had ended was removed and its deposit returned to its issuer.
     */
    v111: new EventType(
        'Credentials.CredentialCleared',
        sts.struct({
            issuer: v111.AccountId32,
            subject: v111.AccountId32,
            kind: v111.CredentialKind,
            deposit: sts.bigint(),
        })
    ),
}
