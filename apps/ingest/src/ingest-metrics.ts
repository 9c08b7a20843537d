import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What `/metrics` shows of the ingest (Prometheus text format). */
export class IngestMetrics {
  readonly registry = new Registry();
  readonly readingsAccepted = new Counter({ name: 'zeropark_ingest_readings_accepted_total', help: 'Readings accepted and stored', registers: [this.registry] });
  readonly readingsRejected = new Counter({
    name: 'zeropark_ingest_readings_rejected_total',
    help: 'Readings refused and kept in the dead-letter table, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly batchesRejected = new Counter({ name: 'zeropark_ingest_batches_rejected_total', help: 'Whole batches refused', registers: [this.registry] });
  readonly authFailures = new Counter({ name: 'zeropark_ingest_auth_failures_total', help: 'Connections refused for bad credentials', registers: [this.registry] });
  readonly aclDenials = new Counter({
    name: 'zeropark_ingest_acl_denials_total',
    help: 'Publishes or subscriptions refused by the topic ACL',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  readonly storeWriteSeconds = new Histogram({
    name: 'zeropark_ingest_store_write_seconds',
    help: 'Time to write one batch to the store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
