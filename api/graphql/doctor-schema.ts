/**
 * The doctor practice reads of issue 4, mirroring the REST GETs field for field (api/rest/doctor-*.ts):
 * public search, profile and slots; the doctor's own practice and application; the admin queue.
 */
export const doctorSchema = /* GraphQL */ `
  type Specialization {
    "A catalog slug such as cardiology."
    id: ID!
    name: String!
  }

  type MethodFee {
    "chat, voice, video or in_person"
    method: String!
    fee: Money!
  }

  type Licence {
    number: String!
    issuingBody: String!
  }

  type Education {
    degree: String!
    institution: String!
    year: Int
  }

  type DoctorService {
    id: ID!
    name: String!
    durationMinutes: Int!
    methods: [String!]!
    "Replaces the method's fee for this service when set."
    feeOverride: Money
    "Patients per slot (group sessions); 1 when null."
    seats: Int
  }

  "A verified doctor as search lists them (GET /api/v1/doctors)."
  type DoctorCard {
    id: ID!
    displayName: String!
    practiceName: String!
    specializations: [Specialization!]!
    "BCP 47 tags"
    languages: [String!]!
    yearsOfExperience: Int!
    methods: [MethodFee!]!
    rating: Float!
    reviewCount: Int!
    "IANA"
    timeZone: String
    nextAvailableAt: String
    "The doctor's photo on this API (/api/v1/doctors/:id/photo?v=…), null without one."
    photoUrl: String
    "Only with availableOn: the first free slot starting within that day in timeZone; nextAvailableAt stays the next from now."
    firstSlotOnDay: String
  }

  type DoctorSearchPageInfo {
    "Pass it as after, with the same sort, for the next page."
    endCursor: String
    "A slot filter may answer a short (even empty) page with more to come."
    hasNextPage: Boolean!
    "sort next_available ranked only this many best matches out of more; null when it ranked them all."
    rankedAmong: Int
  }

  type DoctorSearchResult {
    items: [DoctorCard!]!
    pageInfo: DoctorSearchPageInfo!
  }

  "A verified doctor's public profile (GET /api/v1/doctors/:id)."
  type Doctor {
    id: ID!
    displayName: String!
    practiceName: String!
    specializations: [Specialization!]!
    languages: [String!]!
    yearsOfExperience: Int!
    methods: [MethodFee!]!
    rating: Float!
    reviewCount: Int!
    timeZone: String
    nextAvailableAt: String
    "The doctor's photo on this API (/api/v1/doctors/:id/photo?v=…), null without one."
    photoUrl: String
    bio: String!
    licence: Licence!
    education: [Education!]!
    services: [DoctorService!]!
    "Offline doctors keep their profile but offer no slots."
    online: Boolean!
    "The cancellation and reschedule policy a booking made now pins."
    cancellationPolicy: CancellationPolicy!
  }

  type Slot {
    startsAt: String!
    endsAt: String!
    seatsLeft: Int!
    "The start on the wall clock of the tz asked for (YYYY-MM-DDTHH:MM), null without tz."
    local: String
    utcOffset: String
  }

  type DoctorSlots {
    doctorId: ID!
    serviceId: ID!
    method: String
    "The doctor's IANA zone (UTC without one)."
    timeZone: String!
    from: String!
    to: String!
    slots: [Slot!]!
  }

  enum DoctorSort {
    relevance
    fee
    rating
    next_available
  }

  "The doctor's own profile as they set it up (ids of specializations, not their names)."
  type PracticeProfile {
    displayName: String!
    practiceName: String!
    bio: String!
    specializationIds: [String!]!
    yearsOfExperience: Int!
    languages: [String!]!
    licence: Licence!
    education: [Education!]!
  }

  type WeeklyWindow {
    "monday … sunday"
    weekday: String!
    "HH:MM on the doctor's wall clock"
    start: String!
    end: String!
  }

  type Availability {
    "IANA"
    timeZone: String!
    weekly: [WeeklyWindow!]!
    slotLengthMinutes: Int!
    bufferMinutes: Int!
    minimumNoticeMinutes: Int!
    maxDaysAhead: Int!
  }

  type BlockedTime {
    id: ID!
    startsAt: String!
    endsAt: String!
    reason: String!
  }

  "One of the doctor's own specializations by name, as GET /api/v1/doctors/me/profile lists it."
  type PracticeSpecialization {
    id: ID!
    name: String!
    "Retired from the catalog: it stays on the profile but cannot be added again."
    retired: Boolean!
  }

  "Everything the doctor has set up; change it through REST with If-Match: revision."
  type MyPractice {
    doctorId: ID!
    "The practice stream's revision; -1 before anything was set up."
    revision: Int!
    profile: PracticeProfile
    "The profile's specializationIds with their names, in the profile's order."
    specializations: [PracticeSpecialization!]!
    online: Boolean!
    availability: Availability
    blockedTimes: [BlockedTime!]!
    methods: [MethodFee!]!
    services: [DoctorService!]!
  }

  type ApplicationStep {
    type: String!
    at: String!
    "The application's status after this step, if it changed it."
    status: String
    reasonCode: String
    note: String
  }

  "The doctor's own application (GET /api/v1/doctors/me/application)."
  type DoctorApplication {
    "none before applying; then submitted, in_review, more_information_requested, resubmitted, verified, rejected or suspended"
    status: String!
    escalated: Boolean!
    "What is still missing before the doctor can (re)submit: profile, availability, methods, services, documents."
    missing: [String!]!
    timeline: [ApplicationStep!]!
  }

  type CredentialDocument {
    id: ID!
    kind: String!
    contentType: String!
    sizeBytes: Int!
    uploadedAt: String!
  }

  "One application as an admin reviews it (GET /api/v1/admin/doctor-applications/:id)."
  type DoctorApplicationReview {
    doctorId: ID!
    status: String!
    escalated: Boolean!
    missing: [String!]!
    timeline: [ApplicationStep!]!
    profile: PracticeProfile
    "Open one with POST /api/v1/doctors/:doctorId/documents/:id/link."
    documents: [CredentialDocument!]!
  }

  type DoctorApplicationQueueItem {
    doctorId: ID!
    displayName: String!
    status: String!
    submittedAt: String!
    waitingSince: String
    escalated: Boolean!
    lastDecisionAt: String
    lastReasonCode: String
  }

  extend type Query {
    """
    Verified, online doctors, as GET /api/v1/doctors finds them. Free text is typo-tolerant; fee
    filters and sort fee need a currency and compare minor units; availableOn is a date
    (YYYY-MM-DD) in timeZone (default UTC). No account needed.
    """
    doctors(
      query: String
      specialization: String
      language: String
      method: String
      currency: String
      minFee: Int
      maxFee: Int
      minRating: Float
      availableWithinDays: Int
      availableOn: String
      timeZone: String
      sort: DoctorSort = relevance
      first: Int = 20
      after: String
    ): DoctorSearchResult!
    "A verified doctor's public profile; null for anyone else. No account needed."
    doctor(id: ID!): Doctor
    """
    A verified doctor's free slots from from (default now) to to (default a week later, at most 31 days),
    for a service (default the first); null when there is no such verified doctor. No account needed.
    """
    doctorSlots(id: ID!, serviceId: ID, method: String, from: String, to: String, tz: String): DoctorSlots
    "Your practice, as a doctor (verified or not)."
    myPractice: MyPractice
    "Your verification application, as a doctor: status none before you apply."
    myDoctorApplication: DoctorApplication
    "The verification queue (admins): escalated first, then the longest waiting."
    doctorApplications(
      status: String
      "Only applications waiting for an admin."
      waiting: Boolean = true
      escalated: Boolean = false
      first: Int = 50
    ): [DoctorApplicationQueueItem!]!
    "One application (admins), recorded in the doctor's audit trail; null for a doctor who never applied."
    doctorApplication(id: ID!): DoctorApplicationReview
  }
`;
