// The pharmacist's and regulator's page: verify a pack, follow a batch's custody and recall state,
// and recall a batch.

import type { ApiPromise } from '@polkadot/api';
import { useState } from 'preact/hooks';
import { hashOf, history as historyLib, isValidSerial, serialProof, supplyChain, type BatchInfo, type Hash, type SerialProof } from '../../src/lib/index.js';
import { stamp } from './history.js';
import { INDEXER, parseId, recentEvents, useAction, type HistoryEvent, type PortalAccount } from './chain.js';
import { Card, Field, Status, short, when } from './ui.js';

export function PharmacyPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  return (
    <div class="page" data-testid="pharmacy-page" data-account={me.address}>
      <VerifyPack api={api} />
      <BatchHistory api={api} />
      <Recall api={api} me={me} />
    </div>
  );
}

/** The proof from either a pasted proof (JSON) or the lot's serial list (one per line). */
function proofFrom(serial: string, text: string): SerialProof {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const proof = JSON.parse(trimmed) as SerialProof;
    if (typeof proof.leafIndex !== 'number' || typeof proof.numberOfLeaves !== 'number' || !Array.isArray(proof.items)) {
      throw new Error('a proof is {"leafIndex", "numberOfLeaves", "items"}');
    }
    return { leafIndex: proof.leafIndex, numberOfLeaves: proof.numberOfLeaves, items: proof.items as Hash[] };
  }
  const serials = trimmed.split(/\r?\n/).map((s) => s.trim()).filter((s) => s.length > 0);
  const index = serials.indexOf(serial);
  if (index < 0) throw new Error(`serial ${serial} is not in the list`);
  return serialProof(serials, index);
}

function VerifyPack({ api }: { api: ApiPromise }) {
  const [gtin, setGtin] = useState('');
  const [lot, setLot] = useState('');
  const [serial, setSerial] = useState('');
  const [proof, setProof] = useState('');
  const [answer, setAnswer] = useState<{ text: string; good: boolean } | undefined>();
  return (
    <Card title="Verify a pack" id="verify-pack">
      <Field label="GTIN"><input name="gtin" value={gtin} onInput={(e) => setGtin((e.target as HTMLInputElement).value.trim())} /></Field>
      <Field label="Lot"><input name="lot" value={lot} onInput={(e) => setLot((e.target as HTMLInputElement).value.trim())} /></Field>
      <Field label="Serial"><input name="serial" value={serial} onInput={(e) => setSerial((e.target as HTMLInputElement).value.trim())} /></Field>
      <Field label="Proof (JSON) or the lot's serial list"><textarea name="proof" rows={4} value={proof} onInput={(e) => setProof((e.target as HTMLTextAreaElement).value)} /></Field>
      <button type="button" data-testid="verify-pack" onClick={async () => {
        try {
          if (!isValidSerial(serial)) throw new Error(`"${serial}" is not a GS1 serial number (1 to 20 characters of GS1 set 82)`);
          const result = await supplyChain.verifyUnit(api, gtin, lot, serial, proofFrom(serial, proof));
          setAnswer(result.kind === 'Authentic'
            ? { text: `Authentic: batch #${result.batchId}, expires ${when(result.expiresOn)}`, good: true }
            : { text: { Recalled: 'Recalled: do not dispense', Expired: 'Expired: do not dispense', Quarantined: 'Quarantined: hold the pack',
                Unknown: 'Unknown product or lot', InvalidProof: 'Not a serial of this lot (invalid proof)' }[result.kind], good: false });
        } catch (error) {
          setAnswer({ text: `Cannot verify: ${error instanceof Error ? error.message : String(error)}`, good: false });
        }
      }}>Verify</button>
      {answer && <p class={answer.good ? 'answer good' : 'answer bad'} data-testid="pack-answer">{answer.text}</p>}
    </Card>
  );
}

