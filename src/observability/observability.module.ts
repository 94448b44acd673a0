// Structured JSON logs with a request id on every line (nestjs-pino), Prometheus metrics.
import { Global, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

const REQUEST_ID = /^[\w-]{1,64}$/u;

@Global()
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        return {
          pinoHttp: {
            level: config.env === 'test' ? 'warn' : config.logLevel,
            // A request id on every line: the caller's X-Request-Id when sane, else a new one.
            genReqId: (req: IncomingMessage, res: ServerResponse) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            // Never log credentials or bodies (bodies may hold private fields).
            redact: {
              paths: [
                'req.headers.authorization',
                'req.headers.cookie',
                'res.headers["set-cookie"]',
              ],
              censor: '[redacted]',
            },
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: {
              ignore: (req: IncomingMessage) =>
                req.url === '/metrics' || (req.url ?? '').startsWith('/health'),
            },
            customProps: () => ({ service: 'partner-matchmaking' }),
          },
        };
      },
    }),
  ],
  providers: [MetricsService],
  controllers: [MetricsController],
  exports: [MetricsService],
})
export class ObservabilityModule {}
