// The patient's page: register, the category key, delegates, consents (each with the category
// card to give the grantee), the records about them, and who read them. Categories go on chain
// only as tags under the patient's category key, which stays in this browser (categoryKey.ts).

import type { ApiPromise } from '@polkadot/api';
import { useEffect, useRef, useState } from 'preact/hooks';
import { u8aToHex } from '@polkadot/util';
import {
  ACCESSES, PURPOSES, RECORD_CATEGORIES, big, categoryCard, categoryOf, consent, exportCategoryKey, patientCommitment, patients,
  randomSalt, records, tagFromCard, type Access, type CategoryCard, type CategoryKey, type ConsentInfo, type Id, type PatientInfo,
  type Purpose, type RecordCategory, type RecordInfo,
} from '../../src/lib/index.js';
import { PatientClaims } from './claims.js';
import { GatewayDocuments } from './documents.js';
import { PatientStudies } from './trials.js';
import { ensureCategoryKey, importCategoryKey, storedCategoryKey } from './categoryKey.js';
import { parseId, readable, useAction, type PortalAccount } from './chain.js';
import { AccessLog, ConsentHistory } from './history.js';
import { Card, Field, Select, Status, downloadJson, fileText, short, when } from './ui.js';

const SAMPLE = JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Doe', given: ['Jo'] }], birthDate: '1980-01-01' }, null, 2);

export function PatientPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [patientId, setPatientId] = useState<Id | undefined | null>(null);
  const [info, setInfo] = useState<PatientInfo | undefined>();
  const [consents, setConsents] = useState<ConsentInfo[]>([]);
  const [recordList, setRecordList] = useState<RecordInfo[]>([]);
  const [key, setKey] = useState<CategoryKey | undefined>();
  const [quota, setQuota] = useState<patients.Quota | undefined>();
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);

  useEffect(() => {
    void (async () => {
      const id = await patients.patientIdOf(api, me.address);
      setPatientId(id);
      if (id === undefined) return;
      setKey(storedCategoryKey(id));
      setInfo(await patients.patient(api, id));
      setQuota(await patients.quota(api, id));
      setConsents(await consent.consentsOf(api, id));
      const ids = await records.allRecordsOf(api, id);
      setRecordList((await Promise.all(ids.map((r) => records.record(api, r)))).filter((r): r is RecordInfo => r !== undefined));
    })();
  }, [api, me.address, version]);

  if (patientId === null) return <p>Loading…</p>;
  if (patientId === undefined) return <div class="page" data-testid="register-page" data-account={me.address}><Register api={api} me={me} onDone={reload} /></div>;
  // The patient's key, made in this browser the first time one is needed.
  const ensureKey = () => {
    const made = ensureCategoryKey(patientId);
    setKey(made);
    return made;
  };
  // A tag's category under the patient's key; a tag the key does not name (a record anchored
  // under break-glass, or a key this browser does not hold) is "category not known".
  const nameOf = (tag: string) => (key === undefined ? undefined : categoryOf(key, tag)) ?? 'category not known';
  return (
    <div class="page" data-testid="patient-page" data-account={me.address}>
      <Card title={`Patient #${patientId}`} id="patient-summary">
        <p>Commitment <code>{info?.commitment}</code>, registered {when(info?.registeredAt)}.</p>
        {info?.sponsor === undefined ? null : <p>Onboarded by <code>{short(info.sponsor)}</code>, which holds your deposits.</p>}
        {quota === undefined ? null : (
          <p data-testid="quota">Fee-free calls left: <strong>{quota.remaining}</strong> (renews at block {quota.renewsAt}).</p>
        )}
      </Card>
      <CategoryKeyCard patientId={patientId} held={key} ensureKey={ensureKey} onImport={setKey} />
      <Delegates api={api} me={me} info={info} onDone={reload} />
      <Consents api={api} me={me} patientId={patientId} consents={consents} ensureKey={ensureKey} nameOf={nameOf} onDone={reload} />
      <Records api={api} me={me} list={recordList} nameOf={nameOf} onDone={reload} />
      <GatewayDocuments api={api} me={me} patientId={patientId} nameOf={nameOf} />
      <PatientClaims api={api} patientId={patientId} />
      <PatientStudies api={api} me={me} patientId={patientId} />
      <AccessLog api={api} patientId={patientId} version={version} />
      <ConsentHistory patientId={patientId} version={version} />
    </div>
  );
}

function Register({ api, me, onDone }: { api: ApiPromise; me: PortalAccount; onDone: () => void }) {
  const [resource, setResource] = useState(SAMPLE);
  const [state, run] = useAction();
  return (
    <Card title="Register as a patient" id="register">
      <p>Your FHIR Patient resource stays in this browser: only a salted hash of it goes on chain. Keep the salt shown after registering.</p>
      <textarea name="resource" rows={6} value={resource} onInput={(e) => setResource((e.target as HTMLTextAreaElement).value)} />
      <button type="button" data-testid="register" disabled={state.busy} onClick={() => run('Registration', async (track) => {
        const salt = randomSalt();
        let parsed: unknown;
        try {
          parsed = JSON.parse(resource);
        } catch {
          throw new Error('the resource is not valid JSON');
        }
        const done = await track(api, patients.register(api, patientCommitment(salt, parsed)), me.account);
        onDone();
        return `Registered as patient #${big(done.event('patients', 'PatientRegistered').patientId)}. Keep your salt: ${u8aToHex(salt)}`;
      })}>Register</button>
      <Status state={state} id="register" />
    </Card>
  );
}

