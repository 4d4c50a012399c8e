// Checks for governance.zndsl, run by zombienet on one node (`run(nodeName, networkInfo, args)`);
// each returns 0 when the property holds, and throws with what it saw when it does not. The
// consortium is the testnet preset's: Alice, Bob, Charlie and Dave, three of whom make two
// thirds. Zombienet names each validator by its stash (`//Name//stash`) and gives it the Aura
// key `//Name`.
//
//   admit,NODE,OWNER      NODE generates session keys proven for OWNER (a dev name), OWNER
//                         registers them, three members vote OWNER in; then NODE must author a
//                         block while finality goes on
//   remove,NAME           three members vote NAME's validator out; then its key must leave
//                         Aura's authorities, the others author and finalise without it
//   upgrade               a record is anchored and a consent granted; three members authorise
//                         the runtime one spec_version later ($CARECHAIN_UPGRADE_WASM, which
//                         the test build compiles from this source), anyone applies it; then the
//                         node must report the new version, blocks and finality must go on, and
//                         the record and the consent must still verify

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const hex = (bytes) => '0x' + Buffer.from(bytes).toString('hex');
const MEMBERS = ['//Alice', '//Bob', '//Charlie'];

async function connect(networkInfo, name) {
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node named ${name}`);
  return await zombie.connect(node.wsUri);
}

/** A JSON-RPC call to NODE over HTTP (the node serves it on its WebSocket port): for methods the
 * bundled Polkadot.js does not know, such as author_rotateKeysWithOwner. */
async function rpc(networkInfo, name, method, params) {
  const node = networkInfo.nodesByName[name];
  if (!node) throw new Error(`no node named ${name}`);
  const answer = await fetch(node.wsUri.replace(/^ws/, 'http'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
  });
  const body = await answer.json();
  if (body.error) throw new Error(`${method} on ${name}: ${JSON.stringify(body.error)}`);
  return body.result;
}

async function submit(api, tx, signer) {
  return await new Promise((ok, fail) => {
    tx.signAndSend(signer, ({ status, dispatchError, events }) => {
      if (dispatchError) {
        const reason = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule) : dispatchError;
        fail(new Error(`${tx.method.section}.${tx.method.method} failed: ${reason.section ?? ''}.${reason.name ?? reason.toString()}`));
      } else if (status.isInBlock) {
        ok(events);
      }
    }).catch(fail);
  });
}

/** The event `section.method` among `events`, or a throw naming what was there instead. */
function eventOf(events, section, method) {
  const found = events.find(({ event }) => event.section === section && event.method === method);
  if (!found) throw new Error(`no ${section}.${method} among ${events.map(({ event }) => `${event.section}.${event.method}`).join(', ')}`);
  return found.event.data;
}

/** Three of four members pass `call`; throws if the motion's call failed. Returns the block number. */
async function pass(api, call) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const members = MEMBERS.map((suri) => keyring.addFromUri(suri));
  const proposer = members[0];
  const length = call.method.encodedLength;
  const proposed = await submit(api, api.tx.council.propose(MEMBERS.length, call, length), proposer);
  const [, index, hash] = eventOf(proposed, 'council', 'Proposed');
  // Proposing is not voting: every member votes, the proposer too (each from its own account,
  // so the votes go into one block).
  await Promise.all(members.map((member) => submit(api, api.tx.council.vote(hash, index, true), member)));
  const weight = (await api.tx(call.method).paymentInfo(proposer.address)).weight;
  const closed = await submit(api, api.tx.council.close(hash, index, weight, length), proposer);
  const result = eventOf(closed, 'council', 'Executed')[1];
  if (result.isErr) throw new Error(`the motion's call failed: ${result.asErr.toString()}`);
  return (await api.rpc.chain.getHeader()).number.toNumber();
}

async function finalised(api) {
  return (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
}

/** The Aura key that authored block `hash` (slot from the pre-runtime digest, modulo authorities). */
async function authorOf(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  if (!preRuntime) throw new Error(`block ${header.number} has no Aura pre-runtime digest`);
  const slot = api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slot % BigInt(authorities.length))].toHex();
}

/** Waits for a new block authored by `key`; returns its number. */
async function authored(api, key, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let seen = (await api.rpc.chain.getHeader()).number.toNumber();
  while (Date.now() < deadline) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (let n = seen + 1; n <= best; n++) {
      const hash = await api.rpc.chain.getBlockHash(n);
      if ((await authorOf(api, hash)) === key) return n;
    }
    seen = best;
    await sleep(2000);
  }
  throw new Error(`no block authored by ${key} within ${seconds} s`);
}

