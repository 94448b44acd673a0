// Who is asking: roles and the principal a verified token stands for.
export const ROLES = ['ADMIN', 'OFFICER', 'ENTERPRISE'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Who the token was issued to (a person or system). */
  subject: string;
  role: Role;
  /** The organisation an ENTERPRISE token is bound to; null for other roles. */
  organizationId: string | null;
  /** The token's own id (jti), for rate limiting and the audit trail. */
  tokenId: string;
}
