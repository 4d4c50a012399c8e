// pallet-trials (`Trials`): clinical trials and research studies registered by hash before
// enrolment, protocol versions, participations resting on the patient's `Consent` consent for
// `Research` to the sponsor, enrolment by named investigators, releases only on cohorts of at
// least k, results and the outcome-switch check; `TrialsApi`. The documents (protocol, analysis
// plan, outcomes, results) stay off chain, hashed.

import type { ApiPromise } from '@polkadot/api';
import type { SubmittableExtrinsic } from '@polkadot/api/types';
import type {
  CarechainPrimitivesTrialsParticipationView, CarechainPrimitivesTrialsProtocolVersionInfo,
  CarechainPrimitivesTrialsStudySummary,
} from '@polkadot/types/lookup';
import { compactToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsU8a } from '@polkadot/util-crypto';
import { isOneOf, RECORD_CATEGORIES, type Hash, type Id, type RecordCategory } from './types.js';

type Tx = SubmittableExtrinsic<'promise'>;

export const STUDY_KINDS = ['Interventional', 'Observational'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];

export const STUDY_STATUSES = ['NotYetRecruiting', 'Recruiting', 'Active', 'Completed', 'Terminated'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export const PARTICIPANT_STATUSES = ['Consented', 'Enrolled', 'Paused', 'Withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** The smallest cohort any study may release (the CMS cell-size rule): `MIN_COHORT_FLOOR`. */
export const MIN_COHORT_FLOOR = 11;

const STUDY_CATEGORIES_DOMAIN = 'carechain/study-categories/v1';

/**
 * A study's commitment to the record categories it will use
 * (carechain_primitives::study_categories_hash): `blake2_256(domain ‖ salt ‖ SCALE Vec<u8> of the
 * categories' indices, ascending, each once)`. `salt` is 32 random bytes the sponsor publishes
 * with the protocol: the categories never go on chain in clear (every participant is linked to
 * its studies, and a category would tell its kind of care).
 */
export function studyCategoriesHash(salt: Uint8Array, categories: RecordCategory[]): Hash {
  if (salt.length !== 32) throw new Error(`a categories salt is 32 bytes, not ${salt.length}`);
  const indices = [...new Set(categories.map((category) => {
    const index = RECORD_CATEGORIES.indexOf(category);
    if (index < 0) throw new Error(`"${category}" is not a record category`);
    return index;
  }))].sort((a, b) => a - b);
  const preimage = u8aConcat(stringToU8a(STUDY_CATEGORIES_DOMAIN), salt, compactToU8a(indices.length), Uint8Array.from(indices));
  return u8aToHex(blake2AsU8a(preimage, 256)) as Hash;
}

/** The transitions a sponsor may make (`StudyStatus::may_become`). */
export function mayBecome(from: StudyStatus, to: StudyStatus): boolean {
  const allowed: Record<StudyStatus, StudyStatus[]> = {
    NotYetRecruiting: ['Recruiting', 'Terminated'],
    Recruiting: ['Active', 'Completed', 'Terminated'],
    Active: ['Recruiting', 'Completed', 'Terminated'],
    Completed: [],
    Terminated: [],
  };
  return allowed[from].includes(to);
}

export interface Registration {
  kind: StudyKind;
  /** Hash of the study's public registry id (e.g. its ClinicalTrials.gov NCT number). */
  registryHash: Hash;
  protocolHash: Hash;
  analysisPlanHash: Hash;
  /** The pre-specified primary and secondary outcomes. */
  outcomesHash: Hash;
  /** The record categories the protocol uses: at least one, none twice (committed, never sent in clear). */
  categories: RecordCategory[];
  /** The 32-byte salt of the commitment, published with the protocol. */
  categoriesSalt: Uint8Array;
  target: number;
  /** k: the smallest cohort a release may cover, at least 11. */
  minCohort: number;
}

/** By a valid `Researcher`, the sponsor; holds the study deposit. Checks what the pallet would refuse first. */
export function register(api: ApiPromise, r: Registration): Tx {
  if (!isOneOf(STUDY_KINDS, r.kind)) throw new Error(`"${r.kind}" is not a study kind (${STUDY_KINDS.join(', ')})`);
  if (r.categories.length === 0) throw new Error('a study names at least one record category');
  for (const category of r.categories) {
    if (!isOneOf(RECORD_CATEGORIES, category)) throw new Error(`"${category}" is not a record category`);
  }
  if (new Set(r.categories).size !== r.categories.length) throw new Error('a study names each category once');
  if (!Number.isInteger(r.minCohort) || r.minCohort < MIN_COHORT_FLOOR) {
    throw new Error(`k (the minimum cohort) is at least ${MIN_COHORT_FLOOR}, not ${r.minCohort}`);
  }
  if (!Number.isInteger(r.target) || r.target < r.minCohort) throw new Error(`the target (${r.target}) is at least k (${r.minCohort})`);
  return api.tx.trials.register(r.kind, r.registryHash, r.protocolHash, r.analysisPlanHash, r.outcomesHash,
    studyCategoriesHash(r.categoriesSalt, r.categories), r.categories.length, r.target, r.minCohort);
}

/** By the sponsor: the next protocol version; with `reconsentRequired`, participants on older versions are paused. */
export const amend = (api: ApiPromise, studyId: Id, protocolHash: Hash, analysisPlanHash: Hash, outcomesHash: Hash, reconsentRequired: boolean): Tx =>
  api.tx.trials.amend(studyId, protocolHash, analysisPlanHash, outcomesHash, reconsentRequired);
/** By the sponsor: a `Physician` or `Nurse` who may enrol patients. */
export const addInvestigator = (api: ApiPromise, studyId: Id, investigator: string): Tx =>
  api.tx.trials.addInvestigator(studyId, investigator);
export const removeInvestigator = (api: ApiPromise, studyId: Id, investigator: string): Tx =>
  api.tx.trials.removeInvestigator(studyId, investigator);
/** By the sponsor (`mayBecome`); enrolment opens a block after registration at the earliest, with an investigator named. */
export function setStatus(api: ApiPromise, studyId: Id, status: StudyStatus): Tx {
  if (!isOneOf(STUDY_STATUSES, status)) throw new Error(`"${status}" is not a study status (${STUDY_STATUSES.join(', ')})`);
  return api.tx.trials.setStatus(studyId, status);
}
/**
 * By the patient or a live delegate, fee-free: joins (or re-consents to) the study's current
 * version on `consentId`, the patient's `Consent` consent to the sponsor for `Research` with
 * `Read` on at least as many of its tags as the study has categories.
 */
export const consent = (api: ApiPromise, studyId: Id, patientId: Id, consentId: Id): Tx =>
  api.tx.trials.consent(studyId, patientId, consentId);
/** By the patient or a live delegate, fee-free: leaves the study; its research consent is revoked. */
export const withdraw = (api: ApiPromise, studyId: Id, patientId: Id): Tx => api.tx.trials.withdraw(studyId, patientId);
/** By the patient or a live delegate, fee-free: removes a withdrawn participation, or one of an ended study. */
export const clear = (api: ApiPromise, studyId: Id, patientId: Id): Tx => api.tx.trials.clear(studyId, patientId);
/** By a named investigator: enrols a participant under a current consent while the study recruits. */
export const enrol = (api: ApiPromise, studyId: Id, patientId: Id): Tx => api.tx.trials.enrol(studyId, patientId);
/**
 * By the sponsor or a named investigator: declines a participant that is not enrolled (a screen
 * failure, or the place of one who withdrew); its place is freed and it may not consent to the study again.
 */
export const decline = (api: ApiPromise, studyId: Id, patientId: Id): Tx => api.tx.trials.decline(studyId, patientId);
/** By the sponsor: a data release on the current cohort, refused below k; `witness` ≥ the stored participations. */
export const release = (api: ApiPromise, studyId: Id, requestHash: Hash, witness: number): Tx =>
  api.tx.trials.release(studyId, requestHash, witness);
/** What `release` must name as its witness: the study's stored participations (withdrawn ones included). */
export async function witness(api: ApiPromise, studyId: Id): Promise<number> {
  const stored = await api.query.trials.studies(studyId);
  if (stored.isNone) throw new Error(`no study ${studyId} is registered`);
  return stored.unwrap().participations.toNumber();
}

/** By the sponsor, once ended: the results and the outcomes they report. */
export const commitResults = (api: ApiPromise, studyId: Id, resultsHash: Hash, reportedOutcomesHash: Hash): Tx =>
  api.tx.trials.commitResults(studyId, resultsHash, reportedOutcomesHash);

export interface StudySummary {
  studyId: Id;
  kind: StudyKind;
  status: StudyStatus;
  version: number;
  /** The oldest version a participant's consent may name without being paused. */
  reconsentFrom: number;
  target: number;
  minCohort: number;
  participants: number;
  enrolled: number;
  releases: number;
  /** The day (since 1970-01-01) it ended: its primary completion date. */
  endedOn: number | undefined;
  results: { resultsHash: Hash; reportedOutcomesHash: Hash; committedAt: bigint } | undefined;
}

function summaryFrom(studyId: Id, s: CarechainPrimitivesTrialsStudySummary): StudySummary {
  const results = s.results.unwrapOr(undefined);
  return {
    studyId,
    kind: s.kind.type,
    status: s.status.type,
    version: s.version.toNumber(),
    reconsentFrom: s.reconsentFrom.toNumber(),
    target: s.target.toNumber(),
    minCohort: s.minCohort.toNumber(),
    participants: s.participants.toNumber(),
    enrolled: s.enrolled.toNumber(),
    releases: s.releases.toNumber(),
    endedOn: s.endedOn.unwrapOr(undefined)?.toNumber(),
    results: results === undefined ? undefined : {
      resultsHash: results.resultsHash.toHex(),
      reportedOutcomesHash: results.reportedOutcomesHash.toHex(),
      committedAt: results.committedAt.toBigInt(),
    },
  };
}

/** `TrialsApi::study`: undefined for an id never handed out. */
export async function study(api: ApiPromise, studyId: Id): Promise<StudySummary | undefined> {
  const answer = await api.call.trialsApi.study(studyId);
  return answer.isSome ? summaryFrom(studyId, answer.unwrap()) : undefined;
}

export interface ProtocolVersion {
  version: number;
  protocolHash: Hash;
  analysisPlanHash: Hash;
  outcomesHash: Hash;
  reconsentRequired: boolean;
  publishedAt: bigint;
}

const versionFrom = (version: number, v: CarechainPrimitivesTrialsProtocolVersionInfo): ProtocolVersion => ({
  version,
  protocolHash: v.protocolHash.toHex(),
  analysisPlanHash: v.analysisPlanHash.toHex(),
  outcomesHash: v.outcomesHash.toHex(),
  reconsentRequired: v.reconsentRequired.isTrue,
  publishedAt: v.publishedAt.toBigInt(),
});

/** `TrialsApi::versions`: from version 1 (the registration). */
export async function versions(api: ApiPromise, studyId: Id): Promise<ProtocolVersion[]> {
  const answer = await api.call.trialsApi.versions(studyId);
  return answer.map((v, i) => versionFrom(i + 1, v));
}

export interface Participation {
  studyId: Id;
  status: ParticipantStatus;
  version: number;
  consentId: Id;
  releases: number;
}

const participationFrom = (studyId: Id, p: CarechainPrimitivesTrialsParticipationView): Participation => ({
  studyId,
  status: p.status.type,
  version: p.version.toNumber(),
  consentId: p.consentId.toBigInt(),
  releases: p.releases.toNumber(),
});

/** `TrialsApi::participation`: undefined if the patient never consented (or cleared). */
export async function participation(api: ApiPromise, studyId: Id, patientId: Id): Promise<Participation | undefined> {
  const answer = await api.call.trialsApi.participation(studyId, patientId);
  return answer.isSome ? participationFrom(studyId, answer.unwrap()) : undefined;
}

/** `TrialsApi::is_enrolled_current`. */
export async function isEnrolledCurrent(api: ApiPromise, studyId: Id, patientId: Id): Promise<boolean> {
  return (await api.call.trialsApi.isEnrolledCurrent(studyId, patientId)).isTrue;
}

/** `TrialsApi::results_overdue`: ended more than a year ago without results; undefined for an unknown study. */
export async function resultsOverdue(api: ApiPromise, studyId: Id): Promise<boolean | undefined> {
  const answer = await api.call.trialsApi.resultsOverdue(studyId);
  return answer.isSome ? answer.unwrap().isTrue : undefined;
}

/** `TrialsApi::outcomes_switched`: undefined before results (or for an unknown study). */
export async function outcomesSwitched(api: ApiPromise, studyId: Id): Promise<boolean | undefined> {
  const answer = await api.call.trialsApi.outcomesSwitched(studyId);
  return answer.isSome ? answer.unwrap().isTrue : undefined;
}

/** The patient's studies with where it stands in each (`TrialsApi::studies_of`, then `participation`). */
export async function studiesOf(api: ApiPromise, patientId: Id): Promise<Participation[]> {
  const ids = (await api.call.trialsApi.studiesOf(patientId)).map((id) => id.toBigInt());
  const all = await Promise.all(ids.map((id) => participation(api, id, patientId)));
  return all.filter((p): p is Participation => p !== undefined);
}

export interface StudyInfo extends StudySummary {
  sponsor: string;
  registryHash: Hash;
  /** The commitment to its categories (`studyCategoriesHash`), and how many. */
  categoriesHash: Hash;
  categoryCount: number;
  investigators: number;
  participations: number;
}

/**
 * Every registered study with what a regulator's view needs (sponsor, overdue, switched), newest
 * first. Reads every stored study: fine for a node's own view; at scale, the indexer.
 */
export async function allStudies(api: ApiPromise): Promise<(StudyInfo & { overdue: boolean; switched: boolean | undefined })[]> {
  const entries = await api.query.trials.studies.entries();
  const studies = await Promise.all(entries.map(async ([key, value]) => {
    const studyId = key.args[0].toBigInt();
    const stored = value.unwrap();
    const summary = await study(api, studyId);
    if (summary === undefined) return undefined;
    return {
      ...summary,
      sponsor: stored.sponsor.toString(),
      registryHash: stored.registryHash.toHex(),
      categoriesHash: stored.categoriesHash.toHex(),
      categoryCount: stored.categoryCount.toNumber(),
      investigators: stored.investigators.toNumber(),
      participations: stored.participations.toNumber(),
      overdue: (await resultsOverdue(api, studyId)) ?? false,
      switched: await outcomesSwitched(api, studyId),
    };
  }));
  return studies.filter((s): s is NonNullable<typeof s> => s !== undefined).sort((a, b) => (a.studyId < b.studyId ? 1 : -1));
}
