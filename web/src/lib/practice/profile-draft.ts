/**
 * The practice profile form ↔ the API's profile. The draft is what the form shows (text as typed,
 * so a failed save loses nothing); `profileFromDraft` checks what the browser could not and builds
 * the API's body. The API validates again and its details land on the same fields.
 */
import type { PracticeProfile } from '../server/doctor-schemas';
import type { FieldErrors } from '../form-feedback';
import { allOf, rowsOf, textOf, wholeNumber } from './form-values';

export const profileFields = [
  'displayName',
  'practiceName',
  'bio',
  'specializationIds',
  'yearsOfExperience',
  'languages',
  'licence.number',
  'licence.issuingBody',
  'education',
] as const;
export type ProfileField = (typeof profileFields)[number];

export interface EducationDraft {
  degree: string;
  institution: string;
  year: string;
}

export interface ProfileDraft {
  displayName: string;
  practiceName: string;
  bio: string;
  specializationIds: string[];
  yearsOfExperience: string;
  languages: string[];
  /** More BCP 47 tags, comma-separated, for languages outside the checkbox list. */
  otherLanguages: string;
  licenceNumber: string;
  issuingBody: string;
  education: EducationDraft[];
}

export function profileDraftFromApi(profile: PracticeProfile | null): ProfileDraft {
  return {
    displayName: profile?.displayName ?? '',
    practiceName: profile?.practiceName ?? '',
    bio: profile?.bio ?? '',
    specializationIds: profile?.specializationIds ?? [],
    yearsOfExperience: profile ? String(profile.yearsOfExperience) : '',
    languages: profile?.languages ?? [],
    otherLanguages: '',
    licenceNumber: profile?.licence.number ?? '',
    issuingBody: profile?.licence.issuingBody ?? '',
    education: (profile?.education ?? []).map((entry) => ({
      degree: entry.degree,
      institution: entry.institution,
      year: entry.year === undefined ? '' : String(entry.year),
    })),
  };
}

export function profileDraftFromForm(form: FormData): ProfileDraft {
  return {
    displayName: textOf(form, 'displayName'),
    practiceName: textOf(form, 'practiceName'),
    bio: textOf(form, 'bio'),
    specializationIds: allOf(form, 'specializationIds'),
    yearsOfExperience: textOf(form, 'yearsOfExperience'),
    languages: allOf(form, 'languages'),
    otherLanguages: textOf(form, 'otherLanguages'),
    licenceNumber: textOf(form, 'licence.number'),
    issuingBody: textOf(form, 'licence.issuingBody'),
    education: rowsOf(form, 'education', ['degree', 'institution', 'year'] as const).filter(
      (row) => row.degree || row.institution || row.year,
    ),
  };
}

function languagesOf(draft: ProfileDraft): string[] {
  const typed = draft.otherLanguages.split(/[,\s]+/).filter(Boolean);
  return [...new Set([...draft.languages, ...typed])];
}

export type ProfileCheck =
  { ok: true; profile: PracticeProfile } | { ok: false; fieldErrors: FieldErrors<ProfileField> };

export function profileFromDraft(draft: ProfileDraft): ProfileCheck {
  const fieldErrors: FieldErrors<ProfileField> = {};
  if (!draft.displayName) fieldErrors.displayName = 'Enter the name patients will see, such as “Dr. Ana Macuácua”.';
  if (!draft.practiceName) fieldErrors.practiceName = 'Enter the name of your practice or clinic.';
  if (draft.specializationIds.length === 0) fieldErrors.specializationIds = 'Choose at least one specialization.';
  const years = wholeNumber(draft.yearsOfExperience, 0, 80);
  if (!years.ok) fieldErrors.yearsOfExperience = years.message;
  const languages = languagesOf(draft);
  if (languages.length === 0) fieldErrors.languages = 'Choose at least one language you consult in.';
  if (!draft.licenceNumber) fieldErrors['licence.number'] = 'Enter your licence number.';
  if (!draft.issuingBody) fieldErrors['licence.issuingBody'] = 'Enter who issued your licence.';

  const education: PracticeProfile['education'] = [];
  for (const row of draft.education) {
    const year = row.year ? wholeNumber(row.year, 1940, 2100) : null;
    if (!row.degree || !row.institution) fieldErrors.education = 'Each entry needs a degree and an institution.';
    else if (year && !year.ok) fieldErrors.education = `Year: ${year.message}`;
    else
      education.push({ degree: row.degree, institution: row.institution, ...(year?.ok ? { year: year.value } : {}) });
  }

  if (Object.keys(fieldErrors).length > 0 || !years.ok) return { ok: false, fieldErrors };
  return {
    ok: true,
    profile: {
      displayName: draft.displayName,
      practiceName: draft.practiceName,
      bio: draft.bio,
      specializationIds: draft.specializationIds,
      yearsOfExperience: years.value,
      languages,
      licence: { number: draft.licenceNumber, issuingBody: draft.issuingBody },
      education,
    },
  };
}
