/**
 * The doctor practice reads in GraphQL answer what their REST routes answer, to the same caller,
 * and refuse or hide what REST refuses (401 and 403 as the same error codes, 404 as null).
 * Public reads depend on the clock (next available slot): each GraphQL answer is compared with
 * REST answers taken just before and just after it, and only when those two agree.
 */
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '../../domain/availability/index.js';
import { aService } from '../../tests/fixtures/doctors.js';
import { aPng } from '../../tests/fixtures/files.js';
import { anActor, type TestActor } from '../../tests/support/auth.js';
import { givenPractice, givenVerifiedDoctor, verificationReaches } from '../../tests/support/doctors.js';
import { documentsApi } from '../../tests/support/documents.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { auditStreamId } from '../audit.js';

let platform: TestPlatform;
let admin: TestActor;
let patient: TestActor;
beforeAll(async () => {
  platform = await startTestPlatform();
  admin = await anActor(['admin']);
  patient = await anActor(['patient']);
});
afterAll(async () => platform?.close());

interface Answer {
  data: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions: { code: string; details?: Array<{ path: string }> } }>;
}

async function gql(actor: TestActor | undefined, document: string, variables: object = {}): Promise<Answer> {
  const response = await platform.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: actor?.headers ?? {},
    payload: { query: document, variables },
  });
  return response.json<Answer>();
}

const rest = (actor: TestActor | undefined, url: string) =>
  platform.app.inject({ method: 'GET', url, headers: actor?.headers ?? {} });

/** GraphQL spells an absent optional field null, REST leaves it out: compare without either. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** The GraphQL field's answer, checked against REST's 200 answers before and after it. */
async function sameAsRest(
  actor: TestActor | undefined,
  url: string,
  document: string,
  variables: object,
  field: string,
): Promise<unknown> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = await rest(actor, url);
    const answer = await gql(actor, document, variables);
    const after = await rest(actor, url);
    expect(before.statusCode, before.body).toBe(200);
    expect(answer.errors).toBeUndefined();
    if (!isDeepStrictEqual(before.json(), after.json())) continue; // the clock moved a slot on: ask again
    expect(withoutNulls(answer.data?.[field])).toEqual(withoutNulls(before.json()));
    return answer.data?.[field];
  }
  throw new Error(`${url} kept changing its answer`);
}

/** GraphQL refuses with REST's error code, and the field is null. */
async function refusedAlike(actor: TestActor | undefined, url: string, document: string, field: string) {
  const viaRest = await rest(actor, url);
  expect(viaRest.statusCode).toBeGreaterThanOrEqual(400);
  const code = viaRest.json<{ error: { code: string } }>().error.code;
  const answer = await gql(actor, document);
  expect(answer.data?.[field] ?? null).toBeNull();
  expect(answer.errors?.map((error) => error.extensions.code)).toEqual([code]);
  return code;
}

const word = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const MONEY = 'amountMinor currency';
const CARD = `id displayName practiceName specializations { id name } languages yearsOfExperience
  methods { method fee { ${MONEY} } } rating reviewCount timeZone nextAvailableAt photoUrl`;
const SERVICE = `id name durationMinutes methods feeOverride { ${MONEY} } seats`;
const PROFILE = `displayName practiceName bio specializationIds yearsOfExperience languages
  licence { number issuingBody } education { degree institution year }`;
const APPLICATION = 'status escalated missing timeline { type at status reasonCode note }';

const SEARCH = `query($query: String, $method: String, $currency: String, $minFee: Int, $maxFee: Int,
    $availableOn: String, $timeZone: String, $sort: DoctorSort, $first: Int, $after: String) {
  doctors(query: $query, method: $method, currency: $currency, minFee: $minFee, maxFee: $maxFee,
    availableOn: $availableOn, timeZone: $timeZone, sort: $sort, first: $first, after: $after) {
    items { ${CARD} firstSlotOnDay } pageInfo { endCursor hasNextPage rankedAmong } }
}`;
const DOCTOR = `query($id: ID!) { doctor(id: $id) { ${CARD} bio licence { number issuingBody }
  education { degree institution year } services { ${SERVICE} } online
  cancellationPolicy { version fullRefundBeforeMs lateRefundPercent maxPatientReschedules } } }`;