function CategoryKeyCard({ patientId, held, ensureKey, onImport }: {
  patientId: Id; held: CategoryKey | undefined; ensureKey: () => CategoryKey; onImport: (key: CategoryKey) => void;
}) {
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<{ done?: string; error?: string }>({});
  const file = useRef<HTMLInputElement>(null);
  return (
    <Card title="My category key" id="category-key">
      <p>
        The chain never sees the categories of your records (lab results, mental health…), only tags made from them with your
        category key, which stays in this browser. Export it and keep the file safe: without it, neither this browser nor any other
        can name the categories of your records. Grantees get only the tags of the categories you consent to, never the key.
      </p>
      <p class="note" data-testid="category-key-state">
        {held === undefined ? 'This browser holds no category key of yours yet: one is made when you first grant a consent, or import yours below.'
          : 'This browser holds your category key.'}
      </p>
      <button type="button" data-testid="export-category-key" onClick={() => {
        downloadJson(`carechain-category-key-${patientId}.json`, exportCategoryKey(ensureKey(), patientId));
        setOutcome({ done: 'Category key exported: keep the file safe, it names every category of your records.' });
      }}>Export my category key</button>
      <Field label="Import a category key (its exported JSON)">
        <textarea name="category-key-import" rows={3} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field label="or its file">
        <input name="category-key-file" type="file" accept=".json,application/json" ref={file} onChange={async () => setText((await fileText(file.current)) ?? '')} />
      </Field>
      <button type="button" data-testid="import-category-key" onClick={() => {
        try {
          const replaced = held !== undefined;
          onImport(importCategoryKey(patientId, text));
          setText('');
          setOutcome({ done: `Category key of patient #${patientId} imported${replaced ? ' (it replaces the key this browser held)' : ''}.` });
        } catch (error) {
          setOutcome({ error: `Import failed: ${readable(error)}` });
        }
      }}>Import</button>
      {outcome.done !== undefined && <p class="done" data-testid="category-key-done">{outcome.done}</p>}
      {outcome.error !== undefined && <p class="error" role="alert" data-testid="category-key-error">{outcome.error}</p>}
    </Card>
  );
}

function Delegates({ api, me, info, onDone }: { api: ApiPromise; me: PortalAccount; info: PatientInfo | undefined; onDone: () => void }) {
  const [delegate, setDelegate] = useState('');
  const [expires, setExpires] = useState('');
  const [state, run] = useAction();
  return (
    <Card title="Delegates (guardians, caregivers)" id="delegates">
      <ul>
        {(info?.delegates ?? []).map((d) => (
          <li data-testid="delegate">
            {short(d.account)} until {d.expiresAt === undefined ? 'revoked' : when(d.expiresAt)}{' '}
            <button type="button" onClick={() => run('Removing the delegate', async (track) => {
              await track(api, patients.removeDelegate(api, d.account), me.account);
              onDone();
              return `Removed ${short(d.account)}`;
            })}>Remove</button>
          </li>
        ))}
      </ul>
      <Field label="Delegate account"><input name="delegate" value={delegate} onInput={(e) => setDelegate((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Expires (optional)"><input name="delegate-expires" type="date" value={expires} onInput={(e) => setExpires((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="add-delegate" disabled={state.busy} onClick={() => run('Adding the delegate', async (track) => {
        const at = expires === '' ? undefined : BigInt(Date.parse(expires));
        await track(api, patients.addDelegate(api, delegate.trim(), at), me.account);
        onDone();
        return `Added ${short(delegate.trim())}`;
      })}>Add delegate</button>
      <Status state={state} id="delegates" />
    </Card>
  );
}

