/**
 * Events of a doctor's practice (stream `doctor-<doctorId>`). A practice profile is public by
 * design (patients search it), so it travels in the events; patients' data never does.
 * Stored events never change shape: a new shape is a new version with an upcaster here.
 */
import { z } from 'zod';
import { availabilitySettings } from '../availability/availability.schema.js';
import { instant, uuid } from '../shared/ids.js';
import { blockReason, consultationMethods, practiceProfile, serviceDefinition } from './doctor.schema.js';

const base = { doctorId: uuid };
const service = serviceDefinition.extend({ id: uuid });

const schemas = {
  DoctorProfileUpdated: z.object({ ...base, profile: practiceProfile, updatedAt: instant }),
  DoctorAvailabilitySet: z.object({ ...base, availability: availabilitySettings, setAt: instant }),
  DoctorTimeBlocked: z.object({
    ...base,
    blockId: uuid,
    startsAt: instant,
    endsAt: instant,
    reason: blockReason,
    blockedAt: instant,
  }),
  DoctorTimeUnblocked: z.object({ ...base, blockId: uuid, unblockedAt: instant }),
  DoctorConsultationMethodsSet: z.object({ ...base, methods: consultationMethods, setAt: instant }),
  DoctorServiceAdded: z.object({ ...base, service, addedAt: instant }),
  DoctorServiceUpdated: z.object({ ...base, service, updatedAt: instant }),
  DoctorServiceRemoved: z.object({ ...base, serviceId: uuid, removedAt: instant }),
  DoctorWentOnline: z.object({ ...base, at: instant }),
  DoctorWentOffline: z.object({ ...base, at: instant }),
} as const;

type Schemas = typeof schemas;
export type DoctorEventType = keyof Schemas;
export type DoctorEvent = { [K in DoctorEventType]: { type: K; data: z.infer<Schemas[K]> } }[DoctorEventType];

export function isDoctorEventType(type: string): type is DoctorEventType {
  return Object.hasOwn(schemas, type);
}

/** Parses a stored event back into the domain union; throws on a shape it does not know. */
export function parseDoctorEvent(type: DoctorEventType, data: unknown): DoctorEvent {
  return { type, data: schemas[type].parse(data) } as DoctorEvent;
}
