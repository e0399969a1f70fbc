// A stable colour per force name, so a force keeps its colour as the date moves.
const PALETTE = ['#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#bcbd22', '#7f7f7f'];

export function colorOf(name) {
  let hash = 0;
  for (const ch of name ?? '') hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

const VIOLENT = new Set(['armed_clash', 'missile_attack', 'air_drone_strike', 'explosive_attack', 'suicide_bombing', 'attack',
  'grenade_attack', 'chemical_attack', 'riot', 'protest_repressed', 'abduction', 'territory_taken', 'invasion']);

export function eventColor(type) {
  return VIOLENT.has(type) ? '#c0392b' : '#34495e';
}
