import { Controller, Get, HttpCode, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { GRAPH_STORE, GraphStore } from '../graph/graph-store.port';

@Controller('health')
export class HealthController {
  constructor(@Inject(GRAPH_STORE) private readonly store: GraphStore) {}

  /** The process is up. */
  @Get(['', 'live'])
  @HttpCode(HttpStatus.OK)
  live(): { status: string } {
    return { status: 'ok' };
  }

  /** The store answers: ready to serve. */
  @Get('ready')
  async ready(): Promise<{ status: string; store: string; detail: string }> {
    const health = await this.store.health();
    const body = { status: health.ok ? 'ok' : 'unavailable', store: this.store.kind, detail: health.detail };
    if (!health.ok) throw new HttpException(body, HttpStatus.SERVICE_UNAVAILABLE);
    return body;
  }
}
