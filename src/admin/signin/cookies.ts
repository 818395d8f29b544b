import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The console's cookies. The session cookie is HttpOnly (no script reads it), Secure, SameSite=Strict
 * (no other site's page or link sends it) and Path=/; it lasts SESSION_TTL_S. The sign-in's `state`
 * cookie is SameSite=Lax instead: it must come back on the top-level navigation from WeCom's login
 * page, and it lives only 10 minutes under /auth/wecom.
 */

export const SESSION_COOKIE = 'wk_session';
export const STATE_COOKIE = 'wk_signin_state';
/** A working day: 8 hours. */
export const SESSION_TTL_S = 8 * 3600;
export const STATE_TTL_S = 600;
export const SIGNIN_PATH = '/auth/wecom';

export const readSessionCookie = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE) || undefined;

export function setSessionCookie(c: Context, id: string): void {
  setCookie(c, SESSION_COOKIE, id, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: SESSION_TTL_S });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
}

export const readStateCookie = (c: Context): string | undefined => getCookie(c, STATE_COOKIE) || undefined;

export function setStateCookie(c: Context, state: string): void {
  setCookie(c, STATE_COOKIE, state, { httpOnly: true, secure: true, sameSite: 'Lax', path: SIGNIN_PATH, maxAge: STATE_TTL_S });
}

export function clearStateCookie(c: Context): void {
  deleteCookie(c, STATE_COOKIE, { httpOnly: true, secure: true, sameSite: 'Lax', path: SIGNIN_PATH });
}
