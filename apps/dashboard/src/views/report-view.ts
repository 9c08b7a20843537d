import type { MonthlyReport } from '@zeropark/contracts';
import { zoneLabel, type Translator } from '@zeropark/i18n';
import type { Api } from '../api.js';
import { element } from '../dom.js';
import { i18n } from '../i18n.js';
import './report-print.css';

/**
 * The monthly carbon report of a park as a page that prints (or saves as PDF through the
 * browser) on A4: margins, the park and month at the head of every page, page numbers at the
 * foot, no heading left alone at the foot of a page (report-print.css). Times are the park's.
 */
export class ReportView {
  private parkId: string | undefined;
  private timezone = 'UTC';
  private readonly pageRule = document.createElement('style');

  constructor(private readonly api: Api) {
    element('report-form').addEventListener('submit', (event) => {
      event.preventDefault();
      window.location.hash = `#/report/${element<HTMLInputElement>('report-month').value}`;
    });
    element('report-print').addEventListener('click', () => window.print());
    document.head.append(this.pageRule);
  }

  setPark(parkId: string, timezone: string): void {
    this.parkId = parkId;
    this.timezone = timezone;
  }

  async show(month: string | undefined): Promise<void> {
    // this month where the park is, not where the browser is
    const chosen = month ?? i18n.day(Date.now(), this.timezone).slice(0, 7);
    element<HTMLInputElement>('report-month').value = chosen;
    const article = element('report');
    if (this.parkId === undefined) return;
    article.textContent = i18n.t('report.loading');
    try {
      const report = await this.api.get<MonthlyReport>(`/parks/${encodeURIComponent(this.parkId)}/reports/monthly?month=${chosen}`);
      article.replaceChildren(...reportNodes(report, i18n));
      this.pageRule.textContent = pageRule(i18n.t('report.title', { park: report.park.name, month: report.month }), i18n);
    } catch (error) {
      article.textContent = (error as Error).message;
    }
  }
}

