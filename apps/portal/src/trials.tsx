// Clinical trials and research studies in the portal: the sponsor registers a study (its
// documents hashed here, its categories committed under a salt it keeps with the protocol),
// names investigators, opens enrolment, amends, requests releases and commits results; anyone
// reads the registry, with overdue results and switched outcomes flagged for regulators; the
// patient sees the studies it joined, joins on a research consent, and withdraws.

import type { ApiPromise } from '@polkadot/api';
import { useEffect, useRef, useState } from 'preact/hooks';
import { u8aToHex } from '@polkadot/util';
import {
  big, hashOf, randomSalt, RECORD_CATEGORIES, trials, type Id, type Participation, type RecordCategory, type StudyInfo,
} from '../../src/lib/index.js';
import { fileBytes, parseId, useAction, type PortalAccount, type Track } from './chain.js';
import { Card, Field, Select, Status, downloadJson, short } from './ui.js';

type Listed = StudyInfo & { overdue: boolean; switched: boolean | undefined };

/** Every study, newest first: what a regulator reads (a node's own view; at scale, the indexer). */
function useStudies(api: ApiPromise, version: number): Listed[] | undefined {
  const [list, setList] = useState<Listed[] | undefined>();
  useEffect(() => void trials.allStudies(api).then(setList), [api, version]);
  return list;
}

