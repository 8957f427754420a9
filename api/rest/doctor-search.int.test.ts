/**
 * Public search, profiles, slots and the booking guard, against doctors set up through the API
 * and the `doctors` projection. Each test names its doctors with a word of its own and searches
 * for it, so tests never see each other's rows.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEEKDAYS } from '../../domain/availability/index.js';
import { assertDoctorBookable } from '../../projections/doctors/doctor-bookability.js';
import { searchDoctors, type SearchCursor } from '../../projections/doctors/doctor-search-queries.js';
import { aService } from '../../tests/fixtures/doctors.js';
import { anActor } from '../../tests/support/auth.js';
import {
  givenPractice,
  givenVerifiedDoctor,
  verificationReaches,
  type TestDoctor,
} from '../../tests/support/doctors.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

const word = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
type Card = {
  id: string;
  displayName: string;
  nextAvailableAt: string | null;
  firstSlotOnDay: string | null;
  methods: unknown[];
};
type Page = {
  items: Card[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean; rankedAmong: number | null };
};

async function search(query: Record<string, string | number>): Promise<Page> {
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  const response = await platform.app.inject({ method: 'GET', url: `/api/v1/doctors?${qs}` });
  if (response.statusCode !== 200) throw new Error(`search answered ${response.statusCode}: ${response.body}`);
  return response.json<Page>();
}
const ids = (page: Page) => page.items.map((item) => item.id);

/** Waits until the projection shows `expected` doctors for the word. */
const settled = (tag: string, expected: number) =>
  eventually(
    async () => ((await search({ q: tag })).items.length === expected ? true : undefined),
    15_000,
    'the projection',
  );

async function bookedAppointment(doctorId: string, serviceId: string, startsAt: string): Promise<void> {
  await platform.db.pool.query(
    `INSERT INTO appointments (id, patient_id, booked_by, doctor_id, service_id, service_name, method, starts_at,
       ends_at, fee_amount_minor, fee_currency, policy, status, requested_at, stream_revision, updated_at)
     VALUES ($1, $2, $2, $3, $4, 'Consultation', 'video', $5, $5::timestamptz + interval '30 minutes', 0, 'MZN',
       '{}', 'pending_payment', now(), 0, now())`,
    [randomUUID(), randomUUID(), doctorId, serviceId, startsAt],
  );
}

/** The UTC calendar date `days` from now, and its weekday. */
function dateAhead(days: number) {
  const at = new Date(Date.now() + days * 86_400_000);
  return { date: at.toISOString().slice(0, 10), weekday: WEEKDAYS[(at.getUTCDay() + 6) % 7]! };
}
const shiftDate = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A Kolkata doctor who works one hour a week, 08:00–09:00 on `weekday` (02:30–03:30Z): two 30-minute slots. */
const oneHourAWeek = (tag: string, weekday: (typeof WEEKDAYS)[number], name = 'Dr. Early') =>
  givenVerifiedDoctor(platform.app, {
    profile: { practiceName: `Early ${tag}`, displayName: name },
    availability: { timeZone: 'Asia/Kolkata', weekly: [{ weekday, start: '08:00', end: '09:00' }] },
    services: [aService({ methods: ['video'] })],
  });

/** What booking writes in the request itself: a held seat in slot_reservations. */
async function heldSeat(doctor: TestDoctor, startsAt: string): Promise<void> {
  await platform.db.pool.query(
    `INSERT INTO slot_reservations (id, doctor_id, service_id, starts_at, ends_at, status, created_at)
     VALUES ($1, $2, $3, $4, $4::timestamptz + interval '30 minutes', 'held', now())`,
    [randomUUID(), doctor.accountId, doctor.serviceIds[0], startsAt],
  );
}

