/** Practice actions for a route: each checks the doctor role first (actions skip layout loads). */
import { isActionFailure, redirect, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '../guards';
import { practiceActions } from './index';

/** `next`: where to go after a successful save (the wizard's next step); stay on the page otherwise. */
export function asDoctor<R>(action: (event: RequestEvent) => Promise<R>, next?: string) {
  return async (event: RequestEvent): Promise<R> => {
    requireRole(event.locals, event.url, 'doctor');
    const answer = await action(event);
    if (next && !isActionFailure(answer)) redirect(303, next);
    return answer;
  };
}

export function practiceActionsAsDoctor(): typeof practiceActions {
  const guarded = Object.entries(practiceActions).map(([name, action]) => [
    name,
    asDoctor(action as (event: RequestEvent) => Promise<unknown>),
  ]);
  return Object.fromEntries(guarded) as typeof practiceActions;
}
