import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ARCHIVE_STORE, type ApiKeyRecord, type ArchiveStore } from '@chatvault/store';
import { DomainError, PUBLIC_ROUTE } from '@chatvault/platform';
import { hashApiKey } from './api-key';
import { ROLES, type Role } from './roles';

export interface AuthenticatedRequest extends Request {
  principal: ApiKeyRecord;
}

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ARCHIVE_STORE) private readonly store: ArchiveStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError('unauthenticated', 'send an API key as "Authorization: Bearer <key>"');
    const principal = await this.store.apiKeys.findByHash(hashApiKey(match[1]!));
    if (!principal) throw new DomainError('unauthenticated', 'the API key is not valid');
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? [];
    if (principal.role !== 'admin' && !allowed.includes(principal.role)) {
      throw new DomainError('forbidden', `the ${principal.role} role may not ${request.method} ${request.path}`);
    }
    request.principal = principal;
    return true;
  }
}
