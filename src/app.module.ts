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
import { MatchingModule } from './matching/matching.module';

@Module({
  imports: [
    ConfigModule,
    GraphModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG, GRAPH_STORE],
      useFactory: (config: AppConfig, store: GraphStore): ApolloDriverConfig => ({
        autoSchemaFile: true,
        sortSchema: true,
        path: '/graphql',
        introspection: config.env !== 'production',
        playground: false,
        includeStacktraceInErrorResponses: false,
        csrfPrevention: true,
        formatError: (formatted, error) =>
          formatGraphQLError(formatted, error, config.env === 'development'),
        context: ({ req, res }: { req: Request; res: Response }): GqlContext => ({
          req,
          res,
          loaders: new GraphLoaders(store),
        }),
      }),
    }),
    OrganizationsModule,
    RelationshipsModule,
    InsightsModule,
    MatchingModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
})
export class AppModule {}
