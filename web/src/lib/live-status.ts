/**
 * Follows one appointment's status from the browser: server-sent events from this web server
 * (routes/appointments/[id]/live, which relays the API's GraphQL subscription), and, when those
 * cannot run, polling routes/appointments/[id]/status every few seconds. Either way `onChange`
 * fires once per status or revision it has not seen, and the page reloads its data.
 */

export interface StatusSnapshot {
  status: string;
  revision: number | null;
}

export type LiveMode = 'connecting' | 'live' | 'polling';

export interface WatchOptions {
  /** The page's own paths, e.g. `/appointments/<id>/live` and `/appointments/<id>/status`. */
  livePath: string;
  statusPath: string;
  /** What the page already shows: changes are relative to it. */
  initial: StatusSnapshot;
  onChange: (next: StatusSnapshot) => void;
  onMode?: (mode: LiveMode) => void;
  pollMs?: number;
}

export function isNewer(next: StatusSnapshot, seen: StatusSnapshot): boolean {
  if (next.revision !== null && seen.revision !== null) return next.revision > seen.revision;
  return next.status !== seen.status;
}

function readSnapshot(value: unknown): StatusSnapshot | null {
  if (!value || typeof value !== 'object') return null;
  const { status, revision } = value as { status?: unknown; revision?: unknown };
  if (typeof status !== 'string') return null;
  return { status, revision: typeof revision === 'number' ? revision : null };
}

/** How long the live connection may take to come up before polling fills in. */
const CONNECT_GRACE_MS = 8_000;

/**
 * Starts watching; the returned function stops everything (call it when the page goes). Polling
 * runs whenever the live connection is not up: before it comes up (after a grace period), while
 * the browser reconnects a dropped one, and for good once the server says it cannot run it.
 */
export function watchStatus(options: WatchOptions): () => void {
  const pollMs = options.pollMs ?? 4_000;
  let seen = options.initial;
  let stopped = false;
  let source: EventSource | null = null;
  let polling = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const consider = (value: unknown) => {
    const next = readSnapshot(value);
    if (!next || stopped || !isNewer(next, seen)) return;
    seen = next;
    options.onChange(next);
  };

  const poll = async () => {
    if (stopped || !polling) return;
    // A hidden tab does not need the news this second; it asks again when it comes back.
    if (document.visibilityState !== 'hidden') {
      try {
        const response = await fetch(options.statusPath, { headers: { accept: 'application/json' } });
        if (response.ok) consider(await response.json());
      } catch {
        // offline for a moment: the next round tries again
      }
    }
    if (!stopped && polling) timer = setTimeout(() => void poll(), pollMs);
  };

  const startPolling = () => {
    if (stopped || polling) return;
    polling = true;
    options.onMode?.('polling');
    void poll();
  };

  const stopPolling = () => {
    polling = false;
    clearTimeout(timer);
  };

  const giveUpLive = () => {
    source?.close();
    source = null;
    startPolling();
  };

  if (typeof EventSource === 'function') {
    options.onMode?.('connecting');
    source = new EventSource(options.livePath);
    const grace = setTimeout(startPolling, CONNECT_GRACE_MS);
    source.addEventListener('ready', () => {
      clearTimeout(grace);
      stopPolling();
      options.onMode?.('live');
    });
    source.addEventListener('status', (event) => {
      try {
        consider(JSON.parse((event as MessageEvent<string>).data));
      } catch {
        // a malformed event changes nothing
      }
    });
    source.addEventListener('unavailable', () => {
      clearTimeout(grace);
      giveUpLive();
    });
    // A dropped connection: the browser retries by itself (and the server then sends the current
    // state first); meanwhile, and for good after an HTTP error such as 401 or 503, polling covers.
    source.addEventListener('error', () => {
      clearTimeout(grace);
      if (source?.readyState === EventSource.CLOSED) giveUpLive();
      else startPolling();
    });
  } else {
    startPolling();
  }

  return () => {
    stopped = true;
    source?.close();
    stopPolling();
  };
}
