import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '@chatvault/store';

export type Role = ApiKeyRole;

export const ROLES = 'chatvault:roles';
/** Roles allowed on a route besides admin, which may do everything, and the roles that include them. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** A reviewer may do everything a reader may, and review alerts besides. */
const INCLUDED: Record<Exclude<Role, 'admin'>, readonly Role[]> = {
  reviewer: ['reviewer', 'reader'],
  reader: ['reader'],
  ingest: ['ingest'],
};

/** Whether a key of this role may call a route open to these roles. */
export function mayCall(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || INCLUDED[role].some((included) => allowed.includes(included));
}
