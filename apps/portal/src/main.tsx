// The Carechain portal: connect to a node, pick who you are, and act as a patient, a provider, an
// insurer, a research sponsor (or a regulator reading the study registry), a pharmacist / regulator, or a member of the consortium that governs the chain. Everything is
// computed in the browser: files are hashed locally and never leave the page.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DEFAULT_URL } from '../../src/lib/index.js';
import { devAccounts, extensionAccounts, open, readable, type Connection, type PortalAccount } from './chain.js';
import { InsurerPage } from './claims.js';
import { ConsortiumPage } from './consortium.js';
import { PatientPage } from './patient.js';
import { PharmacyPage } from './pharmacy.js';
import { ProviderPage } from './provider.js';
import { ResearchPage } from './trials.js';
import { short } from './ui.js';

type Role = 'patient' | 'provider' | 'insurer' | 'research' | 'pharmacy' | 'consortium';
const ROLES: [Role, string][] = [
  ['patient', 'Patient'], ['provider', 'Provider'], ['insurer', 'Insurer'], ['research', 'Research'], ['pharmacy', 'Pharmacist / regulator'], ['consortium', 'Consortium'],
];

function App() {
  const params = new URLSearchParams(location.search);
  const [url, setUrl] = useState(params.get('rpc') ?? DEFAULT_URL);
  const [connection, setConnection] = useState<Connection | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [accounts, setAccounts] = useState<PortalAccount[]>([]);
  const [who, setWho] = useState<string>('');
  const [role, setRole] = useState<Role>((params.get('role') as Role | null) ?? 'patient');

  const connectTo = async (target: string) => {
    setProblem(undefined);
    await connection?.api.disconnect();
    setConnection(undefined);
    try {
      const opened = await open(target);
      const found = [...(opened.development ? await devAccounts() : []), ...(await extensionAccounts().catch(() => []))];
      setAccounts(found);
      setWho(found[0]?.address ?? '');
      setConnection(opened);
    } catch (error) {
      setProblem(readable(error));
    }
  };
  useEffect(() => void connectTo(url), []);

  const me = accounts.find((a) => a.address === who);
  return (
    <main>
      <header>
        <h1>Carechain</h1>
        <form class="connect" onSubmit={(e) => { e.preventDefault(); void connectTo(url); }}>
          <input name="rpc" value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} aria-label="node endpoint" />
          <button type="submit">Connect</button>
          <span data-testid="connection">{connection ? `connected to ${connection.chain}` : problem ? '' : 'connecting…'}</span>
        </form>
        {problem && <p class="error" role="alert" data-testid="connection-error">{problem}</p>}
        {connection && (
          <div class="who">
            <label>
              Acting as{' '}
              <select name="account" value={who} onChange={(e) => setWho((e.target as HTMLSelectElement).value)}>
                {accounts.map((a) => <option value={a.address}>{a.name} ({short(a.address)}, {a.source})</option>)}
              </select>
            </label>
            {accounts.length === 0 && <span class="error">No accounts: install the Polkadot{'{'}.js{'}'} extension, or connect to a development chain.</span>}
          </div>
        )}
        <nav>
          {ROLES.map(([key, label]) => (
            <button type="button" class={key === role ? 'tab active' : 'tab'} data-testid={`tab-${key}`} onClick={() => setRole(key)}>{label}</button>
          ))}
        </nav>
      </header>
      {connection && me && role === 'patient' && <PatientPage key={me.address} api={connection.api} me={me} />}
      {connection && me && role === 'provider' && <ProviderPage key={me.address} api={connection.api} me={me} />}
      {connection && me && role === 'insurer' && <InsurerPage key={me.address} api={connection.api} me={me} />}
      {connection && me && role === 'research' && <ResearchPage key={me.address} api={connection.api} me={me} />}
      {connection && me && role === 'pharmacy' && <PharmacyPage key={me.address} api={connection.api} me={me} />}
      {connection && me && role === 'consortium' && <ConsortiumPage key={me.address} api={connection.api} me={me} />}
    </main>
  );
}

const root = document.getElementById('app');
if (root !== null) render(<App />, root);
