import type { Alert, BuildingDetail } from '@zeropark/contracts';
import { element, row, setText } from '../dom.js';
import { i18n } from '../i18n.js';
import { meterState } from './meter-state.js';

/**
 * One building: its figures today and each meter with its power, freshness and state. Power that
 * is not live (docs/carbon-method.md, §1 "Power now") is shown as what was last read, greyed,
 * never as "now".
 */
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
    const power = element('building-power');
    const { state, staleKw } = detail.powerFreshness;
    power.dataset.state = state;
    power.classList.toggle('stale', state === 'stale' || state === 'none');
    power.textContent = state === 'stale' ? i18n.number(staleKw) : state === 'none' ? '–' : i18n.number(detail.powerKw);
    setText('building-energy', i18n.number(detail.today.electricityKwh));
    setText('building-emissions', i18n.number(detail.today.emissionsKg));
    this.renderMeters();
  }

  /** Also on each alert: a meter turns silent when its alert fires, not at the next snapshot. */
  renderMeters(): void {
    const detail = this.current;
    if (detail === undefined) return;
    const now = Date.now();
    setText('building-age', i18n.age(detail.lastReadingAt, now));
    element('meters').replaceChildren(
      ...detail.meters.map((meter) => {
        const { state, note } = meterState(meter, this.openAlerts(), now, i18n);
        const badge = document.createElement('span');
        badge.className = `state state-${state}`;
        badge.textContent = i18n.t(`meterStates.${state}`);
        badge.title = note;
        const power = document.createElement('span');
        power.textContent = i18n.number(meter.powerKw);
        // a stale meter's power is its last reading, not part of the building's power now
        if (meter.powerState === 'stale') power.className = 'stale';
        const tr = row([meter.meterId, i18n.t(`meterRoles.${meter.role}`), power, i18n.age(meter.lastReadingAt, now), badge], { meter: meter.meterId, state });
        tr.lastElementChild?.append(` ${note}`);
        return tr;
      }),
    );
  }
}
