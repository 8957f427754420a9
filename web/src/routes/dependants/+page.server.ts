import { error } from '@sveltejs/kit';
import { dependantFields, relationships, sexes, type Relationship, type Sex } from '$lib/profile';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded, rejected, text } from '$lib/server/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const list = await locals.api.account.dependants();
  if (!list.ok) {
    redirectIfSessionEnded(list.status, url);
    error(httpStatusFor(list.status), `Your dependants could not be loaded: ${list.error.message}`);
  }
  // One key per rendered form: a resubmitted or retried form cannot add the same person twice.
  return { dependants: list.data, addKey: crypto.randomUUID() };
};

const isRelationship = (value: string): value is Relationship => (relationships as readonly string[]).includes(value);
const isSex = (value: string): value is Sex => (sexes as readonly string[]).includes(value);

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = readValues(form, dependantFields);
    const idempotencyKey = text(form, 'idempotencyKey');
    const key = idempotencyKey.length >= 8 && idempotencyKey.length <= 200 ? idempotencyKey : undefined;
    const fieldErrors: Partial<Record<(typeof dependantFields)[number], string>> = {};
    if (!isRelationship(values.relationship)) fieldErrors.relationship = 'Choose how they are related to you.';
    if (!values.name) fieldErrors.name = 'Enter their name.';
    if (!values.dateOfBirth) fieldErrors.dateOfBirth = 'Enter their date of birth.';
    if (!isSex(values.sex)) fieldErrors.sex = 'Choose an option.';
    if (Object.keys(fieldErrors).length > 0) {
      return rejected(
        400,
        values,
        { message: 'Please correct the highlighted fields.', fieldErrors, otherDetails: [] },
        { idempotencyKey: key ?? null },
      );
    }

    const result = await locals.api.account.addDependant(values, key);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, dependantFields, locals.api.baseUrl);
      return rejected(httpStatusFor(result.status), values, explained, { idempotencyKey: key ?? null });
    }
    return { ok: true as const, added: result.data };
  },
};
