import type { AlertState, AlertTransition } from '@zeropark/contracts';

/**
 * The lifecycle every alert goes through (docs/alerts.md):
 * `firing → acknowledged → resolved`, or `firing → resolved` without acknowledgement.
 * A resolved alert is final; a new breach raises a new alert.
 */

export type AlertEvent =
  | { type: 'acknowledge'; by: string; at: number }
  /** The condition is over (below the hysteresis level, meter heard again, …). */
  | { type: 'clear'; at: number };

export type TransitionResult = { ok: true; transition: AlertTransition } | { ok: false; reason: string };

/** The next state of an alert, or why the event does not apply to it. */
export function transition(state: AlertState, event: AlertEvent): TransitionResult {
  if (state === 'resolved') return { ok: false, reason: 'the alert is already resolved' };
  if (event.type === 'acknowledge') {
    if (state === 'acknowledged') return { ok: false, reason: 'the alert is already acknowledged' };
    return { ok: true, transition: { from: state, to: 'acknowledged', at: event.at, by: event.by } };
  }
  return { ok: true, transition: { from: state, to: 'resolved', at: event.at, by: null } };
}
