/**
 * The Twilio Video adapter against a local stand-in of Twilio's REST API: rooms created once per
 * appointment and reopened by name, the exact requests, and an Access Token that verifies with the
 * API key secret and grants exactly one room to an opaque identity.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTwilioMock, type TwilioMock } from '../../tests/fixtures/twilio-mock.js';
import { createTwilioVideo, twilioRoomName, type TwilioVideoConfig } from './twilio-video.js';

let twilio: TwilioMock;
beforeAll(async () => {
  twilio = await startTwilioMock();
});
afterAll(async () => twilio?.close());

const API_KEY_SID = 'SK00000000000000000000000000000001';
const API_KEY_SECRET = 'video-key-secret';
const at = new Date('2026-03-08T09:00:00.000Z');

const adapter = (overrides: Partial<TwilioVideoConfig> = {}) =>
  createTwilioVideo({
    accountSid: 'AC00000000000000000000000000000001',
    apiKeySid: API_KEY_SID,
    apiKeySecret: API_KEY_SECRET,
    roomType: 'group',
    publicWebUrl: 'https://consulta.example/',
    baseUrl: twilio.baseUrl,
    now: () => at,
    ...overrides,
  });

const requestsAfter = (before: number) => twilio.requests.slice(before);

describe('Twilio Video adapter', () => {
  it('creates a group room named after the appointment, never recorded, with basic auth by API key', async () => {
    const appointmentId = randomUUID();
    const before = twilio.requests.length;
    const { roomId } = await adapter({ statusCallback: 'https://api.consulta.example/twilio/rooms' }).createRoom(
      appointmentId,
    );
    expect(roomId).toBe(twilioRoomName(appointmentId));
    expect(roomId).toMatch(/^consulta-[0-9a-f-]{36}$/);
    expect(roomId).not.toContain(appointmentId);
    const [request, ...more] = requestsAfter(before);
    expect(more).toEqual([]);
    expect(request).toMatchObject({
      method: 'POST',
      path: '/v1/Rooms',
      form: {
        UniqueName: roomId,
        Type: 'group',
        RecordParticipantsOnConnect: 'false',
        StatusCallback: 'https://api.consulta.example/twilio/rooms',
        StatusCallbackMethod: 'POST',
      },
    });
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${API_KEY_SID}:${API_KEY_SECRET}`).toString('base64')}`,
    );
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('is idempotent: a room already in progress (53113) is fetched, not created twice', async () => {
    const appointmentId = randomUUID();
    const video = adapter({ roomType: 'go' });
    const first = await video.createRoom(appointmentId);
    const before = twilio.requests.length;
    expect(await video.createRoom(appointmentId)).toEqual(first);
    expect(requestsAfter(before).map((r) => [r.method, r.path])).toEqual([
      ['POST', '/v1/Rooms'],
      ['GET', `/v1/Rooms/${first.roomId}`],
    ]);
    // A Go room cannot record: the flag is not sent.
    expect(requestsAfter(before)[0]?.form).toEqual({ UniqueName: first.roomId, Type: 'go' });
    expect(twilio.rooms.filter((r) => r.uniqueName === first.roomId)).toHaveLength(1);
    expect((await video.createRoom(randomUUID())).roomId).not.toBe(first.roomId);
  });

  it('reopens a room Twilio has closed when someone joins it', async () => {
    const appointmentId = randomUUID();
    const video = adapter();
    const { roomId } = await video.createRoom(appointmentId);
    twilio.completeRoom(roomId);
    const participant = { accountId: randomUUID(), role: 'doctor' as const, displayName: 'Dr. Ana Macuácua' };
    await video.joinDescriptor({ appointmentId, roomId, participant });
    const named = twilio.rooms.filter((r) => r.uniqueName === roomId);
    expect(named.map((r) => r.status)).toEqual(['completed', 'in-progress']);
  });

  it('mints a Twilio Access Token for the room page: HS256 with the key secret, one room, no name', async () => {
    const appointmentId = randomUUID();
    const video = adapter();
    const { roomId } = await video.createRoom(appointmentId);
    const participant = { accountId: randomUUID(), role: 'patient' as const, displayName: 'Priya Sharma' };
    const before = twilio.requests.length;
    const descriptor = await video.joinDescriptor({ appointmentId, roomId, participant });

    expect(descriptor).toMatchObject({
      provider: 'twilio',
      roomId,
      url: `https://consulta.example/appointments/${appointmentId}/room`,
      expiresAt: '2026-03-08T09:15:00.000Z',
    });
    expect(decodeProtectedHeader(descriptor.token)).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
    const { payload } = await jwtVerify(descriptor.token, new TextEncoder().encode(API_KEY_SECRET), {
      currentDate: at,
      algorithms: ['HS256'],
    });
    const issuedAt = at.getTime() / 1000;
    expect(payload).toEqual({
      jti: `${API_KEY_SID}-${issuedAt}`,
      iss: API_KEY_SID,
      sub: 'AC00000000000000000000000000000001',
      iat: issuedAt,
      exp: issuedAt + 15 * 60,
      grants: { identity: expect.stringMatching(/^patient-[0-9a-f-]{36}$/), video: { room: roomId } },
    });
    const identity = (payload.grants as { identity: string }).identity;
    expect(identity).not.toContain(participant.accountId);
    expect(JSON.stringify(payload)).not.toMatch(/Priya|Sharma/);
    // The same person is the same identity on every join; another person is another one.
    const again = await video.joinDescriptor({ appointmentId, roomId, participant });
    expect(
      (await jwtVerify(again.token, new TextEncoder().encode(API_KEY_SECRET), { currentDate: at })).payload,
    ).toMatchObject({ grants: { identity } });
    const doctor = await video.joinDescriptor({
      appointmentId,
      roomId,
      participant: { accountId: randomUUID(), role: 'doctor', displayName: 'Dr. A' },
    });
    const doctorGrants = decodeGrants(doctor.token);
    expect(doctorGrants.identity).toMatch(/^doctor-/);
    expect(doctorGrants.identity).not.toBe(identity);
    // Nothing about the people reaches Twilio's API either.
    expect(JSON.stringify(requestsAfter(before))).not.toMatch(/Priya|Sharma|Macu|Dr\. A/);
    await expect(
      jwtVerify(descriptor.token, new TextEncoder().encode('another-secret'), { currentDate: at }),
    ).rejects.toThrow(/signature/);
  });

  it('fails loudly on other errors, with Twilio’s code and nothing it quoted', async () => {
    twilio.answerNextWith(401, { code: 20003, message: 'Authentication Error - consulta-x', status: 401 });
    const failure = adapter().createRoom(randomUUID());
    await expect(failure).rejects.toThrow('Twilio Video could not create a room: HTTP 401, Twilio error 20003');
    await expect(failure).rejects.not.toThrow('consulta-');
  });
});

function decodeGrants(token: string): { identity: string } {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    grants: { identity: string };
  };
  return payload.grants;
}
