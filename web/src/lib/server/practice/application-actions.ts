/**
 * `?/submit`: (re)submit the verification application. The API needs a complete practice (422
 * PRACTICE_INCOMPLETE names what is missing); the web app also asks for the two credential
 * documents first, since an admin cannot verify a doctor without them.
 */
import { documentKindLabels, requiredDocumentKinds } from '../../doctor';
import { apiRefusal, refused, saved, type PracticeEvent } from './section-answers';

export async function missingDocuments(api: App.Locals['api']): Promise<string[] | null> {
  const documents = await api.practice.documents();
  if (!documents.ok) return null;
  const kinds = new Set(documents.data.items.map((document) => document.kind));
  return requiredDocumentKinds.filter((kind) => !kinds.has(kind)).map((kind) => documentKindLabels[kind]);
}

export async function submitApplication(event: PracticeEvent) {
  const missing = await missingDocuments(event.locals.api);
  if (missing && missing.length > 0) {
    return refused(
      422,
      'application',
      {},
      `Upload your ${missing.join(' and ').toLowerCase()} before you apply.`,
      {},
      { code: 'DOCUMENTS_MISSING' },
    );
  }
  const result = await event.locals.api.practice.submitApplication();
  if (!result.ok) {
    return apiRefusal(event, 'application', {}, result, [], {
      place: (details) => ({ fieldErrors: {}, otherDetails: details.map((d) => `${d.path}: ${d.message}`) }),
    });
  }
  return saved(
    'application',
    result.data.status === 'resubmitted' ? 'Application resubmitted.' : 'Application submitted.',
  );
}
