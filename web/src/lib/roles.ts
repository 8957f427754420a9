/** Account roles as the API names them, with their labels; shared by server and browser code. */

export const roles = ['patient', 'doctor', 'admin', 'finance'] as const;
export type Role = (typeof roles)[number];

/** Roles a person may choose at sign-up; staff roles are granted by an administrator. */
export const selfServiceRoles = ['patient', 'doctor'] as const satisfies readonly Role[];
export type SelfServiceRole = (typeof selfServiceRoles)[number];

export const roleLabels: Record<Role, string> = {
  patient: 'Patient',
  doctor: 'Doctor',
  admin: 'Administrator',
  finance: 'Finance',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isSelfServiceRole(value: string): value is SelfServiceRole {
  return (selfServiceRoles as readonly string[]).includes(value);
}

/** The account's roles in a fixed order, so dashboards and menus do not reshuffle. */
export function orderedRoles(held: readonly Role[]): Role[] {
  return roles.filter((role) => held.includes(role));
}
