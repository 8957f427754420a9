import { error, fail } from '@sveltejs/kit';
import { slugFrom } from '$lib/durations';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, 'admin');
  const catalog = await locals.api.doctors.specializations();
  if (!catalog.ok) error(httpStatusFor(catalog.status), `The catalog could not be loaded: ${catalog.error.message}`);
  return { specializations: catalog.data.items };
};

const fields = ['name', 'id'] as const;

export const actions: Actions = {
  default: async ({ locals, request, url }) => {
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
      return fail(httpStatusFor(result.status), { ok: false as const, ...explained, values });
    }
    return { ok: true as const, added: result.data };
  },
};
