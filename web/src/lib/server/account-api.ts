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

export function createAccountApi(http: ApiHttp) {
  return {
    me: async () => interpret(await http.get('/api/v1/me'), meSchema, 'your account'),

    /** With the revision read, the API refuses (409) a change made over someone else's newer one. */
    updateProfile: async (patch: ProfilePatch, revision?: number) =>
      // The page reloads the profile afterwards, so the answer's shape does not matter here.
      interpret(
        await http.patch(
          '/api/v1/me',
          patch,
          revision === undefined || revision < 0 ? {} : { 'if-match': `"${revision}"` },
        ),
        acceptedSchema,
        'the profile update',
      ),

    dependants: async () => interpret(await http.get('/api/v1/me/dependants'), dependantsSchema, 'your dependants'),

    /** The same Idempotency-Key again answers with the dependant the first request added. */
    addDependant: async (input: NewDependant, idempotencyKey?: string) =>
      interpret(
        await http.post('/api/v1/me/dependants', input, idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        dependantSchema,
        'the new dependant',
      ),
  };
}
