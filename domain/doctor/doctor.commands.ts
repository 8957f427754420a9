import type { AvailabilitySettings, TimeRange } from '../availability/availability.schema.js';
import type { BlockReason, MethodFee, PracticeProfile, ServiceDefinition } from './doctor.schema.js';

/**
 * A booked appointment that a change must not orphan: the API reads the held seats (not
 * cancelled, starting in the future) under the doctor's booking lock and passes them in, so
 * decide stays pure.
 */
export interface UpcomingAppointment {
  readonly appointmentId: string;
  readonly serviceId: string;
  readonly startsAt: string;
  /** The end the booking pinned; without it, the service's length today. */
  readonly endsAt?: string;
}

// Time and ids arrive in every command: domain code never reads a clock or makes up an id.
interface Base {
  readonly doctorId: string;
  readonly now: string;
}

export type DoctorCommand = Base &
  (
    | { readonly type: 'UpdateProfile'; readonly profile: PracticeProfile }
    | {
        readonly type: 'SetAvailability';
        readonly availability: AvailabilitySettings;
        readonly upcoming: readonly UpcomingAppointment[];
      }
    | {
        readonly type: 'BlockTime';
        readonly blockId: string;
        readonly range: TimeRange;
        readonly reason: BlockReason;
        readonly upcoming: readonly UpcomingAppointment[];
      }
    | { readonly type: 'UnblockTime'; readonly blockId: string }
    | { readonly type: 'SetConsultationMethods'; readonly methods: readonly MethodFee[] }
    | { readonly type: 'AddService'; readonly serviceId: string; readonly service: ServiceDefinition }
    | { readonly type: 'UpdateService'; readonly serviceId: string; readonly service: ServiceDefinition }
    | { readonly type: 'RemoveService'; readonly serviceId: string }
    | { readonly type: 'SetOnline'; readonly online: boolean }
  );
