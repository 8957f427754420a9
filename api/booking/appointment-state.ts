/**
 * An appointment's state as its workflow sees it: its own event stream folded with the domain's
 * evolve. Commands are authorised and quoted on this, not on the read model, which lags: a patient
 * who paid a second ago is quoted a refund of what they paid, and the quote matches what the
 * workflow will decide because both fold the same events with the same functions.
 */
import {
  appointmentStreamId,
  evolveAppointment,
  initialAppointmentState,
  isAppointmentEventType,
  parseAppointmentEvent,
  type AppointmentState,
  type BookedState,
} from '../../domain/index.js';
import type { EventStore } from '../../eventstore/event-store.js';

/** The appointment's current state; undefined when it was never requested. */
export async function appointmentStateOf(
  eventStore: Pick<EventStore, 'readStream'>,
  appointmentId: string,
): Promise<BookedState | undefined> {
  const events = await eventStore.readStream(appointmentStreamId(appointmentId));
  const state = events.reduce<AppointmentState>(
    (current, event) =>
      isAppointmentEventType(event.type)
        ? evolveAppointment(current, parseAppointmentEvent(event.type, event.data))
        : current,
    initialAppointmentState,
  );
  return state.status === 'none' ? undefined : state;
}
