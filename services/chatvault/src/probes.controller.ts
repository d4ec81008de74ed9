import { Controller, Get, Header, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { HealthRegistry, PublicRoute, metricsRegistry } from '@chatvault/platform';

/** Liveness, readiness and metrics: what Kubernetes and Prometheus ask every process. */
@Controller()
@PublicRoute()
export class ProbesController {
  constructor(private readonly health: HealthRegistry) {}

  @Get('healthz')
  @HttpCode(200)
  healthz() {
    return { status: 'ok' };
  }

  @Get('readyz')
  async readyz(@Res() response: Response) {
    const report = await this.health.report();
    response.status(report.ready ? 200 : 503).json(report);
  }

  @Get('metrics')
  @Header('Content-Type', metricsRegistry.contentType)
  metrics() {
    return metricsRegistry.metrics();
  }
}
