/**
 * GET /api/v1/dev/outbox: what the local mailer and the local verification adapter "sent", so a
 * developer can click the email link or read the SMS code. Registered outside production only
 * (api/rest/identity.ts), never behind a flag that production could flip.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDevOutbox } from '../../activities/adapters/dev-outbox.js';
import type { ApiDeps } from '../deps.js';

const outboxMessage = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});

export const devOutboxRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/dev/outbox',
      {
        config: { allowWithoutMfa: true },
        schema: {
          summary: 'Development only: the latest 50 emails and SMS the local adapters wrote',
          tags: ['development'],
          querystring: z.object({ recipient: z.string().trim().max(320).optional() }),
          response: { 200: z.object({ items: z.array(outboxMessage) }) },
        },
      },
      async (request) => {
        const messages = await readDevOutbox(deps.pool, { recipient: request.query.recipient || undefined, limit: 50 });
        return {
          items: messages.map((m) => ({ ...m, id: String(m.id), createdAt: m.createdAt.toISOString() })),
        };
      },
    );
  };
