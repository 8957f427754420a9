/** Practice setup through the API: the doctor's own stream, expected revisions, orphan protection. */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doctorStreamId } from '../../domain/doctor/index.js';
import { aPracticeProfile, anAvailability, aService, someMethods } from '../../tests/fixtures/doctors.js';
import { anActor, type TestActor } from '../../tests/support/auth.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';
const call = (actor: TestActor | undefined, method: Method, url: string, payload?: unknown, headers = {}) =>
  platform.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: { ...(actor?.headers ?? {}), ...headers },
  });

/** A booked appointment as the appointments read model shows it (the projection's own tests cover how it gets there). */
async function givenBooked(doctorId: string, startsAt: string, status = 'pending_payment'): Promise<string> {
  const id = randomUUID();
  await platform.db.pool.query(
    `INSERT INTO appointments (id, patient_id, booked_by, doctor_id, service_id, service_name, method, starts_at,
       ends_at, fee_amount_minor, fee_currency, policy, status, requested_at, stream_revision, updated_at,
       cancelled_at)
     VALUES ($1, $2, $2, $3, $4, 'Consultation', 'video', $5, $5::timestamptz + interval '30 minutes', 0, 'MZN',
       '{}', $6, now(), 0, now(), CASE WHEN $6 = 'cancelled' THEN now() END)`,
    [id, randomUUID(), doctorId, randomUUID(), startsAt, status],
  );
  return id;
}

/** The next Monday at 10:00 in Maputo (08:00Z), at least a week away. */
function nextMondayAtTenInMaputo(): string {
  const date = new Date(Date.now() + 7 * 86_400_000);
  date.setUTCDate(date.getUTCDate() + ((8 - date.getUTCDay()) % 7));
  date.setUTCHours(8, 0, 0, 0);
  return date.toISOString();
}

