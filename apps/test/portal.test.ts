// The web portal in a real browser: Debian's Chromium, headless, driven by puppeteer-core against
// the portal served by Vite and a dev node, one story per role. Screenshots are kept in
// apps/test-results/portal/ as test artifacts.

import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ApiPromise } from '@polkadot/api';
import type { Page } from 'puppeteer-core';
import { gatewayBinary, nodeBinary, startGateway, startNode, type RunningNode } from '../src/node.js';
import {
  big, categoryCard, categoryOf, categoryTag, claims, trials, connect, consent, gtinFromBody, hashOf, parseCategoryCard, parseCategoryKeyExport, records,
  serialsRoot, signer, submit, supplyChain, type CategoryCard,
} from '../src/lib/index.js';
import { startPortal, type Portal } from './browser.js';
import { assertTryState, chainNow } from './helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../test-results/portal/', import.meta.url));
const files = mkdtempSync(join(tmpdir(), 'carechain-portal-'));

let node: RunningNode;
let api: ApiPromise;
let portal: Portal;
let page: Page;
const who: Record<string, string> = {};

// What the supply story finds on chain: a lot commissioned by Eve, part of it at Dave's pharmacy.
const gtin = gtinFromBody('0761234599990');
const lot = 'PORTAL-1';
const serials = ['P-001', 'P-002', 'P-003', 'P-004', 'P-005', 'P-006'];
let rootBatch = 0n;
let pharmacyBatch = 0n;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  node = await startNode({ binary: nodeBinary('debug'), chain: 'dev' });
  api = await connect(node.url);
  for (const name of ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']) who[name] = (await signer(`//${name}`)).address;
  who.Insurer = (await signer('//Charlie//stash')).address;
  who.Sponsor = (await signer('//Dave//stash')).address;
  portal = await startPortal();
  page = portal.page;
  await portal.open({ rpc: node.url });

  // The supply chain so far, made through the client library.
  const eve = await signer('//Eve');
  const dave = await signer('//Dave');
  await submit(api, supplyChain.registerProduct(api, gtin, hashOf('leaflet')), eve);
  const expiresOn = (await chainNow(api)) + 200n * 86_400_000n;
  // One unit per serial: a proof's leaf count must equal the lot's quantity.
  rootBatch = big((await submit(api, supplyChain.commissionBatch(api, { gtin, lot, expiresOn, quantity: serials.length, serialsRoot: serialsRoot(serials) }), eve))
    .event('supplyChain', 'BatchCommissioned').batchId);
  const shipped = (await submit(api, supplyChain.ship(api, rootBatch, who.Dave ?? '', 4), eve)).event('supplyChain', 'Shipped');
  pharmacyBatch = big(shipped.childBatchId);
  await submit(api, supplyChain.receive(api, big(shipped.shipmentId)), dave);
});

after(async () => {
  await portal?.close();
  await api?.disconnect();
  await node?.stop();
});

async function actAs(name: string, tab: 'patient' | 'provider' | 'insurer' | 'research' | 'pharmacy' | 'consortium') {
  await page.select('select[name=account]', who[name] ?? '');
  await page.click(`[data-testid=tab-${tab}]`);
  // The page for this account and role, once loaded (a patient without an id gets the form).
  const pages = tab === 'patient' ? ['patient-page', 'register-page'] : [`${tab}-page`];
  await page.waitForSelector(pages.map((p) => `[data-testid=${p}][data-account="${who[name]}"]`).join(', '), { timeout: 30_000 });
}

async function fill(selector: string, value: string) {
  await page.click(selector, { count: 3 });
  await page.keyboard.press('Backspace');
  await page.type(selector, value);
}

