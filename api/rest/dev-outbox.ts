/**
 * GET /api/v1/dev/outbox: what the local mailer, the local verification adapter and the local
 * notifications adapter "sent", so a developer can click the email link, read the SMS code or open
 * a calendar invitation (GET …/:id/attachments/:index). Registered outside production only
 * (api/rest/identity.ts), never behind a flag that production could flip.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readDevOutbox, readDevOutboxAttachment } from '../../activities/adapters/dev-outbox.js';
import { notFound } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';

const outboxAttachment = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  /** Downloads the attachment's bytes. */
  url: z.string(),
  /** The content itself for text attachments (a calendar invitation), so it can be read inline. */
  text: z.string().optional(),
});

const outboxMessage = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  attachments: z.array(outboxAttachment),
  createdAt: z.string(),
});

const attachmentUrl = (messageId: number, index: number) => `/api/v1/dev/outbox/${messageId}/attachments/${index}`;
const isText = (contentType: string) => contentType.startsWith('text/');

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
        const items = [];
        for (const m of messages) {
          const attachments = [];
          for (const [index, a] of m.attachments.entries()) {
            const text = isText(a.contentType)
              ? (await readDevOutboxAttachment(deps.pool, m.id, index))?.content.toString('utf8')
              : undefined;
            attachments.push({ ...a, url: attachmentUrl(m.id, index), ...(text === undefined ? {} : { text }) });
          }
          items.push({ ...m, id: String(m.id), attachments, createdAt: m.createdAt.toISOString() });
        }
        return { items };
      },
    );

    app.get(
      '/api/v1/dev/outbox/:id/attachments/:index',
      {
        config: { allowWithoutMfa: true },
        schema: {
          summary: 'Development only: one attachment of a dev outbox message (a calendar invitation …)',
          tags: ['development'],
          params: z.object({ id: z.coerce.number().int().min(1), index: z.coerce.number().int().min(0).max(20) }),
          response: { 200: z.instanceof(Buffer).describe('The attachment, with its own Content-Type'), 404: errorBody },
        },
      },
      async (request, reply) => {
        const attachment = await readDevOutboxAttachment(deps.pool, request.params.id, request.params.index);
        if (!attachment) throw notFound('ATTACHMENT_NOT_FOUND', 'There is no such attachment.');
        const filename = attachment.filename.replace(/[^A-Za-z0-9._-]/g, '_');
        return reply
          .header('content-type', attachment.contentType)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(attachment.content);
      },
    );
  };
