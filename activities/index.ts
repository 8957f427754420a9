import type { AppointmentEffectsDeps } from './appointment-effects.impl.js';
import { createAppointmentEffects } from './appointment-effects.impl.js';
import type { RecordEventsDeps } from './record-events.js';
import { createEventActivities } from './record-events.js';
import type { SlotReservationDeps } from './slot-reservations.js';
import { createSlotReservationActivities } from './slot-reservations.js';

export type ActivityDeps = RecordEventsDeps & SlotReservationDeps & AppointmentEffectsDeps;

/** Every activity the worker registers, built from its dependencies. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createEventActivities(deps),
    ...createSlotReservationActivities(deps),
    ...createAppointmentEffects(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
