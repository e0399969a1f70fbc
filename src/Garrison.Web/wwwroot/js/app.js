// Garrison's map page: installations coloured by who holds them on the chosen date, events sized by casualties,
// troop levels per country, and the report text behind anything clicked. Everything from the API is rendered
// as text (see dom.js).
import { el, clear, clickable } from './dom.js';
import { getJson, query } from './api.js';
import { dayOf, isoOf, firstDay, lastDay, spanDays } from './dates.js';
import { colorOf, eventColor } from './colors.js';
import { drawTroopCharts, describeQuantity } from './troops.js';
import { initSources, openSources } from './sources.js';

const $ = (id) => document.getElementById(id);
const page = {
  map: null,
  events: [],
  troops: [],
  domain: { min: 0, max: 0 },
  day: 0,
  state: null,
  installationLayer: null,
  eventLayer: null,
  moveNowLine: () => {},
  entities: new Map(),
  stateRequest: 0,
  playing: null,
};

function status(text) {
  $('status').textContent = text;
}

async function start() {
  initSources();
  if (typeof window.L === 'undefined' || typeof window.topojson === 'undefined') {
    $('lib-missing').hidden = false;
    status('libraries missing');
    return;
  }
  page.map = L.map('map', { zoomSnap: 0.25, worldCopyJump: true, attributionControl: true }).setView([33.3, 43.7], 5);
  page.map.attributionControl.setPrefix('Leaflet').addAttribution('Natural Earth (public domain)');
  page.map.createPane('basemap').style.zIndex = 200;
  // Events above installations: they are translucent rings, so both stay visible where they share a place.
  page.map.createPane('installations').style.zIndex = 420;
  page.map.createPane('events').style.zIndex = 430;
  page.installationLayer = L.layerGroup().addTo(page.map);
  page.eventLayer = L.layerGroup().addTo(page.map);
  page.map.on('moveend', renderEventList);

  const basemap = loadBasemap();
  try {
    [page.events, page.troops] = await Promise.all([getJson('/api/events'), getJson('/api/series/troops')]);
  } catch (error) {
    status(`could not load data: ${error.message}`);
    return;
  }
  setupTime();
  await Promise.all([basemap, setDay(page.day)]);
}

/** Countries from the basemap layer, provinces on top when the gazetteer has built them. */
async function loadBasemap() {
  const index = await getJson('/basemap/index.json').catch(() => ({ layers: [] }));
  const has = (layer) => index.layers.includes(layer);
  const countries = has('countries') ? await getJson('/basemap/countries.json').catch(() => null) : null;
  if (countries) {
    L.geoJSON(toGeoJson(countries), { pane: 'basemap', interactive: false, style: { color: '#7d8a92', weight: 1, fillColor: '#f3f0e8', fillOpacity: 1 } })
      .addTo(page.map);
    $('map').dataset.basemap = 'countries';
  }
  const provinces = has('admin1') ? await getJson('/basemap/admin1.json').catch(() => null) : null;
  if (provinces) {
    L.geoJSON(toGeoJson(provinces), { pane: 'basemap', interactive: false, style: { color: '#a9b3b9', weight: 0.6, dashArray: '2 3', fill: false } })
      .addTo(page.map);
    $('map').dataset.provinces = 'admin1';
  }
}

/** TopoJSON (world-atlas) becomes GeoJSON; GeoJSON passes through. */
function toGeoJson(data) {
  if (data.type !== 'Topology') return data;
  const name = data.objects.countries ? 'countries' : Object.keys(data.objects)[0];
  return topojson.feature(data, data.objects[name]);
}

function setupTime() {
  const days = [];
  for (const e of page.events) {
    const s = spanDays(e.event.date);
    if (s.from !== null) days.push(s.from);
    if (s.to !== null) days.push(s.to);
  }
  for (const p of page.troops) {
    if (p.since) days.push(firstDay(p.since));
    if (p.until) days.push(lastDay(p.until));
  }
  const min = days.length ? Math.min(...days) : dayOf('2000-01-01');
  const max = days.length ? Math.max(...days) : dayOf('2026-12-31');
  // A little room after the last known date, so "after everything read" can be shown.
  page.domain = { min, max: max + 31 };
  const slider = $('date-slider');
  slider.min = String(page.domain.min);
  slider.max = String(page.domain.max);
  const input = $('date-input');
  input.min = isoOf(page.domain.min);
  input.max = isoOf(page.domain.max);
  page.day = max;
  slider.addEventListener('input', () => setDay(Number(slider.value)));
  input.addEventListener('change', () => { if (input.value) setDay(dayOf(input.value)); });
  $('window').addEventListener('change', () => { renderEvents(); });
  $('play').addEventListener('click', togglePlay);
  page.moveNowLine = drawTroopCharts($('charts'), page.troops, page.domain, openTroopSources);
}

