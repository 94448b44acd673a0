// HTTP-level settings shared by main.ts and the end-to-end tests, so tests run what users run.
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from './config/config';

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  // Body size limit: bigger requests get 413 before any parsing work.
  app.useBodyParser('json', { limit: config.graphql.maxBody });
  app.disable('x-powered-by');
}
