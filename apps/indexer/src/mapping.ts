// From events to rows. Each event is kept as it was emitted (`ChainEvent`) and folded into the
// entity it changes; the typegen's decoders (src/types, `npm run typegen` in apps/) check each
// event's shape against the runtime's metadata, so a changed event fails loudly here instead of
// being stored half-read.

import * as ss58 from '@subsquid/ss58';
import type { Store } from '@subsquid/typeorm-store';
import { In, IsNull } from 'typeorm';
import {
  Batch, BatchAction, ChainEvent, Claim, Consent, Coverage, Credential, CredentialChange, DataRelease,
  Delegate, EmergencyAccess, Issuer, KeyRotation, Motion, Participation, Patient, Product, Record,
  RecordRead, Study,
} from './model';
import type { Block, Event } from './processor';
import { Entities } from './store';
import * as events from './types/events';
import * as storage from './types/storage';

const address = ss58.codec(42);
/** The events that name a record's author and category. */
const ANCHORING = ['RecordAnchored', 'RecordAmended'];

/** An account as the apps show it (SS58, prefix 42). */
export function account(hex: string): string {
  return address.encode(hex);
}

const time = (ms: bigint | number) => new Date(Number(ms));
const kind = (value: { __kind: string }) => value.__kind;
const text = (hex: string) => Buffer.from(hex.slice(2), 'hex').toString('utf8');

export class Indexer {
  private readonly events: ChainEvent[] = [];
  /** Events of earlier batches changed in this one (an erasure's). */
  private readonly rewritten: ChainEvent[] = [];
  private readonly reads: RecordRead[] = [];
  private readonly credentialChanges: CredentialChange[] = [];
  private readonly rotations: KeyRotation[] = [];
  private readonly batchActions: BatchAction[] = [];
  private readonly releases: DataRelease[] = [];

  private readonly issuers: Entities<Issuer>;
  private readonly credentials: Entities<Credential>;
  private readonly patients: Entities<Patient>;
  private readonly delegates: Entities<Delegate>;
  private readonly consents: Entities<Consent>;
  private readonly emergencies: Entities<EmergencyAccess>;
  private readonly records: Entities<Record>;
  private readonly products: Entities<Product>;
  private readonly batches: Entities<Batch>;
  private readonly coverages: Entities<Coverage>;
  private readonly claims: Entities<Claim>;
  private readonly studies: Entities<Study>;
  private readonly participations: Entities<Participation>;
  private readonly motions: Entities<Motion>;

  constructor(private readonly store: Store) {
    this.issuers = new Entities(store, Issuer);
    this.credentials = new Entities(store, Credential);
    this.patients = new Entities(store, Patient);
    this.delegates = new Entities(store, Delegate, { patient: true });
    this.consents = new Entities(store, Consent);
    this.emergencies = new Entities(store, EmergencyAccess);
    this.records = new Entities(store, Record, { previous: true });
    this.products = new Entities(store, Product);
    this.batches = new Entities(store, Batch, { product: true, parent: true });
    this.coverages = new Entities(store, Coverage);
    this.claims = new Entities(store, Claim, { original: true });
    this.studies = new Entities(store, Study);
    this.participations = new Entities(store, Participation, { study: true });
    this.motions = new Entities(store, Motion);
  }

  /**
   * What genesis put in place without an event: the issuers and credentials of the chain spec
   * (`Credentials`' genesis config, the only pallet of ours that has one), read from block 0's state.
   */
  async seedGenesis(block: Block): Promise<void> {
    for (const [who, issuer] of await storage.credentials.issuers.v111.getPairs(block)) {
      if (!issuer) continue;
      this.issuers.put(new Issuer({ id: account(who), kinds: issuer.kinds.map((k) => kind(k.kind)), active: true, registeredBlock: 0 }));
    }
    for (const [[subject, credentialKind], credential] of await storage.credentials.credentials.v111.getPairs(block)) {
      if (!credential) continue;
      this.credentials.put(new Credential({
        id: `${account(subject)}-${kind(credentialKind)}`, subject: account(subject), kind: kind(credentialKind),
        issuer: account(credential.issuer), status: kind(credential.state), validUntil: time(credential.validUntil), issuedBlock: 0,
      }));
    }
  }

