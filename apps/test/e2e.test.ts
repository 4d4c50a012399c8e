// End-to-end stories against a real dev node (the workspace's debug build, started on free
// loopback ports and stopped at the end). The stories run concurrently, each with its own
// signers, so the whole file takes about as long as its longest story. With CARECHAIN_E2E_NODE
// set to a node's URL they run against that node instead (the indexer test follows them).

import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiPromise } from '@polkadot/api';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { CarechainPrimitivesAccessDecision } from '@polkadot/types/lookup';
import { compactFromU8a, hexToU8a, stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { nodeBinary, startNode, type RunningNode } from '../src/node.js';
import {
  ACCESSES, CREDENTIAL_KINDS, CREDENTIAL_STATUSES, EMERGENCY_REASONS, PURPOSES, RECORD_CATEGORIES, batchAll, big, categoryCard,
  categoryFromCard, categoryOf, categoryTag, connect, consent, contentHash, credentials, gtinFromBody, hashOf, newCategoryKey,
  parseCategoryCard, parseCategoryKeyExport, patientCommitment, patients, randomCategoryTag, randomSalt, records, serialProof,
  serialTreeRows, signer, submit, supplyChain, eventFields, tagFromCard, claims, trials, type RecordCategory,
} from '../src/lib/index.js';
import { UNIT, accounts, assertTryState, chainNow, cli, refused, waitForChainTime } from './helpers.js';

const VALID_UNTIL_2100 = 4_102_444_800_000n;
const DAY = 86_400_000n;

let node: RunningNode | undefined;
let url: string;
let api: ApiPromise;
let dev: Record<'alice' | 'bob' | 'charlie' | 'dave' | 'eve' | 'ferdie', KeyringPair>;
const clinic = await accounts('Clinic', ['patient', 'doctor', 'er', 'carer'] as const);
const bad = await accounts('Bad', ['patient', 'reader', 'maker'] as const);
const tool = await accounts('Cli', ['patient', 'maker'] as const);
const onboard = await accounts('Onboard', ['clerk', 'doctor'] as const);
const billing = await accounts('Billing', ['patient', 'doctor', 'insurer'] as const);
// The trials story's own sponsor, hospital and investigator: the stories run at once, and two
// signing with one account (the dev hospital, Bob) would take the same nonce.
const research = await accounts('Research', ['sponsor', 'hospital', 'investigator'] as const);

before(async () => {
  if (process.env.CARECHAIN_E2E_NODE) {
    url = process.env.CARECHAIN_E2E_NODE;
  } else {
    node = await startNode({ binary: nodeBinary('debug'), chain: 'dev' });
    url = node.url;
  }
  api = await connect(url);
  dev = {
    alice: await signer('//Alice'), bob: await signer('//Bob'), charlie: await signer('//Charlie'),
    dave: await signer('//Dave'), eve: await signer('//Eve'), ferdie: await signer('//Ferdie'),
  };
  // Fund every throwaway account, and give the two test manufacturers and the onboarding story's
  // physician their credential, in one all-or-nothing batch from the dev regulator.
  const fresh = [...Object.values(clinic), ...Object.values(bad), ...Object.values(tool), ...Object.values(onboard), ...Object.values(billing),
    ...Object.values(research)];
  await submit(api, batchAll(api, [
    ...fresh.map((pair) => api.tx.balances.transferKeepAlive(pair.address, 1_000n * UNIT)),
    ...[bad.maker, tool.maker].map((pair) => credentials.issue(api, {
      subject: pair.address, kind: 'Manufacturer', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100,
    })),
    credentials.issue(api, { subject: onboard.doctor.address, kind: 'Physician', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: billing.doctor.address, kind: 'Physician', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: billing.insurer.address, kind: 'Insurer', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: research.sponsor.address, kind: 'Researcher', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: research.hospital.address, kind: 'Hospital', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
    credentials.issue(api, { subject: research.investigator.address, kind: 'Physician', licenseHash: hashOf('licence'), validUntil: VALID_UNTIL_2100 }),
  ]), dev.alice);
});

after(async () => {
  await api?.disconnect();
  await node?.stop();
});

test('the design\'s calls and runtime APIs are the runtime\'s, and the client was typed from this runtime', async () => {
  // The contract is docs/ARCHITECTURE.md: its call list and runtime API list, read here and
  // checked against the metadata both ways (nothing hand-kept in this test).
  const design = readFileSync(new URL('../../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
  const section = (heading: string) => {
    const start = design.indexOf(heading);
    assert.ok(start >= 0, `ARCHITECTURE.md has a "${heading}" section`);
    const end = design.indexOf('\n#', start + heading.length);
    return design.slice(start, end < 0 ? undefined : end);
  };
  const argsOf = (list: string) => list.split(',').map((a) => a.trim()).filter((a) => a.length > 0);
  const metadata = api.runtimeMetadata.asLatest;

  const calls = new Map<string, Map<string, string[]>>();
  for (const bullet of section('### Calls').split('\n- ').slice(1)) {
    const pallet = /^`(\w+)`:/.exec(bullet)?.[1];
    if (pallet === undefined) continue;
    const methods = new Map<string, string[]>();
    for (const [, name, list] of bullet.matchAll(/`([a-z_]+)\(([^)`]*)\)`/g)) methods.set(name!, argsOf(list!));
    calls.set(pallet, methods);
  }
  assert.deepEqual([...calls.keys()], ['Credentials', 'Patients', 'Consent', 'Records', 'SupplyChain', 'Claims', 'Trials']);
  for (const [name, methods] of calls) {
    const pallet = metadata.pallets.find((p) => p.name.toString() === name);
    assert.ok(pallet !== undefined && pallet.calls.isSome, `the runtime has the ${name} pallet, with calls`);
    const inRuntime = new Map(api.registry.lookup.getSiType(pallet.calls.unwrap().type).def.asVariant.variants
      .map((v) => [v.name.toString(), v.fields.map((f) => f.name.unwrapOr('').toString())]));
    for (const [method, args] of methods) {
      assert.ok(inRuntime.has(method), `${name}::${method} is in the metadata`);
      assert.deepEqual(inRuntime.get(method), args, `${name}::${method} takes (${args.join(', ')})`);
    }
    assert.deepEqual([...inRuntime.keys()].sort(), [...methods.keys()].sort(), `ARCHITECTURE.md names every call of ${name}`);
  }

  let apis = 0;
  for (const [, apiName, method, list] of section('### Runtime APIs').matchAll(/`(\w+Api)::(\w+)\(([^)`]*)\)`/g)) {
    const inRuntime = metadata.apis.find((a) => a.name.toString() === apiName)?.methods.find((m) => m.name.toString() === method);
    assert.ok(inRuntime !== undefined, `runtime API ${apiName}::${method} is in the metadata`);
    assert.deepEqual(inRuntime.inputs.map((i) => i.name.toString()), argsOf(list!), `${apiName}::${method} takes (${list})`);
    apis += 1;
  }
  assert.equal(apis, 16, 'the sixteen runtime API methods of the design are checked');
  assert.equal(api.tx['sudo'], undefined, 'there is no sudo key to hold');

  // The client's enums list exactly the runtime's variants.
  const variants = (name: string) => (api.registry.createType(name) as unknown as { defKeys: string[] }).defKeys;
  assert.deepEqual(variants('CarechainPrimitivesCredentialKind'), [...CREDENTIAL_KINDS]);
  assert.deepEqual(variants('CarechainPrimitivesCredentialStatus'), [...CREDENTIAL_STATUSES]);
  assert.deepEqual(variants('CarechainPrimitivesPurpose'), [...PURPOSES]);
  assert.deepEqual(variants('CarechainPrimitivesAccess'), [...ACCESSES]);
  assert.deepEqual(variants('CarechainPrimitivesEmergencyReason'), [...EMERGENCY_REASONS]);
  assert.deepEqual(variants('CarechainPrimitivesTrialsStudyKind'), [...trials.STUDY_KINDS]);
  assert.deepEqual(variants('CarechainPrimitivesTrialsStudyStatus'), [...trials.STUDY_STATUSES]);
  assert.deepEqual(variants('CarechainPrimitivesTrialsParticipantStatus'), [...trials.PARTICIPANT_STATUSES]);
  // No category goes on chain (issue 31): the metadata has no RecordCategory, and names the
  // patient's CategoryTag, 16 bytes, wherever a category was (a study commits to its categories
  // by a salted hash, issue 27). The client's RECORD_CATEGORIES are what apps show users and
  // what a tag's index byte is.
  const paths = metadata.lookup.types.map(({ type }) => type.path.map((segment) => segment.toString()).join('::'));
  const names = metadata.lookup.types.map(({ id }) => api.registry.lookup.getName(id));
  assert.deepEqual(paths.filter((path) => path.endsWith('RecordCategory')), [], 'no RecordCategory in the metadata');
  assert.ok(!names.includes('CarechainPrimitivesRecordCategory'), 'no CarechainPrimitivesRecordCategory type');
  assert.ok(paths.includes('carechain_primitives::category::CategoryTag'), 'the metadata has carechain_primitives::category::CategoryTag');
  assert.ok(names.includes('CarechainPrimitivesCategoryCategoryTag'), 'named CarechainPrimitivesCategoryCategoryTag, after its module');
  assert.equal(api.registry.createType('CarechainPrimitivesCategoryCategoryTag').toU8a().length, 16, 'a CategoryTag is 16 bytes');
  assert.equal(RECORD_CATEGORIES.length, 13);

  // The generated interfaces (src/interfaces) were made from this very runtime's metadata.
  const answer = (await api.rpc.state.call('Metadata_metadata_at_version', '0x0f000000')).toU8a(true);
  assert.equal(answer[0], 1, 'the runtime has metadata at version 15');
  const [offset, length] = compactFromU8a(answer.subarray(1));
  const live = u8aToHex(answer.subarray(1 + offset, 1 + offset + length.toNumber()));
  const generated = JSON.parse(readFileSync(new URL('../src/interfaces/metadata.json', import.meta.url), 'utf8')) as { result: string };
  assert.ok(generated.result === live,
    'src/interfaces was generated from another runtime: run `npm run typegen` in apps/ and commit what it writes');
});

describe('stories', { concurrency: true }, () => {
  test('clinical: credential → register → consent → a delegate consent lapses → anchor → read → amend → revoke → break-glass → erase', async () => {
    const { patient, doctor, er, carer } = clinic;
    // The regulator issues two physicians' credentials.
    const issued = await submit(api, batchAll(api, [doctor, er].map((pair) => credentials.issue(api, {
      subject: pair.address, kind: 'Physician', licenseHash: hashOf(`licence of ${pair.address}`), validUntil: VALID_UNTIL_2100,
    }))), dev.alice);
    assert.equal(issued.events.filter(({ event }) => event.method === 'CredentialIssued').length, 2);
    assert.equal(await credentials.credentialStatus(api, doctor.address, 'Physician'), 'Valid');

    // The patient registers with a salted commitment to their FHIR resource.
    const commitment = patientCommitment(randomSalt(), { resourceType: 'Patient', name: [{ family: 'Doe', given: ['Jo'] }] });
    const registered = (await submit(api, patients.register(api, commitment), patient)).event('patients', 'PatientRegistered');
    const patientId = big(registered.patientId);
    assert.equal(registered.account?.toString(), patient.address);
    assert.equal(await patients.patientIdOf(api, patient.address), patientId);
    assert.equal((await patients.patient(api, patientId))?.commitment, commitment);

    // The patient's app keeps the patient's category key off chain: a category goes on chain
    // only as its tag under that key (issue 31).
    const key = newCategoryKey();
    const tag = (category: RecordCategory) => categoryTag(key, category);

    // Consent to the doctor: treatment, lab results and notes, read and write.
    const granted = (await submit(api, consent.grant(api, {
      patientId, grantee: doctor.address, purpose: 'Treatment', categories: [tag('LabResults'), tag('ClinicalNotes')], access: 'ReadWrite',
    }), patient)).event('consent', 'ConsentGranted');
    const consentId = big(granted.consentId);
    // The chain holds the tags, never the categories' names.
    assert.deepEqual(granted.categories?.toJSON(), [tag('LabResults'), tag('ClinicalNotes')], 'ConsentGranted carries the tags');
    assert.deepEqual((await consent.consent(api, consentId))?.categories, [tag('LabResults'), tag('ClinicalNotes')]);
    assert.doesNotMatch(JSON.stringify(Object.values(granted).map((field) => field.toHuman())), /LabResults|ClinicalNotes/);
    // With the consent, the patient's app hands the doctor, off chain, the card of those two
    // categories (JSON); never the key.
    const card = parseCategoryCard(JSON.stringify(categoryCard(key, patientId, ['LabResults', 'ClinicalNotes'])));
    assert.throws(() => tagFromCard(card, 'MentalHealth'), new RegExp(`category card of patient ${patientId} has no tag for MentalHealth`));
    const labResults = tagFromCard(card, 'LabResults');
    assert.deepEqual(await consent.checkAccess(api, patientId, doctor.address, labResults, 'Write'), { kind: 'Permitted', consentId });
    assert.deepEqual(await consent.checkAccess(api, patientId, doctor.address, tag('MentalHealth'), 'Read'), { kind: 'Denied' });
    assert.deepEqual(await consent.checkAccessFor(api, patientId, doctor.address, labResults, 'Write', 'Treatment'), { kind: 'Permitted', consentId });
    assert.deepEqual(await consent.checkAccess(api, patientId, doctor.address, categoryTag(newCategoryKey(), 'LabResults'), 'Read'), { kind: 'Denied' },
      'another key\'s LabResults tag is not this patient\'s');

    // A caregiver delegate consents for the ER physician; the consent lapses with the delegate.
    await submit(api, patients.addDelegate(api, carer.address), patient);
    const byCarer = big((await submit(api, consent.grant(api, {
      patientId, grantee: er.address, purpose: 'Treatment', categories: [tag('Allergies')], access: 'Read',
    }), carer)).event('consent', 'ConsentGranted').consentId);
    const terms = (await consent.termsOf(api, patientId)).find((t) => t.consentId === byCarer);
    assert.deepEqual([terms?.purpose, terms?.grantedBy, terms?.grantee, terms?.categories], ['Treatment', carer.address, er.address, [tag('Allergies')]]);
    assert.deepEqual(await consent.checkAccessFor(api, patientId, er.address, tag('Allergies'), 'Read', 'Treatment'), { kind: 'Permitted', consentId: byCarer });
    await submit(api, patients.removeDelegate(api, carer.address), patient);
    assert.deepEqual(await consent.checkAccessFor(api, patientId, er.address, tag('Allergies'), 'Read', 'Treatment'), { kind: 'Denied' });
    assert.deepEqual(await consent.checkAccess(api, patientId, er.address, tag('Allergies'), 'Read'), { kind: 'Denied' });

    // The doctor anchors a lab result (its salted hash; the result stays off chain), under the
    // card's tag.
    const v1 = stringToU8a('{"resourceType":"Observation","code":"glucose","value":5.4}');
    const salt1 = randomSalt();
    const anchored = (await submit(api, records.anchor(api, {
      patientId, category: labResults, contentHash: contentHash(salt1, v1), storageRef: hashOf('s3://ehr/obs/1'),
    }), doctor)).event('records', 'RecordAnchored');
    const r1 = big(anchored.recordId);
    assert.equal(anchored.selfReported?.toString(), 'false');
    assert.equal(anchored.author?.toString(), doctor.address);
    // The event and the stored record carry the tag; the card's holder and the patient can name
    // its category, no one else can.
    assert.equal(anchored.category?.toHex(), tag('LabResults'), 'RecordAnchored carries the tag');
    const stored = (await records.record(api, r1))?.category ?? '0x';
    assert.equal(stored, tag('LabResults'), 'the stored record carries the tag');
    assert.equal(categoryFromCard(card, stored), 'LabResults', 'the doctor recognises it with the card');
    assert.equal(categoryOf(key, stored), 'LabResults', 'the patient recognises it with the key');
    assert.equal(categoryOf(newCategoryKey(), stored), undefined, 'another key does not');
    assert.equal(categoryFromCard(parseCategoryCard(JSON.stringify(categoryCard(newCategoryKey(), patientId, ['LabResults']))), stored), undefined,
      'nor a card made with another key');

    // The doctor logs a read: the event names the consent that allowed it.
    const read = (await submit(api, records.logAccess(api, r1, 'Treatment'), doctor)).event('records', 'RecordAccessed');
    assert.equal(read.reader?.toString(), doctor.address);
    assert.deepEqual(consent.decodeDecision(read.decision as CarechainPrimitivesAccessDecision), { kind: 'Permitted', consentId });

    // An amendment is a new version; the old one is superseded, never overwritten.
    const v2 = stringToU8a('{"resourceType":"Observation","code":"glucose","value":5.6}');
    const salt2 = randomSalt();
    const amended = (await submit(api, records.amend(api, r1, contentHash(salt2, v2), hashOf('s3://ehr/obs/1v2')), doctor))
      .event('records', 'RecordAmended');
    const r2 = big(amended.recordId);
    assert.equal(big(amended.previous), r1);
    assert.deepEqual(await records.verify(api, r1, contentHash(salt1, v1)), { kind: 'Superseded', newerId: r2 });
    assert.deepEqual(await records.verify(api, r2, contentHash(salt2, v2)), { kind: 'Match' });
    assert.deepEqual(await records.verify(api, r2, contentHash(salt1, v1)), { kind: 'Mismatch' });
    assert.deepEqual(await records.allRecordsOf(api, patientId), [r1, r2]);
    assert.equal((await records.record(api, r2))?.previous, r1);

    // The lab sends a panel in one extrinsic: consecutive ids, one event each, each verifies.
    const panel = ['sodium', 'potassium', 'creatinine'].map((code) => {
      const salt = randomSalt();
      const bytes = stringToU8a(`{"resourceType":"Observation","code":"${code}"}`);
      return { salt, bytes, contentHash: contentHash(salt, bytes), storageRef: hashOf(`s3://ehr/obs/${code}`) };
    });
    const batched = await submit(api, records.anchorBatch(api, patientId, labResults, panel), doctor);
    const panelIds = batched.events
      .filter(({ event }) => event.section === 'records' && event.method === 'RecordAnchored')
      .map(({ event }) => big(eventFields(event).recordId));
    assert.equal(panelIds.length, 3);
    assert.deepEqual(panelIds, [panelIds[0]!, panelIds[0]! + 1n, panelIds[0]! + 2n]);
    for (const [i, item] of panel.entries()) {
      assert.deepEqual(await records.verify(api, panelIds[i]!, contentHash(item.salt, item.bytes)), { kind: 'Match' });
    }
    assert.equal(categoryOf(key, (await records.record(api, panelIds[2]!))?.category ?? '0x'), 'LabResults');
    await refused(api, records.anchorBatch(api, patientId, tag('MentalHealth'), panel), doctor, 'records.NotPermittedToWrite');

    // The patient revokes; the doctor's next read is refused and nothing is logged.
    const revoked = (await submit(api, consent.revoke(api, consentId), patient)).event('consent', 'ConsentRevoked');
    assert.equal(big(revoked.consentId), consentId);
    assert.deepEqual(await consent.checkAccess(api, patientId, doctor.address, labResults, 'Read'), { kind: 'Denied' });
    await refused(api, records.logAccess(api, r2, 'Treatment'), doctor, 'records.NotPermittedToRead');

    // An emergency physician breaks the glass: allowed, and on the record.
    const opened = (await submit(api, consent.breakGlass(api, patientId, 'PatientUnconscious', hashOf('ER note 17')), er))
      .event('consent', 'EmergencyAccessOpened');
    const accessId = big(opened.accessId);
    assert.equal(opened.clinician?.toString(), er.address);
    const emergencyRead = (await submit(api, records.logAccess(api, r2, 'Treatment'), er)).event('records', 'RecordAccessed');
    assert.deepEqual(consent.decodeDecision(emergencyRead.decision as CarechainPrimitivesAccessDecision), { kind: 'Emergency', accessId });
    // Break-glass is for treatment only.
    assert.deepEqual(await consent.checkAccessFor(api, patientId, er.address, tag('LabResults'), 'Read', 'Research'), { kind: 'Denied' });
    // It covers every tag, and the ER physician holds no card: it anchors its note under a random
    // tag, which the patient's key cannot name ("category not known" in the patient's app).
    const noCard = randomCategoryTag();
    assert.deepEqual(await consent.checkAccessFor(api, patientId, er.address, noCard, 'Write', 'Treatment'), { kind: 'Emergency', accessId });
    const erNote = big((await submit(api, records.anchor(api, {
      patientId, category: noCard, contentHash: contentHash(randomSalt(), stringToU8a('ER note')), storageRef: hashOf('s3://er/17'),
    }), er)).event('records', 'RecordAnchored').recordId);
    assert.equal(categoryOf(key, (await records.record(api, erNote))?.category ?? '0x'), undefined);

    // The patient erases the record: the whole version chain.
    const erased = (await submit(api, records.erase(api, r2), patient)).event('records', 'RecordErased');
    assert.deepEqual((erased.recordIds?.toJSON() as number[]).map(BigInt).sort((a, b) => Number(a - b)), [r1, r2]);
    assert.deepEqual(await records.verify(api, r2, contentHash(salt2, v2)), { kind: 'Erased' });
    assert.deepEqual(await records.verify(api, r1, contentHash(salt1, v1)), { kind: 'Erased' });
  });

  test('supply: product → batch → ship / receive / split → quarantine → dispense → recall → return → destroy → pack says Recalled', async () => {
    const { eve: maker, ferdie: distributor, dave: pharmacy } = dev;
    const gtin = gtinFromBody('0761234567890');
    const lot = 'E2E-LOT/1';
    const serials = Array.from({ length: 12 }, (_, i) => `SN-${String(i).padStart(4, '0')}`);
    const proofOf = (serial: string) => serialProof(serials, serials.indexOf(serial));

    const product = (await submit(api, supplyChain.registerProduct(api, gtin, hashOf('product leaflet')), maker))
      .event('supplyChain', 'ProductRegistered');
    assert.equal(product.manufacturer?.toString(), maker.address);
    assert.equal((await supplyChain.product(api, gtin))?.manufacturer, maker.address);

    const expiresOn = (await chainNow(api)) + 365n * DAY;
    // One unit per serial: the lot's quantity is its serial count, which every proof must claim.
    const commissioned = (await submit(api, supplyChain.commissionLot(api, { gtin, lot, expiresOn, serials }), maker))
      .event('supplyChain', 'BatchCommissioned');
    const root = big(commissioned.batchId);
    assert.equal(Number(commissioned.quantity?.toString()), serials.length);
    assert.equal((await supplyChain.batch(api, root))?.quantity, serials.length);
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, lot, 'SN-0003', proofOf('SN-0003')), { kind: 'Authentic', batchId: root, expiresOn });
    // A forged pack: the 64 bytes of the root's two children as the "serial" of a one-pack lot
    // (their plain hash is the root). A leaf hashes 0x00 ‖ serial, and 64 bytes are no serial.
    const rows = serialTreeRows(serials);
    const [left, right] = rows[rows.length - 2] ?? [];
    const forged = u8aConcat(hexToU8a(left), hexToU8a(right));
    assert.equal(forged.length, 64);
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, lot, forged, { leafIndex: 0, numberOfLeaves: 1, items: [] }), { kind: 'InvalidProof' });

    // Eight of twelve packs go to the distributor: a split.
    const shipped = (await submit(api, supplyChain.ship(api, root, distributor.address, 8), maker)).event('supplyChain', 'Shipped');
    const toDistributor = big(shipped.childBatchId);
    assert.notEqual(toDistributor, root);
    (await submit(api, supplyChain.receive(api, big(shipped.shipmentId)), distributor)).event('supplyChain', 'Received');
    assert.equal((await supplyChain.batch(api, toDistributor))?.custodian, distributor.address);

    // Five of those go on to the pharmacy: a split of a split.
    const onward = (await submit(api, supplyChain.ship(api, toDistributor, pharmacy.address, 5), distributor)).event('supplyChain', 'Shipped');
    const atPharmacy = big(onward.childBatchId);
    (await submit(api, supplyChain.receive(api, big(onward.shipmentId)), pharmacy)).event('supplyChain', 'Received');
    const atPharmacyBatch = await supplyChain.batch(api, atPharmacy);
    assert.equal(atPharmacyBatch?.parent, toDistributor);
    assert.equal(atPharmacyBatch?.root, root);
    assert.equal(atPharmacyBatch?.lot, lot);

    // The maker quarantines the distributor's batch: the split below it stops too, and the
    // custodian cannot lift a hold it did not place; the maker can.
    (await submit(api, supplyChain.quarantine(api, toDistributor), maker)).event('supplyChain', 'Quarantined');
    await refused(api, supplyChain.dispense(api, atPharmacy, 1), pharmacy, 'supplyChain.BatchIsQuarantined');
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, lot, 'SN-0003', proofOf('SN-0003')), { kind: 'Quarantined' });
    await refused(api, supplyChain.release(api, toDistributor), distributor, 'supplyChain.NotQuarantineAuthority');
    (await submit(api, supplyChain.release(api, toDistributor), maker)).event('supplyChain', 'Released');

    const dispensed = (await submit(api, supplyChain.dispense(api, atPharmacy, 1), pharmacy)).event('supplyChain', 'Dispensed');
    assert.equal(Number(dispensed.quantity?.toString()), 1);

    // Two more packs leave for the distributor; the recall catches them on the road.
    const late = (await submit(api, supplyChain.ship(api, root, distributor.address, 2), maker)).event('supplyChain', 'Shipped');
    const lateShipment = big(late.shipmentId);
    const lateBatch = big(late.childBatchId);

    // The manufacturer recalls the lot at its root: it reaches the pharmacy's split batch.
    (await submit(api, supplyChain.recall(api, root, hashOf('contamination report 2026-11')), maker)).event('supplyChain', 'Recalled');
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, lot, 'SN-0007', proofOf('SN-0007')), { kind: 'Recalled' });
    await refused(api, supplyChain.dispense(api, atPharmacy, 1), pharmacy, 'supplyChain.BatchIsRecalled');
    // The recalled packs in transit cannot be received; they go back to the maker, who destroys them.
    await refused(api, supplyChain.receive(api, lateShipment), distributor, 'supplyChain.BatchIsRecalled');
    const returned = (await submit(api, supplyChain.returnShipment(api, lateShipment), maker)).event('supplyChain', 'ShipmentReturned');
    // The business step is the event's variant, not a field (issue 22).
    assert.deepEqual([big(returned.batchId), Number(returned.quantity?.toString()), 'step' in returned], [lateBatch, 2, false]);
    assert.equal(supplyChain.businessStep('ShipmentReturned'), 'Returning');
    assert.equal((await supplyChain.shipment(api, lateShipment))?.returned, true);
    const back = await supplyChain.batch(api, lateBatch);
    assert.deepEqual([back?.custodian, back?.held, back?.inTransit], [maker.address, 2, 0]);
    await refused(api, supplyChain.receive(api, lateShipment), distributor, 'supplyChain.AlreadyReturned');
    (await submit(api, supplyChain.destroy(api, lateBatch, 2), maker)).event('supplyChain', 'Destroyed');
    assert.equal((await supplyChain.batch(api, lateBatch))?.destroyed, 2);
    // A serial that is not in the lot, or a proof for another serial, does not verify.
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, lot, 'SN-9999', proofOf('SN-0007')), { kind: 'InvalidProof' });
    assert.deepEqual(await supplyChain.verifyUnit(api, gtin, 'OTHER-LOT', 'SN-0007', proofOf('SN-0007')), { kind: 'Unknown' });
  });

  test('bad input: wrong signer, expired consent, wrong purpose, malformed GTIN, duplicate registration', async () => {
    const { patient, reader, maker } = bad;

    // Wrong signer: a physician is not a licensing board.
    await refused(api, credentials.issue(api, {
      subject: reader.address, kind: 'Physician', licenseHash: hashOf('forged'), validUntil: VALID_UNTIL_2100,
    }), dev.bob, 'credentials.NotIssuer');
    assert.equal(await credentials.credentialStatus(api, reader.address, 'Physician'), 'None');

    // Duplicate registration: refused, and the first commitment stands.
    const first = patientCommitment(randomSalt(), { resourceType: 'Patient', id: 'a' });
    const patientId = big((await submit(api, patients.register(api, first), patient)).event('patients', 'PatientRegistered').patientId);
    await refused(api, patients.register(api, patientCommitment(randomSalt(), { resourceType: 'Patient', id: 'b' })), patient,
      'patients.AlreadyRegistered');
    assert.equal(await patients.patientIdOf(api, patient.address), patientId);
    assert.equal((await patients.patient(api, patientId))?.commitment, first);

    // Expired consent: a read allowed before the expiry is refused after it.
    const immunizations = categoryTag(newCategoryKey(), 'Immunizations');
    const recordId = big((await submit(api, records.anchor(api, {
      patientId, category: immunizations, contentHash: contentHash(randomSalt(), stringToU8a('MMR 2024')), storageRef: hashOf('vault/imm/1'),
    }), patient)).event('records', 'RecordAnchored').recordId);
    const expiresAt = (await chainNow(api)) + 15_000n;
    const consentId = big((await submit(api, consent.grant(api, {
      patientId, grantee: reader.address, purpose: 'Research', categories: [immunizations], access: 'Read', expiresAt,
    }), patient)).event('consent', 'ConsentGranted').consentId);
    await waitForChainTime(api, expiresAt);
    const before = await records.record(api, recordId);
    const error = await refused(api, records.logAccess(api, recordId, 'Research'), reader, 'records.NotPermittedToRead');
    assert.match(error.message, /^records\.NotPermittedToRead: /);
    assert.deepEqual(await consent.checkAccess(api, patientId, reader.address, immunizations, 'Read'), { kind: 'Denied' });
    assert.deepEqual(await records.record(api, recordId), before);
    assert.equal((await consent.consent(api, consentId))?.expiresAt, expiresAt, 'the expired consent is still on record');

    // Purpose is enforced: a Payment consent does not let the reader read for Research.
    const payment = big((await submit(api, consent.grant(api, {
      patientId, grantee: reader.address, purpose: 'Payment', categories: [immunizations], access: 'Read',
    }), patient)).event('consent', 'ConsentGranted').consentId);
    assert.deepEqual(await consent.checkAccessFor(api, patientId, reader.address, immunizations, 'Read', 'Payment'), { kind: 'Permitted', consentId: payment });
    assert.deepEqual(await consent.checkAccessFor(api, patientId, reader.address, immunizations, 'Read', 'Research'), { kind: 'Denied' });
    assert.deepEqual(await consent.checkAccess(api, patientId, reader.address, immunizations, 'Read'), { kind: 'Permitted', consentId: payment },
      'check_access answers for any purpose');
    await refused(api, records.logAccess(api, recordId, 'Research'), reader, 'records.NotPermittedToRead');
    assert.deepEqual(await records.record(api, recordId), before);

    // Malformed GTIN: the client refuses it before it costs a fee; the chain refuses it too.
    assert.throws(() => supplyChain.registerProduct(api, '00012345678904', hashOf('x')), /not a GTIN-14/);
    await refused(api, api.tx.supplyChain.registerProduct(stringToU8a('00012345678904'), hashOf('x')), maker, 'supplyChain.InvalidGtin');
    assert.equal(await supplyChain.product(api, '00012345678904'), undefined);
  });

  test('claims: coverage → consent for payment → encounter → submit → duplicate refused → partial → appeal → approved → paid; expired coverage and an unconsented payer refused', async () => {
    // Charlie's stash is the development chain's insurer; a second insurer is made in before().
    const insurer = await signer('//Charlie//stash');
    const { patient, doctor } = billing;
    const registered = await submit(api, patients.register(api, patientCommitment(randomSalt(), { resourceType: 'Patient', id: 'billing' })), patient);
    const patientId = big(registered.event('patients', 'PatientRegistered').patientId);
    const key = newCategoryKey();
    const [billingTag, encounters] = [categoryTag(key, 'Billing'), categoryTag(key, 'Encounters')];
    const today = claims.dayOf(await chainNow(api));
    const cover = (payer: KeyringPair, validFrom: number, validUntil: number) =>
      submit(api, claims.registerCoverage(api, { patientId, planHash: hashOf(`plan ${validFrom}`), validFrom, validUntil, billingTag }), payer);

    // No coverage without the patient's consent to the payer for payment.
    await refused(api, claims.registerCoverage(api, { patientId, planHash: hashOf('plan'), validFrom: today, validUntil: today, billingTag }),
      insurer, 'claims.PaymentNotConsented');
    const grant = (grantee: string, purpose: 'Payment' | 'Treatment', tag: typeof billingTag, access: 'Read' | 'ReadWrite') =>
      submit(api, consent.grant(api, { patientId, grantee, purpose, categories: [tag], access }), patient);
    await grant(insurer.address, 'Payment', billingTag, 'Read');
    const other = big((await grant(billing.insurer.address, 'Payment', billingTag, 'Read')).event('consent', 'ConsentGranted').consentId);
    await grant(doctor.address, 'Treatment', encounters, 'ReadWrite');
    const coverageId = big((await cover(insurer, today - 365, today + 365)).event('claims', 'CoverageRegistered').coverageId);
    const expired = big((await cover(insurer, today - 400, today - 30)).event('claims', 'CoverageRegistered').coverageId);
    const otherCoverage = big((await cover(billing.insurer, today - 10, today + 10)).event('claims', 'CoverageRegistered').coverageId);
    assert.equal((await claims.coverage(api, coverageId))?.payer, insurer.address);

    const encounterId = big((await submit(api, records.anchor(api, {
      patientId, category: encounters, contentHash: contentHash(randomSalt(), stringToU8a('visit')), storageRef: hashOf('ehr/billing/1'),
    }), doctor)).event('records', 'RecordAnchored').recordId);
    const salt = randomSalt();
    const claimOf = (payer: string, coverage: bigint, codes: string[], amount = '125.00') => claims.submit(api, {
      patientId, payer, coverageId: coverage, encounterId, claimHash: hashOf(`claim ${codes.join()}`), billed: claims.money(amount, 'EUR'),
      serviceDate: today, duplicateKey: claims.duplicateKey(salt, patientId, doctor.address, today, codes), billingTag,
    });
    const submitted = (await submit(api, claimOf(insurer.address, coverageId, ['99213', 'J1100']), doctor)).event('claims', 'ClaimSubmitted');
    const claimId = big(submitted.claimId);
    assert.deepEqual(await claims.claimStatus(api, claimId), { kind: 'Submitted' });
    assert.deepEqual(await claims.allClaimsOf(api, patientId), [claimId]);
    // The same service again, its codes in another order and case: the same key, a duplicate.
    await refused(api, claimOf(insurer.address, coverageId, ['j1100', '99213']), doctor, 'claims.DuplicateClaim');
    // Care today under a coverage that ended a month ago.
    await refused(api, claimOf(insurer.address, expired, ['99214']), doctor, 'claims.CoverageNotActive');
    // The patient withdraws the second insurer's consent: it can no longer be billed.
    await submit(api, consent.revoke(api, other), patient);
    await refused(api, claimOf(billing.insurer.address, otherCoverage, ['99215']), doctor, 'claims.PaymentNotConsented');
    // Only the claim's payer decides it.
    await refused(api, claims.adjudicate(api, claimId, 'Approved', 1n, 0n, []), billing.insurer, 'claims.NotClaimPayer');

    await submit(api, claims.adjudicate(api, claimId, 'Partial', 8_000n, 1_500n, ['NotCovered', 'Copayment']), insurer);
    assert.deepEqual(await claims.claimStatus(api, claimId),
      { kind: 'Adjudicated', outcome: 'Partial', allowed: 8_000n, patientResponsibility: 1_500n, reasons: ['NotCovered', 'Copayment'] });
    const evidenceHash = hashOf('operative note, prior authorisation 4711');
    await submit(api, claims.appeal(api, claimId, evidenceHash), doctor);
    assert.deepEqual(await claims.claimStatus(api, claimId), { kind: 'Appealed', evidenceHash });
    await submit(api, claims.adjudicate(api, claimId, 'Approved', 12_500n, 1_500n, ['Copayment']), insurer);
    await refused(api, claims.pay(api, claimId, 11_001n, hashOf('835')), insurer, 'claims.PaymentExceedsPayable');
    const paid = (await submit(api, claims.pay(api, claimId, 11_000n, hashOf('835')), insurer)).event('claims', 'ClaimPaid');
    assert.equal(big(paid.amount), 11_000n);
    assert.deepEqual(await claims.claimStatus(api, claimId), { kind: 'Paid', amount: 11_000n, remittanceHash: hashOf('835') });
    const stored = await claims.claim(api, claimId);
    assert.equal(stored?.paid, 11_000n);
    assert.equal(stored?.appeals, 1);
    assert.deepEqual(stored?.billed, { amount: 12_500n, currency: 'EUR' });
    assert.deepEqual(await claims.queueOf(api, insurer.address), [], 'nothing left in the insurer\'s queue');

    // From the command line: a second claim, its status, a refusal the user can read.
    const dir = mkdtempSync(join(tmpdir(), 'carechain-claims-'));
    const bundle = join(dir, 'claim.json');
    writeFileSync(bundle, JSON.stringify({ resourceType: 'Claim', status: 'active' }));
    const cliUrl = ['--url', url, '--quiet'];
    const asDoctor = ['--suri', '//Billing/doctor'];
    const base = ['claim', 'submit', '--patient-id', String(patientId), '--payer', insurer.address, '--coverage-id', String(coverageId),
      '--encounter-id', String(encounterId), '--claim-file', bundle, '--service-date', claims.dayToDate(today), '--key-salt', u8aToHex(salt),
      '--tag', billingTag, ...cliUrl, ...asDoctor];
    const second = await cli([...base, '--amount', '40.50', '--codes', '80053']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.json.billed, '40.50 EUR');
    const status = await cli(['claim', 'status', '--claim-id', second.json.claimId ?? '', ...cliUrl]);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).status, { kind: 'Submitted' });
    assert.equal((await claims.queueOf(api, insurer.address)).length, 1, 'the new claim waits in the insurer\'s queue');
    const duplicate = await cli([...base, '--amount', '40.50', '--codes', '80053']);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /claims\.DuplicateClaim/);
    const noAmount = await cli([...base, '--amount', '40.505', '--codes', '80054']);
    assert.equal(noAmount.code, 2);
    assert.match(noAmount.stderr, /at most two decimals/);
    const list = await cli(['claim', 'list', '--patient-id', String(patientId), ...cliUrl]);
    assert.equal(JSON.parse(list.stdout).claims.length, 2);
  });

  test('trials: register → open → two patients consent → enrol → amend with re-consent → one re-consents, the other is paused → release refused below k → allowed at k → a screen failure declined → results with switched outcomes flagged', async () => {
    // Its own researcher, hospital and physician, credentialed in before().
    const { sponsor, hospital, investigator } = research;
    const categories: RecordCategory[] = ['LabResults', 'Medications'];
    const categoriesSalt = randomSalt();
    const outcomes = hashOf('primary: HbA1c at 24 weeks; secondary: weight at 24 weeks');
    const studyId = big((await submit(api, trials.register(api, {
      kind: 'Interventional', registryHash: hashOf('NCT01234567'), protocolHash: hashOf('protocol v1'),
      analysisPlanHash: hashOf('statistical analysis plan v1'), outcomesHash: outcomes, categories, categoriesSalt, target: 20, minCohort: 11,
    }), sponsor)).event('trials', 'StudyRegistered').studyId);
    await submit(api, trials.addInvestigator(api, studyId, investigator.address), sponsor);
    await submit(api, trials.setStatus(api, studyId, 'Recruiting'), sponsor);
    assert.equal((await trials.study(api, studyId))?.status, 'Recruiting');

    // Patients onboarded at the clinic (no tokens), each consenting to the sponsor for research
    // in Consent, then to the study on that consent; the investigator enrols them.
    const joinStudy = async (names: string[], enrol = true) => {
      const pairs = await Promise.all(names.map((name) => signer(`//Trial/${name}`)));
      const onboarded = await submit(api, batchAll(api, pairs.map((pair, i) =>
        patients.registerFor(api, pair.address, patientCommitment(randomSalt(), { resourceType: 'Patient', id: names[i] })))), hospital);
      const ids = onboarded.events.filter(({ event }) => event.section === 'patients' && event.method === 'PatientOnboarded')
        .map(({ event }) => big(eventFields(event).patientId));
      const joined = await Promise.all(pairs.map(async (pair, i) => {
        const key = newCategoryKey();
        const granted = await submit(api, consent.grant(api, {
          patientId: ids[i]!, grantee: sponsor.address, purpose: 'Research', categories: categories.map((c) => categoryTag(key, c)), access: 'Read',
        }), pair);
        const consentId = big(granted.event('consent', 'ConsentGranted').consentId);
        await submit(api, trials.consent(api, studyId, ids[i]!, consentId), pair);
        return { pair, patientId: ids[i]!, consentId };
      }));
      if (enrol) await submit(api, batchAll(api, joined.map((p) => trials.enrol(api, studyId, p.patientId))), investigator);
      return joined;
    };
    const [a, b] = await joinStudy(['a', 'b']);
    assert.equal((await trials.participation(api, studyId, a!.patientId))?.status, 'Enrolled');
    assert.ok(await trials.isEnrolledCurrent(api, studyId, b!.patientId));

    // Version 2 asks for re-consent: A consents again, B does not and is paused.
    await submit(api, trials.amend(api, studyId, hashOf('protocol v2'), hashOf('statistical analysis plan v1'), outcomes, true), sponsor);
    await submit(api, trials.consent(api, studyId, a!.patientId, a!.consentId), a!.pair);
    assert.deepEqual(await trials.participation(api, studyId, a!.patientId),
      { studyId, status: 'Enrolled', version: 2, consentId: a!.consentId, releases: 0 });
    assert.equal((await trials.participation(api, studyId, b!.patientId))?.status, 'Paused');
    assert.equal(await trials.isEnrolledCurrent(api, studyId, b!.patientId), false);
    const release = async () => trials.release(api, studyId, hashOf('request: HbA1c by arm'), await trials.witness(api, studyId));
    await refused(api, await release(), sponsor, 'trials.CohortTooSmall');

    // Ten more join at version 2: with A, eleven current participants, k.
    const more = await joinStudy(['c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
    const released = (await submit(api, await release(), sponsor)).event('trials', 'DataReleased');
    assert.equal(big(released.cohortSize), 11n);
    assert.equal((await trials.participation(api, studyId, a!.patientId))?.releases, 1);
    assert.equal((await trials.participation(api, studyId, b!.patientId))?.releases, 0, 'the paused patient was not released');
    for (const p of [a!, b!, ...more]) {
      assert.equal((await api.query.system.account(p.pair.address)).data.free.toBigInt(), 0n, 'a participant holds no token');
    }
    assert.deepEqual((await trials.studiesOf(api, a!.patientId)).map((p) => p.studyId), [studyId]);

    // One more joins and is never enrolled (a screen failure): the investigator declines it from
    // the command line, its place is free, and it cannot take it back.
    const [m] = await joinStudy(['m'], false);
    const before = (await trials.study(api, studyId))?.participants;
    const declined = await cli(['study', 'decline', '--study-id', String(studyId), '--patient-id', String(m!.patientId),
      '--url', url, '--quiet', '--suri', '//Research/investigator']);
    assert.equal(declined.code, 0, declined.stderr);
    assert.equal(JSON.parse(declined.stdout).declined, String(m!.patientId));
    assert.equal(await trials.participation(api, studyId, m!.patientId), undefined);
    assert.equal((await trials.study(api, studyId))?.participants, before! - 1);
    await refused(api, trials.consent(api, studyId, m!.patientId, m!.consentId), m!.pair, 'trials.Declined');

    // The study completes and reports another primary outcome than it pre-specified: flagged.
    await submit(api, trials.setStatus(api, studyId, 'Completed'), sponsor);
    const committed = (await submit(api, trials.commitResults(api, studyId, hashOf('results'), hashOf('primary: weight at 24 weeks')), sponsor))
      .event('trials', 'ResultsCommitted');
    assert.equal(committed.outcomesSwitched?.toString(), 'true');
    assert.equal(await trials.outcomesSwitched(api, studyId), true);
    assert.equal(await trials.resultsOverdue(api, studyId), false);
    const listed = (await trials.allStudies(api)).find((s) => s.studyId === studyId);
    assert.equal(listed?.switched, true);
    assert.deepEqual([listed?.categoriesHash, listed?.categoryCount], [trials.studyCategoriesHash(categoriesSalt, categories), 2],
      'the chain holds the categories\' commitment and count, not the categories');

    // From the command line: the study as a regulator reads it, a patient's view, refusals.
    const cliUrl = ['--url', url, '--quiet'];
    const shown = await cli(['study', 'show', '--study-id', String(studyId), ...cliUrl]);
    assert.equal(shown.code, 0, shown.stderr);
    const view = JSON.parse(shown.stdout) as { status: string; versions: unknown[]; outcomesSwitched: boolean; releases: number };
    assert.deepEqual([view.status, view.versions.length, view.outcomesSwitched, view.releases], ['Completed', 2, true, 1]);
    const mine = await cli(['study', 'mine', '--patient-id', String(b!.patientId), ...cliUrl]);
    assert.equal(JSON.parse(mine.stdout).studies[0].status, 'Paused');
    const dir = mkdtempSync(join(tmpdir(), 'carechain-trials-'));
    const doc = join(dir, 'protocol.pdf');
    writeFileSync(doc, 'protocol');
    const tooSmallK = await cli(['study', 'register', '--kind', 'Observational', '--registry-id', 'NCT7654321', '--protocol-file', doc,
      '--plan-file', doc, '--outcomes-file', doc, '--categories', 'Genomics', '--target', '30', '--k', '5', ...cliUrl, '--suri', '//Research/sponsor']);
    assert.equal(tooSmallK.code, 2);
    assert.match(tooSmallK.stderr, /at least 11/);
    const notInvestigator = await cli(['study', 'enrol', '--study-id', String(studyId), '--patient-id', String(b!.patientId), ...cliUrl, '--suri', '//Research/hospital']);
    assert.equal(notInvestigator.code, 1);
    assert.match(notInvestigator.stderr, /trials\.NotInvestigator/);
  });

  test('onboarding: a hospital registers a patient whose account has never held a token, by library and CLI', async () => {
    // Bob's stash is the development chain's hospital; the patients' accounts are brand new.
    const hospital = await signer('//Bob//stash');
    const [newcomer, viaCli] = await Promise.all([signer('//Onboard/patient'), signer('//Onboard/cli-patient')]);
    const accountOf = async (address: string) => {
      const info = await api.query.system.account(address);
      return { free: info.data.free.toBigInt(), reserved: info.data.reserved.toBigInt(), providers: info.providers.toNumber() };
    };
    assert.deepEqual(await accountOf(newcomer.address), { free: 0n, reserved: 0n, providers: 0 });

    const commitment = patientCommitment(randomSalt(), { resourceType: 'Patient', name: [{ family: 'New' }] });
    // Only a hospital onboards: the chain says so to anyone else (a funded clerk, no credential).
    await refused(api, patients.registerFor(api, newcomer.address, commitment), onboard.clerk, 'patients.NotOnboarder');
    const done = await submit(api, patients.registerFor(api, newcomer.address, commitment), hospital);
    const onboarded = done.event('patients', 'PatientOnboarded');
    const patientId = big(onboarded.patientId);
    assert.equal(onboarded.sponsor?.toString(), hospital.address);
    assert.equal(done.event('patients', 'PatientRegistered').account?.toString(), newcomer.address);
    const stored = await patients.patient(api, patientId);
    assert.equal(stored?.account, newcomer.address);
    assert.equal(stored?.sponsor, hospital.address);
    // The account is live (it can be checked for a nonce) and still holds nothing at all.
    assert.deepEqual(await accountOf(newcomer.address), { free: 0n, reserved: 0n, providers: 1 });
    await refused(api, patients.registerFor(api, newcomer.address, commitment), hospital, 'patients.AlreadyRegistered');

    // The patient acts with no token at all: patient-side calls are free, within the quota.
    const before = await patients.quota(api, patientId);
    const guardian = await signer('//Onboard/guardian');
    const added = await submit(api, patients.addDelegate(api, guardian.address), newcomer);
    assert.equal(added.event('patients', 'DelegateAdded').delegate?.toString(), guardian.address);
    assert.ok(added.events.some(({ event }) => event.section === 'skipFeelessPayment' && event.method === 'FeeSkipped'));
    await submit(api, patients.removeDelegate(api, guardian.address), newcomer);
    assert.deepEqual(await accountOf(newcomer.address), { free: 0n, reserved: 0n, providers: 1 });
    assert.equal((await patients.quota(api, patientId)).remaining, before.remaining - 2);

    // Consent, a record, revocation, erasure: all from the account that never held a token.
    const key = newCategoryKey();
    const labs = categoryTag(key, 'LabResults');
    const granted = (await submit(api, consent.grant(api, {
      patientId, grantee: onboard.doctor.address, purpose: 'Treatment', categories: [labs], access: 'ReadWrite',
    }), newcomer)).event('consent', 'ConsentGranted');
    const consentId = big(granted.consentId);
    assert.equal((await api.query.consent.consents(consentId)).unwrap().deposit.toBigInt(), 0n, 'a sponsored patient\'s consent holds no deposit');
    const anchored = (await submit(api, records.anchor(api, {
      patientId, category: labs, contentHash: contentHash(randomSalt(), stringToU8a('HbA1c 5.4%')), storageRef: hashOf('ehr/onboard/1'),
    }), onboard.doctor)).event('records', 'RecordAnchored');
    await submit(api, consent.revoke(api, consentId), newcomer);
    await submit(api, records.erase(api, big(anchored.recordId)), newcomer);
    assert.deepEqual(await records.verify(api, big(anchored.recordId), hashOf('x')), { kind: 'Erased' });
    assert.deepEqual(await accountOf(newcomer.address), { free: 0n, reserved: 0n, providers: 1 });
    assert.equal((await patients.quota(api, patientId)).remaining, before.remaining - 5);
    // A call that is not the patient's side is not free: with nothing to pay, the pool refuses it.
    await assert.rejects(submit(api, api.tx.system.remark('0x00'), newcomer), /the node refused the extrinsic/);
    // Someone with nothing who is not the patient's delegate is told why.
    await assert.rejects(submit(api, patients.addDelegate(api, newcomer.address), guardian), /neither the patient nor a live delegate/);

    // The same from the command line, signed by the hospital.
    const dir = mkdtempSync(join(tmpdir(), 'carechain-onboard-'));
    const resource = join(dir, 'patient.json');
    writeFileSync(resource, JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Cli' }] }));
    const cliUrl = ['--url', url, '--quiet'];
    const byCli = await cli(['patient', 'onboard', '--account', viaCli.address, '--resource', resource, ...cliUrl, '--suri', '//Bob//stash']);
    assert.equal(byCli.code, 0, byCli.stderr);
    assert.equal(byCli.json.sponsor, hospital.address);
    assert.equal(await patients.patientIdOf(api, viaCli.address), BigInt(byCli.json.patientId ?? '-1'));
    assert.deepEqual(await accountOf(viaCli.address), { free: 0n, reserved: 0n, providers: 1 });
    const notHospital = await cli(['patient', 'onboard', '--account', viaCli.address, '--resource', resource, ...cliUrl, '--suri', '//Onboard/clerk']);
    assert.notEqual(notHospital.code, 0);
    assert.match(notHospital.stderr, /patients\.(NotOnboarder|AlreadyRegistered)/);
  });

  test('command-line tool: register, anchor and verify a file, consent, pack, readable errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carechain-cli-'));
    const cliUrl = ['--url', url, '--quiet'];
    const as = (pair: string) => ['--suri', pair];
    const file = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };

    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /record anchor/);
    const usage = await cli(['record', 'anchor', '--patient-id', 'x', ...cliUrl]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--patient-id must be a non-negative integer/);

    const resource = file('patient.json', JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Cli' }] }));
    const registered = await cli(['patient', 'register', '--resource', resource, ...cliUrl, ...as('//Cli/patient')]);
    assert.equal(registered.code, 0, registered.stderr);
    const patientId = registered.json.patientId ?? '';
    assert.match(patientId, /^\d+$/);
    const again = await cli(['patient', 'register', '--resource', resource, ...cliUrl, ...as('//Cli/patient')]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /the chain refused: patients\.AlreadyRegistered: /);

    // The patient's category key, in a file the patient keeps; never written over.
    const keyFile = join(dir, 'category-key.json');
    const made = await cli(['patient', 'category-key', '--patient-id', patientId, '--out', keyFile]);
    assert.equal(made.code, 0, made.stderr);
    const { key } = parseCategoryKeyExport(readFileSync(keyFile, 'utf8'));
    const remade = await cli(['patient', 'category-key', '--patient-id', patientId, '--out', keyFile]);
    assert.equal(remade.code, 2);
    assert.match(remade.stderr, /already exists, and a category key is never written over one/);
    assert.deepEqual(parseCategoryKeyExport(readFileSync(keyFile, 'utf8')).key, key, 'the key is unchanged');

    const record = file('vaccination.pdf', 'a scanned vaccination card');
    const anchored = await cli(['record', 'anchor', '--patient-id', patientId, '--category', 'Immunizations', '--category-key', keyFile,
      '--file', record, ...cliUrl, ...as('//Cli/patient')]);
    assert.equal(anchored.code, 0, anchored.stderr);
    assert.equal((await records.record(api, BigInt(anchored.json.recordId ?? '')))?.category, categoryTag(key, 'Immunizations'));
    const noCategory = await cli(['record', 'anchor', '--patient-id', patientId, '--category', 'Immunizations', '--file', record, ...cliUrl]);
    assert.equal(noCategory.code, 2);
    assert.match(noCategory.stderr, /name the category: --category C with --card FILE/);
    const { recordId = '', salt = '' } = anchored.json;
    const verified = await cli(['record', 'verify', '--record-id', recordId, '--file', record, '--salt', salt, ...cliUrl]);
    assert.equal(verified.json.verification, 'Match', verified.stderr);
    const tampered = await cli(['record', 'verify', '--record-id', recordId, '--file', file('other.pdf', 'forged'), '--salt', salt, ...cliUrl]);
    assert.equal(tampered.json.verification, 'Mismatch');

    const grant = ['consent', 'grant', '--patient-id', patientId, '--grantee', '//Charlie', '--purpose', 'Treatment',
      '--categories', 'Immunizations,Allergies', '--access', 'Read', ...cliUrl, ...as('//Cli/patient')];
    const keyless = await cli(grant);
    assert.equal(keyless.code, 2);
    assert.match(keyless.stderr, /--category-key FILE is required/);
    // Granting prints the card to give Charlie, and writes it with --card-out.
    const charlieCard = join(dir, 'charlie-card.json');
    const granted = await cli([...grant, '--category-key', keyFile, '--card-out', charlieCard]);
    assert.equal(granted.code, 0, granted.stderr);
    const card = parseCategoryCard(readFileSync(charlieCard, 'utf8'));
    assert.deepEqual(granted.json.card, card);
    assert.deepEqual(card, categoryCard(key, BigInt(patientId), ['Immunizations', 'Allergies']));
    assert.deepEqual((await consent.consent(api, BigInt(granted.json.consentId ?? '')))?.categories, [card.tags.Immunizations, card.tags.Allergies]);
    const check = ['consent', 'check', '--patient-id', patientId, '--who', '//Charlie', '--category', 'Allergies', '--card', charlieCard, '--access', 'Read', ...cliUrl];
    assert.deepEqual((await cli(check)).json, { decision: 'Permitted', consentId: granted.json.consentId });
    assert.deepEqual((await cli([...check, '--purpose', 'Treatment'])).json, { decision: 'Permitted', consentId: granted.json.consentId });
    assert.deepEqual((await cli([...check, '--purpose', 'Research'])).json, { decision: 'Denied' });
    assert.equal((await cli(['consent', 'revoke', '--consent-id', granted.json.consentId ?? '', ...cliUrl, ...as('//Cli/patient')])).code, 0);
    assert.deepEqual((await cli(check)).json, { decision: 'Denied' });
    const byTag = ['consent', 'check', '--patient-id', patientId, '--who', '//Charlie', '--tag', card.tags.Allergies ?? '', '--access', 'Read', ...cliUrl];
    assert.deepEqual((await cli(byTag)).json, { decision: 'Denied' });

    // A physician anchors with the card the patient gave it; a category the card lacks, or a card
    // of another patient, is a usage mistake, refused before sending.
    const bobCard = join(dir, 'bob-card.json');
    const toBob = await cli(['consent', 'grant', '--patient-id', patientId, '--grantee', '//Bob', '--purpose', 'Treatment',
      '--categories', 'Immunizations', '--access', 'ReadWrite', '--category-key', keyFile, '--card-out', bobCard, ...cliUrl, ...as('//Cli/patient')]);
    assert.equal(toBob.code, 0, toBob.stderr);
    const booster = file('booster.pdf', 'a booster dose record');
    const byBob = await cli(['record', 'anchor', '--patient-id', patientId, '--category', 'Immunizations', '--card', bobCard, '--file', booster,
      ...cliUrl, ...as('//Bob')]);
    assert.equal(byBob.code, 0, byBob.stderr);
    const bobRecord = await records.record(api, BigInt(byBob.json.recordId ?? ''));
    assert.deepEqual([bobRecord?.author, bobRecord?.category, byBob.json.tag], [dev.bob.address, categoryTag(key, 'Immunizations'), categoryTag(key, 'Immunizations')]);
    const lacking = await cli(['record', 'anchor', '--patient-id', patientId, '--category', 'Allergies', '--card', bobCard, '--file', booster,
      ...cliUrl, ...as('//Bob')]);
    assert.equal(lacking.code, 2);
    assert.match(lacking.stderr, new RegExp(`category card of patient ${patientId} has no tag for Allergies \\(it names Immunizations\\)`));
    const otherPatient = (BigInt(patientId) + 1000n).toString();
    const elsewhere = await cli(['record', 'anchor', '--patient-id', otherPatient, '--category', 'Immunizations', '--card', bobCard, '--file', booster,
      ...cliUrl, ...as('//Bob')]);
    assert.equal(elsewhere.code, 2);
    assert.match(elsewhere.stderr, new RegExp(`is the category card of patient ${patientId}, not of patient ${otherPatient}`));

    const status = await cli(['credential', 'status', '--who', '//Bob', '--kind', 'Physician', ...cliUrl]);
    assert.equal(status.json.status, 'Valid');
    const forged = await cli(['credential', 'issue', '--subject', '//Cli/patient', '--kind', 'Physician', '--valid-until', '2030-01-01',
      '--license-hash', hashOf('x'), ...cliUrl, ...as('//Bob')]);
    assert.equal(forged.code, 1);
    assert.match(forged.stderr, /credentials\.NotIssuer: /);

    const gtin = gtinFromBody('0761234500001');
    const serials = file('serials.txt', ['A1', 'A2', 'A3', 'A4', 'A5'].join('\n'));
    assert.equal((await cli(['product', 'register', '--gtin', gtin, ...cliUrl, ...as('//Cli/maker')])).code, 0);
    const miscounted = await cli(['pack', 'commission', '--gtin', gtin, '--lot', 'CLI1', '--expires-on', '2099-12-31', '--serials-file', serials,
      '--quantity', '6', ...cliUrl, ...as('//Cli/maker')]);
    assert.equal(miscounted.code, 2, 'a quantity other than the serial count is refused before sending');
    assert.match(miscounted.stderr, /--quantity 6 differs from the 5 serials/);
    const commissioned = await cli(['pack', 'commission', '--gtin', gtin, '--lot', 'CLI1', '--expires-on', '2099-12-31', '--serials-file', serials,
      ...cliUrl, ...as('//Cli/maker')]);
    assert.equal(commissioned.code, 0, commissioned.stderr);
    const pack = await cli(['pack', 'verify', '--gtin', gtin, '--lot', 'CLI1', '--serial', 'A4', '--serials-file', serials, ...cliUrl]);
    assert.equal(pack.json.verification, 'Authentic', pack.stderr);
    assert.equal(pack.json.batchId, commissioned.json.batchId);
    const shipped = (await submit(api, supplyChain.ship(api, BigInt(commissioned.json.batchId ?? ''), dev.ferdie.address, 2), tool.maker))
      .event('supplyChain', 'Shipped');
    const giveBack = ['pack', 'return', '--shipment-id', big(shipped.shipmentId).toString(), ...cliUrl, ...as('//Cli/maker')];
    const returned = await cli(giveBack);
    assert.equal(returned.code, 0, returned.stderr);
    assert.equal(returned.json.batchId, big(shipped.childBatchId).toString());
    const twice = await cli(giveBack);
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /supplyChain\.AlreadyReturned: /);
    const badGtin = await cli(['product', 'register', '--gtin', '12345', ...cliUrl, ...as('//Cli/maker')]);
    assert.equal(badGtin.code, 2, 'a malformed GTIN is a usage mistake, refused before sending');
    assert.match(badGtin.stderr, /not a GTIN-14/);
  });
});

test('after every story, the whole state decodes and every pallet\'s invariants hold (TryRuntime API)', async () => {
  await assertTryState(api);
});
