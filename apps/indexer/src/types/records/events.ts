import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v106 from '../v106'

export const recordAnchored =  {
    name: 'Records.RecordAnchored',
    /**
     * A record was anchored.
     */
    v106: new EventType(
        'Records.RecordAnchored',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            category: v106.CategoryTag,
            author: v106.AccountId32,
            selfReported: sts.boolean(),
        })
    ),
}

export const recordAmended =  {
    name: 'Records.RecordAmended',
    /**
     * A record was amended: `record_id` is the new version, `previous` is superseded.
     */
    v106: new EventType(
        'Records.RecordAmended',
        sts.struct({
            recordId: sts.bigint(),
            previous: sts.bigint(),
            patientId: sts.bigint(),
            author: v106.AccountId32,
        })
    ),
}

export const recordAccessed =  {
    name: 'Records.RecordAccessed',
    /**
     * A reader read a record, allowed by `decision` (the consent or emergency access).
     */
    v106: new EventType(
        'Records.RecordAccessed',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            reader: v106.AccountId32,
            purpose: v106.Purpose,
            decision: v106.AccessDecision,
        })
    ),
}

export const recordErased =  {
    name: 'Records.RecordErased',
    /**
     * A record's whole version chain was erased.
     */
    v106: new EventType(
        'Records.RecordErased',
        sts.struct({
            recordIds: sts.array(() => sts.bigint()),
            patientId: sts.bigint(),
        })
    ),
}
