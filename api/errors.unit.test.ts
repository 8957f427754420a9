import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { conflict } from '../domain/index.js';
import { registerErrorHandling } from './errors.js';

/** A bare app with the error handling, and routes that fail in the ways handlers do. */
async function appThrowing(error: () => Error) {
  const app = Fastify({ logger: false });
  registerErrorHandling(app);
  app.get('/fails', async () => {
    throw error();
  });
  await app.ready();
  return app;
}

describe('error answers', () => {
  it('turns a lock wait that outlasted its bound into a 409 worth retrying, not a 500', async () => {
    const app = await appThrowing(() =>
      Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' }),
    );
    const response = await app.inject({ method: 'GET', url: '/fails' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      error: { code: 'BUSY', message: 'This is being changed by someone else right now; try again in a moment.' },
    });
  });

  it('answers a domain conflict with its own code, and anything unknown as INTERNAL without its message', async () => {
    const busy = await appThrowing(() => conflict('DOCTOR_CALENDAR_BUSY', 'Try again in a moment.'));
    expect((await busy.inject({ method: 'GET', url: '/fails' })).json()).toEqual({
      error: { code: 'DOCTOR_CALENDAR_BUSY', message: 'Try again in a moment.' },
    });
    const broken = await appThrowing(() => new Error('secret detail'));
    const response = await broken.inject({ method: 'GET', url: '/fails' });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret detail');
  });
});
