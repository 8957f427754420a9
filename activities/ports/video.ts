/**
 * Video rooms for consultations. The workflow provisions a room when the doctor admits the
 * patient (its id goes into ConsultationStarted); each participant gets a join descriptor of their
 * own, minted on demand by the API, never stored. Adapters: the local development adapter
 * (adapters/local-video.ts: no media, a placeholder room page) and Twilio Video
 * (adapters/twilio-video.ts: rooms by name, Twilio Access Tokens).
 */
export type VideoRole = 'patient' | 'doctor';

export interface VideoParticipant {
  readonly accountId: string;
  readonly role: VideoRole;
  /** Shown to the other side in the room; never logged. */
  readonly displayName: string;
}

export interface JoinDescriptor {
  readonly provider: string;
  readonly roomId: string;
  /** The web app's room page for this appointment. */
  readonly url: string;
  /** Short-lived: fetch a new one to rejoin after it expires. */
  readonly token: string;
  readonly expiresAt: string;
}

export interface VideoPort {
  readonly provider: string;
  /** Idempotent: the same appointment always gets the same room. */
  createRoom(appointmentId: string): Promise<{ readonly roomId: string }>;
  /**
   * The appointment id comes along with the room id because the room page lives under the
   * appointment in the web app, and a provider's room id need not reveal it.
   */
  joinDescriptor(input: {
    readonly appointmentId: string;
    readonly roomId: string;
    readonly participant: VideoParticipant;
  }): Promise<JoinDescriptor>;
}
