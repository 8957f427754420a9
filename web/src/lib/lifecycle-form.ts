/**
 * The contract between the lifecycle form actions (lib/server/lifecycle-actions.ts) and the pages
 * that post to them: which step was tried, for which appointment, and on failure the API's message
 * (with what to do next), its code, and errors placed next to the fields they name.
 */
import type { PrescriptionFailure } from './prescription-form';

export type LifecycleStep = 'cancel' | 'reschedule' | 'checkIn' | 'admit' | 'end' | 'review' | 'prescribe';

export interface StepDone {
  action: LifecycleStep;
  ok: true;
  id: string;
  status: string;
}

export interface StepFailure {
  action: Exclude<LifecycleStep, 'prescribe'>;
  ok: false;
  id: string;
  message: string;
  code: string | null;
  fieldErrors: Partial<Record<string, string>>;
  otherDetails: string[];
  /** What was typed, so nothing is lost (the review's comment, the chosen reason). */
  values: Record<string, string>;
}

export type LifecycleActionData = StepDone | StepFailure | PrescriptionFailure;

export const reviewCommentMax = 2000;

/** The ratings offered, best last, with words for screen readers and the visible hint. */
export const ratingWords: Record<number, string> = {
  1: 'Poor',
  2: 'Fair',
  3: 'Good',
  4: 'Very good',
  5: 'Excellent',
};
