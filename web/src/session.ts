// The signed-in user's token, kept in sessionStorage (gone when the tab closes). Its claims are
// read only to shape the UI (role, own organisation, expiry); the API verifies the token itself.

export type Role = 'ADMIN' | 'OFFICER' | 'ENTERPRISE';

export interface Session {
  token: string;
  role: Role | null;
  /** The organisation an ENTERPRISE token is bound to. */
  organizationId: string | null;
  subject: string | null;
  /** Expiry, in ms since the epoch, when the token says. */
  expiresAt: number | null;
}

const KEY = 'pm.token';

function decodePart(part: string): unknown {
  const b64 = part.replace(/-/gu, '+').replace(/_/gu, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
}

/** The session a token stands for; null when it is not shaped like a JWT. */
export function sessionOf(token: string): Session | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const claims = decodePart(parts[1]);
    if (!claims || typeof claims !== 'object') return null;
    const c = claims as Record<string, unknown>;
    const role =
      c.role === 'ADMIN' || c.role === 'OFFICER' || c.role === 'ENTERPRISE' ? c.role : null;
    return {
      token: token.trim(),
      role,
      organizationId: role === 'ENTERPRISE' && typeof c.org === 'string' ? c.org : null,
      subject: typeof c.sub === 'string' ? c.sub : null,
      expiresAt: typeof c.exp === 'number' ? c.exp * 1000 : null,
    };
  } catch {
    return null;
  }
}

export function loadSession(): Session | null {
  try {
    const token = sessionStorage.getItem(KEY);
    return token ? sessionOf(token) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  try {
    sessionStorage.setItem(KEY, session.token);
  } catch {
    // Storage can be off (private mode): the session then lasts until the page reloads.
  }
}

export function clearSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}

export const isEnterprise = (s: Session | null): boolean => s?.role === 'ENTERPRISE';
