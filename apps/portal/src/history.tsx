// "Who accessed my records": from the indexer when the portal has one (`?indexer=URL`), with a
// date range and pages, back to the first block; otherwise from the node's recent blocks, as far
// back as the node still has their state, saying which blocks that was.

import type { ApiPromise } from '@polkadot/api';
import { useEffect, useState } from 'preact/hooks';
import { history, type Id } from '../../src/lib/index.js';
import { INDEXER, recentEvents, readable, type HistoryEvent } from './chain.js';
import { Card, Field, downloadText, short, when } from './ui.js';

const PAGE = 20;

export function AccessLog({ api, patientId, version }: { api: ApiPromise; patientId: Id; version: number }) {
  return (
    <Card title="Who accessed my records" id="access-log">
      {INDEXER === undefined
        ? <RecentAccessLog api={api} patientId={patientId} version={version} />
        : <IndexedAccessLog url={INDEXER} patientId={patientId} version={version} />}
    </Card>
  );
}

/** A day typed as YYYY-MM-DD, as the start (or end) of that day in UTC. */
function day(value: string, end: boolean): Date | undefined {
  if (value === '') return undefined;
  const date = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`${value} is not a date (YYYY-MM-DD)`);
  return date;
}

/** A period typed as two days (either may be empty), and the fields to type it. */
function useRange(onChange: () => void = () => undefined) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fields = (
    <>
      <Field label="From (YYYY-MM-DD)"><input name="range-from" value={from} onInput={(e) => { setFrom((e.target as HTMLInputElement).value); onChange(); }} /></Field>
      <Field label="To (YYYY-MM-DD)"><input name="range-to" value={to} onInput={(e) => { setTo((e.target as HTMLInputElement).value); onChange(); }} /></Field>
    </>
  );
  return { from, to, fields, range: () => ({ from: day(from, false), to: day(to, true) }) };
}

