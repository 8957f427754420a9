/** Profile and dependant vocabulary as the API names it (domain/patient), with labels for people. */

export const sexes = ['female', 'male', 'intersex', 'unknown'] as const;
export type Sex = (typeof sexes)[number];
export const sexLabels: Record<Sex, string> = {
  female: 'Female',
  male: 'Male',
  intersex: 'Intersex',
  unknown: 'Prefer not to say',
};

export const relationships = ['child', 'parent', 'spouse', 'other'] as const;
export type Relationship = (typeof relationships)[number];
export const relationshipLabels: Record<Relationship, string> = {
  child: 'Child',
  parent: 'Parent',
  spouse: 'Spouse or partner',
  other: 'Other',
};

export const profileFields = [
  'name',
  'dateOfBirth',
  'sex',
  'phone',
  'email',
  'preferredLanguage',
  'timeZone',
  'emergencyContact.name',
  'emergencyContact.phone',
  'emergencyContact.relationship',
] as const;
export type ProfileField = (typeof profileFields)[number];

export const dependantFields = ['relationship', 'name', 'dateOfBirth', 'sex'] as const;
export type DependantField = (typeof dependantFields)[number];

/** Languages offered for the profile (BCP 47); a stored tag outside this list is still shown. */
export const languageTags = [
  'en',
  'pt',
  'fr',
  'es',
  'sw',
  'ar',
  'am',
  'ha',
  'yo',
  'zu',
  'hi',
  'zh',
  'de',
  'it',
] as const;

/** "Português (pt)": each language in its own name, so a person finds theirs whatever the page language. */
export function languageLabel(tag: string): string {
  try {
    const own = new Intl.DisplayNames([tag], { type: 'language' }).of(tag);
    if (own && own !== tag) return `${own.charAt(0).toLocaleUpperCase(tag)}${own.slice(1)} (${tag})`;
  } catch {
    // Not a tag Intl knows: show it as stored.
  }
  return tag;
}

export function labelOf<T extends string>(labels: Record<T, string>, value: string | null): string {
  return value && value in labels ? labels[value as T] : (value ?? '—');
}

/** E.164 without the spaces and punctuation people type: "+258 84 123-4567" → "+258841234567". */
export function compactPhone(value: string): string {
  return value.replace(/[\s().-]/g, '');
}

/** Whole years between a YYYY-MM-DD birth date and `today` (YYYY-MM-DD); null when unreadable. */
export function ageOn(dateOfBirth: string | null, today: string): number | null {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth ?? '');
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!birth || !now) return null;
  const [, by, bm, bd] = birth.map(Number) as [number, number, number, number];
  const [, ny, nm, nd] = now.map(Number) as [number, number, number, number];
  const age = ny - by - (nm < bm || (nm === bm && nd < bd) ? 1 : 0);
  return age >= 0 ? age : null;
}
