/** What the identity services need, resolved once per app from ApiDeps (adapters default to local). */
import type pg from 'pg';
import { createLocalMailer } from '../../activities/adapters/local-mailer.js';
import { createLocalVerification } from '../../activities/adapters/local-verification.js';
import type { MailerPort } from '../../activities/ports/mailer.js';
import type { VerificationPort } from '../../activities/ports/verification.js';
import type { EventStore } from '../../eventstore/event-store.js';
import type { ApiDeps } from '../deps.js';

export interface AuthDeps {
  readonly pool: pg.Pool;
  readonly eventStore: EventStore;
  readonly masterKey: Buffer;
  readonly now: () => Date;
  readonly mailer: MailerPort;
  readonly verification: VerificationPort;
  readonly publicWebUrl: string;
  readonly appEnv: ApiDeps['appEnv'];
}

const resolved = new WeakMap<ApiDeps, AuthDeps>();

export function authDepsFrom(deps: ApiDeps): AuthDeps {
  let auth = resolved.get(deps);
  if (!auth) {
    const now = deps.now ?? (() => new Date());
    auth = {
      pool: deps.pool,
      eventStore: deps.eventStore,
      masterKey: deps.masterKey,
      now,
      mailer: deps.mailer ?? createLocalMailer({ pool: deps.pool, now }),
      verification: deps.verification ?? createLocalVerification({ pool: deps.pool, now }),
      publicWebUrl: (deps.publicWebUrl ?? 'http://127.0.0.1:5173').replace(/\/+$/, ''),
      appEnv: deps.appEnv,
    };
    resolved.set(deps, auth);
  }
  return auth;
}
