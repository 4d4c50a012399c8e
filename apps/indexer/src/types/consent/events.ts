import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v109 from '../v109'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v109: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v109.AccountId32,
            purpose: v109.Purpose,
            categories: sts.array(() => v109.CategoryTag),
            access: v109.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v109.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v109: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v109.AccountId32,
            revokedBy: v109.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v109: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v109.AccountId32,
            patientId: sts.bigint(),
            reason: v109.EmergencyReason,
            noteHash: v109.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v109: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v109.AccountId32,
            patientId: sts.bigint(),
            endedBy: v109.AccountId32,
        })
    ),
}
