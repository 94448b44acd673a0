// Serves the officer dashboard (built from web/ into dist/dashboard by `npm run build:web`) at `/`.
// Everything the page loads ships in dist/dashboard; it talks only to /graphql, with the user's token.
// /graphql, /health and /metrics stay with their own handlers. A missing build is a warning (the
// API works without the dashboard), never a startup failure.
import { Logger, Module } from '@nestjs/common';
import {
  AbstractLoader,
  ExpressLoader,
  ServeStaticModule,
  type ServeStaticModuleOptions,
} from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { PROJECT_ROOT } from '../config/config';

export const WEB_ROOT = join(PROJECT_ROOT, 'dist', 'dashboard');

/**
 * Paths the dashboard must never answer. @nestjs/serve-static 5 matches these with
 * path-to-regexp 8 (Express 5): a bare `*` is an error there, and `{/*path}` is "optionally
 * followed by more segments", so `/graphql{/*path}` covers /graphql and /graphql/… but not
 * /graphqlx.
 */
export const WEB_EXCLUDE = ['/graphql{/*path}', '/health{/*path}', '/metrics{/*path}'];

/**
 * The page's Content-Security-Policy: scripts, styles and everything else from this origin only,
 * no inline code, no framing. The build emits only external module scripts and stylesheets.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHeaders(res: ServerResponse, path: string): void {
  res.setHeader('Content-Security-Policy', WEB_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // Hashed asset names never change content; the page itself is always revalidated.
  res.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/u.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

export function webOptions(root = WEB_ROOT): ServeStaticModuleOptions[] {
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('Web').warn(
      `The dashboard is not built (${join(root, 'index.html')} is missing), so / serves nothing; run \`npm run build:web\`. The API is unaffected.`,
    );
    return [];
  }
  return [
    {
      rootPath: root,
      exclude: WEB_EXCLUDE,
      serveStaticOptions: {
        index: 'index.html',
        fallthrough: true,
        dotfiles: 'ignore',
        setHeaders,
      },
    },
  ];
}

@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      // A factory, so that the build is looked for when the application starts, not at import.
      useFactory: () => webOptions(),
      // The package picks its loader (Express, Fastify or a no-op) from the HTTP adapter when the
      // module is compiled; a testing module is compiled before its adapter exists and would get
      // the no-op loader, serving nothing. This API runs on Express (platform-express) only.
      extraProviders: [{ provide: AbstractLoader, useClass: ExpressLoader }],
    }),
  ],
})
export class WebModule {}
