/** One function builds each stream id and workflow id of the doctor practice. */
const PRACTICE = 'doctor-';
const VERIFICATION = 'doctor-verification-';

export const doctorStreamId = (doctorId: string) => `${PRACTICE}${doctorId}`;
export const doctorVerificationStreamId = (doctorId: string) => `${VERIFICATION}${doctorId}`;
export const doctorVerificationWorkflowId = (doctorId: string) => `doctor-verification/${doctorId}`;
/** Admins' free-text notes, kept out of Temporal: written by the API, referenced by id from the workflow. */
export const verificationNotesStreamId = (doctorId: string) => `verification-notes-${doctorId}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Which doctor stream this is, if any ("doctor-verification-…" is not a practice stream). */
export function parseDoctorStreamId(
  streamId: string,
): { readonly kind: 'practice' | 'verification'; readonly doctorId: string } | undefined {
  if (streamId.startsWith(VERIFICATION)) {
    const doctorId = streamId.slice(VERIFICATION.length);
    return UUID.test(doctorId) ? { kind: 'verification', doctorId } : undefined;
  }
  if (streamId.startsWith(PRACTICE)) {
    const doctorId = streamId.slice(PRACTICE.length);
    return UUID.test(doctorId) ? { kind: 'practice', doctorId } : undefined;
  }
  return undefined;
}
