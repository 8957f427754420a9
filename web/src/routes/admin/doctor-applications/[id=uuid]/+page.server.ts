import { error, fail } from '@sveltejs/kit';
import { summarizeApplication } from '$lib/application-summary';
import { isAdminDecision, isReasonCode } from '$lib/doctor';
import { explain, httpStatusFor, readValues, redirectIfSessionEnded } from '$lib/server/form-actions';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

/**
 * One application as the API's admin read gives it: status, what is missing, the applicant's
 * profile (whatever their status: an admin needs it before verifying), documents and timeline.
 * The catalog only names the specializations (the admin's, so retired ones keep their names);
 * without it the ids are shown.
 */
export const load: PageServerLoad = async ({ locals, params, url }) => {
  requireRole(locals, url, 'admin');
  const [application, catalog] = await Promise.all([
    locals.api.verification.application(params.id),
    locals.api.verification.specializationCatalog(),
  ]);
  if (!application.ok) {
    redirectIfSessionEnded(application.status, url);
    error(httpStatusFor(application.status), `The application could not be loaded: ${application.error.message}`);
  }
  const shown = url.searchParams.get('doc');
  return {
    application: application.data,
    summary: summarizeApplication(application.data.timeline),
    specializations: catalog.ok ? catalog.data.items : [],
    shown: application.data.documents.find((d) => d.id === shown) ?? null,
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
    // The page shows the status the decision answered with, before the reload catches up.
    return { ok: true as const, decision: values.decision, status: result.data.status };
  },
};
