/** The public doctor directory: the specialization catalog, search, profiles and free slots. No session needed. */
import { interpret, type ApiHttp } from './api-http';
import { publicDoctorSchema, searchPageSchema, slotsSchema, specializationsSchema } from './doctor-schemas';

export type SearchParams = Record<string, string | number | undefined>;

export interface SlotsQuery {
  from?: string;
  to?: string;
  serviceId?: string;
  method?: string;
  /** The viewer's zone: each slot then carries its wall-clock time there. */
  tz?: string;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '',
  );
  const query = new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString();
  return query ? `?${query}` : '';
}

export function createDoctorsApi(http: ApiHttp) {
  return {
    specializations: async () =>
      interpret(await http.get('/api/v1/specializations'), specializationsSchema, 'the specializations'),
    search: async (params: SearchParams) =>
      interpret(await http.get(`/api/v1/doctors${queryString(params)}`), searchPageSchema, 'the doctor search'),
    doctor: async (id: string) =>
      interpret(await http.get(`/api/v1/doctors/${encodeURIComponent(id)}`), publicDoctorSchema, 'the doctor'),
    slots: async (id: string, query: SlotsQuery) =>
      interpret(
        await http.get(`/api/v1/doctors/${encodeURIComponent(id)}/slots${queryString({ ...query })}`),
        slotsSchema,
        'the free times',
      ),
  };
}