function IndexedAccessLog({ url, patientId, version }: { url: string; patientId: Id; version: number }) {
  const [offset, setOffset] = useState(0);
  const { from, to, fields, range: period } = useRange(() => setOffset(0));
  const [reads, setReads] = useState<history.Read[] | undefined>();
  const [emergencies, setEmergencies] = useState<history.EmergencyAccess[]>([]);
  const [height, setHeight] = useState<number | undefined>();
  const [problem, setProblem] = useState<string | undefined>();

  useEffect(() => {
    void (async () => {
      try {
        setProblem(undefined);
        const range = period();
        const [page, breakGlass, indexed] = await Promise.all([
          history.readsOfPatient(url, patientId.toString(), { ...range, limit: PAGE + 1, offset }),
          history.emergencyAccesses(url, { ...range, patientId: patientId.toString(), limit: 1000 }),
          history.indexedHeight(url),
        ]);
        setReads(page);
        setEmergencies(breakGlass);
        setHeight(indexed);
      } catch (error) {
        setProblem(readable(error));
      }
    })();
  }, [url, patientId.toString(), from, to, offset, version]);

  return (
    <>
      <p class="note" data-testid="log-source">From the indexer, every block up to #{height ?? '…'}. Every logged read and every break-glass access is listed.</p>
      {fields}
      {problem && <p class="error" role="alert">{problem}</p>}
      {reads === undefined ? <p>Loading…</p> : (
        <>
          <table>
            <thead><tr><th>block</th><th>when</th><th>what</th><th>who</th><th>record</th><th>allowed by</th></tr></thead>
            <tbody>
              {reads.slice(0, PAGE).map((r) => (
                <tr data-testid="log-RecordAccessed">
                  <td>{r.block}</td>
                  <td>{stamp(r.timestamp)}</td>
                  <td>read for {r.purpose}</td>
                  <td>{short(r.reader)}</td>
                  <td>#{r.recordId}</td>
                  <td>{r.consentId !== null ? `consent #${r.consentId}` : r.emergencyAccessId !== null ? `emergency access #${r.emergencyAccessId} (${r.emergencyReason})` : 'your own read'}</td>
                </tr>
              ))}
              {emergencies.map((e) => (
                <tr data-testid="log-EmergencyAccessOpened">
                  <td>{e.openedBlock}</td>
                  <td>{stamp(e.openedAt)}</td>
                  <td>break-glass: {e.reason}</td>
                  <td>{short(e.clinician)}</td>
                  <td>—</td>
                  <td>emergency #{e.id} until {when(Date.parse(e.expiresAt))}{e.endedAt ? `, ended ${stamp(e.endedAt)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <button type="button" data-testid="log-newer" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Newer</button>{' '}
            <button type="button" data-testid="log-older" disabled={reads.length <= PAGE} onClick={() => setOffset(offset + PAGE)}>Older</button>
          </p>
        </>
      )}
    </>
  );
}

function RecentAccessLog({ api, patientId, version }: { api: ApiPromise; patientId: Id; version: number }) {
  const [log, setLog] = useState<{ events: HistoryEvent[]; from: number; to: number; pruned: boolean } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    void (async () => {
      try {
        setLog(await recentEvents(api, (section, method, data) =>
          String(data.patientId) === patientId.toString() &&
          ((section === 'records' && method === 'RecordAccessed') || (section === 'consent' && (method === 'EmergencyAccessOpened' || method === 'EmergencyAccessEnded')))));
      } catch (error) {
        setProblem(readable(error));
      }
    })();
  }, [api, patientId.toString(), version]);
  if (problem) return <p class="error" role="alert">{problem}</p>;
  if (log === undefined) return <p>Scanning recent blocks…</p>;
  return (
    <>
      <p class="note" data-testid="log-source">
        Blocks {log.from}–{log.to}: every logged read and every break-glass access in them is listed.
        {log.pruned ? ' This node has discarded the state of older blocks; a portal with an indexer (?indexer=URL) shows the whole history.' : ''}
      </p>
      <table>
        <thead><tr><th>block</th><th>what</th><th>who</th><th>record</th><th>allowed by</th></tr></thead>
        <tbody>
          {log.events.map((e) => (
            <tr data-testid={`log-${e.method}`}>
              <td>{e.block}</td>
              <td>{e.method === 'RecordAccessed' ? `read for ${String(e.data.purpose)}` : e.method === 'EmergencyAccessOpened' ? `break-glass: ${String(e.data.reason)}` : 'emergency access ended'}</td>
              <td>{short(String(e.data.reader ?? e.data.clinician))}</td>
              <td>{e.data.recordId === undefined ? '—' : `#${String(e.data.recordId)}`}</td>
              <td>{e.method === 'RecordAccessed' ? decision(e.data.decision) : e.method === 'EmergencyAccessOpened' ? `emergency #${String(e.data.accessId)} until ${when(Number(e.data.expiresAt))}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function decision(value: unknown): string {
  const d = value as { permitted?: number; emergency?: number } | null;
  if (d?.permitted !== undefined) return `consent #${d.permitted}`;
  if (d?.emergency !== undefined) return `emergency access #${d.emergency}`;
  return 'denied';
}

/** An indexer time (ISO 8601) as the portal shows it: `YYYY-MM-DD HH:MM:SS` (UTC). */
export function stamp(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

/**
 * Every row `load` answers from the indexer, reloaded when `deps` change; nothing (and no
 * request) without an indexer. A failure becomes a readable `problem`.
 */
function useIndexed<T>(load: (url: string) => Promise<T[]>, deps: unknown[]): { rows?: T[]; problem?: string } {
  const [rows, setRows] = useState<T[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  useEffect(() => {
    if (INDEXER === undefined) return;
    const url = INDEXER;
    void (async () => {
      try {
        setProblem(undefined);
        setRows(await load(url));
      } catch (error) {
        setProblem(readable(error));
      }
    })();
  }, deps);
  return { rows, problem };
}

/** Every consent the patient ever granted, with its revocation: from the indexer only (a node keeps just the live ones). */
export function ConsentHistory({ patientId, version }: { patientId: Id; version: number }) {
  const { rows, problem } = useIndexed((url) => history.all((page) => history.consentsOf(url, patientId.toString(), page)),
    [patientId.toString(), version]);
  if (INDEXER === undefined) return null;
  return (
    <Card title="Consent history" id="consent-history">
      {problem && <p class="error" role="alert">{problem}</p>}
      {rows === undefined ? <p>Loading…</p> : (
        <table>
          <thead><tr><th>consent</th><th>to</th><th>for</th><th>granted</th><th>revoked</th></tr></thead>
          <tbody>
            {rows.map((c) => (
              <tr data-testid={`consent-history-${c.id}`}>
                <td>#{c.id}</td><td>{short(c.grantee)}</td><td>{c.purpose}, {c.access}</td>
                <td>{stamp(c.grantedAt)} by {short(c.grantedBy)}</td>
                <td>{c.revokedAt ? `${stamp(c.revokedAt)} by ${short(c.revokedBy ?? '')}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** One account's actions on chain (every event of the transactions it signed), from the indexer. */
export function ProviderActions({ account }: { account: string }) {
  const { from, to, fields, range } = useRange();
  const { rows, problem } = useIndexed((url) => history.all((page) => history.actionsOf(url, account, page), range()), [account, from, to]);
  if (INDEXER === undefined) return null;
  return (
    <Card title="My actions on chain" id="my-actions">
      <p class="note">Every event of the transactions this account signed, from the indexer.</p>
      {fields}
      {problem && <p class="error" role="alert">{problem}</p>}
      {rows === undefined ? <p>Loading…</p> : (
        <>
          <button type="button" data-testid="download-actions" onClick={() => downloadText('actions.csv', history.toCsv(rows as unknown as Record<string, unknown>[]), 'text/csv')}>Download CSV</button>
          <table>
            <thead><tr><th>block</th><th>when</th><th>what</th><th>patient</th></tr></thead>
            <tbody>
              {rows.map((e) => (
                <tr data-testid={`action-${e.name}`}>
                  <td>{e.block}</td><td>{stamp(e.timestamp)}</td><td>{e.pallet}.{e.name}</td><td>{e.patientId ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}

/** Every break-glass access in a period, with its reason: a privacy officer's audit, from the indexer. */
export function BreakGlassAudit() {
  const { from, to, fields, range } = useRange();
  const { rows, problem } = useIndexed((url) => history.all((page) => history.emergencyAccesses(url, page), range()), [from, to]);
  if (INDEXER === undefined) return null;
  return (
    <Card title="Break-glass audit" id="break-glass-audit">
      <p class="note">Every emergency access opened in the period, with its reason, from the indexer.</p>
      {fields}
      {problem && <p class="error" role="alert">{problem}</p>}
      {rows === undefined ? <p>Loading…</p> : (
        <>
          <button type="button" data-testid="download-break-glass" onClick={() => downloadText('break-glass.csv', history.toCsv(rows as unknown as Record<string, unknown>[]), 'text/csv')}>Download CSV</button>
          <table>
            <thead><tr><th>opened</th><th>clinician</th><th>patient</th><th>reason</th><th>ended</th></tr></thead>
            <tbody>
              {rows.map((e) => (
                <tr data-testid="break-glass-row">
                  <td>{stamp(e.openedAt)} (#{e.openedBlock})</td><td>{short(e.clinician)}</td><td>{e.patientId}</td>
                  <td>{e.reason}</td><td>{e.endedAt ? `${stamp(e.endedAt)} by ${short(e.endedBy ?? '')}` : 'not ended (expires)'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
