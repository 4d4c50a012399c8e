import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v106 from '../v106'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v106: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v106.AccountId32,
            purpose: v106.Purpose,
            categories: sts.array(() => v106.CategoryTag),
            access: v106.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v106.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v106: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v106.AccountId32,
            revokedBy: v106.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v106: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v106.AccountId32,
            patientId: sts.bigint(),
            reason: v106.EmergencyReason,
            noteHash: v106.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v106: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v106.AccountId32,
            patientId: sts.bigint(),
            endedBy: v106.AccountId32,
        })
    ),
}
