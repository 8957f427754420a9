import { z } from 'zod';

export const role = z.enum(['patient', 'doctor', 'admin', 'finance']);
export type Role = z.infer<typeof role>;

/** Roles a person may choose when signing up; staff roles are granted by an admin, never chosen. */
export const selfServiceRole = z.enum(['patient', 'doctor']);
export type SelfServiceRole = z.infer<typeof selfServiceRole>;

/** Staff roles must use a second factor before they can act. */
export const ROLES_REQUIRING_MFA: readonly Role[] = ['admin', 'finance'];
