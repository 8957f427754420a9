/**
 * Doctors' faces: the API names a photo by its own path (`/api/v1/doctors/<id>/photo?v=<version>`),
 * which the browser cannot reach (the API is private to this server, and the CSP allows images
 * from this origin only). Pages show it through this server's route `/doctors/<id>/photo`, keeping
 * the version so a new photo is a new URL; without a photo they show the doctor's initials.
 */

const API_PHOTO = /^\/api\/v1\/doctors\/([0-9a-f-]{36})\/photo(?:\?v=([A-Za-z0-9-]{1,64}))?$/i;

/** This server's address for the API's photo URL; null without a photo or for anything unexpected. */
export function photoPath(apiPhotoUrl: string | null | undefined): string | null {
  const match = apiPhotoUrl ? API_PHOTO.exec(apiPhotoUrl) : null;
  if (!match) return null;
  const [, doctorId, version] = match;
  return `/doctors/${doctorId}/photo${version ? `?v=${version}` : ''}`;
}

/** "Dr. Ana Maria Costa" → "AM": at most two letters, without the title. */
export function initialsOf(displayName: string): string {
  return displayName
    .replace(/^Dr\.?\s+/i, '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}
