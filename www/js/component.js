// <referral-seal>: the referral form, the sealing and the result view.
//
// Light DOM (no shadow root) so that labels, the error summary's links and
// the control names work as in any page, and an embedder can prefill the
// referrer fields by name. All styles are scoped under `referral-seal`.
//
// Nothing is stored, logged or sent: values live in the DOM and in memory
// until "Nieuwe doorverwijzing", inactivity or leaving the page wipes them.
import { Engine } from './engine.js';
import { h, replace, localIsoDate, formatIsoDate, sha256Hex } from './dom.js';
import { buildShell, fieldId, FIELDS } from './form.js';
import { buildResult, makeReceipt, receiptText } from './result.js';

// The stylesheet's name is content-hashed at build time (webpack DefinePlugin),
// and so is the form's markup: a page pre-rendered by another build is not adopted.
/* global __RS_CSS__, __RS_FORM__, __webpack_public_path__ */
const CSS_FILE = __RS_CSS__;
const FORM_BUILD = __RS_FORM__;

const DEFAULT_INACTIVITY_MINUTES = 15;
const WARNING_SECONDS = 60;

// Route codes shown as a stop message under the postal code.
const ROUTE_CODES = new Set(['no_protocol_for_municipality', 'protocol_not_in_force', 'unknown_postal_code']);
// Errors that are not about one field; shown in the summary and a banner.
const GENERAL_CODES = {
  archive_failed: 'Het versleutelde bestand kon niet gemaakt worden. Probeer het opnieuw.',
  self_check_failed: 'Het versleutelde bestand kon niet gecontroleerd worden en werd daarom niet vrijgegeven. Probeer het opnieuw.',
  random_unavailable: 'Deze browser heeft geen veilige toevalsgenerator. Gebruik een recente versie van Edge of Chrome.',
  engine_failed: 'De rekenmodule van deze pagina kon niet starten. Laad de pagina opnieuw.',
};
// Which control receives focus for a group-level error.
const GROUP_FOCUS = { contact: 'contact.street', consent: 'consent.informed', referrer: 'referrer.phone' };

let instances = 0;

/** The Dutch text for an error: the core's message, or the page's advice for general failures. */
function messageOf(e) {
  return GENERAL_CODES[e.code] ?? e.message;
}

