/**
 * Pure folds of the doctor streams into the `doctors` read models: one search row per doctor
 * (practice + verification status) and one admin-queue row per application. Each row remembers
 * the last revision it reflects, so redelivered events change nothing.
 */
import {
  evolveDoctorPractice,
  initialDoctorPractice,
  type DoctorEvent,
  type DoctorPractice,
} from '../../domain/doctor/index.js';
import {
  evolveVerification,
  initialVerificationState,
  type VerificationEvent,
  type VerificationState,
  type VerificationStatus,
} from '../../domain/verification/index.js';

export interface DoctorSearchRow {
  readonly doctorId: string;
  readonly practice: DoctorPractice;
  readonly verificationStatus: VerificationStatus;
  readonly verifiedAt: string | null;
  readonly practiceRevision: number;
  readonly verificationRevision: number;
  readonly updatedAt: string;
  /**
   * The doctor's account is active and holds the doctor role. Not projected: read live from the
   * identity tables with the row (doctor-row-io.ts), false in rows the projection builds.
   */
  readonly accountMayPractise: boolean;
}

export interface ApplicationRow {
  readonly doctorId: string;
  readonly state: VerificationState;
  readonly lastDecisionAt: string | null;
  readonly lastReasonCode: string | null;
  readonly streamRevision: number;
  readonly updatedAt: string;
}

export interface EventMeta {
  readonly revision: number;
  readonly recordedAt: string;
}

export function emptySearchRow(doctorId: string, recordedAt: string): DoctorSearchRow {
  return {
    doctorId,
    practice: initialDoctorPractice,
    verificationStatus: 'none',
    verifiedAt: null,
    practiceRevision: -1,
    verificationRevision: -1,
    updatedAt: recordedAt,
    accountMayPractise: false,
  };
}

export function evolveSearchRowWithPractice(
  row: DoctorSearchRow,
  event: DoctorEvent,
  meta: EventMeta,
): DoctorSearchRow {
  if (meta.revision <= row.practiceRevision) return row;
  return {
    ...row,
    practice: evolveDoctorPractice(row.practice, event),
    practiceRevision: meta.revision,
    updatedAt: meta.recordedAt,
  };
}

export function evolveSearchRowWithVerification(
  row: DoctorSearchRow,
  event: VerificationEvent,
  meta: EventMeta,
): DoctorSearchRow {
  if (meta.revision <= row.verificationRevision) return row;
  const status = evolveVerification({ ...initialVerificationState, status: row.verificationStatus }, event).status;
  return {
    ...row,
    verificationStatus: status,
    verifiedAt: event.type === 'DoctorVerified' ? event.data.decidedAt : row.verifiedAt,
    verificationRevision: meta.revision,
    updatedAt: meta.recordedAt,
  };
}

export function evolveApplicationRow(
  row: ApplicationRow | null,
  event: VerificationEvent,
  meta: EventMeta & { readonly doctorId: string },
): ApplicationRow | null {
  if (row && meta.revision <= row.streamRevision) return row;
  const state = evolveVerification(row?.state ?? initialVerificationState, event);
  if (state.submittedAt === null) return row; // nothing to queue before a submission
  const decision = 'decidedBy' in event.data ? event.data : null;
  return {
    doctorId: meta.doctorId,
    state,
    lastDecisionAt: decision?.decidedAt ?? row?.lastDecisionAt ?? null,
    lastReasonCode: decision?.reasonCode ?? row?.lastReasonCode ?? null,
    streamRevision: meta.revision,
    updatedAt: meta.recordedAt,
  };
}

/** Lower case without accents, so "Macuacua" finds "Macuácua". Query terms go through the same. */
export function normalizeSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** What free text matches, by weight: names and practice, specialization names, bio. */
export interface SearchFields {
  readonly names: string;
  readonly specializations: string;
  readonly bio: string;
}

export function searchFieldsOf(
  practice: DoctorPractice,
  specializationNames: ReadonlyMap<string, string>,
): SearchFields {
  const profile = practice.profile;
  if (!profile) return { names: '', specializations: '', bio: '' };
  return {
    names: normalizeSearchText(`${profile.displayName} ${profile.practiceName}`),
    specializations: normalizeSearchText(
      profile.specializationIds.map((id) => specializationNames.get(id) ?? id).join(' '),
    ),
    bio: normalizeSearchText(profile.bio),
  };
}

/** The words of a text as search matches them: letters and digits, two or more. */
export function wordsOf(text: string): string[] {
  return [...new Set(text.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 2))];
}

/** "pt-MZ" → ["pt-mz", "pt"]: a filter for "pt" finds every Portuguese speaker. */
export function languageKeysOf(practice: DoctorPractice): string[] {
  const keys = new Set<string>();
  for (const tag of practice.profile?.languages ?? []) {
    keys.add(tag.toLowerCase());
    keys.add(tag.split('-')[0]!.toLowerCase());
  }
  return [...keys];
}
