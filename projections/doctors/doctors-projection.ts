/**
 * The `doctors` projection: folds doctor-<id> and doctor-verification-<id> into doctor_search,
 * doctor_fees and doctor_applications, in the runner's transaction.
 */
import type pg from 'pg';
import { isDoctorEventType, parseDoctorEvent, parseDoctorStreamId } from '../../domain/doctor/index.js';
import { isVerificationEventType, parseVerificationEvent } from '../../domain/verification/index.js';
import type { Projection } from '../projection.js';
import {
  emptySearchRow,
  evolveApplicationRow,
  evolveSearchRowWithPractice,
  evolveSearchRowWithVerification,
  languageKeysOf,
  searchFieldsOf,
  wordsOf,
  type ApplicationRow,
  type DoctorSearchRow,
} from './doctor-rows.js';
import { readApplicationRow, readSearchRow } from './doctor-row-io.js';
import { lockSpecializationNamesForWriting } from './specialization-names.js';

export const doctorsProjection: Projection = {
  name: 'doctors',
  tables: ['doctor_search', 'doctor_fees', 'doctor_applications', 'doctor_search_words'],
  async apply(client, event) {
    const stream = parseDoctorStreamId(event.streamId);
    if (!stream) return;
    const meta = { revision: Number(event.revision), recordedAt: event.recordedAt.toISOString() };
    // Before the row lock: a rename of a specialization must not interleave (specialization-names.ts).
    await lockSpecializationNamesForWriting(client);
    const before =
      (await readSearchRow(client, stream.doctorId, { lock: true })) ??
      emptySearchRow(stream.doctorId, meta.recordedAt);
    if (stream.kind === 'practice') {
      if (!isDoctorEventType(event.type)) return;
      const after = evolveSearchRowWithPractice(before, parseDoctorEvent(event.type, event.data), meta);
      if (after !== before) await writeSearchRow(client, after);
      return;
    }
    if (!isVerificationEventType(event.type)) return;
    const parsed = parseVerificationEvent(event.type, event.data);
    const after = evolveSearchRowWithVerification(before, parsed, meta);
    if (after !== before) await writeSearchRow(client, after);
    const application = await readApplicationRow(client, stream.doctorId, { lock: true });
    const next = evolveApplicationRow(application, parsed, { ...meta, doctorId: stream.doctorId });
    if (next && next !== application) await writeApplicationRow(client, next);
  },
};

/** Writes a search row and its fees (exported for the search benchmark, which loads rows in bulk). */
export async function writeSearchRow(client: pg.PoolClient, row: DoctorSearchRow): Promise<void> {
  const { practice } = row;
  const profile = practice.profile;
  const { rows: names } = await client.query<{ id: string; name: string }>(
    'SELECT id, name FROM specializations WHERE id = ANY($1)',
    [profile?.specializationIds ?? []],
  );
  const fields = searchFieldsOf(practice, new Map(names.map((n) => [n.id, n.name])));
  const searchText = [fields.names, fields.specializations, fields.bio].join(' ').trim();
  await client.query(
    `INSERT INTO doctor_search (doctor_id, display_name, practice_name, bio, specialization_ids, language_keys, methods,
       profile, availability, blocked, fees, services, online, verification_status, verified_at, search_text,
       practice_revision, verification_revision, updated_at, search_vector, rating, review_count)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,
       setweight(to_tsvector('simple', $20), 'A') || setweight(to_tsvector('simple', $21), 'B')
         || setweight(to_tsvector('simple', $22), 'C'),
       -- The rating is the reviews projection's (doctor_ratings): a row created again after a
       -- rebuild starts from it; an existing row's rating is never touched here.
       coalesce((SELECT round(r.rating_sum::numeric / r.review_count, 2) FROM doctor_ratings r
                  WHERE r.doctor_id = $1), 0),
       coalesce((SELECT r.review_count FROM doctor_ratings r WHERE r.doctor_id = $1), 0))
     ON CONFLICT (doctor_id) DO UPDATE SET
       display_name = EXCLUDED.display_name, practice_name = EXCLUDED.practice_name, bio = EXCLUDED.bio,
       specialization_ids = EXCLUDED.specialization_ids, language_keys = EXCLUDED.language_keys,
       methods = EXCLUDED.methods, profile = EXCLUDED.profile, availability = EXCLUDED.availability,
       blocked = EXCLUDED.blocked, fees = EXCLUDED.fees, services = EXCLUDED.services, online = EXCLUDED.online,
       verification_status = EXCLUDED.verification_status, verified_at = EXCLUDED.verified_at,
       search_text = EXCLUDED.search_text, search_vector = EXCLUDED.search_vector,
       practice_revision = EXCLUDED.practice_revision,
       verification_revision = EXCLUDED.verification_revision, updated_at = EXCLUDED.updated_at`,
    [
      row.doctorId,
      profile?.displayName ?? '',
      profile?.practiceName ?? '',
      profile?.bio ?? '',
      profile?.specializationIds ?? [],
      languageKeysOf(practice),
      practice.methods.map((m) => m.method),
      profile ? JSON.stringify(profile) : null,
      practice.availability ? JSON.stringify(practice.availability) : null,
      JSON.stringify(practice.blocked),
      JSON.stringify(practice.methods),
      JSON.stringify(practice.services),
      practice.online,
      row.verificationStatus,
      row.verifiedAt,
      searchText,
      row.practiceRevision,
      row.verificationRevision,
      row.updatedAt,
      fields.names,
      fields.specializations,
      fields.bio,
    ],
  );
  await client.query('INSERT INTO doctor_search_words (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
    wordsOf(searchText),
  ]);
  await client.query('DELETE FROM doctor_fees WHERE doctor_id = $1', [row.doctorId]);
  for (const { method, fee } of practice.methods) {
    await client.query('INSERT INTO doctor_fees (doctor_id, method, currency, amount_minor) VALUES ($1, $2, $3, $4)', [
      row.doctorId,
      method,
      fee.currency,
      fee.amountMinor,
    ]);
  }
}

async function writeApplicationRow(client: pg.PoolClient, row: ApplicationRow): Promise<void> {
  await client.query(
    `INSERT INTO doctor_applications (doctor_id, status, submitted_at, waiting_since, escalated, last_decision_at,
       last_reason_code, stream_revision, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (doctor_id) DO UPDATE SET status = EXCLUDED.status, submitted_at = EXCLUDED.submitted_at,
       waiting_since = EXCLUDED.waiting_since, escalated = EXCLUDED.escalated,
       last_decision_at = EXCLUDED.last_decision_at, last_reason_code = EXCLUDED.last_reason_code,
       stream_revision = EXCLUDED.stream_revision, updated_at = EXCLUDED.updated_at`,
    [
      row.doctorId,
      row.state.status,
      row.state.submittedAt,
      row.state.waitingSince,
      row.state.escalated,
      row.lastDecisionAt,
      row.lastReasonCode,
      row.streamRevision,
      row.updatedAt,
    ],
  );
}
