import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v107 from '../v107'

export const recordAnchored =  {
    name: 'Records.RecordAnchored',
    /**
     * A record was anchored.
     */
    v107: new EventType(
        'Records.RecordAnchored',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            category: v107.CategoryTag,
            author: v107.AccountId32,
            selfReported: sts.boolean(),
        })
    ),
}

export const recordAmended =  {
    name: 'Records.RecordAmended',
    /**
     * A record was amended: `record_id` is the new version, `previous` is superseded.
     */
    v107: new EventType(
        'Records.RecordAmended',
        sts.struct({
            recordId: sts.bigint(),
            previous: sts.bigint(),
            patientId: sts.bigint(),
            author: v107.AccountId32,
        })
    ),
}

export const recordAccessed =  {
    name: 'Records.RecordAccessed',
    /**
     * A reader read a record, allowed by `decision` (the consent or emergency access).
     */
    v107: new EventType(
        'Records.RecordAccessed',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            reader: v107.AccountId32,
            purpose: v107.Purpose,
            decision: v107.AccessDecision,
        })
    ),
}

export const recordErased =  {
    name: 'Records.RecordErased',
    /**
     * A record's whole version chain was erased.
     */
    v107: new EventType(
        'Records.RecordErased',
        sts.struct({
            recordIds: sts.array(() => sts.bigint()),
            patientId: sts.bigint(),
        })
    ),
}
