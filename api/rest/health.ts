import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';

const check = z.object({ status: z.enum(['ok', 'error']), latencyMs: z.number(), message: z.string().optional() });
const healthBody = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ postgres: check, temporal: check, eventStore: check }),
});

async function probe(run: () => Promise<unknown>, timeoutMs = 3_000): Promise<z.infer<typeof check>> {
  const started = performance.now();
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs)),
    ]);
    return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      status: 'error',
      latencyMs: Math.round(performance.now() - started),
      message: error instanceof Error ? error.message : String(error),
    };
  }
}

export const healthRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Liveness of PostgreSQL, Temporal and the event store',
          tags: ['health'],
          response: { 200: healthBody, 503: healthBody },
        },
      },
      async (_request, reply) => {
        const [postgres, temporal, eventStore] = await Promise.all([
          probe(() => deps.pool.query('SELECT 1')),
          probe(() => deps.temporal.client.connection.workflowService.getSystemInfo({})),
          probe(() => deps.eventStore.ping()),
        ]);
        const ok = [postgres, temporal, eventStore].every((c) => c.status === 'ok');
        return reply
          .code(ok ? 200 : 503)
          .send({ status: ok ? 'ok' : 'degraded', checks: { postgres, temporal, eventStore } });
      },
    );
  };
