// open.html: the OCMW's side. Choose the archive from the mail, type the
// password heard on the phone, read the referral, download the vCard,
// print. The archive is opened in a Web Worker started from a blob: URL
// (its source is inlined into this script by scripts/build/inline-page.mjs,
// as __OPEN_WORKER_SOURCE__), so the page is one file that also works from
// file://. No request after load (CSP connect-src 'none'), nothing stored;
// "Sluiten" and ten minutes without use wipe everything.
import { downloadName, findReferral, mimeType, readableSize, referralRows } from './referral-view.js';

/* global __OPEN_WORKER_SOURCE__ */
const IDLE_MS = 10 * 60 * 1000;

const $ = (id) => document.getElementById(id);
const form = $('open-form');
const fileInput = $('archive');
const password = form.elements.namedItem('password');
const submit = $('open-submit');
const status = $('status');
const alertBox = $('alert');
const result = $('result');

/** Everything that holds the archive's content, to wipe. */
let held = { urls: [], buffers: [] };
let worker = null;
let workerUrl = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  workerUrl = URL.createObjectURL(new Blob([__OPEN_WORKER_SOURCE__], { type: 'text/javascript' }));
  worker = new Worker(workerUrl);
  worker.onmessage = ({ data }) => {
    const p = pending.get(data.id);
    if (!p) return;
    pending.delete(data.id);
    if (data.ok) p.resolve(data.value);
    else p.reject(data.error);
  };
  worker.onerror = () => {
    for (const p of pending.values()) p.reject({ code: 'engine_failed' });
    pending.clear();
  };
}

/** A fresh worker: the old one's Wasm memory (keys, plaintext) goes with it. */
function restartWorker() {
  worker?.terminate();
  if (workerUrl) URL.revokeObjectURL(workerUrl);
  for (const p of pending.values()) p.reject({ code: 'closed' });
  pending.clear();
  startWorker();
}

function open(bytes, pw) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, bytes, password: pw }, [bytes.buffer]);
  });
}

const MESSAGES = {
  wrong_password: 'Het wachtwoord is fout: controleer het wachtwoord dat u telefonisch kreeg.',
  damaged_archive: 'Het bestand is beschadigd of onvolledig. Sla de bijlage opnieuw op uit de e-mail, of vraag de afzender het archief opnieuw te sturen.',
  unsupported_method: 'Dit archief gebruikt een methode die deze pagina niet kan openen. Open het met 7-Zip.',
  archive_too_large: 'Dit archief is te groot om in de browser te openen. Open het met 7-Zip.',
  not_an_archive: 'Dit is geen .7z- of .zip-archief. Kies de bijlage uit de e-mail.',
  weak_encryption: 'Dit archief is niet met AES-256 versleuteld zoals het protocol vraagt. Laat de afzender weten dat het opnieuw moet.',
  no_file: 'Kies eerst het archief uit de e-mail.',
  engine_failed: 'Het openen liep fout in deze browser. Herlaad de pagina en probeer opnieuw, of open het archief met 7-Zip.',
};

/** The Dutch message for an error code; the engine's own (Dutch, naming the method) when it has one. */
function message(error) {
  const code = error?.code;
  if ((code === 'wrong_password' || code === 'unsupported_method' || code === 'weak_encryption') && error.message) return error.message;
  return MESSAGES[code] ?? MESSAGES.damaged_archive;
}

function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** Wipes what is shown and held: blob URLs revoked, buffers zeroed, DOM emptied. */
function wipe() {
  for (const url of held.urls) URL.revokeObjectURL(url);
  for (const b of held.buffers) b.fill(0);
  held = { urls: [], buffers: [] };
  result.replaceChildren();
  result.hidden = true;
  alertBox.replaceChildren();
  status.textContent = '';
  password.value = '';
  fileInput.value = '';
  $('drop-name').textContent = '';
  form.hidden = false;
}

function showError(error) {
  alertBox.replaceChildren(el('p', message(error)));
  if (error?.code === 'wrong_password') password.focus();
}

function downloadLink(entry, label) {
  const url = URL.createObjectURL(new Blob([entry.bytes], { type: mimeType(entry.name) }));
  held.urls.push(url);
  const a = el('a', label ?? entry.name, { href: url, download: downloadName(entry.name) });
  return a;
}

