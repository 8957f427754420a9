import { error, fail } from '@sveltejs/kit';
import { slugFrom } from '$lib/durations';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded, text } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, 'admin');
  const catalog = await locals.api.verification.specializationCatalog();
  if (!catalog.ok) error(httpStatusFor(catalog.status), `The catalog could not be loaded: ${catalog.error.message}`);
  return { specializations: catalog.data.items };
};

const fields = ['name', 'id'] as const;
const nameTaken = 'Another specialization has this name (whatever its case).';

/** Retire or restore: the same request, the opposite flag. */
function setRetired(retired: boolean) {
  const action = retired ? ('retire' as const) : ('restore' as const);
  return async ({ locals, request, url }: RequestEvent) => {
    requireRole(locals, url, 'admin');
    const id = text(await request.formData(), 'id');
    const result = await locals.api.verification.changeSpecialization(id, { retired });
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, [], locals.api.baseUrl);
      return fail(httpStatusFor(result.status), { ok: false as const, action, id, message: explained.message });
    }
    return { ok: true as const, action, changed: result.data };
  };
}

export const actions: Actions = {
  add: async ({ locals, request, url }) => {
    requireRole(locals, url, 'admin');
    const values = readValues(await request.formData(), fields);
    // The id is a permanent slug; when left empty it is made from the name.
    const entry = { name: values.name, id: values.id || slugFrom(values.name) };
    const fieldErrors: Partial<Record<(typeof fields)[number], string>> = {};
    if (entry.name.length < 2) fieldErrors.name = 'Enter the specialization’s name.';
    if (!/^[a-z][a-z0-9-]{1,47}$/.test(entry.id)) {
      fieldErrors.id = 'Use lower-case letters, digits and dashes, starting with a letter (e.g. sleep-medicine).';
    }
    if (Object.keys(fieldErrors).length > 0) {
      return fail(400, {
        ok: false as const,
        action: 'add' as const,
        message: 'Please correct the highlighted fields.',
        fieldErrors,
        otherDetails: [],
        values,
      });
    }
    const result = await locals.api.verification.addSpecialization(entry);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, fields, locals.api.baseUrl);
      if (result.error.code === 'SPECIALIZATION_EXISTS') {
        explained.fieldErrors.name = 'This name or id is already in the catalog.';
      }
      return fail(httpStatusFor(result.status), { ok: false as const, action: 'add' as const, ...explained, values });
    }
    return { ok: true as const, action: 'add' as const, added: result.data };
  },

  rename: async ({ locals, request, url }) => {
    requireRole(locals, url, 'admin');
    const form = await request.formData();
    const id = text(form, 'id');
    const name = text(form, 'name');
    const failed = (status: number, message: string) =>
      fail(status, { ok: false as const, action: 'rename' as const, id, name, message });
    if (name.length < 2) return failed(400, 'Enter the new name (at least 2 characters).');
    const result = await locals.api.verification.changeSpecialization(id, { name });
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      if (result.error.code === 'SPECIALIZATION_NAME_TAKEN') return failed(409, nameTaken);
      return failed(httpStatusFor(result.status), explain(result.error, result.status, [], locals.api.baseUrl).message);
    }
    return { ok: true as const, action: 'rename' as const, changed: result.data };
  },

  retire: setRetired(true),
  restore: setRetired(false),
};
