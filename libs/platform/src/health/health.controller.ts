import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../http/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every real dependency of this app answers (503 otherwise).' })
  async ready(@Res({ passthrough: true }) res: Response): Promise<object> {
    const report = await this.health.readiness();
    res.status(report.status === 'ready' ? 200 : 503);
    return report;
  }

  @Get()
  @ApiOperation({ summary: 'Liveness and readiness in one answer (503 when not ready).' })
  async both(@Res({ passthrough: true }) res: Response): Promise<object> {
    const report = await this.health.readiness();
    res.status(report.status === 'ready' ? 200 : 503);
    return { live: true, ...report };
  }
}