/** Moves the whole page to `day`: slider, date field, state on the map, events, chart line. */
async function setDay(day) {
  page.day = Math.max(page.domain.min, Math.min(page.domain.max, day));
  $('date-slider').value = String(page.day);
  $('date-input').value = isoOf(page.day);
  $('state-date').textContent = isoOf(page.day);
  page.moveNowLine(page.day);
  renderEvents();
  const request = ++page.stateRequest;
  let state;
  try {
    state = await getJson(query('/api/state', { at: isoOf(page.day) }));
  } catch (error) {
    status(`state unavailable: ${error.message}`);
    return;
  }
  if (request !== page.stateRequest) return; // a later date was asked for meanwhile
  page.state = state;
  await renderInstallations(state, request);
}

function togglePlay() {
  const button = $('play');
  if (page.playing) {
    clearInterval(page.playing);
    page.playing = null;
    button.textContent = '▶ Play';
    button.setAttribute('aria-pressed', 'false');
    return;
  }
  if (page.day >= page.domain.max) setDay(page.domain.min);
  const step = Math.max(1, Math.round((page.domain.max - page.domain.min) / 120));
  button.textContent = '❚❚ Pause';
  button.setAttribute('aria-pressed', 'true');
  page.playing = setInterval(() => {
    if (page.day >= page.domain.max) { togglePlay(); return; }
    setDay(page.day + step);
  }, 400);
}

/** One entry per place: who controls it (else who is present), with every row behind that. */
function installationsOf(state) {
  const places = new Map();
  const entry = (place) => {
    if (!places.has(place)) places.set(place, { place, controllers: [], present: [] });
    return places.get(place);
  };
  for (const row of state.control ?? []) entry(row.place).controllers.push(row);
  for (const row of state.presence ?? []) entry(row.place).present.push(row);
  for (const item of places.values()) {
    item.holder = item.controllers[0]?.controller ?? item.present[0]?.force ?? null;
    item.others = [...new Set([...item.controllers.map((r) => r.controller), ...item.present.map((r) => r.force)])]
      .filter((name) => name !== item.holder);
  }
  return [...places.values()].sort((a, b) => a.place.localeCompare(b.place));
}

/** The stored entity for a name (exact name or alias first), cached; null when unknown. */
async function entityNamed(name) {
  if (!page.entities.has(name)) {
    page.entities.set(name, getJson(query('/api/entities', { q: name, limit: 10 })).then((found) => {
      const lower = name.toLowerCase();
      return found.find((e) => e.name.toLowerCase() === lower)
        ?? found.find((e) => (e.aliases ?? []).some((a) => a.toLowerCase() === lower))
        ?? null;
    }).catch(() => null));
  }
  return page.entities.get(name);
}

async function renderInstallations(state, request) {
  const items = installationsOf(state);
  const located = await Promise.all(items.map(async (item) => ({ ...item, entity: await entityNamed(item.place) })));
  if (request !== page.stateRequest) return;
  page.installationLayer.clearLayers();
  const list = clear($('installation-list'));
  const forces = new Set();
  for (const item of located) {
    const color = colorOf(item.holder);
    forces.add(item.holder);
    const label = item.others.length ? `${item.holder} (also ${item.others.join(', ')})` : item.holder;
    const open = () => openInstallationSources(item);
    const li = clickable(el('li', { attrs: { 'data-place': item.place, 'data-holder': item.holder } }, [
      el('span', { className: 'dot', attrs: { style: `background:${color}` } }),
      el('span', { text: item.place }),
      el('div', { className: 'meta', text: label }),
    ]), open);
    list.append(li);
    const { lat, lon } = item.entity ?? {};
    if (typeof lat !== 'number' || typeof lon !== 'number') {
      li.querySelector('.meta').append(document.createTextNode(' · no coordinates'));
      continue;
    }
    const marker = L.circleMarker([lat, lon], { pane: 'installations', radius: 8, color: '#222', weight: 1.5, fillColor: color, fillOpacity: 0.95 });
    marker.bindTooltip(el('span', { text: `${item.place}: ${label}` }));
    marker.on('click', open);
    marker.addTo(page.installationLayer);
    const path = marker.getElement();
    path.setAttribute('data-place', item.place);
    path.setAttribute('data-holder', item.holder);
    path.classList.add('installation');
    L.marker([lat, lon], { pane: 'installations', interactive: false, icon: L.divIcon({ className: 'installation-label', html: '', iconSize: null, iconAnchor: [-10, 6] }) })
      .addTo(page.installationLayer).getElement()?.append(document.createTextNode(item.place));
  }
  renderLegend(forces);
  status(`${located.length} installations on ${isoOf(page.day)}`);
  document.body.dataset.stateDate = isoOf(page.day);
}

function renderLegend(forces) {
  const legend = clear($('legend'));
  for (const force of [...forces].sort()) {
    legend.append(el('div', { attrs: { 'data-force': force } }, [
      el('span', { className: 'swatch', attrs: { style: `background:${colorOf(force)}` } }),
      document.createTextNode(force),
    ]));
  }
  legend.hidden = forces.size === 0;
}