function showReferral(referral, section) {
  const { data, text, vcard } = referral;
  const name = [data.client?.givenName, data.client?.familyName].filter((v) => typeof v === 'string').join(' ');
  section.append(el('h2', `Doorverwijzing ${typeof data.reference === 'string' ? data.reference : ''}`.trim(), { id: 'result-title' }));
  section.append(el('p', name, { class: 'open-client', 'data-client-name': '' }));
  for (const [title, rows] of referralRows(data)) {
    section.append(el('h3', title));
    const dl = el('dl', undefined, { class: 'open-fields' });
    for (const [label, value] of rows) dl.append(el('dt', label), el('dd', value));
    section.append(dl);
  }
  const retention = el('div', undefined, { class: 'open-note' });
  retention.append(
    el('h3', 'Bewaartermijn'),
    el('p', 'Bewaar deze gegevens niet langer dan nodig voor de hulpverlening, zoals het protocol met Opgroeien regie bepaalt. Verwijder het archief en de uitgepakte bestanden zodra ze in uw dossier staan.'),
  );
  section.append(retention);
  if (vcard) {
    const p = el('p', undefined, { class: 'open-actions' });
    p.append(downloadLink(vcard, `Contactkaart downloaden voor Outlook (${vcard.name})`));
    section.append(p);
  }
  if (text) {
    const details = el('details');
    details.append(el('summary', `Volledige tekst (${text.name})`), el('pre', new TextDecoder().decode(text.bytes)));
    section.append(details);
  }
}

function showFiles(entries, section, heading) {
  if (heading) section.append(el('h2', heading, { id: 'result-title' }));
  const table = el('table', undefined, { class: 'open-files' });
  const caption = el('caption', `${entries.length} ${entries.length === 1 ? 'bestand' : 'bestanden'} in het archief`);
  const head = el('tr');
  head.append(el('th', 'Bestand', { scope: 'col' }), el('th', 'Grootte', { scope: 'col' }), el('th', 'Downloaden', { scope: 'col' }));
  table.append(caption, el('thead'), el('tbody'));
  table.tHead.append(head);
  for (const entry of entries) {
    const row = el('tr');
    const cell = el('td');
    cell.append(downloadLink(entry, 'Downloaden'));
    cell.firstChild.setAttribute('aria-label', `${entry.name} downloaden`);
    row.append(el('td', entry.name), el('td', readableSize(entry.bytes.length)), cell);
    table.tBodies[0].append(row);
  }
  section.append(table);
}

function show(value) {
  result.replaceChildren();
  for (const e of value.entries) held.buffers.push(e.bytes);
  if (value.warning) result.append(el('p', value.warning.message, { class: 'open-warning', role: 'note' }));
  const referral = findReferral(value.entries);
  if (referral) {
    showReferral(referral, result);
    result.append(el('h3', 'Bestanden'));
    showFiles(value.entries, result);
  } else {
    showFiles(value.entries, result, value.entries.length ? 'Inhoud van het archief' : 'Het archief is leeg');
  }
  const actions = el('p', undefined, { class: 'open-actions open-noprint' });
  const print = el('button', 'Afdrukken', { type: 'button', class: 'open-button open-button--secondary' });
  print.addEventListener('click', () => window.print());
  const close = el('button', 'Sluiten', { type: 'button', class: 'open-button', id: 'close' });
  close.addEventListener('click', () => {
    wipe();
    restartWorker();
    fileInput.focus();
  });
  actions.append(print, close);
  result.append(actions);
  result.hidden = false;
  form.hidden = true;
  result.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  alertBox.replaceChildren();
  const file = fileInput.files?.[0];
  if (!file) {
    showError({ code: 'no_file' });
    fileInput.focus();
    return;
  }
  submit.disabled = true;
  status.textContent = 'Het archief wordt geopend…';
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const value = await open(bytes, password.value);
    password.value = '';
    status.textContent = 'Het archief is geopend.';
    show(value);
  } catch (error) {
    status.textContent = '';
    showError(error);
  } finally {
    submit.disabled = false;
  }
});

fileInput.addEventListener('change', () => {
  $('drop-name').textContent = fileInput.files?.[0] ? `Gekozen: ${fileInput.files[0].name}` : '';
});

// Drag and drop onto the file area.
const drop = $('drop');
drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('open-drop--over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('open-drop--over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('open-drop--over');
  if (e.dataTransfer?.files?.length) {
    fileInput.files = e.dataTransfer.files;
    fileInput.dispatchEvent(new Event('change'));
  }
});

$('show-password').addEventListener('change', (e) => {
  password.type = e.target.checked ? 'text' : 'password';
});

// Ten minutes without input: wipe, as "Sluiten" does.
let idle = null;
function armIdle() {
  clearTimeout(idle);
  idle = setTimeout(() => {
    wipe();
    restartWorker();
    status.textContent = 'De pagina is na tien minuten zonder gebruik gewist.';
  }, IDLE_MS);
}
for (const type of ['keydown', 'pointerdown', 'input', 'change', 'drop']) document.addEventListener(type, armIdle, true);
window.addEventListener('pagehide', wipe);
armIdle();
startWorker();
document.documentElement.dataset.ready = '';
