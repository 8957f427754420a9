/** The signed-in person's own records: account, profile and dependants. */
import { interpret, type ApiHttp } from './api-http';
import { acceptedSchema, dependantSchema, dependantsSchema, meSchema, type Profile } from './identity-schemas';

export type ProfilePatch = Partial<Omit<Profile, 'emergencyContact' | 'revision'>> & {
  emergencyContact?: Partial<NonNullable<Profile['emergencyContact']>> | null;
};

export interface NewDependant {
  relationship: string;
  name: string;
  dateOfBirth: string;
  sex: string;
}

/** A dependant's change: the fields of registering; null clears one (the API refuses a cleared name). */
export interface DependantPatch {
  relationship?: string;
  name?: string;
  dateOfBirth?: string | null;
  sex?: string | null;
}

const dependant = (id: string) => `/api/v1/me/dependants/${encodeURIComponent(id)}`;
const ifMatch = (revision: number | undefined): Record<string, string> =>
  revision === undefined || revision < 0 ? {} : { 'if-match': `"${revision}"` };

export function createAccountApi(http: ApiHttp) {
  return {
    me: async () => interpret(await http.get('/api/v1/me'), meSchema, 'your account'),

    /** With the revision read, the API refuses (409) a change made over someone else's newer one. */
    updateProfile: async (patch: ProfilePatch, revision?: number) =>
      // The page reloads the profile afterwards, so the answer's shape does not matter here.
      interpret(await http.patch('/api/v1/me', patch, ifMatch(revision)), acceptedSchema, 'the profile update'),

    dependants: async () => interpret(await http.get('/api/v1/me/dependants'), dependantsSchema, 'your dependants'),

    /** The same Idempotency-Key again answers with the dependant the first request added. */
    addDependant: async (input: NewDependant, idempotencyKey?: string) =>
      interpret(
        await http.post('/api/v1/me/dependants', input, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        dependantSchema,
        'the new dependant',
      ),

    /** With the revision read, the API refuses (409) a change made over a newer one. */
    updateDependant: async (id: string, patch: DependantPatch, revision?: number) =>
      interpret(await http.patch(dependant(id), patch, ifMatch(revision)), dependantSchema, 'the dependant’s change'),

    /** Refused with 409 DEPENDANT_HAS_UPCOMING_APPOINTMENTS (each one in the details) while any are ahead. */
    removeDependant: async (id: string) =>
      interpret(await http.delete(dependant(id)), acceptedSchema, 'removing the dependant'),
  };
}
