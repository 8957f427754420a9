/** Reading the doctors read-model rows back into their pure shapes (doctor-rows.ts). */
import type pg from 'pg';
import type { DoctorPractice } from '../../domain/doctor/index.js';
import type { VerificationStatus } from '../../domain/verification/index.js';
import type { ApplicationRow, DoctorSearchRow } from './doctor-rows.js';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));

export const SEARCH_ROW_COLUMNS = `doctor_id, profile, availability, blocked, fees, services, online,
  verification_status, verified_at, practice_revision, verification_revision, updated_at`;

/**
 * SQL: the account of the doctor whose id is the expression `doctorId` may practise: it exists, is
 * active and holds the doctor role. Read live from the identity tables (owned by the auth service)
 * by search, profiles, slots and the booking guard rather than projected: suspensions and role
 * changes are rows there, not events (their audit events are appended after the fact and
 * registrations record none), so a projected copy could neither be rebuilt nor be trusted not to
 * lag. Denies by default: no account row, no practice.
 */
export const accountMayPractise = (doctorId: string) =>
  `EXISTS (SELECT 1 FROM accounts a JOIN account_roles r ON r.account_id = a.id AND r.role = 'doctor'
            WHERE a.id = ${doctorId} AND a.status = 'active')`;

/** The column toSearchRow reads accountMayPractise from, for a row of doctor_search aliased `alias`. */
export const accountMayPractiseColumn = (alias: string) =>
  `${accountMayPractise(`${alias}.doctor_id`)} AS account_may_practise`;

/** SQL: a doctor_search row (aliased `alias`) is public: verified, and the account may practise. */
export const listedDoctor = (alias: string) =>
  `(${alias}.verification_status = 'verified' AND ${accountMayPractise(`${alias}.doctor_id`)})`;

export function toSearchRow(raw: Record<string, unknown>): DoctorSearchRow {
  const practice: DoctorPractice = {
    profile: (raw.profile ?? null) as DoctorPractice['profile'],
    availability: (raw.availability ?? null) as DoctorPractice['availability'],
    blocked: raw.blocked as DoctorPractice['blocked'],
    methods: raw.fees as DoctorPractice['methods'],
    services: raw.services as DoctorPractice['services'],
    online: Boolean(raw.online),
  };
  return {
    doctorId: String(raw.doctor_id),
    practice,
    verificationStatus: String(raw.verification_status) as VerificationStatus,
    verifiedAt: isoOrNull(raw.verified_at),
    practiceRevision: Number(raw.practice_revision),
    verificationRevision: Number(raw.verification_revision),
    updatedAt: iso(raw.updated_at),
    accountMayPractise: raw.account_may_practise === true,
  };
}

export async function readSearchRow(
  db: Queryable,
  doctorId: string,
  options: { lock?: boolean } = {},
): Promise<DoctorSearchRow | undefined> {
  const { rows } = await db.query(
    `SELECT ${SEARCH_ROW_COLUMNS}, ${accountMayPractiseColumn('d')}
       FROM doctor_search d WHERE doctor_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [doctorId],
  );
  return rows[0] ? toSearchRow(rows[0]) : undefined;
}

export async function readApplicationRow(
  db: Queryable,
  doctorId: string,
  options: { lock?: boolean } = {},
): Promise<ApplicationRow | null> {
  const { rows } = await db.query(
    `SELECT * FROM doctor_applications WHERE doctor_id = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [doctorId],
  );
  const raw = rows[0] as Record<string, unknown> | undefined;
  if (!raw) return null;
  return {
    doctorId: String(raw.doctor_id),
    state: {
      status: String(raw.status) as VerificationStatus,
      submittedAt: isoOrNull(raw.submitted_at),
      waitingSince: isoOrNull(raw.waiting_since),
      escalated: Boolean(raw.escalated),
    },
    lastDecisionAt: isoOrNull(raw.last_decision_at),
    lastReasonCode: raw.last_reason_code === null ? null : String(raw.last_reason_code),
    streamRevision: Number(raw.stream_revision),
    updatedAt: iso(raw.updated_at),
  };
}
