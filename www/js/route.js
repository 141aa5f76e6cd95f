// Routing preview: from the postal code to the localities and the receiving
// OCMW, or a stop message that says why no referral may be made.
//
// The core decides (protocolFor / validate in the worker); this room only
// asks it as the user types and shows the answer under the postal code. A
// stop disables the rest of the form and the seal button. The team is never
// filled in from the postal code (that would empty the team rule): once
// team and postal code are both known, a team without a protocol with that
// OCMW is shown here as well (the core's `team_not_in_protocol`).
import { h, replace, formatIsoDate } from './dom.js';
import { ROUTE_CODES } from './errors.js';
import { OTHER_TEAM } from './input.js';

/** A postal code the page asks the core about: four digits. */
export const POSTAL_CODE = /^\d{4}$/;

/**
 * A postal code as pasted from a letter or a list: "B-8940", "BE 8940",
 * "8940 Wervik", "8940, Geluwe". Returns { postalCode, place } or null.
 */
export function splitPostal(value) {
  const m = /^\s*(?:BE?\s*[-‐–]?\s*)?(\d{4})(?:\s*[,;]?\s+(\S.*?))?\s*$/i.exec(value);
  return m ? { postalCode: m[1], place: m[2] ?? '' } : null;
}

/** Same name, ignoring case, accents and hyphens ("sint-eloois-vijve" = "Sint Eloois Vijve"). */
function samePlace(a, b) {
  const norm = (x) => x.normalize('NFD').replace(/\p{M}/gu, '').replace(/[-\s']+/g, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

export class RoutePreview {
  /** ctl: the Controller (form, engine, options, registry, the other rooms). */
  constructor(ctl) {
    this.ctl = ctl;
    this.seq = 0;
    this.route = { state: 'empty' };
    /** The latest update's promise: sealing waits for it. */
    this.pending = null;
    /** A place pasted after the postal code, chosen once the localities are known. */
    this.wantedPlace = '';
  }

  /**
   * Input in the postal code: a pasted "B-8940" or "8940 Wervik" becomes
   * "8940" (and the place is chosen in the list); typing stays as typed.
   */
  onPostalInput(e) {
    const control = e.target;
    const split = splitPostal(control.value);
    const pasted = e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop' || (e.data?.length ?? 0) > 1;
    if (split && split.postalCode !== control.value && (pasted || !split.place)) {
      control.value = split.postalCode;
      this.wantedPlace = pasted ? split.place : '';
    }
    this.update();
  }

  /** The team changed: check it against the postal code's protocol again. */
  showTeam() {
    this.ctl.errors.touch('referrer.team');
    if (POSTAL_CODE.test(this.ctl.control('contact.postalCode').value.trim())) this.update({ keepSelection: true });
  }

  get form() {
    return this.ctl.form;
  }

  get box() {
    return this.form.querySelector('.rs-route');
  }

  /** True while the postal code selects no OCMW the team may send to. */
  get stopped() {
    return this.route.state === 'stop';
  }

  /** The core's team_not_in_protocol for the chosen team and postal code, or null. */
  get teamError() {
    return this.route.state === 'team' ? this.route.teamError : null;
  }

  /** Starts an update from the postal code (and, with keepSelection, the chosen locality). */
  update(options) {
    this.pending = this.run(options);
    return this.pending;
  }

  /** Forgets the postal code's answer (a new referral). */
  reset() {
    this.seq += 1;
    delete this.ctl.root.dataset.postalChecked;
  }

  setMunicipalities(localities, keep) {
    const select = this.ctl.control('contact.municipality');
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
  async run({ keepSelection = false } = {}) {
    const ctl = this.ctl;
    const seq = ++this.seq;
    delete ctl.root.dataset.postalChecked;
    const postalCode = ctl.control('contact.postalCode').value.trim();
    if (!POSTAL_CODE.test(postalCode)) {
      if (!keepSelection) this.setMunicipalities([]);
      this.show({ state: 'empty' });
      return;
    }
    const team = ctl.control('referrer.team').value;
    let postal;
    try {
      postal = await ctl.engine.postal(postalCode, ctl.options.today, team && team !== OTHER_TEAM ? team : undefined);
    } catch {
      return;
    }
    if (seq !== this.seq || ctl.destroyed) return;
    if (!keepSelection || ctl.control('contact.municipality').disabled) {
      this.setMunicipalities(postal.localities, keepSelection);
    }
    if (this.wantedPlace) {
      const wanted = this.wantedPlace;
      this.wantedPlace = '';
      const match = postal.localities.find((l) => samePlace(l.locality, wanted)) ?? postal.localities.find((l) => samePlace(l.municipality, wanted));
      if (match) ctl.control('contact.municipality').value = match.locality;
    }
    if (postal.localities.length === 0) {
      this.show({ state: 'unknown' });
      ctl.root.dataset.postalChecked = postalCode;
      ctl.errors.touch('contact.postalCode');
      ctl.errors.validateLive();
      return;
    }
    const chosen = ctl.control('contact.municipality').value || postal.localities[0].locality;
    // The core decides: validate just the residence to learn the route error, if any.
    const check = await ctl.engine.validate({ contact: { postalCode, municipality: chosen } }, ctl.options.today).catch(() => null);
    if (seq !== this.seq || ctl.destroyed || !check) return;
    const routeError = check.errors.find((e) => e.field === 'contact.postalCode' && ROUTE_CODES.has(e.code));
    const teamError = postal.teamError?.code === 'team_not_in_protocol' ? postal.teamError : null;
    if (routeError) {
      this.show({ state: 'stop', code: routeError.code, message: routeError.message, postalCode });
    } else if (postal.protocol) {
      this.show({ state: teamError ? 'team' : 'ok', protocol: postal.protocol, message: teamError?.message, teamError });
      if (teamError) {
        ctl.errors.touch('referrer.team');
        ctl.errors.validateLive();
      } else if (ctl.errors.fieldHasError('referrer.team')) {
        ctl.errors.validateLive();
      }
    } else {
      this.show({ state: 'empty' });
    }
    ctl.root.dataset.postalChecked = postalCode;
  }

  /** Shows a route: 'empty', 'unknown', 'ok' (with protocol) or 'stop' (with code). */
  show(route) {
    const box = this.box;
    this.route = route;
    const stop = route.state === 'stop';
    for (const key of ['consent', 'referrer', 'password']) {
      this.form.querySelector(`[data-section="${key}"]`).disabled = stop;
    }
    this.form.querySelector('[data-after-route]').hidden = stop;
    this.form.querySelector('[data-action="seal"]').disabled = stop;
    this.ctl.root.dataset.routeState = route.state;
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
    } else if (route.state === 'team') {
      const p = route.protocol;
      replace(
        box,
        h(
          'div', { class: 'rs-banner rs-banner--error', 'data-route': 'team', role: 'alert' },
          // The core's message names the OCMW, the protocol's team(s) and whom to ask.
          h('p', { class: 'rs-banner__title' }, `Deze doorverwijzing gaat naar ${p.ocmw?.name ?? 'het OCMW'}, maar niet vanuit uw team`),
          h('p', {}, route.message),
        ),
      );
    } else if (stop) {
      const known = (this.ctl.registry?.protocols ?? []).map((p) => `${p.ocmw?.name} (${(p.postalCodes ?? []).join(', ')})`);
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
}
