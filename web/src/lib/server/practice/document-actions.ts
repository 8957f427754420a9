/**
 * `?/upload` and `?/removeDocument`: credential documents. The size and declared type are checked
 * here first, so a wrong file is refused before it travels on; the API judges the content itself.
 */
import {
  acceptedTypes,
  contentTypeName,
  documentKindLabels,
  fileSize,
  isDocumentKind,
  MAX_DOCUMENT_BYTES,
} from '../../doctor';
import { text } from '../form-actions';
import { apiRefusal, refused, saved, type PracticeEvent } from './section-answers';

export async function uploadDocument(event: PracticeEvent) {
  const form = await event.request.formData();
  const kind = text(form, 'kind');
  const file = form.get('file');
  const refuse = (status: number, message: string) =>
    refused(status, 'documents', {}, message, { fieldErrors: { file: message } }, { target: kind });
  if (!isDocumentKind(kind)) return refuse(400, 'Which document is this? The form did not say.');
  if (!(file instanceof File) || file.size === 0) return refuse(400, 'Choose a file to upload.');
  if (file.size > MAX_DOCUMENT_BYTES) {
    return refuse(413, `This file is ${fileSize(file.size)}; the limit is ${fileSize(MAX_DOCUMENT_BYTES)}.`);
  }
  const accepted = acceptedTypes[kind];
  if (file.type && !accepted.includes(file.type)) {
    return refuse(415, `Upload a ${accepted.map(contentTypeName).join(', ')} file.`);
  }
  const result = await event.locals.api.practice.uploadDocument(kind, file);
  if (!result.ok) {
    return apiRefusal(event, 'documents', {}, result, ['file', 'kind'], {
      target: kind,
      // Every refusal of an upload is about the file: show it next to the file field.
      place: (details) => ({
        fieldErrors: { file: result.error.message },
        otherDetails: details.map((d) => d.message),
      }),
    });
  }
  return saved('documents', `${documentKindLabels[kind]} uploaded.`, kind);
}

export async function removeDocument(event: PracticeEvent) {
  const form = await event.request.formData();
  const id = text(form, 'id');
  if (!id) return refused(400, 'documents', {}, 'Which document? The form did not say.', {}, { target: id });
  const result = await event.locals.api.practice.removeDocument(id);
  if (!result.ok) return apiRefusal(event, 'documents', {}, result, [], { target: id });
  return saved('documents', 'Document removed.', id);
}
