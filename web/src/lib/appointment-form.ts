/** The contract between the `?/cancel` form action and the appointments page. (Booking lives on each doctor's page.) */

export type CancelActionData =
  | { action: 'cancel'; ok: true; id: string }
  | { action: 'cancel'; ok: false; id: string; reason: string; message: string };

export const defaultCancelReason = 'patient_request';
