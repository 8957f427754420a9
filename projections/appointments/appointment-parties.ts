/**
 * Who an appointment is between, read from its AppointmentRequested. Projections that need only
 * these two ids (prescriptions, reviews) read only them, so they do not depend on the rest of the
 * event's shape, which has grown once already (issue 5: fee, policy, service snapshot).
 */
import { z } from 'zod';
import { uuid } from '../../domain/index.js';
import type { JsonObject } from '../../eventstore/event-store.js';

const parties = z.object({ patientId: uuid, doctorId: uuid });

export function partiesOfRequest(data: JsonObject): { readonly patientId: string; readonly doctorId: string } {
  return parties.parse(data);
}
