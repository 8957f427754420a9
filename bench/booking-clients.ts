/**
 * What the booking benchmark's clients do over HTTP, as people would: patients sign up, doctors
 * add a service, the public slots are read, and a checkout page is paid with its Approve button.
 * Each client has an address of its own (X-Forwarded-For), like browsers behind the web app.
 */
import { randomUUID } from 'node:crypto';
import { approveLocalCheckout } from '../scripts/lib/local-checkout-client.js';

export interface Caller {
  /** The client's address as the API sees it (X-Forwarded-For). */
  readonly address: string;
  readonly token?: string;
}

export interface Slot {
  readonly doctorId: string;
  readonly serviceId: string;
  readonly method: string;
  readonly startsAt: string;
}

export async function call<T>(
  url: string,
  caller: Caller,
  init: { method?: string; body?: unknown; expect?: number[] } = {},
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      'x-forwarded-for': caller.address,
      ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!(init.expect ?? [200, 201]).includes(response.status)) {
    throw new Error(
      `${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return {
    status: response.status,
    body: (text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T,
  };
}

/** A patient who signed up through the API, with the session it answered with. */
export async function signUpPatient(apiUrl: string, address: string): Promise<Caller> {
  const { body } = await call<{ session: { accessToken?: string } }>(
    `${apiUrl}/api/v1/auth/register`,
    { address },
    {
      method: 'POST',
      body: { email: `bench-${randomUUID()}@example.test`, password: 'Correct horse battery 2026!', role: 'patient' },
      expect: [201],
    },
  );
  const token = body.session.accessToken;
  if (!token) throw new Error('sign-up answered without an access token');
  return { address, token };
}

/** Polls until the projector has published the doctor (verification reaches search asynchronously). */
export async function waitForDoctor(
  apiUrl: string,
  caller: Caller,
  doctorId: string,
  ready: (doctor: PublicDoctor) => boolean = () => true,
): Promise<PublicDoctor> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { status, body } = await call<PublicDoctor>(`${apiUrl}/api/v1/doctors/${doctorId}`, caller, {
      expect: [200, 404],
    });
    if (status === 200 && ready(body)) return body;
    if (Date.now() > deadline)
      throw new Error(`doctor ${doctorId} did not reach the search read model (as expected) in 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface PublicDoctor {
  readonly id: string;
  readonly methods: ReadonlyArray<{ method: string; fee: { amountMinor: number; currency: string } }>;
  readonly services: ReadonlyArray<{
    id: string;
    name: string;
    methods: string[];
    feeOverride?: { amountMinor: number };
  }>;
}

/**
 * Free slots of one service, none overlapping another (a gap of 30 minutes covers any buffer the
 * demo practices keep), so that bookings taken from them never compete for the same time.
 */
export async function freeSlotsOf(
  apiUrl: string,
  caller: Caller,
  slot: Omit<Slot, 'startsAt'>,
  window: { from: Date; to: Date },
): Promise<Slot[]> {
  const query = new URLSearchParams({
    serviceId: slot.serviceId,
    method: slot.method,
    from: window.from.toISOString(),
    to: window.to.toISOString(),
  });
  const { body } = await call<{ slots: Array<{ startsAt: string; endsAt: string }> }>(
    `${apiUrl}/api/v1/doctors/${slot.doctorId}/slots?${query}`,
    caller,
  );
  const picked: Slot[] = [];
  let freeFrom = 0;
  for (const { startsAt, endsAt } of body.slots) {
    if (Date.parse(startsAt) < freeFrom) continue;
    picked.push({ ...slot, startsAt });
    freeFrom = Date.parse(endsAt) + 30 * 60_000;
  }
  return picked;
}

/** Round-robin over the doctors, so that consecutive bookings go to different doctors. */
export function interleave<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((list) => i < list.length); i += 1) {
    for (const list of lists) if (i < list.length) out.push(list[i]!);
  }
  return out;
}

/** Opens the checkout page the booking answered with and presses its Approve button. */
export async function approveCheckout(checkoutUrl: string, caller: Caller): Promise<void> {
  await approveLocalCheckout(checkoutUrl, { 'x-forwarded-for': caller.address });
}
