// Signed JWTs (HS256, via `jose`): issue and verify. The secret comes from AUTH_JWT_SECRET, or is
// generated once and kept in DATA_DIR/jwt-secret (mode 600) so that a fresh clone works with no
// setup; several API replicas must share AUTH_JWT_SECRET.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { AppConfig } from '../config/config';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { type Principal, type Role, ROLES } from './auth.types';

export const SECRET_FILE = 'jwt-secret';
export const ADMIN_TOKEN_FILE = 'admin-token';
const AUDIENCE = 'partner-matchmaking-api';
const MAX_TTL_SECONDS = 366 * 24 * 3600;

/** Reads the signing secret, creating DATA_DIR/jwt-secret on first use; reports whether it did. */
export function loadSigningSecret(config: Pick<AppConfig, 'auth' | 'dataDir'>): {
  secret: Uint8Array;
  created: boolean;
} {
  if (config.auth.jwtSecret)
    return { secret: new TextEncoder().encode(config.auth.jwtSecret), created: false };
  const file = join(config.dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const value = readFileSync(file, 'utf8').trim();
    if (value.length < 32)
      throw new Error(
        `${file} holds a secret shorter than 32 characters; delete it or set AUTH_JWT_SECRET`,
      );
    return { secret: new TextEncoder().encode(value), created: false };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret: new TextEncoder().encode(value), created: true };
}

/** "8h", "30m", "7d", "3600" (seconds) → seconds. */
export function parseTtl(ttl: string): number {
  const m = /^(\d+)\s*([smhd]?)$/u.exec(ttl.trim());
  if (!m) throw new Error(`--ttl ${ttl}: use a number of seconds or e.g. 30m, 8h, 7d`);
  const n = Number(m[1]);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = n * unit;
  if (seconds < 1 || seconds > MAX_TTL_SECONDS)
    throw new Error(`--ttl ${ttl}: must be between 1 s and 366 days`);
  return seconds;
}

export class TokenService {
  constructor(
    private readonly secret: Uint8Array,
    private readonly issuer: string,
  ) {}

  async issue(input: {
    subject: string;
    role: Role;
    organizationId?: string | null;
    ttlSeconds: number;
  }): Promise<string> {
    if (!ROLES.includes(input.role)) throw new Error(`unknown role ${String(input.role)}`);
    if (input.role === 'ENTERPRISE' && !input.organizationId)
      throw new Error('an ENTERPRISE token needs an organisation (--org)');
    return new SignJWT({
      role: input.role,
      ...(input.role === 'ENTERPRISE' && { org: input.organizationId }),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(input.subject)
      .setIssuer(this.issuer)
      .setAudience(AUDIENCE)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + input.ttlSeconds)
      .sign(this.secret);
  }

  /** The principal of a valid token; UNAUTHENTICATED (with a reason, no internals) otherwise. */
  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: this.issuer,
        audience: AUDIENCE,
        requiredClaims: ['exp', 'sub', 'jti'],
      });
      const role = payload.role;
      if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
        throw new Error('role');
      const org = typeof payload.org === 'string' ? payload.org : null;
      if (role === 'ENTERPRISE' && !org) throw new Error('org');
      return {
        subject: payload.sub as string,
        role: role as Role,
        organizationId: role === 'ENTERPRISE' ? org : null,
        tokenId: payload.jti as string,
      };
    } catch (e) {
      const expired = e instanceof joseErrors.JWTExpired;
      throw new DomainError(
        DomainErrorCode.UNAUTHENTICATED,
        expired ? 'the token has expired' : 'the token is not valid',
      );
    }
  }

  /** Parses `Authorization: Bearer <token>`. */
  async authenticate(header: string | string[] | undefined): Promise<Principal> {
    const value = Array.isArray(header) ? header[0] : header;
    const m = value ? /^Bearer\s+([A-Za-z0-9_\-.]+)\s*$/u.exec(value) : null;
    if (!m)
      throw new DomainError(
        DomainErrorCode.UNAUTHENTICATED,
        'an Authorization: Bearer <token> header is required',
      );
    return this.verify(m[1] as string);
  }
}
