import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalVideo, verifyLocalVideoToken } from './local-video.js';

const tokenKey = randomBytes(32);
const at = new Date('2026-03-08T09:00:00.000Z');
const video = createLocalVideo({ tokenKey, publicWebUrl: 'http://web.test/', now: () => at });
const participant = { accountId: randomUUID(), role: 'patient' as const, displayName: 'Priya Sharma' };

describe('local video', () => {
  it('gives an appointment the same room every time, and another appointment another room', async () => {
    const appointmentId = randomUUID();
    const first = await video.createRoom(appointmentId);
    expect(await video.createRoom(appointmentId)).toEqual(first);
    expect((await video.createRoom(randomUUID())).roomId).not.toBe(first.roomId);
    expect(first.roomId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('mints a short-lived signed token for the room page, naming no one', async () => {
    const appointmentId = randomUUID();
    const { roomId } = await video.createRoom(appointmentId);
    const descriptor = await video.joinDescriptor({ appointmentId, roomId, participant });
    expect(descriptor).toMatchObject({
      provider: 'local',
      roomId,
      url: `http://web.test/appointments/${appointmentId}/room`,
      expiresAt: '2026-03-08T09:15:00.000Z',
    });
    expect(Buffer.from(descriptor.token.split('.')[0] ?? '', 'base64url').toString()).not.toContain('Priya');
    expect(verifyLocalVideoToken(tokenKey, descriptor.token, at)).toMatchObject({
      roomId,
      accountId: participant.accountId,
      role: 'patient',
    });
  });

  it('refuses an expired, tampered or foreign token', async () => {
    const appointmentId = randomUUID();
    const { token } = await video.joinDescriptor({ appointmentId, roomId: 'r', participant });
    expect(verifyLocalVideoToken(tokenKey, token, new Date('2026-03-08T09:15:00.000Z'))).toBeUndefined();
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ roomId: 'r', accountId: 'x', role: 'doctor', exp: 9e9 })).toString(
      'base64url',
    );
    expect(verifyLocalVideoToken(tokenKey, `${forged}.${signature}`, at)).toBeUndefined();
    expect(verifyLocalVideoToken(randomBytes(32), `${payload}.${signature}`, at)).toBeUndefined();
    expect(verifyLocalVideoToken(tokenKey, 'not-a-token', at)).toBeUndefined();
  });
});
