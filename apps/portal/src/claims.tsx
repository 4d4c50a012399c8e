// Insurance claims in the portal: the provider submits and follows its claims (and appeals or
// voids them), the insurer registers coverage and works its queue (adjudicate, record payments),
// the patient sees each of its claims. The claim bundle is hashed here and never leaves the page;
// the procedure codes go on chain only inside the salted duplicate key.

import type { ApiPromise } from '@polkadot/api';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { hexToU8a, isHex, u8aToHex } from '@polkadot/util';
import { big, claims, hashOf, randomSalt, tagFromCard, type CategoryCard, type ClaimInfo, type Id } from '../../src/lib/index.js';
import { fileBytes, parseId, useAction, type PortalAccount } from './chain.js';
import { PatientCard } from './provider.js';
import { Card, Field, Select, Status, short } from './ui.js';

/** The provider's duplicate-key secret, made in this browser once and kept there (never on chain). */
function keySalt(provider: string): Uint8Array {
  const name = `carechain.claims.key-salt.${provider}`;
  const stored = localStorage.getItem(name);
  if (stored !== null && isHex(stored, 256)) return hexToU8a(stored);
  const salt = randomSalt();
  localStorage.setItem(name, u8aToHex(salt));
  return salt;
}

/** The patient's billing tag from the card it gave (the tag it consented to the payer under). */
function billingTag(card: CategoryCard | undefined, patientId: bigint) {
  if (card === undefined) throw new Error('load the patient\'s category card first: it names the patient\'s Billing tag');
  if (BigInt(card.patientId) !== patientId) throw new Error(`the category card loaded is patient #${card.patientId}'s, not patient #${patientId}'s`);
  return tagFromCard(card, 'Billing');
}

