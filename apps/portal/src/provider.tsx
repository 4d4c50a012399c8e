// The provider's page: credential status, the patient's category card, anchoring and amending
// records for a consenting patient (the file is hashed here and never leaves the browser, or,
// with a gateway configured, stored encrypted in it), the patient's documents at the gateway,
// verifying, logging reads, break-glass. A record's category goes on chain only as the patient's
// tag for it, which the provider takes from the card the patient gave it; under break-glass,
// without a card, it anchors under a random tag ("category not known" to the patient).

import type { ApiPromise } from '@polkadot/api';
import type { CarechainPrimitivesAccessDecision } from '@polkadot/types/lookup';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import {
  CREDENTIAL_KINDS, EMERGENCY_REASONS, PURPOSES, RECORD_CATEGORIES, big, categoryFromCard, consent, contentHash, credentials, hashOf,
  parseCategoryCard, randomCategoryTag, randomSalt, records, tagFromCard, type CategoryCard, type CategoryTag, type CredentialKind,
  type CredentialStatus, type EmergencyReason, type Purpose, type RecordCategory,
} from '../../src/lib/index.js';
import { fileBytes, parseId, readable, useAction, type PortalAccount } from './chain.js';
import { ProviderClaims } from './claims.js';
import { Card, Field, Select, Status, fileText } from './ui.js';
import { GATEWAY, GatewayDocuments, storeInGateway } from './documents.js';
import { ProviderActions } from './history.js';

/** The anchor form's choice for a record whose category the provider holds no tag of: break-glass. */
const NOT_KNOWN = 'not-known';
type Choice = RecordCategory | typeof NOT_KNOWN;

export function ProviderPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [statuses, setStatuses] = useState<[CredentialKind, CredentialStatus][] | undefined>();
  const [card, setCard] = useState<CategoryCard | undefined>();
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
      <PatientCard card={card} onCard={setCard} />
      <Anchor api={api} me={me} card={card} />
      <GatewayDocuments api={api} me={me} nameOf={(tag) => (card === undefined ? undefined : categoryFromCard(card, tag)) ?? `${tag.slice(0, 10)}…`} />
      <ProviderClaims api={api} me={me} card={card} />
      <Verify api={api} />
      <LogRead api={api} me={me} />
      <BreakGlass api={api} me={me} />
      <ProviderActions account={me.address} />
    </div>
  );
}

