export const schema = /* GraphQL */ `
  "An appointment as the read model sees it. Instants are ISO 8601 UTC."
  type Appointment {
    id: ID!
    patientId: ID!
    doctorId: ID!
    serviceId: ID!
    method: String!
    startsAt: String!
    status: String!
    requestedAt: String!
    paymentDueAt: String
    cancelledAt: String
    cancelledBy: String
    cancelReason: String
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
    "The appointments you may see, newest request first."
    appointments(first: Int = 50, status: String): [Appointment!]!
    appointment(id: ID!): Appointment
  }
`;
