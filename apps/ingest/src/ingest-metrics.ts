import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What `/metrics` shows of the ingest (Prometheus text format). */
export class IngestMetrics {
  readonly registry = new Registry();
  readonly readingsAccepted = new Counter({
    name: 'zeropark_ingest_readings_accepted_total',
    help: 'Readings accepted: committed to the journal and acknowledged',
    registers: [this.registry],
  });
  readonly readingsStored = new Counter({ name: 'zeropark_ingest_readings_stored_total', help: 'Readings the store confirmed', registers: [this.registry] });
  readonly storeWriteRetries = new Counter({ name: 'zeropark_ingest_store_write_retries_total', help: 'Store writes that failed and will be retried', registers: [this.registry] });
  readonly journalReadings = new Gauge({ name: 'zeropark_ingest_journal_readings', help: 'Readings in the journal waiting for the store', registers: [this.registry] });
  readonly brokerSubscribed = new Gauge({
    name: 'zeropark_ingest_broker_subscribed',
    help: 'Behind an external broker: 1 while the shared subscription to the gateways is granted, 0 while readings cannot reach this instance',
    registers: [this.registry],
  });
  readonly journalCommits = new Counter({ name: 'zeropark_ingest_journal_commits_total', help: 'Journal commits (group commit: many batches each)', registers: [this.registry] });
  readonly journalBackpressure = new Gauge({
    name: 'zeropark_ingest_journal_backpressure',
    help: '1 while the journal is past its bound and acknowledgements are held',
    registers: [this.registry],
  });
  readonly readingsRejected = new Counter({
    name: 'zeropark_ingest_readings_rejected_total',
    help: 'Readings refused and kept in the dead-letter table, by reason',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly seqGaps = new Counter({ name: 'zeropark_ingest_seq_gap_batches_total', help: 'Batches missing between the seq numbers of a gateway', registers: [this.registry] });
  readonly seqReplays = new Counter({ name: 'zeropark_ingest_seq_replays_total', help: 'Batches whose seq was not above the last seen: sent again', registers: [this.registry] });
  readonly batchesRejected = new Counter({ name: 'zeropark_ingest_batches_rejected_total', help: 'Whole batches refused', registers: [this.registry] });
  readonly authFailures = new Counter({ name: 'zeropark_ingest_auth_failures_total', help: 'Connections refused for bad credentials', registers: [this.registry] });
  readonly connectionsRefused = new Counter({
    name: 'zeropark_ingest_connections_refused_total',
    help: 'Connections refused or closed: rate, packet size, client id (too long, or naming another gateway)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly aclDenials = new Counter({
    name: 'zeropark_ingest_acl_denials_total',
    help: 'Publishes or subscriptions refused by the topic ACL',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  readonly journalCommitSeconds = new Histogram({
    name: 'zeropark_ingest_journal_commit_seconds',
    help: 'Time of one journal commit, with its fsync: what the PUBACKs of its batches waited (group commit: many batches each)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  readonly storeWriteSeconds = new Histogram({
    name: 'zeropark_ingest_store_write_seconds',
    help: 'Time of one store write (up to the store batch size of readings)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