export function PatientCard({ card, onCard }: { card: CategoryCard | undefined; onCard: (card: CategoryCard | undefined) => void }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const file = useRef<HTMLInputElement>(null);
  const load = (value: string) => {
    setText(value);
    if (value.trim() === '') {
      setProblem(undefined);
      onCard(undefined);
      return;
    }
    try {
      onCard(parseCategoryCard(value));
      setProblem(undefined);
    } catch (error) {
      onCard(undefined);
      setProblem(`Not a category card: ${readable(error)}`);
    }
  };
  return (
    <Card title="The patient's category card" id="patient-card">
      <p>
        A patient who consents gives you a category card: the tags that name, on chain, the categories you may write and read
        (the chain never sees a category). Paste it or choose its file; it stays in this browser.
      </p>
      <Field label="Category card (JSON)">
        <textarea name="patient-card" rows={3} value={text} onInput={(e) => load((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <Field label="or its file">
        <input name="patient-card-file" type="file" accept=".json,application/json" ref={file} onChange={async () => load((await fileText(file.current)) ?? '')} />
      </Field>
      {card !== undefined && (
        <p class="note" data-testid="patient-card-summary">Card of patient #{card.patientId}: {Object.keys(card.tags).join(', ')}</p>
      )}
      {problem !== undefined && <p class="error" role="alert" data-testid="patient-card-error">{problem}</p>}
    </Card>
  );
}

function Anchor({ api, me, card }: { api: ApiPromise; me: PortalAccount; card: CategoryCard | undefined }) {
  const [patientId, setPatientId] = useState('');
  const choices: Choice[] = [...RECORD_CATEGORIES.filter((c) => card?.tags[c] !== undefined), NOT_KNOWN];
  const [category, setCategory] = useState<Choice>(NOT_KNOWN);
  // A new card: its patient and its first category.
  useEffect(() => {
    setCategory(choices[0] ?? NOT_KNOWN);
    if (card !== undefined) setPatientId(card.patientId);
  }, [card]);
  const [amendOf, setAmendOf] = useState('');
  const [storageKey, setStorageKey] = useState('');
  const [viaGateway, setViaGateway] = useState(GATEWAY !== undefined);
  const file = useRef<HTMLInputElement>(null);
  const [state, run] = useAction();
  const [decisionNote, setDecisionNote] = useState('');
  /** The tag to write under: the card's for its categories (checked to be this patient's card), or a random one. */
  const tagFor = (patient: bigint): CategoryTag => {
    if (category === NOT_KNOWN) return randomCategoryTag();
    if (card === undefined) throw new Error('load the patient\'s category card first');
    if (BigInt(card.patientId) !== patient) throw new Error(`the category card loaded is patient #${card.patientId}'s, not patient #${patient}'s`);
    return tagFromCard(card, category);
  };
  const what = category === NOT_KNOWN ? 'a record of a category you hold no tag of' : category;
  return (
    <Card title="Anchor or amend a record" id="anchor">
      {viaGateway
        ? <p>The file goes to the gateway at {GATEWAY}, which stores it encrypted and answers its salted hash; only that hash goes on chain, and the gateway releases the file only to readers the chain permits, each read on the chain's log.</p>
        : <p>The file is hashed in this browser with a fresh salt; only the salted hash goes on chain. Store the file and its salt in your records system.</p>}
      <Field label="Patient #"><input name="anchor-patient" value={patientId} onInput={(e) => setPatientId((e.target as HTMLInputElement).value)} onBlur={async () => {
        if (!/^\d+$/.test(patientId)) return;
        let tag: CategoryTag;
        try {
          tag = tagFor(BigInt(patientId));
        } catch (error) {
          setDecisionNote(readable(error));
          return;
        }
        // Writing a record is held to a Treatment consent with write access (or break-glass).
        const d = await consent.checkAccessFor(api, BigInt(patientId), me.address, tag, 'Write', 'Treatment');
        setDecisionNote(d.kind === 'Permitted' ? `You may write ${what} for treatment (consent #${d.consentId}).`
          : d.kind === 'Emergency' ? `Emergency access #${d.accessId}${category === NOT_KNOWN ? ': the record goes under a random tag, and the patient sees its category as not known' : ''}.`
          : `No treatment consent to write ${what} for this patient.`);
      }} /></Field>
      <Field label="Category (from the patient's card)">
        <Select name="anchor-category" options={choices} value={category} onChange={setCategory}
          labels={{ [NOT_KNOWN]: 'not known to the patient (break-glass: a random tag)' }} />
      </Field>
      <Field label="Amend record # (empty for a new record)"><input name="amend-of" value={amendOf} onInput={(e) => setAmendOf((e.target as HTMLInputElement).value)} /></Field>
      {GATEWAY !== undefined && (
        <label class="field"><span><input type="checkbox" name="store-in-gateway" checked={viaGateway} onChange={(e) => setViaGateway((e.target as HTMLInputElement).checked)} /> Store the file encrypted in the gateway</span></label>
      )}
      {!viaGateway && <Field label="Storage key (where the encrypted file lives)"><input name="storage-key" value={storageKey} onInput={(e) => setStorageKey((e.target as HTMLInputElement).value)} /></Field>}
      <Field label="File"><input name="anchor-file" type="file" ref={file} /></Field>
      {decisionNote && <p class="note" data-testid="anchor-decision">{decisionNote}</p>}
      <button type="button" data-testid="anchor" disabled={state.busy} onClick={() => run(amendOf === '' ? 'Anchoring' : 'Amending', async (track) => {
        if (viaGateway) {
          const chosen = file.current?.files?.[0];
          if (chosen === undefined) throw new Error('choose a file first');
          if (amendOf.trim() !== '') {
            const previousId = parseId(amendOf, 'the record to amend');
            const previous = await records.record(api, previousId);
            if (previous === undefined) throw new Error(`no record #${previousId} is anchored`);
            // An amendment keeps its record's patient and category: the upload names them.
            const stored = await storeInGateway(me, previous.patientId, previous.category, chosen);
            const done = await track(api, records.amend(api, previousId, stored.contentHash, stored.storageRef), me.account);
            const event = done.event('records', 'RecordAmended');
            return `Record #${big(event.recordId)} amends #${big(event.previous)}; the gateway holds its file encrypted.`;
          }
          const patient = parseId(patientId, 'the patient number');
          const tag = tagFor(patient);
          const stored = await storeInGateway(me, patient, tag, chosen);
          const done = await track(api, records.anchor(api, { patientId: patient, category: tag, ...stored }), me.account);
          return `Record #${big(done.event('records', 'RecordAnchored').recordId)} anchored; the gateway holds its file encrypted.`;
        }
        const bytes = await fileBytes(file.current);
        const salt = randomSalt();
        const hash = contentHash(salt, bytes);
        const storageRef = hashOf(storageKey.trim() || (file.current?.files?.[0]?.name ?? 'record'));
        if (amendOf.trim() !== '') {
          const done = await track(api, records.amend(api, parseId(amendOf, 'the record to amend'), hash, storageRef), me.account);
          const event = done.event('records', 'RecordAmended');
          return `Record #${big(event.recordId)} amends #${big(event.previous)}. Salt: ${u8aToHex(salt)}`;
        }
        const patient = parseId(patientId, 'the patient number');
        const done = await track(api, records.anchor(api, { patientId: patient, category: tagFor(patient), contentHash: hash, storageRef }), me.account);
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
