import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v109 from '../v109'

export const issuerRegistered =  {
    name: 'Credentials.IssuerRegistered',
    /**
     * A new issuer was registered.
     */
    v109: new EventType(
        'Credentials.IssuerRegistered',
        sts.struct({
            issuer: v109.AccountId32,
            kinds: sts.array(() => v109.CredentialKind),
        })
    ),
}

export const issuerUpdated =  {
    name: 'Credentials.IssuerUpdated',
    /**
     * A registered issuer's kinds or metadata were replaced; its credentials of kinds it
     * no longer issues are void.
     */
    v109: new EventType(
        'Credentials.IssuerUpdated',
        sts.struct({
            issuer: v109.AccountId32,
            kinds: sts.array(() => v109.CredentialKind),
        })
    ),
}

export const issuerRemoved =  {
    name: 'Credentials.IssuerRemoved',
    /**
     * An issuer was removed; every credential it issued is void.
     */
    v109: new EventType(
        'Credentials.IssuerRemoved',
        sts.struct({
            issuer: v109.AccountId32,
        })
    ),
}

export const credentialIssued =  {
    name: 'Credentials.CredentialIssued',
    /**
     * A credential was issued.
     */
    v109: new EventType(
        'Credentials.CredentialIssued',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
            validUntil: sts.bigint(),
        })
    ),
}

export const credentialRenewed =  {
    name: 'Credentials.CredentialRenewed',
    /**
     * A credential's validity was extended.
     */
    v109: new EventType(
        'Credentials.CredentialRenewed',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
            validUntil: sts.bigint(),
        })
    ),
}

export const credentialSuspended =  {
    name: 'Credentials.CredentialSuspended',
    /**
     * A credential was suspended.
     */
    v109: new EventType(
        'Credentials.CredentialSuspended',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
        })
    ),
}

export const credentialReinstated =  {
    name: 'Credentials.CredentialReinstated',
    /**
     * A suspended credential was reinstated.
     */
    v109: new EventType(
        'Credentials.CredentialReinstated',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
        })
    ),
}

export const credentialRevoked =  {
    name: 'Credentials.CredentialRevoked',
    /**
     * A credential was revoked, by its issuer or by governance (`by_governance`).
     */
    v109: new EventType(
        'Credentials.CredentialRevoked',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
            byGovernance: sts.boolean(),
        })
    ),
}

export const credentialCleared =  {
    name: 'Credentials.CredentialCleared',
    /**
     * A credential that had ended was removed and its deposit returned to its issuer.
     */
    v109: new EventType(
        'Credentials.CredentialCleared',
        sts.struct({
            issuer: v109.AccountId32,
            subject: v109.AccountId32,
            kind: v109.CredentialKind,
            deposit: sts.bigint(),
        })
    ),
}
