import type { Alert, BuildingDetail } from '@zeropark/contracts';
import { element, row, setText } from '../dom.js';
import { formatAge, formatNumber } from '../format.js';
import { meterState } from './meter-state.js';

/** One building: its figures today and each meter with its power, freshness and state. */
export class BuildingView {
  private current: BuildingDetail | undefined;

  constructor(private readonly openAlerts: () => readonly Alert[]) {
    setInterval(() => this.renderMeters(), 1000);
  }

  get buildingId(): string | undefined {
    return this.current?.buildingId;
  }

  clear(): void {
    this.current = undefined;
    setText('building-name', '…');
    element('meters').replaceChildren();
  }

  render(detail: BuildingDetail): void {
    this.current = detail;
    setText('building-name', detail.name);
    setText('building-power', formatNumber(detail.powerKw));
    setText('building-energy', formatNumber(detail.today.electricityKwh));
    setText('building-emissions', formatNumber(detail.today.emissionsKg));
    this.renderMeters();
  }

  /** Also on each alert: a meter turns silent when its alert fires, not at the next snapshot. */
  renderMeters(): void {
    const detail = this.current;
    if (detail === undefined) return;
    const now = Date.now();
    setText('building-age', formatAge(detail.lastReadingAt, now));
    element('meters').replaceChildren(
      ...detail.meters.map((meter) => {
        const { state, note } = meterState(meter, this.openAlerts(), now);
        const badge = document.createElement('span');
        badge.className = `state state-${state}`;
        badge.textContent = state;
        badge.title = note;
        const tr = row([meter.meterId, meter.role, formatNumber(meter.powerKw), formatAge(meter.lastReadingAt, now), badge], { meter: meter.meterId, state });
        tr.lastElementChild?.append(` ${note}`);
        return tr;
      }),
    );
  }
}
