// The sources panel: the claims behind what was clicked, and the report's text with the evidence highlighted.
import { el, clear } from './dom.js';
import { getDocument } from './api.js';

const panel = () => document.getElementById('sources');

export function initSources() {
  document.getElementById('sources-close').addEventListener('click', closeSources);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') closeSources(); });
}

export function closeSources() {
  panel().hidden = true;
}

/**
 * Shows claims, each `{label, meta, sources: [{document_id, span: {start, end}, text}]}`, and opens the
 * document of the claim at `selected` (default: the first claim that has a source).
 */
export function openSources(title, claims, selected) {
  panel().hidden = false;
  document.getElementById('sources-title').textContent = title;
  const list = clear(document.getElementById('sources-claims'));
  const view = clear(document.getElementById('document-view'));
  if (claims.length === 0) {
    list.append(el('li', { text: 'No source is stored for this.' }));
    return Promise.resolve();
  }

  const items = claims.map((claim, index) => {
    const item = el('li', { attrs: { 'data-claim': index } }, [
      el('span', { text: claim.label }),
      claim.meta ? el('span', { className: 'meta', text: ` (${claim.meta})` }) : null,
    ]);
    (claim.sources ?? []).forEach((source, n) => {
      item.append(el('button', {
        text: claim.sources.length > 1 ? `source ${n + 1}` : 'source',
        attrs: { type: 'button', 'data-document': source.document_id, title: source.document_id },
        on: { click: () => select(index, n) },
      }));
    });
    list.append(item);
    return item;
  });

  function select(index, n) {
    items.forEach((item, i) => item.classList.toggle('current', i === index));
    const claim = claims[index];
    const source = claim.sources[n];
    const spans = claim.sources.filter((s) => s.document_id === source.document_id).map((s) => s.span);
    return showDocument(view, source.document_id, spans);
  }

  const first = selected ?? claims.findIndex((c) => (c.sources ?? []).length > 0);
  return first >= 0 && claims[first].sources?.length ? select(first, 0) : Promise.resolve();
}

async function showDocument(view, documentId, spans) {
  clear(view);
  view.append(el('p', { className: 'meta', text: 'Loading the report…' }));
  let doc;
  try {
    doc = await getDocument(documentId);
  } catch (error) {
    clear(view).append(el('p', { text: `The report ${documentId} could not be loaded (${error.message}).` }));
    return;
  }

  const info = doc.info ?? {};
  const header = el('header', {}, [
    el('strong', { text: info.title || doc.id }),
    el('div', { text: [info.outlet, info.published, doc.id].filter(Boolean).join(' · ') }),
  ]);
  const safeUrl = httpUrl(info.url);
  if (safeUrl) header.append(el('a', { text: safeUrl, attrs: { href: safeUrl, rel: 'noopener noreferrer', target: '_blank' } }));
  const body = el('div', { className: 'body', attrs: { 'data-document': doc.id } });
  appendHighlighted(body, doc.body ?? '', spans);
  clear(view).append(header, body);
  const mark = body.querySelector('mark');
  if (mark) mark.scrollIntoView({ block: 'center' });
}

/** Text with <mark> around each span (UTF-16 offsets, as the API gives them; JavaScript strings index the same way). */
export function appendHighlighted(container, text, spans) {
  const ranges = spans
    .map((s) => ({ start: Math.max(0, Math.min(text.length, s.start)), end: Math.max(0, Math.min(text.length, s.end)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start);
  let at = 0;
  for (const range of ranges) {
    const start = Math.max(range.start, at);
    if (range.end <= start) continue;
    if (start > at) container.append(document.createTextNode(text.slice(at, start)));
    container.append(el('mark', { text: text.slice(start, range.end) }));
    at = range.end;
  }
  if (at < text.length) container.append(document.createTextNode(text.slice(at)));
}

function httpUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
