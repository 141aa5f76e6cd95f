// The controller of one <referral-seal>: builds (or adopts) the form, starts
// the engine, and hands the form's events to the room that does the work:
//
//   route.js       postal code → localities, receiving OCMW or stop message
//   errors.js      live validation, field errors, the error summary
//   password.js    generated or typed password, its strength, copying
//   sealing.js     sealing, the result screen, the receipt
//   handover.js    the result's sequence: sealed → downloaded → handed over
//   inactivity.js  the warning and the wipe after inactivity
//   input.js       the form's values as the core's input object, Enter's order
//
// The controller itself keeps what they share (the form, the engine, the
// options, the registry) and the page's life cycle: start, wipe, destroy.
import { Engine } from './engine.js';
import { h, replace, localIsoDate } from './dom.js';
import { buildShell, FIELDS } from './form.js';
import { ErrorDisplay, GENERAL_CODES } from './errors.js';
import { RoutePreview, POSTAL_CODE } from './route.js';
import { PasswordField } from './password.js';
import { Sealing } from './sealing.js';
import { Handover } from './handover.js';
import { Inactivity } from './inactivity.js';
import { readInput, nextControl, OTHER_TEAM } from './input.js';

// The form's markup is content-hashed at build time (webpack DefinePlugin):
// a page pre-rendered by another build is not adopted.
/* global __RS_FORM__ */
const FORM_BUILD = __RS_FORM__;

let instances = 0;

// Opened from disk (file://), the page cannot start its worker: say what a
// team member can do about it.
const FROM_DISK = 'Deze pagina werkt niet als bestand op uw computer. Open de pagina via het intranet van Opgroeien, met de link die u daar vindt (vraag ze zo nodig aan uw teamverantwoordelijke).';

/** The referrer's fields: kept for "Nieuwe doorverwijzing" (memory only). */
const REFERRER_FIELDS = ['referrer.team', 'referrer.name', 'referrer.phone', 'referrer.email'];
/** The client's fields: wiped as soon as the archive is downloaded. */
const CLIENT_FIELDS = Object.keys(FIELDS).filter((name) => !name.startsWith('referrer.'));

export class Controller {
  constructor(host, options) {
    this.host = host;
    this.options = options;
    instances += 1;
    this.prefix = `rs${instances}`;
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
    this.form = this.root.querySelector(':scope > form');
    this.resultHost = this.root.querySelector(':scope > .rs-result-host');

    this.errors = new ErrorDisplay(this);
    this.preview = new RoutePreview(this);
    this.password = new PasswordField(this);
    this.sealer = new Sealing(this);
    this.handover = new Handover(this);
    this.idle = new Inactivity(this, this.root.querySelector(':scope > .rs-inactivity'), (label) => {
      // A password not handed over yet is hidden, never wiped silently.
      if (this.handover.idle()) return;
      this.wipe({ reason: `Het formulier werd gewist omdat het ${label} niet gebruikt werd. Er werd niets bewaard.` });
      // The wipe's own focus() re-armed the timer; that is fine.
    });

    this.bindForm();
    this.fillTeams();
    this.applyDefaults();
    performance.mark?.('referral-seal-interactive');
    this.started = this.start();
    if (adopt && POSTAL_CODE.test(this.control('contact.postalCode').value.trim())) {
      this.preview.update();
    }
  }