function Consents({ api, me, patientId, consents, ensureKey, nameOf, onDone }: {
  api: ApiPromise; me: PortalAccount; patientId: Id; consents: ConsentInfo[]; ensureKey: () => CategoryKey;
  nameOf: (tag: string) => string; onDone: () => void;
}) {
  const [grantee, setGrantee] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('Treatment');
  const [access, setAccess] = useState<Access>('Read');
  const [categories, setCategories] = useState<RecordCategory[]>([]);
  const [expires, setExpires] = useState('');
  const [card, setCard] = useState<{ consentId: bigint; grantee: string; card: CategoryCard } | undefined>();
  const [state, run] = useAction();
  const toggle = (c: RecordCategory) => setCategories((now) => (now.includes(c) ? now.filter((x) => x !== c) : [...now, c]));
  return (
    <Card title="Consents" id="consents">
      <table>
        <thead><tr><th>#</th><th>to</th><th>purpose</th><th>categories</th><th>access</th><th>expires</th><th>granted by</th><th /></tr></thead>
        <tbody>
          {consents.map((c) => (
            <tr data-testid="consent-row">
              <td>{c.consentId.toString()}</td><td title={c.grantee}>{short(c.grantee)}</td><td>{c.purpose}</td>
              <td>{c.categories.map(nameOf).join(', ')}</td><td>{c.access}</td><td>{when(c.expiresAt)}</td>
              <td title={c.grantedBy}>{c.grantedBy === me.address ? 'me' : short(c.grantedBy)}</td>
              <td><button type="button" data-testid={`revoke-${c.consentId}`} onClick={() => run('Revoking', async (track) => {
                await track(api, consent.revoke(api, c.consentId), me.account);
                onDone();
                return `Consent #${c.consentId} revoked`;
              })}>Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="note">A consent holds only for its purpose, and only while whoever granted it may: one granted by a delegate lapses when the delegate is removed or expires, one granted by this key when you rotate to another.</p>
      <h3>Grant a consent</h3>
      <Field label="To (account)"><input name="grantee" value={grantee} onInput={(e) => setGrantee((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Purpose"><Select name="purpose" options={PURPOSES} value={purpose} onChange={setPurpose} /></Field>
      <Field label="Access"><Select name="access" options={ACCESSES} value={access} onChange={setAccess} /></Field>
      <fieldset class="categories">
        <legend>Categories</legend>
        {RECORD_CATEGORIES.map((c) => (
          <label><input type="checkbox" name={`category-${c}`} checked={categories.includes(c)} onChange={() => toggle(c)} /> {c}</label>
        ))}
      </fieldset>
      <Field label="Expires (optional)"><input name="consent-expires" type="datetime-local" value={expires} onInput={(e) => setExpires((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="grant" disabled={state.busy} onClick={() => run('Granting', async (track) => {
        if (categories.length === 0) throw new Error('choose at least one category');
        const expiresAt = expires === '' ? undefined : BigInt(Date.parse(expires));
        // The chain gets the categories' tags under the patient's key; the grantee gets the card.
        const chosen = RECORD_CATEGORIES.filter((c) => categories.includes(c));
        const made = categoryCard(ensureKey(), patientId, chosen);
        setCard(undefined);
        const done = await track(api, consent.grant(api, {
          patientId, grantee: grantee.trim(), purpose, categories: chosen.map((c) => tagFromCard(made, c)), access,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        }), me.account);
        const consentId = big(done.event('consent', 'ConsentGranted').consentId);
        setCard({ consentId, grantee: grantee.trim(), card: made });
        onDone();
        return `Consent #${consentId} granted. Give the grantee its category card, below.`;
      })}>Grant</button>
      <Status state={state} id="consents" />
      {card !== undefined && (
        <div class="category-card" data-testid="card-for-grantee">
          <h3>Category card for consent #{card.consentId.toString()}</h3>
          <p class="note">
            Give it to {short(card.grantee)} (off chain, by any channel you trust): it holds the tags of {Object.keys(card.card.tags).join(', ')}{' '}
            only, with which the grantee anchors and recognises your records of those categories. It is not your key.
          </p>
          <textarea name="category-card" data-testid="category-card" readOnly rows={8} value={JSON.stringify(card.card, null, 2)} />
          <button type="button" data-testid="download-card" onClick={() => downloadJson(`carechain-category-card-${card.card.patientId}-consent-${card.consentId}.json`, card.card)}>
            Download the card
          </button>
        </div>
      )}
    </Card>
  );
}

function Records({ api, me, list, nameOf, onDone }: {
  api: ApiPromise; me: PortalAccount; list: RecordInfo[]; nameOf: (tag: string) => string; onDone: () => void;
}) {
  const [state, run] = useAction();
  const [target, setTarget] = useState('');
  return (
    <Card title="Records about me" id="records">
      <table>
        <thead><tr><th>#</th><th>category</th><th>version</th><th>author</th><th>anchored</th><th>state</th></tr></thead>
        <tbody>
          {list.map((r) => (
            <tr data-testid="record-row">
              <td>{r.recordId.toString()}</td><td title={r.category}>{nameOf(r.category)}</td><td>{r.version}</td><td>{r.selfReported ? 'me' : short(r.author)}</td>
              <td>{when(r.anchoredAt)}</td>
              <td>{r.supersededBy !== undefined ? `superseded by #${r.supersededBy}` : 'current'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Field label="Erase record # (its whole version chain)"><input name="erase-id" value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="erase" disabled={state.busy} onClick={() => run('Erasing', async (track) => {
        const done = await track(api, records.erase(api, parseId(target, 'the record number')), me.account);
        onDone();
        const ids = done.event('records', 'RecordErased').recordIds?.toJSON() as number[];
        return `Erased records ${ids.map((i) => `#${i}`).join(', ')}`;
      })}>Erase</button>
      <Status state={state} id="records" />
    </Card>
  );
}
