/**
 * Doctor practice and verification vocabulary as the API names it (domain/doctor,
 * domain/verification, domain/doctor-document), with labels for people. Shared by server and
 * browser code; values the UI does not know yet still read sensibly (`readable`).
 */

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];
export const weekdayLabels: Record<Weekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const verificationStatuses = [
  'none',
  'submitted',
  'in_review',
  'more_information_requested',
  'resubmitted',
  'verified',
  'rejected',
  'suspended',
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

const statusLabels: Record<VerificationStatus, string> = {
  none: 'Not submitted',
  submitted: 'Submitted',
  in_review: 'In review',
  more_information_requested: 'More information requested',
  resubmitted: 'Resubmitted',
  verified: 'Verified',
  rejected: 'Rejected',
  suspended: 'Suspended',
};

/** "more_information_requested" → "More information requested", for codes without a label. */
export function readable(code: string): string {
  const words = code.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function verificationStatusLabel(status: string): string {
  return statusLabels[status as VerificationStatus] ?? readable(status);
}

/** The badge tone of each status (feedback.css: ok, pending, cancelled, info). */
export function verificationTone(status: string): 'ok' | 'pending' | 'cancelled' | 'info' {
  if (status === 'verified') return 'ok';
  if (status === 'rejected' || status === 'suspended') return 'cancelled';
  if (status === 'more_information_requested') return 'pending';
  return 'info';
}

/** The doctor may (re)submit from these; the API answers 409 otherwise. */
export const submittableStatuses: readonly string[] = ['none', 'more_information_requested', 'rejected'];

const timelineLabels: Record<string, string> = {
  ApplicationSubmitted: 'Application submitted',
  ApplicationResubmitted: 'Application resubmitted',
  ReviewStarted: 'Review started',
  InformationRequested: 'More information requested',
  DoctorVerified: 'Verified',
  ApplicationRejected: 'Application rejected',
  DoctorSuspended: 'Suspended',
  DoctorReinstated: 'Reinstated',
  ApplicationEscalated: 'Flagged for priority review',
};

export function timelineLabel(type: string): string {
  return timelineLabels[type] ?? readable(type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase());
}

export const adminDecisions = [
  'start_review',
  'verify',
  'reject',
  'request_information',
  'suspend',
  'reinstate',
] as const;
export type AdminDecision = (typeof adminDecisions)[number];
export const decisionLabels: Record<AdminDecision, string> = {
  start_review: 'Start review',
  verify: 'Verify',
  reject: 'Reject',
  request_information: 'Request more information',
  suspend: 'Suspend',
  reinstate: 'Reinstate',
};

/** The statuses each decision may follow (domain/verification DECISIONS); the API has the last word. */
const decisionsFrom: Record<AdminDecision, readonly string[]> = {
  start_review: ['submitted', 'resubmitted'],
  verify: ['in_review'],
  reject: ['in_review'],
  request_information: ['in_review'],
  suspend: ['verified'],
  reinstate: ['suspended'],
};

export function decisionsFor(status: string): AdminDecision[] {
  return adminDecisions.filter((decision) => decisionsFrom[decision].includes(status));
}

export function isAdminDecision(value: string): value is AdminDecision {
  return (adminDecisions as readonly string[]).includes(value);
}

export const reasonCodes = [
  'routine_review',
  'documents_complete',
  'licence_confirmed',
  'licence_unverifiable',
  'licence_expired',
  'documents_missing',
  'documents_unreadable',
  'identity_mismatch',
  'not_eligible',
  'complaint_under_investigation',
  'policy_violation',
  'issue_resolved',
  'other',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** The reasons that fit each decision, most likely first; any code is accepted by the API. */
export const reasonsFor: Record<AdminDecision, readonly ReasonCode[]> = {
  start_review: ['routine_review', 'other'],
  verify: ['licence_confirmed', 'documents_complete', 'other'],
  reject: [
    'licence_unverifiable',
    'licence_expired',
    'identity_mismatch',
    'not_eligible',
    'documents_unreadable',
    'other',
  ],
  request_information: ['documents_missing', 'documents_unreadable', 'licence_unverifiable', 'other'],
  suspend: ['complaint_under_investigation', 'policy_violation', 'licence_expired', 'other'],
  reinstate: ['issue_resolved', 'other'],
};

export function isReasonCode(value: string): value is ReasonCode {
  return (reasonCodes as readonly string[]).includes(value);
}

export const documentKinds = ['government_id', 'medical_licence', 'photo'] as const;
export type DocumentKind = (typeof documentKinds)[number];
export const documentKindLabels: Record<DocumentKind, string> = {
  government_id: 'Government ID',
  medical_licence: 'Medical licence',
  photo: 'Profile photo',
};
/** What each kind accepts (domain/doctor-document CONTENT_TYPES_BY_KIND), for the file picker and its hint. */
export const acceptedTypes: Record<DocumentKind, readonly string[]> = {
  government_id: ['application/pdf', 'image/png', 'image/jpeg'],
  medical_licence: ['application/pdf', 'image/png', 'image/jpeg'],
  photo: ['image/png', 'image/jpeg'],
};
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** The kinds an application needs before it is submitted. */
export const requiredDocumentKinds: readonly DocumentKind[] = ['government_id', 'medical_licence'];

export function isDocumentKind(value: string): value is DocumentKind {
  return (documentKinds as readonly string[]).includes(value);
}

const typeNames: Record<string, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };
export const contentTypeName = (type: string) => typeNames[type] ?? type;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  const megabytes = bytes / 1024 / 1024;
  return `${Number.isInteger(megabytes) ? megabytes : megabytes.toFixed(1)} MB`;
}

export const blockReasons = ['vacation', 'conference', 'sick_leave', 'personal', 'other'] as const;
export const blockReasonLabels: Record<(typeof blockReasons)[number], string> = {
  vacation: 'Vacation',
  conference: 'Conference',
  sick_leave: 'Sick leave',
  personal: 'Personal',
  other: 'Other',
};

/** The parts of a practice the API needs before an application (GET application `missing`). */
export const practiceSectionLabels: Record<string, string> = {
  profile: 'Profile',
  availability: 'Opening hours',
  methods: 'Consultation methods and fees',
  services: 'Services',
  documents: 'Government ID and medical licence',
};

/**
 * What the API says is missing, in words, without `documents`: the pages that show this list
 * name the missing credential documents one by one, from the documents themselves.
 */
export const missingPracticeParts = (missing: readonly string[]): string[] =>
  missing.filter((part) => part !== 'documents').map((part) => practiceSectionLabels[part] ?? part);
