/**
 * LOCAL DEVELOPMENT video adapter: no media, a placeholder room page. Rooms need no provisioning
 * (the room id is a UUID v5 of the appointment id, so creating it twice gives the same room), the
 * join URL is the web app's room page, and the token is a short-lived HMAC-signed string the web
 * app can check with verifyLocalVideoToken. Twilio Video (twilio-video.ts) is the real one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import type { JoinDescriptor, VideoPort, VideoRole } from '../ports/video.js';

export const LOCAL_VIDEO_PROVIDER = 'local';
// Namespace for room ids derived from appointment ids (a random v4, chosen once, never changed).
const ROOM_NAMESPACE = 'c4a1e0f2-7b3d-4e8a-9f61-2d5c8b7a3e19';
const DEFAULT_TOKEN_TTL_MS = 15 * 60_000;

export interface LocalVideoDeps {
  /** deriveKey(masterKey, 'local-video-token'). */
  readonly tokenKey: Buffer;
  readonly publicWebUrl: string;
  readonly now?: () => Date;
  readonly tokenTtlMs?: number;
}

/** What a token grants; ids and a role only, never the display name. */
const claims = z.object({
  roomId: z.string(),
  accountId: z.string(),
  role: z.enum(['patient', 'doctor']),
  exp: z.number().int(),
});
export type LocalVideoClaims = z.infer<typeof claims>;

export const localRoomId = (appointmentId: string) => uuidv5(appointmentId, ROOM_NAMESPACE);

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(`video:${payload}`).digest();

export function createLocalVideo(deps: LocalVideoDeps): VideoPort {
  const now = deps.now ?? (() => new Date());
  const ttl = deps.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS;
  return {
    provider: LOCAL_VIDEO_PROVIDER,
    createRoom: async (appointmentId) => ({ roomId: localRoomId(appointmentId) }),
    async joinDescriptor({ appointmentId, roomId, participant }): Promise<JoinDescriptor> {
      const expiresAt = new Date(now().getTime() + ttl);
      const payload = Buffer.from(
        JSON.stringify({
          roomId,
          accountId: participant.accountId,
          role: participant.role,
          exp: Math.floor(expiresAt.getTime() / 1000),
        } satisfies LocalVideoClaims),
      ).toString('base64url');
      return {
        provider: LOCAL_VIDEO_PROVIDER,
        roomId,
        url: `${deps.publicWebUrl.replace(/\/$/, '')}/appointments/${appointmentId}/room`,
        token: `${payload}.${mac(deps.tokenKey, payload).toString('base64url')}`,
        expiresAt: expiresAt.toISOString(),
      };
    },
  };
}

/** The token's claims when its signature holds and it has not expired; undefined otherwise. */
export function verifyLocalVideoToken(
  tokenKey: Buffer,
  token: string,
  at: Date,
): (LocalVideoClaims & { role: VideoRole }) | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = mac(tokenKey, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const result = claims.safeParse(parsed);
  if (!result.success || result.data.exp * 1000 <= at.getTime()) return undefined;
  return result.data;
}
