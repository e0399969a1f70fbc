// The page's only way to the server: same-origin GETs of the read-only API.
export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) {
    const error = new Error(`${path}: HTTP ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

export function query(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

const documents = new Map();

export function getDocument(id) {
  if (!documents.has(id)) documents.set(id, getJson(`/api/documents/${encodeURIComponent(id)}`).catch((e) => { documents.delete(id); throw e; }));
  return documents.get(id);
}