async function admit(api, networkInfo, nodeName, owner) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const account = keyring.addFromUri(`//${owner}`);
  const generated = await rpc(networkInfo, nodeName, 'author_rotateKeysWithOwner', [hex(account.publicKey)]);
  if (!generated || !generated.proof) throw new Error(`the node gave no keys with a proof: ${JSON.stringify(generated)}`);
  await submit(api, api.tx.session.setKeys(generated.keys, generated.proof), account);
  const auraKey = generated.keys.slice(0, 66);
  const voted = await pass(api, api.tx.validatorManager.addValidator(account.address));
  const finalisedAtVote = await finalised(api);
  const first = await authored(api, auraKey, 300);
  const finalisedNow = await finalised(api);
  if (finalisedNow <= finalisedAtVote) throw new Error(`finality stalled at ${finalisedNow} after the vote`);
  console.log(`admitted ${owner}: voted in block ${voted}, first block authored ${first} (${first - voted} blocks later); finalised ${finalisedAtVote} -> ${finalisedNow}`);
  return 0;
}

async function remove(api, name) {
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  const stash = keyring.addFromUri(`//${name}//stash`).address;
  const auraKey = hex(keyring.addFromUri(`//${name}`).publicKey);
  const voted = await pass(api, api.tx.validatorManager.removeValidator(stash));
  const finalisedAtVote = await finalised(api);
  const deadline = Date.now() + 300_000;
  while ((await api.query.aura.authorities()).some((key) => key.toHex() === auraKey)) {
    if (Date.now() > deadline) throw new Error(`${name} is still an Aura authority 300 s after the vote`);
    await sleep(3000);
  }
  const gone = (await api.rpc.chain.getHeader()).number.toNumber();
  // Two rounds of the remaining authorities: none of them is the removed one's.
  const authorities = (await api.query.aura.authorities()).length;
  while ((await api.rpc.chain.getHeader()).number.toNumber() < gone + 2 * authorities) await sleep(2000);
  for (let n = gone + 1; n <= gone + 2 * authorities; n++) {
    if ((await authorOf(api, await api.rpc.chain.getBlockHash(n))) === auraKey) throw new Error(`${name} authored block ${n} after leaving`);
  }
  const finalisedNow = await finalised(api);
  if (finalisedNow <= finalisedAtVote) throw new Error(`finality stalled at ${finalisedNow} after the removal`);
  console.log(`removed ${name}: voted in block ${voted}, out of the authorities at ${gone}; finalised ${finalisedAtVote} -> ${finalisedNow}`);
  return 0;
}

/** A runtime API call at `at` (`state_call`): the SCALE bytes of the answer (without the length
 * prefix of the RPC's `Bytes`). */
async function runtimeCall(api, method, args, at) {
  return (await api.rpc.state.call(method, api.createType('(' + args.map(([type]) => type).join(',') + ')', args.map(([, value]) => value)).toHex(), at)).toU8a(true);
}

/** What the chain says at `at` of the record and the consent the upgrade check made. */
async function verdicts(api, made, at) {
  const verify = await runtimeCall(api, 'RecordsApi_verify', [['u64', made.recordId], ['H256', made.contentHash]], at);
  const access = await runtimeCall(api, 'ConsentApi_check_access_for',
    [['u64', made.patientId], ['AccountId', made.physician], ['[u8;16]', made.tag], ['u8', 0 /* Read */], ['u8', 0 /* Treatment */]], at);
  // RecordVerification::Match is variant 0; AccessDecision::Permitted(consent_id) is variant 0.
  const record = verify.length === 1 && verify[0] === 0 ? 'Match' : `not Match (0x${Buffer.from(verify).toString('hex')})`;
  const consent = access[0] === 0 ? `Permitted(${api.createType('u64', access.slice(1)).toString()})` : `not Permitted (0x${Buffer.from(access).toString('hex')})`;
  return { record, consent };
}

