import { json } from '@sveltejs/kit';
import { readTokens } from '$lib/server/session/cookies';
import { relayStatusChanges } from '$lib/server/status-relay';
import type { StatusChange } from '$lib/server/lifecycle-schemas';
import type { RequestHandler } from './$types';

const HEARTBEAT_MS = 25_000;

/**
 * Live status of one appointment as server-sent events: `status` with the current state at once,
 * `ready` once the API's GraphQL subscription runs, then `status` for each change it reports, and
 * `unavailable` (then the end of the stream) when the subscription cannot run, so the page falls
 * back to polling /status. When the API ends the subscription because the access token expired,
 * the stream just ends: the browser reconnects and gets the current state first, so nothing is missed.
 * See lib/server/status-relay.ts for why the subscription runs here rather than in the browser.
 */
export const GET: RequestHandler = async ({ locals, params, cookies }) => {
  if (!locals.session) return json({ error: 'Log in again to follow this appointment.' }, { status: 401 });
  // Asking first also checks that this viewer may see the appointment at all.
  const current = await locals.api.lifecycle.status(params.id);
  if (!current.ok) {
    const status = current.status === 0 ? 503 : current.status === 404 ? 404 : 502;
    return json({ error: current.error.message }, { status });
  }
  const accessToken = readTokens(cookies).accessToken;
  const encoder = new TextEncoder();
  let stop = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          open = false;
        }
      };
      const close = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // the browser has gone already
        }
      };
      const sendStatus = (change: StatusChange) => write(`event: status\ndata: ${JSON.stringify(change)}\n\n`);

      write('retry: 5000\n\n');
      sendStatus({ ...current.data, id: params.id });
      heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      stop = await relayStatusChanges({
        apiBaseUrl: locals.api.baseUrl,
        accessToken,
        appointmentId: params.id,
        afterRevision: current.data.revision,
        onChange: sendStatus,
        onReady: () => write('event: ready\ndata: {}\n\n'),
        onEnd: (reason, renewable) => {
          // An expired token: end the stream without giving up, so the browser reconnects (after
          // `retry`) and this route subscribes again with the session the hooks renewed.
          if (!renewable) write(`event: unavailable\ndata: ${JSON.stringify({ reason })}\n\n`);
          close();
        },
      });
    },
    cancel() {
      clearInterval(heartbeat);
      stop();
    },
  });

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
};
