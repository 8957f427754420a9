/** Reads (and the erasure write) of the `reviews` read model. */
import type pg from 'pg';
import { listedDoctor } from '../doctors/doctor-row-io.js';

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export const ANONYMOUS_AUTHOR = 'Anonymous patient';

export interface PublicReview {
  /** The patient's first name, or "Anonymous patient" when it is unknown or was erased. */
  readonly author: string;
  readonly rating: number;
  readonly comment: string | null;
  readonly submittedAt: string;
}

/** Where a page ended: the last review's instant and its appointment id (newest first). */
export interface ReviewCursor {
  readonly submittedAt: string;
  readonly appointmentId: string;
}

export interface ReviewPage {
  readonly reviews: PublicReview[];
  readonly endCursor: ReviewCursor | null;
  readonly hasNextPage: boolean;
}

/**
 * A doctor's reviews, newest first. The author's first name is read from the patients read model
 * at query time rather than copied, so an erasure (which clears the name there) hides it at once.
 */
export async function listDoctorReviews(
  db: Queryable,
  doctorId: string,
  page: { readonly first: number; readonly after?: ReviewCursor },
): Promise<ReviewPage> {
  const params: unknown[] = [doctorId, page.first + 1];
  let after = '';
  if (page.after) {
    params.push(page.after.submittedAt, page.after.appointmentId);
    after = 'AND (r.submitted_at, r.appointment_id) < ($3::timestamptz, $4::uuid)';
  }
  const { rows } = await db.query<{
    appointment_id: string;
    rating: number;
    comment: string | null;
    submitted_at: Date;
    first_name: string | null;
  }>(
    `SELECT r.appointment_id, r.rating, r.comment, r.submitted_at,
            nullif(split_part(btrim(p.name), ' ', 1), '') AS first_name
       FROM reviews r LEFT JOIN patient_profiles p ON p.patient_id = r.patient_id
      WHERE r.doctor_id = $1 ${after}
      ORDER BY r.submitted_at DESC, r.appointment_id DESC
      LIMIT $2`,
    params,
  );
  const shown = rows.slice(0, page.first);
  const last = shown.at(-1);
  return {
    reviews: shown.map((row) => ({
      author: row.first_name ?? ANONYMOUS_AUTHOR,
      rating: Number(row.rating),
      comment: row.comment,
      submittedAt: row.submitted_at.toISOString(),
    })),
    endCursor: last ? { submittedAt: last.submitted_at.toISOString(), appointmentId: last.appointment_id } : null,
    hasNextPage: rows.length > page.first,
  };
}

/** Drops the opened comments of a patient's reviews (erasure, in its transaction); ratings stay. */
export async function clearReviewComments(db: Queryable, patientId: string): Promise<void> {
  await db.query('UPDATE reviews SET comment = NULL WHERE patient_id = $1', [patientId]);
}

/**
 * A listed doctor's rating as search shows it; undefined for anyone else (unknown, unverified,
 * suspended, or an account that may not practise), whose profile answers 404 too.
 */
export async function findVerifiedDoctorRating(
  db: Queryable,
  doctorId: string,
): Promise<{ rating: number; reviewCount: number } | undefined> {
  const { rows } = await db.query<{ rating: string; review_count: number }>(
    `SELECT rating, review_count FROM doctor_search d WHERE doctor_id = $1 AND ${listedDoctor('d')}`,
    [doctorId],
  );
  const row = rows[0];
  return row ? { rating: Number(row.rating), reviewCount: Number(row.review_count) } : undefined;
}
