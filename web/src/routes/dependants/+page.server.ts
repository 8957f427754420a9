import { error, redirect } from '@sveltejs/kit';
import { dependantFields } from '$lib/profile';
import { checkDependant, upcomingFromDetails } from '$lib/server/dependant-form';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded, rejected, text } from '$lib/server/form-actions';
import type { Actions, PageServerLoad } from './$types';

/**
 * The guardian's dependants. `?edit=<id>` opens the edit form and `?remove=<id>` the removal's
 * confirmation (both in the address, so they work the same with and without JavaScript).
 */
export const load: PageServerLoad = async ({ locals, url }) => {
  const list = await locals.api.account.dependants();
  if (!list.ok) {
    redirectIfSessionEnded(list.status, url);
    error(httpStatusFor(list.status), `Your dependants could not be loaded: ${list.error.message}`);
  }
  const named = (param: string) => {
    const id = url.searchParams.get(param);
    return id ? (list.data.find((dependant) => dependant.id === id) ?? null) : null;
  };
  return {
    dependants: list.data,
    // One key per rendered form: a resubmitted or retried form cannot add the same person twice.
    addKey: crypto.randomUUID(),
    editing: named('edit'),
    removing: named('remove'),
    saved: url.searchParams.get('saved'),
    removed: url.searchParams.has('removed'),
  };
};

const invalid = (fieldErrors: ReturnType<typeof checkDependant>) => ({
  message: 'Please correct the highlighted fields.',
  fieldErrors,
  otherDetails: [],
});

export const actions: Actions = {
  add: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = readValues(form, dependantFields);
    const idempotencyKey = text(form, 'idempotencyKey');
    const key = idempotencyKey.length >= 8 && idempotencyKey.length <= 200 ? idempotencyKey : undefined;
    const extra = { action: 'add' as const, idempotencyKey: key ?? null };
    const fieldErrors = checkDependant(values);
    if (Object.keys(fieldErrors).length > 0) return rejected(400, values, invalid(fieldErrors), extra);

    const result = await locals.api.account.addDependant(values, key);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, dependantFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), values, explained, extra);
    }
    return { action: 'add' as const, ok: true as const, added: result.data };
  },

  edit: async ({ request, locals, url }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const values = readValues(form, dependantFields);
    const revision = Number.parseInt(text(form, 'revision'), 10);
    const extra = { action: 'edit' as const, id };
    const fieldErrors = checkDependant(values);
    if (Object.keys(fieldErrors).length > 0) return rejected(400, values, invalid(fieldErrors), extra);

    // Every field of the form goes: the API records only what actually changed.
    const result = await locals.api.account.updateDependant(id, values, Number.isNaN(revision) ? undefined : revision);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, dependantFields, locals.api.baseUrl);
      if (result.status === 409 && result.error.code === 'CONCURRENT_MODIFICATION') {
        explained.message =
          'Their details changed since you opened this form (another tab or device?). Your edits are below: check them against the list and save again.';
      }
      return rejected(httpStatusFor(result.status), values, explained, extra);
    }
    redirect(303, `/dependants?saved=${encodeURIComponent(id)}`);
  },

  remove: async ({ request, locals, url }) => {
    const form = await request.formData();
    const id = text(form, 'id');
    const result = await locals.api.account.removeDependant(id);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const upcoming =
        result.error.code === 'DEPENDANT_HAS_UPCOMING_APPOINTMENTS' ? upcomingFromDetails(result.error.details) : [];
      // The appointments are listed as links; only details of another shape stay as text.
      const explained = explain(
        { ...result.error, details: upcoming.length > 0 ? [] : result.error.details },
        result.status,
        [],
        locals.api.baseUrl,
      );
      return rejected(httpStatusFor(result.status), {}, explained, { action: 'remove' as const, id, upcoming });
    }
    // No name in the address: it would land in histories and logs.
    redirect(303, '/dependants?removed=1');
  },
};