describe('doctor practice setup', () => {
  it('refuses anonymous callers (401) and non-doctors (403)', async () => {
    const anonymous = await call(undefined, 'GET', '/api/v1/doctors/me/profile');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'AUTHENTICATION_REQUIRED' } });
    const patient = await call(await anActor(['patient']), 'PUT', '/api/v1/doctors/me/profile', aPracticeProfile());
    expect(patient.statusCode).toBe(403);
    expect(patient.json()).toMatchObject({ error: { code: 'ROLE_REQUIRED' } });
  });

  it('sets up a whole practice, each change an event in doctor-<id>', async () => {
    const doctor = await anActor(['doctor']);
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/profile')).json()).toEqual({
      profile: null,
      specializations: [],
      online: false,
      revision: -1,
    });
    const profile = await call(doctor, 'PUT', '/api/v1/doctors/me/profile', aPracticeProfile({ languages: ['pt-mz'] }));
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({ profile: { languages: ['pt-MZ'] }, revision: 0 });
    expect((await call(doctor, 'PUT', '/api/v1/doctors/me/availability', anAvailability())).json()).toMatchObject({
      availability: { timeZone: 'Africa/Maputo' },
      revision: 1,
    });
    expect((await call(doctor, 'PUT', '/api/v1/doctors/me/methods', { methods: someMethods() })).statusCode).toBe(200);
    const added = await call(doctor, 'POST', '/api/v1/doctors/me/services', aService());
    expect(added.statusCode).toBe(201);
    const { service } = added.json<{ service: { id: string } }>();
    const changed = await call(
      doctor,
      'PUT',
      `/api/v1/doctors/me/services/${service.id}`,
      aService({ durationMinutes: 45 }),
    );
    expect(changed.json()).toMatchObject({ service: { id: service.id, durationMinutes: 45 }, revision: 4 });
    expect((await call(doctor, 'PUT', '/api/v1/doctors/me/online', { online: true })).json()).toEqual({
      online: true,
      revision: 5,
    });
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/services')).json()).toMatchObject({
      items: [{ id: service.id, name: 'General consultation (30 min)' }],
    });
    const events = await platform.eventStore.readStream(doctorStreamId(doctor.accountId));
    expect(events.map((e) => e.type)).toEqual([
      'DoctorProfileUpdated',
      'DoctorAvailabilitySet',
      'DoctorConsultationMethodsSet',
      'DoctorServiceAdded',
      'DoctorServiceUpdated',
      'DoctorWentOnline',
    ]);
    expect(events[0]?.metadata).toMatchObject({ actorId: doctor.accountId });
    expect((await call(doctor, 'DELETE', `/api/v1/doctors/me/services/${service.id}`)).statusCode).toBe(204);
  });

  it('validates every part: unknown specializations, bad languages, zones, currencies, overlapping windows', async () => {
    const doctor = await anActor(['doctor']);
    const cases: Array<[string, unknown, number, string]> = [
      [
        '/api/v1/doctors/me/profile',
        aPracticeProfile({ specializationIds: ['astrology'] }),
        422,
        'UNKNOWN_SPECIALIZATION',
      ],
      ['/api/v1/doctors/me/profile', { ...aPracticeProfile(), languages: ['not a tag!'] }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/doctors/me/profile', { ...aPracticeProfile(), nickname: 'x' }, 400, 'VALIDATION_FAILED'],
      ['/api/v1/doctors/me/availability', anAvailability({ timeZone: 'Mars/Olympus' }), 400, 'VALIDATION_FAILED'],
      [
        '/api/v1/doctors/me/availability',
        anAvailability({
          weekly: [
            { weekday: 'monday', start: '09:00', end: '12:00' },
            { weekday: 'monday', start: '11:00', end: '13:00' },
          ],
        }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        '/api/v1/doctors/me/methods',
        { methods: [{ method: 'video', fee: { amountMinor: 10.5, currency: 'MZN' } }] },
        400,
        'VALIDATION_FAILED',
      ],
      [
        '/api/v1/doctors/me/methods',
        { methods: [{ method: 'video', fee: { amountMinor: 100, currency: 'XYZ' } }] },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [url, body, status, code] of cases) {
      const response = await call(doctor, 'PUT', url, body);
      expect([url, response.statusCode, response.json<{ error: { code: string } }>().error.code]).toEqual([
        url,
        status,
        code,
      ]);
    }
    expect(await platform.eventStore.readStream(doctorStreamId(doctor.accountId))).toEqual([]);
    const service = await call(doctor, 'POST', '/api/v1/doctors/me/services', aService());
    expect(service.json()).toMatchObject({ error: { code: 'METHOD_NOT_OFFERED' } });
  });

  it('answers 409 when If-Match is stale, and when two writers race', async () => {
    const doctor = await anActor(['doctor']);
    await call(doctor, 'PUT', '/api/v1/doctors/me/profile', aPracticeProfile());
    const stale = await call(
      doctor,
      'PUT',
      '/api/v1/doctors/me/methods',
      { methods: someMethods() },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'CONCURRENT_MODIFICATION' } });
    const fresh = await call(
      doctor,
      'PUT',
      '/api/v1/doctors/me/methods',
      { methods: someMethods() },
      { 'if-match': '0' },
    );
    expect(fresh.statusCode).toBe(200);

    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        call(doctor, 'PUT', '/api/v1/doctors/me/profile', aPracticeProfile({ yearsOfExperience: i })),
      ),
    );
    const codes = racing.map((r) => r.statusCode);
    expect(codes).toContain(200);
    expect(codes.every((code) => code === 200 || code === 409)).toBe(true);
    const events = await platform.eventStore.readStream(doctorStreamId(doctor.accountId));
    expect(events).toHaveLength(2 + codes.filter((code) => code === 200).length);
  });

  it('refuses availability or blocked time that would orphan booked appointments, naming them', async () => {
    const doctor = await anActor(['doctor']);
    await call(doctor, 'PUT', '/api/v1/doctors/me/availability', anAvailability());
    const startsAt = nextMondayAtTenInMaputo();
    const booked = await givenBooked(doctor.accountId, startsAt);
    await givenBooked(doctor.accountId, startsAt, 'cancelled');

    const afternoons = anAvailability({
      weekly: [{ weekday: 'monday', start: '14:00', end: '17:00' }],
    });
    const refused = await call(doctor, 'PUT', '/api/v1/doctors/me/availability', afternoons);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'AVAILABILITY_CONFLICT',
        message: expect.any(String),
        details: [{ path: `appointments.${booked}`, message: `booked for ${startsAt}` }],
      },
    });
    const block = await call(doctor, 'POST', '/api/v1/doctors/me/blocked-times', {
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
      reason: 'conference',
    });
    expect(block.statusCode).toBe(409);
    const wholeDay = await call(doctor, 'POST', '/api/v1/doctors/me/blocked-times', { date: startsAt.slice(0, 10) });
    expect(wholeDay.json()).toMatchObject({ error: { code: 'AVAILABILITY_CONFLICT' } });
    expect(await platform.eventStore.readStream(doctorStreamId(doctor.accountId))).toHaveLength(1);

    // A day without bookings blocks fine: the local day in Maputo is 22:00Z to 22:00Z.
    const free = await call(doctor, 'POST', '/api/v1/doctors/me/blocked-times', {
      date: '2030-01-02',
      reason: 'vacation',
    });
    expect(free.statusCode).toBe(201);
    expect(free.json()).toMatchObject({
      startsAt: '2030-01-01T22:00:00.000Z',
      endsAt: '2030-01-02T22:00:00.000Z',
      reason: 'vacation',
    });
    const id = free.json<{ id: string }>().id;
    expect((await call(doctor, 'GET', '/api/v1/doctors/me/blocked-times')).json()).toMatchObject({ items: [{ id }] });
    expect((await call(doctor, 'DELETE', `/api/v1/doctors/me/blocked-times/${id}`)).statusCode).toBe(204);
    expect((await call(doctor, 'DELETE', `/api/v1/doctors/me/blocked-times/${id}`)).statusCode).toBe(404);
  });

  it('serves the specialization catalog, which only admins with a second factor extend', async () => {
    const catalog = await call(undefined, 'GET', '/api/v1/specializations');
    expect(catalog.json<{ items: unknown[] }>().items.length).toBeGreaterThanOrEqual(20);
    const entry = { id: `sleep-medicine-${randomUUID().slice(0, 8)}`, name: `Sleep medicine ${randomUUID()}` };
    expect((await call(await anActor(['doctor']), 'POST', '/api/v1/admin/specializations', entry)).statusCode).toBe(
      403,
    );
    const noMfa = await call(await anActor(['admin'], { mfa: false }), 'POST', '/api/v1/admin/specializations', entry);
    expect(noMfa.json()).toMatchObject({ error: { code: 'MFA_REQUIRED' } });
    const admin = await anActor(['admin']);
    expect((await call(admin, 'POST', '/api/v1/admin/specializations', entry)).statusCode).toBe(201);
    expect((await call(admin, 'POST', '/api/v1/admin/specializations', entry)).statusCode).toBe(409);
    const after = await call(undefined, 'GET', '/api/v1/specializations');
    expect(after.json<{ items: unknown[] }>().items).toContainEqual(entry);
  });
});
