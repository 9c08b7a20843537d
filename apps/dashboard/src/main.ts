import type { ClientToServerEvents, ParkSnapshot, ServerToClientEvents } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { formatAge, formatNumber, formatShare } from './format.js';

const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'] });
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

function render(snapshot: ParkSnapshot): void {
  current = snapshot;
  setText('park-name', snapshot.name);
  setText('power', formatNumber(snapshot.powerKw));
  setText('intensity-now', formatNumber(snapshot.intensityNowGPerKwh, 0));
  setText('intensity-today', formatNumber(snapshot.intensityTodayGPerKwh, 0));
  setText('energy-today', formatNumber(snapshot.energyTodayKwh));
  setText('emissions-today', formatNumber(snapshot.emissionsTodayKg));
  setText('renewable-share', formatShare(snapshot.renewableShareToday));
  setText('grid-import', formatNumber(snapshot.gridImportKw));
  setText('generation', formatNumber(snapshot.generationKw));
  const { factor } = snapshot;
  setText('factor', `Grid factor ${factor.kgCo2PerKwh} kgCO₂/kWh — ${factor.region} ${factor.year}, ${factor.source} (factor set ${factor.factorSetVersion}). "Today" is ${snapshot.day} in ${snapshot.timezone}.`);
  const rows = snapshot.buildings.map((building) => {
    const row = document.createElement('tr');
    row.dataset.building = building.buildingId;
    for (const text of [building.name, formatNumber(building.powerKw), formatNumber(building.energyTodayKwh), formatNumber(building.emissionsTodayKg)]) {
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
  const response = await fetch('/api/parks');
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
socket.on('disconnect', () => {
  connection.dataset.state = 'offline';
  connection.textContent = 'connection lost — reconnecting…';
});
socket.on('park:snapshot', (snapshot) => {
  if (snapshot.parkId === picker.value) render(snapshot);
});
picker.addEventListener('change', () => void join(picker.value));
setInterval(renderFreshness, 1000);
