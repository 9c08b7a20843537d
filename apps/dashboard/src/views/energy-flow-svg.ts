import { formatNumber } from '../format.js';
import type { EnergyFlowModel, Flow } from './energy-flow.js';

const SVG = 'http://www.w3.org/2000/svg';
const ROW = 34;
const WIDTH = 720;
/** Room for the labels on each side. */
const LABELS = 190;

/**
 * The energy-flow diagram as SVG: sources on the left, the park in the middle, uses on the
 * right; a band's width follows its kW against the park's consumption (fuels and heat, counted
 * in their own units, are drawn thin and labelled). Redrawn whole on each snapshot: a few dozen
 * elements.
 */
export function renderEnergyFlow(container: HTMLElement, model: EnergyFlowModel): void {
  const rows = Math.max(model.sources.length, model.uses.length, 2);
  const height = rows * ROW + 20;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Energy flow: ${formatNumber(model.consumptionKw)} kW consumed`);
  const park = { x: WIDTH / 2 - 60, y: 10, width: 120, height: height - 20 };
  const scale = (flow: Flow) => (flow.unit === 'kW' && model.consumptionKw > 0 ? Math.max(2, Math.min(24, (Math.abs(flow.value) / model.consumptionKw) * 24)) : 2);
  const band = (flow: Flow, index: number, side: 'in' | 'out', count: number) => {
    const y = 10 + (index + 0.5) * ((height - 20) / count);
    const parkY = park.y + park.height / 2;
    const [x1, x2] = side === 'in' ? [LABELS, park.x] : [park.x + park.width, WIDTH - LABELS];
    const path = document.createElementNS(SVG, 'path');
    const [from, to] = side === 'in' ? [y, parkY] : [parkY, y];
    path.setAttribute('d', `M ${x1} ${from} C ${(x1 + x2) / 2} ${from}, ${(x1 + x2) / 2} ${to}, ${x2} ${to}`);
    path.setAttribute('class', `flow flow-${flow.id.split(':')[0]}${flow.value < 0 ? ' flow-negative' : ''}`);
    path.setAttribute('stroke-width', String(scale(flow)));
    svg.append(path);
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(side === 'in' ? LABELS - 5 : WIDTH - LABELS + 5));
    label.setAttribute('y', String(y + 4));
    label.setAttribute('text-anchor', side === 'in' ? 'end' : 'start');
    label.dataset.flow = flow.id;
    label.textContent = `${flow.label} ${formatNumber(flow.value)} ${flow.unit}`;
    svg.append(label);
  };
  model.sources.forEach((flow, index) => band(flow, index, 'in', model.sources.length));
  model.uses.forEach((flow, index) => band(flow, index, 'out', model.uses.length));
  const box = document.createElementNS(SVG, 'rect');
  for (const [key, value] of Object.entries(park)) box.setAttribute(key, String(value));
  box.setAttribute('rx', '8');
  box.setAttribute('class', 'park-box');
  svg.append(box);
  const total = document.createElementNS(SVG, 'text');
  total.setAttribute('x', String(WIDTH / 2));
  total.setAttribute('y', String(park.y + park.height / 2 + 5));
  total.setAttribute('text-anchor', 'middle');
  total.setAttribute('class', 'park-total');
  total.textContent = `${formatNumber(model.consumptionKw)} kW`;
  svg.append(total);
  container.replaceChildren(svg);
}
