/** The payments ledger for finance: money in and out, oldest first. No health data in it. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readsLedger } from '../../domain/access/policy.js';
import { DomainError, instant } from '../../domain/index.js';
import { listLedgerEntries } from '../../projections/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { cursorId, cursorInstant, decodeCursor, encodeCursor } from '../reads/cursors.js';

const query = z.strictObject({
  from: instant.optional().describe('Entries at or after this instant'),
  to: instant.optional().describe('Entries before this instant'),
  first: z.coerce.number().int().min(1).max(500).default(100),
  after: z.string().max(400).optional().describe('pageInfo.endCursor of the previous page'),
});

export const ledgerResource = z.object({
  items: z.array(
    z.object({
      eventId: z.uuid(),
      appointmentId: z.uuid(),
      paymentId: z.string(),
      kind: z.enum(['payment', 'refund']),
      /** The provider's event id (payments) or refund id (refunds). */
      reference: z.string(),
      /** Signed minor units: positive in, negative out. */
      amountMinor: z.number().int(),
      currency: z.string(),
      reason: z.string().nullable(),
      at: z.string(),
    }),
  ),
  pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
});

export const financeLedgerRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);

    app.get(
      '/api/v1/finance/ledger',
      {
        schema: {
          summary: 'The payments ledger (finance and admin)',
          description: 'One entry per payment received (+) and refund issued (−), oldest first.',
          tags: ['finance'],
          querystring: query,
          response: { 200: ledgerResource, 400: errorBody, 401: errorBody, 403: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        if (!readsLedger(account)) {
          throw new DomainError('forbidden', 'FINANCE_ONLY', 'Only finance and admin accounts can read the ledger.');
        }
        const { from, to, first, after } = request.query;
        const cursor = after
          ? decodeCursor(after, 'ledger', { at: cursorInstant, eventId: cursorId }, 'querystring.after')
          : undefined;
        const page = await listLedgerEntries(deps.pool, {
          first,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          ...(cursor ? { after: cursor } : {}),
        });
        return {
          items: page.entries,
          pageInfo: {
            endCursor: page.endCursor ? encodeCursor('ledger', { ...page.endCursor }) : null,
            hasNextPage: page.hasNextPage,
          },
        };
      },
    );
  };
