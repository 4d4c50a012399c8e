// Carechain's history, from the indexer (apps/indexer) over GraphQL: what a node that prunes its
// state can no longer answer. Who read a patient's records, break-glass use, one provider's
// actions, a batch's custody; with paging (`limit`, `offset`) and date ranges (`from`, `to`,
// inclusive, as Dates). Accounts are SS58 (prefix 42), as everywhere in the client.

/** A GraphQL request to the indexer; a GraphQL error becomes an Error naming it. */
/** How long a GraphQL query may take before it fails. */
export const GRAPHQL_TIMEOUT_MS = 60_000;

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      // An indexer that stops answering is an error, not a wait without end.
      signal: AbortSignal.timeout(GRAPHQL_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`the indexer at ${url} is not reachable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = await answer.json().catch(() => undefined) as { data?: T; errors?: { message: string }[] } | undefined;
  if (body?.errors?.length) throw new Error(`the indexer refused the query: ${body.errors.map((e) => e.message).join('; ')}`);
  if (!answer.ok || body?.data === undefined) throw new Error(`the indexer answered HTTP ${answer.status}`);
  return body.data;
}

export interface Page {
  from?: Date;
  to?: Date;
  limit?: number;
  offset?: number;
}

const PAGE = 100;
const range = (page: Page) => ({
  from: (page.from ?? new Date(0)).toISOString(),
  to: (page.to ?? new Date('9999-12-31T23:59:59.999Z')).toISOString(),
  limit: page.limit ?? PAGE,
  offset: page.offset ?? 0,
});

/** How far the indexer has read: the last block it processed. */
export async function indexedHeight(url: string): Promise<number> {
  return (await graphql<{ squidStatus: { height: number } }>(url, '{ squidStatus { height } }')).squidStatus.height;
}

/** A logged read of a record, with what allowed it. */
export interface Read {
  id: string;
  block: number;
  timestamp: string;
  recordId: string;
  patientId: string;
  reader: string;
  purpose: string;
  /** By a consent, by a break-glass access, or the patient's (or a live delegate's) read of its own record. */
  decision: 'Permitted' | 'Emergency' | 'Own';
  consentId: string | null;
  emergencyAccessId: string | null;
  emergencyReason: string | null;
}

const READ_FIELDS = 'id block timestamp patientId reader purpose decision record { id } consent { id } emergencyAccess { id reason }';
interface RawRead {
  id: string; block: number; timestamp: string; patientId: string; reader: string; purpose: string; decision: Read['decision'];
  record: { id: string }; consent: { id: string } | null; emergencyAccess: { id: string; reason: string } | null;
}
const read = (r: RawRead): Read => ({
  id: r.id, block: r.block, timestamp: r.timestamp, recordId: r.record.id, patientId: r.patientId, reader: r.reader,
  purpose: r.purpose, decision: r.decision, consentId: r.consent?.id ?? null, emergencyAccessId: r.emergencyAccess?.id ?? null,
  emergencyReason: r.emergencyAccess?.reason ?? null,
});

/** Every logged read of one patient's records in a period, newest first. */
export async function readsOfPatient(url: string, patientId: bigint | number | string, page: Page = {}): Promise<Read[]> {
  const { recordReads } = await graphql<{ recordReads: RawRead[] }>(url, `query ($patient: BigInt!, $from: DateTime!, $to: DateTime!, $limit: Int!, $offset: Int!) {
    recordReads(where: { patientId_eq: $patient, timestamp_gte: $from, timestamp_lte: $to }, orderBy: [timestamp_DESC, id_DESC], limit: $limit, offset: $offset) { ${READ_FIELDS} } }`,
  { patient: String(patientId), ...range(page) });
  return recordReads.map(read);
}

/** A break-glass access, with its reason and who ended it. */
export interface EmergencyAccess {
  id: string;
  patientId: string;
  clinician: string;
  reason: string;
  noteHash: string;
  openedBlock: number;
  openedAt: string;
  expiresAt: string;
  endedBy: string | null;
  endedAt: string | null;
}

const EMERGENCY_FIELDS = 'id patientId clinician reason noteHash openedBlock openedAt expiresAt endedBy endedAt';

/** Every break-glass access opened in a period (of one patient, if named), newest first. */
export async function emergencyAccesses(url: string, page: Page & { patientId?: bigint | number | string } = {}): Promise<EmergencyAccess[]> {
  const patient = page.patientId === undefined ? '' : ', patientId_eq: $patient';
  const { emergencyAccesses } = await graphql<{ emergencyAccesses: EmergencyAccess[] }>(url,
    `query ($from: DateTime!, $to: DateTime!, $limit: Int!, $offset: Int!${page.patientId === undefined ? '' : ', $patient: BigInt!'}) {
    emergencyAccesses(where: { openedAt_gte: $from, openedAt_lte: $to${patient} }, orderBy: [openedAt_DESC, id_DESC], limit: $limit, offset: $offset) { ${EMERGENCY_FIELDS} } }`,
  { ...range(page), ...(page.patientId === undefined ? {} : { patient: String(page.patientId) }) });
  return emergencyAccesses;
}

/** One event as the chain emitted it. */
export interface ChainEvent {
  id: string;
  block: number;
  timestamp: string;
  pallet: string;
  name: string;
  signer: string | null;
  patientId: string | null;
  args: Record<string, unknown>;
}

const EVENT_FIELDS = 'id block timestamp pallet name signer patientId args';

/** Every event of transactions one account signed in a period (a provider's actions), newest first. */
export async function actionsOf(url: string, account: string, page: Page = {}): Promise<ChainEvent[]> {
  const { chainEvents } = await graphql<{ chainEvents: ChainEvent[] }>(url, `query ($account: String!, $from: DateTime!, $to: DateTime!, $limit: Int!, $offset: Int!) {
    chainEvents(where: { signer_eq: $account, timestamp_gte: $from, timestamp_lte: $to }, orderBy: [block_DESC, index_DESC], limit: $limit, offset: $offset) { ${EVENT_FIELDS} } }`,
  { account, ...range(page) });
  return chainEvents;
}

/** One step of a batch's custody. */
export interface CustodyStep {
  id: string;
  block: number;
  timestamp: string;
  batchId: string;
  action: string;
  actor: string;
  counterparty: string | null;
  quantity: string | null;
  shipmentId: string | null;
}

/** The custody steps of these batches (a batch and its ancestors, say), oldest first. */
export async function stepsOf(url: string, batchIds: (bigint | number | string)[]): Promise<CustodyStep[]> {
  const { batchActions } = await graphql<{ batchActions: (Omit<CustodyStep, 'batchId'> & { batch: { id: string } })[] }>(url,
    `query ($ids: [String!]!) { batchActions(where: { batch: { id_in: $ids } }, orderBy: [block_ASC, id_ASC], limit: 10000) {
      id block timestamp action actor counterparty quantity shipmentId batch { id } } }`, { ids: batchIds.map(String) });
  return batchActions.map(({ batch, ...step }) => ({ ...step, batchId: batch.id }));
}

/** A batch and the tree of batches split from it, each with its custody steps in order. */
export interface BatchTree {
  id: string;
  gtin: string;
  lot: string;
  quantity: string;
  recalled: boolean;
  quarantined: boolean;
  parentId: string | null;
  steps: CustodyStep[];
  children: BatchTree[];
}

interface RawBatch {
  id: string; gtin: string; lot: string; quantity: string; recalled: boolean; quarantined: boolean; parent: { id: string } | null;
  actions: { id: string; block: number; timestamp: string; action: string; actor: string; counterparty: string | null; quantity: string | null; shipmentId: string | null }[];
  children: { id: string }[];
}

/** A batch's custody and its split tree, down to every descendant (at most `maxBatches`). */
export async function custody(url: string, batchId: bigint | number | string, maxBatches = 1000): Promise<BatchTree | undefined> {
  const load = async (ids: string[]) => (await graphql<{ batches: RawBatch[] }>(url, `query ($ids: [String!]!) {
    batches(where: { id_in: $ids }, limit: ${maxBatches}) { id gtin lot quantity recalled quarantined parent { id } children { id }
      actions(orderBy: [block_ASC, id_ASC]) { id block timestamp action actor counterparty quantity shipmentId } } }`, { ids })).batches;
  const all = new Map<string, RawBatch>();
  for (let frontier = [String(batchId)]; frontier.length > 0 && all.size < maxBatches;) {
    const found = await load(frontier);
    for (const batch of found) all.set(batch.id, batch);
    frontier = found.flatMap((batch) => batch.children.map((child) => child.id)).filter((id) => !all.has(id));
  }
  const tree = (id: string): BatchTree | undefined => {
    const batch = all.get(id);
    if (batch === undefined) return undefined;
    return {
      id, gtin: batch.gtin, lot: batch.lot, quantity: batch.quantity, recalled: batch.recalled, quarantined: batch.quarantined,
      parentId: batch.parent?.id ?? null,
      steps: batch.actions.map((a) => ({ ...a, batchId: id })),
      children: batch.children.map((child) => tree(child.id)).filter((child): child is BatchTree => child !== undefined),
    };
  };
  return tree(String(batchId));
}

/** A patient's consents with their grant and revocation, newest first. */
export interface ConsentHistory {
  id: string;
  grantee: string;
  purpose: string;
  access: string;
  categories: string[];
  grantedBy: string;
  grantedAt: string;
  expiresAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
}

export async function consentsOf(url: string, patientId: bigint | number | string, page: Page = {}): Promise<ConsentHistory[]> {
  const { consents } = await graphql<{ consents: ConsentHistory[] }>(url, `query ($patient: BigInt!, $from: DateTime!, $to: DateTime!, $limit: Int!, $offset: Int!) {
    consents(where: { patientId_eq: $patient, grantedAt_gte: $from, grantedAt_lte: $to }, orderBy: [grantedAt_DESC, id_DESC], limit: $limit, offset: $offset) {
      id grantee purpose access categories grantedBy grantedAt expiresAt revokedBy revokedAt } }`,
  { patient: String(patientId), ...range(page) });
  return consents;
}

/** Every row of a paged query, page after page (an audit export wants them all). */
export async function all<T>(fetchPage: (page: Page) => Promise<T[]>, page: Omit<Page, 'limit' | 'offset'> = {}, size = 1000): Promise<T[]> {
  const rows: T[] = [];
  for (let offset = 0; ; offset += size) {
    const got = await fetchPage({ ...page, limit: size, offset });
    rows.push(...got);
    if (got.length < size) return rows;
  }
}

/**
 * Rows as CSV (RFC 4180): a header of the keys, fields quoted when they hold a comma, quote or
 * line break, objects as JSON, and a leading `'` on text a spreadsheet would take for a formula.
 */
export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): string => {
    let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [keys.join(','), ...rows.map((row) => keys.map((key) => cell(row[key])).join(','))].join('\r\n') + '\r\n';
}
