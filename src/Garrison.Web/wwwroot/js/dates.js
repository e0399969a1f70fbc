// Dates as whole days since 1970-01-01 (UTC), the slider's unit. Partial dates ("2014", "2020-01") cover a span of days.
const MS_PER_DAY = 86400000;

export function dayOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, (m || 1) - 1, d || 1) / MS_PER_DAY);
}

export function isoOf(day) {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** First day a partial date may mean. */
export function firstDay(partial) {
  return partial ? dayOf(partial) : null;
}

/** Last day a partial date may mean. */
export function lastDay(partial) {
  if (!partial) return null;
  const parts = partial.split('-').map(Number);
  if (parts.length === 3) return dayOf(partial);
  if (parts.length === 2) return Math.round(Date.UTC(parts[0], parts[1], 1) / MS_PER_DAY) - 1;
  return Math.round(Date.UTC(parts[0] + 1, 0, 1) / MS_PER_DAY) - 1;
}

/** The day span of a {from, to} interval; open ends stay null. */
export function spanDays(span) {
  return { from: firstDay(span?.from), to: lastDay(span?.to) };
}
