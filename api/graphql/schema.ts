import { doctorSchema } from './doctor-schema.js';

export const schema = /* GraphQL */ `
  "An amount in the currency's minor unit (centavos, cents)."
  type Money {
    amountMinor: Int!
    currency: String!
  }

  "A cancellation and reschedule policy: pinned to an appointment when booked, or the one new bookings pin."
  type CancellationPolicy {
    version: String!
    fullRefundBeforeMs: Float!
    lateRefundPercent: Int!
    maxPatientReschedules: Int!
  }

  """
  An appointment as the read model sees it. Instants are ISO 8601 UTC; amounts are minor units of
  the fee's currency. patientName is null unless you are the patient's side or the appointment's doctor.
  """
  type Appointment {
    id: ID!
    patientId: ID!
    bookedBy: ID!
    doctorId: ID!
    serviceId: ID!
    serviceName: String!
    method: String!
    startsAt: String!
    endsAt: String!
    fee: Money!
    policy: CancellationPolicy!
    status: String!
    "Nothing more will happen to it: no timer, no command, no money owed either way."
    final: Boolean!
    "The appointment stream's revision this reflects (appointmentStatusChanged carries it too)."
    revision: Int!
    requestedAt: String!
    paymentDueAt: String
    paymentId: String
    paymentStatus: String
    paymentFailureCode: String
    checkoutUrl: String
    paidAmountMinor: Int
    paidAt: String
    refundedAmountMinor: Int!
    refundOwedMinor: Int
    confirmedAt: String
    remindersSent: Int!
    patientReschedules: Int!
    reschedulesLeft: Int!
    rescheduledAt: String
    checkInOpensAt: String!
    checkedInAt: String
    consultationStartedAt: String
    consultationEndsBy: String
    consultationEndedAt: String
    consultationEndedBy: String
    noShowParty: String
    noShowAt: String
    cancelledAt: String
    cancelledBy: String
    cancelReason: String
    prescriptionId: ID
    prescriptionIssuedAt: String
    medicineCount: Int
    reviewRating: Int
    reviewedAt: String
    reviewDueAt: String
    reviewReminderSentAt: String
    closedAt: String
    doctorName: String
    doctorTimeZone: String
    patientName: String
    updatedAt: String!
    "Pass it as after to list the appointments after this one."
    cursor: String!
  }

  input AppointmentFilter {
    status: String
    patientId: ID
    doctorId: ID
  }

  "One entry of an appointment's history: what happened, who did it and when. Sealed content is never shown."
  type TimelineEvent {
    id: ID!
    type: String!
    revision: Int!
    recordedAt: String!
    label: String!
    "patient, doctor, admin or system"
    actor: String!
    at: String!
  }

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
  }

  type PatientDashboard {
    "Ahead or in progress, soonest first (yours and your dependants')."
    upcoming: [Appointment!]!
    "Over, newest first; page on with pageInfo.endCursor as pastAfter."
    past: [Appointment!]!
    pageInfo: PageInfo!
  }

  type DoctorDashboard {
    "Your availability's IANA zone (UTC without one) and today's date there."
    timeZone: String!
    date: String!
    today: [Appointment!]!
    waiting: [Appointment!]!
    inConsultation: [Appointment!]!
    upcoming: [Appointment!]!
    "Consultations over (on any day) still waiting for your prescription."
    awaitingPrescription: [Appointment!]!
  }

  union Dashboard = PatientDashboard | DoctorDashboard

  enum DashboardRole {
    patient
    doctor
  }

  type Review {
    "The patient's first name, or Anonymous patient."
    author: String!
    rating: Int!
    comment: String
    submittedAt: String!
  }

  type DoctorReviews {
    doctorId: ID!
    rating: Float!
    reviewCount: Int!
    items: [Review!]!
    pageInfo: PageInfo!
  }

  type PrescribedMedicine {
    medicine: String!
    dose: String!
    route: String!
    frequency: String!
    duration: String!
    notes: String
  }

  type Prescription {
    prescriptionId: ID!
    appointmentId: ID!
    patientId: ID!
    doctorId: ID!
    issuedAt: String!
    medicineCount: Int!
    "The patient's personal data was erased: medicines and notes can no longer be read."
    erased: Boolean!
    medicines: [PrescribedMedicine!]!
    notes: String
  }

  type AppointmentStatusChange {
    id: ID!
    status: String!
    revision: Int!
    updatedAt: String!
  }

  type Account {
    id: ID!
    email: String
    phone: String
    roles: [String!]!
    emailVerified: Boolean!
    totpEnabled: Boolean!
  }

  type EmergencyContact {
    name: String!
    phone: String!
    relationship: String!
  }

  "A patient's profile. Personal fields are null when unknown or erased."
  type PatientProfile {
    patientId: ID!
    "The account caring for this patient, for a dependant."
    guardianId: ID
    relationship: String
    name: String
    "YYYY-MM-DD"
    dateOfBirth: String
    sex: String
    "E.164"
    phone: String
    email: String
    "BCP 47"
    preferredLanguage: String
    "IANA"
    timeZone: String
    emergencyContact: EmergencyContact
    revision: Int!
    updatedAt: String!
  }

  "A patient without an account, in the care of the signed-in account."
  type Dependant {
    dependantId: ID!
    guardianId: ID!
    relationship: String!
    name: String
    dateOfBirth: String
    sex: String
    phone: String
    email: String
    preferredLanguage: String
    timeZone: String
    emergencyContact: EmergencyContact
    revision: Int!
    updatedAt: String!
  }

  type Me {
    account: Account!
    profile: PatientProfile
    dependants: [Dependant!]!
  }

  type Query {
    "The signed-in account."
    me: Me!
    "A patient's profile, if you may see it."
    patient(id: ID!): PatientProfile
    "The appointments you may see, newest request first; pass the last one's cursor as after for more."
    appointments(first: Int = 50, status: String, filter: AppointmentFilter, after: String): [Appointment!]!
    appointment(id: ID!): Appointment
    "The appointment's history as a timeline, oldest first; null when you may not see it."
    appointmentEvents(id: ID!): [TimelineEvent!]
    "The appointment's prescription; null when you may not see it or none was issued yet."
    prescription(appointmentId: ID!): Prescription
    "Your dashboard as a patient or as a doctor (default: doctor, if you are both)."
    myDashboard(as: DashboardRole, first: Int = 20, pastAfter: String): Dashboard!
    "A verified doctor's reviews, newest first; null for anyone else."
    doctorReviews(doctorId: ID!, first: Int = 20, after: String): DoctorReviews
  }

  type Subscription {
    """
    Pushes the appointment's new status each time it changes, if you may see it. With afterRevision
    (the revision your page shows), a change you missed before subscribing is pushed at once.
    """
    appointmentStatusChanged(id: ID!, afterRevision: Int): AppointmentStatusChange!
  }
  ${doctorSchema}
`;
