/**
 * Everything a practice page shows, read in parallel. A part that fails to load is named in
 * `unavailable` and shown empty, so one failing read does not take the whole page down; an API
 * that cannot be reached at all, or a session that ended, does.
 */
import { error } from '@sveltejs/kit';
import type {
  Application,
  Availability,
  BlockedTime,
  DoctorDocument,
  MethodFee,
  PracticeProfile,
  Service,
  Specialization,
} from '../doctor-schemas';
import type { ApiResult } from '../api-http';
import { redirectIfSessionEnded, unreachableMessage } from '../form-actions';

export interface PracticeView {
  profile: PracticeProfile | null;
  online: boolean;
  /** The practice's revision (one stream for all of it), sent back as If-Match. */
  revision: number;
  availability: Availability | null;
  blocked: BlockedTime[];
  methods: MethodFee[];
  services: Service[];
  documents: DoctorDocument[];
  application: Application;
  /**
   * What the profile form offers: the catalog, plus the retired entries this profile still has
   * (flagged), so saving the form keeps them rather than silently dropping them.
   */
  specializations: Array<Specialization & { retired?: boolean }>;
  /** The parts that could not be loaded, with the API's reason. */
  unavailable: string[];
}

const noApplication: Application = { status: 'none', escalated: false, missing: [], timeline: [] };

export async function loadPractice(api: App.Locals['api'], url: URL): Promise<PracticeView> {
  const practice = api.practice;
  const [profile, availability, blocked, methods, services, documents, application, specializations] =
    await Promise.all([
      practice.profile(),
      practice.availability(),
      practice.blockedTimes(),
      practice.methods(),
      practice.services(),
      practice.documents(),
      practice.application(),
      api.doctors.specializations(),
    ]);
  redirectIfSessionEnded(profile.status, url);
  if (profile.status === 0) error(503, unreachableMessage(api.baseUrl));
  if (!profile.ok && profile.status === 403) error(403, profile.error.message);

  const unavailable: string[] = [];
  const read = <T, D>(result: ApiResult<T>, what: string, fallback: D): T | D => {
    if (result.ok) return result.data;
    unavailable.push(`${what}: ${result.error.message}`);
    return fallback;
  };
  const profileData = read(profile, 'Profile', { profile: null, specializations: [], online: false, revision: -1 });
  const retiredKept = profileData.specializations.filter((entry) => entry.retired);
  const availabilityData = read(availability, 'Opening hours', { availability: null, revision: -1 });
  const methodsData = read(methods, 'Consultation methods', { methods: [], revision: -1 });
  return {
    profile: profileData.profile,
    online: profileData.online,
    revision: Math.max(profileData.revision, availabilityData.revision, methodsData.revision),
    availability: availabilityData.availability,
    blocked: read(blocked, 'Time off', { items: [], revision: -1 }).items,
    methods: methodsData.methods,
    services: read(services, 'Services', { items: [], revision: -1 }).items,
    documents: read(documents, 'Documents', { items: [] }).items,
    application: read(application, 'Application', noApplication),
    specializations: [...read(specializations, 'Specializations', { items: [] }).items, ...retiredKept],
    unavailable,
  };
}
