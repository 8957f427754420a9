/**
 * Real slots to book in API tests: a verified doctor, open around the clock, and the free slots
 * the public API offers for them. Booking refuses anything else (phantom availability).
 */
import type { FastifyInstance } from 'fastify';
import type { AvailabilitySettings } from '../../domain/availability/index.js';
import type { ServiceDefinition } from '../../domain/doctor/index.js';
import type { AppointmentRequest } from '../../domain/index.js';
import { aService } from '../fixtures/doctors.js';
import type { TestActor } from './auth.js';
import { givenVerifiedDoctor, type TestDoctor } from './doctors.js';
import { eventually } from './temporal.js';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export interface BookableDoctor {
  readonly doctor: TestDoctor;
  readonly serviceId: string;
  /** The free slot starts the public API offered when the doctor was set up, in order. */
  readonly slots: readonly string[];
  /** The next free slot for this patient, never the same slot twice within a test file. */
  nextRequest(patientId: string, overrides?: Partial<AppointmentRequest>): AppointmentRequest;
}

export async function givenBookableDoctor(
  app: FastifyInstance,
  options: {
    actor?: TestActor;
    slotsNeeded?: number;
    /** Its one service (default: 30 minutes, video and chat, one seat). */
    service?: Partial<ServiceDefinition>;
    /** Over the round-the-clock UTC week with 30-minute slots. */
    availability?: Partial<AvailabilitySettings>;
  } = {},
): Promise<BookableDoctor> {
  const slotsNeeded = options.slotsNeeded ?? 60;
  const doctor = await givenVerifiedDoctor(app, {
    ...(options.actor ? { actor: options.actor } : {}),
    availability: {
      timeZone: 'UTC',
      weekly: WEEKDAYS.map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
      slotLengthMinutes: 30,
      minimumNoticeMinutes: 60,
      ...options.availability,
    },
    ...(options.service ? { services: [aService(options.service)] } : {}),
  });
  const serviceId = doctor.serviceIds[0] ?? '';
  const from = new Date(Date.now() + 2 * 86_400_000).toISOString();
  // Verification reaches the search read model through the projector: wait until slots show.
  const slots = await eventually(
    async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/doctors/${doctor.accountId}/slots?serviceId=${serviceId}&method=video&from=${from}`,
      });
      if (response.statusCode !== 200) return undefined;
      const starts = response.json<{ slots: Array<{ startsAt: string }> }>().slots.map((slot) => slot.startsAt);
      return starts.length >= slotsNeeded ? starts : undefined;
    },
    20_000,
    'the verified doctor’s slots',
  );
  let next = 0;
  return {
    doctor,
    serviceId,
    slots,
    nextRequest(patientId, overrides = {}) {
      const startsAt = slots[next];
      next += 1;
      if (!startsAt) throw new Error(`givenBookableDoctor: only ${slots.length} slots were prepared`);
      return { patientId, doctorId: doctor.accountId, serviceId, method: 'video', startsAt, ...overrides };
    },
  };
}