/** A CSS string literal of any text. */
const cssString = (text: string) => `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;

/**
 * The printed page's margin boxes (CSS Paged Media, which Chromium draws): the report's title at
 * the top of every page, "Page n of m" in the page's language at the foot.
 */
export function pageRule(title: string, t: Translator): string {
  const [before = '', between = '', after = ''] = t.t('report.page', { page: '\u0000', pages: '\u0000' }).split('\u0000');
  const pageNumber = [cssString(before), 'counter(page)', cssString(between), 'counter(pages)', cssString(after)].join(' ');
  return `@page { size: A4; margin: 20mm 16mm 18mm; @top-left { content: ${cssString(title)}; font: 9pt system-ui, sans-serif; color: #555; } @bottom-right { content: ${pageNumber}; font: 9pt system-ui, sans-serif; color: #555; } }`;
}

function table(caption: string, rows: [string, string][], className?: string): HTMLTableElement {
  const node = document.createElement('table');
  if (className !== undefined) node.className = className;
  node.createCaption().textContent = caption;
  for (const [label, value] of rows) {
    const tr = node.insertRow();
    tr.insertCell().textContent = label;
    tr.insertCell().textContent = value;
  }
  return node;
}

function columns(caption: string, headings: string[], rows: string[][]): HTMLTableElement {
  const node = document.createElement('table');
  node.createCaption().textContent = caption;
  node.createTHead().insertRow().append(...headings.map((text) => Object.assign(document.createElement('th'), { textContent: text })));
  const body = node.createTBody();
  for (const cells of rows) {
    const tr = body.insertRow();
    for (const text of cells) tr.insertCell().textContent = text;
  }
  return node;
}

function block(tag: 'h2' | 'h3' | 'p', text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

export function reportNodes(report: MonthlyReport, t: Translator): Node[] {
  const { figures: f, provenance: p } = report;
  const zone = report.park.timezone;
  const n = (value: number | null, digits = 1) => t.number(value, digits);
  const tonnes = (kg: number) => `${n(kg / 1000, 3)} ${t.t('units.tCo2')}`;
  const quantity = (value: number | null, unit: Parameters<Translator['t']>[0], digits = 1) => `${n(value, digits)} ${t.t(unit)}`;
  const running = report.madeAt < report.to;
  const about = t.t(running ? 'report.running' : 'report.closed', { month: report.month, zone: zoneLabel(zone, report.from), region: report.park.gridRegion, madeAt: t.dateTime(report.madeAt, zone) });
  const complete = report.completeThrough !== null && report.completeThrough < Math.min(report.to, report.madeAt) ? [block('p', t.t('report.completeThrough', { at: t.dateTime(report.completeThrough, zone) }), 'complete-through')] : [];
  return [
    block('h2', t.t('report.title', { park: report.park.name, month: report.month })),
    block('p', about),
    ...complete,
    table(t.t('report.energy'), [
      [t.t('report.electricityConsumed'), quantity(f.electricityConsumedKwh, 'units.kwh')],
      [t.t('report.gridImport'), quantity(f.gridImportKwh, 'units.kwh')],
      [t.t('report.gridExport'), quantity(f.gridExportKwh, 'units.kwh')],
      [t.t('report.generation'), quantity(f.generationKwh, 'units.kwh')],
      [t.t('report.contractCovered'), quantity(f.contractCoveredKwh, 'units.kwh')],
      [t.t('report.unmetered'), quantity(f.unmeteredKwh, 'units.kwh')],
      [t.t('report.gas'), quantity(f.gasM3, 'units.m3')],
      [t.t('report.diesel'), quantity(f.dieselL, 'units.l')],
      [t.t('report.heat'), quantity(f.heatGj, 'units.gj', 2)],
      [t.t('report.allEnergy'), quantity(f.energyTce, 'units.tce', 3)],
    ]),
    table(t.t('report.emissions'), [
      [t.t('report.scope1'), tonnes(f.scope1Kg)],
      [t.t('report.scope2Location'), tonnes(f.scope2LocationKg)],
      [t.t('report.scope2Market'), tonnes(f.scope2MarketKg)],
      [t.t('report.scope2Heat'), tonnes(f.scope2HeatKg)],
      [t.t('report.totalLocation'), tonnes(f.emissionsLocationKg)],
      [t.t('report.totalMarket'), tonnes(f.emissionsMarketKg)],
    ]),
    table(t.t('report.indicators'), [
      [t.t('report.intensity'), quantity(f.intensityGPerKwh, 'units.gPerKwh')],
      [t.t('report.tPerTce'), n(f.tCo2PerTce, 3)],
      [t.t('report.renewableShare'), t.share(f.renewableShare)],
      [t.t('report.cleanShare'), t.share(f.cleanEnergyShare)],
      [t.t('report.budget'), report.budget === null ? t.t('report.noBudget') : t.t('report.budgetShare', { month: n(report.budget.monthTCo2, 3), budget: n(report.budget.yearlyTCo2, 0), share: t.share(report.budget.shareOfYear) })],
    ]),
    columns(
      t.t('report.buildings'),
      [t.t('report.building'), t.t('report.electricityKwh'), t.t('report.gasM3'), t.t('report.heatGj'), t.t('report.emissionsT')],
      report.buildings.map((building) => [building.name, n(building.electricityKwh), n(building.gasM3), n(building.heatGj, 2), n(building.emissionsKg / 1000, 3)]),
    ),
    columns(
      t.t('report.days'),
      [t.t('report.day'), t.t('report.electricityKwh'), t.t('report.locationT'), t.t('report.marketT')],
      report.days.map((day) => [day.day, n(day.electricityConsumedKwh), n(day.emissionsLocationKg / 1000, 3), n(day.emissionsMarketKg / 1000, 3)]),
    ),
    block('h3', t.t('report.method')),
    table(
      t.t('report.provenance'),
      [
        [t.t('report.factorSets'), p.factorSetVersions.join(', ')],
        [t.t('report.factorTable'), p.factorTableVersion],
        [t.t('report.gridFactor'), `${p.gridFactor.kgCo2PerKwh} kg CO₂/kWh, ${p.gridFactor.region}${p.gridFactor.year === null ? '' : ` ${p.gridFactor.year}`}: ${p.gridFactor.source}`],
        [t.t('report.residualFactor'), `${p.residualFactor.kgCo2PerKwh} kg CO₂/kWh: ${p.residualFactor.source}`],
        // the figures use each factor unrounded (docs/carbon-method.md, "Fuel and heat factors"); only this shows it rounded
        ...p.fuels.map((fuel): [string, string] => [t.t(`report.fuelNames.${fuel.id}`), `${fuel.value.toLocaleString(t.language, { maximumSignificantDigits: 6 })} ${fuel.unit}: ${fuel.source}`]),
        [t.t('report.overrides'), p.overrides.length === 0 ? t.t('report.noOverrides') : p.overrides.join('; ')],
        [t.t('report.methodRow'), t.t('report.methodText')],
      ],
      'text',
    ),
    // the publications are cited in their own words, which a translation would no longer quote
    block('p', t.t('report.sourcesNote'), 'quality'),
  ];
}
