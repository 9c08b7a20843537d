import type { ClientToServerEvents, MeterSnapshot, ParkTopology, ServerToClientEvents } from '@zeropark/contracts';
import { io, type Socket } from 'socket.io-client';
import { Api } from './api.js';
import { element, setText } from './dom.js';
import { chosenLanguage, i18n, offerLanguages, useLanguage } from './i18n.js';
import { currentSession, signIn, signOut, type Session } from './session.js';
import { AlertsView } from './views/alerts-view.js';
import { BuildingView } from './views/building-view.js';
import { HistoryView } from './views/history-view.js';
import { OverviewView } from './views/overview-view.js';
import { ReportView } from './views/report-view.js';

type Route = { view: 'overview' } | { view: 'building'; buildingId: string } | { view: 'alerts' } | { view: 'history' } | { view: 'report'; month?: string };

/** `#/`, `#/building/B01`, `#/alerts`, `#/history`, `#/report/2026-11`. */
function routeOf(hash: string): Route {
  const [, view = '', argument] = hash.replace(/^#/, '').split('/');
  if (view === 'building' && argument !== undefined) return { view: 'building', buildingId: decodeURIComponent(argument) };
  if (view === 'alerts' || view === 'history') return { view };
  if (view === 'report') return argument === undefined ? { view } : { view, month: argument };
  return { view: 'overview' };
}

function showView(id: string): void {
  for (const view of document.querySelectorAll<HTMLElement>('main > .view')) view.hidden = view.id !== id;
}

function showSignIn(reason?: string): void {
  showView('sign-in');
  element('nav').hidden = true;
  const connection = element('connection');
  connection.dataset.state = 'offline';
  connection.textContent = reason ?? i18n.t('connection.signedOut');
  element('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const session = signIn(sessionStorage, element<HTMLTextAreaElement>('token-input').value);
    if (session === undefined) setText('sign-in-error', i18n.t('signIn.notAToken'));
    else window.location.reload();
  });
}

/** The signed-in page: one Socket.IO connection, rejoined after every reconnect; views by route. */
function start(session: Session): void {
  const api = new Api(session.token);
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ['websocket'], auth: { token: session.token } });
  const picker = element<HTMLSelectElement>('park-picker');
  const connection = element('connection');
  const overview = new OverviewView(api, (buildingId) => (window.location.hash = `#/building/${encodeURIComponent(buildingId)}`));
  // the meters of the building on screen, for an alert's value now
  let buildingMeters: readonly MeterSnapshot[] = [];
  const alerts = new AlertsView(api, socket, session, { snapshot: () => overview.snapshot, meters: () => buildingMeters });
  const building = new BuildingView(() => alerts.openAlerts());
  const history = new HistoryView(api);
  const report = new ReportView(api);
  alerts.onChange(() => building.renderMeters());
  setText('who', i18n.t('nav.who', { subject: session.subject, role: i18n.t(`roles.${session.role}`) }));
  const signOutButton = element('sign-out');
  signOutButton.hidden = false;
  signOutButton.addEventListener('click', () => {
    signOut(sessionStorage);
    window.location.hash = '';
    window.location.reload();
  });

  let parkId: string | undefined;
  let topology: ParkTopology | undefined;

  async function loadParks(): Promise<void> {
    const { parks } = await api.get<{ parks: string[] }>('/parks');
    picker.replaceChildren(...parks.map((id) => new Option(id, id)));
    const wanted = new URL(window.location.href).searchParams.get('park');
    picker.value = wanted !== null && parks.includes(wanted) ? wanted : (parks[0] ?? '');
  }

  /** Joins the park's rooms (and the building's, on its route); after a reconnect, again. */
  async function joinPark(id: string): Promise<void> {
    if (parkId !== undefined && parkId !== id) socket.emit('park:leave', parkId);
    parkId = id;
    const url = new URL(window.location.href);
    url.searchParams.set('park', id);
    window.history.replaceState(null, '', url);
    const joined = await socket.emitWithAck('park:join', id);
    if (!joined.ok) return setText('park-name', joined.reason);
    setText('park-name', joined.snapshot.name);
    overview.render(joined.snapshot);
    topology = await api.get<ParkTopology>(`/parks/${encodeURIComponent(id)}/topology`);
    history.setPark(id, topology.buildings, topology.park.timezone);
    report.setPark(id, topology.park.timezone);
    await alerts.join(id, topology.park.timezone);
    await route();
  }

  async function route(): Promise<void> {
    const current = routeOf(window.location.hash);
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a')) link.classList.toggle('active', link.dataset.view === current.view);
    showView(`view-${current.view}`);
    if (parkId === undefined) return;
    if (current.view !== 'building' && building.buildingId !== undefined) {
      socket.emit('building:leave', parkId, building.buildingId);
      building.clear();
    }
    if (current.view === 'building') {
      const joined = await socket.emitWithAck('building:join', parkId, current.buildingId);
      if (joined.ok) {
        buildingMeters = joined.snapshot.meters;
        building.render(joined.snapshot);
      }
      else setText('building-name', joined.reason);
    } else if (current.view === 'alerts') await alerts.loadHistory();
    else if (current.view === 'history') await history.show();
    else if (current.view === 'report') await report.show(current.month);
  }

  socket.on('connect', () => {
    connection.dataset.state = 'live';
    connection.textContent = i18n.t('connection.live');
    void loadParks().then(() => (picker.value === '' ? undefined : joinPark(picker.value)));
  });
  socket.on('connect_error', (error) => {
    connection.dataset.state = 'offline';
    connection.textContent = i18n.t('connection.notConnected', { reason: error.message });
  });
  socket.on('disconnect', () => {
    connection.dataset.state = 'offline';
    connection.textContent = i18n.t('connection.lost');
  });
  // the server ends a session whose token expired (or that flooded it): no reconnecting with that token
  socket.on('session:end', (notice) => {
    socket.close();
    if (notice.reason === 'token-expired') signOut(sessionStorage);
    // worded from its reason, in the page's language; the server's message is the log's
    showSignIn(i18n.t(notice.reason === 'token-expired' ? 'connection.tokenExpired' : 'connection.eventBudget'));
  });
  socket.on('park:snapshot', (snapshot) => {
    if (snapshot.parkId === parkId) overview.render(snapshot);
  });
  socket.on('building:snapshot', (detail) => {
    if (detail.parkId !== parkId || detail.buildingId !== building.buildingId) return;
    buildingMeters = detail.meters;
    building.render(detail);
  });
  picker.addEventListener('change', () => void joinPark(picker.value));
  window.addEventListener('hashchange', () => void route());
}

const session = currentSession(window.location, window.history, sessionStorage);
// the user's language before anything is written (a switch reloads the page)
useLanguage(chosenLanguage(localStorage, navigator.languages, session?.subject));
offerLanguages(element<HTMLSelectElement>('language-picker'), localStorage, session?.subject);
if (session === undefined) showSignIn(sessionStorage.length === 0 ? i18n.t('connection.signedOut') : i18n.t('connection.tokenInvalid'));
else start(session);
