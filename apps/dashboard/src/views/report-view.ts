import type { MonthlyReport } from '@zeropark/contracts';
import type { Api } from '../api.js';
import { element } from '../dom.js';
import { formatNumber, formatShare } from '../format.js';

/** The monthly carbon report of a park as a printable page. */
export class ReportView {
  private parkId: string | undefined;

  constructor(private readonly api: Api) {
    element('report-form').addEventListener('submit', (event) => {
      event.preventDefault();
      window.location.hash = `#/report/${element<HTMLInputElement>('report-month').value}`;
    });
    element('report-print').addEventListener('click', () => window.print());
  }

  setPark(parkId: string): void {
    this.parkId = parkId;
  }

  async show(month: string | undefined): Promise<void> {
    const chosen = month ?? new Date().toISOString().slice(0, 7);
    element<HTMLInputElement>('report-month').value = chosen;
    const article = element('report');
    if (this.parkId === undefined) return;
    article.textContent = 'loading…';
    try {
      article.replaceChildren(...reportNodes(await this.api.get<MonthlyReport>(`/parks/${encodeURIComponent(this.parkId)}/reports/monthly?month=${chosen}`)));
    } catch (error) {
      article.textContent = (error as Error).message;
    }
  }
}

function table(caption: string, rows: [string, string][]): HTMLTableElement {
  const node = document.createElement('table');
  node.createCaption().textContent = caption;
  for (const [label, value] of rows) {
    const tr = node.insertRow();
    tr.insertCell().textContent = label;
    tr.insertCell().textContent = value;
  }
  return node;
}

function heading(level: 'h2' | 'h3', text: string): HTMLElement {
  const node = document.createElement(level);
  node.textContent = text;
  return node;
}

function paragraph(text: string): HTMLParagraphElement {
  const node = document.createElement('p');
  node.textContent = text;
  return node;
}

export function reportNodes(report: MonthlyReport): Node[] {
  const { figures: f, provenance: p } = report;
  const kg = (value: number) => `${formatNumber(value / 1000, 3)} t CO₂`;
  const buildings = document.createElement('table');
  buildings.createCaption().textContent = 'Buildings';
  buildings.createTHead().insertRow().append(...['Building', 'Electricity (kWh)', 'Gas (m³)', 'Heat (GJ)', 'Emissions (t CO₂)'].map((text) => Object.assign(document.createElement('th'), { textContent: text })));
  for (const building of report.buildings) {
    const tr = buildings.insertRow();
    for (const text of [building.name, formatNumber(building.electricityKwh), formatNumber(building.gasM3), formatNumber(building.heatGj, 2), formatNumber(building.emissionsKg / 1000, 3)]) tr.insertCell().textContent = text;
  }
  const days = document.createElement('table');
  days.createCaption().textContent = 'Days';
  days.createTHead().insertRow().append(...['Day', 'Electricity (kWh)', 'Location-based (t CO₂)', 'Market-based (t CO₂)'].map((text) => Object.assign(document.createElement('th'), { textContent: text })));
  for (const day of report.days) {
    const tr = days.insertRow();
    for (const text of [day.day, formatNumber(day.electricityConsumedKwh), formatNumber(day.emissionsLocationKg / 1000, 3), formatNumber(day.emissionsMarketKg / 1000, 3)]) tr.insertCell().textContent = text;
  }
  return [
    heading('h2', `${report.park.name}: carbon report for ${report.month}`),
    paragraph(`The calendar month ${report.month} in ${report.park.timezone} (grid region ${report.park.gridRegion}); made ${new Date(report.madeAt).toLocaleString()}${report.madeAt < report.to ? ', while the month is still running' : ''}. Every figure is a sum of the park's carbon series for the month.`),
    table('Energy by carrier', [
      ['Electricity consumed', `${formatNumber(f.electricityConsumedKwh)} kWh`],
      ['Grid import', `${formatNumber(f.gridImportKwh)} kWh`],
      ['Grid export', `${formatNumber(f.gridExportKwh)} kWh`],
      ['On-site generation', `${formatNumber(f.generationKwh)} kWh`],
      ['Covered by green-power contracts and certificates', `${formatNumber(f.contractCoveredKwh)} kWh`],
      ['Unmetered electricity', `${formatNumber(f.unmeteredKwh)} kWh`],
      ['Natural gas', `${formatNumber(f.gasM3)} m³`],
      ['Diesel', `${formatNumber(f.dieselL)} l`],
      ['Purchased heat', `${formatNumber(f.heatGj, 2)} GJ`],
      ['All energy', `${formatNumber(f.energyTce, 3)} tce`],
    ]),
    table('Emissions by scope', [
      ['Scope 1 (gas, diesel)', kg(f.scope1Kg)],
      ['Scope 2, electricity, location-based', kg(f.scope2LocationKg)],
      ['Scope 2, electricity, market-based', kg(f.scope2MarketKg)],
      ['Scope 2, purchased heat', kg(f.scope2HeatKg)],
      ['Total, location-based', kg(f.emissionsLocationKg)],
      ['Total, market-based', kg(f.emissionsMarketKg)],
    ]),
    table('Intensity and indicators', [
      ['Carbon intensity of electricity consumed', `${formatNumber(f.intensityGPerKwh, 1)} g CO₂/kWh`],
      ['t CO₂ per tce', formatNumber(f.tCo2PerTce, 3)],
      ['Renewable share of electricity', formatShare(f.renewableShare)],
      ['Clean-energy share of all energy', formatShare(f.cleanEnergyShare)],
      ['Against the yearly budget', report.budget === null ? 'no budget set' : `${formatNumber(report.budget.monthTCo2, 3)} of ${formatNumber(report.budget.yearlyTCo2, 0)} t CO₂ (${formatShare(report.budget.shareOfYear)}; an even path allows 8.3 % a month)`],
    ]),
    buildings,
    days,
    heading('h3', 'Factors and method'),
    Object.assign(table('Provenance', [
      ['Factor set versions', p.factorSetVersions.join(', ')],
      ['Factor table', p.factorTableVersion],
      ['Grid factor (location-based)', `${p.gridFactor.kgCo2PerKwh} kg CO₂/kWh, ${p.gridFactor.region}${p.gridFactor.year === null ? '' : ` ${p.gridFactor.year}`}: ${p.gridFactor.source}`],
      ['Residual factor (market-based)', `${p.residualFactor.kgCo2PerKwh} kg CO₂/kWh: ${p.residualFactor.source}`],
      // the figures use each factor unrounded (docs/carbon-method.md, "Fuel and heat factors"); only this shows it rounded
      ...p.fuels.map((fuel): [string, string] => [fuel.name, `${fuel.value.toLocaleString('en-US', { maximumSignificantDigits: 6 })} ${fuel.unit}: ${fuel.source}`]),
      ['Registry overrides', p.overrides.length === 0 ? 'none: the published factors apply' : p.overrides.join('; ')],
      ['Method', p.method],
    ]), { className: 'text' }),
  ];
}
