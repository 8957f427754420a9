import { error } from '@sveltejs/kit';
import { languageLabel, languageTags } from '$lib/profile';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded, rejected, text } from '$lib/server/form-actions';
import { patchFromValues, profileFields, valuesFromProfile } from '$lib/server/profile-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = await locals.api.account.me();
  if (!me.ok) {
    redirectIfSessionEnded(me.status, url);
    error(httpStatusFor(me.status), `Your profile could not be loaded: ${me.error.message}`);
  }
  const values = valuesFromProfile(me.data.profile);
  const tags = new Set<string>(languageTags);
  if (values.preferredLanguage) tags.add(values.preferredLanguage);
  return {
    values,
    revision: me.data.profile?.revision ?? -1,
    accountEmail: me.data.account.email,
    welcome: url.searchParams.get('welcome') === '1',
    languages: [...tags].map((tag) => ({ value: tag, label: languageLabel(tag) })),
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
};

export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const values = readValues(form, profileFields);
    const revision = Number.parseInt(text(form, 'revision'), 10);
    const built = patchFromValues(values);
    if (!built.ok) {
      return rejected(400, values, {
        message: 'Please correct the highlighted fields.',
        fieldErrors: built.fieldErrors,
        otherDetails: [],
      });
    }
    const result = await locals.api.account.updateProfile(built.patch, Number.isNaN(revision) ? undefined : revision);
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, profileFields, locals.api.baseUrl);
      if (result.status === 409) {
        explained.message =
          'Your profile changed since you opened this page (another tab or device?). Your edits are below: check them against the saved profile and save again.';
      }
      // After a conflict the next save goes over the newer revision, which the reloaded page carries.
      return rejected(httpStatusFor(result.status), values, explained);
    }
    return { ok: true as const };
  },
};
