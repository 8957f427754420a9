/**
 * Fixed ids of the demo data for development: the demo accounts (seed-accounts.ts), the first
 * demo doctor and its service (seed-doctors.ts), and the demo patient's bookings with them (seed.ts).
 */
export const DEMO = {
  patientId: '9a1f7e2c-3d4b-4e5f-8a6b-7c8d9e0f1a01',
  doctorId: '0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01',
  serviceId: '5e7c1d3a-2b8f-4c6d-9e0a-1f2b3c4d5e01',
  /** Demo staff accounts (scripts/lib/seed-accounts.ts). */
  adminId: 'ad0e5c1b-7f2a-4c3d-8e9f-1a2b3c4d5a01',
  financeId: 'f1a2b3c4-5d6e-4f70-8a9b-0c1d2e3f4a01',
} as const;
