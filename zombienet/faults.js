// Checks for faults.zndsl, run by zombienet on one node (`run(nodeName, networkInfo, args)`);
// each returns 0 when the property holds, and throws with what it saw when it does not.
//
//   advance,N,S          N more blocks are finalised within S seconds
//   stalled,S            over S seconds best blocks advance but finality does not
//   caught-up,OTHER,S    within S seconds this node has OTHER's best and finalised blocks
//   story,setup|verify   anchors a record and grants a consent, and waits until both are
//                        final; or checks that both are still there (after restarts)

const CONTENT = '0x' + 'c4'.repeat(32);
const STORAGE = '0x' + '5e'.repeat(32);
const COMMITMENT = '0x' + 'c0'.repeat(32);
// The patient's category tag for lab results: the chain holds tags, never categories, and a
// tag is whatever 16 bytes the patient's key gives (docs/ARCHITECTURE.md, "Blinded categories").
const LAB_RESULTS = '0x' + '1a'.repeat(16);

async function heights(api) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finalisedHash = await api.rpc.chain.getFinalizedHead();
  const finalised = (await api.rpc.chain.getHeader(finalisedHash)).number.toNumber();
  return { best, finalised };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function connect(networkInfo, name) {
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node named ${name}`);
  return await zombie.connect(node.wsUri);
}

async function advance(api, n, seconds) {
  const start = await heights(api);
  const deadline = Date.now() + seconds * 1000;
  let now = start;
  while (Date.now() < deadline) {
    now = await heights(api);
    if (now.finalised >= start.finalised + n) return 0;
    await sleep(1000);
  }
  throw new Error(`finalised only ${now.finalised - start.finalised} of ${n} new blocks in ${seconds} s (best ${now.best})`);
}

async function stalled(api, seconds) {
  const start = await heights(api);
  await sleep(seconds * 1000);
  const end = await heights(api);
  // A round that was already voting when the validators stopped may still conclude: one block.
  if (end.best >= start.best + 2 && end.finalised <= start.finalised + 1) return 0;
  throw new Error(`expected best to advance and finality to stop: ${JSON.stringify({ start, end })}`);
}

async function caughtUp(api, other, seconds) {
  const target = await heights(other);
  const deadline = Date.now() + seconds * 1000;
  let now;
  while (Date.now() < deadline) {
    now = await heights(api);
    if (now.best >= target.best && now.finalised >= target.finalised) return 0;
    await sleep(1000);
  }
  throw new Error(`did not catch up within ${seconds} s: at ${JSON.stringify(now)}, target ${JSON.stringify(target)}`);
}

async function submit(api, tx, signer) {
  return await new Promise((ok, fail) => {
    tx.signAndSend(signer, ({ status, dispatchError }) => {
      if (dispatchError) {
        const reason = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : dispatchError;
        fail(new Error(`${tx.method.section}.${tx.method.method} failed: ${reason.section ?? ''}.${reason.name ?? reason.toString()}`));
      } else if (status.isFinalized) {
        ok(status.asFinalized);
      }
    }).catch(fail);
  });
}

async function story(api, step) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const patient = keyring.addFromUri('//Ferdie');
  const doctor = keyring.addFromUri('//Bob');
  if (step === 'setup') {
    await submit(api, api.tx.patients.register(COMMITMENT), patient);
    const patientId = (await api.query.patients.patientIdOf(patient.address)).unwrap();
    await submit(api, api.tx.consent.grant(patientId, doctor.address, 'Treatment', [LAB_RESULTS], 'Read', null), patient);
    // Self-reported: the testnet preset seeds no credentials, and a patient needs none.
    await submit(api, api.tx.records.anchor(patientId, LAB_RESULTS, CONTENT, STORAGE), patient);
  }
  const patientId = (await api.query.patients.patientIdOf(patient.address)).unwrap();
  // zombienet's Polkadot.js predates runtime-API metadata, so call RecordsApi_verify directly:
  // the answer is a SCALE enum whose first variant, 0x00, is Match.
  const args = api.createType('(u64, H256)', [0, CONTENT]).toHex();
  const verdict = (await api.rpc.state.call('RecordsApi_verify', args)).toHex();
  const consent = await api.query.consent.consents(0);
  if (verdict !== '0x00') throw new Error(`record 0 verifies as ${verdict}, not Match (0x00)`);
  if (consent.isNone || consent.unwrap().patientId.toNumber() !== patientId.toNumber()) {
    throw new Error(`consent 0 is gone or changed: ${consent.toString()}`);
  }
  return 0;
}

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  try {
    switch (args[0]) {
      case 'advance': return await advance(api, Number(args[1]), Number(args[2]));
      case 'stalled': return await stalled(api, Number(args[1]));
      case 'caught-up': {
        const other = await connect(networkInfo, args[1]);
        try { return await caughtUp(api, other, Number(args[2])); } finally { await other.disconnect(); }
      }
      case 'story': return await story(api, args[1]);
      default: throw new Error(`unknown check ${args[0]}`);
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