describe('doctor search', () => {
  it('finds only verified, online, unsuspended doctors, with typo-tolerant free text', async () => {
    const tag = word();
    const profile = (name: string, specializationIds = ['cardiology']) => ({
      displayName: name,
      practiceName: `Heart clinic ${tag}`,
      specializationIds,
    });
    const verified = await givenVerifiedDoctor(platform.app, { profile: profile('Dr. Verified') });
    await givenPractice(platform.app, { profile: profile('Dr. Unverified') });
    const offline = await givenVerifiedDoctor(platform.app, { profile: profile('Dr. Offline'), online: false });
    const suspended = await givenVerifiedDoctor(platform.app, { profile: profile('Dr. Suspended') });
    await platform.app.inject({
      method: 'POST',
      url: `/api/v1/admin/doctor-applications/${suspended.accountId}/decision`,
      headers: (await anActor(['admin'])).headers,
      payload: { decision: 'suspend', reason: { code: 'complaint_under_investigation' } },
    });
    const other = await givenVerifiedDoctor(platform.app, { profile: profile('Dr. Skin', ['dermatology']) });
    await verificationReaches(platform.db.pool, suspended.accountId, 'suspended');
    await settled(tag, 2);

    expect(ids(await search({ q: `cardiolgy ${tag}` }))).toEqual([verified.accountId]);
    expect(ids(await search({ q: `dermatolgy ${tag}` }))).toEqual([other.accountId]);
    expect(ids(await search({ q: `verifed ${tag}` }))).toEqual([verified.accountId]);
    expect(ids(await search({ q: tag, specialization: 'dermatology' }))).toEqual([other.accountId]);
    expect(ids(await search({ q: tag })).sort()).toEqual([verified.accountId, other.accountId].sort());
    expect(ids(await search({ q: tag }))).not.toContain(offline.accountId);

    expect(
      (await platform.app.inject({ method: 'GET', url: `/api/v1/doctors/${verified.accountId}` })).json(),
    ).toMatchObject({
      id: verified.accountId,
      displayName: 'Dr. Verified',
      specializations: [{ id: 'cardiology', name: 'Cardiology' }],
      services: [{ name: 'General consultation (30 min)' }],
      online: true,
    });
    for (const hidden of [suspended.accountId, randomUUID()]) {
      const response = await platform.app.inject({ method: 'GET', url: `/api/v1/doctors/${hidden}` });
      expect(response.statusCode).toBe(404);
    }
  });

  it('filters by language, method, fee range in a currency, rating and a slot within N days', async () => {
    const tag = word();
    const maputo = await givenVerifiedDoctor(platform.app, {
      profile: { practiceName: `Maputo ${tag}`, languages: ['pt-MZ', 'en'] },
      methods: [{ method: 'video', fee: { amountMinor: 150_000, currency: 'MZN' } }],
      services: [aService({ methods: ['video'] })],
    });
    const kolkata = await givenVerifiedDoctor(platform.app, {
      profile: { practiceName: `Kolkata ${tag}`, languages: ['hi', 'en'] },
      availability: { timeZone: 'Asia/Kolkata' },
      methods: [
        { method: 'chat', fee: { amountMinor: 50_000, currency: 'INR' } },
        { method: 'in_person', fee: { amountMinor: 90_000, currency: 'INR' } },
      ],
      services: [aService({ methods: ['chat', 'in_person'] })],
    });
    const away = await givenVerifiedDoctor(platform.app, {
      profile: { practiceName: `Away ${tag}`, languages: ['pt-PT'] },
      methods: [{ method: 'video', fee: { amountMinor: 300_000, currency: 'MZN' } }],
      services: [aService({ methods: ['video'] })],
    });
    // Away for the next ten days: no slot within a week.
    const now = Date.now();
    await platform.app.inject({
      method: 'POST',
      url: '/api/v1/doctors/me/blocked-times',
      headers: away.headers,
      payload: {
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 10 * 86_400_000).toISOString(),
        reason: 'vacation',
      },
    });
    await settled(tag, 3);
    await eventually(
      async () => ((await search({ q: tag, availableWithinDays: 7 })).items.length === 2 ? true : undefined),
      15_000,
      'the blocked time',
    );

    expect(ids(await search({ q: tag, language: 'pt' })).sort()).toEqual([maputo.accountId, away.accountId].sort());
    expect(ids(await search({ q: tag, language: 'hi' }))).toEqual([kolkata.accountId]);
    expect(ids(await search({ q: tag, method: 'in_person' }))).toEqual([kolkata.accountId]);
    expect(ids(await search({ q: tag, currency: 'MZN', minFee: 100_000, maxFee: 200_000 }))).toEqual([
      maputo.accountId,
    ]);
    expect(ids(await search({ q: tag, currency: 'INR', maxFee: 60_000 }))).toEqual([kolkata.accountId]);
    expect(ids(await search({ q: tag, currency: 'INR', maxFee: 60_000, method: 'in_person' }))).toEqual([]);
    expect(ids(await search({ q: tag, currency: 'MZN', sort: 'fee' }))).toEqual([maputo.accountId, away.accountId]);
    expect(ids(await search({ q: tag, minRating: 1 }))).toEqual([]); // no reviews yet: every rating is 0
    expect(ids(await search({ q: tag, availableWithinDays: 7 })).sort()).toEqual(
      [maputo.accountId, kolkata.accountId].sort(),
    );
    const byNext = await search({ q: tag, sort: 'next_available' });
    expect(byNext.items.at(-1)?.id).toBe(away.accountId);
    const times = byNext.items.map((item) => item.nextAvailableAt ?? '~');
    expect(times).toEqual([...times].sort());

    const bad = await platform.app.inject({ method: 'GET', url: `/api/v1/doctors?q=${tag}&minFee=100` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });

  it('pages through results with an opaque cursor, in every sort, without repeats or gaps', async () => {
    const tag = word();
    const doctors: TestDoctor[] = [];
    for (let i = 0; i < 5; i += 1) {
      doctors.push(
        await givenVerifiedDoctor(platform.app, {
          profile: { practiceName: `Paged ${tag}`, displayName: `Dr. Page ${i}` },
          methods: [{ method: 'video', fee: { amountMinor: 100_000 + (i % 2) * 1_000, currency: 'MZN' } }],
          services: [aService({ methods: ['video'] })],
        }),
      );
    }
    await settled(tag, 5);
    for (const sort of ['relevance', 'fee', 'rating', 'next_available']) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 10; pages += 1) {
        const query: Record<string, string | number> = { q: tag, first: 2, sort, currency: 'MZN' };
        if (after) query.after = after;
        const page = await search(query);
        seen.push(...ids(page));
        after = page.pageInfo.endCursor;
        if (!page.pageInfo.hasNextPage) break;
      }
      expect([sort, seen.sort()]).toEqual([sort, doctors.map((d) => d.accountId).sort()]);
    }
    const wrongSort = await search({ q: tag, first: 2 });
    const response = await platform.app.inject({
      method: 'GET',
      url: `/api/v1/doctors?q=${tag}&sort=rating&after=${wrongSort.pageInfo.endCursor}`,
    });
    expect(response.json()).toMatchObject({ error: { code: 'INVALID_CURSOR' } });
  });
});

