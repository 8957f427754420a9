/**
 * Video rooms on Twilio Video (the production adapter). Plain fetch against the Rooms API with an
 * API key; join tokens are Twilio Access Tokens signed here with the key's secret (jose, no SDK).
 *
 * The room id the workflow records is the room's UniqueName, not its SID: Twilio closes a room a
 * few minutes after it is left empty (or if nobody joins), and a name, unlike a SID, can be opened
 * again. So creating is idempotent by name (Twilio answers 53113 while a room of that name is in
 * progress: fetch it instead), and each join descriptor first makes sure the room is open. The
 * name is a UUID v5 of the appointment id: the same appointment always gets the same room, and
 * Twilio learns neither the appointment id nor anything about the people in it.
 */
import { SignJWT } from 'jose';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import type { JoinDescriptor, VideoParticipant, VideoPort } from '../ports/video.js';
import {
  baseUrlOf,
  callTwilio,
  describeTwilioFailure,
  twilioErrorCode,
  type TwilioAnswer,
  type TwilioCredentials,
} from './twilio-rest.js';

export const TWILIO_VIDEO_PROVIDER = 'twilio';
export type TwilioRoomType = 'group' | 'go';

// Namespaces for names derived from our ids (random v4s, chosen once, never changed).
const ROOM_NAMESPACE = '5b0e6f3a-2c8d-4f71-a9e4-7d13c6b2f058';
const IDENTITY_NAMESPACE = '9e27c4d1-63af-4b58-8d0c-1f5a7e92b346';
const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;
/** Twilio's answer when a room with this UniqueName is already in progress. */
const ROOM_EXISTS = 53113;

export interface TwilioVideoConfig {
  readonly accountSid: string;
  readonly apiKeySid: string;
  readonly apiKeySecret: string;
  readonly roomType: TwilioRoomType;
  /** Where Twilio posts room and participant events; unset: none. */
  readonly statusCallback?: string;
  readonly publicWebUrl: string;
  /** TWILIO_API_BASE_URL; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly tokenTtlMs?: number;
  readonly now?: () => Date;
}

export const twilioRoomName = (appointmentId: string) => `consulta-${uuidv5(appointmentId, ROOM_NAMESPACE)}`;

/**
 * Who a participant is to Twilio (and to the other side's client): the role, for labelling the
 * tile, and a pseudonym of the account id that is the same on every join. Never a name or email.
 */
export const twilioIdentity = (participant: Pick<VideoParticipant, 'accountId' | 'role'>) =>
  `${participant.role}-${uuidv5(participant.accountId, IDENTITY_NAMESPACE)}`;

const room = z.object({ sid: z.string(), unique_name: z.string(), status: z.string() });

export function createTwilioVideo(config: TwilioVideoConfig): VideoPort {
  const rooms = `${baseUrlOf(config.baseUrl, 'https://video.twilio.com')}/v1/Rooms`;
  const credentials: TwilioCredentials = { username: config.apiKeySid, password: config.apiKeySecret };
  const timeoutMs = config.timeoutMs ?? 10_000;
  const now = config.now ?? (() => new Date());
  const ttlSeconds = Math.floor((config.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS) / 1000);
  const secret = new TextEncoder().encode(config.apiKeySecret);

  const create = (name: string) =>
    callTwilio(rooms, {
      credentials,
      method: 'POST',
      timeoutMs,
      form: {
        UniqueName: name,
        Type: config.roomType,
        // A consultation is never recorded, whatever the account's default (Go rooms cannot record).
        ...(config.roomType === 'group' ? { RecordParticipantsOnConnect: 'false' } : {}),
        ...(config.statusCallback ? { StatusCallback: config.statusCallback, StatusCallbackMethod: 'POST' } : {}),
      },
    });
  const fetchRoom = (name: string) =>
    callTwilio(`${rooms}/${encodeURIComponent(name)}`, { credentials, method: 'GET', timeoutMs });

  /** The room of this name, in progress: created, or found when it already was. */
  async function ensureRoom(name: string): Promise<void> {
    // Two rounds: a room found "existing" can complete before it is fetched, which frees the name.
    for (let round = 0; round < 2; round += 1) {
      const created = await create(name);
      if (created.status === 201) return void parseRoom(created);
      if (created.status !== 409 && twilioErrorCode(created) !== ROOM_EXISTS) throw failure('create a room', created);
      const found = await fetchRoom(name);
      if (found.status === 200 && parseRoom(found).status === 'in-progress') return;
      if (found.status !== 200 && found.status !== 404) throw failure('fetch a room', found);
    }
    throw new Error('Twilio Video could not open a room: it kept completing while being opened');
  }

  return {
    provider: TWILIO_VIDEO_PROVIDER,

    async createRoom(appointmentId) {
      const name = twilioRoomName(appointmentId);
      await ensureRoom(name);
      return { roomId: name };
    },

    async joinDescriptor({ appointmentId, roomId, participant }): Promise<JoinDescriptor> {
      await ensureRoom(roomId);
      const issuedAt = Math.floor(now().getTime() / 1000);
      const expiresAt = issuedAt + ttlSeconds;
      const token = await new SignJWT({ grants: { identity: twilioIdentity(participant), video: { room: roomId } } })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' })
        // Twilio's own libraries name a token `<key SID>-<issued at>`.
        .setJti(`${config.apiKeySid}-${issuedAt}`)
        .setIssuer(config.apiKeySid)
        .setSubject(config.accountSid)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(secret);
      return {
        provider: TWILIO_VIDEO_PROVIDER,
        roomId,
        url: `${config.publicWebUrl.replace(/\/$/, '')}/appointments/${appointmentId}/room`,
        token,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      };
    },
  };
}

function parseRoom(answer: TwilioAnswer) {
  const parsed = room.safeParse(answer.body);
  if (!parsed.success) throw new Error(`Twilio Video answered an unreadable room (HTTP ${answer.status})`);
  return parsed.data;
}

const failure = (what: string, answer: TwilioAnswer) =>
  new Error(`Twilio Video could not ${what}: ${describeTwilioFailure(answer)}`);
