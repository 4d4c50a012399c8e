import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const validatorAdded =  {
    name: 'ValidatorManager.ValidatorAdded',
    /**
     * `who` joins the validators from the session after next.
     */
    v111: new EventType(
        'ValidatorManager.ValidatorAdded',
        sts.struct({
            who: v111.AccountId32,
        })
    ),
}

export const validatorRemoved =  {
    name: 'ValidatorManager.ValidatorRemoved',
    /**
     * `who` leaves the validators from the session after next; its keys were purged.
     */
    v111: new EventType(
        'ValidatorManager.ValidatorRemoved',
        sts.struct({
            who: v111.AccountId32,
        })
    ),
}

export const validatorSetQueued =  {
    name: 'ValidatorManager.ValidatorSetQueued',
    /**
     * The set was handed to `pallet-session` for session `session_index`.
     */
    v111: new EventType(
        'ValidatorManager.ValidatorSetQueued',
        sts.struct({
            sessionIndex: sts.number(),
            validators: sts.number(),
        })
    ),
}
