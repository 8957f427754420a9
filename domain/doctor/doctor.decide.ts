import { fitsAvailability } from '../availability/slots.js';
import { assertNever, conflict, DomainError, notFound, ruleViolation } from '../shared/errors.js';
import type { DoctorCommand, UpcomingAppointment } from './doctor.commands.js';
import type { DoctorEvent } from './doctor.events.js';
import type { ServiceDefinition } from './doctor.schema.js';
import { serviceDuration, type DoctorPractice } from './doctor.state.js';

export const MAX_SERVICES = 50;
export const MAX_BLOCKED_TIMES = 500;

/** Pure: which events a command produces in a state, or a DomainError saying why not. */
export function decideDoctorPractice(command: DoctorCommand, state: DoctorPractice): DoctorEvent[] {
  const { doctorId, now } = command;
  switch (command.type) {
    case 'UpdateProfile':
      return [{ type: 'DoctorProfileUpdated', data: { doctorId, profile: command.profile, updatedAt: now } }];
    case 'SetAvailability': {
      const { weekly, timeZone } = command.availability;
      assertNoOrphans(
        command.upcoming.filter(
          (a) =>
            !fitsAvailability(
              { weekly, timeZone, blocked: state.blocked },
              { startsAt: a.startsAt, durationMinutes: bookedMinutes(state, a) },
            ),
        ),
        'The new availability leaves booked appointments outside it; cancel or move them first.',
      );
      return [{ type: 'DoctorAvailabilitySet', data: { doctorId, availability: command.availability, setAt: now } }];
    }
    case 'BlockTime': {
      if (state.blocked.some((b) => b.id === command.blockId)) {
        throw conflict('BLOCKED_TIME_EXISTS', 'This blocked time already exists.');
      }
      if (state.blocked.length >= MAX_BLOCKED_TIMES) {
        throw ruleViolation('TOO_MANY_BLOCKED_TIMES', `A practice keeps at most ${MAX_BLOCKED_TIMES} blocked times.`);
      }
      const blockStart = Date.parse(command.range.startsAt);
      const blockEnd = Date.parse(command.range.endsAt);
      assertNoOrphans(
        command.upcoming.filter((a) => {
          const start = Date.parse(a.startsAt);
          return start < blockEnd && blockStart < start + bookedMinutes(state, a) * 60_000;
        }),
        'This blocked time covers booked appointments; cancel or move them first.',
      );
      return [
        {
          type: 'DoctorTimeBlocked',
          data: { doctorId, blockId: command.blockId, ...command.range, reason: command.reason, blockedAt: now },
        },
      ];
    }
    case 'UnblockTime':
      if (!state.blocked.some((b) => b.id === command.blockId)) {
        throw notFound('BLOCKED_TIME_NOT_FOUND', 'No blocked time with this id.');
      }
      return [{ type: 'DoctorTimeUnblocked', data: { doctorId, blockId: command.blockId, unblockedAt: now } }];
    case 'SetConsultationMethods':
      return [{ type: 'DoctorConsultationMethodsSet', data: { doctorId, methods: [...command.methods], setAt: now } }];
    case 'AddService':
      if (state.services.some((s) => s.id === command.serviceId)) {
        throw conflict('SERVICE_EXISTS', 'A service with this id already exists.');
      }
      if (state.services.length >= MAX_SERVICES) {
        throw ruleViolation('TOO_MANY_SERVICES', `A practice offers at most ${MAX_SERVICES} services.`);
      }
      assertMethodsOffered(state, command.service);
      return [
        {
          type: 'DoctorServiceAdded',
          data: { doctorId, service: { ...command.service, id: command.serviceId }, addedAt: now },
        },
      ];
    case 'UpdateService':
      assertServiceExists(state, command.serviceId);
      assertMethodsOffered(state, command.service);
      return [
        {
          type: 'DoctorServiceUpdated',
          data: { doctorId, service: { ...command.service, id: command.serviceId }, updatedAt: now },
        },
      ];
    case 'RemoveService':
      assertServiceExists(state, command.serviceId);
      return [{ type: 'DoctorServiceRemoved', data: { doctorId, serviceId: command.serviceId, removedAt: now } }];
    case 'SetOnline':
      if (state.online === command.online) return [];
      return [{ type: command.online ? 'DoctorWentOnline' : 'DoctorWentOffline', data: { doctorId, at: now } }];
    default:
      return assertNever(command);
  }
}

/** How long a booking occupies the doctor: as booked (a service lengthened or shortened since does not move its end). */
function bookedMinutes(state: DoctorPractice, booked: UpcomingAppointment): number {
  if (!booked.endsAt) return serviceDuration(state, booked.serviceId);
  return (Date.parse(booked.endsAt) - Date.parse(booked.startsAt)) / 60_000;
}

/** A change that would silently drop booked appointments is refused, naming each one. */
function assertNoOrphans(orphans: readonly UpcomingAppointment[], message: string): void {
  if (orphans.length === 0) return;
  throw new DomainError(
    'conflict',
    'AVAILABILITY_CONFLICT',
    message,
    orphans.map((a) => ({ path: `appointments.${a.appointmentId}`, message: `booked for ${a.startsAt}` })),
  );
}

function assertServiceExists(state: DoctorPractice, serviceId: string): void {
  if (!state.services.some((s) => s.id === serviceId)) throw notFound('SERVICE_NOT_FOUND', 'No service with this id.');
}

function assertMethodsOffered(state: DoctorPractice, service: ServiceDefinition): void {
  const offered = new Set(state.methods.map((m) => m.method));
  const missing = service.methods.filter((method) => !offered.has(method));
  if (missing.length) {
    throw ruleViolation(
      'METHOD_NOT_OFFERED',
      `Set a fee for ${missing.join(', ')} under consultation methods before offering it in a service.`,
    );
  }
}
