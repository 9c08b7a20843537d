import { describe, expect, it } from 'vitest';
import { describeIssues } from './describe-issues.js';
import { healthSilentAfterMs, INGEST_HEALTH_TOPIC_FILTER, parseServiceHealthTopic, serviceHealthSchema, serviceHealthTopic, type ServiceHealth } from './service-health.js';

const HEALTHY: ServiceHealth = { v: 1, service: 'ingest', instance: 'ingest-1', at: 1_796_000_000_000, everyMs: 5000, problems: [] };
const BEHIND: ServiceHealth = {
  ...HEALTHY,
  problems: [{ kind: 'journal-behind', since: 1_795_999_900_000, reason: '120 000 readings wait for the store, the oldest for 100 s (bound 60 s)' }],
};

describe('the health message of a service', () => {
  it('should take a healthy ingest and one with a problem, as the ingest writes them', () => {
    expect(serviceHealthSchema.parse(JSON.parse(JSON.stringify(HEALTHY)))).toEqual(HEALTHY);
    expect(serviceHealthSchema.parse(JSON.parse(JSON.stringify(BEHIND)))).toEqual(BEHIND);
  });

  it.each([
    ['a problem listed twice', { ...BEHIND, problems: [...BEHIND.problems, ...BEHIND.problems] }, ['problems: lists a problem twice']],
    ['an unknown problem', { ...HEALTHY, problems: [{ kind: 'disk-full', since: 1, reason: 'full' }] }, ['problems[0].kind: Invalid option: expected one of "store-refusing"|"journal-behind"|"broker-unsubscribed"']],
    ['a problem without its reason', { ...HEALTHY, problems: [{ kind: 'store-refusing', since: 1, reason: '' }] }, ['problems[0].reason: Too small: expected string to have >=1 characters']],
    ['an instance that is a topic wildcard', { ...HEALTHY, instance: '+' }, ['instance: must be 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit']],
    ['an interval of 0', { ...HEALTHY, everyMs: 0 }, ['everyMs: Too small: expected number to be >=100']],
  ])('should refuse %s', (_case, candidate, expected) => {
    const parsed = serviceHealthSchema.safeParse(candidate);
    expect(parsed.success ? [] : describeIssues(parsed.error)).toEqual(expected);
  });

  it('should put an instance\'s health under the bus prefix, where the carbon service\'s filter finds it', () => {
    expect(serviceHealthTopic('ingest', 'ingest-1')).toBe('zeropark/v1/health/ingest/ingest-1');
    expect(INGEST_HEALTH_TOPIC_FILTER).toBe('zeropark/v1/health/ingest/+');
    expect(parseServiceHealthTopic(serviceHealthTopic('ingest', 'host.example'))).toEqual({ service: 'ingest', instance: 'host.example' });
  });

  it.each(['zeropark/v1/health/ingest', 'zeropark/v1/health/carbon/c1', 'zeropark/v1/health/ingest/a/b', 'zeropark/v1/accepted/demo-park', 'zeropark/v1/health/ingest/+'])('should not take %s for a health topic', (topic) => {
    expect(parseServiceHealthTopic(topic)).toBeUndefined();
  });

  it('should count a service gone after three of its intervals without a message', () => {
    // 3 × 5 000 ms
    expect(healthSilentAfterMs(5000)).toBe(15_000);
  });
});
