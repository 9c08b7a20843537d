import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { describeSettings, env, parseConfig } from './environment-config.js';

const SETTINGS = {
  INGEST_MQTT_PORT: { schema: env.port(1883), description: 'MQTT port' },
  INGEST_HOST: { schema: env.text('127.0.0.1'), description: 'address to bind' },
  ZEROPARK_BUS_SECRET: { schema: z.string().min(16, 'needs at least 16 characters'), description: 'bus password', secret: true },
};
const PREFIXES = ['INGEST_', 'ZEROPARK_'];

describe(parseConfig.name, () => {
  it('should apply defaults and coerce numbers', () => {
    expect(parseConfig(SETTINGS, { ZEROPARK_BUS_SECRET: 'x'.repeat(16) }, PREFIXES)).toEqual({
      INGEST_MQTT_PORT: 1883,
      INGEST_HOST: '127.0.0.1',
      ZEROPARK_BUS_SECRET: 'x'.repeat(16),
    });
  });

  it('should list every problem at once, a typo named with its likely meaning', () => {
    expect(() => parseConfig(SETTINGS, { INGEST_MQTT_PORT: 'abc', INGEST_MQT_PORT: '1', PATH: '/bin' }, PREFIXES)).toThrow(
      [
        'the configuration has 3 problems:',
        '  INGEST_MQTT_PORT: Invalid input: expected number, received NaN',
        '  ZEROPARK_BUS_SECRET: is missing',
        '  INGEST_MQT_PORT: unknown setting (did you mean INGEST_MQTT_PORT?)',
      ].join('\n'),
    );
  });

  it('should let a platform variable another service reads pass, but not a typo of one', () => {
    const environment = { ZEROPARK_BUS_SECRET: 'x'.repeat(16), ZEROPARK_BUS_URL: 'mqtt://127.0.0.1:1883' };
    expect(() => parseConfig(SETTINGS, environment, PREFIXES)).not.toThrow();
    expect(() => parseConfig(SETTINGS, { ...environment, ZEROPARK_REGSTRY: 'park.yaml' }, PREFIXES)).toThrow(
      'ZEROPARK_REGSTRY: unknown setting (did you mean ZEROPARK_REGISTRY?)',
    );
  });

  it('should document the settings as a table, secrets marked', () => {
    expect(describeSettings(SETTINGS)).toContain('| `ZEROPARK_BUS_SECRET` | bus password (secret) | required |');
    expect(describeSettings(SETTINGS)).toContain('| `INGEST_MQTT_PORT` | MQTT port | `1883` |');
  });
});
