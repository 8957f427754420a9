import { error, fail } from '@sveltejs/kit';
import { isAdminDecision, isReasonCode } from '$lib/doctor';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/**
 * One application. The API has no admin read of a single applicant yet, so the summary comes from
 * the queue (all views) and the full profile from the public directory, which only has it once the
 * doctor is verified; the documents come from the admin documents endpoint (each read audited).
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  requireRole(locals, url, 'admin');
  const [queue, documents, profile] = await Promise.all([
    locals.api.verification.queue({ waiting: false, first: 200 }),
    locals.api.verification.doctorDocuments(params.id),
    locals.api.doctors.doctor(params.id),
  ]);
  redirectIfSessionEnded(queue.status, url);
  if (!queue.ok) error(httpStatusFor(queue.status), `The application could not be loaded: ${queue.error.message}`);
  const item = queue.data.items.find((entry) => entry.doctorId === params.id);
  if (!item) error(404, 'No application from this doctor (among the 200 most recent).');
  const shown = url.searchParams.get('doc');
  return {
    item,
    documents: documents.ok ? documents.data.items : [],
    documentsError: documents.ok ? null : documents.error.message,
    profile: profile.ok ? profile.data : null,
    shown: documents.ok ? (documents.data.items.find((d) => d.id === shown) ?? null) : null,
    now: Date.now(),
  };
};

const decisionFields = ['decision', 'reason', 'note'] as const;

export const actions: Actions = {
  decide: async ({ locals, params, request, url }) => {
    requireRole(locals, url, 'admin');
    const values = readValues(await request.formData(), decisionFields);
    const fieldErrors: Partial<Record<(typeof decisionFields)[number], string>> = {};
    if (!isAdminDecision(values.decision)) fieldErrors.decision = 'Choose a decision.';
    if (!isReasonCode(values.reason)) fieldErrors.reason = 'Choose a reason.';
    if (values.decision === 'request_information' && !values.note) {
      fieldErrors.note = 'Tell the doctor what you need from them.';
    }
    if (values.note.length > 500)
      fieldErrors.note = `Keep the note under 500 characters (it has ${values.note.length}).`;
    if (Object.keys(fieldErrors).length > 0) {
      return fail(400, {
        ok: false as const,
        message: 'Please correct the highlighted fields.',
        fieldErrors,
        otherDetails: [],
        values,
      });
    }
    const result = await locals.api.verification.decide(params.id, {
      decision: values.decision,
      reason: { code: values.reason, ...(values.note ? { note: values.note } : {}) },
    });
    if (!result.ok) {
      redirectIfSessionEnded(result.status, url);
      const explained = explain(result.error, result.status, decisionFields, locals.api.baseUrl);
      return fail(httpStatusFor(result.status), { ok: false as const, ...explained, values });
    }
    // The queue is a read model and may lag; the page shows the status the decision answered with.
    return { ok: true as const, decision: values.decision, status: result.data.status };
  },
};
