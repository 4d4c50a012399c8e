// The provider's page: credential status, anchoring and amending records for a consenting patient
// (the file is hashed here and never leaves the browser), verifying, logging reads, break-glass.

import type { ApiPromise } from '@polkadot/api';
import type { CarechainPrimitivesAccessDecision } from '@polkadot/types/lookup';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import {
  CREDENTIAL_KINDS, EMERGENCY_REASONS, PURPOSES, RECORD_CATEGORIES, big, consent, contentHash, credentials, hashOf,
  randomSalt, records, type CredentialKind, type CredentialStatus, type EmergencyReason, type Purpose, type RecordCategory,
} from '../../src/lib/index.js';
import { fileBytes, parseId, useAction, type PortalAccount } from './chain.js';
import { Card, Field, Select, Status } from './ui.js';

export function ProviderPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [statuses, setStatuses] = useState<[CredentialKind, CredentialStatus][] | undefined>();
  useEffect(() => {
    void (async () => {
      const all = await Promise.all(CREDENTIAL_KINDS.map(async (kind) => [kind, await credentials.credentialStatus(api, me.address, kind)] as [CredentialKind, CredentialStatus]));
      setStatuses(all.filter(([, status]) => status !== 'None'));
    })();
  }, [api, me.address]);
  return (
    <div class="page" data-testid="provider-page" data-account={me.address}>
      <Card title="My credentials" id="credentials">
        {statuses === undefined ? <p>Loading…</p> : statuses.length === 0 ? <p data-testid="no-credentials">No credential: you cannot act as a provider.</p> : (
          <ul>{statuses.map(([kind, status]) => <li data-testid={`credential-${kind}`}>{kind}: <strong>{status}</strong></li>)}</ul>
        )}
      </Card>
      <Anchor api={api} me={me} />
      <Verify api={api} />
      <LogRead api={api} me={me} />
      <BreakGlass api={api} me={me} />
    </div>
  );
}

