/** A doctor's public reviews, newest first, shared by REST and GraphQL. No account needed. */
import { notFound } from '../../domain/index.js';
import { findVerifiedDoctorRating, listDoctorReviews, type PublicReview } from '../../projections/index.js';
import type { ApiDeps } from '../deps.js';
import { cursorId, cursorInstant, decodeCursor, encodeCursor } from './cursors.js';

export interface DoctorReviewsView {
  readonly doctorId: string;
  readonly rating: number;
  readonly reviewCount: number;
  readonly items: PublicReview[];
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

export async function readDoctorReviews(
  deps: Pick<ApiDeps, 'pool'>,
  doctorId: string,
  page: { readonly first: number; readonly after?: string },
): Promise<DoctorReviewsView> {
  const doctor = await findVerifiedDoctorRating(deps.pool, doctorId);
  if (!doctor) throw notFound('DOCTOR_NOT_FOUND', 'No verified doctor with this id.');
  const after = page.after
    ? decodeCursor(page.after, 'reviews', { submittedAt: cursorInstant, appointmentId: cursorId }, 'querystring.after')
    : undefined;
  const found = await listDoctorReviews(deps.pool, doctorId, { first: page.first, ...(after ? { after } : {}) });
  return {
    doctorId,
    ...doctor,
    items: found.reviews,
    pageInfo: {
      endCursor: found.endCursor ? encodeCursor('reviews', { ...found.endCursor }) : null,
      hasNextPage: found.hasNextPage,
    },
  };
}
