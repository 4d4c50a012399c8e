import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const productRegistered =  {
    name: 'SupplyChain.ProductRegistered',
    /**
     * A product was registered.
     */
    v111: new EventType(
        'SupplyChain.ProductRegistered',
        sts.struct({
            gtin: sts.bytes(),
            manufacturer: v111.AccountId32,
        })
    ),
}

export const batchCommissioned =  {
    name: 'SupplyChain.BatchCommissioned',
    /**
     * A lot was commissioned as a new batch.
     */
    v111: new EventType(
        'SupplyChain.BatchCommissioned',
        sts.struct({
            batchId: sts.bigint(),
            gtin: sts.bytes(),
            lot: v111.BoundedVec,
            quantity: sts.number(),
            expiresOn: sts.bigint(),
            manufacturer: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const shipped =  {
    name: 'SupplyChain.Shipped',
    /**
     * Units left a batch in a new child batch, in transit to `to`.
     */
    v111: new EventType(
        'SupplyChain.Shipped',
        sts.struct({
            shipmentId: sts.bigint(),
            batchId: sts.bigint(),
            childBatchId: sts.bigint(),
            quantity: sts.number(),
            from: v111.AccountId32,
            to: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const received =  {
    name: 'SupplyChain.Received',
    /**
     * A shipment arrived; custody of its batch moved to the addressee.
     */
    v111: new EventType(
        'SupplyChain.Received',
        sts.struct({
            shipmentId: sts.bigint(),
            batchId: sts.bigint(),
            quantity: sts.number(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const dispensed =  {
    name: 'SupplyChain.Dispensed',
    /**
     * Units were dispensed to patients.
     */
    v111: new EventType(
        'SupplyChain.Dispensed',
        sts.struct({
            batchId: sts.bigint(),
            quantity: sts.number(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const recalled =  {
    name: 'SupplyChain.Recalled',
    /**
     * A batch, and everything split from it, was recalled.
     */
    v111: new EventType(
        'SupplyChain.Recalled',
        sts.struct({
            batchId: sts.bigint(),
            reasonHash: v111.H256,
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const quarantined =  {
    name: 'SupplyChain.Quarantined',
    /**
     * A batch was quarantined for investigation.
     */
    v111: new EventType(
        'SupplyChain.Quarantined',
        sts.struct({
            batchId: sts.bigint(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const released =  {
    name: 'SupplyChain.Released',
    /**
     * A quarantined batch was released.
     */
    v111: new EventType(
        'SupplyChain.Released',
        sts.struct({
            batchId: sts.bigint(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const destroyed =  {
    name: 'SupplyChain.Destroyed',
    /**
     * Units were destroyed.
     */
    v111: new EventType(
        'SupplyChain.Destroyed',
        sts.struct({
            batchId: sts.bigint(),
            quantity: sts.number(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}

export const shipmentReturned =  {
    name: 'SupplyChain.ShipmentReturned',
    /**
     * A shipment went back to its sender before receipt; its batch is the sender's again.
     */
    v111: new EventType(
        'SupplyChain.ShipmentReturned',
        sts.struct({
            shipmentId: sts.bigint(),
            batchId: sts.bigint(),
            quantity: sts.number(),
            by: v111.AccountId32,
            at: sts.bigint(),
        })
    ),
}