describe('doctor search by a date in the searcher’s time zone', () => {
  it('finds a doctor with a free slot starting within that local day, and not once it is booked', async () => {
    const tag = word();
    const day = dateAhead(5);
    const dayBefore = shiftDate(day.date, -1);
    const doctor = await oneHourAWeek(tag, day.weekday);
    await settled(tag, 1);

    // 08:00 in Kolkata is 02:30Z on that date: the same date in UTC, the evening before in New York.
    const on = (date: string, timeZone?: string) =>
      search({ q: tag, availableOn: date, ...(timeZone ? { timeZone } : {}) });
    const found = await on(day.date);
    expect(ids(found)).toEqual([doctor.accountId]);
    expect(found.items[0]?.nextAvailableAt).toBe(`${day.date}T02:30:00.000Z`);
    expect(found.items[0]?.firstSlotOnDay).toBe(`${day.date}T02:30:00.000Z`);
    expect(ids(await on(day.date, 'UTC'))).toEqual([doctor.accountId]);
    expect(ids(await on(dayBefore))).toEqual([]);
    expect(ids(await on(day.date, 'America/New_York'))).toEqual([]);
    expect(ids(await on(dayBefore, 'America/New_York'))).toEqual([doctor.accountId]);
    expect(ids(await on(day.date, 'Asia/Kolkata'))).toEqual([doctor.accountId]);
    expect(ids(await search({ q: tag, availableOn: day.date, sort: 'next_available' }))).toEqual([doctor.accountId]);

    // Two weeks on, the card shows that day's first free slot, not the sooner next one; holding it moves it.
    const later = shiftDate(day.date, 14);
    const slotsOn = async (date: string) =>
      (await on(date)).items.map(({ nextAvailableAt, firstSlotOnDay }) => ({ nextAvailableAt, firstSlotOnDay }));
    expect(await slotsOn(later)).toEqual([
      { nextAvailableAt: `${day.date}T02:30:00.000Z`, firstSlotOnDay: `${later}T02:30:00.000Z` },
    ]);
    await heldSeat(doctor, `${later}T02:30:00.000Z`);
    expect(await slotsOn(later)).toEqual([
      { nextAvailableAt: `${day.date}T02:30:00.000Z`, firstSlotOnDay: `${later}T03:00:00.000Z` },
    ]);
    expect((await search({ q: tag })).items[0]?.firstSlotOnDay).toBeNull();

    // Booking writes slot_reservations in the request: the search sees it at once, no projector involved.
    await heldSeat(doctor, `${day.date}T02:30:00.000Z`);
    expect((await on(day.date)).items.map((item) => item.firstSlotOnDay)).toEqual([`${day.date}T03:00:00.000Z`]);
    await heldSeat(doctor, `${day.date}T03:00:00.000Z`);
    expect(ids(await on(day.date))).toEqual([]);
    expect((await search({ q: tag })).items[0]?.nextAvailableAt).toBe(`${shiftDate(day.date, 7)}T02:30:00.000Z`);

    const invalid: Array<Record<string, string>> = [
      { availableOn: '2026-02-30' },
      { availableOn: '12/03/2026' },
      { availableOn: day.date, timeZone: 'Mars/Olympus_Mons' },
      { availableOn: day.date, timeZone: '+05:30' },
    ];
    for (const bad of invalid) {
      const response = await platform.app.inject({
        method: 'GET',
        url: `/api/v1/doctors?${new URLSearchParams({ q: tag, ...bad }).toString()}`,
      });
      expect([bad, response.statusCode, response.json()]).toMatchObject([
        bad,
        400,
        { error: { code: 'VALIDATION_FAILED' } },
      ]);
    }
  });

  it('bounds the live-slot work per request and keeps paging exact, short pages included', async () => {
    const tag = word();
    const day = dateAhead(5);
    const other = WEEKDAYS[(WEEKDAYS.indexOf(day.weekday) + 2) % 7]!;
    const doctors: TestDoctor[] = [];
    for (const [i, weekday] of [day.weekday, other, other, day.weekday, other].entries()) {
      doctors.push(await oneHourAWeek(tag, weekday, `Dr. Bound ${i}`));
    }
    await settled(tag, 5);
    const working = [doctors[0]!, doctors[3]!].map((d) => d.accountId).sort();
    const base = { q: tag, first: 10, now: new Date(), liveSlotCandidates: 2 } as const;

    // A slot filter under a SQL sort examines two doctors per request: short pages, then everyone found once.
    const seen: string[] = [];
    let after: SearchCursor | undefined;
    for (let requests = 1; ; requests += 1) {
      const page = await searchDoctors(platform.db.pool, {
        ...base,
        sort: 'relevance',
        availableOn: { date: day.date, timeZone: 'UTC' },
        ...(after ? { after } : {}),
      });
      expect(page.hits.length).toBeLessThanOrEqual(2);
      seen.push(...page.hits.map((hit) => hit.row.doctorId));
      if (!page.hasNextPage) {
        expect(requests).toBe(3); // 5 doctors, 2 examined per request
        break;
      }
      after = page.endCursor ?? undefined;
    }
    expect(seen.sort()).toEqual(working);

    // sort=next_available ranks only the best `liveSlotCandidates` matches, and says so.
    const best = (await searchDoctors(platform.db.pool, { ...base, sort: 'relevance' })).hits.map(
      (h) => h.row.doctorId,
    );
    const ranked = await searchDoctors(platform.db.pool, { ...base, sort: 'next_available', liveSlotCandidates: 3 });
    expect(ranked.rankedAmong).toBe(3);
    expect(ranked.hits.map((hit) => hit.row.doctorId).sort()).toEqual(best.slice(0, 3).sort());
    const times = ranked.hits.map((hit) => hit.nextAvailableAt ?? '~');
    expect(times).toEqual([...times].sort());
    const all = await searchDoctors(platform.db.pool, { ...base, sort: 'next_available', liveSlotCandidates: 5 });
    expect(all.rankedAmong).toBeUndefined();
    expect(all.hits).toHaveLength(5);
    expect((await search({ q: tag, sort: 'next_available' })).pageInfo.rankedAmong).toBeNull();
  });
});

