/**
 * A doctor's own practice (`/api/v1/doctors/me/…`): profile, hours, methods, services, time off,
 * the online switch, credential documents and the verification application. Writes take the
 * revision last read as If-Match, so an edit made over a newer one is refused (409).
 */
import { interpret, type ApiHttp } from './api-http';
import {
  applicationCommandSchema,
  applicationSchema,
  availabilityAnswerSchema,
  blockedTimeAnswerSchema,
  blockedTimesSchema,
  documentSchema,
  documentsSchema,
  methodsAnswerSchema,
  onlineAnswerSchema,
  profileAnswerSchema,
  serviceAnswerSchema,
  servicesSchema,
  type Availability,
  type MethodFee,
  type PracticeProfile,
} from './doctor-schemas';
import { acceptedSchema } from './identity-schemas';

const me = (path: string) => `/api/v1/doctors/me/${path}`;
const ifMatch = (revision: number | undefined): Record<string, string> =>
  revision === undefined ? {} : { 'if-match': `"${revision}"` };

export interface ServiceInput {
  name: string;
  durationMinutes: number;
  methods: string[];
  feeOverride?: { amountMinor: number; currency: string };
}

export type BlockInput = { startsAt: string; endsAt: string; reason: string } | { date: string; reason: string };

export function createPracticeApi(http: ApiHttp) {
  return {
    profile: async () => interpret(await http.get(me('profile')), profileAnswerSchema, 'your practice profile'),
    saveProfile: async (profile: PracticeProfile, revision?: number) =>
      interpret(await http.put(me('profile'), profile, ifMatch(revision)), profileAnswerSchema, 'the profile'),

    availability: async () => interpret(await http.get(me('availability')), availabilityAnswerSchema, 'your hours'),
    saveAvailability: async (availability: Availability, revision?: number) =>
      interpret(
        await http.put(me('availability'), availability, ifMatch(revision)),
        availabilityAnswerSchema,
        'your hours',
      ),

    blockedTimes: async () => interpret(await http.get(me('blocked-times')), blockedTimesSchema, 'your time off'),
    blockTime: async (input: BlockInput) =>
      interpret(await http.post(me('blocked-times'), input), blockedTimeAnswerSchema, 'the time off'),
    unblockTime: async (id: string) =>
      interpret(await http.delete(me(`blocked-times/${encodeURIComponent(id)}`)), acceptedSchema, 'removing time off'),

    methods: async () => interpret(await http.get(me('methods')), methodsAnswerSchema, 'your consultation methods'),
    saveMethods: async (methods: MethodFee[], revision?: number) =>
      interpret(await http.put(me('methods'), { methods }, ifMatch(revision)), methodsAnswerSchema, 'your fees'),

    services: async () => interpret(await http.get(me('services')), servicesSchema, 'your services'),
    addService: async (service: ServiceInput) =>
      interpret(await http.post(me('services'), service), serviceAnswerSchema, 'the new service'),
    updateService: async (id: string, service: ServiceInput) =>
      interpret(await http.put(me(`services/${encodeURIComponent(id)}`), service), serviceAnswerSchema, 'the service'),
    removeService: async (id: string) =>
      interpret(await http.delete(me(`services/${encodeURIComponent(id)}`)), acceptedSchema, 'removing the service'),

    setOnline: async (online: boolean) =>
      interpret(await http.put(me('online'), { online }), onlineAnswerSchema, 'going online or offline'),

    documents: async () => interpret(await http.get(me('documents')), documentsSchema, 'your documents'),
    uploadDocument: async (kind: string, file: File) => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', file, file.name);
      return interpret(await http.upload(me('documents'), form), documentSchema, 'the upload');
    },
    removeDocument: async (id: string) =>
      interpret(await http.delete(me(`documents/${encodeURIComponent(id)}`)), acceptedSchema, 'removing the document'),

    application: async () => interpret(await http.get(me('application')), applicationSchema, 'your application'),
    submitApplication: async () =>
      interpret(await http.post(me('application')), applicationCommandSchema, 'the application'),
  };
}

export type PracticeApi = ReturnType<typeof createPracticeApi>;