  get today() {
    return this.options.today || localIsoDate();
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  readInput() {
    return readInput(this.form);
  }

  on(target, type, fn, opts) {
    target.addEventListener(type, fn, opts);
    this.listeners.push(() => target.removeEventListener(type, fn, opts));
  }

  // ------------------------------------------------------------ start --

  async start() {
    if (this.host.ownerDocument.location?.protocol === 'file:') {
      this.fatal(FROM_DISK);
      return;
    }
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
    if (!this.password.own) await this.password.generate();
    if (this.destroyed || this.root.dataset.state === 'error') return;
    this.root.dataset.state = 'ready';
    // Index the password estimator's word lists now, while the form is
    // being filled in, not on the first keystroke in the password field.
    this.engine.strength('').catch(() => {});
    this.idle.arm();
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
    // Registry v2 lists the teams of each protocol (v1 had one referringTeam).
    const teams = [...new Set((this.registry?.protocols ?? []).flatMap((p) => p.referringTeams ?? [p.referringTeam]).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'nl'));
    const wanted = this.options.referrer?.team;
    if (wanted && !teams.includes(wanted)) teams.push(wanted);
    select.replaceChildren(new Option('Kies uw team', ''), ...teams.map((t) => new Option(t, t)), new Option('Ander team', OTHER_TEAM));
    if (current && (teams.includes(current) || current === OTHER_TEAM)) select.value = current;
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
    if (!POSTAL_CODE.test(this.control('contact.postalCode').value.trim())) this.preview.setMunicipalities([]);
  }

  // ------------------------------------------------------------ events --

  bindForm() {
    this.on(this.form, 'submit', (e) => {
      e.preventDefault();
      this.sealer.seal();
    });
    this.on(this.form, 'input', (e) => this.onInput(e));
    this.on(this.form, 'change', (e) => this.onChange(e));
    this.on(this.form, 'focusout', (e) => this.onFocusOut(e));
    this.on(this.form, 'keydown', (e) => this.onKeyDown(e));
    this.on(this.root, 'click', (e) => this.onClick(e));
    const doc = this.host.ownerDocument;
    // Reloading or leaving with client data typed, or with a password not
    // handed over yet, asks first.
    this.on(doc.defaultView, 'beforeunload', (e) => {
      if (this.hasWorkToLose()) {
        e.preventDefault();
        e.returnValue = '';
      }
    });
    for (const type of ['keydown', 'pointerdown', 'input', 'focusin', 'wheel']) {
      this.on(doc, type, () => this.idle.arm(), { passive: true, capture: true });
    }
    // Printing (Ctrl+P) never shows the password or its spelling aid: the
    // print stylesheet hides them, and for the time of the print their
    // text leaves the page too (restored after).
    this.on(doc.defaultView, 'beforeprint', () => this.password.hideForPrint());
    this.on(doc.defaultView, 'afterprint', () => this.password.restoreAfterPrint());
    // A page put in the back/forward cache is wiped, so that "Back" never
    // brings a filled-in form back. (A page that is really unloaded takes its
    // memory with it; a mailto: click does not unload the page at all.)
    this.on(doc.defaultView, 'pagehide', (e) => {
      if (e.persisted) this.wipe({ quiet: true });
    });
  }

  onInput(e) {
    const name = e.target.name;
    if (name === 'contact.postalCode') this.preview.onPostalInput(e);
    if (name === 'password') this.password.onInput();
    // The typed password is judged against the referral: a changed field
    // or format may change the verdict.
    else if (name && name !== 'ownPassword') this.password.onReferralInput();
    if (this.errors.fieldHasError(name)) this.errors.validateLive();
  }

  /** Enter in a text field moves to the next field; submitting stays on the button. */
  onKeyDown(e) {
    if (e.key !== 'Enter' || e.isComposing || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.target;
    if (el.localName !== 'input' || ['checkbox', 'radio', 'submit', 'button', 'reset', 'file'].includes(el.type)) return;
    e.preventDefault();
    (nextControl(this.form, el) ?? this.form.querySelector('[data-action="seal"]'))?.focus();
  }

  /** Client data typed, or a result whose password was not handed over. */
  hasWorkToLose() {
    if (this.handover.pending) return true;
    if (this.form.hidden) return false;
    return CLIENT_FIELDS.some((name) => name !== 'consent.date' && this.control(name).value.trim() !== '' && !this.control(name).disabled);
  }

  onChange(e) {
    const name = e.target.name;
    if (name === 'contact.municipality') this.preview.update({ keepSelection: true });
    if (name === 'referrer.team') this.preview.showTeam();
    if (name === 'ownPassword') this.password.toggleOwn(e.target.checked);
    if (name && (e.target.type === 'checkbox' || e.target.localName === 'select' || e.target.type === 'date')) {
      if (name !== 'ownPassword') this.errors.touch(name);
      this.errors.validateLive();
    }
  }

  onFocusOut(e) {
    const name = e.target.name;
    if (!name || name === 'ownPassword' || name === 'format') return;
    if (e.target.value !== '' || this.errors.touched.has(name)) {
      this.errors.touch(name);
      this.errors.validateLive();
    }
  }

  onClick(e) {
    const button = e.target.closest('[data-action]');
    if (button && this.root.contains(button)) {
      const action = button.dataset.action;
      if (action === 'new-password') {
        this.password.regenerate();
      } else if (action === 'toggle-receipt') {
        this.sealer.toggleReceipt(button);
      } else if (action === 'print-receipt') {
        this.sealer.printReceipt();
      } else if (action === 'new-referral') {
        if (!this.handover.askBeforeNew()) this.wipe({ keepReferrer: true });
      } else if (action === 'new-referral-confirmed') {
        this.wipe({ keepReferrer: true });
      } else if (action === 'new-referral-cancel') {
        this.handover.hideConfirm();
        this.resultHost.querySelector('[data-action="new-referral"]')?.focus();
      } else if (action === 'correct') {
        this.correct();
      } else if (action === 'handed-over') {
        this.handover.handedOver();
      } else if (action === 'show-password') {
        this.handover.reveal();
      } else if (action === 'dismiss-warning') {
        this.idle.arm();
      }
      return;
    }
    const download = e.target.closest('a[data-download="archive"], a[data-download="eml"]');
    if (download && this.root.contains(download)) {
      // The browser starts the download after this handler; the link stays.
      this.handover.downloaded();
      return;
    }
    const link = e.target.closest('a[data-focus]');
    if (link && this.root.contains(link)) {
      e.preventDefault();
      this.errors.followLink(link);
    }
  }

  // ------------------------------------------------------------ wipe --

  /** "Corrigeren": discard the archive, back to the filled form (same password). */
  correct() {
    if (this.handover.stage !== 'sealed' || this.handover.clientWiped) return;
    this.sealer.wipe();
    this.handover.reset();
    this.form.hidden = false;
    this.root.dataset.state = 'ready';
    this.root.scrollIntoView({ block: 'start' });
    this.control('client.givenName').focus({ preventScroll: true });
  }

  /** Wipes the client's fields (name, residence, contact, consent); keeps referrer and password. */
  wipeClientFields() {
    for (const name of CLIENT_FIELDS) {
      const control = this.control(name);
      if (control.localName !== 'select') control.value = '';
    }
    this.control('consent.informed').checked = false;
    this.control('consent.agreed').checked = false;
    this.control('consent.date').value = this.today;
    this.preview.reset();
    this.preview.setMunicipalities([]);
    this.preview.show({ state: 'empty' });
    this.errors.reset();
  }

  /**
   * Clears everything: form, password, result, blob URLs; a fresh password.
   * keepReferrer ("Nieuwe doorverwijzing"): the referrer's own details stay,
   * in the form only (memory, never storage).
   */
  wipe({ quiet = false, reason = '', keepReferrer = false } = {}) {
    if (this.destroyed) return;
    const referrer = keepReferrer ? REFERRER_FIELDS.map((name) => [name, this.control(name).value]) : [];
    this.sealer.wipe();
    this.handover.reset();
    this.form.reset();
    this.preview.reset();
    this.errors.reset();
    this.password.reset();
    this.applyDefaults();
    for (const [name, value] of referrer) if (value) this.control(name).value = value;
    this.preview.show({ state: 'empty' });
    this.idle.hideWarning();
    if (this.root.dataset.state === 'error' || this.root.dataset.state === 'loading') return;
    if (reason) replace(this.notice, h('div', { class: 'rs-banner rs-banner--info' }, h('p', {}, reason)));
    else this.notice.replaceChildren();
    this.form.hidden = false;
    this.root.dataset.state = 'ready';
    this.password.generate();
    if (!quiet) this.control('client.givenName').focus();
  }

  destroy() {
    this.destroyed = true;
    this.idle.stop();
    this.handover.restoreTitle();
    this.sealer.revoke();
    for (const off of this.listeners) off();
    this.listeners = [];
    this.engine?.terminate();
    this.host.replaceChildren();
  }
}
