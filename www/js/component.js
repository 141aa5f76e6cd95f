// <referral-seal>: the referral form, the sealing and the result view.
//
// Light DOM (no shadow root) so that labels, the error summary's links and
// the control names work as in any page, and an embedder can prefill the
// referrer fields by name. All styles are scoped under `referral-seal`.
//
// Nothing is stored, logged or sent: values live in the DOM and in memory
// until "Nieuwe doorverwijzing", inactivity or leaving the page wipes them.
//
// This file is the element and mount() only; the work is done by the
// Controller (controller.js) and its rooms, one job each: route.js,
// errors.js, password.js, sealing.js, inactivity.js, input.js.
import { h } from './dom.js';
import { Controller } from './controller.js';

// The stylesheet's name is content-hashed at build time (webpack DefinePlugin).
/* global __RS_CSS__, __webpack_public_path__ */
const CSS_FILE = __RS_CSS__;

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
      // The page is the tab (index.html): it may warn in the tab's title.
      standalone: readBoolAttr(this, 'standalone'),
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
 *   standalone: boolean                       the component is the whole tab: warnings in its title
 * }
 * Events on the element: referral-seal-ready, referral-seal-sealed
 * ({ reference, recipient }), referral-seal-password-pending ({ reference,
 * recipient }: inactivity hid a password that was not handed over yet).
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
