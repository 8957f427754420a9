/** Sending an authorised command to the appointment's workflow as an Update, and mapping its refusals. */
import type { WorkflowHandle } from '@temporalio/client';
import {
  appointmentWorkflowId,
  conflict,
  decideAppointment,
  isDomainError,
  type AppointmentCommand,
  type BookedState,
  type DistributiveOmit,
} from '../../domain/index.js';
import type { AppointmentView } from '../../workflows/appointment.messages.js';
import type { ApiDeps } from '../deps.js';
import { fromTemporalError } from '../temporal-errors.js';

export interface CommandOrder {
  readonly state: BookedState;
  /** The Update to execute on the appointment's workflow handle. */
  readonly send: (workflow: WorkflowHandle) => Promise<AppointmentView>;
  /** The same command as the decider takes it: explains a refusal once the workflow has closed. */
  readonly command: DistributiveOmit<AppointmentCommand, 'now'>;
}

/**
 * Answers the workflow's view after the command, or throws the domain's refusal (409 INVALID_STATE,
 * 422 TOO_EARLY …, from the workflow's validator or its step). A workflow that cannot be found for
 * an appointment whose stream exists has finished: the decider, over the recorded state, says why
 * the command no longer applies (409 ALREADY_REVIEWED, INVALID_STATE …) rather than a bare 404.
 */
export async function sendCommand(
  deps: Pick<ApiDeps, 'temporal' | 'now'>,
  order: CommandOrder,
): Promise<AppointmentView> {
  const { state } = order;
  try {
    return await order.send(deps.temporal.client.workflow.getHandle(appointmentWorkflowId(state.appointmentId)));
  } catch (error) {
    const mapped = fromTemporalError(error);
    if (mapped?.code !== 'APPOINTMENT_NOT_ACTIVE') throw mapped ?? error;
    throw refusalOfClosed(order, (deps.now ?? (() => new Date()))().toISOString());
  }
}

function refusalOfClosed(order: CommandOrder, now: string): Error {
  try {
    decideAppointment({ ...order.command, now } as AppointmentCommand, order.state);
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  return conflict('INVALID_STATE', 'This appointment is closed: nothing more can be done to it.');
}
