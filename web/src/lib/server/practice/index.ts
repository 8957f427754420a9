/**
 * Every practice form action, for the pages that edit a practice: the onboarding wizard and
 * /doctor/practice. Each answers with its section's result (section-result.ts); the wizard adds
 * its own redirects between steps.
 */
import { submitApplication } from './application-actions';
import { removeDocument, uploadDocument } from './document-actions';
import { addService, removeService, saveMethods, setOnline, updateService } from './fee-actions';
import { blockTime, saveAvailability, unblockTime } from './hours-actions';
import { saveProfile } from './profile-actions';

export const practiceActions = {
  profile: saveProfile,
  upload: uploadDocument,
  removeDocument,
  availability: saveAvailability,
  blockTime,
  unblockTime,
  methods: saveMethods,
  addService,
  updateService,
  removeService,
  online: setOnline,
  submit: submitApplication,
};

export { loadPractice, type PracticeView } from './practice-load';