const SLOTS = `query($id: ID!, $serviceId: ID, $method: String, $from: String, $to: String, $tz: String) {
  doctorSlots(id: $id, serviceId: $serviceId, method: $method, from: $from, to: $to, tz: $tz) {
    doctorId serviceId method timeZone from to slots { startsAt endsAt seatsLeft local utcOffset } } }`;
const MY_PRACTICE = `{ myPractice { doctorId revision profile { ${PROFILE} } specializations { id name retired } online
  availability { timeZone weekly { weekday start end } slotLengthMinutes bufferMinutes minimumNoticeMinutes maxDaysAhead }
  blockedTimes { id startsAt endsAt reason } methods { method fee { ${MONEY} } } services { ${SERVICE} } } }`;
const MY_APPLICATION = `{ myDoctorApplication { ${APPLICATION} } }`;
const QUEUE = `query($status: String, $waiting: Boolean, $first: Int) {
  doctorApplications(status: $status, waiting: $waiting, first: $first) {
    doctorId displayName status submittedAt waitingSince escalated lastDecisionAt lastReasonCode } }`;
const REVIEW = `query($id: ID!) { doctorApplication(id: $id) { doctorId ${APPLICATION} profile { ${PROFILE} }
  documents { id kind contentType sizeBytes uploadedAt } } }`;

const searchIds = async (q: string) =>
  (await rest(undefined, `/api/v1/doctors?q=${q}`)).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id);

