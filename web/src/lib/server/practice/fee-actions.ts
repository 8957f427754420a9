/** `?/methods`, `?/addService`, `?/updateService`, `?/removeService` and `?/online`: what patients can book, and for how much. */
import { methodsDraftFromForm, methodsFromDraft, placeMethodsDetails } from '../../practice/methods-draft';
import { serviceDraftFromForm, serviceFields, serviceFromDraft } from '../../practice/service-draft';
import { text } from '../form-actions';
import { apiRefusal, refused, revisionOf, saved, type PracticeEvent } from './section-answers';

export async function saveMethods(event: PracticeEvent) {
  const form = await event.request.formData();
  const draft = methodsDraftFromForm(form);
  const checked = methodsFromDraft(draft);
  if (!checked.ok) {
    return refused(400, 'methods', draft, 'Please correct the highlighted fields.', {
      fieldErrors: checked.fieldErrors,
    });
  }
  const result = await event.locals.api.practice.saveMethods(checked.methods, revisionOf(form));
  if (!result.ok) {
    return apiRefusal(event, 'methods', draft, result, [], {
      place: (details) => placeMethodsDetails(details, checked.order),
    });
  }
  return saved('methods', 'Consultation methods and fees saved.');
}

/** The practice's currency, which a service's special fee is charged in. */
async function practiceCurrency(event: PracticeEvent): Promise<string | null> {
  const methods = await event.locals.api.practice.methods();
  return methods.ok ? (methods.data.methods[0]?.fee.currency ?? null) : null;
}

/** Adds a service, or changes the one the form's `id` names. */
async function writeService(event: PracticeEvent, mode: 'add' | 'update') {
  const form = await event.request.formData();
  const draft = serviceDraftFromForm(form);
  const id = mode === 'update' ? text(form, 'id') : null;
  const target = id ?? 'new';
  if (mode === 'update' && !id) return refused(400, 'services', draft, 'Which service? The form did not say.');
  const checked = serviceFromDraft(draft, await practiceCurrency(event));
  if (!checked.ok) {
    const placed = { fieldErrors: checked.fieldErrors };
    return refused(400, 'services', draft, 'Please correct the highlighted fields.', placed, { target });
  }
  const practice = event.locals.api.practice;
  const result = id ? await practice.updateService(id, checked.service) : await practice.addService(checked.service);
  if (!result.ok) return apiRefusal(event, 'services', draft, result, serviceFields, { target });
  return saved('services', id ? `“${checked.service.name}” saved.` : `“${checked.service.name}” added.`, target);
}

export const addService = (event: PracticeEvent) => writeService(event, 'add');
export const updateService = (event: PracticeEvent) => writeService(event, 'update');

export async function removeService(event: PracticeEvent) {
  const id = text(await event.request.formData(), 'id');
  if (!id) return refused(400, 'services', {}, 'Which service? The form did not say.');
  const result = await event.locals.api.practice.removeService(id);
  if (!result.ok) return apiRefusal(event, 'services', {}, result, [], { target: id });
  return saved('services', 'Service removed. Appointments already booked for it stay booked.', id);
}

export async function setOnline(event: PracticeEvent) {
  const online = text(await event.request.formData(), 'online') === 'true';
  const result = await event.locals.api.practice.setOnline(online);
  if (!result.ok) return apiRefusal(event, 'online', {}, result, []);
  return saved(
    'online',
    result.data.online
      ? 'You are online: once verified, patients can find and book you.'
      : 'You are offline: patients cannot book you until you go online again.',
  );
}
