/** A doctor's reviews, public like their profile: the patient's first name only, newest first. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { readDoctorReviews } from '../reads/review-reads.js';

const params = z.strictObject({ id: z.uuid() });
const query = z.strictObject({
  first: z.coerce.number().int().min(1).max(50).default(20),
  after: z.string().max(400).optional().describe('pageInfo.endCursor of the previous page'),
});

export const doctorReviewsResource = z.object({
  doctorId: z.uuid(),
  /** The average of every review (2 decimals), 0 without any. */
  rating: z.number(),
  reviewCount: z.number().int(),
  items: z.array(
    z.object({
      /** The patient's first name, or "Anonymous patient". */
      author: z.string(),
      rating: z.number().int(),
      comment: z.string().nullable(),
      submittedAt: z.string(),
    }),
  ),
  pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
});

export const doctorReviewRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/doctors/:id/reviews',
      {
        schema: {
          summary: 'A verified doctor’s reviews, newest first',
          description: 'Public. Pass `pageInfo.endCursor` as `after` for the next page.',
          tags: ['doctor search'],
          params,
          querystring: query,
          response: { 200: doctorReviewsResource, 400: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const { first, after } = request.query;
        return readDoctorReviews(deps, request.params.id, { first, ...(after ? { after } : {}) });
      },
    );
  };
