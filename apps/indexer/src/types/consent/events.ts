import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v107 from '../v107'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v107: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v107.AccountId32,
            purpose: v107.Purpose,
            categories: sts.array(() => v107.CategoryTag),
            access: v107.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v107.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v107: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v107.AccountId32,
            revokedBy: v107.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v107: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v107.AccountId32,
            patientId: sts.bigint(),
            reason: v107.EmergencyReason,
            noteHash: v107.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v107: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v107.AccountId32,
            patientId: sts.bigint(),
            endedBy: v107.AccountId32,
        })
    ),
}
