import { availabilityDraftFromApi } from '$lib/practice/availability-draft';
import { methodsDraftFromApi } from '$lib/practice/methods-draft';
import { profileDraftFromApi } from '$lib/practice/profile-draft';
import { requireRole } from '$lib/server/guards';
import { loadPractice } from '$lib/server/practice';
import { practiceActionsAsDoctor } from '$lib/server/practice/as-doctor';
import type { Actions, PageServerLoad } from './$types';

/** Every part of the practice on one page, each with its own form; the same actions as the wizard. */
export const load: PageServerLoad = async ({ locals, url }) => {
  const session = requireRole(locals, url, 'doctor');
  const view = await loadPractice(locals.api, url);
  return {
    doctorId: session.accountId,
    view,
    drafts: {
      profile: profileDraftFromApi(view.profile),
      availability: availabilityDraftFromApi(view.availability),
      methods: methodsDraftFromApi(view.methods),
    },
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
};

export const actions = practiceActionsAsDoctor() satisfies Actions;
