import { error } from '@sveltejs/kit';
import { httpStatusFor } from '$lib/server/form-actions';
import type { PageServerLoad } from './$types';

/** Exists only while the API serves its outbox (development and tests); 404 otherwise, like the API. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const recipient = url.searchParams.get('recipient')?.trim() ?? '';
  const result = await locals.api.dev.outbox(recipient || undefined);
  if (!result.ok) {
    if (result.status === 404) error(404, 'Not found');
    error(httpStatusFor(result.status), `The outbox could not be loaded: ${result.error.message}`);
  }
  return { recipient, messages: result.data };
};
