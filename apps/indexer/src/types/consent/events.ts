import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v108 from '../v108'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v108: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v108.AccountId32,
            purpose: v108.Purpose,
            categories: sts.array(() => v108.CategoryTag),
            access: v108.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v108.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v108: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v108.AccountId32,
            revokedBy: v108.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v108: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v108.AccountId32,
            patientId: sts.bigint(),
            reason: v108.EmergencyReason,
            noteHash: v108.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v108: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v108.AccountId32,
            patientId: sts.bigint(),
            endedBy: v108.AccountId32,
        })
    ),
}
