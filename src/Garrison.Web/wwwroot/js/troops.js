// Troop levels per country as small step charts drawn in SVG. Each point is its own element (focusable, with a
// title and data attributes) so it can be clicked or tabbed to for its sources; approximate figures are hollow
// points on dashed steps, and ranges ("250 to 350") are vertical bars.
import { el, svg, clear } from './dom.js';
import { firstDay, lastDay, isoOf } from './dates.js';
import { colorOf } from './colors.js';

const W = 320, H = 150, LEFT = 44, RIGHT = 8, TOP = 10, BOTTOM = 20;

export function estimate(q) {
  if (!q) return null;
  if (q.value !== null && q.value !== undefined) return q.value;
  if (q.low !== null && q.low !== undefined && q.high !== null && q.high !== undefined) return Math.round((q.low + q.high) / 2);
  return q.low ?? q.high ?? null;
}

export function describeQuantity(q) {
  const n = (v) => Number(v).toLocaleString('en-US');
  let text;
  if (q.value !== null && q.value !== undefined) text = n(q.value);
  else if (q.low !== null && q.low !== undefined && q.high !== null && q.high !== undefined) text = `${n(q.low)} to ${n(q.high)}`;
  else if (q.low !== null && q.low !== undefined) text = `at least ${n(q.low)}`;
  else text = `at most ${n(q.high)}`;
  return q.approx ? `about ${text}` : text;
}

/** Draws one chart per area into `container`; returns a function that moves the "now" line. */
export function drawTroopCharts(container, points, domain, onPick) {
  clear(container);
  const byArea = new Map();
  for (const p of points) {
    if (estimate(p.quantity) === null || (!p.since && !p.until)) continue;
    if (!byArea.has(p.area)) byArea.set(p.area, []);
    byArea.get(p.area).push(p);
  }
  if (byArea.size === 0) {
    container.append(el('p', { className: 'hint', text: 'No troop levels are known yet.' }));
    return () => {};
  }

  const nowLines = [];
  for (const [area, list] of [...byArea].sort((a, b) => a[0].localeCompare(b[0]))) {
    const x = (day) => LEFT + ((day - domain.min) / Math.max(1, domain.max - domain.min)) * (W - LEFT - RIGHT);
    const top = Math.max(...list.map((p) => p.quantity.high ?? estimate(p.quantity))) * 1.15 || 1;
    const y = (v) => TOP + (1 - v / top) * (H - TOP - BOTTOM);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Troop levels in ${area}` });
    chart.append(svg('line', { class: 'axis', x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM }));
    chart.append(svg('line', { class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM }));
    for (const tick of [0, top / 2, top]) {
      const label = svg('text', { x: LEFT - 4, y: y(tick) + 3, 'text-anchor': 'end' });
      label.textContent = Math.round(tick).toLocaleString('en-US');
      chart.append(label);
    }
    for (const day of [domain.min, domain.max]) {
      const label = svg('text', { x: x(day), y: H - 6, 'text-anchor': day === domain.min ? 'start' : 'end' });
      label.textContent = isoOf(day).slice(0, 7);
      chart.append(label);
    }

    const byForce = new Map();
    for (const p of list) {
      if (!byForce.has(p.force)) byForce.set(p.force, []);
      byForce.get(p.force).push(p);
    }
    for (const [force, series] of byForce) {
      const color = colorOf(force);
      series.sort((a, b) => (firstDay(a.since) ?? lastDay(a.until)) - (firstDay(b.since) ?? lastDay(b.until)));
      series.forEach((p, i) => {
        const start = Math.max(domain.min, firstDay(p.since) ?? lastDay(p.until));
        const next = series[i + 1];
        const end = Math.min(domain.max, lastDay(p.until) ?? (next ? firstDay(next.since) ?? domain.max : domain.max));
        const value = estimate(p.quantity);
        const approx = Boolean(p.quantity.approx) || p.quantity.value === null || p.quantity.value === undefined;
        chart.append(svg('line', {
          x1: x(start), y1: y(value), x2: x(Math.max(start, end)), y2: y(value),
          stroke: color, 'stroke-width': 2, 'stroke-dasharray': approx ? '4 3' : null,
        }));
        if (p.quantity.low !== null && p.quantity.low !== undefined && p.quantity.high !== null && p.quantity.high !== undefined) {
          chart.append(svg('line', { x1: x(start), y1: y(p.quantity.low), x2: x(start), y2: y(p.quantity.high), stroke: color, 'stroke-width': 1 }));
        }
        const point = svg('circle', {
          class: 'point', cx: x(start), cy: y(value), r: 4.5, stroke: color, 'stroke-width': 2,
          fill: approx ? '#fff' : color, tabindex: 0, role: 'button',
          'data-force': force, 'data-area': area, 'data-value': value, 'data-approx': approx,
        });
        const title = svg('title');
        title.textContent = `${force} in ${area}: ${describeQuantity(p.quantity)} (${p.since ?? '?'} to ${p.until ?? 'open'})`;
        point.append(title);
        const pick = () => onPick(p);
        point.addEventListener('click', pick);
        point.addEventListener('keydown', (e) => { if (e.key === 'Enter') pick(); });
        chart.append(point);
      });
    }
    const now = svg('line', { class: 'now', x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM });
    chart.append(now);
    nowLines.push({ now, x });
    const legend = el('div', { className: 'meta' }, [...byForce.keys()].map((force) =>
      el('span', {}, [el('span', { className: 'dot', attrs: { style: `background:${colorOf(force)}` } }), document.createTextNode(`${force}  `)])));
    container.append(el('div', { className: 'chart', attrs: { 'data-area': area } }, [el('h3', { text: area }), chart, legend]));
  }

  return (day) => {
    for (const { now, x } of nowLines) {
      now.setAttribute('x1', x(day));
      now.setAttribute('x2', x(day));
    }
  };
}
