import {sts, Result, Option, Bytes, BitSequence} from './support'

export type CredentialKind = CredentialKind_Distributor | CredentialKind_Hospital | CredentialKind_Insurer | CredentialKind_Laboratory | CredentialKind_Manufacturer | CredentialKind_Nurse | CredentialKind_Pharmacist | CredentialKind_Pharmacy | CredentialKind_Physician | CredentialKind_Regulator | CredentialKind_Researcher

export interface CredentialKind_Distributor {
    __kind: 'Distributor'
}

export interface CredentialKind_Hospital {
    __kind: 'Hospital'
}

export interface CredentialKind_Insurer {
    __kind: 'Insurer'
}

export interface CredentialKind_Laboratory {
    __kind: 'Laboratory'
}

export interface CredentialKind_Manufacturer {
    __kind: 'Manufacturer'
}

export interface CredentialKind_Nurse {
    __kind: 'Nurse'
}

export interface CredentialKind_Pharmacist {
    __kind: 'Pharmacist'
}

export interface CredentialKind_Pharmacy {
    __kind: 'Pharmacy'
}

export interface CredentialKind_Physician {
    __kind: 'Physician'
}

export interface CredentialKind_Regulator {
    __kind: 'Regulator'
}

export interface CredentialKind_Researcher {
    __kind: 'Researcher'
}

export interface Credential {
    issuer: AccountId32
    issuerEpoch: number
    licenseHash: H256
    issuedAt: bigint
    validUntil: bigint
    state: CredentialState
    deposit: bigint
}

export type CredentialState = CredentialState_Active | CredentialState_Revoked | CredentialState_Suspended

export interface CredentialState_Active {
    __kind: 'Active'
}

export interface CredentialState_Revoked {
    __kind: 'Revoked'
}

export interface CredentialState_Suspended {
    __kind: 'Suspended'
}

export type H256 = Bytes

export const Credential: sts.Type<Credential> = sts.struct(() => {
    return  {
        issuer: AccountId32,
        issuerEpoch: sts.number(),
        licenseHash: H256,
        issuedAt: sts.bigint(),
        validUntil: sts.bigint(),
        state: CredentialState,
        deposit: sts.bigint(),
    }
})

export const CredentialState: sts.Type<CredentialState> = sts.closedEnum(() => {
    return  {
        Active: sts.unit(),
        Revoked: sts.unit(),
        Suspended: sts.unit(),
    }
})

export type AccountId32 = Bytes

export interface Issuer {
    kinds: IssuableKind[]
    metadataHash: H256
}

export interface IssuableKind {
    kind: CredentialKind
    epoch: number
}

export const Issuer: sts.Type<Issuer> = sts.struct(() => {
    return  {
        kinds: sts.array(() => IssuableKind),
        metadataHash: H256,
    }
})

export const IssuableKind: sts.Type<IssuableKind> = sts.struct(() => {
    return  {
        kind: CredentialKind,
        epoch: sts.number(),
    }
})

export const DispatchError: sts.Type<DispatchError> = sts.closedEnum(() => {
    return  {
        Arithmetic: ArithmeticError,
        BadOrigin: sts.unit(),
        CannotLookup: sts.unit(),
        ConsumerRemaining: sts.unit(),
        Corruption: sts.unit(),
        Exhausted: sts.unit(),
        Module: ModuleError,
        NoProviders: sts.unit(),
        Other: sts.unit(),
        RootNotAllowed: sts.unit(),
        Token: TokenError,
        TooManyConsumers: sts.unit(),
        Transactional: TransactionalError,
        Trie: TrieError,
        Unavailable: sts.unit(),
    }
})

export const TrieError: sts.Type<TrieError> = sts.closedEnum(() => {
    return  {
        DecodeError: sts.unit(),
        DecoderError: sts.unit(),
        DuplicateKey: sts.unit(),
        ExtraneousHashReference: sts.unit(),
        ExtraneousNode: sts.unit(),
        ExtraneousValue: sts.unit(),
        IncompleteDatabase: sts.unit(),
        IncompleteProof: sts.unit(),
        InvalidChildReference: sts.unit(),
        InvalidHash: sts.unit(),
        InvalidStateRoot: sts.unit(),
        RootMismatch: sts.unit(),
        ValueAtIncompleteKey: sts.unit(),
        ValueMismatch: sts.unit(),
    }
})

export type TrieError = TrieError_DecodeError | TrieError_DecoderError | TrieError_DuplicateKey | TrieError_ExtraneousHashReference | TrieError_ExtraneousNode | TrieError_ExtraneousValue | TrieError_IncompleteDatabase | TrieError_IncompleteProof | TrieError_InvalidChildReference | TrieError_InvalidHash | TrieError_InvalidStateRoot | TrieError_RootMismatch | TrieError_ValueAtIncompleteKey | TrieError_ValueMismatch

