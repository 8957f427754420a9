/** The signed-in account's dashboard: its appointments as a patient or as a doctor. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { readDashboard } from '../reads/dashboard-reads.js';
import { appointmentResource } from './appointment-schemas.js';

const dashboardQuery = z.strictObject({
  as: z
    .enum(['patient', 'doctor'])
    .optional()
    .describe('Which of your dashboards, if you are both a doctor and a patient (default: doctor)'),
  first: z.coerce.number().int().min(1).max(100).default(20).describe('The most items in each list'),
  pastAfter: z.string().max(400).optional().describe('pageInfo.endCursor of the previous page of `past`'),
});

const items = z.array(appointmentResource);
export const dashboardResource = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('patient'),
    /** Ahead or in progress, soonest first. */
    upcoming: items,
    /** Over, newest first; page on with pageInfo. */
    past: items,
    pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
  }),
  z.object({
    role: z.literal('doctor'),
    /** Your availability's IANA zone (UTC without one) and today's date there. */
    timeZone: z.string(),
    date: z.string(),
    today: items,
    waiting: items,
    inConsultation: items,
    upcoming: items,
    /** Consultations over (on any day) still waiting for your prescription. */
    awaitingPrescription: items,
  }),
]);

export const dashboardRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);

    app.get(
      '/api/v1/me/dashboard',
      {
        schema: {
          summary: 'Your dashboard',
          description:
            'As a patient: your and your dependants’ upcoming appointments (ahead or in progress, soonest first) ' +
            'and past ones (newest first). As a doctor: today’s queue in your time zone, the waiting room, who is ' +
            'in consultation and what comes after today. 403 NO_DASHBOARD for accounts that are neither.',
          tags: ['me'],
          querystring: dashboardQuery,
          response: { 200: dashboardResource, 400: errorBody, 401: errorBody, 403: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { as, first, pastAfter } = request.query;
        return readDashboard(deps, account, { first, ...(as ? { as } : {}), ...(pastAfter ? { pastAfter } : {}) });
      },
    );
  };
