// Times every GraphQL request, labelled by its root fields (bounded by the schema) and outcome.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { GqlContext } from '../common/graphql/context';
import type { MetricsService } from './metrics.service';

export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      const end = metrics.requestDuration.startTimer();
      return {
        async willSendResponse(ctx) {
          const op = ctx.operation as OperationDefinitionNode | undefined;
          const fields = op
            ? [...new Set(op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).map((s) => (s.kind === Kind.FIELD ? s.name.value : '')))].sort().join(',')
            : 'invalid';
          const errors = ctx.response.body.kind === 'single' ? ctx.response.body.singleResult.errors : undefined;
          const outcome = errors?.length ? String(errors[0]?.extensions?.code ?? 'ERROR') : 'OK';
          end({ operation: fields.slice(0, 120) || 'none', type: op?.operation ?? 'unknown', outcome });
        },
      };
    },
  };
}
