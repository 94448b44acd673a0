// HTTP-level settings shared by main.ts and the end-to-end tests, so tests run what users run.
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from './config/config';

export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.disable('x-powered-by');
  // JSON bodies up to the configured size. Parse errors are answered here, as GraphQL-shaped
  // errors with a code, rather than passed on: later error middleware (the static file server's)
  // would turn them into 404s.
  const json = express.json({ limit: config.graphql.maxBody });
  app.use((req: Request, res: Response, next: NextFunction) => {
    json(req, res, (err?: unknown) => {
      if (!err) return next();
      const status =
        typeof (err as { status?: unknown }).status === 'number'
          ? (err as { status: number }).status
          : 400;
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      const message =
        status === 413
          ? `the request body is larger than ${config.graphql.maxBody}`
          : 'the request body is not valid JSON';
      res.status(status).json({ errors: [{ message, extensions: { code } }] });
    });
  });
}