/** Adds the stylesheet once per document, unless index.html's inline copy applies. */
function ensureStylesheet(doc) {
  // index.html carries the stylesheet inline; if a host's CSP blocked that
  // copy (it then has no sheet), the file is linked instead.
  for (const el of doc.querySelectorAll('[data-referral-seal-css]')) {
    if (el.localName === 'link' || el.sheet) return;
  }
  const href = new URL(CSS_FILE, new URL(__webpack_public_path__, doc.baseURI)).href;
  if (doc.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`)) return;
  doc.head.append(h('link', { rel: 'stylesheet', href, 'data-referral-seal-css': '' }));
}

/** Calls `fn` once, when the page's first frame has been presented (or after 1 s). */
function afterFirstPaint(win, fn) {
  let done = false;
  let observer = null;
  const once = () => {
    if (done) return;
    done = true;
    observer?.disconnect();
    fn();
  };
  try {
    observer = new win.PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length) once();
    });
    observer.observe({ type: 'paint', buffered: true });
  } catch {
    win.requestAnimationFrame(() => once());
  }
  setTimeout(once, 1000);
}

function readBoolAttr(el, name) {
  return el.hasAttribute(name) && el.getAttribute(name) !== 'false';
}

export class ReferralSealElement extends HTMLElement {
  constructor() {
    super();
    this.options = {};
    this.controller = null;
  }

  /** Options set by mount() before or after connection. */
  configure(options = {}) {
    this.options = { ...this.options, ...options };
    if (this.controller) {
      this.controller.destroy();
      this.controller = new Controller(this, this.resolvedOptions());
    }
  }

  resolvedOptions() {
    const attr = (name) => this.getAttribute(name) ?? undefined;
    const fromAttrs = {
      referrer: {
        team: attr('referrer-team'),
        name: attr('referrer-name'),
        phone: attr('referrer-phone'),
        email: attr('referrer-email'),
      },
      inactivityMinutes: this.hasAttribute('inactivity-minutes') ? Number(attr('inactivity-minutes')) : undefined,
      today: attr('today'),
      registryElementId: attr('registry'),
      format: attr('format'),
      lockReferrer: readBoolAttr(this, 'lock-referrer'),
    };
    const o = this.options;
    return {
      ...fromAttrs,
      ...o,
      referrer: { ...fromAttrs.referrer, ...(o.referrer ?? {}) },
    };
  }

  connectedCallback() {
    if (this.controller || this.starting) return;
    ensureStylesheet(this.ownerDocument);
    const start = () => {
      this.starting = false;
      if (this.isConnected && !this.controller) this.controller = new Controller(this, this.resolvedOptions());
    };
    if (this.querySelector(':scope > .rs[data-prerendered]')) {
      // The form from index.html takes input already: let the browser put
      // it on screen first, then take it over and start the worker (on a
      // machine with few cores, starting the worker competes with rastering
      // and presenting that first frame). The first-contentful-paint entry
      // comes once the frame is presented; a page that is not painted (a
      // tab in the background) starts after at most a second.
      this.starting = true;
      afterFirstPaint(this.ownerDocument.defaultView, () => setTimeout(start, 0));
    } else {
      start();
    }
  }

  disconnectedCallback() {
    // Moving the element within the page also disconnects it: tear down on the next task only if still detached.
    queueMicrotask(() => {
      if (!this.isConnected && this.controller) {
        this.controller.destroy();
        this.controller = null;
      }
    });
  }

  /** Wipes the form, the password and any result (same as "Nieuwe doorverwijzing"). */
  wipe() {
    this.controller?.wipe();
  }
}

/**
 * Mounts the referral form into `target` (an element or a CSS selector).
 *
 * options: {
 *   referrer: { team, name, phone, email },   prefilled referrer fields
 *   registry: object | JSON text,             replaces the protocol registry
 *   inactivityMinutes: number,                auto-wipe after inactivity (0 = off), default 15
 *   today: 'YYYY-MM-DD',                      fixed date (tests, demonstrations)
 *   format: '7z' | 'zip',                     preselected archive format
 *   lockReferrer: boolean                     referrer fields read-only when prefilled
 * }
 * Returns the <referral-seal> element.
 */
export function mount(target, options = {}) {
  const host = typeof target === 'string' ? document.querySelector(target) : target;
  if (!host) throw new Error('referral-seal: mount target not found');
  if (host.localName === 'referral-seal') {
    host.configure(options);
    return host;
  }
  // Configure before connecting, so that only one controller (and worker) starts.
  const el = host.ownerDocument.createElement('referral-seal');
  el.configure(options);
  host.replaceChildren(el);
  return el;
}

class Controller {
  constructor(host, options) {
    this.host = host;
    this.options = options;
    instances += 1;
    this.prefix = `rs${instances}`;
    this.urls = [];
    this.result = null;
    this.busy = false;
    this.touched = new Set();
    this.validateSeq = 0;
    this.postalSeq = 0;
    this.strengthSeq = 0;
    this.route = { state: 'empty' };
    this.listeners = [];
    this.destroyed = false;

    // The worker first: its script and the Wasm load while the form is built.
    try {
      this.engine = new Engine();
    } catch {
      this.engine = null;
    }

    // The form is usable at once: typing, choosing and even pressing "seal"
    // work while the core loads (calls to it wait in the worker's queue).
    // data-state stays "loading" until the core has checked the registry and
    // made a password; then it is "ready". index.html carries the markup
    // already (pre-rendered by the build): then it is taken over as it is,
    // with whatever the user typed before this script ran.
    const pre = host.querySelector(':scope > .rs[data-prerendered]');
    const adopt = pre && pre.dataset.form === FORM_BUILD;
    if (adopt) {
      this.root = pre;
      this.prefix = pre.dataset.prefix;
      delete pre.dataset.prerendered;
      for (const stale of host.querySelectorAll(':scope > :not(.rs), :scope > .rs > .rs-script-missing')) stale.remove();
    } else {
      this.root = buildShell(this.prefix);
      host.replaceChildren(this.root);
    }
    this.notice = this.root.querySelector(':scope > .rs-notice');
    this.warning = this.root.querySelector(':scope > .rs-inactivity');
    this.form = this.root.querySelector(':scope > form');
    this.resultHost = this.root.querySelector(':scope > .rs-result-host');

    this.bindForm();
    this.fillTeams();
    this.applyDefaults();
    performance.mark?.('referral-seal-interactive');
    this.started = this.start();
    if (adopt && /^\d{4}$/.test(this.control('contact.postalCode').value.trim())) {
      this.routing = this.updateRoute();
    }
  }

  get today() {
    return this.options.today || localIsoDate();
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  on(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.listeners.push(() => target.removeEventListener(type, fn, opts));
  }

  // ------------------------------------------------------------ start --

  async start() {
    if (!this.engine) {
      this.fatal('Deze pagina kan haar rekenmodule niet starten. Zet ze op dezelfde website als de pagina die haar toont.');
      return;
    }
    let registry = null;
    try {
      registry = this.registrySource();
    } catch {
      this.fatal('Het protocolregister van deze pagina is geen geldige JSON. Neem contact op met de beheerder van het intranet.');
      return;
    }
    let started;
    try {
      started = await this.engine.start(registry);
    } catch (err) {
      if (this.destroyed) return;
      if (err.code === 'invalid_registry') {
        this.fatal('Het protocolregister van deze pagina is ongeldig. Neem contact op met de beheerder van het intranet.', err.errors);
      } else {
        this.fatal(GENERAL_CODES.engine_failed);
      }
      return;
    }
    if (this.destroyed) return;
    this.registry = started.registry;
    this.fillTeams();
    // The user may already have chosen to type a password of their own.
    if (!this.control('ownPassword').checked) await this.newPassword();
    if (this.destroyed || this.root.dataset.state === 'error') return;
    this.root.dataset.state = 'ready';
    this.armInactivity();
    performance.mark?.('referral-seal-ready');
    this.host.dispatchEvent(new CustomEvent('referral-seal-ready', { bubbles: true }));
  }

  /** The registry to use: option > data block in the page > the one built into the core. */
  registrySource() {
    const { registry, registryElementId } = this.options;
    if (registry !== undefined && registry !== null) {
      return typeof registry === 'string' ? JSON.parse(registry) : registry;
    }
    const doc = this.host.ownerDocument;
    const block = doc.getElementById(registryElementId || 'referral-seal-registry');
    if (block) return JSON.parse(block.textContent);
    return null;
  }

  fatal(message, errors = []) {
    this.root.dataset.state = 'error';
    this.form.hidden = true;
    replace(
      this.notice,
      h(
        'div',
        { class: 'rs-banner rs-banner--error' },
        h('h2', { class: 'rs-banner__title' }, 'Deze pagina kan niet gebruikt worden'),
        h('p', {}, message),
        errors.length ? h('ul', {}, errors.slice(0, 10).map((e) => h('li', {}, e.message))) : null,
      ),
    );
  }

  fillTeams() {
    const select = this.control('referrer.team');
    const current = select.value;
    const teams = [...new Set((this.registry?.protocols ?? []).map((p) => p.referringTeam).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'nl'));
    const wanted = this.options.referrer?.team;
    if (wanted && !teams.includes(wanted)) teams.push(wanted);
    select.replaceChildren(new Option('Kies uw team', ''), ...teams.map((t) => new Option(t, t)));
    if (current && teams.includes(current)) select.value = current;
  }

  applyDefaults() {
    const date = this.control('consent.date');
    if (!date.value) date.value = this.today;
    date.max = this.today;
    const ref = this.options.referrer ?? {};
    for (const key of ['team', 'name', 'phone', 'email']) {
      const control = this.control(`referrer.${key}`);
      if (ref[key]) control.value = ref[key];
      const lock = this.options.lockReferrer && ref[key];
      if (control.localName === 'select') control.disabled = false;
      else control.readOnly = Boolean(lock);
    }
    const format = this.options.format;
    if (format === 'zip' || format === '7z') {
      for (const radio of this.form.querySelectorAll('input[name="format"]')) radio.checked = radio.value === format;
    }
    if (!/^\d{4}$/.test(this.control('contact.postalCode').value.trim())) this.setMunicipalities([]);
  }

  // ------------------------------------------------------------ events --

  bindForm() {
    this.on(this.form, 'submit', (e) => {
      e.preventDefault();
      this.seal();
    });
    this.on(this.form, 'input', (e) => this.onInput(e));
    this.on(this.form, 'change', (e) => this.onChange(e));
    this.on(this.form, 'focusout', (e) => this.onFocusOut(e));
    this.on(this.root, 'click', (e) => this.onClick(e));
    const doc = this.host.ownerDocument;
    for (const type of ['keydown', 'pointerdown', 'input', 'focusin', 'wheel']) {
      this.on(doc, type, () => this.armInactivity(), { passive: true, capture: true });
    }
    // A page put in the back/forward cache is wiped, so that "Back" never
    // brings a filled-in form back. (A page that is really unloaded takes its
    // memory with it; a mailto: click does not unload the page at all.)
    this.on(doc.defaultView, 'pagehide', (e) => {
      if (e.persisted) this.wipe({ quiet: true });
    });
  }

  onInput(e) {
    const name = e.target.name;
    if (name === 'contact.postalCode') this.routing = this.updateRoute();
    if (name === 'password' && this.control('ownPassword').checked) this.updateStrength();
    if (this.fieldHasError(name)) this.validateLive();
  }

  onChange(e) {
    const name = e.target.name;
    if (name === 'contact.municipality') this.routing = this.updateRoute({ keepSelection: true });
    if (name === 'ownPassword') this.toggleOwnPassword(e.target.checked);
    if (name && (e.target.type === 'checkbox' || e.target.localName === 'select' || e.target.type === 'date')) {
      if (name !== 'ownPassword') this.touched.add(name);
      this.validateLive();
    }
  }

  onFocusOut(e) {
    const name = e.target.name;
    if (!name || name === 'ownPassword' || name === 'format') return;
    if (e.target.value !== '' || this.touched.has(name)) {
      this.touched.add(name);
      this.validateLive();
    }
  }

  onClick(e) {
    const button = e.target.closest('[data-action]');
    if (button && this.root.contains(button)) {
      const action = button.dataset.action;
      if (action === 'new-password') {
        this.control('ownPassword').checked = false;
        this.toggleOwnPassword(false);
      } else if (action === 'copy-password') {
        this.copy(this.control('password'), button);
      } else if (action === 'copy-result-password') {
        this.copy(this.resultHost.querySelector('.rs-password-display .rs-mono'), button);
      } else if (action === 'toggle-receipt') {
        const receipt = this.resultHost.querySelector('.rs-receipt');
        const open = receipt.hidden;
        receipt.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? 'Verberg het ontvangstbewijs' : 'Toon een ontvangstbewijs';
      } else if (action === 'print-receipt') {
        this.printReceipt();
      } else if (action === 'new-referral') {
        this.wipe();
      } else if (action === 'dismiss-warning') {
        this.armInactivity();
      }
      return;
    }
    const link = e.target.closest('a[data-focus]');
    if (link && this.root.contains(link)) {
      e.preventDefault();
      const target = this.form.querySelector(`#${CSS.escape(link.dataset.focus)}`);
      if (target) {
        const field = target.closest('.rs-field, .rs-checkbox, .rs-section') ?? target;
        field.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
      }
    }
  }

  async copy(source, button) {
    const text = source?.value ?? source?.textContent ?? '';
    const done = (label) => {
      const before = 'Kopieer';
      button.textContent = label;
      setTimeout(() => {
        if (button.isConnected) button.textContent = before;
      }, 2500);
    };
    try {
      await navigator.clipboard.writeText(text);
      done('Gekopieerd');
    } catch {
      if (source?.select) source.select();
      done('Kopieer met Ctrl+C');
    }
  }

  // ----------------------------------------------------------- input --

  /** The referral input object from the form; empty fields are left out. */
  readInput() {
    const value = (name) => {
      const control = this.control(name);
      const v = control && !control.disabled ? control.value : '';
      return v.trim() === '' ? undefined : v;
    };
    const group = (names) => {
      const out = {};
      for (const name of names) {
        const v = value(name);
        if (v !== undefined) out[name.split('.')[1]] = v;
      }
      return out;
    };
    return {
      client: group(['client.givenName', 'client.familyName']),
      contact: group(['contact.street', 'contact.houseNumber', 'contact.box', 'contact.postalCode', 'contact.municipality', 'contact.phone', 'contact.email']),
      consent: {
        informed: this.control('consent.informed').checked,
        agreed: this.control('consent.agreed').checked,
        ...group(['consent.date']),
      },
      referrer: group(['referrer.team', 'referrer.name', 'referrer.phone', 'referrer.email']),
    };
  }

  // ----------------------------------------------------------- route --

  setMunicipalities(localities, keep) {
    const select = this.control('contact.municipality');
    const previous = keep ? select.value : '';
    if (localities.length === 0) {
      select.replaceChildren(new Option('Vul eerst de postcode in', ''));
      select.disabled = true;
      return;
    }
    const options = localities.map(({ locality, municipality }) =>
      new Option(locality === municipality ? locality : `${locality} (gemeente ${municipality})`, locality),
    );
    if (localities.length > 1) options.unshift(new Option('Kies de gemeente of deelgemeente', ''));
    select.replaceChildren(...options);
    select.disabled = false;
    if (previous && localities.some((l) => l.locality === previous)) select.value = previous;
  }

  /** Postal code first: localities, then the receiving OCMW or a stop message. */
  async updateRoute({ keepSelection = false } = {}) {
    const seq = ++this.postalSeq;
    delete this.root.dataset.postalChecked;
    const postalCode = this.control('contact.postalCode').value.trim();
    const routeBox = this.form.querySelector('.rs-route');
    if (!/^\d{4}$/.test(postalCode)) {
      if (!keepSelection) this.setMunicipalities([]);
      this.showRoute({ state: 'empty' }, routeBox);
      return;
    }
    let postal;
    try {
      postal = await this.engine.postal(postalCode, this.options.today);
    } catch {
      return;
    }
    if (seq !== this.postalSeq || this.destroyed) return;
    if (!keepSelection || this.control('contact.municipality').disabled) {
      this.setMunicipalities(postal.localities, keepSelection);
    }
    if (postal.localities.length === 0) {
      this.showRoute({ state: 'unknown' }, routeBox);
      this.root.dataset.postalChecked = postalCode;
      this.touched.add('contact.postalCode');
      this.validateLive();
      return;
    }
    const chosen = this.control('contact.municipality').value || postal.localities[0].locality;
    // The core decides: validate just the residence to learn the route error, if any.
    const check = await this.engine.validate({ contact: { postalCode, municipality: chosen } }, this.options.today).catch(() => null);
    if (seq !== this.postalSeq || this.destroyed || !check) return;
    const routeError = check.errors.find((e) => e.field === 'contact.postalCode' && ROUTE_CODES.has(e.code));
    if (routeError) {
      this.showRoute({ state: 'stop', code: routeError.code, message: routeError.message, postalCode }, routeBox);
    } else if (postal.protocol) {
      this.showRoute({ state: 'ok', protocol: postal.protocol }, routeBox);
      const team = this.control('referrer.team');
      if (!team.value && postal.protocol.referringTeam) team.value = postal.protocol.referringTeam;
    } else {
      this.showRoute({ state: 'empty' }, routeBox);
    }
    this.root.dataset.postalChecked = postalCode;
  }

  showRoute(route, box) {
    this.route = route;
    const stop = route.state === 'stop';
    for (const key of ['consent', 'referrer', 'password']) {
      this.form.querySelector(`[data-section="${key}"]`).disabled = stop;
    }
    this.form.querySelector('[data-after-route]').hidden = stop;
    this.form.querySelector('[data-action="seal"]').disabled = stop;
    this.root.dataset.routeState = route.state;
    if (route.state === 'ok') {
      const p = route.protocol;
      replace(
        box,
        h(
          'div', { class: 'rs-banner rs-banner--info', 'data-route': 'ok' },
          h('p', { class: 'rs-banner__title' }, `Deze doorverwijzing gaat naar ${p.ocmw?.name ?? 'het OCMW'}`),
          h('dl', { class: 'rs-facts' },
            h('dt', {}, 'Mailbox'), h('dd', {}, p.mailbox),
            h('dt', {}, 'Protocol'), h('dd', {}, `van kracht sinds ${formatIsoDate(p.inForceFrom)}`, p.inForceUntil ? ` tot en met ${formatIsoDate(p.inForceUntil)}` : ''),
          ),
        ),
      );
    } else if (stop) {
      const known = (this.registry?.protocols ?? []).map((p) => `${p.ocmw?.name} (${(p.postalCodes ?? []).join(', ')})`);
      replace(
        box,
        h(
          'div', { class: 'rs-banner rs-banner--error', 'data-route': 'stop', role: 'alert' },
          h('p', { class: 'rs-banner__title' },
            route.code === 'protocol_not_in_force'
              ? `Voor postcode ${route.postalCode} is het protocol vandaag niet van kracht`
              : `Voor postcode ${route.postalCode} is er geen protocol met een OCMW`),
          h('p', {}, 'U mag gegevens alleen doorgeven aan het OCMW van de gemeente waar de cliënt woont, en alleen als uw team met dat OCMW een ondertekend protocol heeft dat vandaag van kracht is. Daarom kunt u deze doorverwijzing hier niet maken.'),
          h('p', {}, 'Woont de cliënt ergens anders? Pas dan de postcode aan. Anders: bespreek met uw teamverantwoordelijke hoe u de cliënt zelf naar het OCMW kunt begeleiden.'),
          known.length ? h('p', { class: 'rs-hint' }, `Protocollen in dit register: ${known.join('; ')}.`) : null,
        ),
      );
    } else {
      replace(box);
    }
  }

  // -------------------------------------------------------- password --

  async newPassword() {
    const control = this.control('password');
    try {
      const { passphrase, bits } = await this.engine.passphrase();
      if (this.destroyed) return;
      control.value = passphrase;
      control.readOnly = true;
      this.showStrength({ bits, acceptable: true }, true);
    } catch (err) {
      control.value = '';
      this.fatal(GENERAL_CODES[err.code] ?? GENERAL_CODES.random_unavailable);
    }
  }

  toggleOwnPassword(own) {
    const control = this.control('password');
    this.form.querySelector('[data-action="new-password"]').hidden = own;
    this.clearFieldError('password');
    if (own) {
      control.readOnly = false;
      control.value = '';
      this.showStrength(null);
      control.focus();
    } else {
      this.newPassword();
    }
  }

  async updateStrength() {
    const seq = ++this.strengthSeq;
    const password = this.control('password').value;
    if (password === '') {
      this.showStrength(null);
      return;
    }
    const s = await this.engine.strength(password).catch(() => null);
    if (seq === this.strengthSeq && s && !this.destroyed) this.showStrength(s);
  }

  showStrength(s, generated = false) {
    const el = this.form.querySelector('.rs-strength');
    el.className = 'rs-strength';
    if (!s) {
      el.textContent = this.control('ownPassword').checked ? 'Typ het wachtwoord dat u met het OCMW afsprak: lang genoeg, zonder letters met accenten.' : '';
      return;
    }
    const bits = Math.round(s.bits);
    if (generated) {
      el.textContent = `Sterk wachtwoord, door deze pagina gemaakt (ongeveer ${bits} bits). Makkelijk voor te lezen: geen letters die op elkaar lijken.`;
      el.classList.add('rs-strength--good');
    } else if (s.acceptable) {
      el.textContent = `Sterk genoeg (ongeveer ${bits} bits).`;
      el.classList.add('rs-strength--good');
    } else {
      el.textContent = `Te zwak (ongeveer ${bits} bits). Maak het langer.`;
      el.classList.add('rs-strength--weak');
    }
  }

  // ------------------------------------------------------ validation --

  async validateLive() {
    if (!this.engine || this.busy) return;
    const seq = ++this.validateSeq;
    const check = await this.engine.validate(this.readInput(), this.options.today).catch(() => null);
    if (!check || seq !== this.validateSeq || this.destroyed || this.busy) return;
    // Route refusals are explained by the stop message under the postal code.
    const routeShown = this.route.state === 'stop';
    const shown = check.errors.filter(
      (e) => (this.touched.has(e.field) || this.fieldHasError(e.field)) && !(routeShown && ROUTE_CODES.has(e.code)),
    );
    this.showErrors(shown, { summary: false, onlyFields: true });
    this.pruneSummary(check.errors);
  }

  /** Removes fixed errors from the summary (it never grows between submits). */
  pruneSummary(errors) {
    const box = this.form.querySelector('.rs-error-summary');
    if (box.hidden) return;
    const open = new Set(errors.map((e) => e.field));
    for (const li of box.querySelectorAll('li[data-field]')) {
      const field = li.dataset.field;
      if (field && field !== 'password' && !open.has(field)) li.remove();
    }
    if (!box.querySelector('li')) box.hidden = true;
  }

  fieldHasError(name) {
    if (!name) return false;
    const slot = this.errorSlot(name);
    return Boolean(slot && !slot.hidden);
  }

  errorSlot(field) {
    const group = field.includes('.') ? null : field;
    if (group && GROUP_FOCUS[group]) return this.form.querySelector(`[data-group="${group}"]`);
    if (field === 'password') return this.form.querySelector(`#${this.prefix}-password-error`);
    if (FIELDS[field] || field === 'consent.informed' || field === 'consent.agreed') {
      return this.form.querySelector(`#${CSS.escape(fieldId(this.prefix, field))}-error`);
    }
    return null;
  }

  focusTarget(field) {
    if (GROUP_FOCUS[field]) return fieldId(this.prefix, GROUP_FOCUS[field]);
    if (field === 'password') return `${this.prefix}-password`;
    if (FIELDS[field] || field === 'consent.informed' || field === 'consent.agreed') return fieldId(this.prefix, field);
    return null;
  }

  clearFieldError(field) {
    const slot = this.errorSlot(field);
    if (!slot) return;
    slot.hidden = true;
    slot.replaceChildren();
    const control = this.control(field);
    const wrapper = slot.closest('.rs-field');
    wrapper?.classList.remove('rs-field--error');
    if (control && control.setAttribute) {
      control.removeAttribute('aria-invalid');
      const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== slot.id);
      if (describedBy.length) control.setAttribute('aria-describedby', describedBy.join(' '));
      else control.removeAttribute('aria-describedby');
    }
  }

  /**
   * Shows field errors next to their fields and, with summary: true, in the
   * summary at the top (links move focus to the field).
   */
  showErrors(errors, { summary, onlyFields = false } = {}) {
    const byField = new Map();
    for (const e of errors) {
      const key = this.errorSlot(e.field) ? e.field : '';
      if (!byField.has(key)) byField.set(key, []);
      byField.get(key).push(e);
    }
    // Clear what is no longer wrong.
    const all = [...Object.keys(FIELDS), 'consent.informed', 'consent.agreed', 'password', ...Object.keys(GROUP_FOCUS)];
    for (const field of all) if (!byField.has(field)) this.clearFieldError(field);
    for (const [field, list] of byField) {
      if (!field) continue;
      const slot = this.errorSlot(field);
      replace(slot, h('span', { class: 'rs-visually-hidden' }, 'Fout: '), list.map((e) => messageOf(e)).join(' '));
      slot.hidden = false;
      slot.closest('.rs-field')?.classList.add('rs-field--error');
      const control = field.includes('.') || field === 'password' ? this.control(field) : null;
      if (control && control.setAttribute) {
        control.setAttribute('aria-invalid', 'true');
        const describedBy = (control.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
        if (!describedBy.includes(slot.id)) control.setAttribute('aria-describedby', [...describedBy, slot.id].join(' '));
      }
    }
    if (onlyFields) return;
    const box = this.form.querySelector('.rs-error-summary');
    const list = box.querySelector('ul');
    if (!summary || errors.length === 0) {
      box.hidden = true;
      list.replaceChildren();
      return;
    }
    list.replaceChildren(
      ...errors.map((e) => {
        const target = this.focusTarget(e.field);
        const text = messageOf(e);
        return h('li', { 'data-field': e.field }, target ? h('a', { href: `#${target}`, 'data-focus': target }, text) : text);
      }),
    );
    box.hidden = false;
    box.focus();
  }

  // ------------------------------------------------------------ seal --

  async seal() {
    if (this.busy || !this.engine || this.route.state === 'stop') return;
    this.busy = true;
    const button = this.form.querySelector('[data-action="seal"]');
    const busyBox = this.form.querySelector('.rs-busy');
    button.setAttribute('aria-disabled', 'true');
    replace(busyBox, h('span', { class: 'rs-spinner', 'aria-hidden': 'true' }), 'Bezig met versleutelen en controleren…');
    // Sealing right after the page opened: wait for the core and the
    // password, and for the postal code's localities and team, if pending.
    await this.started;
    await this.routing;
    if (this.destroyed || this.root.dataset.state === 'error') return;
    this.root.dataset.state = 'sealing';

    const input = this.readInput();
    const password = this.control('password').value;
    const format = this.form.querySelector('input[name="format"]:checked')?.value ?? '7z';
    for (const key of Object.keys(FIELDS)) this.touched.add(key);
    let result;
    let errors = [];
    try {
      result = await this.engine.seal(input, { password, format, ...(this.options.today ? { today: this.options.today } : {}) });
    } catch (err) {
      errors = err.errors?.length ? err.errors : [{ field: '', code: err.code, message: GENERAL_CODES[err.code] ?? GENERAL_CODES.archive_failed }];
    }
    if (this.destroyed) return;
    busyBox.replaceChildren();
    button.removeAttribute('aria-disabled');
    if (!result) {
      this.busy = false;
      this.root.dataset.state = 'ready';
      this.showErrors(errors, { summary: true });
      return;
    }
    this.showErrors([], { summary: true });
    await this.showResult(result, password, input.referrer?.team);
    this.busy = false;
  }

  async showResult(result, password, team) {
    const sealedAt = new Date();
    const sha = await sha256Hex(result.archive);
    if (this.destroyed) return;
    const receipt = makeReceipt(result, sha, sealedAt, team);
    const archiveUrl = URL.createObjectURL(new Blob([result.archive], { type: result.mimeType }));
    const emlUrl = URL.createObjectURL(new Blob([result.eml], { type: 'message/rfc822' }));
    const receiptUrl = URL.createObjectURL(new Blob([receiptText(receipt)], { type: 'text/plain;charset=utf-8' }));
    this.urls.push(archiveUrl, emlUrl, receiptUrl);
    this.result = result;
    // The referral's plaintext is in the core's memory only while sealing;
    // the page keeps the form values until the user starts a new referral.
    this.form.hidden = true;
    this.resultHost.replaceChildren(buildResult(this.prefix, result, { archive: archiveUrl, eml: emlUrl, receipt: receiptUrl }, receipt, password));
    this.resultHost.hidden = false;
    this.root.dataset.state = 'done';
    // Bring the three steps into view, then put focus on the result's heading.
    this.root.scrollIntoView({ block: 'start' });
    this.resultHost.querySelector('h2').focus({ preventScroll: true });
    this.host.dispatchEvent(new CustomEvent('referral-seal-sealed', { bubbles: true, detail: { reference: result.reference, recipient: result.recipient } }));
  }

  printReceipt() {
    const doc = this.host.ownerDocument;
    doc.documentElement.classList.add('rs-printing-receipt');
    const receipt = this.resultHost.querySelector('.rs-receipt');
    receipt.hidden = false;
    const after = () => doc.documentElement.classList.remove('rs-printing-receipt');
    doc.defaultView.addEventListener('afterprint', after, { once: true });
    doc.defaultView.print();
  }

  // ------------------------------------------------------------ wipe --

  /** Clears everything: form, password, result, blob URLs; a fresh password. */
  wipe({ quiet = false, reason = '' } = {}) {
    if (this.destroyed) return;
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    if (this.result) {
      this.result.archive?.fill?.(0);
      this.result.eml?.fill?.(0);
      this.result = null;
    }
    this.resultHost.replaceChildren();
    this.resultHost.hidden = true;
    this.form.reset();
    this.touched.clear();
    this.postalSeq += 1;
    delete this.root.dataset.postalChecked;
    this.validateSeq += 1;
    this.showErrors([], { summary: true });
    this.form.querySelector('.rs-error-summary').hidden = true;
    this.control('password').value = '';
    this.toggleOwnPasswordReset();
    this.form.querySelector('.rs-busy').replaceChildren();
    this.busy = false;
    this.applyDefaults();
    this.showRoute({ state: 'empty' }, this.form.querySelector('.rs-route'));
    this.warning.hidden = true;
    this.warning.replaceChildren();
    if (this.root.dataset.state === 'error' || this.root.dataset.state === 'loading') return;
    if (reason) replace(this.notice, h('div', { class: 'rs-banner rs-banner--info' }, h('p', {}, reason)));
    else this.notice.replaceChildren();
    this.form.hidden = false;
    this.root.dataset.state = 'ready';
    this.newPassword();
    if (!quiet) this.control('client.givenName').focus();
  }

  toggleOwnPasswordReset() {
    this.control('ownPassword').checked = false;
    this.control('password').readOnly = true;
    this.form.querySelector('[data-action="new-password"]').hidden = false;
    this.showStrength(null);
  }

  // ------------------------------------------------------ inactivity --

  armInactivity() {
    clearTimeout(this.warnTimer);
    clearTimeout(this.wipeTimer);
    if (!this.warning.hidden) {
      this.warning.hidden = true;
      this.warning.replaceChildren();
    }
    const minutes = this.options.inactivityMinutes ?? DEFAULT_INACTIVITY_MINUTES;
    if (!(minutes > 0) || this.destroyed || this.root.dataset.state === 'loading') return;
    const total = minutes * 60_000;
    const warnAfter = Math.max(0, total - WARNING_SECONDS * 1000);
    this.warnTimer = setTimeout(() => this.warnInactivity(Math.round((total - warnAfter) / 1000)), warnAfter);
    this.wipeTimer = setTimeout(() => {
      const label = minutes === 1 ? '1 minuut' : `${minutes.toLocaleString('nl-BE')} minuten`;
      this.wipe({ reason: `Het formulier werd gewist omdat het ${label} niet gebruikt werd. Er werd niets bewaard.` });
      // The wipe's own focus() re-armed the timer; that is fine.
    }, total);
  }

  warnInactivity(seconds) {
    replace(
      this.warning,
      h('p', {}, `Dit formulier wordt binnen ${seconds} seconden gewist omdat het niet gebruikt wordt. `),
      h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'dismiss-warning' }, 'Ik ben nog bezig'),
    );
    this.warning.hidden = false;
  }

  destroy() {
    this.destroyed = true;
    clearTimeout(this.warnTimer);
    clearTimeout(this.wipeTimer);
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
    for (const off of this.listeners) off();
    this.listeners = [];
    this.engine?.terminate();
    this.host.replaceChildren();
  }
}
