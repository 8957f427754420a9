import { error } from '@sveltejs/kit';
import { httpStatusFor, redirectIfSessionEnded } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import { practiceActions } from '$lib/server/practice';
import { missingDocuments } from '$lib/server/practice/application-actions';
import { asDoctor } from '$lib/server/practice/as-doctor';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, 'doctor');
  const [application, documentsMissing] = await Promise.all([
    locals.api.practice.application(),
    missingDocuments(locals.api),
  ]);
  if (!application.ok) {
    redirectIfSessionEnded(application.status, url);
    error(httpStatusFor(application.status), `Your application could not be loaded: ${application.error.message}`);
  }
  return {
    application: application.data,
    documentsMissing: documentsMissing ?? [],
    justSubmitted: url.searchParams.get('submitted') === '1',
  };
};

export const actions = { submit: asDoctor(practiceActions.submit) } satisfies Actions;