export interface TrieError_DecodeError {
    __kind: 'DecodeError'
}

export interface TrieError_DecoderError {
    __kind: 'DecoderError'
}

export interface TrieError_DuplicateKey {
    __kind: 'DuplicateKey'
}

export interface TrieError_ExtraneousHashReference {
    __kind: 'ExtraneousHashReference'
}

export interface TrieError_ExtraneousNode {
    __kind: 'ExtraneousNode'
}

export interface TrieError_ExtraneousValue {
    __kind: 'ExtraneousValue'
}

export interface TrieError_IncompleteDatabase {
    __kind: 'IncompleteDatabase'
}

export interface TrieError_IncompleteProof {
    __kind: 'IncompleteProof'
}

export interface TrieError_InvalidChildReference {
    __kind: 'InvalidChildReference'
}

export interface TrieError_InvalidHash {
    __kind: 'InvalidHash'
}

export interface TrieError_InvalidStateRoot {
    __kind: 'InvalidStateRoot'
}

export interface TrieError_RootMismatch {
    __kind: 'RootMismatch'
}

export interface TrieError_ValueAtIncompleteKey {
    __kind: 'ValueAtIncompleteKey'
}

export interface TrieError_ValueMismatch {
    __kind: 'ValueMismatch'
}

export const TransactionalError: sts.Type<TransactionalError> = sts.closedEnum(() => {
    return  {
        LimitReached: sts.unit(),
        NoLayer: sts.unit(),
    }
})

export type TransactionalError = TransactionalError_LimitReached | TransactionalError_NoLayer

export interface TransactionalError_LimitReached {
    __kind: 'LimitReached'
}

export interface TransactionalError_NoLayer {
    __kind: 'NoLayer'
}

export const TokenError: sts.Type<TokenError> = sts.closedEnum(() => {
    return  {
        BelowMinimum: sts.unit(),
        Blocked: sts.unit(),
        CannotCreate: sts.unit(),
        CannotCreateHold: sts.unit(),
        Frozen: sts.unit(),
        FundsUnavailable: sts.unit(),
        NotExpendable: sts.unit(),
        OnlyProvider: sts.unit(),
        UnknownAsset: sts.unit(),
        Unsupported: sts.unit(),
    }
})

export type TokenError = TokenError_BelowMinimum | TokenError_Blocked | TokenError_CannotCreate | TokenError_CannotCreateHold | TokenError_Frozen | TokenError_FundsUnavailable | TokenError_NotExpendable | TokenError_OnlyProvider | TokenError_UnknownAsset | TokenError_Unsupported

export interface TokenError_BelowMinimum {
    __kind: 'BelowMinimum'
}

export interface TokenError_Blocked {
    __kind: 'Blocked'
}

export interface TokenError_CannotCreate {
    __kind: 'CannotCreate'
}

export interface TokenError_CannotCreateHold {
    __kind: 'CannotCreateHold'
}

export interface TokenError_Frozen {
    __kind: 'Frozen'
}

export interface TokenError_FundsUnavailable {
    __kind: 'FundsUnavailable'
}

export interface TokenError_NotExpendable {
    __kind: 'NotExpendable'
}

export interface TokenError_OnlyProvider {
    __kind: 'OnlyProvider'
}

export interface TokenError_UnknownAsset {
    __kind: 'UnknownAsset'
}

export interface TokenError_Unsupported {
    __kind: 'Unsupported'
}

export const ModuleError: sts.Type<ModuleError> = sts.struct(() => {
    return  {
        index: sts.number(),
        error: sts.bytes(),
    }
})

export interface ModuleError {
    index: number
    error: Bytes
}

export const ArithmeticError: sts.Type<ArithmeticError> = sts.closedEnum(() => {
    return  {
        DivisionByZero: sts.unit(),
        Overflow: sts.unit(),
        Underflow: sts.unit(),
    }
})

export type ArithmeticError = ArithmeticError_DivisionByZero | ArithmeticError_Overflow | ArithmeticError_Underflow

export interface ArithmeticError_DivisionByZero {
    __kind: 'DivisionByZero'
}

export interface ArithmeticError_Overflow {
    __kind: 'Overflow'
}

export interface ArithmeticError_Underflow {
    __kind: 'Underflow'
}

export type DispatchError = DispatchError_Arithmetic | DispatchError_BadOrigin | DispatchError_CannotLookup | DispatchError_ConsumerRemaining | DispatchError_Corruption | DispatchError_Exhausted | DispatchError_Module | DispatchError_NoProviders | DispatchError_Other | DispatchError_RootNotAllowed | DispatchError_Token | DispatchError_TooManyConsumers | DispatchError_Transactional | DispatchError_Trie | DispatchError_Unavailable

