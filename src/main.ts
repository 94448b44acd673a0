// Boots the API. Configuration problems and a store that cannot open stop the process with a
// clear message and a non-zero exit code.
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { AppModule } from './app.module';
import { APP_CONFIG, AppConfig, ConfigError, loadConfig } from './config/config';

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  loadConfig(); // fail fast, before Nest logs anything, on a bad environment
  const app = await NestFactory.create(AppModule, { bufferLogs: false });
  app.enableShutdownHooks();
  const config = app.get<AppConfig>(APP_CONFIG);
  await app.listen(config.port, config.host);
  new Logger('Bootstrap').log(
    `GraphQL API on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/graphql (${config.graphStore} store)`,
  );
}

bootstrap().catch((e: unknown) => {
  const message = e instanceof ConfigError || e instanceof Error ? e.message : String(e);
  // eslint-disable-next-line no-console
  console.error(`Startup failed: ${message}`);
  process.exit(1);
});