/** Clicks an action button and waits for its outcome; returns the text, failing on an error. */
async function act(button: string, status = button, expectError = false): Promise<string> {
  await page.click(`[data-testid=${button}]`);
  const outcome = await page
    .waitForSelector(`[data-testid=${status}-done], [data-testid=${status}-error]`, { timeout: 90_000 })
    .catch(async (error: unknown) => {
      await shot(`failed-${button}`);
      const steps = await page.$eval(`[data-testid=${status}-status]`, (el) => el.textContent).catch(() => 'no status shown');
      throw new Error(`${button}: no outcome within 90 s (status: ${steps}): ${String(error)}`);
    });
  // Read the outcome and the progress at once: a page may re-render right after (a new patient).
  const { id, text, steps } = await outcome!.evaluate((el) => ({
    id: el.getAttribute('data-testid') ?? '',
    text: el.textContent ?? '',
    steps: [...(el.closest('.status')?.querySelectorAll('.steps li.reached') ?? [])].map((li) => li.textContent ?? ''),
  }));
  if (expectError) assert.ok(id.endsWith('-error'), `expected an error, got: ${text}`);
  else {
    assert.ok(id.endsWith('-done'), `action ${button} failed: ${text}`);
    // Progress went all the way: signed → submitted → in block → finalised.
    assert.deepEqual(steps, ['signed', 'submitted', 'in block', 'finalised']);
  }
  return text;
}

async function text(selector: string): Promise<string> {
  return await page.$eval(selector, (el) => el.textContent ?? '');
}

