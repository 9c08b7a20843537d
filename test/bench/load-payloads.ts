import { epochMillisecondsText } from '@zeropark/contracts';
import { MeterSteps } from '../support/meter-steps.js';

/**
 * The batches of the benchmarks' load gateways, payload v1 written as text directly (meter ids
 * match the contract's id pattern, so nothing needs escaping): each reading is the next meter's
 * next step, `power_kw` equal to the step, so every reading has its own key (`MeterSteps`).
 */
export class LoadPayloads {
  private step = 0;
  private readonly meterSteps = new MeterSteps();

  constructor(
    private readonly readingsPerMessage: number,
    private readonly firstTs: number,
  ) {}

  batch(seq: number, meters: readonly string[]): string {
    let readings = '';
    for (let index = 0; index < this.readingsPerMessage; index += 1) {
      const meter = meters[(this.step += 1) % meters.length] ?? '';
      const step = this.meterSteps.next(meter);
      readings += `${index === 0 ? '' : ','}{"meter":"${meter}","ts":${epochMillisecondsText(this.firstTs + step)},"values":{"power_kw":${step}}}`;
    }
    return `{"v":1,"seq":${seq},"readings":[${readings}]}`;
  }
}
