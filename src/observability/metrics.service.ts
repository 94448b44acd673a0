// Prometheus metrics (prom-client): one registry per process, with the default Node metrics and
// the service's own: GraphQL request durations by operation, match latency and candidate counts,
// store call errors and import progress.
import { Injectable } from '@nestjs/common';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly requestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation (root fields) and outcome',
    labelNames: ['operation', 'type', 'outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  readonly matchLatency = new Histogram({
    name: 'match_suggestions_duration_seconds',
    help: 'Time to rank match suggestions (candidate generation + scoring)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });

  readonly matchCandidates = new Histogram({
    name: 'match_candidates_scored',
    help: 'Distinct candidates scored per match query',
    buckets: [0, 10, 25, 50, 100, 150, 200, 300, 500],
    registers: [this.registry],
  });

  readonly storeErrors = new Counter({
    name: 'graph_store_errors_total',
    help: 'GraphStore calls that failed, by method and error code',
    labelNames: ['store', 'method', 'code'] as const,
    registers: [this.registry],
  });

  readonly importRows = new Counter({
    name: 'graph_import_rows_total',
    help: 'Rows written by graph imports, by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly importInProgress = new Gauge({
    name: 'graph_import_in_progress',
    help: 'Imports running now',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
