import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { ApiKeyRecord } from '@chatvault/store';
import { DomainError, PUBLIC_ROUTE } from '@chatvault/platform';
import { hashApiKey } from './api-key';
import { KnownKeys } from './known-keys';
import { ROLES, mayCall, type Role } from './roles';

export interface AuthenticatedRequest extends Request {
  principal: ApiKeyRecord;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: KnownKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError('unauthenticated', 'send an API key as "Authorization: Bearer <key>"');
    const principal = await this.keys.find(hashApiKey(match[1]!));
    if (!principal) throw new DomainError('unauthenticated', 'the API key is not valid');
    if (principal.revokedAt !== null) throw new DomainError('unauthenticated', 'the API key was revoked');
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? [];
    if (!mayCall(principal.role, allowed)) {
      throw new DomainError('forbidden', `the ${principal.role} role may not ${request.method} ${request.path}`);
    }
    request.principal = principal;
    return true;
  }
}
