import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const studyRegistered =  {
    name: 'Trials.StudyRegistered',
    /**
     * A study was registered at protocol version 1.
     */
    v111: new EventType(
        'Trials.StudyRegistered',
        sts.struct({
            studyId: sts.bigint(),
            sponsor: v111.AccountId32,
            kind: v111.StudyKind,
            registryHash: v111.H256,
            categoriesHash: v111.H256,
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
    v111: new EventType(
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
    v111: new EventType(
        'Trials.InvestigatorAdded',
        sts.struct({
            studyId: sts.bigint(),
            investigator: v111.AccountId32,
        })
    ),
}

export const investigatorRemoved =  {
    name: 'Trials.InvestigatorRemoved',
    /**
     * The sponsor removed an investigator.
     */
    v111: new EventType(
        'Trials.InvestigatorRemoved',
        sts.struct({
            studyId: sts.bigint(),
            investigator: v111.AccountId32,
        })
    ),
}

export const statusChanged =  {
    name: 'Trials.StatusChanged',
    /**
     * The study's status changed.
     */
    v111: new EventType(
        'Trials.StatusChanged',
        sts.struct({
            studyId: sts.bigint(),
            from: v111.StudyStatus,
            to: v111.StudyStatus,
        })
    ),
}

export const participantConsented =  {
    name: 'Trials.ParticipantConsented',
    /**
     * A patient consented to the study at `version`, on consent `consent_id`.
     */
    v111: new EventType(
        'Trials.ParticipantConsented',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            version: sts.number(),
            consentId: sts.bigint(),
            by: v111.AccountId32,
        })
    ),
}

export const participantEnrolled =  {
    name: 'Trials.ParticipantEnrolled',
    /**
     * An investigator enrolled a patient.
     */
    v111: new EventType(
        'Trials.ParticipantEnrolled',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            version: sts.number(),
            investigator: v111.AccountId32,
        })
    ),
}

export const participantWithdrew =  {
    name: 'Trials.ParticipantWithdrew',
    /**
     * A patient withdrew; its consent was revoked.
     */
    v111: new EventType(
        'Trials.ParticipantWithdrew',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            consentId: sts.bigint(),
            by: v111.AccountId32,
        })
    ),
}

export const participationCleared =  {
    name: 'Trials.ParticipationCleared',
    /**
     * A patient's participation (or its mark of having been declined) left storage.
     */
    v111: new EventType(
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
    v111: new EventType(
        'Trials.ParticipantDeclined',
        sts.struct({
            studyId: sts.bigint(),
            patientId: sts.bigint(),
            by: v111.AccountId32,
        })
    ),
}

export const dataReleased =  {
    name: 'Trials.DataReleased',
    /**
     * The sponsor received a data release on a cohort of `cohort_size` participants (never
     * who they are), for the request hashed as `request_hash`.
     */
    v111: new EventType(
        'Trials.DataReleased',
        sts.struct({
            studyId: sts.bigint(),
            release: sts.number(),
            version: sts.number(),
            cohortSize: sts.number(),
            requestHash: v111.H256,
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
    v111: new EventType(
        'Trials.ResultsCommitted',
        sts.struct({
            studyId: sts.bigint(),
            resultsHash: v111.H256,
            reportedOutcomesHash: v111.H256,
            outcomesSwitched: sts.boolean(),
            late: sts.boolean(),
        })
    ),
}
