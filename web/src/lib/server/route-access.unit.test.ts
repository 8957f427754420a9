import { describe, expect, it } from 'vitest';
import { decideAccess, ruleFor, type Viewer } from './route-access';

const patient: Viewer = { roles: ['patient'], mfaSetupRequired: false };
const admin: Viewer = { roles: ['admin'], mfaSetupRequired: false };
const newAdmin: Viewer = { roles: ['admin'], mfaSetupRequired: true };
const at = (path: string) => {
  const url = new URL(path, 'http://web.test');
  return { pathname: url.pathname, search: url.search };
};

describe('ruleFor', () => {
  it('lets the longest matching prefix decide', () => {
    expect(ruleFor('/login/verify').kind).toBe('public');
    expect(ruleFor('/login').kind).toBe('guests');
    expect(ruleFor('/account/security').kind).toBe('signed-in');
  });

  it('does not match a prefix inside a word', () => {
    expect(ruleFor('/administrivia').kind).toBe('public');
    // A doctor's own pages need a session; the public directory does not.
    expect(ruleFor('/doctor/practice').kind).toBe('signed-in');
    expect(ruleFor('/doctors').kind).toBe('public');
    expect(ruleFor('/doctors/0b0e4c2a-5f1e-4a59-9a51-4d9b8c1e7a01').kind).toBe('public');
  });
});

describe('decideAccess', () => {
  it('sends a visitor to the login page, remembering where they were going', () => {
    expect(decideAccess(at('/appointments?status=x'), null)).toEqual({
      kind: 'redirect',
      location: '/login?redirectTo=%2Fappointments%3Fstatus%3Dx',
    });
  });

  it('lets a visitor see public pages', () => {
    expect(decideAccess(at('/'), null)).toEqual({ kind: 'allow' });
    expect(decideAccess(at('/forgot-password'), null)).toEqual({ kind: 'allow' });
  });

  it('says the session expired when it just ended, even on the home page', () => {
    expect(decideAccess(at('/'), null, { sessionExpired: true })).toEqual({
      kind: 'redirect',
      location: '/login?expired=1',
    });
    expect(decideAccess(at('/profile'), null, { sessionExpired: true })).toEqual({
      kind: 'redirect',
      location: '/login?expired=1&redirectTo=%2Fprofile',
    });
  });

  it('does not interrupt pages that need no session when one ends', () => {
    expect(decideAccess(at('/reset-password?token=t'), null, { sessionExpired: true })).toEqual({ kind: 'allow' });
    expect(decideAccess(at('/login?expired=1'), null, { sessionExpired: true })).toEqual({ kind: 'allow' });
  });

  it('sends someone already signed in away from login and sign-up, to a safe target', () => {
    expect(decideAccess(at('/login?redirectTo=/profile'), patient)).toEqual({ kind: 'redirect', location: '/profile' });
    expect(decideAccess(at('/signup'), patient)).toEqual({ kind: 'redirect', location: '/' });
    expect(decideAccess(at('/login?redirectTo=https://evil.example'), patient)).toEqual({
      kind: 'redirect',
      location: '/',
    });
  });

  it('keeps the admin area for signed-in accounts (the page checks the role)', () => {
    expect(decideAccess(at('/admin/accounts'), null)).toMatchObject({ kind: 'redirect' });
    expect(decideAccess(at('/admin/accounts'), admin)).toEqual({ kind: 'allow' });
  });

  it('holds staff without a second factor on the security page', () => {
    expect(decideAccess(at('/admin/accounts'), newAdmin)).toEqual({
      kind: 'redirect',
      location: '/account/security?required=1',
    });
    expect(decideAccess(at('/'), newAdmin)).toMatchObject({ kind: 'redirect' });
    expect(decideAccess(at('/account/security?required=1'), newAdmin)).toEqual({ kind: 'allow' });
    expect(decideAccess(at('/logout'), newAdmin)).toEqual({ kind: 'allow' });
  });
});
