/** `?/profile`: the practice profile (who patients see, what they practise, the licence). */
import { profileDraftFromForm, profileFields, profileFromDraft } from '../../practice/profile-draft';
import { apiRefusal, refused, revisionOf, saved, type PracticeEvent } from './section-answers';

export async function saveProfile(event: PracticeEvent) {
  const form = await event.request.formData();
  const draft = profileDraftFromForm(form);
  const checked = profileFromDraft(draft);
  if (!checked.ok) {
    return refused(400, 'profile', draft, 'Please correct the highlighted fields.', {
      fieldErrors: checked.fieldErrors,
    });
  }
  const result = await event.locals.api.practice.saveProfile(checked.profile, revisionOf(form));
  if (!result.ok) return apiRefusal(event, 'profile', draft, result, profileFields);
  return saved('profile', 'Profile saved.');
}
