import { error } from '@sveltejs/kit';
import { httpStatusFor, redirectIfSessionEnded } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { QueueFilter } from '$lib/server/verification-api';
import type { PageServerLoad } from './$types';

const queueViews = ['waiting', 'escalated', 'all'] as const;
type QueueView = (typeof queueViews)[number];

const filters: Record<QueueView, QueueFilter> = {
  waiting: { waiting: true },
  escalated: { waiting: true, escalated: true },
  all: { waiting: false },
};

/** The verification queue: escalated first, then the longest waiting (the API's order). */
export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, 'admin');
  const asked = url.searchParams.get('view') ?? 'waiting';
  const view: QueueView = (queueViews as readonly string[]).includes(asked) ? (asked as QueueView) : 'waiting';
  const queue = await locals.api.verification.queue({ ...filters[view], first: 100 });
  if (!queue.ok) {
    redirectIfSessionEnded(queue.status, url);
    error(httpStatusFor(queue.status), `The queue could not be loaded: ${queue.error.message}`);
  }
  return { view, items: queue.data.items, now: Date.now() };
};
