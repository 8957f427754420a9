// See https://svelte.dev/docs/kit/types#app.d.ts
import type { ApiClient } from '$lib/server/api-client';
import type { AuthStatus } from '$lib/server/identity-schemas';

declare global {
  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      /** Calls the API as the signed-in account (or anonymously), renewing the session when needed. */
      api: ApiClient;
      /** The signed-in account as the API describes it; null for a visitor. */
      session: AuthStatus | null;
      /** Set when session cookies exist but the API could not confirm them (it is down or failing). */
      sessionUnavailable: string | null;
    }
  }
}

export {};
