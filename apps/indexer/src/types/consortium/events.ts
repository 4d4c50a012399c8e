import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const dispatchedAsRoot =  {
    name: 'Consortium.DispatchedAsRoot',
    /**
     * A call was dispatched as Root on the consortium's decision.
     */
    v111: new EventType(
        'Consortium.DispatchedAsRoot',
        sts.struct({
            /**
             * The hash of the dispatched call (as `Council` hashes proposals).
             */
            callHash: v111.H256,
            /**
             * What the call returned.
             */
            result: sts.result(() => sts.unit(), () => v111.DispatchError),
        })
    ),
}
