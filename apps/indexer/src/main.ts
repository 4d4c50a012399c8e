// Carechain's indexer: follows a node over RPC and keeps every Carechain event in PostgreSQL,
// both as it was emitted (`ChainEvent`) and folded into the entities apps and auditors ask about
// (consents, reads, custody, claims, studies, motions). Unfinalised blocks are kept as hot blocks
// and rolled back on a reorg (`supportHotBlocks`); the processor's status table makes a restart
// resume at the next unprocessed block, in the same transaction as the rows it wrote.

import { TypeormDatabase } from '@subsquid/typeorm-store';
import { processor } from './processor';
import { Indexer } from './mapping';

processor.run(new TypeormDatabase({ supportHotBlocks: true, stateSchema: 'squid_processor' }), async (ctx) => {
  const indexer = new Indexer(ctx.store);
  for (const block of ctx.blocks) {
    if (block.header.height === 0) await indexer.seedGenesis(block.header);
    for (const event of block.events) {
      await indexer.handle(block.header, event);
    }
  }
  await indexer.save();
});
