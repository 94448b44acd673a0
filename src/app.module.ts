import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import type { GqlContext } from './common/graphql/context';
import { formatGraphQLError } from './common/graphql/format-error';
import { GraphQLExceptionFilter } from './common/graphql/graphql-exception.filter';
import { GraphLoaders } from './graph/graph-loaders';
import { GRAPH_STORE, GraphStore } from './graph/graph-store.port';
import { GraphModule } from './graph/graph.module';
import { InsightsModule } from './insights/insights.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { RelationshipsModule } from './relationships/relationships.module';
import { HealthModule } from './health/health.module';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { randomUUID } from 'node:crypto';
import { AuthModule } from './auth/auth.module';
import { metricsPlugin } from './observability/metrics.plugin';
import { MetricsService } from './observability/metrics.service';
import { ObservabilityModule } from './observability/observability.module';
import type { Principal } from './auth/auth.types';
import { securityPlugin } from './auth/graphql-security.plugin';
import { TokenService } from './auth/token.service';
import { DomainError, DomainErrorCode } from './common/errors/domain-error';
import { MatchingModule } from './matching/matching.module';
import { WebModule } from './web/web.module';

@Module({
  imports: [
    ConfigModule,
    ObservabilityModule,
    GraphModule,
    AuthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, GRAPH_STORE, TokenService, MetricsService],
      useFactory: (
        config: AppConfig,
        store: GraphStore,
        tokens: TokenService,
        metrics: MetricsService,
      ): ApolloDriverConfig => {
        const armor = new ApolloArmor({
          maxDepth: { n: config.graphql.maxDepth },
          costLimit: { maxCost: config.graphql.maxCost },
          maxAliases: { n: config.graphql.maxAliases },
          // graphql-armor's token limit re-parses in a plugin hook and turns syntax errors into
          // HTTP 500s; graphql's own parser enforces the limit instead (parseOptions below).
          maxTokens: { enabled: false },
          maxDirectives: { n: 20 },
          blockFieldSuggestion: { enabled: true },
        }).protect();
        return {
          autoSchemaFile: true,
          sortSchema: true,
          path: '/graphql',
          introspection: config.env !== 'production',
          playground: false,
          includeStacktraceInErrorResponses: false,
          csrfPrevention: true,
          allowBatchedHttpRequests: false,
          parseOptions: { maxTokens: config.graphql.maxTokens },
          // Guards run on field resolvers too: private fields carry their own policy.
          fieldResolverEnhancers: ['guards'],
          validationRules: armor.validationRules,
          plugins: [
            ...armor.plugins,
            metricsPlugin(metrics),
            securityPlugin(store, config.auth.rateLimitPerMinute),
            ...(config.env === 'production' ? [ApolloServerPluginLandingPageDisabled()] : []),
          ],
          formatError: (formatted, error) =>
            formatGraphQLError(formatted, error, config.env === 'development'),
          context: async ({ req, res }: { req: Request; res: Response }): Promise<GqlContext> => {
            let principal: Principal | null = null;
            let authError: DomainError | null = null;
            try {
              principal = await tokens.authenticate(req.headers.authorization);
            } catch (e) {
              authError =
                e instanceof DomainError
                  ? e
                  : new DomainError(DomainErrorCode.UNAUTHENTICATED, 'the token is not valid');
            }
            const header = req.headers['x-request-id'];
            return {
              req,
              res,
              loaders: new GraphLoaders(store),
              principal,
              authError,
              requestId:
                typeof header === 'string' && /^[\w-]{1,64}$/u.test(header) ? header : randomUUID(),
            };
          },
        };
      },
    }),
    OrganizationsModule,
    RelationshipsModule,
    InsightsModule,
    MatchingModule,
    HealthModule,
    WebModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
})
export class AppModule {}