export interface DispatchError_Arithmetic {
    __kind: 'Arithmetic'
    value: ArithmeticError
}

export interface DispatchError_BadOrigin {
    __kind: 'BadOrigin'
}

export interface DispatchError_CannotLookup {
    __kind: 'CannotLookup'
}

export interface DispatchError_ConsumerRemaining {
    __kind: 'ConsumerRemaining'
}

export interface DispatchError_Corruption {
    __kind: 'Corruption'
}

export interface DispatchError_Exhausted {
    __kind: 'Exhausted'
}

export interface DispatchError_Module {
    __kind: 'Module'
    value: ModuleError
}

export interface DispatchError_NoProviders {
    __kind: 'NoProviders'
}

export interface DispatchError_Other {
    __kind: 'Other'
}

export interface DispatchError_RootNotAllowed {
    __kind: 'RootNotAllowed'
}

export interface DispatchError_Token {
    __kind: 'Token'
    value: TokenError
}

export interface DispatchError_TooManyConsumers {
    __kind: 'TooManyConsumers'
}

export interface DispatchError_Transactional {
    __kind: 'Transactional'
    value: TransactionalError
}

export interface DispatchError_Trie {
    __kind: 'Trie'
    value: TrieError
}

export interface DispatchError_Unavailable {
    __kind: 'Unavailable'
}

export const StudyStatus: sts.Type<StudyStatus> = sts.closedEnum(() => {
    return  {
        Active: sts.unit(),
        Completed: sts.unit(),
        NotYetRecruiting: sts.unit(),
        Recruiting: sts.unit(),
        Terminated: sts.unit(),
    }
})

export type StudyStatus = StudyStatus_Active | StudyStatus_Completed | StudyStatus_NotYetRecruiting | StudyStatus_Recruiting | StudyStatus_Terminated

export interface StudyStatus_Active {
    __kind: 'Active'
}

export interface StudyStatus_Completed {
    __kind: 'Completed'
}

export interface StudyStatus_NotYetRecruiting {
    __kind: 'NotYetRecruiting'
}

export interface StudyStatus_Recruiting {
    __kind: 'Recruiting'
}

export interface StudyStatus_Terminated {
    __kind: 'Terminated'
}

export const StudyKind: sts.Type<StudyKind> = sts.closedEnum(() => {
    return  {
        Interventional: sts.unit(),
        Observational: sts.unit(),
    }
})

export type StudyKind = StudyKind_Interventional | StudyKind_Observational

export interface StudyKind_Interventional {
    __kind: 'Interventional'
}

export interface StudyKind_Observational {
    __kind: 'Observational'
}

export const ReasonCode: sts.Type<ReasonCode> = sts.closedEnum(() => {
    return  {
        BenefitMaximumReached: sts.unit(),
        CodingInconsistent: sts.unit(),
        Coinsurance: sts.unit(),
        Copayment: sts.unit(),
        CoverageNotInEffect: sts.unit(),
        Deductible: sts.unit(),
        DuplicateClaim: sts.unit(),
        ExceedsFeeSchedule: sts.unit(),
        MissingInformation: sts.unit(),
        NoPriorAuthorization: sts.unit(),
        NotCovered: sts.unit(),
        NotMedicallyNecessary: sts.unit(),
        Other: sts.unit(),
        OtherPayerPrimary: sts.unit(),
        TimelyFilingExpired: sts.unit(),
    }
})

export type ReasonCode = ReasonCode_BenefitMaximumReached | ReasonCode_CodingInconsistent | ReasonCode_Coinsurance | ReasonCode_Copayment | ReasonCode_CoverageNotInEffect | ReasonCode_Deductible | ReasonCode_DuplicateClaim | ReasonCode_ExceedsFeeSchedule | ReasonCode_MissingInformation | ReasonCode_NoPriorAuthorization | ReasonCode_NotCovered | ReasonCode_NotMedicallyNecessary | ReasonCode_Other | ReasonCode_OtherPayerPrimary | ReasonCode_TimelyFilingExpired

export interface ReasonCode_BenefitMaximumReached {
    __kind: 'BenefitMaximumReached'
}

export interface ReasonCode_CodingInconsistent {
    __kind: 'CodingInconsistent'
}

export interface ReasonCode_Coinsurance {
    __kind: 'Coinsurance'
}

export interface ReasonCode_Copayment {
    __kind: 'Copayment'
}

export interface ReasonCode_CoverageNotInEffect {
    __kind: 'CoverageNotInEffect'
}

export interface ReasonCode_Deductible {
    __kind: 'Deductible'
}

export interface ReasonCode_DuplicateClaim {
    __kind: 'DuplicateClaim'
}

