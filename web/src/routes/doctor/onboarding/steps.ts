/** The onboarding wizard's steps, and which are done, from the practice as the API holds it. */
import { requiredDocumentKinds } from '$lib/doctor';
import type { PracticeView } from '$lib/server/practice';

export const steps = ['profile', 'credentials', 'practice', 'review'] as const;
export type Step = (typeof steps)[number];

export const stepLabels: Record<Step, string> = {
  profile: 'Profile',
  credentials: 'Credentials',
  practice: 'Practice setup',
  review: 'Review and submit',
};

export const isStep = (value: string | null): value is Step => (steps as readonly (string | null)[]).includes(value);

export function stepsDone(view: PracticeView): Record<Step, boolean> {
  const kinds = new Set(view.documents.map((document) => document.kind));
  return {
    profile: view.profile !== null,
    credentials: requiredDocumentKinds.every((kind) => kinds.has(kind)),
    practice: view.availability !== null && view.methods.length > 0 && view.services.length > 0,
    review: view.application.status !== 'none',
  };
}

export function firstOpenStep(done: Record<Step, boolean>): Step {
  return steps.find((step) => !done[step]) ?? 'review';
}
