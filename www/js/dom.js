// Small DOM helpers. Values are only ever set as text or attributes, never
// parsed as HTML: whatever a user types stays inert.

/**
 * Creates an element: h('p', { class: 'x', hidden: true }, 'text', child).
 * Attribute values false/null/undefined are left out; true sets "".
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** A human size in Dutch notation: "2,4 kB". */
export function formatSize(bytes) {
  if (bytes < 1000) return `${bytes} bytes`;
  const kb = bytes / 1000;
  return `${kb.toLocaleString('nl-BE', { maximumFractionDigits: 1 })} kB`;
}

const MONTHS = [
  'januari', 'februari', 'maart', 'april', 'mei', 'juni',
  'juli', 'augustus', 'september', 'oktober', 'november', 'december',
];

/** "2023-12-01" → "1 december 2023" (no time zone arithmetic involved). */
export function formatIsoDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso ?? ''));
  if (!m) return String(iso ?? '');
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/** The browser's local date as YYYY-MM-DD. */
export function localIsoDate(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The browser's local date and time, "24 november 2026 om 14:05". */
export function formatLocalDateTime(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${formatIsoDate(localIsoDate(date))} om ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Lowercase hex of the SHA-256 of bytes (Web Crypto). */
export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}
