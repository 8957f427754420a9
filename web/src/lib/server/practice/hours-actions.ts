/**
 * `?/availability`, `?/blockTime` and `?/unblockTime`: opening hours and time off. The API
 * refuses (409 AVAILABILITY_CONFLICT) a change that would leave booked appointments outside the
 * hours; the answer then lists them, and nothing is saved.
 */
import { blockReasons } from '../../doctor';
import {
  availabilityDraftFromForm,
  availabilityFromDraft,
  placeAvailabilityDetails,
} from '../../practice/availability-draft';
import { zonedLocalToUtc } from '../../zoned-time';
import { readValues, text } from '../form-actions';
import { apiRefusal, refused, revisionOf, saved, type PracticeEvent } from './section-answers';

export async function saveAvailability(event: PracticeEvent) {
  const form = await event.request.formData();
  const draft = availabilityDraftFromForm(form);
  const checked = availabilityFromDraft(draft);
  if (!checked.ok) {
    return refused(400, 'availability', draft, 'Please correct the highlighted fields.', {
      fieldErrors: checked.fieldErrors,
    });
  }
  const result = await event.locals.api.practice.saveAvailability(checked.availability, revisionOf(form));
  if (!result.ok) {
    return apiRefusal(event, 'availability', draft, result, [], {
      place: (details) => placeAvailabilityDetails(details, checked.rowKeys),
    });
  }
  return saved('availability', 'Opening hours saved.');
}

const timeOffFields = ['from', 'to', 'reason'] as const;
const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (inclusive) on the doctor's own clock, as one blocked range. */
export async function blockTime(event: PracticeEvent) {
  const form = await event.request.formData();
  const values = readValues(form, timeOffFields);
  const timeZone = text(form, 'timeZone');
  const to = values.to || values.from;
  const fieldErrors: Partial<Record<string, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from)) fieldErrors.from = 'Choose the first day off.';
  if (to < values.from) fieldErrors.to = 'The last day must not be before the first.';
  const reason = (blockReasons as readonly string[]).includes(values.reason) ? values.reason : 'other';
  if (!timeZone) fieldErrors.from = 'Set your opening hours (and time zone) before adding time off.';
  const startsAt = zonedLocalToUtc(`${values.from}T00:00`, timeZone || 'UTC');
  const endsAt = zonedLocalToUtc(`${nextDay(to)}T00:00`, timeZone || 'UTC');
  if (!startsAt.ok || !endsAt.ok) fieldErrors.from ??= 'These days could not be read in your time zone.';
  if (Object.keys(fieldErrors).length > 0 || !startsAt.ok || !endsAt.ok) {
    return refused(400, 'timeOff', values, 'Please correct the highlighted fields.', { fieldErrors });
  }
  const result = await event.locals.api.practice.blockTime({
    startsAt: startsAt.instant,
    endsAt: endsAt.instant,
    reason,
  });
  if (!result.ok) return apiRefusal(event, 'timeOff', values, result, timeOffFields);
  return saved('timeOff', 'Time off added: patients cannot book you then.');
}

export async function unblockTime(event: PracticeEvent) {
  const id = text(await event.request.formData(), 'id');
  if (!id) return refused(400, 'timeOff', {}, 'Which time off? The form did not say.');
  const result = await event.locals.api.practice.unblockTime(id);
  if (!result.ok) return apiRefusal(event, 'timeOff', {}, result, [], { target: id });
  return saved('timeOff', 'Time off removed.', id);
}
