import type { Role } from './roles';

/** The signed-in account as the header and dashboards see it; never holds a token. */
export interface Viewer {
  accountId: string;
  roles: Role[];
  /** Email, or the phone for accounts made by SMS code; null when the API could not say. */
  contact: string | null;
  /** False for accounts made with an SMS code, which have only a phone number. */
  hasEmail: boolean;
  /** The name on the account's own profile, when it has one. */
  name: string | null;
  totpEnabled: boolean;
  mfaSetupRequired: boolean;
}