function ClaimTable({ list, children }: { list: ClaimInfo[]; children?: (c: ClaimInfo) => ComponentChildren }) {
  if (list.length === 0) return <p data-testid="no-claims">No claims.</p>;
  return (
    <table>
      <thead><tr><th>claim</th><th>patient</th><th>service</th><th>billed</th><th>paid</th><th>status</th>{children && <th></th>}</tr></thead>
      <tbody>
        {list.map((c) => (
          <tr data-testid={`claim-${c.claimId}`}>
            <td>#{c.claimId.toString()}</td>
            <td>#{c.patientId.toString()}</td>
            <td>{claims.dayToDate(c.serviceDate)}</td>
            <td>{claims.formatMoney(c.billed.amount, c.billed.currency)}</td>
            <td>{claims.formatMoney(c.paid, c.billed.currency)}</td>
            <td data-testid={`claim-${c.claimId}-status`}>{claims.describeStatus(c.status, c.billed.currency)}</td>
            {children && <td>{children(c)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The provider's claims: submit one for an encounter, follow them, appeal or void. */
export function ProviderClaims({ api, me, card }: { api: ApiPromise; me: PortalAccount; card: CategoryCard | undefined }) {
  const [list, setList] = useState<ClaimInfo[] | undefined>();
  const [version, setVersion] = useState(0);
  useEffect(() => void claims.claimsBy(api, me.address).then(setList), [api, me.address, version]);
  const [form, setForm] = useState({ patient: '', payer: '', coverage: '', encounter: '', amount: '', currency: 'EUR', date: claims.dayToDate(claims.today()), codes: '' });
  useEffect(() => { if (card !== undefined) setForm((f) => ({ ...f, patient: card.patientId })); }, [card]);
  const set = (name: keyof typeof form) => (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value });
  const bundle = useRef<HTMLInputElement>(null);
  const [state, run] = useAction();
  const [evidence, setEvidence] = useState('');
  const [rowState, runRow] = useAction();
  const done = () => setVersion((v) => v + 1);
  return (
    <Card title="Insurance claims" id="provider-claims">
      <p>Bill an encounter you wrote (or may write) to the patient's payer. The claim bundle is hashed here; the procedure codes enter the chain only inside the salted duplicate key.</p>
      <Field label="Patient #"><input name="claim-patient" value={form.patient} onInput={set('patient')} /></Field>
      <Field label="Payer (insurer address)"><input name="claim-payer" value={form.payer} onInput={set('payer')} /></Field>
      <Field label="Coverage #"><input name="claim-coverage" value={form.coverage} onInput={set('coverage')} /></Field>
      <Field label="Encounter record #"><input name="claim-encounter" value={form.encounter} onInput={set('encounter')} /></Field>
      <Field label="Amount billed"><input name="claim-amount" value={form.amount} placeholder="125.00" onInput={set('amount')} /></Field>
      <Field label="Currency (ISO 4217)"><input name="claim-currency" value={form.currency} onInput={set('currency')} /></Field>
      <Field label="Service date"><input name="claim-date" type="date" value={form.date} onInput={set('date')} /></Field>
      <Field label="Procedure codes (comma separated)"><input name="claim-codes" value={form.codes} placeholder="99213, J1100" onInput={set('codes')} /></Field>
      <Field label="Claim bundle (FHIR Claim)"><input name="claim-bundle" type="file" ref={bundle} /></Field>
      <button type="button" data-testid="submit-claim" disabled={state.busy} onClick={() => run('Submitting the claim', async (track) => {
        const patientId = parseId(form.patient, 'the patient number');
        const serviceDate = claims.dateToDay(form.date);
        const codes = form.codes.split(',').map((c) => c.trim()).filter((c) => c.length > 0);
        if (codes.length === 0) throw new Error('list the procedure codes');
        const submission = {
          patientId, payer: form.payer.trim(), coverageId: parseId(form.coverage, 'the coverage number'),
          encounterId: parseId(form.encounter, 'the encounter record number'), claimHash: hashOf(await fileBytes(bundle.current)),
          billed: claims.money(form.amount.trim(), form.currency.trim()), serviceDate,
          duplicateKey: claims.duplicateKey(keySalt(me.address), patientId, me.address, serviceDate, codes), billingTag: billingTag(card, patientId),
        };
        const included = await track(api, claims.submit(api, submission), me.account);
        done();
        return `Claim #${big(included.event('claims', 'ClaimSubmitted').claimId)} submitted`;
      })}>Submit claim</button>
      <Status state={state} id="submit-claim" />
      <h3>My claims</h3>
      {list === undefined ? <p>Loading…</p> : (
        <ClaimTable list={list}>
          {(c) => (
            <>
              {(c.status.kind === 'Adjudicated' || c.status.kind === 'Paid') && (
                <button type="button" data-testid={`appeal-${c.claimId}`} disabled={rowState.busy} onClick={() => runRow('Appealing', async (track) => {
                  if (evidence.trim() === '') throw new Error('write the appeal\'s evidence first');
                  await track(api, claims.appeal(api, c.claimId, hashOf(evidence)), me.account);
                  done();
                  return `Claim #${c.claimId} appealed`;
                })}>Appeal</button>
              )}
              {c.status.kind === 'Submitted' && (
                <button type="button" data-testid={`void-${c.claimId}`} disabled={rowState.busy} onClick={() => runRow('Voiding', async (track) => {
                  await track(api, claims.voidClaim(api, c.claimId), me.account);
                  done();
                  return `Claim #${c.claimId} voided`;
                })}>Void</button>
              )}
            </>
          )}
        </ClaimTable>
      )}
      <Field label="Appeal evidence (kept off chain; only its hash is sent)"><textarea name="appeal-evidence" rows={2} value={evidence} onInput={(e) => setEvidence((e.target as HTMLTextAreaElement).value)} /></Field>
      <Status state={rowState} id="claim-row" />
    </Card>
  );
}

/** The insurer's page: the patient's card (for its Billing tag), then coverage and claims. */
export function InsurerPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [card, setCard] = useState<CategoryCard | undefined>();
  return (
    <div class="page" data-testid="insurer-page" data-account={me.address}>
      <PatientCard card={card} onCard={setCard} />
      <InsurerClaims api={api} me={me} card={card} />
    </div>
  );
}

/** The insurer's work: coverage, the queue of claims to decide, payments to record. */
export function InsurerClaims({ api, me, card }: { api: ApiPromise; me: PortalAccount; card: CategoryCard | undefined }) {
  const [queue, setQueue] = useState<ClaimInfo[] | undefined>();
  const [toPay, setToPay] = useState<ClaimInfo[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => void (async () => {
    setQueue(await claims.queueOf(api, me.address));
    setToPay(await claims.toPayOf(api, me.address));
  })(), [api, me.address, version]);
  const done = () => setVersion((v) => v + 1);
  const today = claims.dayToDate(claims.today());
  const [cover, setCover] = useState({ patient: '', from: today, until: claims.dayToDate(claims.today() + 365), plan: '' });
  useEffect(() => { if (card !== undefined) setCover((c) => ({ ...c, patient: card.patientId })); }, [card]);
  const [coverState, runCover] = useAction();
  const [decision, setDecision] = useState({ outcome: 'Approved' as claims.Outcome, allowed: '', share: '0', reasons: '' });
  const [payment, setPayment] = useState({ amount: '', remittance: '' });
  const [rowState, runRow] = useAction();
  return (
    <>
      <Card title="Register a coverage" id="coverage">
        <p>The patient must have consented to you for Payment, under the Billing tag on the card it gave you.</p>
        <Field label="Patient #"><input name="coverage-patient" value={cover.patient} onInput={(e) => setCover({ ...cover, patient: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Plan reference (hashed here)"><input name="coverage-plan" value={cover.plan} onInput={(e) => setCover({ ...cover, plan: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Covered from"><input name="coverage-from" type="date" value={cover.from} onInput={(e) => setCover({ ...cover, from: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Covered until"><input name="coverage-until" type="date" value={cover.until} onInput={(e) => setCover({ ...cover, until: (e.target as HTMLInputElement).value })} /></Field>
        <button type="button" data-testid="register-coverage" disabled={coverState.busy} onClick={() => runCover('Registering the coverage', async (track) => {
          const patientId = parseId(cover.patient, 'the patient number');
          if (cover.plan.trim() === '') throw new Error('name the plan');
          const included = await track(api, claims.registerCoverage(api, {
            patientId, planHash: hashOf(cover.plan.trim()), validFrom: claims.dateToDay(cover.from), validUntil: claims.dateToDay(cover.until),
            billingTag: billingTag(card, patientId),
          }), me.account);
          return `Coverage #${big(included.event('claims', 'CoverageRegistered').coverageId)} registered`;
        })}>Register coverage</button>
        <Status state={coverState} id="register-coverage" />
      </Card>
      <Card title="Claims to decide" id="claims-queue">
        <Field label="Outcome"><Select name="decision-outcome" options={claims.OUTCOMES} value={decision.outcome} onChange={(outcome) => setDecision({ ...decision, outcome })} /></Field>
        <Field label="Allowed"><input name="decision-allowed" value={decision.allowed} placeholder="80.00" onInput={(e) => setDecision({ ...decision, allowed: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Patient's share"><input name="decision-share" value={decision.share} onInput={(e) => setDecision({ ...decision, share: (e.target as HTMLInputElement).value })} /></Field>
        <Field label={`Reasons (comma separated: ${claims.REASON_CODES.join(', ')})`}><input name="decision-reasons" value={decision.reasons} onInput={(e) => setDecision({ ...decision, reasons: (e.target as HTMLInputElement).value })} /></Field>
        {queue === undefined ? <p>Loading…</p> : (
          <ClaimTable list={queue}>
            {(c) => (
              <button type="button" data-testid={`decide-${c.claimId}`} disabled={rowState.busy} onClick={() => runRow('Deciding', async (track) => {
                const reasons = decision.reasons.split(',').map((r) => r.trim()).filter((r) => r.length > 0);
                for (const r of reasons) if (!(claims.REASON_CODES as readonly string[]).includes(r)) throw new Error(`"${r}" is not a reason code`);
                await track(api, claims.adjudicate(api, c.claimId, decision.outcome, claims.minorUnits(decision.allowed.trim() || '0'),
                  claims.minorUnits(decision.share.trim() || '0'), reasons as claims.ReasonCode[]), me.account);
                done();
                return `Claim #${c.claimId} decided: ${decision.outcome}`;
              })}>Decide</button>
            )}
          </ClaimTable>
        )}
      </Card>
      <Card title="Payments to record" id="claims-to-pay">
        <p>Record a payment made off chain (the remittance advice is hashed here).</p>
        <Field label="Amount"><input name="payment-amount" value={payment.amount} onInput={(e) => setPayment({ ...payment, amount: (e.target as HTMLInputElement).value })} /></Field>
        <Field label="Remittance reference"><input name="payment-remittance" value={payment.remittance} onInput={(e) => setPayment({ ...payment, remittance: (e.target as HTMLInputElement).value })} /></Field>
        <ClaimTable list={toPay}>
          {(c) => (
            <button type="button" data-testid={`pay-${c.claimId}`} disabled={rowState.busy} onClick={() => runRow('Recording the payment', async (track) => {
              if (payment.remittance.trim() === '') throw new Error('name the remittance advice');
              await track(api, claims.pay(api, c.claimId, claims.minorUnits(payment.amount.trim() || '0'), hashOf(payment.remittance.trim())), me.account);
              done();
              return `Payment on claim #${c.claimId} recorded`;
            })}>Record payment</button>
          )}
        </ClaimTable>
        <Status state={rowState} id="claim-decision" />
      </Card>
    </>
  );
}

/** The patient's claims: every stored claim about it and where it stands. */
export function PatientClaims({ api, patientId }: { api: ApiPromise; patientId: Id }) {
  const [list, setList] = useState<ClaimInfo[] | undefined>();
  useEffect(() => void (async () => {
    const ids = await claims.allClaimsOf(api, patientId);
    setList((await Promise.all(ids.map((id) => claims.claim(api, id)))).filter((c): c is ClaimInfo => c !== undefined));
  })(), [api, patientId]);
  return (
    <Card title="My insurance claims" id="patient-claims">
      <p class="note">What each provider billed your insurer for your care, and what the insurer decided and paid.</p>
      {list === undefined ? <p>Loading…</p> : <ClaimTable list={list} />}
      {list !== undefined && list.length > 0 && (
        <p class="note">Payers: {[...new Set(list.map((c) => short(c.payer)))].join(', ')}</p>
      )}
    </Card>
  );
}
