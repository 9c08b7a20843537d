import { i18n } from '../i18n.js';
import { drawnAsBand, type EnergyFlowModel, type Flow } from './energy-flow.js';

const SVG = 'http://www.w3.org/2000/svg';
/** Line height of a label in px (the labels are 12 px, styles.css). */
const LINE = 15;
/** An average character of a 12 px label, in px, to wrap names before they leave their column. */
const CHAR = 6.8;
/** The widest band, px: a flow of the park's whole consumption. */
const MAX_BAND = 24;

const models = new WeakMap<HTMLElement, EnergyFlowModel>();
const observed = new WeakSet<HTMLElement>();

/**
 * The energy-flow diagram as SVG, drawn at its panel's width so that it fills the panel at any
 * width: electricity sources on the left, the park in the middle, uses on the right, a band's
 * width following its kW against the park's consumption, and no band for a flow that reads
 * 0.0 kW. Fuels and heat, counted in their own units, are listed below it. Redrawn whole on each
 * snapshot and when the panel's width changes: a few dozen elements.
 */
export function renderEnergyFlow(container: HTMLElement, model: EnergyFlowModel): void {
  models.set(container, model);
  if (!observed.has(container)) {
    observed.add(container);
    let width = container.clientWidth;
    new ResizeObserver(() => {
      const current = models.get(container);
      if (container.clientWidth === width || container.clientWidth === 0 || current === undefined) return;
      width = container.clientWidth;
      draw(container, current);
    }).observe(container);
  }
  draw(container, model);
}

function draw(container: HTMLElement, model: EnergyFlowModel): void {
  // hidden (another route): drawn at a desktop width, and again at the real one once shown
  const width = container.clientWidth === 0 ? 720 : container.clientWidth;
  const labels = Math.round(Math.min(220, Math.max(96, width * 0.3)));
  const parkWidth = Math.round(Math.min(130, Math.max(48, width * 0.14)));
  const maxChars = Math.max(6, Math.floor((labels - 8) / CHAR));
  const lines = (flow: Flow) => labelLines(flow, maxChars);
  const rowHeight = (flows: Flow[]) => Math.max(2, ...flows.map((flow) => lines(flow).length)) * LINE + 12;
  const sourcesHeight = model.sources.length * rowHeight(model.sources);
  const usesHeight = model.uses.length * rowHeight(model.uses);
  const height = Math.max(sourcesHeight, usesHeight, 120) + 20;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', i18n.t('flow.ariaLabel', { kw: i18n.number(model.consumptionKw) }));
  const park = { x: Math.round(width / 2 - parkWidth / 2), y: 10, width: parkWidth, height: height - 20 };
  const consumption = model.consumptionKw ?? 0;
  const bandWidth = (flow: Flow) => (consumption > 0 ? Math.max(2, Math.min(MAX_BAND, (Math.abs(flow.value) / consumption) * MAX_BAND)) : 2);
  const kw = i18n.t('units.kw');
  const side = (flows: Flow[], direction: 'in' | 'out') => {
    const step = (height - 20) / Math.max(flows.length, 1);
    flows.forEach((flow, index) => {
      const y = 10 + (index + 0.5) * step;
      if (drawnAsBand(flow, kw)) {
        const parkY = park.y + park.height / 2;
        const [x1, x2] = direction === 'in' ? [labels, park.x] : [park.x + park.width, width - labels];
        const [from, to] = direction === 'in' ? [y, parkY] : [parkY, y];
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', `M ${x1} ${from} C ${(x1 + x2) / 2} ${from}, ${(x1 + x2) / 2} ${to}, ${x2} ${to}`);
        path.setAttribute('class', `flow flow-${flow.id.split(':')[0]}${flow.value < 0 ? ' flow-negative' : ''}`);
        path.setAttribute('stroke-width', String(bandWidth(flow)));
        path.dataset.band = flow.id;
        svg.append(path);
      }
      const label = document.createElementNS(SVG, 'text');
      const x = direction === 'in' ? labels - 5 : width - labels + 5;
      label.setAttribute('x', String(x));
      label.setAttribute('text-anchor', direction === 'in' ? 'end' : 'start');
      label.dataset.flow = flow.id;
      if (flow.stale !== undefined || flow.unknown !== undefined) label.classList.add('flow-stale');
      const text = lines(flow);
      text.forEach((line, lineIndex) => {
        const span = document.createElementNS(SVG, 'tspan');
        span.setAttribute('x', String(x));
        span.setAttribute('y', String(y + 4 + (lineIndex - (text.length - 1) / 2) * LINE));
        // a space between lines keeps the label's text "name value unit", as a reader hears it
        span.textContent = lineIndex < text.length - 1 ? `${line} ` : line;
        label.append(span);
      });
      svg.append(label);
    });
  };
  side(model.sources, 'in');
  side(model.uses, 'out');
  const box = document.createElementNS(SVG, 'rect');
  for (const [key, value] of Object.entries(park)) box.setAttribute(key, String(value));
  box.setAttribute('rx', '8');
  box.setAttribute('class', 'park-box');
  svg.append(box);
  const total = document.createElementNS(SVG, 'text');
  total.setAttribute('x', String(width / 2));
  total.setAttribute('text-anchor', 'middle');
  total.setAttribute('class', 'park-total');
  // the value over its unit, so that it fits the box on a phone too
  if (model.consumptionKw === null) box.classList.add('park-stale');
  [i18n.number(model.consumptionKw), kw].forEach((line, index) => {
    const span = document.createElementNS(SVG, 'tspan');
    span.setAttribute('x', String(width / 2));
    span.setAttribute('y', String(park.y + park.height / 2 - 3 + index * LINE));
    span.textContent = index === 0 ? `${line} ` : line;
    total.append(span);
  });
  svg.append(total);
  container.replaceChildren(svg, fuelList(model.fuels));
}

/** A flow's label in lines of at most `maxChars`: the name by words, then the value and unit, on one line when all fit. */
function labelLines(flow: Flow, maxChars: number): string[] {
  // a stale building: what it last read and how long ago, never as its power now
  const value =
    flow.stale !== undefined ? i18n.t('flow.stale', { kw: i18n.number(flow.stale.lastKw), age: i18n.age(flow.stale.asOf, Date.now()) }) : flow.unknown === undefined ? `${i18n.number(flow.value)} ${flow.unit}` : i18n.t('flow.unknown');
  if (flow.label.length + 1 + value.length <= maxChars) return [`${flow.label} ${value}`];
  const lines: string[] = [];
  for (const word of flow.label.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word);
  }
  return [...lines, value];
}

/** Fuels and heat today, each in its own unit, beside the kW diagram. */
function fuelList(fuels: Flow[]): HTMLElement {
  const list = document.createElement('p');
  list.className = 'fuels';
  list.dataset.testid = 'fuels';
  if (fuels.length === 0) {
    list.textContent = i18n.t('flow.noFuels');
    return list;
  }
  list.append(i18n.t('flow.fuels'));
  for (const fuel of fuels) {
    const item = document.createElement('span');
    item.dataset.flow = fuel.id;
    item.textContent = `${fuel.label} ${i18n.number(fuel.value)} ${fuel.unit}`;
    list.append(' ', item);
  }
  return list;
}
