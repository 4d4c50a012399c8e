// Records themselves, through the hospital's gateway (docs/GATEWAY.md), when the portal was
// given one (`?gateway=URL`): the list of a patient's documents the account may read, and a
// download that first logs the read on chain (the gateway's ticket), then checks the bytes
// against their anchor here before offering them. Every request to the gateway is signed by
// the account (the development keyring, or the wallet extension); the portal holds no
// secret of the gateway's, and the bytes go from the gateway to this page only.

import type { ApiPromise } from '@polkadot/api';
import { hexToU8a } from '@polkadot/util';
import { useEffect, useState } from 'preact/hooks';
import { PURPOSES, contentHash, gateway, records, type Id, type Purpose } from '../../src/lib/index.js';
import { parseId, readable, useAction, type PortalAccount } from './chain.js';
import { Card, Field, Select, Status } from './ui.js';

/** The gateway's base URL, when the portal was opened with `?gateway=URL`. */
export const GATEWAY: string | undefined =
  new URLSearchParams(globalThis.location?.search ?? '').get('gateway') ?? undefined;

/** A file name for a released body, from its record number and content type. */
function fileName(recordId: Id, contentType: string): string {
  const type = contentType.split(';')[0]?.trim() ?? '';
  const extension = type.endsWith('json') ? 'json' : type === 'application/pdf' ? 'pdf' : type.startsWith('text/') ? 'txt' : 'bin';
  return `record-${recordId}.${extension}`;
}

/** A body released and checked, offered as a file. */
interface Download {
  recordId: Id;
  url: string;
  name: string;
  bytes: number;
  verification: string;
}

/**
 * The documents the account may read for a purpose: a patient's own (`patientId` fixed) or a
 * patient chosen by number (a provider). `nameOf` names a category tag, when the page can.
 */
export function GatewayDocuments({ api, me, patientId, nameOf }: {
  api: ApiPromise; me: PortalAccount; patientId?: Id; nameOf?: (tag: string) => string;
}) {
  const [patient, setPatient] = useState(patientId === undefined ? '' : patientId.toString());
  const [purpose, setPurpose] = useState<Purpose>('Treatment');
  const [listed, setListed] = useState<gateway.DocumentInfo[] | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [download, setDownload] = useState<Download | undefined>();
  const [state, run] = useAction();
  // A download's object URL lives until the next one replaces it.
  useEffect(() => () => { if (download !== undefined) URL.revokeObjectURL(download.url); }, [download]);
  if (GATEWAY === undefined) return null;
  const client = new gateway.Gateway(GATEWAY, me.account);

  const list = async () => {
    setProblem(undefined);
    try {
      setListed(await client.documents(parseId(patient, 'the patient number'), purpose));
    } catch (error) {
      setListed(undefined);
      setProblem(`Cannot list: ${readable(error)}`);
    }
  };

  const fetchRecord = (recordId: Id) => run(`Reading record #${recordId}`, async (track) => {
    setDownload(undefined);
    // The read goes on the chain's log first: the gateway releases nothing without it.
    const logged = await track(api, records.logAccess(api, recordId, purpose), me.account);
    const released = await gateway.retryWhileNotFinal(() => client.read(recordId, logged.blockHash, purpose));
    const verification = await records.verify(api, recordId, contentHash(hexToU8a(released.salt), released.body));
    if (verification.kind !== 'Match' && verification.kind !== 'Superseded') {
      throw new Error(`record #${recordId} as released does not match its anchor (${verification.kind}): not offered`);
    }
    const name = fileName(recordId, released.contentType);
    const url = URL.createObjectURL(new Blob([new Uint8Array(released.body)], { type: released.contentType || 'application/octet-stream' }));
    setDownload({ recordId, url, name, bytes: released.body.length, verification: verification.kind });
    const status = released.supersededBy === undefined ? '' : ` (superseded by #${released.supersededBy})`;
    return `Record #${recordId}: ${released.body.length} bytes, ${verification.kind === 'Match' ? 'matching its anchor' : 'matching its anchor, an older version'}${status}. Your read is on the chain's log.`;
  });

  return (
    <Card title={`Documents at the gateway (${GATEWAY})`} id="documents">
      <p class="note">Listing asks the gateway which of the patient's records you may read for the purpose. Opening one logs your read on chain first (the patient sees it), then the gateway releases the bytes and this page checks them against their anchor.</p>
      {patientId === undefined && (
        <Field label="Patient #"><input name="documents-patient" value={patient} onInput={(e) => setPatient((e.target as HTMLInputElement).value)} /></Field>
      )}
      <Field label="Purpose"><Select name="documents-purpose" options={PURPOSES} value={purpose} onChange={setPurpose} /></Field>
      <button type="button" data-testid="documents-list" onClick={() => void list()}>List documents</button>
      {problem !== undefined && <p class="error" role="alert" data-testid="documents-error">{problem}</p>}
      {listed !== undefined && (listed.length === 0 ? <p data-testid="documents-none">No document you may read for {purpose}.</p> : (
        <table>
          <thead><tr><th>#</th><th>category</th><th>version</th><th>status</th><th>held here</th><th></th></tr></thead>
          <tbody>
            {listed.map((d) => (
              <tr data-testid="document-row" data-record={d.recordId.toString()}>
                <td>{d.recordId.toString()}</td>
                <td title={d.category}>{nameOf?.(d.category) ?? `${d.category.slice(0, 10)}…`}</td>
                <td>{d.version}</td><td>{d.status}</td><td>{d.held ? 'yes' : 'no'}</td>
                <td>{d.held && <button type="button" data-testid={`document-open-${d.recordId}`} disabled={state.busy} onClick={() => void fetchRecord(d.recordId)}>Open</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <Status state={state} id="documents" />
      {download !== undefined && (
        <p><a href={download.url} download={download.name} data-testid="document-download" data-record={download.recordId.toString()} data-bytes={download.bytes}>Save {download.name}</a></p>
      )}
    </Card>
  );
}

/**
 * Stores a file encrypted in the gateway for a record of `patientId` under `tag`: the content hash
 * and storage reference to anchor. The gateway salts and hashes it by the records pallet's
 * recipe; nothing secret is computed in the page.
 */
export async function storeInGateway(me: PortalAccount, patientId: Id, tag: string, file: File): Promise<gateway.Uploaded> {
  if (GATEWAY === undefined) throw new Error('no gateway configured: open the portal with ?gateway=URL');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = file.type || 'application/octet-stream';
  return await new gateway.Gateway(GATEWAY, me.account).upload(BigInt(patientId), tag as `0x${string}`, bytes, type);
}
