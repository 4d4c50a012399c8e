import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const recordAnchored =  {
    name: 'Records.RecordAnchored',
    /**
     * A record was anchored.
     */
    v111: new EventType(
        'Records.RecordAnchored',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            category: v111.CategoryTag,
            author: v111.AccountId32,
            selfReported: sts.boolean(),
        })
    ),
}

export const recordAmended =  {
    name: 'Records.RecordAmended',
    /**
     * A record was amended: `record_id` is the new version, `previous` is superseded.
     */
    v111: new EventType(
        'Records.RecordAmended',
        sts.struct({
            recordId: sts.bigint(),
            previous: sts.bigint(),
            patientId: sts.bigint(),
            author: v111.AccountId32,
        })
    ),
}

export const recordAccessed =  {
    name: 'Records.RecordAccessed',
    /**
     * A reader read a record, allowed by `decision` (the consent or emergency access).
     */
    v111: new EventType(
        'Records.RecordAccessed',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            reader: v111.AccountId32,
            purpose: v111.Purpose,
            decision: v111.AccessDecision,
        })
    ),
}

export const recordErased =  {
    name: 'Records.RecordErased',
    /**
     * A record's whole version chain was erased.
     */
    v111: new EventType(
        'Records.RecordErased',
        sts.struct({
            recordIds: sts.array(() => sts.bigint()),
            patientId: sts.bigint(),
        })
    ),
}

export const ownRecordAccessed =  {
    name: 'Records.OwnRecordAccessed',
    /**
     * The patient (its key, or a live delegate as `reader`) read one of its own records: no
     * consent is needed for that, and the read is on the log all the same (a gateway releases
     * a body to the patient on it).
     */
    v111: new EventType(
        'Records.OwnRecordAccessed',
        sts.struct({
            recordId: sts.bigint(),
            patientId: sts.bigint(),
            reader: v111.AccountId32,
            purpose: v111.Purpose,
        })
    ),
}
