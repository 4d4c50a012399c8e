import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v110 from '../v110'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v110: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v110.AccountId32,
            purpose: v110.Purpose,
            categories: sts.array(() => v110.CategoryTag),
            access: v110.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v110.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v110: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v110.AccountId32,
            revokedBy: v110.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v110: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v110.AccountId32,
            patientId: sts.bigint(),
            reason: v110.EmergencyReason,
            noteHash: v110.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v110: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v110.AccountId32,
            patientId: sts.bigint(),
            endedBy: v110.AccountId32,
        })
    ),
}
