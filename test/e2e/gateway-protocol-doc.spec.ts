import { requireCommand } from '@zeropark/test-servers';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMetric } from '../support/ingest-metrics.js';
import { REPO_ROOT, startPlatform, type RunningPlatform } from '../support/platform-process.js';

interface Example {
  expect: 'accepted' | 'refused';
  title: string;
  command: string;
}

/** The `mosquitto_pub` examples of docs/gateway-protocol.md, each with the outcome its comment promises. */
function examplesOf(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) => {
    const lines = block.replace(/\\\n\s*/g, '').split('\n');
    const examples: Example[] = [];
    lines.forEach((line, index) => {
      const comment = /^# (accepted|refused): (.*)$/.exec(lines[index - 1] ?? '');
      if (line.startsWith('mosquitto_pub') && comment !== null) examples.push({ expect: comment[1] as Example['expect'], title: comment[2] ?? '', command: line });
    });
    return examples;
  });
}

describe('the mosquitto_pub examples of docs/gateway-protocol.md, run as written', () => {
  const examples = examplesOf(readFileSync(join(REPO_ROOT, 'docs/gateway-protocol.md'), 'utf8'));
  let platform: RunningPlatform;

  beforeAll(async () => {
    requireCommand('mosquitto_pub', 'mosquitto-clients');
    platform = await startPlatform({ ZEROPARK_SIMULATOR: 'off' });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  it('should find accepted and refused examples in the document', () => {
    expect(examples.filter((example) => example.expect === 'accepted').length).toBeGreaterThanOrEqual(2);
    expect(examples.filter((example) => example.expect === 'refused').length).toBeGreaterThanOrEqual(2);
  });

  it('should have each example do what its comment says', async () => {
    for (const example of examples) {
      const [accepted, refused] = [
        await ingestMetric(platform.ingestHttpPort, 'zeropark_ingest_readings_accepted_total'),
        await sumOfRejected(platform.ingestHttpPort),
      ];
      const command = example.command.replace('-p 1883', `-p ${platform.mqttPort}`);
      await promisify(execFile)('sh', ['-c', command]);
      const isReadings = command.includes('/readings');
      const after = [await ingestMetric(platform.ingestHttpPort, 'zeropark_ingest_readings_accepted_total'), await sumOfRejected(platform.ingestHttpPort)];
      expect({ example: example.title, accepted: after[0]! - accepted, refused: after[1]! - refused }).toEqual({
        example: example.title,
        accepted: example.expect === 'accepted' && isReadings ? 1 : 0,
        refused: example.expect === 'refused' ? 1 : 0,
      });
    }
  });
});

async function sumOfRejected(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(/^zeropark_ingest_readings_rejected_total\{[^}]*\} (\d+)$/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
}