async function openInstallationSources(item) {
  const claims = [
    ...item.controllers.map((r) => ({ label: `${r.controller} controls it`, meta: since(r), sources: [] , documents: r.sources })),
    ...item.present.map((r) => ({ label: `${r.force} present`, meta: since(r), sources: [], documents: r.sources })),
  ];
  // State rows name their documents; the entity's timeline has the sentences, with their offsets.
  const entity = await entityNamed(item.place);
  let timeline = [];
  if (entity) {
    const detail = await getJson(`/api/entities/${entity.id}`).catch(() => null);
    timeline = detail?.timeline ?? [];
  }
  const dated = timeline.filter((t) => (t.sources ?? []).length > 0);
  const upToNow = dated.filter((t) => !t.date || firstDay(t.date) <= page.day);
  const fromTimeline = dated.map((t) => ({ label: t.summary, meta: [t.date, t.kind].filter(Boolean).join(', '), sources: t.sources }));
  const selected = upToNow.length ? claims.length + dated.indexOf(upToNow[upToNow.length - 1]) : undefined;
  await openSources(`${item.place} on ${isoOf(page.day)}`, [...claims, ...fromTimeline], selected);
}

function since(row) {
  return `since ${row.since ?? '?'}${row.until ? ` until ${row.until}` : ''}; ${row.sources.join(', ')}`;
}

function eventsInWindow() {
  const windowDays = Number($('window').value);
  const from = page.day - windowDays;
  return page.events.filter((e) => {
    const s = spanDays(e.event.date);
    if (s.from === null && s.to === null) return false;
    return (s.from ?? -Infinity) <= page.day && (s.to ?? Infinity) >= from;
  });
}

function casualtyText(event) {
  const c = event.casualties ?? {};
  const part = (q, word) => (q ? `${describeQuantity(q)} ${word}` : null);
  return [part(c.killed, 'killed'), part(c.injured, 'injured')].filter(Boolean).join(', ') || null;
}

function casualties(event) {
  const c = event.casualties ?? {};
  const n = (q) => (q ? q.value ?? q.high ?? q.low ?? 0 : 0);
  return n(c.killed) + n(c.injured);
}

function renderEvents() {
  if (!page.eventLayer) return;
  page.eventLayer.clearLayers();
  for (const stored of eventsInWindow()) {
    if (typeof stored.lat !== 'number' || typeof stored.lon !== 'number') continue;
    const e = stored.event;
    const hurt = casualties(e);
    const marker = L.circleMarker([stored.lat, stored.lon], {
      // Rings without fill: the installation drawn inside one stays clickable.
      pane: 'events', radius: 11 + 2.5 * Math.sqrt(hurt), color: eventColor(e.type), weight: 2.5, fill: false,
    });
    marker.bindTooltip(el('span', { text: eventTitle(stored) }));
    marker.on('click', () => openEventSources(stored));
    marker.addTo(page.eventLayer);
    marker.getElement().setAttribute('data-event', stored.id);
    marker.getElement().classList.add('event');
  }
  renderEventList();
}

function eventTitle(stored) {
  const e = stored.event;
  const who = e.actors?.length ? e.actors.join(', ') : 'unknown actor';
  return `${e.type.replaceAll('_', ' ')} (${e.status}): ${who}${e.place ? ` at ${e.place}` : ''}`;
}

function renderEventList() {
  const list = clear($('event-list'));
  if (!page.map) return;
  const bounds = page.map.getBounds();
  const visible = eventsInWindow().filter((s) => typeof s.lat !== 'number' || bounds.contains([s.lat, s.lon]));
  visible.sort((a, b) => (spanDays(b.event.date).from ?? 0) - (spanDays(a.event.date).from ?? 0));
  for (const stored of visible) {
    const e = stored.event;
    const date = e.date.from === e.date.to ? e.date.from : `${e.date.from ?? '?'} to ${e.date.to ?? '?'}`;
    const meta = [date, e.date.approx ? 'approximate date' : null, casualtyText(e),
      typeof stored.lat === 'number' ? null : 'no coordinates'].filter(Boolean).join(' · ');
    list.append(clickable(el('li', { attrs: { 'data-event': stored.id } }, [
      el('span', { className: 'dot', attrs: { style: `background:${eventColor(e.type)}` } }),
      el('span', { text: eventTitle(stored) }),
      el('div', { className: 'meta', text: meta }),
    ]), () => openEventSources(stored)));
  }
  if (visible.length === 0) list.append(el('li', { className: 'meta', text: 'No events in this window and view.' }));
}

function openEventSources(stored) {
  return openSources(eventTitle(stored), [{ label: eventTitle(stored), meta: stored.event.date.from ?? '', sources: stored.sources }]);
}

function openTroopSources(point) {
  const label = `${point.force} in ${point.area}: ${describeQuantity(point.quantity)}`;
  return openSources(label, [{ label, meta: `${point.since ?? '?'} to ${point.until ?? 'open'}`, sources: point.sources }]);
}

start();
