import {sts, Block, Bytes, Option, Result, EventType, RuntimeCtx} from '../support'
import * as v111 from '../v111'

export const coverageRegistered =  {
    name: 'Claims.CoverageRegistered',
    /**
     * A payer registered a patient's coverage.
     */
    v111: new EventType(
        'Claims.CoverageRegistered',
        sts.struct({
            coverageId: sts.bigint(),
            patientId: sts.bigint(),
            payer: v111.AccountId32,
            validFrom: sts.number(),
            validUntil: sts.number(),
        })
    ),
}

export const coverageEnded =  {
    name: 'Claims.CoverageEnded',
    /**
     * A payer ended a coverage: `valid_until` is its new last day.
     */
    v111: new EventType(
        'Claims.CoverageEnded',
        sts.struct({
            coverageId: sts.bigint(),
            patientId: sts.bigint(),
            validUntil: sts.number(),
        })
    ),
}

export const coverageRemoved =  {
    name: 'Claims.CoverageRemoved',
    /**
     * An ended coverage that no claim names left storage; its deposit returned.
     */
    v111: new EventType(
        'Claims.CoverageRemoved',
        sts.struct({
            coverageId: sts.bigint(),
            patientId: sts.bigint(),
        })
    ),
}

export const claimSubmitted =  {
    name: 'Claims.ClaimSubmitted',
    /**
     * A provider submitted a claim.
     */
    v111: new EventType(
        'Claims.ClaimSubmitted',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
            provider: v111.AccountId32,
            payer: v111.AccountId32,
            coverageId: sts.bigint(),
            encounterId: sts.bigint(),
            billed: v111.Money,
        })
    ),
}

export const claimReplaced =  {
    name: 'Claims.ClaimReplaced',
    /**
     * A provider replaced claim `original` by claim `claim_id`, billing `billed`, before
     * adjudication.
     */
    v111: new EventType(
        'Claims.ClaimReplaced',
        sts.struct({
            claimId: sts.bigint(),
            original: sts.bigint(),
            patientId: sts.bigint(),
            billed: v111.Money,
        })
    ),
}

export const claimVoided =  {
    name: 'Claims.ClaimVoided',
    /**
     * A provider voided a claim before adjudication.
     */
    v111: new EventType(
        'Claims.ClaimVoided',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
        })
    ),
}

export const claimAdjudicated =  {
    name: 'Claims.ClaimAdjudicated',
    /**
     * The payer decided a claim.
     */
    v111: new EventType(
        'Claims.ClaimAdjudicated',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
            outcome: v111.Outcome,
            allowed: sts.bigint(),
            patientResponsibility: sts.bigint(),
            reasons: sts.array(() => v111.ReasonCode),
        })
    ),
}

export const claimPaid =  {
    name: 'Claims.ClaimPaid',
    /**
     * The payer recorded a payment of `amount`, made off chain (remittance advice hashed as
     * `remittance_hash`).
     */
    v111: new EventType(
        'Claims.ClaimPaid',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
            amount: sts.bigint(),
            remittanceHash: v111.H256,
        })
    ),
}

export const claimAppealed =  {
    name: 'Claims.ClaimAppealed',
    /**
     * The provider appealed a decision.
     */
    v111: new EventType(
        'Claims.ClaimAppealed',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
            evidenceHash: v111.H256,
        })
    ),
}

export const claimCleared =  {
    name: 'Claims.ClaimCleared',
    /**
     * A settled claim left storage; its deposit returned to its provider.
     */
    v111: new EventType(
        'Claims.ClaimCleared',
        sts.struct({
            claimId: sts.bigint(),
            patientId: sts.bigint(),
        })
    ),
}
