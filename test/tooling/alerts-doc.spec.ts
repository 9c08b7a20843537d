import { PARK_FIGURES, BUILDING_FIGURES, METER_FIGURES } from '@zeropark/contracts';
import { parseRegistry } from '@zeropark/registry';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(join(import.meta.dirname, '../../docs/alerts.md'), 'utf8');
const examplePark = readFileSync(join(import.meta.dirname, '../../config/example-park.yaml'), 'utf8');
/** The example park without its own alerts section, to try the doc's rules on. */
const parkWithoutAlerts = examplePark.slice(0, examplePark.indexOf('\nalerts:\n') + 1);

const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const indent = (text: string, spaces: number) => text.split('\n').map((line) => (line === '' ? line : `${' '.repeat(spaces)}${line}`)).join('\n');

describe('docs/alerts.md', () => {
  it("should show rules the registry accepts, as the example park's file would hold them", () => {
    const rules = yamlBlocks.filter((block) => block.startsWith('- id:'));
    expect(rules.length).toBeGreaterThanOrEqual(4);
    const registry = parseRegistry(`${parkWithoutAlerts}alerts:\n  rules:\n${indent(rules.join(''), 4)}`, 'docs/alerts.md');
    expect(registry.alerting.rules.map((rule) => rule.condition.kind)).toEqual(['threshold', 'meter-silent', 'gateway-offline', 'implausible-data']);
  });

  it('should show a webhook section the registry accepts', () => {
    const webhooks = yamlBlocks.find((block) => block.startsWith('alerts:\n  webhooks:'));
    const rules = examplePark.slice(examplePark.indexOf('\nalerts:\n') + 1).split('\n  #')[0] ?? '';
    const registry = parseRegistry(`${parkWithoutAlerts}${rules}\n${(webhooks ?? '').replace('alerts:\n', '')}`, 'docs/alerts.md');
    expect(registry.alerting.webhooks.map((webhook) => webhook.id)).toEqual(['ops-pager']);
  });

  it('should name every live figure a threshold can watch', () => {
    for (const figure of [...PARK_FIGURES, ...BUILDING_FIGURES, ...METER_FIGURES]) expect(doc).toContain(`\`${figure}\``);
  });
});