  async handle(block: Block, event: Event): Promise<void> {
    const [pallet, name] = event.name.split('.');
    const args = event.args as { patientId?: bigint | string | number } | undefined;
    const signature = event.extrinsic?.signature as { address?: { __kind: string; value: string } } | undefined;
    const signer = signature?.address?.__kind === 'Id' ? account(signature.address.value) : undefined;
    this.events.push(new ChainEvent({
      id: event.id,
      block: block.height,
      blockHash: block.hash,
      timestamp: this.timestamp(block),
      index: event.index,
      extrinsicHash: event.extrinsic?.hash,
      signer,
      pallet,
      name,
      patientId: args && typeof args === 'object' && args.patientId != null ? BigInt(args.patientId) : undefined,
      args: explicit(event.args),
    }));
    await this.fold(block, event);
  }

  private timestamp(block: Block): Date {
    if (block.timestamp == null) throw new Error(`indexer: block ${block.height} has no timestamp`);
    return time(block.timestamp);
  }

  private async fold(block: Block, event: Event): Promise<void> {
    const at = this.timestamp(block);
    const height = block.height;
    const e = events;
    switch (event.name) {
      // Credentials
      case e.credentials.issuerRegistered.name:
      case e.credentials.issuerUpdated.name: {
        const { issuer, kinds } = e.credentials.issuerRegistered.v111.is(event)
          ? e.credentials.issuerRegistered.v111.decode(event)
          : e.credentials.issuerUpdated.v111.decode(event);
        const id = account(issuer);
        const row = (await this.issuers.get(id)) ?? new Issuer({ id, registeredBlock: height });
        Object.assign(row, { kinds: kinds.map(kind), active: true, removedBlock: null });
        this.issuers.put(row);
        return;
      }
      case e.credentials.issuerRemoved.name: {
        const { issuer } = e.credentials.issuerRemoved.v111.decode(event);
        const row = await this.issuers.need(account(issuer), 'issuer');
        Object.assign(row, { active: false, removedBlock: height });
        this.issuers.put(row);
        return;
      }
      case e.credentials.credentialIssued.name:
      case e.credentials.credentialRenewed.name: {
        const renewed = event.name === e.credentials.credentialRenewed.name;
        const d = renewed ? e.credentials.credentialRenewed.v111.decode(event) : e.credentials.credentialIssued.v111.decode(event);
        const id = `${account(d.subject)}-${kind(d.kind)}`;
        const row = (renewed ? await this.credentials.need(id, 'credential') : await this.credentials.get(id))
          ?? new Credential({ id, subject: account(d.subject), kind: kind(d.kind) });
        Object.assign(row, { issuer: account(d.issuer), status: 'Active', validUntil: time(d.validUntil) });
        if (!renewed) row.issuedBlock = height;
        this.credentials.put(row);
        this.credentialChange(event, row, renewed ? 'Renewed' : 'Issued', d.issuer, false, time(d.validUntil), height, at);
        return;
      }
      case e.credentials.credentialSuspended.name:
      case e.credentials.credentialReinstated.name:
      case e.credentials.credentialRevoked.name:
      case e.credentials.credentialCleared.name: {
        const d = event.args as { issuer: string; subject: string; kind: { __kind: string }; byGovernance?: boolean };
        for (const type of [e.credentials.credentialSuspended, e.credentials.credentialReinstated,
          e.credentials.credentialRevoked, e.credentials.credentialCleared]) {
          if (type.name === event.name && !type.v111.is(event)) throw new Error(`indexer: ${event.name} changed shape; run npm run typegen`);
        }
        const action = name(event).replace('Credential', '');
        const row = await this.credentials.need(`${account(d.subject)}-${kind(d.kind)}`, 'credential');
        row.status = { Suspended: 'Suspended', Reinstated: 'Active', Revoked: 'Revoked', Cleared: 'Cleared' }[action]!;
        this.credentials.put(row);
        this.credentialChange(event, row, action, d.issuer, d.byGovernance ?? false, undefined, height, at);
        return;
      }

      // Patients
      case e.patients.patientRegistered.name: {
        const d = e.patients.patientRegistered.v111.decode(event);
        this.patients.put(new Patient({
          id: d.patientId.toString(), account: account(d.account), registeredBlock: height, registeredAt: at,
        }));
        return;
      }
      case e.patients.patientOnboarded.name: {
        const d = e.patients.patientOnboarded.v111.decode(event);
        const row = await this.patients.need(d.patientId.toString(), 'patient');
        row.sponsor = account(d.sponsor);
        this.patients.put(row);
        return;
      }
      case e.patients.delegateAdded.name: {
        const d = e.patients.delegateAdded.v111.decode(event);
        const patient = await this.patients.need(d.patientId.toString(), 'patient');
        this.delegates.put(new Delegate({
          id: `${d.patientId}-${account(d.delegate)}-${height}`, patient, account: account(d.delegate),
          expiresAt: d.expiresAt == null ? null : time(d.expiresAt), addedBlock: height,
        }));
        return;
      }
      case e.patients.delegateRemoved.name: {
        const d = e.patients.delegateRemoved.v111.decode(event);
        const live = await this.store.find(Delegate, {
          where: { patient: { id: d.patientId.toString() }, account: account(d.delegate) },
          relations: { patient: true },
        });
        const cached = (await Promise.all(live.map((row) => this.delegates.get(row.id))))
          .filter((row): row is Delegate => !!row && row.removedBlock == null);
        const fresh = this.delegates.touched().filter((row) => row.patient.id === d.patientId.toString()
          && row.account === account(d.delegate) && row.removedBlock == null);
        for (const row of new Set([...cached, ...fresh])) {
          row.removedBlock = height;
          this.delegates.put(row);
        }
        return;
      }
      case e.patients.keyRotationProposed.name:
      case e.patients.keyRotated.name:
      case e.patients.keyRotationCancelled.name: {
        const patient = await this.patients.need(String((event.args as { patientId: bigint }).patientId), 'patient');
        const row = new KeyRotation({ id: event.id, patient, block: height, timestamp: at });
        if (e.patients.keyRotationProposed.v111.is(event)) {
          const d = e.patients.keyRotationProposed.v111.decode(event);
          Object.assign(row, { action: 'Proposed', oldAccount: patient.account, newAccount: account(d.newAccount) });
        } else if (e.patients.keyRotated.v111.is(event)) {
          const d = e.patients.keyRotated.v111.decode(event);
          Object.assign(row, { action: 'Rotated', oldAccount: account(d.oldAccount), newAccount: account(d.newAccount) });
          patient.account = account(d.newAccount);
          this.patients.put(patient);
        } else {
          e.patients.keyRotationCancelled.v111.decode(event);
          row.action = 'Cancelled';
        }
        this.rotations.push(row);
        return;
      }
      case e.patients.patientDeregistered.name: {
        const d = e.patients.patientDeregistered.v111.decode(event);
        const row = await this.patients.need(d.patientId.toString(), 'patient');
        row.deregisteredBlock = height;
        this.patients.put(row);
        return;
      }

      // Consent
      case e.consent.consentGranted.name: {
        const d = e.consent.consentGranted.v111.decode(event);
        this.consents.put(new Consent({
          id: d.consentId.toString(), patientId: d.patientId, grantee: account(d.grantee), purpose: kind(d.purpose),
          categories: d.categories, access: kind(d.access), expiresAt: d.expiresAt == null ? null : time(d.expiresAt),
          grantedBy: account(d.grantedBy), grantedBlock: height, grantedAt: at,
        }));
        return;
      }
      case e.consent.consentRevoked.name: {
        const d = e.consent.consentRevoked.v111.decode(event);
        const row = await this.consents.need(d.consentId.toString(), 'consent');
        Object.assign(row, { revokedBy: account(d.revokedBy), revokedBlock: height, revokedAt: at });
        this.consents.put(row);
        return;
      }
      case e.consent.emergencyAccessOpened.name: {
        const d = e.consent.emergencyAccessOpened.v111.decode(event);
        this.emergencies.put(new EmergencyAccess({
          id: d.accessId.toString(), patientId: d.patientId, clinician: account(d.clinician), reason: kind(d.reason),
          noteHash: d.noteHash, expiresAt: time(d.expiresAt), openedBlock: height, openedAt: at,
        }));
        return;
      }
      case e.consent.emergencyAccessEnded.name: {
        const d = e.consent.emergencyAccessEnded.v111.decode(event);
        const row = await this.emergencies.need(d.accessId.toString(), 'emergency access');
        Object.assign(row, { endedBy: account(d.endedBy), endedBlock: height, endedAt: at });
        this.emergencies.put(row);
        return;
      }

      // Records
      case e.records.recordAnchored.name: {
        const d = e.records.recordAnchored.v111.decode(event);
        this.records.put(new Record({
          id: d.recordId.toString(), patientId: d.patientId, category: d.category, author: account(d.author),
          selfReported: d.selfReported, anchoredBlock: height, anchoredAt: at,
        }));
        return;
      }
      case e.records.recordAmended.name: {
        const d = e.records.recordAmended.v111.decode(event);
        const previous = await this.records.need(d.previous.toString(), 'record');
        this.records.put(new Record({
          id: d.recordId.toString(), patientId: d.patientId, category: previous.category, author: account(d.author),
          selfReported: previous.selfReported, previous, anchoredBlock: height, anchoredAt: at,
        }));
        return;
      }
      case e.records.recordAccessed.name: {
        const d = e.records.recordAccessed.v111.decode(event);
        const record = await this.records.need(d.recordId.toString(), 'record');
        const read = new RecordRead({
          id: event.id, record, patientId: d.patientId, reader: account(d.reader), purpose: kind(d.purpose),
          decision: kind(d.decision), block: height, timestamp: at,
        });
        if (d.decision.__kind === 'Permitted') read.consent = await this.consents.need(d.decision.value.toString(), 'consent');
        if (d.decision.__kind === 'Emergency') {
          read.emergencyAccess = await this.emergencies.need(d.decision.value.toString(), 'emergency access');
        }
        this.reads.push(read);
        return;
      }
      case e.records.ownRecordAccessed.name: {
        // The patient's (or a live delegate's) read of its own record: in the access log too,
        // allowed by no consent or emergency access.
        const d = e.records.ownRecordAccessed.v111.decode(event);
        const record = await this.records.need(d.recordId.toString(), 'record');
        this.reads.push(new RecordRead({
          id: event.id, record, patientId: d.patientId, reader: account(d.reader), purpose: kind(d.purpose),
          decision: 'Own', block: height, timestamp: at,
        }));
        return;
      }
      case e.records.recordErased.name: {
        // The index forgets what the chain's state forgets (docs/COMPLIANCE.md, Art. 17): each
        // version's category tag and author, here and in the events that anchored it. The reads
        // stay, as the chain's `RecordAccessed` events do: they are the patient's access log.
        const d = e.records.recordErased.v111.decode(event);
        for (const id of d.recordIds) {
          const row = await this.records.need(id.toString(), 'record');
          Object.assign(row, { category: null, author: null, erasedBlock: height, erasedAt: at });
          this.records.put(row);
        }
        await this.forgetAnchoring(d.patientId, new Set(d.recordIds.map(String)));
        return;
      }

      // Supply chain
      case e.supplyChain.productRegistered.name: {
        const d = e.supplyChain.productRegistered.v111.decode(event);
        this.products.put(new Product({ id: text(d.gtin), manufacturer: account(d.manufacturer), registeredBlock: height }));
        return;
      }
      case e.supplyChain.batchCommissioned.name: {
        const d = e.supplyChain.batchCommissioned.v111.decode(event);
        const batch = this.batches.put(new Batch({
          id: d.batchId.toString(), product: await this.products.need(text(d.gtin), 'product'), gtin: text(d.gtin),
          lot: text(d.lot), quantity: BigInt(d.quantity), expiresOn: time(d.expiresOn), manufacturer: account(d.manufacturer),
          createdBlock: height, createdAt: at, recalled: false, quarantined: false,
        }));
        this.batchAction(event, batch, 'Commissioned', d.manufacturer, height, at, { quantity: BigInt(d.quantity) });
        return;
      }
      case e.supplyChain.shipped.name: {
        const d = e.supplyChain.shipped.v111.decode(event);
        const parent = await this.batches.need(d.batchId.toString(), 'batch');
        const child = this.batches.put(new Batch({
          id: d.childBatchId.toString(), product: parent.product, gtin: parent.gtin, lot: parent.lot,
          quantity: BigInt(d.quantity), expiresOn: parent.expiresOn, parent, manufacturer: parent.manufacturer,
          createdBlock: height, createdAt: at, recalled: false, quarantined: false,
        }));
        const extra = { quantity: BigInt(d.quantity), counterparty: account(d.to), shipmentId: d.shipmentId };
        this.batchAction(event, parent, 'Shipped', d.from, height, at, extra);
        this.batchAction(event, child, 'Split', d.from, height, at, extra, '-child');
        return;
      }
      case e.supplyChain.received.name:
      case e.supplyChain.shipmentReturned.name: {
        const received = event.name === e.supplyChain.received.name;
        const d = received ? e.supplyChain.received.v111.decode(event) : e.supplyChain.shipmentReturned.v111.decode(event);
        const batch = await this.batches.need(d.batchId.toString(), 'batch');
        this.batchAction(event, batch, received ? 'Received' : 'Returned', d.by, height, at,
          { quantity: BigInt(d.quantity), shipmentId: d.shipmentId });
        return;
      }
      case e.supplyChain.dispensed.name:
      case e.supplyChain.destroyed.name: {
        const dispensed = event.name === e.supplyChain.dispensed.name;
        const d = dispensed ? e.supplyChain.dispensed.v111.decode(event) : e.supplyChain.destroyed.v111.decode(event);
        const batch = await this.batches.need(d.batchId.toString(), 'batch');
        this.batchAction(event, batch, dispensed ? 'Dispensed' : 'Destroyed', d.by, height, at, { quantity: BigInt(d.quantity) });
        return;
      }
      case e.supplyChain.recalled.name: {
        const d = e.supplyChain.recalled.v111.decode(event);
        const batch = await this.batches.need(d.batchId.toString(), 'batch');
        batch.recalled = true;
        this.batches.put(batch);
        this.batchAction(event, batch, 'Recalled', d.by, height, at, { reasonHash: d.reasonHash });
        return;
      }
      case e.supplyChain.quarantined.name:
      case e.supplyChain.released.name: {
        const quarantined = event.name === e.supplyChain.quarantined.name;
        const d = quarantined ? e.supplyChain.quarantined.v111.decode(event) : e.supplyChain.released.v111.decode(event);
        const batch = await this.batches.need(d.batchId.toString(), 'batch');
        batch.quarantined = quarantined;
        this.batches.put(batch);
        this.batchAction(event, batch, quarantined ? 'Quarantined' : 'Released', d.by, height, at, {});
        return;
      }

      // Claims
      case e.claims.coverageRegistered.name: {
        const d = e.claims.coverageRegistered.v111.decode(event);
        this.coverages.put(new Coverage({
          id: d.coverageId.toString(), patientId: d.patientId, payer: account(d.payer), validFrom: BigInt(d.validFrom),
          validUntil: BigInt(d.validUntil), registeredBlock: height,
        }));
        return;
      }
      case e.claims.coverageEnded.name: {
        const d = e.claims.coverageEnded.v111.decode(event);
        const row = await this.coverages.need(d.coverageId.toString(), 'coverage');
        row.validUntil = BigInt(d.validUntil);
        this.coverages.put(row);
        return;
      }
      case e.claims.coverageRemoved.name: {
        const d = e.claims.coverageRemoved.v111.decode(event);
        const row = await this.coverages.need(d.coverageId.toString(), 'coverage');
        row.removedBlock = height;
        this.coverages.put(row);
        return;
      }
      case e.claims.claimSubmitted.name: {
        const d = e.claims.claimSubmitted.v111.decode(event);
        this.claims.put(new Claim({
          id: d.claimId.toString(), patientId: d.patientId, provider: account(d.provider), payer: account(d.payer),
          coverage: d.coverageId.toString(), encounterId: d.encounterId, billedAmount: d.billed.amount,
          currency: text(d.billed.currency), status: 'Submitted', submittedBlock: height, submittedAt: at, updatedBlock: height,
        }));
        return;
      }
      case e.claims.claimReplaced.name: {
        const d = e.claims.claimReplaced.v111.decode(event);
        const original = await this.claims.need(d.original.toString(), 'claim');
        original.status = 'Replaced';
        original.updatedBlock = height;
        this.claims.put(original);
        this.claims.put(new Claim({
          id: d.claimId.toString(), patientId: d.patientId, provider: original.provider, payer: original.payer,
          coverage: original.coverage, encounterId: original.encounterId, billedAmount: d.billed.amount,
          currency: text(d.billed.currency), original, status: 'Submitted', submittedBlock: height, submittedAt: at,
          updatedBlock: height,
        }));
        return;
      }
      case e.claims.claimVoided.name:
      case e.claims.claimCleared.name: {
        const voided = event.name === e.claims.claimVoided.name;
        const d = voided ? e.claims.claimVoided.v111.decode(event) : e.claims.claimCleared.v111.decode(event);
        const row = await this.claims.need(d.claimId.toString(), 'claim');
        // A cleared claim left the chain's storage; its history stays here, its last status too.
        if (voided) row.status = 'Voided';
        row.updatedBlock = height;
        this.claims.put(row);
        return;
      }
      case e.claims.claimAdjudicated.name: {
        const d = e.claims.claimAdjudicated.v111.decode(event);
        const row = await this.claims.need(d.claimId.toString(), 'claim');
        Object.assign(row, {
          status: 'Adjudicated', outcome: kind(d.outcome), allowed: d.allowed,
          patientResponsibility: d.patientResponsibility, reasons: d.reasons.map(kind), updatedBlock: height,
        });
        this.claims.put(row);
        return;
      }
      case e.claims.claimPaid.name: {
        const d = e.claims.claimPaid.v111.decode(event);
        const row = await this.claims.need(d.claimId.toString(), 'claim');
        Object.assign(row, { status: 'Paid', paid: d.amount, remittanceHash: d.remittanceHash, updatedBlock: height });
        this.claims.put(row);
        return;
      }
      case e.claims.claimAppealed.name: {
        const d = e.claims.claimAppealed.v111.decode(event);
        const row = await this.claims.need(d.claimId.toString(), 'claim');
        Object.assign(row, { status: 'Appealed', evidenceHash: d.evidenceHash, updatedBlock: height });
        this.claims.put(row);
        return;
      }

      // Trials
      case e.trials.studyRegistered.name: {
        const d = e.trials.studyRegistered.v111.decode(event);
        this.studies.put(new Study({
          id: d.studyId.toString(), sponsor: account(d.sponsor), kind: kind(d.kind), registryHash: d.registryHash,
          categoriesHash: d.categoriesHash, categoryCount: d.categoryCount, target: d.target, minCohort: d.minCohort,
          status: 'NotYetRecruiting', version: 1, registeredBlock: height,
        }));
        return;
      }
      case e.trials.protocolAmended.name: {
        const d = e.trials.protocolAmended.v111.decode(event);
        const row = await this.studies.need(d.studyId.toString(), 'study');
        row.version = d.version;
        this.studies.put(row);
        return;
      }
      case e.trials.statusChanged.name: {
        const d = e.trials.statusChanged.v111.decode(event);
        const row = await this.studies.need(d.studyId.toString(), 'study');
        row.status = kind(d.to);
        this.studies.put(row);
        return;
      }
      case e.trials.investigatorAdded.name:
      case e.trials.investigatorRemoved.name:
        // Kept as ChainEvents: the study's investigators are a query over them.
        return;
      case e.trials.participantConsented.name: {
        const d = e.trials.participantConsented.v111.decode(event);
        const study = await this.studies.need(d.studyId.toString(), 'study');
        const id = `${d.studyId}-${d.patientId}`;
        const row = (await this.participations.get(id)) ?? new Participation({ id, study, patientId: d.patientId });
        Object.assign(row, {
          status: row.enrolledBlock != null && row.withdrewBlock == null ? 'Enrolled' : 'Consented',
          version: d.version, consentId: d.consentId, consentedBlock: height,
        });
        this.participations.put(row);
        return;
      }
      case e.trials.participantEnrolled.name: {
        const d = e.trials.participantEnrolled.v111.decode(event);
        const row = await this.participations.need(`${d.studyId}-${d.patientId}`, 'participation');
        Object.assign(row, { status: 'Enrolled', version: d.version, investigator: account(d.investigator), enrolledBlock: height });
        this.participations.put(row);
        return;
      }
      case e.trials.participantWithdrew.name: {
        const d = e.trials.participantWithdrew.v111.decode(event);
        const row = await this.participations.need(`${d.studyId}-${d.patientId}`, 'participation');
        Object.assign(row, { status: 'Withdrew', withdrewBlock: height });
        this.participations.put(row);
        return;
      }
      case e.trials.participantDeclined.name: {
        const d = e.trials.participantDeclined.v111.decode(event);
        const row = await this.participations.need(`${d.studyId}-${d.patientId}`, 'participation');
        Object.assign(row, { status: 'Declined', declinedBy: account(d.by), declinedBlock: height });
        this.participations.put(row);
        return;
      }
      case e.trials.participationCleared.name: {
        const d = e.trials.participationCleared.v111.decode(event);
        const row = await this.participations.need(`${d.studyId}-${d.patientId}`, 'participation');
        row.status = 'Cleared';
        this.participations.put(row);
        return;
      }
      case e.trials.dataReleased.name: {
        const d = e.trials.dataReleased.v111.decode(event);
        const study = await this.studies.need(d.studyId.toString(), 'study');
        this.releases.push(new DataRelease({
          id: event.id, study, release: d.release, version: d.version, cohortSize: d.cohortSize,
          requestHash: d.requestHash, block: height, timestamp: at,
        }));
        return;
      }
      case e.trials.resultsCommitted.name: {
        const d = e.trials.resultsCommitted.v111.decode(event);
        const row = await this.studies.need(d.studyId.toString(), 'study');
        Object.assign(row, { resultsHash: d.resultsHash, outcomesSwitched: d.outcomesSwitched, resultsLate: d.late });
        this.studies.put(row);
        return;
      }

      // Governance
      case e.council.proposed.name: {
        const d = e.council.proposed.v111.decode(event);
        this.motions.put(new Motion({
          id: `${d.proposalHash}-${height}`, proposalHash: d.proposalHash, index: d.proposalIndex, proposer: account(d.account), threshold: BigInt(d.threshold),
          ayes: 1, nays: 0, status: 'Proposed', proposedBlock: height,
        }));
        return;
      }
      case e.council.voted.name: {
        const d = e.council.voted.v111.decode(event);
        const row = await this.openMotion(d.proposalHash);
        if (!row) throw new Error(`indexer: no open motion ${d.proposalHash} is indexed; the index has a gap (re-index from genesis)`);
        Object.assign(row, { ayes: d.yes, nays: d.no });
        this.motions.put(row);
        return;
      }
      case e.council.approved.name:
      case e.council.disapproved.name:
      case e.council.closed.name: {
        const hash = (event.args as { proposalHash: string }).proposalHash;
        const row = await this.openMotion(hash);
        if (!row) throw new Error(`indexer: no open motion ${hash} is indexed; the index has a gap (re-index from genesis)`);
        if (e.council.closed.v111.is(event)) {
          const d = e.council.closed.v111.decode(event);
          Object.assign(row, { ayes: d.yes, nays: d.no });
        } else {
          row.status = event.name === e.council.approved.name ? 'Approved' : 'Disapproved';
          if (row.status === 'Disapproved') row.closedBlock = height;
        }
        this.motions.put(row);
        return;
      }
      case e.council.executed.name:
      case e.council.memberExecuted.name: {
        const d = e.council.executed.v111.is(event)
          ? e.council.executed.v111.decode(event)
          : e.council.memberExecuted.v111.decode(event);
        // A motion of a one-member consortium executes as it is proposed, with no `Proposed` event.
        const row = (await this.openMotion(d.proposalHash))
          ?? new Motion({ id: `${d.proposalHash}-${height}`, proposalHash: d.proposalHash, ayes: 1, nays: 0, proposedBlock: height });
        Object.assign(row, { status: 'Executed', succeeded: d.result.__kind === 'Ok', closedBlock: height });
        this.motions.put(row);
        return;
      }
      default:
        // Every other listed event (membership changes, validators, proposal costs) is kept as a ChainEvent.
        return;
    }
  }

