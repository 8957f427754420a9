/**
 * Seeds demo data once per database, through the public API so it travels the same path as a
 * user's request (workflow → event store → projection).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { issueAccessToken } from '../../api/auth/tokens.js';
import { DEMO } from './demo-data.js';
import { approveLocalCheckout } from './local-checkout-client.js';

const SEED_NAME = 'demo-v1';

export async function seedDemoData(options: {
  pool: pg.Pool;
  apiUrl: string;
  now: Date;
  /** Signs the demo patient's access token: booking needs a signed-in patient (the demo account must exist). */
  masterKey: Buffer;
  log: (line: string) => void;
}): Promise<boolean> {
  const { rowCount } = await options.pool.query('SELECT 1 FROM seed_runs WHERE name = $1', [SEED_NAME]);
  if (rowCount) return false;
  const { token } = await issueAccessToken(options.masterKey, {
    kind: 'account',
    accountId: DEMO.patientId,
    roles: ['patient'],
    mfa: false,
    sessionId: randomUUID(),
  });
  const requests = [1, 2, 3].map((days, index) => ({
    patientId: DEMO.patientId,
    doctorId: DEMO.doctorId,
    serviceId: DEMO.serviceId,
    method: (['video', 'voice', 'chat'] as const)[index],
    startsAt: new Date(
      Date.UTC(options.now.getUTCFullYear(), options.now.getUTCMonth(), options.now.getUTCDate() + days, 9 + index, 0),
    ).toISOString(),
  }));
  for (const [index, request] of requests.entries()) {
    const response = await fetch(`${options.apiUrl}/api/v1/appointments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `${SEED_NAME}-${index}`,
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(request),
    });
    if (!response.ok)
      throw new Error(
        `Seeding failed: POST /api/v1/appointments answered ${response.status}: ${await response.text()}`,
      );
    // The first two are paid through the local test checkout, as a patient would; the last awaits payment.
    const booked = (await response.json()) as { checkoutUrl?: string | null; next?: string | null };
    if (index < 2 && booked.next === 'pay' && booked.checkoutUrl) await approveLocalCheckout(booked.checkoutUrl);
    options.log(`  seeded appointment ${index + 1}/${requests.length}`);
  }
  await options.pool.query('INSERT INTO seed_runs (name) VALUES ($1) ON CONFLICT DO NOTHING', [SEED_NAME]);
  return true;
}

/** Waits until the projector has published the demo doctor (seeded bookings need real slots). */
export async function waitForDemoDoctor(apiUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/api/v1/doctors/${DEMO.doctorId}`).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('The demo doctor did not reach the search read model in time; check the projector output above.');
}
