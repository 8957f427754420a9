import type { Cookies } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import type { TokenPair } from '../identity-schemas';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './cookies';
import { refreshOnce, type RefreshResult } from './refresh-once';
import { createSessionFetch } from './session-fetch';
import { createSessionKeeper } from './session-keeper';

/** A cookie jar with SvelteKit's Cookies shape, enough for the session code. */
function jar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const cookies = {
    get: (name: string) => values.get(name),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
  } as unknown as Cookies;
  return { cookies, values };
}

const url = new URL('http://web.test/appointments');
const pair = (n: number): TokenPair => ({
  accessToken: `access-${n}`,
  accessTokenExpiresAt: new Date(Date.now() + 900_000).toISOString(),
  refreshToken: `refresh-${n}`,
  refreshTokenExpiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  tokenType: 'Bearer',
});
const renewed = (n: number): RefreshResult => ({ ok: true, status: 200, data: { session: pair(n) } });
const refused: RefreshResult = {
  ok: false,
  status: 401,
  error: { code: 'REFRESH_TOKEN_REUSED', message: 'reused', details: [] },
};

const expired = () =>
  new Response(JSON.stringify({ error: { code: 'SESSION_EXPIRED', message: 'expired' } }), { status: 401 });
const authorizationOf = (init: RequestInit | undefined) => new Headers(init?.headers).get('authorization');

describe('session keeper', () => {
  it('stores a renewed pair in the cookies and uses it for the rest of the request', async () => {
    const { cookies, values } = jar({ [REFRESH_COOKIE]: 'refresh-0' });
    const keeper = createSessionKeeper({ cookies, url, refresh: async () => renewed(1) });
    expect(keeper.hadSession).toBe(true);
    expect(await keeper.renew()).toBe('renewed');
    expect(keeper.accessToken).toBe('access-1');
    expect(values.get(ACCESS_COOKIE)).toBe('access-1');
    expect(values.get(REFRESH_COOKIE)).toBe('refresh-1');
  });

  it('ends the session when the API refuses the refresh token', async () => {
    const { cookies, values } = jar({ [ACCESS_COOKIE]: 'access-0', [REFRESH_COOKIE]: 'refresh-0' });
    const keeper = createSessionKeeper({ cookies, url, refresh: async () => refused });
    expect(await keeper.renew()).toBe('refused');
    expect(keeper.ended).toBe(true);
    expect(keeper.accessToken).toBeNull();
    expect([...values.keys()]).toEqual([]);
  });

  it('keeps the cookies when the API cannot be reached', async () => {
    const { cookies, values } = jar({ [REFRESH_COOKIE]: 'refresh-0' });
    const unreachable: RefreshResult = {
      ok: false,
      status: 0,
      error: { code: 'API_UNREACHABLE', message: '', details: [] },
    };
    const keeper = createSessionKeeper({ cookies, url, refresh: async () => unreachable });
    expect(await keeper.renew()).toBe('unavailable');
    expect(values.get(REFRESH_COOKIE)).toBe('refresh-0');
  });

  it('renews at most once per request', async () => {
    const refresh = vi.fn(async () => renewed(1));
    const keeper = createSessionKeeper({ cookies: jar({ [REFRESH_COOKIE]: 'r' }).cookies, url, refresh });
    await Promise.all([keeper.renew(), keeper.renew()]);
    expect(keeper.canRenew).toBe(false);
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});

describe('session fetch', () => {
  it('sends the access token as a bearer token', async () => {
    const keeper = createSessionKeeper({
      cookies: jar({ [ACCESS_COOKIE]: 'access-0' }).cookies,
      url,
      refresh: async () => refused,
    });
    const baseFetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('{}'));
    await createSessionFetch(keeper, baseFetch)('http://api.test/x', { method: 'GET' });
    expect(authorizationOf(baseFetch.mock.calls[0]?.[1])).toBe('Bearer access-0');
  });

  it('renews once on SESSION_EXPIRED and sends the same request again with the new token', async () => {
    const { cookies } = jar({ [ACCESS_COOKIE]: 'access-0', [REFRESH_COOKIE]: 'refresh-0' });
    const keeper = createSessionKeeper({ cookies, url, refresh: async () => renewed(1) });
    const baseFetch = vi
      .fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('{"ok":true}'))
      .mockResolvedValueOnce(expired());
    const response = await createSessionFetch(keeper, baseFetch)('http://api.test/x', {
      method: 'POST',
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(baseFetch).toHaveBeenCalledTimes(2);
    expect(authorizationOf(baseFetch.mock.calls[1]?.[1])).toBe('Bearer access-1');
    expect(baseFetch.mock.calls[1]?.[1]?.body).toBe('{"a":1}');
  });

  it('passes other 401s through without renewing', async () => {
    const refresh = vi.fn(async () => renewed(1));
    const keeper = createSessionKeeper({
      cookies: jar({ [ACCESS_COOKIE]: 'a', [REFRESH_COOKIE]: 'r' }).cookies,
      url,
      refresh,
    });
    const other = new Response(JSON.stringify({ error: { code: 'INVALID_CREDENTIALS', message: 'no' } }), {
      status: 401,
    });
    const response = await createSessionFetch(keeper, async () => other)('http://api.test/login', {});
    expect(response.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('answers the original 401 when the refresh is refused', async () => {
    const keeper = createSessionKeeper({
      cookies: jar({ [ACCESS_COOKIE]: 'a', [REFRESH_COOKIE]: 'r' }).cookies,
      url,
      refresh: async () => refused,
    });
    const baseFetch = vi.fn(async () => expired());
    const response = await createSessionFetch(keeper, baseFetch)('http://api.test/x', {});
    expect(response.status).toBe(401);
    expect(baseFetch).toHaveBeenCalledTimes(1);
    expect(keeper.ended).toBe(true);
  });
});

describe('refreshOnce', () => {
  it('shares one refresh between requests that arrive with the same refresh token', async () => {
    const refresh = vi.fn(async () => renewed(7));
    const token = `shared-${Math.random()}`;
    const [first, second] = await Promise.all([refreshOnce(token, refresh), refreshOnce(token, refresh)]);
    const third = await refreshOnce(token, refresh);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(first).toBe(second);
    expect(third).toBe(first);
  });

  it('asks again after the grace period, and at once after an unreachable API', async () => {
    let clock = 0;
    const now = () => clock;
    const refresh = vi.fn(async () => renewed(1));
    const token = `grace-${Math.random()}`;
    await refreshOnce(token, refresh, now);
    clock = 60_000;
    await refreshOnce(token, refresh, now);
    expect(refresh).toHaveBeenCalledTimes(2);

    const down = vi.fn(async (): Promise<RefreshResult> => ({
      ok: false,
      status: 0,
      error: { code: 'X', message: '', details: [] },
    }));
    const other = `down-${Math.random()}`;
    await refreshOnce(other, down, now);
    await refreshOnce(other, down, now);
    expect(down).toHaveBeenCalledTimes(2);
  });
});