  /** The motion on this call that is still open (not executed, disapproved or closed), if any. */
  private async openMotion(hash: string): Promise<Motion | undefined> {
    const fresh = this.motions.touched().filter((m) => m.proposalHash === hash && m.closedBlock == null);
    if (fresh.length > 0) return fresh[fresh.length - 1];
    const stored = await this.store.findOne(Motion, { where: { proposalHash: hash, closedBlock: IsNull() }, order: { proposedBlock: 'DESC' } });
    return stored ? await this.motions.get(stored.id) : undefined;
  }

  private credentialChange(event: Event, credential: Credential, action: string, issuer: string, byGovernance: boolean,
    validUntil: Date | undefined, block: number, timestamp: Date): void {
    this.credentialChanges.push(new CredentialChange({
      id: event.id, credential, action, issuer: account(issuer), byGovernance, validUntil, block, timestamp,
    }));
  }

  private batchAction(event: Event, batch: Batch, action: string, actor: string, block: number, timestamp: Date,
    extra: Partial<BatchAction>, suffix = ''): void {
    this.batchActions.push(new BatchAction({
      id: event.id + suffix, batch, action, actor: account(actor), block, timestamp, ...extra,
    }));
  }

  /**
   * Blanks the author (and signer) and category tag of the `RecordAnchored` and `RecordAmended`
   * events of `recordIds`, whether written in an earlier batch or still waiting in this one.
   */
  private async forgetAnchoring(patientId: bigint, recordIds: Set<string>): Promise<void> {
    const anchoring = (row: ChainEvent) => row.pallet === 'Records' && ANCHORING.includes(row.name)
      && recordIds.has(String((row.args as { recordId?: unknown }).recordId));
    const forget = (row: ChainEvent) => {
      row.args = { ...(row.args as object), author: null, ...(row.name === 'RecordAnchored' ? { category: null } : {}) };
      row.signer = null;
    };
    this.events.filter(anchoring).forEach(forget);
    const written = await this.store.find(ChainEvent, { where: { pallet: 'Records', name: In(ANCHORING), patientId } });
    for (const row of written.filter(anchoring)) {
      forget(row);
      this.rewritten.push(row);
    }
  }

  /** Writes the batch, every referenced row before the rows that reference it. */
  async save(): Promise<void> {
    const s = this.store;
    await s.insert(this.events);
    await s.upsert(this.rewritten);
    await s.upsert(this.issuers.touched());
    await s.upsert(this.credentials.touched());
    await s.insert(this.credentialChanges);
    await s.upsert(this.patients.touched());
    await s.upsert(this.delegates.touched());
    await s.insert(this.rotations);
    await s.upsert(this.consents.touched());
    await s.upsert(this.emergencies.touched());
    await s.upsert(this.records.touched());
    await s.insert(this.reads);
    await s.upsert(this.products.touched());
    await s.upsert(this.batches.touched());
    await s.insert(this.batchActions);
    await s.upsert(this.coverages.touched());
    await s.upsert(this.claims.touched());
    await s.upsert(this.studies.touched());
    await s.upsert(this.participations.touched());
    await s.insert(this.releases);
    await s.upsert(this.motions.touched());
  }
}

/** The fields with every absent value (an `Option`'s `None`) written as `null`, so JSON keeps the key. */
function explicit(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map(explicit);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, explicit(v)]));
  return value;
}

function name(event: Event): string {
  return event.name.split('.')[1];
}