async function decide(doctorId: string, decision: string, reason: object = { code: 'other' }) {
  const response = await platform.app.inject({
    method: 'POST',
    url: `/api/v1/admin/doctor-applications/${doctorId}/decision`,
    headers: admin.headers,
    payload: { decision, reason },
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('public doctor reads in GraphQL', () => {
  it('doctors answers REST search page by page, filters alike, and never lists an unverified doctor', async () => {
    const tag = word();
    const practice = (name: string, fee: number) => ({
      profile: { displayName: name, practiceName: `Clinic ${tag}` },
      methods: [{ method: 'video' as const, fee: { amountMinor: fee, currency: 'MZN' } }],
      services: [aService({ methods: ['video'] })],
    });
    await givenVerifiedDoctor(platform.app, practice('Dr. Alpha', 150_000));
    const cheap = await givenVerifiedDoctor(platform.app, practice('Dr. Beta', 90_000));
    await givenVerifiedDoctor(platform.app, practice('Dr. Gamma', 200_000));
    const unverified = await givenPractice(platform.app, practice('Dr. Unverified', 50_000));
    await eventually(async () => ((await searchIds(tag)).length === 3 ? true : undefined), 15_000, 'the projection');

    const first = (await sameAsRest(
      undefined,
      `/api/v1/doctors?q=${tag}&first=2`,
      SEARCH,
      { query: tag, first: 2 },
      'doctors',
    )) as {
      items: Array<{ id: string }>;
      pageInfo: { endCursor: string; hasNextPage: boolean };
    };
    expect(first.items).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const after = first.pageInfo.endCursor;
    const second = (await sameAsRest(
      undefined,
      `/api/v1/doctors?q=${tag}&first=2&after=${after}`,
      SEARCH,
      { query: tag, first: 2, after },
      'doctors',
    )) as { items: Array<{ id: string }> };
    expect(second.items).toHaveLength(1);
    const filtered = (await sameAsRest(
      undefined,
      `/api/v1/doctors?q=${tag}&method=video&currency=MZN&maxFee=100000&sort=fee`,
      SEARCH,
      { query: tag, method: 'video', currency: 'MZN', maxFee: 100_000, sort: 'fee' },
      'doctors',
    )) as { items: Array<{ id: string }> };
    expect(filtered.items.map((item) => item.id)).toEqual([cheap.accountId]);
    // A weekday a week ahead, on the Maputo wall clock: every doctor works weekdays there.
    const day = new Date(Date.now() + 7 * 86_400_000);
    day.setUTCDate(day.getUTCDate() + ((8 - day.getUTCDay()) % 7)); // the Monday on or after it
    const availableOn = day.toISOString().slice(0, 10);
    const onDay = (await sameAsRest(
      undefined,
      `/api/v1/doctors?q=${tag}&availableOn=${availableOn}&timeZone=Africa/Maputo&sort=next_available`,
      SEARCH,
      { query: tag, availableOn, timeZone: 'Africa/Maputo', sort: 'next_available' },
      'doctors',
    )) as { items: Array<{ id: string; nextAvailableAt: string; firstSlotOnDay: string }> };
    expect(onDay.items).toHaveLength(3);
    // Each card carries its first slot on that Maputo day (UTC+2) as well as its sooner next one.
    const { startsAt, endsAt } = localDayRange(availableOn, 'Africa/Maputo');
    for (const item of onDay.items) {
      expect(item.firstSlotOnDay >= startsAt && item.firstSlotOnDay < endsAt, item.firstSlotOnDay).toBe(true);
      expect(item.nextAvailableAt < startsAt, item.nextAvailableAt).toBe(true);
    }
    expect([...first.items, ...second.items].map((item) => item.id)).not.toContain(unverified.accountId);

    // Arguments are checked as REST checks its query string.
    expect((await rest(undefined, `/api/v1/doctors?q=${tag}&minFee=100`)).statusCode).toBe(400);
    const feeWithoutCurrency = await gql(undefined, SEARCH, { query: tag, minFee: 100 });
    expect(feeWithoutCurrency.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'currency' }],
    });
    const tooMany = await gql(undefined, SEARCH, { first: 51 });
    expect(tooMany.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
    const otherSort = await gql(undefined, SEARCH, { query: tag, sort: 'rating', after });
    expect(otherSort.errors?.[0]?.extensions.code).toBe('INVALID_CURSOR');
  });

  it('doctor answers the REST profile, and is null where REST answers 404: unverified, suspended, unknown', async () => {
    const tag = word();
    const verified = await givenVerifiedDoctor(platform.app, {
      profile: { displayName: 'Dr. Public', practiceName: `Clinic ${tag}` },
      services: [
        aService(),
        aService({ name: 'Group session', seats: 4, feeOverride: { amountMinor: 1, currency: 'MZN' } }),
      ],
    });
    const photo = await documentsApi(platform.app).uploaded(verified, 'photo', aPng());
    const unverified = await givenPractice(platform.app, { profile: { practiceName: `Clinic ${tag}` } });
    const suspended = await givenVerifiedDoctor(platform.app, { profile: { practiceName: `Clinic ${tag}` } });
    await decide(suspended.accountId, 'suspend', { code: 'complaint_under_investigation' });
    await verificationReaches(platform.db.pool, suspended.accountId, 'suspended');
    await eventually(
      async () => (isDeepStrictEqual(await searchIds(tag), [verified.accountId]) ? true : undefined),
      15_000,
      'the verified doctor in search',
    );

    const profile = await sameAsRest(
      undefined,
      `/api/v1/doctors/${verified.accountId}`,
      DOCTOR,
      { id: verified.accountId },
      'doctor',
    );
    expect(profile).toMatchObject({
      displayName: 'Dr. Public',
      photoUrl: `/api/v1/doctors/${verified.accountId}/photo?v=${photo.id}`,
      services: [{ seats: null }, { seats: 4 }],
    });

    for (const hidden of [unverified.accountId, suspended.accountId, randomUUID()]) {
      expect((await rest(undefined, `/api/v1/doctors/${hidden}`)).statusCode).toBe(404);
      expect(await gql(undefined, DOCTOR, { id: hidden })).toEqual({ data: { doctor: null } });
    }
    const hits = (await gql(undefined, SEARCH, { query: tag })).data?.doctors as { items: Array<{ id: string }> };
    expect(hits.items.map((item) => item.id)).toEqual([verified.accountId]);
    expect((await gql(undefined, DOCTOR, { id: 'not-a-uuid' })).errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('doctorSlots answers REST slots; null for no verified doctor, REST’s code for a bad service or range', async () => {
    const doctor = await givenVerifiedDoctor(platform.app, {
      services: [aService(), aService({ name: 'Video only', methods: ['video'], seats: 2 })],
    });
    const unverified = await givenPractice(platform.app);
    const serviceId = doctor.serviceIds[1]!;
    const from = new Date(Date.now() + 7 * 86_400_000);
    from.setUTCHours(0, 0, 0, 0);
    const to = new Date(from.getTime() + 3 * 86_400_000);
    const query = {
      serviceId,
      method: 'video',
      from: from.toISOString(),
      to: to.toISOString(),
      tz: 'America/New_York',
    };
    const qs = new URLSearchParams(query).toString();
    await eventually(
      async () =>
        (await rest(undefined, `/api/v1/doctors/${doctor.accountId}`)).statusCode === 200 ? true : undefined,
      15_000,
      'the doctor in the read model',
    );

    const slots = (await sameAsRest(
      undefined,
      `/api/v1/doctors/${doctor.accountId}/slots?${qs}`,
      SLOTS,
      { id: doctor.accountId, ...query },
      'doctorSlots',
    )) as { slots: Array<{ seatsLeft: number; utcOffset: string }> };
    expect(slots.slots.length).toBeGreaterThan(0);
    expect(slots.slots[0]).toMatchObject({ seatsLeft: 2, utcOffset: expect.stringMatching(/^-0[45]:00$/) });

    for (const nobody of [unverified.accountId, randomUUID()]) {
      expect((await rest(undefined, `/api/v1/doctors/${nobody}/slots`)).statusCode).toBe(404);
      expect(await gql(undefined, SLOTS, { id: nobody })).toEqual({ data: { doctorSlots: null } });
    }
    const refusals: Array<[string, Record<string, string>]> = [
      ['SERVICE_NOT_FOUND', { serviceId: randomUUID() }],
      ['METHOD_NOT_OFFERED', { serviceId, method: 'chat' }],
      ['INVALID_RANGE', { from: to.toISOString(), to: from.toISOString() }],
    ];
    for (const [code, args] of refusals) {
      const viaRest = await rest(undefined, `/api/v1/doctors/${doctor.accountId}/slots?${new URLSearchParams(args)}`);
      expect(viaRest.json()).toMatchObject({ error: { code } });
      const answer = await gql(undefined, SLOTS, { id: doctor.accountId, ...args });
      expect(answer.data).toEqual({ doctorSlots: null });
      expect(answer.errors?.map((error) => error.extensions.code)).toEqual([code]);
    }
  });
});

describe('the doctor’s own reads in GraphQL', () => {
  it('myPractice answers what the REST practice GETs answer, to a doctor not verified yet', async () => {
    // A catalog entry the doctor takes and an admin then retires: it stays on the profile, marked retired.
    const retiring = { id: `s-${word()}`, name: `${word()} medicine` };
    const asAdmin = (method: 'POST' | 'PATCH', url: string, payload: object) =>
      platform.app.inject({ method, url, headers: admin.headers, payload });
    expect((await asAdmin('POST', '/api/v1/admin/specializations', retiring)).statusCode).toBe(201);
    const doctor = await givenPractice(platform.app, {
      profile: { specializationIds: [retiring.id, 'general-practice'] },
      services: [aService(), aService({ name: 'Follow-up', feeOverride: { amountMinor: 5_000, currency: 'MZN' } })],
    });
    const retired = await asAdmin('PATCH', `/api/v1/admin/specializations/${retiring.id}`, { retired: true });
    expect(retired.statusCode, retired.body).toBe(200);
    const blocked = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/doctors/me/blocked-times',
      headers: doctor.headers,
      payload: { startsAt: '2030-01-07T08:00:00.000Z', endsAt: '2030-01-07T12:00:00.000Z', reason: 'conference' },
    });
    expect(blocked.statusCode, blocked.body).toBe(201);

    const get = async <T>(path: string) =>
      (await rest(doctor, `/api/v1/doctors/me/${path}`)).json<T & { revision: number }>();
    const profile = await get<{ profile: unknown; specializations: unknown[]; online: boolean }>('profile');
    const availability = await get<{ availability: unknown }>('availability');
    const blockedTimes = await get<{ items: unknown[] }>('blocked-times');
    const methods = await get<{ methods: unknown[] }>('methods');
    const services = await get<{ items: unknown[] }>('services');
    const answer = await gql(doctor, MY_PRACTICE);
    expect(answer.errors).toBeUndefined();
    expect(withoutNulls(answer.data?.myPractice)).toEqual(
      withoutNulls({
        doctorId: doctor.accountId,
        revision: profile.revision,
        profile: profile.profile,
        specializations: profile.specializations,
        online: profile.online,
        availability: availability.availability,
        blockedTimes: blockedTimes.items,
        methods: methods.methods,
        services: services.items,
      }),
    );
    expect([availability, blockedTimes, methods, services].map((read) => read.revision)).toEqual(
      Array(4).fill(profile.revision),
    );
    expect(blockedTimes.items).toHaveLength(1);
    expect(profile.specializations).toEqual([
      { ...retiring, retired: true },
      { id: 'general-practice', name: expect.any(String), retired: false },
    ]);

    const fresh = await anActor(['doctor']);
    expect((await gql(fresh, MY_PRACTICE)).data?.myPractice).toEqual({
      doctorId: fresh.accountId,
      revision: -1,
      profile: null,
      specializations: [],
      online: false,
      availability: null,
      blockedTimes: [],
      methods: [],
      services: [],
    });
    expect((await rest(fresh, '/api/v1/doctors/me/profile')).json()).toEqual({
      profile: null,
      specializations: [],
      online: false,
      revision: -1,
    });
  });

  it('myPractice and myDoctorApplication refuse the anonymous, patients and admins as REST does', async () => {
    const cases: Array<[TestActor | undefined, string]> = [
      [undefined, 'AUTHENTICATION_REQUIRED'],
      [patient, 'ROLE_REQUIRED'],
      [admin, 'ROLE_REQUIRED'],
    ];
    for (const [caller, code] of cases) {
      expect(await refusedAlike(caller, '/api/v1/doctors/me/profile', MY_PRACTICE, 'myPractice')).toBe(code);
      expect(await refusedAlike(caller, '/api/v1/doctors/me/application', MY_APPLICATION, 'myDoctorApplication')).toBe(
        code,
      );
    }
  });

  it('myDoctorApplication answers REST’s status and timeline, before applying and after decisions', async () => {
    const doctor = await givenPractice(platform.app);
    const before = await sameAsRest(
      doctor,
      '/api/v1/doctors/me/application',
      MY_APPLICATION,
      {},
      'myDoctorApplication',
    );
    expect(before).toEqual({ status: 'none', escalated: false, missing: [], timeline: [] });

    const submitted = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/doctors/me/application',
      headers: doctor.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await decide(doctor.accountId, 'start_review');
    const note = 'Please upload the back of your licence card.';
    await decide(doctor.accountId, 'request_information', { code: 'documents_missing', note });
    const after = await sameAsRest(doctor, '/api/v1/doctors/me/application', MY_APPLICATION, {}, 'myDoctorApplication');
    expect(after).toMatchObject({
      status: 'more_information_requested',
      timeline: [{ status: 'submitted' }, { status: 'in_review' }, { reasonCode: 'documents_missing', note }],
    });
  });
});

describe('admin reads of applications in GraphQL', () => {
  it('doctorApplications answers the REST queue, with its filters, to admins only', async () => {
    const doctor = await givenPractice(platform.app, { profile: { displayName: 'Dr. In The Queue' } });
    const submitted = await platform.app.inject({
      method: 'POST',
      url: '/api/v1/doctors/me/application',
      headers: doctor.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    await eventually(
      async () => {
        const queue = (await rest(admin, '/api/v1/admin/doctor-applications')).json<{
          items: Array<{ doctorId: string }>;
        }>();
        return queue.items.some((item) => item.doctorId === doctor.accountId) ? true : undefined;
      },
      15_000,
      'the application in the queue',
    );

    // REST wraps the list in items; GraphQL answers the list itself.
    const queueOf = async (url: string, variables: object) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const before = (await rest(admin, url)).json<{ items: Array<{ doctorId: string }> }>();
        const answer = await gql(admin, QUEUE, variables);
        const after = (await rest(admin, url)).json<{ items: Array<{ doctorId: string }> }>();
        if (!isDeepStrictEqual(before, after)) continue; // a decision of an earlier test still projecting
        expect(answer.errors).toBeUndefined();
        expect(withoutNulls(answer.data?.doctorApplications)).toEqual(withoutNulls(before.items));
        return before.items.map((item) => item.doctorId);
      }
      throw new Error(`${url} kept changing its answer`);
    };
    expect(await queueOf('/api/v1/admin/doctor-applications', {})).toContain(doctor.accountId);
    expect(
      await queueOf('/api/v1/admin/doctor-applications?status=submitted&waiting=false&first=1', {
        status: 'submitted',
        waiting: false,
        first: 1,
      }),
    ).toHaveLength(1);

    for (const [caller, code] of [
      [undefined, 'AUTHENTICATION_REQUIRED'],
      [patient, 'ROLE_REQUIRED'],
      [doctor, 'ROLE_REQUIRED'],
    ] as const) {
      expect(await refusedAlike(caller, '/api/v1/admin/doctor-applications', QUEUE, 'doctorApplications')).toBe(code);
    }
    const badStatus = await gql(admin, QUEUE, { status: 'approved' });
    expect(badStatus.errors?.[0]?.extensions.code).toBe('VALIDATION_FAILED');
  });

  it('doctorApplication answers the REST review to admins, audited alike; null if never applied; refused to others', async () => {
    const doctor = await givenPractice(platform.app, { profile: { displayName: 'Dr. Under Review' } });
    const stranger = await givenPractice(platform.app);
    for (const applicant of [doctor, stranger]) {
      const submitted = await platform.app.inject({
        method: 'POST',
        url: '/api/v1/doctors/me/application',
        headers: applicant.headers,
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
    }
    await decide(doctor.accountId, 'start_review');
    const url = `/api/v1/admin/doctor-applications/${doctor.accountId}`;

    // Refused alike to the doctor themself, another doctor and a patient, and none of it audited.
    for (const caller of [undefined, doctor, stranger, patient]) {
      const viaRest = await rest(caller, url);
      const answer = await gql(caller, REVIEW, { id: doctor.accountId });
      expect(answer.data).toEqual({ doctorApplication: null });
      expect(answer.errors?.map((error) => error.extensions.code)).toEqual([
        viaRest.json<{ error: { code: string } }>().error.code,
      ]);
    }
    expect(await platform.eventStore.readStream(auditStreamId(doctor.accountId))).toEqual([]);

    const viaRest = await rest(admin, url);
    expect(viaRest.statusCode, viaRest.body).toBe(200);
    const answer = await gql(admin, REVIEW, { id: doctor.accountId });
    expect(answer.errors).toBeUndefined();
    expect(withoutNulls(answer.data?.doctorApplication)).toEqual(withoutNulls(viaRest.json()));
    expect(answer.data?.doctorApplication).toMatchObject({
      status: 'in_review',
      profile: { displayName: 'Dr. Under Review' },
      documents: [{ contentType: 'application/pdf' }, { contentType: 'application/pdf' }],
    });
    const trail = await platform.eventStore.readStream(auditStreamId(doctor.accountId));
    expect(trail.map((event) => [event.type, event.data.actorId, event.data.resource])).toEqual([
      ['StaffReadDoctorDocument', admin.accountId, 'doctor-application'],
      ['StaffReadDoctorDocument', admin.accountId, 'doctor-application'],
    ]);

    const never = await givenPractice(platform.app);
    expect((await rest(admin, `/api/v1/admin/doctor-applications/${never.accountId}`)).statusCode).toBe(404);
    expect(await gql(admin, REVIEW, { id: never.accountId })).toEqual({ data: { doctorApplication: null } });
    expect(await platform.eventStore.readStream(auditStreamId(never.accountId))).toEqual([]);
  });
});
