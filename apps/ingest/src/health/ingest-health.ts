import { SERVICE_HEALTH_VERSION, type ServiceHealth, type ServiceProblem } from '@zeropark/contracts';

export interface IngestHealthSettings {
  instance: string;
  /** How often the health message goes out (INGEST_HEALTH_INTERVAL_MS). */
  everyMs: number;
  /** How long the store must refuse every write, or the broker withhold the subscription, before it is a problem (INGEST_PROBLEM_AFTER_S). */
  problemAfterMs: number;
  /** How long a reading may wait in the journal before that is a problem (INGEST_JOURNAL_ALERT_AFTER_S). */
  journalBehindAfterMs: number;
  /** The journal's bound (INGEST_JOURNAL_MAX_READINGS), named in the reason when it is reached. */
  journalMaxReadings: number;
}

/** The journal as the health message describes it. */
export interface JournalState {
  readings: number;
  oldestWaitedMs: number;
  /** At its bound: the ingest holds its acknowledgements back. */
  full: boolean;
}

interface Condition {
  since: number;
  reason: string;
}

/**
 * What keeps this ingest's readings from reaching the store, as the health message of
 * libs/contracts says it (docs/alerts.md, "Platform alerts"): pure, time passed in. A store
 * refusal or a missing subscription is a problem only once it has lasted `problemAfterMs`, so a
 * store restart or a broker's reconnect in a fraction of a second pages nobody; `since` is when
 * the condition began all the same.
 */
export class IngestHealth {
  private storeRefusing: Condition | undefined;
  private unsubscribed: Condition | undefined;

  constructor(private readonly settings: IngestHealthSettings) {}

  /** A store write failed; the condition holds until a write is confirmed. */
  storeRefused(reason: string, at: number): void {
    this.storeRefusing = { since: this.storeRefusing?.since ?? at, reason };
  }

  storeConfirmed(): void {
    this.storeRefusing = undefined;
  }

  /** Behind an external broker: whether it has granted the subscription to the gateways, and why not. */
  subscription(granted: boolean, reason: string, at: number): void {
    this.unsubscribed = granted ? undefined : { since: this.unsubscribed?.since ?? at, reason };
  }

  report(journal: JournalState, at: number): ServiceHealth {
    const { instance, everyMs, problemAfterMs, journalBehindAfterMs, journalMaxReadings } = this.settings;
    const problems: ServiceProblem[] = [];
    const refusing = this.storeRefusing;
    if (refusing !== undefined && at - refusing.since >= problemAfterMs) {
      problems.push({ kind: 'store-refusing', since: refusing.since, reason: bounded(`the store has refused every write for ${seconds(at - refusing.since)}: ${refusing.reason}`) });
    }
    if (journal.readings > 0 && journal.oldestWaitedMs >= journalBehindAfterMs) {
      const waiting = `${journal.readings} readings wait in the journal for the store, the oldest for ${seconds(journal.oldestWaitedMs)} (bound ${seconds(journalBehindAfterMs)})`;
      const acks = journal.full
        ? `; the journal is full (${journalMaxReadings} readings): the ingest acknowledges nothing until the store takes some, and gateways keep their readings`
        : `; at ${journalMaxReadings} readings the ingest stops acknowledging`;
      problems.push({ kind: 'journal-behind', since: Math.round(at - journal.oldestWaitedMs), reason: `${waiting}${acks}` });
    }
    const unsubscribed = this.unsubscribed;
    if (unsubscribed !== undefined && at - unsubscribed.since >= problemAfterMs) {
      problems.push({ kind: 'broker-unsubscribed', since: unsubscribed.since, reason: bounded(`the external broker has not granted the subscription to the gateways' readings for ${seconds(at - unsubscribed.since)}: ${unsubscribed.reason}`) });
    }
    return { v: SERVICE_HEALTH_VERSION, service: 'ingest', instance, at, everyMs, problems };
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** The message's schema takes reasons up to 500 characters; an error message may be longer. */
function bounded(reason: string): string {
  return reason.length <= 500 ? reason : `${reason.slice(0, 499)}…`;
}