function Anchor({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [patientId, setPatientId] = useState('');
  const [category, setCategory] = useState<RecordCategory>('LabResults');
  const [amendOf, setAmendOf] = useState('');
  const [storageKey, setStorageKey] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const [state, run] = useAction();
  const [decisionNote, setDecisionNote] = useState('');
  return (
    <Card title="Anchor or amend a record" id="anchor">
      <p>The file is hashed in this browser with a fresh salt; only the salted hash goes on chain. Store the file and its salt in your records system.</p>
      <Field label="Patient #"><input name="anchor-patient" value={patientId} onInput={(e) => setPatientId((e.target as HTMLInputElement).value)} onBlur={async () => {
        if (!/^\d+$/.test(patientId)) return;
        // Writing a record is held to a Treatment consent with write access (or break-glass).
        const d = await consent.checkAccessFor(api, BigInt(patientId), me.address, category, 'Write', 'Treatment');
        setDecisionNote(d.kind === 'Permitted' ? `You may write ${category} for treatment (consent #${d.consentId}).` : d.kind === 'Emergency' ? `Emergency access #${d.accessId}.` : `No treatment consent to write ${category} for this patient.`);
      }} /></Field>
      <Field label="Category"><Select name="anchor-category" options={RECORD_CATEGORIES} value={category} onChange={setCategory} /></Field>
      <Field label="Amend record # (empty for a new record)"><input name="amend-of" value={amendOf} onInput={(e) => setAmendOf((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Storage key (where the encrypted file lives)"><input name="storage-key" value={storageKey} onInput={(e) => setStorageKey((e.target as HTMLInputElement).value)} /></Field>
      <Field label="File"><input name="anchor-file" type="file" ref={file} /></Field>
      {decisionNote && <p class="note" data-testid="anchor-decision">{decisionNote}</p>}
      <button type="button" data-testid="anchor" disabled={state.busy} onClick={() => run(amendOf === '' ? 'Anchoring' : 'Amending', async (track) => {
        const bytes = await fileBytes(file.current);
        const salt = randomSalt();
        const hash = contentHash(salt, bytes);
        const storageRef = hashOf(storageKey.trim() || (file.current?.files?.[0]?.name ?? 'record'));
        if (amendOf.trim() !== '') {
          const done = await track(api, records.amend(api, parseId(amendOf, 'the record to amend'), hash, storageRef), me.account);
          const event = done.event('records', 'RecordAmended');
          return `Record #${big(event.recordId)} amends #${big(event.previous)}. Salt: ${u8aToHex(salt)}`;
        }
        const done = await track(api, records.anchor(api, { patientId: parseId(patientId, 'the patient number'), category, contentHash: hash, storageRef }), me.account);
        return `Record #${big(done.event('records', 'RecordAnchored').recordId)} anchored. Salt: ${u8aToHex(salt)}`;
      })}>Anchor</button>
      <Status state={state} id="anchor" />
    </Card>
  );
}

function Verify({ api }: { api: ApiPromise }) {
  const [recordId, setRecordId] = useState('');
  const [salt, setSalt] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const [answer, setAnswer] = useState('');
  return (
    <Card title="Verify a record against a file" id="verify">
      <Field label="Record #"><input name="verify-record" value={recordId} onInput={(e) => setRecordId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Salt (0x…)"><input name="verify-salt" value={salt} onInput={(e) => setSalt((e.target as HTMLInputElement).value)} /></Field>
      <Field label="File"><input name="verify-file" type="file" ref={file} /></Field>
      <button type="button" data-testid="verify" onClick={async () => {
        try {
          if (!isHex(salt.trim(), 256)) throw new Error('the salt is 32 bytes of 0x-hex');
          const result = await records.verify(api, parseId(recordId, 'the record number'), contentHash(hexToU8a(salt.trim()), await fileBytes(file.current)));
          setAnswer(result.kind === 'Superseded' ? `Superseded by #${result.newerId}` : result.kind);
        } catch (error) {
          setAnswer(`Cannot verify: ${error instanceof Error ? error.message : String(error)}`);
        }
      }}>Verify</button>
      {answer && <p class="answer" data-testid="verify-answer">{answer}</p>}
    </Card>
  );
}

function LogRead({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [recordId, setRecordId] = useState('');
  const [purpose, setPurpose] = useState<Purpose>('Treatment');
  const [state, run] = useAction();
  return (
    <Card title="Log a read" id="log-read">
      <p>Record that you read a record, under the consent for this purpose (or, for treatment, the emergency access) that allows it.</p>
      <Field label="Record #"><input name="read-record" value={recordId} onInput={(e) => setRecordId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Purpose"><Select name="read-purpose" options={PURPOSES} value={purpose} onChange={setPurpose} /></Field>
      <button type="button" data-testid="log-read" disabled={state.busy} onClick={() => run('Logging the read', async (track) => {
        const done = await track(api, records.logAccess(api, parseId(recordId, 'the record number'), purpose), me.account);
        const d = consent.decodeDecision(done.event('records', 'RecordAccessed').decision as CarechainPrimitivesAccessDecision);
        return `Read logged, allowed by ${d.kind === 'Permitted' ? `consent #${d.consentId}` : d.kind === 'Emergency' ? `emergency access #${d.accessId}` : 'nothing'}`;
      })}>Log read</button>
      <Status state={state} id="log-read" />
    </Card>
  );
}

function BreakGlass({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [patientId, setPatientId] = useState('');
  const [reason, setReason] = useState<EmergencyReason>('PatientUnconscious');
  const [note, setNote] = useState('');
  const [state, run] = useAction();
  return (
    <Card title="Break the glass" id="break-glass">
      <p class="warning">Emergency access is time-boxed, shown to the patient and audited. Write your justification; only its hash goes on chain.</p>
      <Field label="Patient #"><input name="glass-patient" value={patientId} onInput={(e) => setPatientId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Reason"><Select name="glass-reason" options={EMERGENCY_REASONS} value={reason} onChange={setReason} /></Field>
      <Field label="Justification (kept off chain)"><textarea name="glass-note" rows={2} value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} /></Field>
      <button type="button" class="danger" data-testid="break-glass" disabled={state.busy} onClick={() => run('Breaking the glass', async (track) => {
        if (note.trim() === '') throw new Error('write a justification first');
        const done = await track(api, consent.breakGlass(api, parseId(patientId, 'the patient number'), reason, hashOf(note)), me.account);
        return `Emergency access #${big(done.event('consent', 'EmergencyAccessOpened').accessId)} opened`;
      })}>Break the glass</button>
      <Status state={state} id="break-glass" />
    </Card>
  );
}
