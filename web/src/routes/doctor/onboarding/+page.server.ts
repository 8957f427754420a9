import { availabilityDraftFromApi } from '$lib/practice/availability-draft';
import { methodsDraftFromApi } from '$lib/practice/methods-draft';
import { profileDraftFromApi } from '$lib/practice/profile-draft';
import { requireRole } from '$lib/server/guards';
import { loadPractice, practiceActions } from '$lib/server/practice';
import { asDoctor, practiceActionsAsDoctor } from '$lib/server/practice/as-doctor';
import { firstOpenStep, isStep, stepsDone, type Step } from './steps';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const session = requireRole(locals, url, 'doctor');
  const view = await loadPractice(locals.api, url);
  const done = stepsDone(view);
  const asked = url.searchParams.get('step');
  return {
    doctorId: session.accountId,
    view,
    done,
    step: isStep(asked) ? asked : firstOpenStep(done),
    drafts: {
      profile: profileDraftFromApi(view.profile),
      availability: availabilityDraftFromApi(view.availability),
      methods: methodsDraftFromApi(view.methods),
    },
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
};

const stepUrl = (step: Step) => `/doctor/onboarding?step=${step}`;

export const actions = {
  ...practiceActionsAsDoctor(),
  // Saving the profile moves on to the next step; the other steps hold several forms and stay.
  profile: asDoctor(practiceActions.profile, stepUrl('credentials')),
  submit: asDoctor(practiceActions.submit, '/doctor/application?submitted=1'),
} satisfies Actions;
