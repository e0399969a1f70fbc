// DOM building for everything that comes from a report: text goes in through textContent, never as markup.
// Nothing in this page uses innerHTML, insertAdjacentHTML or document.write.

/** Creates an element; `text` becomes a text node, `attrs` are set as attribute values, `on` adds listeners. */
export function el(tag, { className, text, attrs, on } = {}, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (attrs) for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  if (on) for (const [type, handler] of Object.entries(on)) node.addEventListener(type, handler);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function svg(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/** Keyboard activation for list items that act as buttons. */
export function clickable(node, handler) {
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.addEventListener('click', handler);
  node.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); handler(e); } });
  return node;
}