async function upgrade(api) {
  const path = process.env.CARECHAIN_UPGRADE_WASM;
  if (!path) throw new Error('CARECHAIN_UPGRADE_WASM is not set (scripts/zombienet sets it)');
  const code = require('fs').readFileSync(path);
  const keyring = new zombie.Keyring({ type: 'sr25519' });
  // Dave, voted out as a validator in (b), is a patient here: he is not among the voting members,
  // so his registration can go in beside the first motion's votes without sharing a nonce.
  const [issuer, physician, patient] = ['//Ferdie', '//Charlie', '//Dave'].map((suri) => keyring.addFromUri(suri));

  // Before: a licensing board, a physician, a patient, a consent and a record.
  const hash32 = (text) => api.registry.hash(new TextEncoder().encode(text)).toHex();
  const [, registered] = await Promise.all([
    pass(api, api.tx.credentials.registerIssuer(issuer.address, ['Physician'], hash32('board'))),
    submit(api, api.tx.patients.register(hash32('commitment')), patient),
  ]);
  const patientId = eventOf(registered, 'patients', 'PatientRegistered').patientId.toBigInt();
  await submit(api, api.tx.credentials.issue(physician.address, 'Physician', hash32('licence'), 4102444800000n), issuer);
  const tag = hash32('category tag').slice(0, 34);
  const granted = await submit(api, api.tx.consent.grant(patientId, physician.address, 'Treatment', [tag], 'ReadWrite', null), patient);
  const consentId = eventOf(granted, 'consent', 'ConsentGranted').consentId.toBigInt();
  const contentHash = hash32('the record');
  const anchored = await submit(api, api.tx.records.anchor(patientId, tag, contentHash, hash32('where it is')), physician);
  const made = { recordId: eventOf(anchored, 'records', 'RecordAnchored').recordId.toBigInt(), patientId, physician: physician.address, tag, contentHash };
  const before = await verdicts(api, made, await api.rpc.chain.getBlockHash());
  if (before.record !== 'Match' || before.consent !== `Permitted(${consentId})`) throw new Error(`before the upgrade: ${JSON.stringify(before)}`);

  // The vote, then anyone applies the code.
  const oldVersion = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber();
  const codeHash = api.registry.hash(code).toHex();
  const voted = await pass(api, api.tx.consortium.asRoot(api.tx.system.authorizeUpgrade(codeHash)));
  const authorised = await api.query.system.authorizedUpgrade();
  if (authorised.isNone || authorised.unwrap().codeHash.toHex() !== codeHash) throw new Error(`after the vote the authorised upgrade is ${authorised.toString()}`);
  const applied = await submit(api, api.tx.system.applyAuthorizedUpgrade(hex(code)), issuer);
  eventOf(applied, 'system', 'CodeUpdated');
  const appliedIn = (await api.rpc.chain.getHeader()).number.toNumber();

  // After: the new version, blocks and finality on past it, the record and consent as they were.
  const deadline = Date.now() + 120_000;
  let version = oldVersion;
  while ((version = (await api.rpc.state.getRuntimeVersion()).specVersion.toNumber()) === oldVersion) {
    if (Date.now() > deadline) throw new Error(`state_getRuntimeVersion still reports ${oldVersion} 120 s after the upgrade`);
    await sleep(2000);
  }
  if (version <= oldVersion) throw new Error(`the runtime went from ${oldVersion} to ${version}`);
  const firstNew = (await api.rpc.chain.getHeader()).number.toNumber();
  while ((await finalised(api)) < firstNew + 2) {
    if (Date.now() > deadline) throw new Error(`finality stalled at ${await finalised(api)} after the upgrade in block ${appliedIn}`);
    await sleep(2000);
  }
  const head = await api.rpc.chain.getFinalizedHead();
  const finalVersion = (await api.rpc.state.getRuntimeVersion(head)).specVersion.toNumber();
  if (finalVersion !== version) throw new Error(`the finalised head runs spec ${finalVersion}, not ${version}`);
  const after = await verdicts(api, made, head);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`the upgrade changed what the chain says: ${JSON.stringify(before)} before, ${JSON.stringify(after)} after`);
  const headNumber = (await api.rpc.chain.getHeader(head)).number.toNumber();
  console.log(`upgraded ${oldVersion} -> ${version}: authorised in block ${voted}, applied in ${appliedIn}, finalised ${headNumber} on the new runtime; record ${made.recordId} ${after.record}, consent ${after.consent}`);
  return 0;
}

async function run(nodeName, networkInfo, args) {
  const api = await connect(networkInfo, nodeName);
  try {
    switch (args[0]) {
      case 'admit': return await admit(api, networkInfo, args[1], args[2]);
      case 'remove': return await remove(api, args[1]);
      case 'upgrade': return await upgrade(api);
      default: throw new Error(`unknown check ${args[0]}`);
    }
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
