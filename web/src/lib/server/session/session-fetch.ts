/**
 * A `fetch` for the API client that calls as the signed-in account: it adds
 * `Authorization: Bearer <access token>` and, when the API answers 401 SESSION_EXPIRED, renews
 * the session once and sends the same request again. Request bodies here are strings (JSON) or
 * FormData (uploads), never streams, so sending twice is safe.
 */
import type { SessionKeeper } from './session-keeper';

async function isExpiredAnswer(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  try {
    const body: unknown = await response.clone().json();
    const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
    return code === 'SESSION_EXPIRED';
  } catch {
    return false;
  }
}

function withBearer(init: RequestInit, accessToken: string | null): RequestInit {
  const headers = new Headers(init.headers);
  if (accessToken) headers.set('authorization', `Bearer ${accessToken}`);
  else headers.delete('authorization');
  return { ...init, headers };
}

export function createSessionFetch(keeper: SessionKeeper, baseFetch: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const response = await baseFetch(input, withBearer(init, keeper.accessToken));
    if (!keeper.canRenew || !(await isExpiredAnswer(response))) return response;
    const outcome = await keeper.renew();
    return outcome === 'renewed' ? baseFetch(input, withBearer(init, keeper.accessToken)) : response;
  };
}