async function shot(name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

let patientId = '';
let recordId = '';
let emergencyRecordId = '';
let salt = '';
let card: CategoryCard | undefined;
const labResult = join(files, 'glucose.json');
writeFileSync(labResult, '{"resourceType":"Observation","code":"glucose","value":5.4}');
const forged = join(files, 'forged.json');
writeFileSync(forged, '{"resourceType":"Observation","code":"glucose","value":9.9}');

test('patient: registers, adds a delegate and grants a consent', async () => {
  await actAs('Charlie', 'patient');
  const registered = await act('register');
  patientId = /patient #(\d+)/.exec(registered)?.[1] ?? '';
  assert.match(registered, /Keep your salt: 0x[0-9a-f]{64}/);
  await page.waitForSelector('[data-testid=patient-page]');
  // The patient's fee-free calls (PatientQuotaApi::quota): a full quota, as nothing was spent yet.
  await page.waitForSelector('[data-testid=quota]');
  assert.match(await text('[data-testid=quota]'), /Fee-free calls left: 20 \(renews at block \d+\)/);

  await fill('input[name=delegate]', who.Ferdie ?? '');
  await act('add-delegate', 'delegates');
  await page.waitForSelector('[data-testid=delegate]');

  // No category key yet; a malformed import is refused, naming what is wrong.
  assert.match(await text('[data-testid=category-key-state]'), /holds no category key/);
  await page.type('textarea[name=category-key-import]', '{"format":"carechain-category-card/v1","patientId":"1","tags":{}}');
  await page.click('[data-testid=import-category-key]');
  await page.waitForFunction(() => /the format must be "carechain-category-key\/v1"/.test(document.querySelector('[data-testid=category-key-error]')?.textContent ?? ''));

  await fill('input[name=grantee]', who.Bob ?? '');
  await page.select('select[name=access]', 'ReadWrite');
  await page.click('input[name=category-LabResults]');
  assert.match(await act('grant', 'consents'), /Consent #\d+ granted. Give the grantee its category card/);
  await page.waitForSelector('[data-testid=consent-row]');
  assert.match(await text('[data-testid=consent-row]'), /LabResults.*ReadWrite/);
  // Granting made the patient's key, kept in this browser; the chain holds only its tag.
  assert.match(await text('[data-testid=category-key-state]'), /holds your category key/);
  const stored = await page.evaluate((id: string) => localStorage.getItem(`carechain.categoryKey.${id}`), patientId);
  const { key } = parseCategoryKeyExport(stored ?? '');
  // The card to give Bob: the tag of exactly the category granted.
  await page.waitForSelector('[data-testid=category-card]');
  card = parseCategoryCard(await page.$eval('[data-testid=category-card]', (el) => (el as HTMLTextAreaElement).value));
  assert.deepEqual(card, { format: 'carechain-category-card/v1', patientId, tags: { LabResults: categoryTag(key, 'LabResults') } });
  assert.ok(await page.$('[data-testid=download-card]'));
  // Importing the key's own export is accepted (as from a backup).
  await fill('textarea[name=category-key-import]', stored ?? '');
  await page.click('[data-testid=import-category-key]');
  await page.waitForFunction(() => /imported \(it replaces/.test(document.querySelector('[data-testid=category-key-done]')?.textContent ?? ''));
  await shot('1-patient-registered-consented');
});

test('provider: sees their credential, anchors a file, verifies it, logs a read, breaks the glass', async () => {
  await actAs('Bob', 'provider');
  await page.waitForSelector('[data-testid=credential-Physician]');
  assert.match(await text('[data-testid=credential-Physician]'), /Physician: Valid/);

  // Bob loads the card Charlie gave him: its patient and categories fill the anchor form.
  await page.type('textarea[name=patient-card]', '{"format": "carechain-category-card/v1"}');
  await page.waitForFunction(() => /"patientId" must be the patient's id/.test(document.querySelector('[data-testid=patient-card-error]')?.textContent ?? ''));
  await fill('textarea[name=patient-card]', JSON.stringify(card));
  await page.waitForSelector('[data-testid=patient-card-summary]');
  assert.equal(await text('[data-testid=patient-card-summary]'), `Card of patient #${patientId}: LabResults`);
  // The form takes the card's first category once the card is read (a render later).
  await page.waitForFunction(() => (document.querySelector('select[name=anchor-category]') as HTMLSelectElement | null)?.value === 'LabResults');
  await fill('input[name=anchor-patient]', patientId);
  // Leaving the field asks the chain whether a Treatment consent lets Bob write the category.
  await page.$eval('input[name=anchor-patient]', (el) => (el as HTMLInputElement).blur());
  await page.waitForFunction(() => document.querySelector('[data-testid=anchor-decision]')?.textContent?.startsWith('You may write LabResults for treatment'));
  const input = await page.$('input[name=anchor-file]');
  await input!.uploadFile(labResult);
  const anchored = await act('anchor');
  recordId = /Record #(\d+) anchored/.exec(anchored)?.[1] ?? '';
  salt = /Salt: (0x[0-9a-f]{64})/.exec(anchored)?.[1] ?? '';
  assert.ok(recordId !== '' && salt !== '', anchored);
  assert.equal((await records.record(api, BigInt(recordId)))?.category, card?.tags.LabResults, 'the record carries the card\'s tag');

  await fill('input[name=verify-record]', recordId);
  await fill('input[name=verify-salt]', salt);
  const verifyFile = await page.$('input[name=verify-file]');
  await verifyFile!.uploadFile(labResult);
  await page.click('[data-testid=verify]');
  await page.waitForFunction(() => document.querySelector('[data-testid=verify-answer]')?.textContent === 'Match');
  await verifyFile!.uploadFile(forged);
  await page.click('[data-testid=verify]');
  await page.waitForFunction(() => document.querySelector('[data-testid=verify-answer]')?.textContent === 'Mismatch');

  await fill('input[name=read-record]', recordId);
  assert.match(await act('log-read'), /allowed by consent #\d+/);
  // A read of a record that does not exist: the pallet's error, readable.
  await fill('input[name=read-record]', '999999');
  assert.match(await act('log-read', 'log-read', true), /records\.UnknownRecord/);

  await fill('input[name=glass-patient]', patientId);
  await page.type('textarea[name=glass-note]', 'Unconscious on arrival, allergy history needed');
  assert.match(await act('break-glass'), /Emergency access #\d+ opened/);

  // Under the emergency, a record of a category Bob holds no tag of goes under a random tag.
  await page.select('select[name=anchor-category]', 'not-known');
  await page.$eval('input[name=anchor-patient]', (el) => (el as HTMLInputElement).focus());
  await page.$eval('input[name=anchor-patient]', (el) => (el as HTMLInputElement).blur());
  await page.waitForFunction(() => /^Emergency access #\d+: the record goes under a random tag/.test(document.querySelector('[data-testid=anchor-decision]')?.textContent ?? ''));
  await input!.uploadFile(forged);
  emergencyRecordId = /Record #(\d+) anchored/.exec(await act('anchor'))?.[1] ?? '';
  assert.notEqual(emergencyRecordId, '');
  const emergencyTag = (await records.record(api, BigInt(emergencyRecordId)))?.category ?? '0x';
  assert.notEqual(emergencyTag, card?.tags.LabResults);
  await shot('2-provider-anchored-read-break-glass');
});

test('patient: sees every read and the break-glass, revokes the consent, erases the record', async () => {
  await actAs('Charlie', 'patient');
  await page.waitForSelector('[data-testid=log-RecordAccessed]', { timeout: 60_000 });
  assert.match(await text('[data-testid=log-RecordAccessed]'), new RegExp(`#${recordId}.*consent #\\d+`));
  assert.match(await text('[data-testid=log-EmergencyAccessOpened]'), /break-glass: PatientUnconscious/);
  // The records, named with the key in this browser; the break-glass one's category is not known.
  // They load apart from the log, so the log's rows may come first.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=record-row]').length === 2, { timeout: 60_000 });
  const rows = await page.$$eval('[data-testid=record-row]', (els) => els.map((el) => el.textContent ?? ''));
  assert.equal(rows.length, 2);
  assert.match(rows[0] ?? '', new RegExp(`^${recordId}LabResults`));
  assert.match(rows[1] ?? '', new RegExp(`^${emergencyRecordId}category not known`));
  const key = parseCategoryKeyExport(await page.evaluate((id: string) => localStorage.getItem(`carechain.categoryKey.${id}`), patientId) ?? '').key;
  assert.equal(categoryOf(key, (await records.record(api, BigInt(emergencyRecordId)))?.category ?? '0x'), undefined);
  await shot('3-patient-access-log');

  await page.click('[data-testid^=revoke-]');
  await page.waitForSelector('[data-testid=consents-done]', { timeout: 90_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=consent-row]').length === 0);

  await fill('input[name=erase-id]', recordId);
  assert.match(await act('erase', 'records'), new RegExp(`Erased records #${recordId}`));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=record-row]').length === 1);
  await fill('input[name=erase-id]', emergencyRecordId);
  assert.match(await act('erase', 'records'), new RegExp(`Erased records #${emergencyRecordId}`));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=record-row]').length === 0);
  await shot('4-patient-revoked-erased');
});

test('claims: the insurer covers the patient, the provider bills, the insurer decides, the provider appeals, the insurer pays, the patient sees it', async () => {
  // The consents and the encounter, through the library: Charlie (the patient) consents to the
  // dev insurer for payment and to Bob for treatment, and Bob anchors the encounter.
  const key = parseCategoryKeyExport(await page.evaluate((id: string) => localStorage.getItem(`carechain.categoryKey.${id}`), patientId) ?? '').key;
  const [charlie, bob] = [await signer('//Charlie'), await signer('//Bob')];
  const patient = BigInt(patientId);
  await submit(api, consent.grant(api, { patientId: patient, grantee: who.Insurer ?? '', purpose: 'Payment', categories: [categoryTag(key, 'Billing')], access: 'Read' }), charlie);
  await submit(api, consent.grant(api, { patientId: patient, grantee: who.Bob ?? '', purpose: 'Treatment', categories: [categoryTag(key, 'Encounters')], access: 'ReadWrite' }), charlie);
  const encounterId = big((await submit(api, records.anchor(api, { patientId: patient, category: categoryTag(key, 'Encounters'),
    contentHash: hashOf('visit'), storageRef: hashOf('ehr/visit') }), bob)).event('records', 'RecordAnchored').recordId);
  const billingCard = JSON.stringify(categoryCard(key, patientId, ['Encounters', 'Billing']));

  await actAs('Insurer', 'insurer');
  await fill('textarea[name=patient-card]', billingCard);
  await page.waitForSelector('[data-testid=patient-card-summary]');
  await page.waitForFunction((id: string) => (document.querySelector('input[name=coverage-patient]') as HTMLInputElement | null)?.value === id, {}, patientId);
  await fill('input[name=coverage-plan]', 'Gold plan 2027, member 0042');
  const coverageId = /Coverage #(\d+) registered/.exec(await act('register-coverage'))?.[1] ?? '';
  assert.notEqual(coverageId, '');

  await actAs('Bob', 'provider');
  await fill('textarea[name=patient-card]', billingCard);
  await page.waitForSelector('[data-testid=patient-card-summary]');
  await fill('input[name=claim-patient]', patientId);
  await fill('input[name=claim-payer]', who.Insurer ?? '');
  await fill('input[name=claim-coverage]', coverageId);
  await fill('input[name=claim-encounter]', encounterId.toString());
  await fill('input[name=claim-amount]', '125.00');
  await fill('input[name=claim-codes]', '99213, J1100');
  const bundle = join(files, 'claim.json');
  writeFileSync(bundle, '{"resourceType":"Claim","status":"active"}');
  await (await page.$('input[name=claim-bundle]'))!.uploadFile(bundle);
  const claimId = /Claim #(\d+) submitted/.exec(await act('submit-claim'))?.[1] ?? '';
  assert.notEqual(claimId, '');
  await page.waitForSelector(`[data-testid=claim-${claimId}-status]`);
  assert.equal(await text(`[data-testid=claim-${claimId}-status]`), 'Submitted');
  // The same service again is a duplicate: the browser keeps the provider's key salt.
  assert.match(await act('submit-claim', 'submit-claim', true), /claims\.DuplicateClaim/);

  await actAs('Insurer', 'insurer');
  await page.waitForSelector(`[data-testid=decide-${claimId}]`);
  await page.select('select[name=decision-outcome]', 'Partial');
  await fill('input[name=decision-allowed]', '80.00');
  await fill('input[name=decision-share]', '15.00');
  await fill('input[name=decision-reasons]', 'NotCovered, Copayment');
  assert.match(await act(`decide-${claimId}`, 'claim-decision'), new RegExp(`Claim #${claimId} decided: Partial`));

  await actAs('Bob', 'provider');
  await page.waitForSelector(`[data-testid=appeal-${claimId}]`);
  assert.match(await text(`[data-testid=claim-${claimId}-status]`), /Partial: 80.00 EUR allowed, 15.00 EUR yours/);
  await fill('textarea[name=appeal-evidence]', 'Prior authorisation 4711 was granted on admission');
  assert.match(await act(`appeal-${claimId}`, 'claim-row'), new RegExp(`Claim #${claimId} appealed`));

  await actAs('Insurer', 'insurer');
  await page.waitForSelector(`[data-testid=decide-${claimId}]`);
  await page.select('select[name=decision-outcome]', 'Approved');
  await fill('input[name=decision-allowed]', '125.00');
  await fill('input[name=decision-share]', '15.00');
  await fill('input[name=decision-reasons]', 'Copayment');
  await act(`decide-${claimId}`, 'claim-decision');
  await page.waitForSelector(`[data-testid=pay-${claimId}]`);
  await fill('input[name=payment-amount]', '110.00');
  await fill('input[name=payment-remittance]', '835 remittance 2027-01-20');
  assert.match(await act(`pay-${claimId}`, 'claim-decision'), new RegExp(`Payment on claim #${claimId} recorded`));
  assert.deepEqual(await claims.claimStatus(api, BigInt(claimId)), { kind: 'Paid', amount: 11_000n, remittanceHash: hashOf('835 remittance 2027-01-20') });

  await actAs('Charlie', 'patient');
  await page.waitForSelector(`[data-testid=claim-${claimId}-status]`);
  assert.equal(await text(`[data-testid=claim-${claimId}-status]`), 'Paid 110.00 EUR');
  await shot('4b-claims-patient-view');
});

test('research: the sponsor registers and opens a study, the patient joins and withdraws, the registry flags switched outcomes', async () => {
  await actAs('Sponsor', 'research');
  const doc = (name: string, body: string) => {
    const path = join(files, name);
    writeFileSync(path, body);
    return path;
  };
  await fill('input[name=study-registry]', 'NCT09999999');
  await (await page.$('input[name=study-protocol]'))!.uploadFile(doc('protocol.txt', 'protocol v1'));
  await (await page.$('input[name=study-plan]'))!.uploadFile(doc('plan.txt', 'analysis plan v1'));
  await (await page.$('input[name=study-outcomes]'))!.uploadFile(doc('outcomes.txt', 'primary: HbA1c'));
  await page.click('input[name=study-category-LabResults]');
  await fill('input[name=study-k]', '5');
  assert.match(await act('register-study', 'register-study', true), /k \(the minimum cohort\) is at least 11/);
  await fill('input[name=study-k]', '11');
  const studyId = /Study #(\d+) registered/.exec(await act('register-study'))?.[1] ?? '';
  assert.notEqual(studyId, '');
  await fill('input[name=sponsor-study]', studyId);
  await fill('input[name=study-investigator]', who.Bob ?? '');
  await act('add-investigator', 'sponsor-study');
  await page.select('select[name=study-status]', 'Recruiting');
  assert.match(await act('set-status', 'sponsor-study'), new RegExp(`Study #${studyId} is Recruiting`));
  await page.waitForFunction((id: string) => document.querySelector(`[data-testid=study-${id}-status]`)?.textContent === 'Recruiting', {}, studyId);

  // The patient (Charlie) consents to the sponsor for research through the library, with the key
  // its browser holds, then joins the study in the portal on that consent.
  const key = parseCategoryKeyExport(await page.evaluate((id: string) => localStorage.getItem(`carechain.categoryKey.${id}`), patientId) ?? '').key;
  const charlie = await signer('//Charlie');
  const consentId = big((await submit(api, consent.grant(api, { patientId: BigInt(patientId), grantee: who.Sponsor ?? '', purpose: 'Research',
    categories: [categoryTag(key, 'LabResults')], access: 'Read' }), charlie)).event('consent', 'ConsentGranted').consentId);
  await actAs('Charlie', 'patient');
  await fill('input[name=join-study]', studyId);
  await fill('input[name=join-consent]', consentId.toString());
  assert.match(await act('join-study', 'study-action'), new RegExp(`Consented to study #${studyId} at version 1`));
  await page.waitForFunction((id: string) => document.querySelector(`[data-testid=participation-${id}-status]`)?.textContent === 'Consented', {}, studyId);
  assert.match(await act('withdraw-study', 'study-action'), /its consent is revoked/);
  await page.waitForFunction((id: string) => document.querySelector(`[data-testid=participation-${id}-status]`)?.textContent === 'Withdrawn', {}, studyId);
  assert.equal((await api.query.consent.consents(consentId)).isNone, true, 'withdrawing revoked the research consent');

  // The sponsor ends the study and reports other outcomes than it registered: the registry says so.
  await actAs('Sponsor', 'research');
  await fill('input[name=sponsor-study]', studyId);
  await page.select('select[name=study-status]', 'Terminated');
  await act('set-status', 'sponsor-study');
  await (await page.$('input[name=results-file]'))!.uploadFile(doc('results.txt', 'results'));
  await (await page.$('input[name=results-outcomes]'))!.uploadFile(doc('reported.txt', 'primary: weight'));
  assert.match(await act('commit-results', 'sponsor-study'), /outcomes switched/);
  await page.waitForFunction((id: string) => document.querySelector(`[data-testid=study-${id}-outcomes]`)?.textContent === 'SWITCHED', {}, studyId);
  assert.equal(await text(`[data-testid=study-${studyId}-results]`), 'committed');
  assert.equal(await trials.outcomesSwitched(api, BigInt(studyId)), true);
  await shot('4c-research-registry');
});

test('pharmacist and regulator: verify a pack, follow its batch, recall it', async () => {
  await actAs('Dave', 'pharmacy');
  await fill('input[name=gtin]', gtin);
  await fill('input[name=lot]', lot);
  await fill('input[name=serial]', 'P-004');
  await page.type('textarea[name=proof]', serials.join('\n'));
  await page.click('[data-testid=verify-pack]');
  await page.waitForFunction(() => document.querySelector('[data-testid=pack-answer]')?.textContent?.startsWith('Authentic'));
  assert.match(await text('[data-testid=pack-answer]'), new RegExp(`batch #${rootBatch}`));

  await fill('input[name=batch-id]', pharmacyBatch.toString());
  await page.click('[data-testid=load-batch]');
  await page.waitForSelector('[data-testid=custody-Received]', { timeout: 60_000 });
  assert.equal(await text('[data-testid=batch-state]'), 'Not recalled');
  assert.ok(await page.$('[data-testid=custody-BatchCommissioned]'));
  assert.ok(await page.$('[data-testid=custody-Shipped]'));

  // A pharmacy may not recall: the pallet's error, readable.
  await fill('input[name=recall-batch]', rootBatch.toString());
  await page.type('textarea[name=recall-reason]', 'suspected contamination');
  assert.match(await act('recall', 'recall', true), /supplyChain\.NotRecaller/);
  await shot('5-pharmacist-verified');

  // The regulator recalls the lot; the pharmacy's split batch and every pack say so.
  await actAs('Alice', 'pharmacy');
  await fill('input[name=recall-batch]', rootBatch.toString());
  await page.type('textarea[name=recall-reason]', 'contamination confirmed by the lab');
  assert.match(await act('recall'), new RegExp(`Batch #${rootBatch} recalled`));
  await fill('input[name=gtin]', gtin);
  await fill('input[name=lot]', lot);
  await fill('input[name=serial]', 'P-002');
  await page.type('textarea[name=proof]', serials.join('\n'));
  await page.click('[data-testid=verify-pack]');
  await page.waitForFunction(() => document.querySelector('[data-testid=pack-answer]')?.textContent?.startsWith('Recalled'));
  await fill('input[name=batch-id]', pharmacyBatch.toString());
  await page.click('[data-testid=load-batch]');
  await page.waitForFunction((root: string) => document.querySelector('[data-testid=batch-state]')?.textContent === `Recalled (at batch #${root})`, {}, rootBatch.toString());
  await page.waitForSelector('[data-testid=custody-Recalled]', { timeout: 60_000 });
  await shot('6-regulator-recalled');
});

test('consortium: a member proposes and votes, a motion that cannot pass is closed, a board is admitted; a non-member only follows', async () => {
  await actAs('Alice', 'consortium');
  await page.waitForFunction(() => document.querySelector('[data-testid=members]')?.children.length === 1);
  assert.match(await text('[data-testid=members-card]'), /You hold a seat/);

  // A motion that needs two of a consortium of one stays open for votes; since it can never
  // pass, closing it ends it without running it.
  await page.select('select[name=action]', 'pause a call');
  await fill('input[name=target]', 'Patients.update_commitment');
  await fill('input[name=threshold]', '2');
  assert.match(await act('propose'), /motion #\d+ is open for votes/);
  const row = await page.waitForSelector('[data-testid=motion-rows] tr', { timeout: 30_000 });
  const index = await row!.evaluate((el) => el.getAttribute('data-testid')?.replace('motion-', '') ?? '');
  assert.match(await text(`[data-testid=motion-${index}]`), /txPause\.pause.*0 aye \/ 0 nay, 2 needed/);
  assert.match(await act(`aye-${index}`, 'motion'), new RegExp(`voted aye on motion #${index}`));
  await page.waitForFunction((i: string) => /1 aye \/ 0 nay/.test(document.querySelector(`[data-testid=motion-${i}]`)?.textContent ?? ''), {}, index);
  assert.match(await act(`close-${index}`, 'motion'), new RegExp(`motion #${index} closed without passing`));
  await page.waitForSelector('[data-testid=no-motions]', { timeout: 30_000 });
  assert.match(await text('[data-testid=paused]'), /No call is paused/);

  // The default threshold is a majority of today's members: the board is admitted at once.
  const board = await signer('//Portal/board');
  await page.select('select[name=action]', 'admit a licensing board');
  await fill('input[name=target]', board.address);
  await page.select('select[name=kind]', 'Laboratory');
  await fill('input[name=threshold]', '1');
  assert.match(await act('propose'), /passed at once and ran/);
  assert.ok((await api.query.credentials.issuers(board.address)).isSome, 'the board is registered');
  await shot('7-consortium');

  // Someone without a seat sees the motions but cannot propose.
  await actAs('Bob', 'consortium');
  assert.match(await text('[data-testid=members-card]'), /do not hold a seat/);
  await page.select('select[name=action]', 'pause a call');
  await fill('input[name=target]', 'Patients.register');
  assert.match(await act('propose', 'propose', true), /council\.NotMember/);
});

test('gateway: the provider stores a file encrypted in the gateway, and it and the patient open it each on a logged read', async () => {
  const store = mkdtempSync(join(tmpdir(), 'carechain-portal-gateway-'));
  const gw = await startGateway({
    binary: gatewayBinary('debug'), nodeUrl: node.url, store, masterKey: randomBytes(32).toString('hex'),
    args: ['--poll-ms', '200', '--allow-origin', portal.origin],
  });
  try {
    await portal.open({ rpc: node.url, gateway: gw.url });
    // Charlie consents again to Bob writing and reading lab results (the first consent was revoked).
    const tag = card?.tags.LabResults ?? '0x';
    await submit(api, consent.grant(api, { patientId: BigInt(patientId), grantee: who.Bob ?? '', purpose: 'Treatment', categories: [tag], access: 'ReadWrite' }),
      await signer('//Charlie'));

    await actAs('Bob', 'provider');
    await fill('textarea[name=patient-card]', JSON.stringify(card));
    await page.waitForSelector('[data-testid=patient-card-summary]');
    await fill('input[name=anchor-patient]', patientId);
    assert.equal(await page.$eval('input[name=store-in-gateway]', (el) => (el as HTMLInputElement).checked), true, 'with a gateway, files go to it');
    assert.equal(await page.$('input[name=storage-key]'), null, 'the gateway names the storage reference');
    await (await page.$('input[name=anchor-file]'))!.uploadFile(labResult);
    const anchored = await act('anchor');
    const stored = /Record #(\d+) anchored; the gateway holds its file encrypted/.exec(anchored)?.[1] ?? '';
    assert.notEqual(stored, '', anchored);
    const anchor = await records.record(api, BigInt(stored));
    assert.equal(anchor?.category, tag);
    // The store holds the file encrypted: no file in it contains the document's text.
    const plain = readFileSync(labResult);
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]);
    assert.ok(walk(store).length > 0 && walk(store).every((f) => !readFileSync(f).includes(plain.subarray(0, 24))));

    // Bob lists the patient's documents; once the anchoring is final the gateway holds the body.
    await fill('input[name=documents-patient]', patientId);
    const open = `[data-testid=document-open-${stored}]`;
    for (let tries = 0; (await page.$(open)) === null; tries++) {
      assert.ok(tries < 40, 'the gateway did not bind the upload within 20 s');
      await page.click('[data-testid=documents-list]');
      await page.waitForSelector(`[data-testid=document-row][data-record="${stored}"]`);
      await new Promise((ok) => setTimeout(ok, 500));
    }
    assert.match(await act(`document-open-${stored}`, 'documents'), new RegExp(`Record #${stored}: ${plain.length} bytes, matching its anchor\\. Your read is on the chain's log`));
    const saved = await page.$eval('[data-testid=document-download]', async (a) => await (await fetch((a as HTMLAnchorElement).href)).text());
    assert.equal(saved, plain.toString('utf8'), 'the exact bytes anchored');
    assert.equal(await page.$eval('[data-testid=document-download]', (a) => (a as HTMLAnchorElement).download), `record-${stored}.json`);
    await shot('9-provider-gateway-document');

    // Dave holds no consent: the gateway lists nothing to him.
    await actAs('Dave', 'provider');
    await fill('input[name=documents-patient]', patientId);
    await page.click('[data-testid=documents-list]');
    await page.waitForSelector('[data-testid=documents-none]');

    // Charlie opens its own record: its own read is logged too, and the bytes are the same.
    await actAs('Charlie', 'patient');
    await page.waitForSelector('[data-testid=documents-list]');
    await page.click('[data-testid=documents-list]');
    await page.waitForSelector(open);
    assert.match(await act(`document-open-${stored}`, 'documents'), /matching its anchor/);
    assert.equal(await page.$eval('[data-testid=document-download]', async (a) => await (await fetch((a as HTMLAnchorElement).href)).text()), plain.toString('utf8'));
    await shot('10-patient-gateway-document');
  } finally {
    await gw.stop();
    rmSync(store, { recursive: true, force: true });
  }
});

test('gateway: a portal whose origin the gateway does not allow gets a reason, not a silent failure', async () => {
  const store = mkdtempSync(join(tmpdir(), 'carechain-portal-gateway-'));
  const gw = await startGateway({
    binary: gatewayBinary('debug'), nodeUrl: node.url, store, masterKey: randomBytes(32).toString('hex'), args: ['--poll-ms', '200'],
  });
  try {
    await portal.open({ rpc: node.url, gateway: gw.url });
    await actAs('Bob', 'provider');
    await fill('input[name=documents-patient]', patientId);
    await page.click('[data-testid=documents-list]');
    await page.waitForSelector('[data-testid=documents-error]');
    assert.match(await text('[data-testid=documents-error]'), new RegExp(`did not answer .*started with --allow-origin ${portal.origin}`));
  } finally {
    await gw.stop();
    rmSync(store, { recursive: true, force: true });
  }
});

test('after every role\'s story in the portal, the whole state decodes and every pallet\'s invariants hold (TryRuntime API)', async () => {
  await assertTryState(api);
});
