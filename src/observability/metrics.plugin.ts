// Times every GraphQL request, labelled by its root fields (bounded by the schema) and outcome.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import { errorCode } from '../auth/graphql-security.plugin';
import type { GqlContext } from '../common/graphql/context';
import type { MetricsService } from './metrics.service';

export function metricsPlugin(metrics: MetricsService): ApolloServerPlugin<GqlContext> {
  return {
    requestDidStart() {
      const end = metrics.requestDuration.startTimer();
      return Promise.resolve({
        willSendResponse(ctx) {
          const op = ctx.operation;
          const fields = op
            ? [
                ...new Set(
                  op.selectionSet.selections
                    .filter((s) => s.kind === Kind.FIELD)
                    .map((s) => (s.kind === Kind.FIELD ? s.name.value : '')),
                ),
              ]
                .sort()
                .join(',')
            : 'invalid';
          const errors =
            ctx.response.body.kind === 'single' ? ctx.response.body.singleResult.errors : undefined;
          const outcome = errors?.length ? errorCode(errors[0]?.extensions?.code) : 'OK';
          end({
            operation: fields.slice(0, 120) || 'none',
            type: op?.operation ?? 'unknown',
            outcome,
          });
          return Promise.resolve();
        },
      });
    },
  };
}
