/**
 * The caller's way into the consultation's video room: a join descriptor minted by the Video port
 * for this person on each request (never stored), only while the consultation is in progress.
 */
import type { JoinDescriptor, VideoPort, VideoRole } from '../../activities/ports/video.js';
import { conflict, type BookedState } from '../../domain/index.js';
import { findPatientProfile } from '../../projections/index.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import type { ApiDeps } from '../deps.js';

export async function joinRoom(
  deps: Pick<ApiDeps, 'pool'>,
  video: VideoPort,
  state: BookedState,
  participant: { readonly accountId: string; readonly role: VideoRole },
): Promise<JoinDescriptor & { readonly role: VideoRole }> {
  const roomId = state.consultation?.roomId;
  if (state.status !== 'in_consultation' || !roomId) {
    throw conflict(
      'ROOM_NOT_OPEN',
      'The video room opens when the doctor admits the checked-in patient and closes when the consultation ends.',
    );
  }
  const displayName = await displayNameOf(deps, state, participant.role);
  const descriptor = await video.joinDescriptor({
    appointmentId: state.appointmentId,
    roomId,
    participant: { ...participant, displayName },
  });
  return { ...descriptor, role: participant.role };
}

/**
 * The name the other side sees: the patient's (a guardian joins as their dependant's side), or the
 * doctor's public one. Erased or missing names fall back to the role.
 */
async function displayNameOf(deps: Pick<ApiDeps, 'pool'>, state: BookedState, role: VideoRole): Promise<string> {
  if (role === 'doctor') {
    const row = await readSearchRow(deps.pool, state.doctorId);
    return row?.practice.profile?.displayName ?? 'Doctor';
  }
  const profile = await findPatientProfile(deps.pool, state.patientId);
  return profile?.name ?? 'Patient';
}
