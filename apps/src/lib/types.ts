// The enums of Carechain's public contract (docs/ARCHITECTURE.md), as string unions.
// The client builds every call from the runtime metadata; these unions only give callers types,
// and `test/e2e.test.ts` checks that each one lists exactly the variants the runtime has.
// `RecordCategory` is the exception: no category goes on chain (issue 31), only the patient's
// category tag for it (categories.ts), so it is not in the metadata; apps still speak categories
// to their users, and a category's index here is the byte its tag hashes (primitives/src/lib.rs).

export const CREDENTIAL_KINDS = [
  'Physician', 'Nurse', 'Pharmacist', 'Laboratory', 'Hospital', 'Manufacturer', 'Distributor',
  'Pharmacy', 'Insurer', 'Researcher', 'Regulator',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

export const CREDENTIAL_STATUSES = ['Valid', 'Expired', 'Suspended', 'Revoked', 'IssuerRemoved', 'None'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];

export const RECORD_CATEGORIES = [
  'Demographics', 'Encounters', 'Conditions', 'Medications', 'Allergies', 'LabResults', 'Imaging',
  'Procedures', 'Immunizations', 'ClinicalNotes', 'MentalHealth', 'Genomics', 'Billing',
] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

export const PURPOSES = ['Treatment', 'Payment', 'Research', 'PublicHealth'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const ACCESSES = ['Read', 'Write', 'ReadWrite'] as const;
export type Access = (typeof ACCESSES)[number];

export const EMERGENCY_REASONS = ['PatientUnconscious', 'LifeThreatening', 'ImminentHarm', 'Other'] as const;
export type EmergencyReason = (typeof EMERGENCY_REASONS)[number];

/** `ConsentApi::check_access`: why access is allowed, or that it is not. */
export type AccessDecision =
  | { kind: 'Permitted'; consentId: bigint }
  | { kind: 'Emergency'; accessId: bigint }
  | { kind: 'Denied' };

/** `RecordsApi::verify`. */
export type RecordVerification =
  | { kind: 'Match' }
  | { kind: 'Mismatch' }
  | { kind: 'Superseded'; newerId: bigint }
  | { kind: 'Erased' }
  | { kind: 'Unknown' };

/** `SupplyChainApi::verify_unit`. */
export type UnitVerification =
  | { kind: 'Authentic'; batchId: bigint; expiresOn: bigint }
  | { kind: 'Recalled' }
  | { kind: 'Expired' }
  | { kind: 'Quarantined' }
  | { kind: 'Unknown' }
  | { kind: 'InvalidProof' };

/** A 32-byte hash as 0x-prefixed hex. */
export type Hash = `0x${string}`;

/** Ids are u64 counters on chain; bigint here so none is ever rounded. */
export type Id = bigint;

/** Whether `value` is one of `allowed`, narrowing its type (for parsing user input). */
export function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}
