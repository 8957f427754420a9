/**
 * The profile form ↔ the API's partial profile. An emptied field clears the value (null); the
 * emergency contact is all three parts or none, as the API requires.
 */
import { compactPhone, profileFields, type ProfileField } from '../profile';
import type { FieldErrors } from '../form-feedback';
import type { ProfilePatch } from './account-api';
import type { Profile } from './identity-schemas';

export type ProfileValues = Record<ProfileField, string>;

export function valuesFromProfile(profile: Profile | null): ProfileValues {
  const contact = profile?.emergencyContact;
  return {
    name: profile?.name ?? '',
    dateOfBirth: profile?.dateOfBirth ?? '',
    sex: profile?.sex ?? '',
    phone: profile?.phone ?? '',
    email: profile?.email ?? '',
    preferredLanguage: profile?.preferredLanguage ?? '',
    timeZone: profile?.timeZone ?? '',
    'emergencyContact.name': contact?.name ?? '',
    'emergencyContact.phone': contact?.phone ?? '',
    'emergencyContact.relationship': contact?.relationship ?? '',
  };
}

export function patchFromValues(
  values: ProfileValues,
): { ok: true; patch: ProfilePatch } | { ok: false; fieldErrors: FieldErrors<ProfileField> } {
  const orNull = (value: string) => (value === '' ? null : value);
  const contact = {
    name: values['emergencyContact.name'],
    phone: compactPhone(values['emergencyContact.phone']),
    relationship: values['emergencyContact.relationship'],
  };
  const contactParts = Object.values(contact).filter(Boolean).length;
  if (contactParts > 0 && contactParts < 3) {
    const missing = 'Fill in all three, or leave the emergency contact empty.';
    const fieldErrors: FieldErrors<ProfileField> = {};
    if (!contact.name) fieldErrors['emergencyContact.name'] = missing;
    if (!contact.phone) fieldErrors['emergencyContact.phone'] = missing;
    if (!contact.relationship) fieldErrors['emergencyContact.relationship'] = missing;
    return { ok: false, fieldErrors };
  }
  return {
    ok: true,
    patch: {
      name: orNull(values.name),
      dateOfBirth: orNull(values.dateOfBirth),
      sex: orNull(values.sex),
      phone: orNull(compactPhone(values.phone)),
      email: orNull(values.email),
      preferredLanguage: orNull(values.preferredLanguage),
      timeZone: orNull(values.timeZone),
      emergencyContact: contactParts === 3 ? contact : null,
    },
  };
}

export { profileFields };
