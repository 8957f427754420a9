/**
 * The main navigation for whoever is looking: each role brings its sections, an account holding
 * several roles sees the union, in one fixed order. Everyone, visitors included, can find a doctor.
 */
import type { Role } from './roles';

export interface NavItem {
  /** Stable name: the link's data-testid is `nav-<name>`. */
  name: string;
  path:
    | '/'
    | '/doctors'
    | '/appointments'
    | '/doctor/today'
    | '/dependants'
    | '/doctor/practice'
    | '/doctor/application'
    | '/admin/accounts'
    | '/admin/doctor-applications'
    | '/admin/specializations';
  label: string;
}

const items = {
  home: { name: 'home', path: '/', label: 'Home' },
  findDoctor: { name: 'find-doctor', path: '/doctors', label: 'Find a doctor' },
  appointments: { name: 'appointments', path: '/appointments', label: 'Appointments' },
  today: { name: 'today', path: '/doctor/today', label: 'Today' },
  dependants: { name: 'dependants', path: '/dependants', label: 'Dependants' },
  practice: { name: 'practice', path: '/doctor/practice', label: 'Practice' },
  application: { name: 'application', path: '/doctor/application', label: 'Application' },
  accounts: { name: 'admin-accounts', path: '/admin/accounts', label: 'Accounts' },
  doctorApplications: {
    name: 'admin-doctor-applications',
    path: '/admin/doctor-applications',
    label: 'Doctor applications',
  },
  specializations: { name: 'admin-specializations', path: '/admin/specializations', label: 'Specializations' },
} as const satisfies Record<string, NavItem>;

type ItemKey = keyof typeof items;

const sectionsByRole: Record<Role, readonly ItemKey[]> = {
  patient: ['home', 'appointments', 'dependants'],
  doctor: ['home', 'today', 'appointments', 'practice', 'application'],
  admin: ['home', 'accounts', 'doctorApplications', 'specializations'],
  finance: ['home', 'appointments'],
};

const order: readonly ItemKey[] = [
  'home',
  'findDoctor',
  'today',
  'appointments',
  'dependants',
  'practice',
  'application',
  'accounts',
  'doctorApplications',
  'specializations',
];

/** `roles` is empty for a visitor. */
export function navFor(roles: readonly Role[]): NavItem[] {
  const wanted = new Set<ItemKey>(['findDoctor', ...roles.flatMap((role) => sectionsByRole[role])]);
  return order.filter((key) => wanted.has(key)).map((key) => items[key]);
}

/** A section is current on its own path and below it; home only on itself. */
export function isCurrentSection(sectionPath: string, pathname: string): boolean {
  if (sectionPath === '/') return pathname === '/';
  return pathname === sectionPath || pathname.startsWith(`${sectionPath}/`);
}
