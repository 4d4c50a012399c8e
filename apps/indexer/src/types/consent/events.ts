import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const consentGranted =  {
    name: 'Consent.ConsentGranted',
    /**
     * A consent was granted.
     */
    v111: new EventType(
        'Consent.ConsentGranted',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v111.AccountId32,
            purpose: v111.Purpose,
            categories: sts.array(() => v111.CategoryTag),
            access: v111.Access,
            expiresAt: sts.option(() => sts.bigint()),
            grantedBy: v111.AccountId32,
        })
    ),
}

export const consentRevoked =  {
    name: 'Consent.ConsentRevoked',
    /**
     * A consent was revoked (or, if it had lapsed, cleared); access by it ends now.
     */
    v111: new EventType(
        'Consent.ConsentRevoked',
        sts.struct({
            consentId: sts.bigint(),
            patientId: sts.bigint(),
            grantee: v111.AccountId32,
            revokedBy: v111.AccountId32,
        })
    ),
}

export const emergencyAccessOpened =  {
    name: 'Consent.EmergencyAccessOpened',
    /**
     * A clinician broke the glass: notify the patient and the privacy officer.
     */
    v111: new EventType(
        'Consent.EmergencyAccessOpened',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v111.AccountId32,
            patientId: sts.bigint(),
            reason: v111.EmergencyReason,
            noteHash: v111.H256,
            expiresAt: sts.bigint(),
        })
    ),
}

export const emergencyAccessEnded =  {
    name: 'Consent.EmergencyAccessEnded',
    /**
     * An emergency access was ended (or cleared after it lapsed).
     */
    v111: new EventType(
        'Consent.EmergencyAccessEnded',
        sts.struct({
            accessId: sts.bigint(),
            clinician: v111.AccountId32,
            patientId: sts.bigint(),
            endedBy: v111.AccountId32,
        })
    ),
}
