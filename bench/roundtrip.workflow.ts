/**
 * The bare Temporal round trip the booking benchmark is measured against: a workflow started with
 * an Update whose handler runs one activity, as POST /api/v1/appointments does (update-with-start)
 * minus everything Consulta adds. Workflow code: only @temporalio/workflow, nothing else.
 */
import { condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';

export interface RoundTripActivities {
  echo(value: string): Promise<string>;
}

export const ROUND_TRIP_WORKFLOW_TYPE = 'roundTripWorkflow';
export const roundTripUpdate = defineUpdate<string, [string]>('roundTrip');

const { echo } = proxyActivities<RoundTripActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3 },
});

/** Ends once its one Update has been answered, so a run leaves nothing open behind it. */
export async function roundTripWorkflow(): Promise<void> {
  let answered = false;
  setHandler(roundTripUpdate, async (value) => {
    const echoed = await echo(value);
    answered = true;
    return echoed;
  });
  await condition(() => answered);
}
