import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v110 from '../v110'

export const dispatchedAsRoot =  {
    name: 'Consortium.DispatchedAsRoot',
    /**
     * A call was dispatched as Root on the consortium's decision.
     */
    v110: new EventType(
        'Consortium.DispatchedAsRoot',
        sts.struct({
            /**
             * The hash of the dispatched call (as `Council` hashes proposals).
             */
            callHash: v110.H256,
            /**
             * What the call returned.
             */
            result: sts.result(() => sts.unit(), () => v110.DispatchError),
        })
    ),
}
