// Boots the API. Configuration problems and a store that cannot open stop the process with a
// clear message and a non-zero exit code.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from './config/config';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  loadConfig(); // fail fast, before Nest logs anything, on a bad environment
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoLogger));
  const config = app.get<AppConfig>(APP_CONFIG);
  configureApp(app, config);
  const logger = new Logger('Bootstrap');
  // SIGTERM / SIGINT: stop accepting, let in-flight requests finish, close the store, exit 0.
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received: shutting down`);
    setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, 15_000).unref();
    app.close().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error(`Shutdown failed: ${e instanceof Error ? e.message : String(e)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen(config.port, config.host);
  logger.log(
    `GraphQL API on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql (${config.graphStore} store)`,
  );
}

bootstrap().catch((e: unknown) => {
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  // eslint-disable-next-line no-console
  console.error(`Startup failed: ${message}`);
  process.exit(1);
});
