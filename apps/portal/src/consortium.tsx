// The consortium's page, for its member organisations and for regulators watching them: who sits
// in the Council, the open motions with their votes, what is paused, and the member's own
// actions (propose a licensing board or a pause, vote, close). There is no sudo key: every power
// is a motion that needs its share of the Council (more than half, or two thirds to act as Root).

import type { ApiPromise } from '@polkadot/api';
import { useEffect, useState } from 'preact/hooks';
import { CREDENTIAL_KINDS, council, credentials, hashOf, type CredentialKind, type Motion } from '../../src/lib/index.js';
import { useAction, type PortalAccount, type Track } from './chain.js';
import { Card, Field, Select, Status, short } from './ui.js';
import { BreakGlassAudit } from './history.js';

interface Standing {
  members: string[];
  motions: Motion[];
  paused: string[];
}

export function ConsortiumPage({ api, me }: { api: ApiPromise; me: PortalAccount }) {
  const [standing, setStanding] = useState<Standing | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const refresh = async () => {
    try {
      const [members, motions, paused] = await Promise.all([council.members(api), council.motions(api), council.pausedCalls(api)]);
      setStanding({ members, motions, paused });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  useEffect(() => void refresh(), []);
  const member = standing?.members.includes(me.address) ?? false;
  return (
    <div class="page" data-testid="consortium-page" data-account={me.address}>
      {problem && <p class="error" role="alert">{problem}</p>}
      <Card title="The consortium" id="members">
        <p>{member ? 'You hold a seat.' : 'You do not hold a seat: you can follow the motions, not vote on them.'}</p>
        <ul data-testid="members">{standing?.members.map((m) => <li>{short(m)}</li>)}</ul>
        <p data-testid="paused">{standing === undefined ? '' : standing.paused.length === 0 ? 'No call is paused.' : `Paused: ${standing.paused.join(', ')}`}</p>
      </Card>
      <Motions api={api} me={me} motions={standing?.motions ?? []} refresh={refresh} />
      <Propose api={api} me={me} members={standing?.members.length ?? 0} refresh={refresh} />
      <BreakGlassAudit />
    </div>
  );
}

function Motions({ api, me, motions, refresh }: { api: ApiPromise; me: PortalAccount; motions: Motion[]; refresh: () => Promise<void> }) {
  const [state, run] = useAction();
  // Every action refreshes the list, whether it succeeded or the chain refused it.
  const act = (label: string, body: (track: Track) => Promise<string>) => run(label, async (track) => {
    try {
      return await body(track);
    } finally {
      await refresh();
    }
  });
  return (
    <Card title="Open motions" id="motions">
      {motions.length === 0 && <p data-testid="no-motions">No open motions.</p>}
      <table>
        <tbody data-testid="motion-rows">
          {motions.map((m) => (
            <tr data-hash={m.hash} data-testid={`motion-${m.index}`}>
              <td>#{m.index}</td>
              <td>{m.call}</td>
              <td>{m.ayes.length} aye / {m.nays.length} nay, {m.threshold} needed</td>
              <td>
                {[true, false].map((approve) => (
                  <button type="button" disabled={state.busy} data-testid={`${approve ? 'aye' : 'nay'}-${m.index}`} onClick={() => act('Voting', async (track) => {
                    await track(api, council.vote(api, m.hash, m.index, approve), me.account);
                    return `voted ${approve ? 'aye' : 'nay'} on motion #${m.index}`;
                  })}>{approve ? 'Aye' : 'Nay'}</button>
                ))}
                <button type="button" disabled={state.busy} data-testid={`close-${m.index}`} onClick={() => act('Closing', async (track) => {
                  const outcome = council.outcome(api, await track(api, await council.close(api, m.hash), me.account));
                  return outcome.executed ? `motion #${m.index} passed and ran` : `motion #${m.index} closed without passing`;
                })}>Close</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Status state={state} id="motion" />
    </Card>
  );
}

const ACTIONS = ['admit a licensing board', 'pause a call', 'resume a call'] as const;
type Action = (typeof ACTIONS)[number];

function Propose({ api, me, members, refresh }: { api: ApiPromise; me: PortalAccount; members: number; refresh: () => Promise<void> }) {
  const [action, setAction] = useState<Action>('admit a licensing board');
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<CredentialKind>('Physician');
  const majority = Math.floor(members / 2) + 1;
  const [threshold, setThreshold] = useState('');
  const [state, run] = useAction();
  return (
    <Card title="Propose a motion" id="propose">
      <p>More than half of the Council ({majority} of {members}) must vote for these.</p>
      <Field label="Motion"><Select name="action" options={ACTIONS} value={action} onChange={setAction} /></Field>
      <Field label={action === 'admit a licensing board' ? 'Board account' : 'Call (Pallet.call_name)'}>
        <input name="target" value={target} onInput={(e) => setTarget((e.target as HTMLInputElement).value.trim())} />
      </Field>
      {action === 'admit a licensing board' && <Field label="Kind it issues"><Select name="kind" options={CREDENTIAL_KINDS} value={kind} onChange={setKind} /></Field>}
      <Field label={`Threshold (default ${majority})`}>
        <input name="threshold" value={threshold} onInput={(e) => setThreshold((e.target as HTMLInputElement).value.trim())} />
      </Field>
      <button type="button" data-testid="propose" disabled={state.busy} onClick={() => run('Proposing', async (track) => {
        const votes = threshold === '' ? majority : Number(threshold);
        if (!Number.isInteger(votes) || votes < 1) throw new Error('the threshold is a whole number of members, at least 1');
        let proposal;
        if (action === 'admit a licensing board') proposal = credentials.registerIssuer(api, target, [kind], hashOf(`board ${target}`));
        else {
          const match = /^([A-Za-z]+)\.([a-z_]+)$/.exec(target);
          if (match === null) throw new Error('name the call as Pallet.call_name, e.g. Patients.register');
          proposal = (action === 'pause a call' ? council.pause : council.unpause)(api, match[1]!, match[2]!);
        }
        try {
          const outcome = council.outcome(api, await track(api, council.propose(api, votes, proposal), me.account));
          return outcome.executed ? `the motion passed at once and ran (${action})` : `motion #${outcome.proposed?.index} is open for votes`;
        } finally {
          await refresh();
        }
      })}>Propose</button>
      <Status state={state} id="propose" />
    </Card>
  );
}
