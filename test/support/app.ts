// Boots the real application in-process on a free port, with a given configuration, and talks
// GraphQL to it over real HTTP. The store may be wrapped (e.g. to count calls) but is never faked.
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/configure-app';
import { APP_CONFIG, AppConfig, loadConfig } from '../../src/config/config';
import { openGraphStore } from '../../src/graph/graph.module';
import { GRAPH_STORE, GraphStore } from '../../src/graph/graph-store.port';
import type { Role } from '../../src/auth/auth.types';
import { TokenService } from '../../src/auth/token.service';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string } }[];
}

export interface TestApp {
  app: NestExpressApplication;
  url: string;
  config: AppConfig;
  store: GraphStore;
  /** An ADMIN token, sent by gql() unless headers say otherwise. */
  adminToken: string;
  token(role: Role, organizationId?: string, ttlSeconds?: number): Promise<string>;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  /** gql() with a given bearer token (null: none). */
  gqlAs<T = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export async function startTestApp(
  options: { env?: Record<string, string>; wrapStore?: (store: GraphStore) => GraphStore } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    PORT: '0',
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  const store = await openGraphStore(config);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(GRAPH_STORE)
    .useValue(options.wrapStore ? options.wrapStore(store) : store)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({
    logger: ['error', 'warn'],
    bodyParser: false,
  });
  configureApp(app, config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}/graphql`;
  const tokens = app.get(TokenService);
  const token = (role: Role, organizationId?: string, ttlSeconds = 3600) =>
    tokens.issue({
      subject: `test-${role.toLowerCase()}`,
      role,
      organizationId: organizationId ?? null,
      ttlSeconds,
    });
  const adminToken = await token('ADMIN');
  const post = async <T>(
    query: string,
    variables: Record<string, unknown>,
    headers: Record<string, string>,
  ) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    let body: Omit<GqlResponse<T>, 'status'>;
    try {
      body = JSON.parse(text) as Omit<GqlResponse<T>, 'status'>;
    } catch {
      body = { errors: [{ message: text }] };
    }
    return { status: res.status, ...body };
  };
  return {
    app,
    url,
    config,
    store,
    adminToken,
    token,
    gql<T>(
      query: string,
      variables: Record<string, unknown> = {},
      headers: Record<string, string> = {},
    ) {
      return post<T>(query, variables, { authorization: `Bearer ${adminToken}`, ...headers });
    },
    gqlAs<T>(bearer: string | null, query: string, variables: Record<string, unknown> = {}) {
      return post<T>(query, variables, bearer ? { authorization: `Bearer ${bearer}` } : {});
    },
    async close() {
      await app.close();
      if (config.graphStore === 'embedded') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Wraps a store so that every port call is counted by method name. */
export function countingStore(store: GraphStore, counts: Map<string, number>): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        counts.set(prop, (counts.get(prop) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