export interface ReasonCode_ExceedsFeeSchedule {
    __kind: 'ExceedsFeeSchedule'
}

export interface ReasonCode_MissingInformation {
    __kind: 'MissingInformation'
}

export interface ReasonCode_NoPriorAuthorization {
    __kind: 'NoPriorAuthorization'
}

export interface ReasonCode_NotCovered {
    __kind: 'NotCovered'
}

export interface ReasonCode_NotMedicallyNecessary {
    __kind: 'NotMedicallyNecessary'
}

export interface ReasonCode_Other {
    __kind: 'Other'
}

export interface ReasonCode_OtherPayerPrimary {
    __kind: 'OtherPayerPrimary'
}

export interface ReasonCode_TimelyFilingExpired {
    __kind: 'TimelyFilingExpired'
}

export const Outcome: sts.Type<Outcome> = sts.closedEnum(() => {
    return  {
        Approved: sts.unit(),
        Denied: sts.unit(),
        Partial: sts.unit(),
    }
})

export type Outcome = Outcome_Approved | Outcome_Denied | Outcome_Partial

export interface Outcome_Approved {
    __kind: 'Approved'
}

export interface Outcome_Denied {
    __kind: 'Denied'
}

export interface Outcome_Partial {
    __kind: 'Partial'
}

export const Money: sts.Type<Money> = sts.struct(() => {
    return  {
        amount: sts.bigint(),
        currency: CurrencyCode,
    }
})

export const CurrencyCode = sts.bytes()

export interface Money {
    amount: bigint
    currency: CurrencyCode
}

export type CurrencyCode = Bytes

export const BoundedVec = sts.bytes()

export const AccessDecision: sts.Type<AccessDecision> = sts.closedEnum(() => {
    return  {
        Denied: sts.unit(),
        Emergency: sts.bigint(),
        Permitted: sts.bigint(),
    }
})

export type AccessDecision = AccessDecision_Denied | AccessDecision_Emergency | AccessDecision_Permitted

export interface AccessDecision_Denied {
    __kind: 'Denied'
}

export interface AccessDecision_Emergency {
    __kind: 'Emergency'
    value: bigint
}

export interface AccessDecision_Permitted {
    __kind: 'Permitted'
    value: bigint
}

export const H256 = sts.bytes()

export const EmergencyReason: sts.Type<EmergencyReason> = sts.closedEnum(() => {
    return  {
        ImminentHarm: sts.unit(),
        LifeThreatening: sts.unit(),
        Other: sts.unit(),
        PatientUnconscious: sts.unit(),
    }
})

export type EmergencyReason = EmergencyReason_ImminentHarm | EmergencyReason_LifeThreatening | EmergencyReason_Other | EmergencyReason_PatientUnconscious

export interface EmergencyReason_ImminentHarm {
    __kind: 'ImminentHarm'
}

export interface EmergencyReason_LifeThreatening {
    __kind: 'LifeThreatening'
}

export interface EmergencyReason_Other {
    __kind: 'Other'
}

export interface EmergencyReason_PatientUnconscious {
    __kind: 'PatientUnconscious'
}

export const Access: sts.Type<Access> = sts.closedEnum(() => {
    return  {
        Read: sts.unit(),
        ReadWrite: sts.unit(),
        Write: sts.unit(),
    }
})

export type Access = Access_Read | Access_ReadWrite | Access_Write

export interface Access_Read {
    __kind: 'Read'
}

export interface Access_ReadWrite {
    __kind: 'ReadWrite'
}

export interface Access_Write {
    __kind: 'Write'
}

export const CategoryTag = sts.bytes()

export const Purpose: sts.Type<Purpose> = sts.closedEnum(() => {
    return  {
        Payment: sts.unit(),
        PublicHealth: sts.unit(),
        Research: sts.unit(),
        Treatment: sts.unit(),
    }
})

export type Purpose = Purpose_Payment | Purpose_PublicHealth | Purpose_Research | Purpose_Treatment

export interface Purpose_Payment {
    __kind: 'Payment'
}

export interface Purpose_PublicHealth {
    __kind: 'PublicHealth'
}

export interface Purpose_Research {
    __kind: 'Research'
}

export interface Purpose_Treatment {
    __kind: 'Treatment'
}

export const CredentialKind: sts.Type<CredentialKind> = sts.closedEnum(() => {
    return  {
        Distributor: sts.unit(),
        Hospital: sts.unit(),
        Insurer: sts.unit(),
        Laboratory: sts.unit(),
        Manufacturer: sts.unit(),
        Nurse: sts.unit(),
        Pharmacist: sts.unit(),
        Pharmacy: sts.unit(),
        Physician: sts.unit(),
        Regulator: sts.unit(),
        Researcher: sts.unit(),
    }
})

export const AccountId32 = sts.bytes()
