import type { ClientToServerEvents, ParkSnapshot, PeriodFigures, ServerToClientEvents } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { formatAge, formatNumber, formatShare } from './format.js';

const TOKEN_KEY = 'zeropark-token';

/**
 * The access token: from the URL fragment `#token=…` (as `npm start` or an admin hands it out),
 * kept for this browser tab and taken out of the address bar, so it is not copied along with it.
 */
function accessToken(): string | null {
  const fromUrl = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromUrl !== null && fromUrl !== '') {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    const url = new URL(window.location.href);
    url.hash = '';
    window.history.replaceState(null, '', url);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const token = accessToken();
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'], auth: { token: token ?? '' }, autoConnect: token !== null });
const picker = element<HTMLSelectElement>('park-picker');
const connection = element('connection');
let current: ParkSnapshot | undefined;

function element<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found as T;
}

function setText(id: string, text: string): void {
  element(id).textContent = text;
}

/** Rows of the period table: label, figure, decimals. */
const PERIOD_ROWS: [string, (figures: PeriodFigures) => number | null, number][] = [
  ['Electricity consumed (kWh)', (figures) => figures.electricityConsumedKwh, 1],
  ['Scope 1: gas, diesel (kg CO₂)', (figures) => figures.scope1Kg, 1],
  ['Scope 2 location-based: grid electricity (kg CO₂)', (figures) => figures.scope2LocationKg, 1],
  ['Scope 2 market-based: grid electricity (kg CO₂)', (figures) => figures.scope2MarketKg, 1],
  ['Scope 2: purchased heat (kg CO₂)', (figures) => figures.scope2HeatKg, 1],
  ['Unmetered electricity (kWh)', (figures) => figures.unmeteredKwh, 1],
  ['Clean-energy share (%)', (figures) => (figures.cleanEnergyShare === null ? null : figures.cleanEnergyShare * 100), 1],
  ['t CO₂ per tce', (figures) => figures.tCo2PerTce, 3],
];

function render(snapshot: ParkSnapshot): void {
  current = snapshot;
  const { today } = snapshot;
  setText('park-name', snapshot.name);
  setText('power', formatNumber(snapshot.power.consumptionKw));
  setText('intensity-now', formatNumber(snapshot.intensityLast5MinGPerKwh, 0));
  setText('intensity-today', formatNumber(today.intensityGPerKwh, 0));
  setText('energy-today', formatNumber(today.electricityConsumedKwh));
  setText('emissions-today', formatNumber(today.emissionsLocationKg));
  setText('renewable-share', formatShare(today.renewableShare));
  setText('grid-import', formatNumber(snapshot.power.gridKw));
  setText('generation', formatNumber(snapshot.power.generationKw));
  setText('battery', formatNumber(snapshot.power.batteryKw));
  element('periods').replaceChildren(
    ...PERIOD_ROWS.map(([label, pick, digits]) => {
      const row = document.createElement('tr');
      for (const text of [label, ...[snapshot.today, snapshot.month, snapshot.year].map((figures) => formatNumber(pick(figures), digits))]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  setText('budget', snapshot.budget === null ? 'No yearly budget set in the registry.' : `This year: ${formatNumber(snapshot.budget.usedTCo2, 2)} of ${formatNumber(snapshot.budget.yearlyTCo2, 0)} t CO₂ budget (${formatShare(snapshot.budget.usedShare)}).`);
  const { grid, residual, factorSetVersion } = snapshot.factor;
  setText(
    'factor',
    `Grid factor ${grid.kgCo2PerKwh} kgCO₂/kWh — ${grid.region}${grid.year === null ? '' : ` ${grid.year}`}, ${grid.source} (${grid.origin}). ` +
      `Residual factor ${residual.kgCo2PerKwh} — ${residual.source}. Factor set ${factorSetVersion}. "Today" is ${snapshot.day} in ${snapshot.timezone}.`,
  );
  const { quality } = snapshot;
  setText('quality', `Meters reporting ${quality.metersReporting} of ${quality.meters} · implausible intervals ${quality.implausibleIntervals} · counter resets ${quality.counterResets}, rollovers ${quality.counterRollovers} · stale readings ${quality.staleReadings} · late readings ${quality.lateReadings}`);
  const rows = snapshot.buildings.map((building) => {
    const row = document.createElement('tr');
    row.dataset.building = building.buildingId;
    for (const text of [building.name, formatNumber(building.powerKw), formatNumber(building.today.electricityKwh), formatNumber(building.today.emissionsKg)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    const age = document.createElement('td');
    age.className = 'age';
    if (building.lastReadingAt !== null) age.dataset.lastReadingAt = String(building.lastReadingAt);
    row.append(age);
    return row;
  });
  element('buildings').replaceChildren(...rows);
  renderFreshness();
}

/** Ages move on between snapshots: every second, each "… ago" is written again. */
function renderFreshness(): void {
  const now = Date.now();
  if (current !== undefined) setText('freshness', `Newest reading: ${formatAge(current.lastReadingAt, now)}`);
  for (const cell of document.querySelectorAll<HTMLElement>('#buildings td.age')) {
    const lastReadingAt = cell.dataset.lastReadingAt;
    cell.textContent = formatAge(lastReadingAt === undefined ? null : Number(lastReadingAt), now);
  }
}

async function join(parkId: string): Promise<void> {
  if (current !== undefined && current.parkId !== parkId) socket.emit('park:leave', current.parkId);
  const result = await socket.emitWithAck('park:join', parkId);
  if (result.ok) render(result.snapshot);
  else setText('park-name', result.reason);
  const url = new URL(window.location.href);
  url.searchParams.set('park', parkId);
  window.history.replaceState(null, '', url);
}

async function loadParks(): Promise<void> {
  const response = await fetch('/api/parks', { headers: { authorization: `Bearer ${token ?? ''}` } });
  const { parks } = (await response.json()) as { parks: string[] };
  picker.replaceChildren(...parks.map((id) => new Option(id, id)));
  const wanted = new URL(window.location.href).searchParams.get('park');
  picker.value = wanted !== null && parks.includes(wanted) ? wanted : (parks[0] ?? '');
}

socket.on('connect', () => {
  connection.dataset.state = 'live';
  connection.textContent = 'live';
  void loadParks().then(() => (picker.value === '' ? undefined : join(picker.value)));
});
socket.on('connect_error', (error) => {
  connection.dataset.state = 'offline';
  connection.textContent = `not connected: ${error.message}`;
});
if (token === null) {
  connection.dataset.state = 'offline';
  connection.textContent = 'no access token: open the dashboard URL `npm start` printed, or one your admin gave you (npm run issue-token)';
}
socket.on('disconnect', () => {
  connection.dataset.state = 'offline';
  connection.textContent = 'connection lost — reconnecting…';
});
socket.on('park:snapshot', (snapshot) => {
  if (snapshot.parkId === picker.value) render(snapshot);
});
picker.addEventListener('change', () => void join(picker.value));
setInterval(renderFreshness, 1000);
