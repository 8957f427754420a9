/**
 * The dependant form (adding and editing share it) checked before it goes to the API, and a
 * refused removal read back: the API names each upcoming appointment in its error details as
 * `appointments.<id>` / `starts <instant>`.
 */
import type { FieldErrors } from '../form-feedback';
import { relationships, sexes, type DependantField } from '../profile';
import type { ApiErrorDetail } from './api-http';

export type DependantValues = Record<DependantField, string>;

/** What the form needs before the API is asked: the same for adding and editing. */
export function checkDependant(values: DependantValues): FieldErrors<DependantField> {
  const fieldErrors: FieldErrors<DependantField> = {};
  if (!(relationships as readonly string[]).includes(values.relationship))
    fieldErrors.relationship = 'Choose how they are related to you.';
  if (!values.name) fieldErrors.name = 'Enter their name.';
  if (!values.dateOfBirth) fieldErrors.dateOfBirth = 'Enter their date of birth.';
  if (!(sexes as readonly string[]).includes(values.sex)) fieldErrors.sex = 'Choose an option.';
  return fieldErrors;
}

export interface UpcomingAppointment {
  id: string;
  startsAt: string;
}

const APPOINTMENT_PATH = /^appointments\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const STARTS = /^starts (\S+)$/;

/** The upcoming appointments a refused removal names; details of any other shape are left out. */
export function upcomingFromDetails(details: readonly ApiErrorDetail[]): UpcomingAppointment[] {
  return details.flatMap(({ path, message }) => {
    const id = APPOINTMENT_PATH.exec(path)?.[1];
    const startsAt = STARTS.exec(message)?.[1];
    return id && startsAt && !Number.isNaN(Date.parse(startsAt)) ? [{ id, startsAt }] : [];
  });
}
