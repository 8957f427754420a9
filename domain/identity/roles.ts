import { z } from 'zod';

export const role = z.enum(['patient', 'doctor', 'admin', 'finance']);
export type Role = z.infer<typeof role>;

/** Staff roles must use a second factor before they can act. */
export const ROLES_REQUIRING_MFA: readonly Role[] = ['admin', 'finance'];