/** The registry: every study with its status, cohort and the regulator's two flags. */
export function StudyRegistry({ list }: { list: Listed[] | undefined }) {
  return (
    <Card title="Study registry" id="study-registry">
      <p class="note">Every registered study. Results are overdue a year after a study ends; outcomes are switched when the results report other outcomes than those registered before enrolment.</p>
      {list === undefined ? <p>Loading…</p> : list.length === 0 ? <p data-testid="no-studies">No studies.</p> : (
        <table>
          <thead><tr><th>study</th><th>sponsor</th><th>kind</th><th>status</th><th>version</th><th>participants (enrolled)</th><th>releases</th><th>results</th><th>outcomes</th></tr></thead>
          <tbody>
            {list.map((s) => (
              <tr data-testid={`study-${s.studyId}`}>
                <td>#{s.studyId.toString()}</td>
                <td>{short(s.sponsor)}</td>
                <td>{s.kind}</td>
                <td data-testid={`study-${s.studyId}-status`}>{s.status}</td>
                <td>v{s.version}{s.reconsentFrom > 1 ? ` (re-consent from v${s.reconsentFrom})` : ''}</td>
                <td>{s.participants} ({s.enrolled}) · k {s.minCohort} · target {s.target}</td>
                <td>{s.releases}</td>
                <td data-testid={`study-${s.studyId}-results`}>{s.results !== undefined ? 'committed' : s.overdue ? 'OVERDUE' : s.endedOn !== undefined ? 'due' : '—'}</td>
                <td data-testid={`study-${s.studyId}-outcomes`}>{s.switched === undefined ? '—' : s.switched ? 'SWITCHED' : 'as registered'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** The research page: the sponsor's studies and the registry. */
export function ResearchPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [version, setVersion] = useState(0);
  const done = () => setVersion((v) => v + 1);
  const list = useStudies(api, version);
  const [form, setForm] = useState({ kind: 'Interventional' as trials.StudyKind, registryId: '', target: '20', k: String(trials.MIN_COHORT_FLOOR) });
  const [categories, setCategories] = useState<RecordCategory[]>([]);
  const protocol = useRef<HTMLInputElement>(null);
  const plan = useRef<HTMLInputElement>(null);
  const outcomes = useRef<HTMLInputElement>(null);
  const [state, run] = useAction();
  const mine = list?.filter((s) => s.sponsor === me.address) ?? [];
  return (
    <div class="page" data-testid="research-page" data-account={me.address}>
      <Card title="Register a study" id="study-register">
        <p>Before anyone is enrolled: the protocol, analysis plan and pre-specified outcomes are hashed here and committed; the categories go on chain only as a salted hash (the salt is saved with a download: publish it with the protocol).</p>
        <Field label="Kind"><Select name="study-kind" options={trials.STUDY_KINDS} value={form.kind} onChange={(kind) => setForm({ ...form, kind })} /></Field>
        <Field label="Registry id (e.g. NCT number; hashed)"><input name="study-registry" value={form.registryId} onInput={(e) => setForm({ ...form, registryId: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Protocol"><input name="study-protocol" type="file" ref={protocol} /></Field>
        <Field label="Statistical analysis plan"><input name="study-plan" type="file" ref={plan} /></Field>
        <Field label="Pre-specified outcomes"><input name="study-outcomes" type="file" ref={outcomes} /></Field>
        <fieldset class="categories">
          <legend>Record categories the study will use</legend>
          {RECORD_CATEGORIES.map((c) => (
            <label><input type="checkbox" name={`study-category-${c}`} checked={categories.includes(c)}
              onChange={(e) => setCategories((e.target as HTMLInputElement).checked ? [...categories, c] : categories.filter((x) => x !== c))} /> {c}</label>
          ))}
        </fieldset>
        <Field label="Target enrolment"><input name="study-target" value={form.target} onInput={(e) => setForm({ ...form, target: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="k: smallest cohort a release may cover (at least 11)"><input name="study-k" value={form.k} onInput={(e) => setForm({ ...form, k: (e.target as HTMLInputElement).value })} /></Field>
        <button type="button" data-testid="register-study" disabled={state.busy} onClick={() => run('Registering the study', async (track) => {
          if (form.registryId.trim() === '') throw new Error('give the study\'s registry id');
          const categoriesSalt = randomSalt();
          const tx = trials.register(api, {
            kind: form.kind, registryHash: hashOf(form.registryId.trim()), protocolHash: hashOf(await fileBytes(protocol.current)),
            analysisPlanHash: hashOf(await fileBytes(plan.current)), outcomesHash: hashOf(await fileBytes(outcomes.current)),
            categories, categoriesSalt, target: Number(form.target), minCohort: Number(form.k),
          });
          const included = await track(api, tx, me.account);
          const studyId = big(included.event('trials', 'StudyRegistered').studyId);
          downloadJson(`study-${studyId}-categories.json`, { studyId: studyId.toString(), categories, salt: u8aToHex(categoriesSalt) });
          done();
          return `Study #${studyId} registered`;
        })}>Register</button>
        <Status state={state} id="register-study" />
      </Card>
      <SponsorStudies api={api} me={me} mine={mine} done={done} />
      <StudyRegistry list={list} />
    </div>
  );
}

/** The sponsor's own studies and what it may do with each. */
function SponsorStudies({ api, me, mine, done }: { api: ApiPromise; me: PortalAccount; mine: Listed[]; done: () => void }) {
  const [studyId, setStudyId] = useState('');
  const [investigator, setInvestigator] = useState('');
  const [status, setStatus] = useState<trials.StudyStatus>('Recruiting');
  const [reconsent, setReconsent] = useState(false);
  const [request, setRequest] = useState('');
  const protocol = useRef<HTMLInputElement>(null);
  const plan = useRef<HTMLInputElement>(null);
  const outcomes = useRef<HTMLInputElement>(null);
  const results = useRef<HTMLInputElement>(null);
  const reported = useRef<HTMLInputElement>(null);
  const [state, run] = useAction();
  const id = () => parseId(studyId, 'the study number');
  const act = (label: string, body: (studyId: Id, track: Track) => Promise<string>) => run(label, async (track) => {
    const message = await body(id(), track);
    done();
    return message;
  });
  return (
    <Card title="My studies" id="sponsor-studies">
      {mine.length === 0 ? <p>None yet.</p> : <p>{mine.map((s) => `#${s.studyId} (${s.status}, v${s.version})`).join(', ')}</p>}
      <Field label="Study #"><input name="sponsor-study" value={studyId} onInput={(e) => setStudyId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Investigator (a physician or nurse)"><input name="study-investigator" value={investigator} onInput={(e) => setInvestigator((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="add-investigator" disabled={state.busy} onClick={() => act('Naming the investigator', async (s, track) => {
        await track(api, trials.addInvestigator(api, s, investigator.trim()), me.account);
        return `Investigator named on study #${s}`;
      })}>Name investigator</button>
      <Field label="New status"><Select name="study-status" options={trials.STUDY_STATUSES} value={status} onChange={setStatus} /></Field>
      <button type="button" data-testid="set-status" disabled={state.busy} onClick={() => act('Changing the status', async (s, track) => {
        await track(api, trials.setStatus(api, s, status), me.account);
        return `Study #${s} is ${status}`;
      })}>Change status</button>
      <h3>Amend the protocol</h3>
      <Field label="Protocol"><input name="amend-protocol" type="file" ref={protocol} /></Field>
      <Field label="Analysis plan"><input name="amend-plan" type="file" ref={plan} /></Field>
      <Field label="Outcomes"><input name="amend-outcomes" type="file" ref={outcomes} /></Field>
      <label><input type="checkbox" name="amend-reconsent" checked={reconsent} onChange={(e) => setReconsent((e.target as HTMLInputElement).checked)} /> participants must consent again</label>
      <button type="button" data-testid="amend-study" disabled={state.busy} onClick={() => act('Amending', async (s, track) => {
        const included = await track(api, trials.amend(api, s, hashOf(await fileBytes(protocol.current)), hashOf(await fileBytes(plan.current)),
          hashOf(await fileBytes(outcomes.current)), reconsent), me.account);
        return `Study #${s} is at version ${big(included.event('trials', 'ProtocolAmended').version)}`;
      })}>Amend</button>
      <h3>Data release</h3>
      <Field label="Request (what data, for what analysis; only its hash is sent)"><textarea name="release-request" rows={2} value={request} onInput={(e) => setRequest((e.target as HTMLTextAreaElement).value)} /></Field>
      <button type="button" data-testid="release-study" disabled={state.busy} onClick={() => act('Requesting a release', async (s, track) => {
        if (request.trim() === '') throw new Error('describe the request first');
        const included = await track(api, trials.release(api, s, hashOf(request.trim()), await trials.witness(api, s)), me.account);
        return `Release on a cohort of ${big(included.event('trials', 'DataReleased').cohortSize)}`;
      })}>Request release</button>
      <h3>Results</h3>
      <Field label="Results"><input name="results-file" type="file" ref={results} /></Field>
      <Field label="Outcomes reported"><input name="results-outcomes" type="file" ref={reported} /></Field>
      <button type="button" data-testid="commit-results" disabled={state.busy} onClick={() => act('Committing the results', async (s, track) => {
        const event = (await track(api, trials.commitResults(api, s, hashOf(await fileBytes(results.current)), hashOf(await fileBytes(reported.current))), me.account))
          .event('trials', 'ResultsCommitted');
        return `Results of study #${s} committed${event.outcomesSwitched?.toString() === 'true' ? ': outcomes switched' : ''}`;
      })}>Commit results</button>
      <Status state={state} id="sponsor-study" />
    </Card>
  );
}

/** The patient's studies: where it stands in each; join one on a research consent; withdraw. */
export function PatientStudies({ api, me, patientId }: { api: ApiPromise; me: PortalAccount; patientId: Id }) {
  const [list, setList] = useState<Participation[] | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => void trials.studiesOf(api, patientId).then(setList), [api, patientId, version]);
  return (
    <Card title="My research studies" id="patient-studies">
      <p class="note">The studies you joined, the protocol version you consented to, and how many data releases included you (a release never names its members, and needs at least k of them).</p>
      {list === undefined ? <p>Loading…</p> : list.length === 0 ? <p data-testid="no-participations">None.</p> : (
        <table>
          <thead><tr><th>study</th><th>status</th><th>version</th><th>releases</th></tr></thead>
          <tbody>
            {list.map((p) => (
              <tr data-testid={`participation-${p.studyId}`}>
                <td>#{p.studyId.toString()}</td>
                <td data-testid={`participation-${p.studyId}-status`}>{p.status}</td>
                <td>v{p.version}</td>
                <td>{p.releases}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <StudyActions api={api} me={me} patientId={patientId} onChange={() => setVersion((v) => v + 1)} />
    </Card>
  );
}

/** Joining, re-consenting and withdrawing, signed by the patient or a delegate. */
function StudyActions({ api, me, patientId, onChange }: { api: ApiPromise; me: PortalAccount; patientId: Id; onChange: () => void }) {
  const [studyId, setStudyId] = useState('');
  const [consentId, setConsentId] = useState('');
  const [state, run] = useAction();
  return (
    <>
      <h3>Join or leave a study</h3>
      <p>Grant the sponsor a Research consent on the study's categories first (above); then join the study on it, or consent again to a new version. Withdrawing revokes that consent: your data is used no further.</p>
      <Field label="Study #"><input name="join-study" value={studyId} onInput={(e) => setStudyId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Research consent #"><input name="join-consent" value={consentId} onInput={(e) => setConsentId((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="join-study" disabled={state.busy} onClick={() => run('Consenting to the study', async (track) => {
        const s = parseId(studyId, 'the study number');
        const included = await track(api, trials.consent(api, s, patientId, parseId(consentId, 'the consent number')), me.account);
        onChange();
        return `Consented to study #${s} at version ${big(included.event('trials', 'ParticipantConsented').version)}`;
      })}>Consent to the study</button>
      <button type="button" data-testid="withdraw-study" disabled={state.busy} onClick={() => run('Withdrawing', async (track) => {
        const s = parseId(studyId, 'the study number');
        await track(api, trials.withdraw(api, s, patientId), me.account);
        onChange();
        return `Withdrawn from study #${s}; its consent is revoked`;
      })}>Withdraw</button>
      <Status state={state} id="study-action" />
    </>
  );
}