function BatchHistory({ api }: { api: ApiPromise }) {
  const [batchId, setBatchId] = useState('');
  const [chain, setChain] = useState<BatchInfo[] | undefined>();
  const [history, setHistory] = useState<HistoryEvent[]>([]);
  const [steps, setSteps] = useState<historyLib.CustodyStep[] | undefined>();
  const [tree, setTree] = useState<historyLib.BatchTree | undefined>();
  const [problem, setProblem] = useState('');
  const load = async () => {
    setProblem('');
    try {
      // The batch and its ancestors up to the commissioned lot: a recall anywhere above applies.
      const path: BatchInfo[] = [];
      for (let id: bigint | undefined = parseId(batchId, 'the batch number'); id !== undefined;) {
        const batch = await supplyChain.batch(api, id);
        if (batch === undefined) throw new Error(`no batch #${id}`);
        path.push(batch);
        id = batch.parent;
      }
      const ids = new Set(path.map((b) => b.batchId.toString()));
      if (INDEXER !== undefined) {
        // The whole custody from the indexer: every step of the batch and its ancestors, and the
        // tree of batches split from the commissioned lot (where a recall reaches).
        setSteps(await historyLib.stepsOf(INDEXER, [...ids]));
        setTree(await historyLib.custody(INDEXER, path[path.length - 1]!.batchId));
      } else {
        const { events } = await recentEvents(api, (section, _method, data) =>
          section === 'supplyChain' && (ids.has(String(data.batchId)) || ids.has(String(data.childBatchId))));
        setHistory(events.reverse());
      }
      setChain(path);
    } catch (error) {
      setChain(undefined);
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const recalledAt = chain?.find((b) => b.recalled);
  const quarantinedAt = chain?.find((b) => b.quarantined);
  const here = chain?.[0];
  return (
    <Card title="Batch custody and recall state" id="batch">
      <Field label="Batch #"><input name="batch-id" value={batchId} onInput={(e) => setBatchId((e.target as HTMLInputElement).value)} /></Field>
      <button type="button" data-testid="load-batch" onClick={() => void load()}>Show</button>
      {problem && <p class="error" role="alert">{problem}</p>}
      {here && (
        <>
          <p data-testid="batch-state" class={recalledAt ? 'answer bad' : 'answer good'}>
            {recalledAt ? `Recalled (at batch #${recalledAt.batchId})` : quarantinedAt ? `Quarantined (at batch #${quarantinedAt.batchId})` : 'Not recalled'}
          </p>
          <p>GTIN {here.gtin}, lot {here.lot}, expires {when(here.expiresOn)}; custodian {short(here.custodian)}; held {here.held}, in transit {here.inTransit}, dispensed {here.dispensed}.</p>
          {steps !== undefined && (
            <>
              <p class="note" data-testid="custody-source">Every custody step since the lot was commissioned, from the indexer.</p>
              <table>
                <thead><tr><th>block</th><th>step</th><th>batch</th><th>by → to</th><th>quantity</th><th>at</th></tr></thead>
                <tbody>
                  {steps.map((s) => (
                    <tr data-testid={`custody-${s.action}`}>
                      <td>{s.block}</td><td>{s.action}</td><td>#{s.batchId}</td>
                      <td>{short(s.actor)}{s.counterparty ? ` → ${short(s.counterparty)}` : ''}</td>
                      <td>{s.quantity ?? ''}</td><td>{stamp(s.timestamp)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {tree && <><p>Split tree of the lot:</p><ul data-testid="split-tree"><SplitTree node={tree} /></ul></>}
            </>
          )}
          {steps === undefined && <table>
            <thead><tr><th>block</th><th>step</th><th>batch</th><th>by / from → to</th><th>quantity</th><th>at</th></tr></thead>
            <tbody>
              {history.map((e) => (
                <tr data-testid={`custody-${e.method}`}>
                  <td>{e.block}</td><td>{supplyChain.businessStep(e.method) ?? e.method}</td><td>#{String(e.data.batchId)}{e.data.childBatchId !== undefined ? ` → #${String(e.data.childBatchId)}` : ''}</td>
                  <td>{e.data.from !== undefined ? `${short(String(e.data.from))} → ${short(String(e.data.to))}` : short(String(e.data.by ?? e.data.manufacturer ?? ''))}</td>
                  <td>{e.data.quantity === undefined ? '' : String(e.data.quantity)}</td><td>{when(Number(e.data.at))}</td>
                </tr>
              ))}
            </tbody>
          </table>}
        </>
      )}
    </Card>
  );
}

/** A batch and the batches split from it, each with its quantity and recall state. */
function SplitTree({ node }: { node: historyLib.BatchTree }) {
  return (
    <li data-testid={`tree-${node.id}`}>
      #{node.id}: {node.quantity} units{node.recalled ? ', recalled' : ''}{node.quarantined ? ', quarantined' : ''}
      {node.children.length > 0 && <ul>{node.children.map((child) => <SplitTree node={child} />)}</ul>}
    </li>
  );
}

function Recall({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [batchId, setBatchId] = useState('');
  const [reason, setReason] = useState('');
  const [state, run] = useAction();
  return (
    <Card title="Recall a batch" id="recall">
      <p>The product's manufacturer or a regulator. The recall reaches every batch split from this one.</p>
      <Field label="Batch #"><input name="recall-batch" value={batchId} onInput={(e) => setBatchId((e.target as HTMLInputElement).value)} /></Field>
      <Field label="Reason (kept off chain; its hash is recorded)"><textarea name="recall-reason" rows={2} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} /></Field>
      <button type="button" class="danger" data-testid="recall" disabled={state.busy} onClick={() => run('Recalling', async (track) => {
        if (reason.trim() === '') throw new Error('give the reason for the recall');
        const id = parseId(batchId, 'the batch number');
        await track(api, supplyChain.recall(api, id, hashOf(reason)), me.account);
        return `Batch #${id} recalled`;
      })}>Recall</button>
      <Status state={state} id="recall" />
    </Card>
  );
}
