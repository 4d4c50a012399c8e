import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const patientRegistered =  {
    name: 'Patients.PatientRegistered',
    /**
     * An account registered as a patient.
     */
    v111: new EventType(
        'Patients.PatientRegistered',
        sts.struct({
            patientId: sts.bigint(),
            account: v111.AccountId32,
        })
    ),
}

export const patientOnboarded =  {
    name: 'Patients.PatientOnboarded',
    /**
     * A hospital registered the patient just registered, and holds its deposits.
     */
    v111: new EventType(
        'Patients.PatientOnboarded',
        sts.struct({
            patientId: sts.bigint(),
            sponsor: v111.AccountId32,
        })
    ),
}

export const commitmentUpdated =  {
    name: 'Patients.CommitmentUpdated',
    /**
     * A patient replaced their commitment.
     */
    v111: new EventType(
        'Patients.CommitmentUpdated',
        sts.struct({
            patientId: sts.bigint(),
        })
    ),
}

export const delegateAdded =  {
    name: 'Patients.DelegateAdded',
    /**
     * A patient added a delegate.
     */
    v111: new EventType(
        'Patients.DelegateAdded',
        sts.struct({
            patientId: sts.bigint(),
            delegate: v111.AccountId32,
            expiresAt: sts.option(() => sts.bigint()),
        })
    ),
}

export const delegateRemoved =  {
    name: 'Patients.DelegateRemoved',
    /**
     * A delegate was removed (by the patient, or pruned after it expired).
     */
    v111: new EventType(
        'Patients.DelegateRemoved',
        sts.struct({
            patientId: sts.bigint(),
            delegate: v111.AccountId32,
        })
    ),
}

export const keyRotationProposed =  {
    name: 'Patients.KeyRotationProposed',
    /**
     * A patient proposed moving their id to a new key.
     */
    v111: new EventType(
        'Patients.KeyRotationProposed',
        sts.struct({
            patientId: sts.bigint(),
            newAccount: v111.AccountId32,
            expiresAt: sts.bigint(),
        })
    ),
}

export const keyRotated =  {
    name: 'Patients.KeyRotated',
    /**
     * The new key accepted: the old key has no rights any more.
     */
    v111: new EventType(
        'Patients.KeyRotated',
        sts.struct({
            patientId: sts.bigint(),
            oldAccount: v111.AccountId32,
            newAccount: v111.AccountId32,
        })
    ),
}

export const keyRotationCancelled =  {
    name: 'Patients.KeyRotationCancelled',
    /**
     * A pending key rotation was withdrawn or declined.
     */
    v111: new EventType(
        'Patients.KeyRotationCancelled',
        sts.struct({
            patientId: sts.bigint(),
        })
    ),
}

export const patientDeregistered =  {
    name: 'Patients.PatientDeregistered',
    /**
     * A patient was erased.
     */
    v111: new EventType(
        'Patients.PatientDeregistered',
        sts.struct({
            patientId: sts.bigint(),
        })
    ),
}
