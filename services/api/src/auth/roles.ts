import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRecord } from '@chatvault/store';

export type Role = ApiKeyRecord['role'];

export const ROLES = 'chatvault:roles';
/** Roles allowed on a route besides admin, which may do everything. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);
