// Environment → one typed, validated configuration object, checked once at boot. A bad variable
// stops startup with the list of every problem, never a half-configured server.
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/** The project root (holds package.json and graph-seed/), from src/config or dist/config. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    GRAPH_STORE: z.enum(['embedded', 'neo4j']).default('embedded'),
    DATA_DIR: z.string().min(1).default('./data'),
    SEED_ON_EMPTY: bool.optional(),
    SEED_FILE: z.string().min(1).default('graph-seed/seed.json'),
    MATCH_FIT_WEIGHTS: bool.default(true),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\//u, 'must be a bolt:// or neo4j:// URI')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
    AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_ISSUER: z.string().min(1).default('partner-matchmaking'),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(10).default(20000),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).default(15),
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(50).default(3000),
    GRAPHQL_MAX_BODY: z
      .string()
      .regex(/^\d+(kb|mb)$/u, 'like 100kb or 1mb')
      .default('100kb'),
  })
  .superRefine((env, ctx) => {
    if (env.GRAPH_STORE === 'neo4j') {
      if (!env.NEO4J_URI)
        ctx.addIssue({
          code: 'custom',
          path: ['NEO4J_URI'],
          message: 'is required when GRAPH_STORE=neo4j',
        });
      if (!env.NEO4J_PASSWORD)
        ctx.addIssue({
          code: 'custom',
          path: ['NEO4J_PASSWORD'],
          message: 'is required when GRAPH_STORE=neo4j',
        });
    }
  });

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
  graphStore: 'embedded' | 'neo4j';
  /** Absolute path of the embedded store's directory. */
  dataDir: string;
  /** Load the seed graph into an empty store at start (default: embedded yes, Neo4j no). */
  seedOnEmpty: boolean;
  /** Absolute path of the seed graph file. */
  seedFile: string;
  /** Fit the signal weights to the graph (in the background; the defaults serve meanwhile). */
  fitWeights: boolean;
  neo4j: { uri: string; user: string; password: string; database: string; maxPoolSize: number };
  auth: {
    /** HS256 secret; when absent, one is generated once and kept in DATA_DIR/jwt-secret. */
    jwtSecret: string | null;
    issuer: string;
    /** Requests per minute per token; 0 turns rate limiting off. */
    rateLimitPerMinute: number;
  };
  graphql: {
    maxDepth: number;
    maxCost: number;
    maxAliases: number;
    maxTokens: number;
    maxBody: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset" (docker-compose passes `VAR=` for unset variables).
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(process.cwd(), p));
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    graphStore: e.GRAPH_STORE,
    dataDir: abs(e.DATA_DIR),
    seedOnEmpty: e.SEED_ON_EMPTY ?? e.GRAPH_STORE === 'embedded',
    seedFile: isAbsolute(e.SEED_FILE) ? e.SEED_FILE : resolve(PROJECT_ROOT, e.SEED_FILE),
    fitWeights: e.MATCH_FIT_WEIGHTS,
    neo4j: {
      uri: e.NEO4J_URI ?? 'bolt://localhost:7687',
      user: e.NEO4J_USER,
      password: e.NEO4J_PASSWORD ?? '',
      database: e.NEO4J_DATABASE,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
    },
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET ?? null,
      issuer: e.AUTH_ISSUER,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    },
    graphql: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxBody: e.GRAPHQL_MAX_BODY,
    },
  };
}

/** Nest injection token of the AppConfig object. */
export const APP_CONFIG = Symbol('APP_CONFIG');
