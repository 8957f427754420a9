/** The demo doctors: verified, searchable, varied, bookable where the demo books, and seeded once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertDoctorBookable } from '../../projections/doctors/doctor-bookability.js';
import { startTestPlatform, type TestPlatform } from '../../tests/support/platform.js';
import { eventually } from '../../tests/support/temporal.js';
import { DEMO } from './demo-data.js';
import { DEMO_DOCTOR_COUNT, seedDemoDoctors } from './seed-doctors.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => platform?.close());

type Card = {
  id: string;
  displayName: string;
  timeZone: string;
  languages: string[];
  methods: Array<{ method: string }>;
};

describe('demo doctors', () => {
  it('seeds 32 verified doctors once, across zones, languages and methods, with progress lines', async () => {
    const lines: string[] = [];
    const deps = { pool: platform.db.pool, eventStore: platform.eventStore, temporal: platform.deps.temporal };
    await seedDemoDoctors(deps, (line) => lines.push(line));
    expect(lines.at(-1)).toMatch(/32\/32 \(32 practices set up, 32 verified now\)/);

    const cards = await eventually(
      async () => {
        const response = await platform.app.inject({ method: 'GET', url: '/api/v1/doctors?first=50' });
        const items = response.json<{ items: Card[] }>().items;
        return items.length === DEMO_DOCTOR_COUNT ? items : undefined;
      },
      30_000,
      'every demo doctor to be searchable',
    );
    expect(new Set(cards.map((c) => c.timeZone))).toEqual(
      new Set([
        'Africa/Maputo',
        'Asia/Kolkata',
        'Europe/Lisbon',
        'America/New_York',
        'Africa/Nairobi',
        'America/Sao_Paulo',
      ]),
    );
    expect(new Set(cards.flatMap((c) => c.methods.map((m) => m.method)))).toEqual(
      new Set(['video', 'voice', 'chat', 'in_person']),
    );
    expect(cards.find((c) => c.id === DEMO.doctorId)).toMatchObject({
      displayName: 'Dr. Ana Macuácua',
      timeZone: 'Africa/Maputo',
      languages: ['pt-MZ', 'en'],
    });
    const profile = await platform.app.inject({ method: 'GET', url: `/api/v1/doctors/${DEMO.doctorId}` });
    expect(profile.json()).toMatchObject({
      specializations: [{ id: 'general-practice' }],
      services: expect.arrayContaining([
        {
          id: DEMO.serviceId,
          name: 'General consultation (30 min)',
          durationMinutes: 30,
          methods: ['video', 'voice', 'chat'],
        },
      ]),
    });

    // The demo appointments (scripts/lib/seed.ts: tomorrow 09:00Z onwards) land on real slots.
    const now = new Date();
    const tomorrow = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 9)).toISOString();
    await expect(
      assertDoctorBookable(platform.db.pool, DEMO.doctorId, DEMO.serviceId, 'video', tomorrow),
    ).resolves.toBeDefined();

    const before = await platform.eventStore.headPosition();
    const again: string[] = [];
    await seedDemoDoctors(deps, (line) => again.push(line));
    expect(again.at(-1)).toMatch(/\(0 practices set up, 0 verified now\)/);
    expect(await platform.eventStore.headPosition()).toBe(before);
  });
});
