/**
 * What to do next after the API refused a booking-lifecycle step. The API's message says what went
 * wrong; this adds the way forward, by the error's stable code, then by HTTP status. Pure.
 */

const byCode: Record<string, string> = {
  SLOT_UNAVAILABLE: 'Someone else took this time a moment ago. Choose another time.',
  STARTS_IN_PAST: 'Choose a time that is still ahead.',
  SAME_TIME: 'Choose a different time, or keep the one you have.',
  RESCHEDULE_LIMIT_REACHED: 'To change it again, cancel this appointment and book a new time.',
  TOO_LATE_TO_RESCHEDULE: 'It can no longer be moved; contact the doctor if you cannot attend.',
  TOO_EARLY: 'Come back when check-in opens; this page enables the button by itself.',
  INVALID_STATE: 'The appointment has moved on meanwhile. The page now shows where it stands.',
  APPOINTMENT_NOT_ACTIVE: 'The appointment has moved on meanwhile. The page now shows where it stands.',
  ALREADY_REVIEWED: 'Your earlier review stands; thank you.',
  REVIEW_WINDOW_CLOSED: 'Reviews are accepted for a limited time after the consultation.',
  ALREADY_PRESCRIBED: 'The prescription issued earlier stands; it is shown to the patient.',
  PAYMENT_REQUIRED: 'Pay for the appointment first, then try again.',
  PATIENT_ROLE_REQUIRED: 'Booking is for patient accounts. Sign up as a patient to book.',
  VALIDATION_FAILED: 'Correct the marked fields and send it again.',
};

/** A sentence to show after the API's message; empty when the message says it all. */
export function nextStepAdvice(code: string | null, status: number): string {
  if (code && byCode[code]) return byCode[code];
  if (status === 0 || status === 503) return 'The service is not answering. Try again in a moment.';
  if (status === 401) return 'Log in again, then retry.';
  if (status === 403) return 'Your account may not do this here.';
  if (status === 404) return 'It may have been cancelled, or it is not yours to see. Go back to your appointments.';
  if (status === 409) return 'Reload the page to see the current state, then try again.';
  if (status === 422 || status === 400) return 'Correct the marked fields and send it again.';
  if (status === 429) return 'Wait a moment before trying again.';
  if (status >= 500) return 'Something went wrong on our side. Try again in a moment.';
  return '';
}

/** The API's message followed by the advice, as one text for a banner. */
export function withAdvice(message: string, code: string | null, status: number): string {
  const advice = nextStepAdvice(code, status);
  if (!advice) return message;
  const base = message.trim();
  return `${base}${/[.!?]$/.test(base) ? '' : '.'} ${advice}`;
}
