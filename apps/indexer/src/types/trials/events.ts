import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v110 from '../v110'

export const studyRegistered =  {
    name: 'Trials.StudyRegistered',
    /**
     * A study was registered at protocol version 1.
     */
    v110: new EventType(
        'Trials.StudyRegistered',
        sts.struct({
            studyId: sts.bigint(),
            sponsor: v110.AccountId32,
            kind: v110.StudyKind,
            registryHash: v110.H256,
            categoriesHash: v110.H256,
            categoryCount: sts.number(),
            target: sts.number(),
            minCohort: sts.number(),
        })
    ),
}

export const protocolAmended =  {
    name: 'Trials.ProtocolAmended',
    /**
     * A new protocol version was published.
     */
    v110: new EventType(
        'Trials.ProtocolAmended',
        sts.struct({
            studyId: sts.bigint(),
            version: sts.number(),
            reconsentRequired: sts.boolean(),
        })
    ),
}

export const investigatorAdded =  {
    name: 'Trials.InvestigatorAdded',
    /**
     * The sponsor named an investigator.
     */
    v110: new EventType(
        'Trials.InvestigatorAdded',
        sts.struct({
            studyId: sts.bigint(),
            investigator: v110.AccountId32,
        })
    ),
}

export const investigatorRemoved =  {
    name: 'Trials.InvestigatorRemoved',
    /**
     * The sponsor removed an investigator.
     */
    v110: new EventType(
        'Trials.InvestigatorRemoved',
        sts.struct({
            studyId: sts.bigint(),
            investigator: v110.AccountId32,
        })
    ),
}

export const statusChanged =  {
    name: 'Trials.StatusChanged',
    /**
     * The study's status changed.
     */
    v110: new EventType(
        'Trials.StatusChanged',
        sts.struct({
            studyId: sts.bigint(),
            from: v110.StudyStatus,
            to: v110.StudyStatus,
        })
    ),
}

export const participantConsented =  {
    name: 'Trials.ParticipantConsented',
    /**
     * A patient consented to the study at `version`, on consent `consent_id`.
     */
    v110: new EventType(
        'Trials.ParticipantConsented',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            version: sts.number(),
            consentId: sts.bigint(),
            by: v110.AccountId32,
        })
    ),
}

export const participantEnrolled =  {
    name: 'Trials.ParticipantEnrolled',
    /**
     * An investigator enrolled a patient.
     */
    v110: new EventType(
        'Trials.ParticipantEnrolled',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            version: sts.number(),
            investigator: v110.AccountId32,
        })
    ),
}

export const participantWithdrew =  {
    name: 'Trials.ParticipantWithdrew',
    /**
     * A patient withdrew; its consent was revoked.
     */
    v110: new EventType(
        'Trials.ParticipantWithdrew',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            consentId: sts.bigint(),
            by: v110.AccountId32,
        })
    ),
}

export const participationCleared =  {
    name: 'Trials.ParticipationCleared',
    /**
     * A patient's participation (or its mark of having been declined) left storage.
     */
    v110: new EventType(
        'Trials.ParticipationCleared',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
        })
    ),
}

export const participantDeclined =  {
    name: 'Trials.ParticipantDeclined',
    /**
     * The sponsor or an investigator declined a patient that was not enrolled: its
     * participation left storage and it may not consent to the study again.
     */
    v110: new EventType(
        'Trials.ParticipantDeclined',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            by: v110.AccountId32,
        })
    ),
}

export const dataReleased =  {
    name: 'Trials.DataReleased',
    /**
     * The sponsor received a data release on a cohort of `cohort_size` participants (never
     * who they are), for the request hashed as `request_hash`.
     */
    v110: new EventType(
        'Trials.DataReleased',
        sts.struct({
            studyId: sts.bigint(),
            release: sts.number(),
            version: sts.number(),
            cohortSize: sts.number(),
            requestHash: v110.H256,
        })
    ),
}

export const resultsCommitted =  {
    name: 'Trials.ResultsCommitted',
    /**
     * The sponsor committed its results; `outcomes_switched` says whether the outcomes they
     * report differ from those pre-specified at registration, `late` whether they came more
     * than a year after the study ended.
     */
    v110: new EventType(
        'Trials.ResultsCommitted',
        sts.struct({
            studyId: sts.bigint(),
            resultsHash: v110.H256,
            reportedOutcomesHash: v110.H256,
            outcomesSwitched: sts.boolean(),
            late: sts.boolean(),
        })
    ),
}
