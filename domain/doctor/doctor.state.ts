import type { AvailabilitySettings } from '../availability/availability.schema.js';
import { missingDocumentKinds, type DocumentKind } from '../doctor-document/doctor-document.schema.js';
import { assertNever } from '../shared/errors.js';
import type { DoctorEvent } from './doctor.events.js';
import type { BlockReason, MethodFee, PracticeProfile, PracticeService } from './doctor.schema.js';

export interface BlockedTime {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly reason: BlockReason;
}

/** A doctor's practice as its stream tells it; a doctor who never set anything up has the initial state. */
export interface DoctorPractice {
  readonly profile: PracticeProfile | null;
  readonly availability: AvailabilitySettings | null;
  readonly blocked: readonly BlockedTime[];
  readonly methods: readonly MethodFee[];
  readonly services: readonly PracticeService[];
  readonly online: boolean;
}

export const initialDoctorPractice: DoctorPractice = {
  profile: null,
  availability: null,
  blocked: [],
  methods: [],
  services: [],
  online: false,
};

export function evolveDoctorPractice(state: DoctorPractice, event: DoctorEvent): DoctorPractice {
  switch (event.type) {
    case 'DoctorProfileUpdated':
      return { ...state, profile: event.data.profile };
    case 'DoctorAvailabilitySet':
      return { ...state, availability: event.data.availability };
    case 'DoctorTimeBlocked': {
      const { blockId, startsAt, endsAt, reason } = event.data;
      const blocked = [...state.blocked, { id: blockId, startsAt, endsAt, reason }];
      return { ...state, blocked: blocked.sort((a, b) => a.startsAt.localeCompare(b.startsAt)) };
    }
    case 'DoctorTimeUnblocked':
      return { ...state, blocked: state.blocked.filter((b) => b.id !== event.data.blockId) };
    case 'DoctorConsultationMethodsSet':
      return { ...state, methods: event.data.methods };
    case 'DoctorServiceAdded':
      return { ...state, services: [...state.services, event.data.service] };
    case 'DoctorServiceUpdated':
      return {
        ...state,
        services: state.services.map((s) => (s.id === event.data.service.id ? event.data.service : s)),
      };
    case 'DoctorServiceRemoved':
      return { ...state, services: state.services.filter((s) => s.id !== event.data.serviceId) };
    case 'DoctorWentOnline':
      return { ...state, online: true };
    case 'DoctorWentOffline':
      return { ...state, online: false };
    default:
      return assertNever(event);
  }
}

export type PracticeSection = 'profile' | 'availability' | 'methods' | 'services' | 'documents';

/**
 * What a doctor still has to set up before applying for verification (empty when complete): the
 * practice from its stream, and `documents` until both credential documents are uploaded (their
 * kinds come from the doctor's live documents, which are kept apart from the practice stream).
 */
export function missingSections(state: DoctorPractice, documentKinds: readonly DocumentKind[]): PracticeSection[] {
  const missing: PracticeSection[] = [];
  if (!state.profile) missing.push('profile');
  if (!state.availability || state.availability.weekly.length === 0) missing.push('availability');
  if (state.methods.length === 0) missing.push('methods');
  if (state.services.length === 0) missing.push('services');
  if (missingDocumentKinds(documentKinds).length > 0) missing.push('documents');
  return missing;
}

/** How long a booked service lasts; a service since removed falls back to the slot length. */
export function serviceDuration(state: DoctorPractice, serviceId: string): number {
  return state.services.find((s) => s.id === serviceId)?.durationMinutes ?? state.availability?.slotLengthMinutes ?? 30;
}