describe('doctor slots and the booking guard', () => {
  it('serves slots as instants, with wall-clock times on request, minus booked appointments', async () => {
    const doctor = await givenVerifiedDoctor(platform.app);
    const [serviceId] = doctor.serviceIds;
    const url = (query: string) => `/api/v1/doctors/${doctor.accountId}/slots?${query}`;
    const first = await eventually(
      async () => {
        const response = await platform.app.inject({ method: 'GET', url: url('tz=America/New_York') });
        return response.statusCode === 200 ? response.json<{ slots: Array<Record<string, string>> }>() : undefined;
      },
      15_000,
      'the doctor to be verified in the read model',
    );
    expect(first).toMatchObject({ doctorId: doctor.accountId, serviceId, timeZone: 'Africa/Maputo' });
    const slot = first.slots[0]!;
    // Maputo is UTC+2 all year; 09:00 there is 07:00Z, and New York is 5 or 4 hours behind UTC.
    expect(slot.startsAt).toMatch(/T(0[7-9]|1[0-4]):(00|30):00\.000Z$/);
    expect(slot.utcOffset).toMatch(/^-0[45]:00$/);
    expect(slot.local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

    await bookedAppointment(doctor.accountId, serviceId!, slot.startsAt!);
    const after = (await platform.app.inject({ method: 'GET', url: url('') })).json<{
      slots: Array<{ startsAt: string }>;
    }>();
    expect(after.slots.map((s) => s.startsAt)).not.toContain(slot.startsAt);

    const unknownService = await platform.app.inject({ method: 'GET', url: url(`serviceId=${randomUUID()}`) });
    expect(unknownService.statusCode).toBe(404);
    const tooLong = await platform.app.inject({
      method: 'GET',
      url: url(`from=2030-01-01T00:00:00Z&to=2030-03-01T00:00:00Z`),
    });
    expect(tooLong.json()).toMatchObject({ error: { code: 'INVALID_RANGE' } });
  });

  it('refuses phantom availability: unverified or offline doctors, unknown services, wrong methods, non-slots', async () => {
    const doctor = await givenVerifiedDoctor(platform.app, {
      services: [aService({ methods: ['video'] })],
    });
    const [serviceId] = doctor.serviceIds as [string];
    const slots = await eventually(
      async () => {
        const response = await platform.app.inject({ method: 'GET', url: `/api/v1/doctors/${doctor.accountId}/slots` });
        return response.statusCode === 200 ? response.json<{ slots: Array<{ startsAt: string }> }>().slots : undefined;
      },
      15_000,
      'the read model',
    );
    const free = slots[0]!.startsAt;
    const pool = platform.db.pool;
    await expect(assertDoctorBookable(pool, doctor.accountId, serviceId, 'video', free)).resolves.toMatchObject({
      endsAt: new Date(Date.parse(free) + 30 * 60_000).toISOString(),
    });
    const refusals: Array<[string, () => Promise<unknown>, string]> = [
      [
        'unknown doctor',
        () => assertDoctorBookable(pool, randomUUID(), serviceId, 'video', free),
        'DOCTOR_NOT_BOOKABLE',
      ],
      [
        'unknown service',
        () => assertDoctorBookable(pool, doctor.accountId, randomUUID(), 'video', free),
        'SLOT_UNAVAILABLE',
      ],
      [
        'method not allowed',
        () => assertDoctorBookable(pool, doctor.accountId, serviceId, 'chat', free),
        'SLOT_UNAVAILABLE',
      ],
      [
        'off the grid',
        () =>
          assertDoctorBookable(
            pool,
            doctor.accountId,
            serviceId,
            'video',
            new Date(Date.parse(free) + 60_000).toISOString(),
          ),
        'SLOT_UNAVAILABLE',
      ],
      [
        'at 03:00 in Maputo',
        () => assertDoctorBookable(pool, doctor.accountId, serviceId, 'video', `${free.slice(0, 10)}T01:00:00.000Z`),
        'SLOT_UNAVAILABLE',
      ],
      [
        'in the past',
        () => assertDoctorBookable(pool, doctor.accountId, serviceId, 'video', '2020-01-06T07:00:00.000Z'),
        'SLOT_UNAVAILABLE',
      ],
    ];
    for (const [name, attempt, code] of refusals) {
      await expect(attempt(), name).rejects.toMatchObject({ kind: 'rule_violation', code });
    }
    await bookedAppointment(doctor.accountId, serviceId, free);
    await expect(assertDoctorBookable(pool, doctor.accountId, serviceId, 'video', free)).rejects.toMatchObject({
      code: 'SLOT_UNAVAILABLE',
    });

    const unverified = await givenPractice(platform.app);
    const offline = await givenVerifiedDoctor(platform.app, { online: false });
    for (const other of [unverified, offline]) {
      await expect(
        assertDoctorBookable(pool, other.accountId, other.serviceIds[0]!, 'video', free),
      ).rejects.toMatchObject({ code: 'DOCTOR_NOT_BOOKABLE' });
    }
  });
});
