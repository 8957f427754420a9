/**
 * Follows one appointment's `appointmentStatusChanged` GraphQL subscription on the API, speaking
 * the graphql-transport-ws protocol by hand, for the page's live updates (routes/appointments/
 * [id]/live). It runs here, not in the browser, because the browser holds no API token (the
 * session lives in this server's httpOnly cookies) and the page's CSP allows connections only to
 * this origin; the browser gets the changes as server-sent events from this server instead.
 *
 * The socket class is the runtime's WebSocket (Node 22 and later) or the `ws` package that the
 * API's GraphQL server already depends on. `ws` is preferred: only it can send the Authorization
 * header with the upgrade request; the token also travels in `connection_init` for servers that
 * read it there. Anything that goes wrong ends in `onEnd(reason)`; the page then polls instead.
 */
import { statusChangeSchema, type StatusChange } from './lifecycle-schemas.js';

interface SocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

type SocketConstructor = new (
  url: string,
  protocols: string | string[],
  options?: { headers?: Record<string, string> },
) => SocketLike;

const PROTOCOL = 'graphql-transport-ws';
const ACK_TIMEOUT_MS = 5_000;
const subscription = `subscription StatusChanged($id: ID!, $afterRevision: Int) {
  appointmentStatusChanged(id: $id, afterRevision: $afterRevision) { id status revision updatedAt }
}`;

let socketClass: Promise<SocketConstructor | null> | null = null;

/** Loaded once per process; null when neither is available (the page then polls). */
function loadSocketClass(): Promise<SocketConstructor | null> {
  socketClass ??= (async () => {
    try {
      // A variable specifier: bundlers leave it to Node's resolution at run time.
      const name = 'ws';
      const module = (await import(/* @vite-ignore */ name)) as { default?: SocketConstructor };
      if (module.default) return module.default;
    } catch {
      // not installed: fall back to the runtime's own
    }
    const native = (globalThis as { WebSocket?: unknown }).WebSocket;
    return typeof native === 'function' ? (native as SocketConstructor) : null;
  })();
  return socketClass;
}

export function subscriptionUrl(apiBaseUrl: string): string {
  return `${apiBaseUrl.replace(/^http/, 'ws')}/graphql`;
}

export interface RelayOptions {
  apiBaseUrl: string;
  accessToken: string | null;
  appointmentId: string;
  /** The revision already sent to the browser: a change made before the subscription started is pushed at once. */
  afterRevision: number | null;
  onChange: (change: StatusChange) => void;
  /** The API accepted the subscription: changes will arrive from now on. */
  onReady: () => void;
  /**
   * Called once, when the subscription cannot start or has ended. `renewable`: the API ended it
   * because the access token expired; a new subscription with the renewed session carries on.
   */
  onEnd: (reason: string, renewable: boolean) => void;
}

/** Starts following; the returned function stops (idempotent). */
export async function relayStatusChanges(options: RelayOptions): Promise<() => void> {
  const { onChange, onEnd } = options;
  const Socket = await loadSocketClass();
  if (!Socket) {
    onEnd('no WebSocket client available', false);
    return () => {};
  }
  const authorization = options.accessToken ? `Bearer ${options.accessToken}` : null;
  let ended = false;
  let socket: SocketLike;
  const finish = (reason: string, renewable = false) => {
    if (ended) return;
    ended = true;
    clearTimeout(ackTimer);
    try {
      socket.close(1000, 'done');
    } catch {
      // already closed
    }
    onEnd(reason, renewable);
  };
  const ackTimer = setTimeout(() => finish('the API did not acknowledge the subscription'), ACK_TIMEOUT_MS);

  try {
    socket = new Socket(
      subscriptionUrl(options.apiBaseUrl),
      PROTOCOL,
      authorization ? { headers: { authorization } } : {},
    );
  } catch (cause) {
    clearTimeout(ackTimer);
    onEnd(`could not open the socket (${cause instanceof Error ? cause.message : 'unknown error'})`, false);
    return () => {};
  }
  const send = (message: object) => socket.send(JSON.stringify(message));

  socket.onopen = () => send({ type: 'connection_init', payload: authorization ? { authorization } : {} });
  socket.onerror = () => finish('the socket failed');
  socket.onclose = (event) => finish(`the API closed the socket (${event.code ?? 'no code'})`);
  socket.onmessage = (event) => {
    const message = parse(event.data);
    if (!message) return;
    switch (message.type) {
      case 'connection_ack':
        clearTimeout(ackTimer);
        send({
          id: '1',
          type: 'subscribe',
          payload: {
            query: subscription,
            variables: { id: options.appointmentId, afterRevision: options.afterRevision },
          },
        });
        options.onReady();
        return;
      case 'ping':
        send({ type: 'pong' });
        return;
      case 'next': {
        const data = (message.payload as { data?: { appointmentStatusChanged?: unknown } } | undefined)?.data;
        const change = statusChangeSchema.safeParse(data?.appointmentStatusChanged);
        if (change.success) onChange(change.data);
        return;
      }
      case 'error':
        if (errorCode(message.payload) === 'SESSION_EXPIRED') finish('the access token expired', true);
        else finish('the API refused the subscription');
        return;
      case 'complete':
        finish('the API ended the subscription');
        return;
      default:
        return;
    }
  };
  return () => finish('stopped');
}

function parse(data: unknown): { type: string; payload?: unknown } | null {
  const text = typeof data === 'string' ? data : data instanceof Uint8Array ? new TextDecoder().decode(data) : null;
  if (!text) return null;
  try {
    const message: unknown = JSON.parse(text);
    return message && typeof message === 'object' && typeof (message as { type?: unknown }).type === 'string'
      ? (message as { type: string; payload?: unknown })
      : null;
  } catch {
    return null;
  }
}

/** The code of the first error in a graphql-transport-ws `error` message, if it has one. */
function errorCode(payload: unknown): string | undefined {
  const first: unknown = Array.isArray(payload) ? payload[0] : undefined;
  const extensions = first && typeof first === 'object' ? (first as { extensions?: unknown }).extensions : undefined;
  const code = extensions && typeof extensions === 'object' ? (extensions as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
