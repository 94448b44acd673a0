// Who may do what, declared next to each operation and decided in one place (PolicyGuard).
// Root operations without a policy are denied, so a new operation is closed until it says so.
import { SetMetadata } from '@nestjs/common';
import type { Principal, Role } from './auth.types';

export interface Policy {
  roles: readonly Role[];
  /**
   * For ENTERPRISE principals: the organisation the operation acts on; allowed only when it is
   * the principal's own. Without it, an ENTERPRISE listed in roles may act on anything.
   */
  ownOrganization?: (args: Record<string, unknown>) => unknown;
  /** Input fields only these roles may set (e.g. private fields), checked for every role. */
  restrictedInput?: {
    fields: readonly string[];
    roles: readonly Role[];
    path: (args: Record<string, unknown>) => unknown;
  };
}

export const POLICY_KEY = 'auth:policy';
export const Allow = (policy: Policy): MethodDecorator & ClassDecorator =>
  SetMetadata(POLICY_KEY, policy);

export const STAFF: readonly Role[] = ['ADMIN', 'OFFICER'];
export const EVERYONE: readonly Role[] = ['ADMIN', 'OFFICER', 'ENTERPRISE'];

/** Reads `args[a][b]…` for a dotted path. */
export const arg =
  (path: string) =>
  (args: Record<string, unknown>): unknown =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        args,
      );

export function allows(
  policy: Policy,
  principal: Principal,
  args: Record<string, unknown>,
): boolean {
  if (!policy.roles.includes(principal.role)) return false;
  if (principal.role === 'ENTERPRISE' && policy.ownOrganization) {
    const target = policy.ownOrganization(args);
    if (target !== principal.organizationId) return false;
  }
  if (policy.restrictedInput && !policy.restrictedInput.roles.includes(principal.role)) {
    const input = policy.restrictedInput.path(args);
    if (input && typeof input === 'object') {
      for (const f of policy.restrictedInput.fields) {
        if ((input as Record<string, unknown>)[f] !== undefined) return false;
      }
    }
  }
  return true;
}
