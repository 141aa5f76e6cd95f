// Error display: what is wrong and where the user sees it.
//
// Field errors sit next to their fields (and are tied to the control with
// aria-describedby); after a submit, a summary at the top links to each
// field. While the user types, only fields already touched or already
// marked are checked again (live validation), and the summary only shrinks.
// The UI switches on the core's stable `code`, never on message text.
import { h, replace } from './dom.js';
import { fieldId, FIELDS } from './form.js';
import { OTHER_TEAM } from './input.js';

/** Route codes shown as a stop message under the postal code (see route.js). */
export const ROUTE_CODES = new Set(['no_protocol_for_municipality', 'protocol_not_in_force', 'unknown_postal_code']);

/** Errors that are not about one field; shown in the summary and a banner. */
export const GENERAL_CODES = {
  archive_failed: 'Het versleutelde bestand kon niet gemaakt worden. Probeer het opnieuw.',
  self_check_failed: 'Het versleutelde bestand kon niet gecontroleerd worden en werd daarom niet vrijgegeven. Probeer het opnieuw.',
  random_unavailable: 'Deze browser heeft geen veilige toevalsgenerator. Gebruik een recente versie van Edge of Chrome.',
  engine_failed: 'De rekenmodule van deze pagina kon niet starten. Laad de pagina opnieuw.',
};

/** The page's own error for the team list's "Ander team". */
export const OTHER_TEAM_ERROR = {
  field: 'referrer.team',
  code: 'team_other',
  message:
    'Voor een ander team bestaat er geen protocol in dit register: dan kunt u de doorverwijzing hier niet maken. ' +
    'Kies uw team als het in de lijst staat. Hoort uw team erbij, vraag dan via uw teamverantwoordelijke aan de beheerders van het register om het toe te voegen.',
};

/** Which control receives focus for a group-level error. */
const GROUP_FOCUS = { contact: 'contact.street', consent: 'consent.informed', referrer: 'referrer.phone' };

/** The Dutch text for an error: the core's message, or the page's advice for general failures. */
export function messageOf(e) {
  return GENERAL_CODES[e.code] ?? e.message;
}

/**
 * The core's `suggestion` for an error (e.g. the likely e-mail domain for a
 * typo; it never repeats what was typed): " Bedoelt u gmail.com?".
 */
function suggestionOf(e) {
  if (!e.suggestion) return null;
  return [' Bedoelt u ', h('strong', { class: 'rs-suggestion' }, e.suggestion), '?'];
}

export class ErrorDisplay {
  /** ctl: the Controller (form, prefix, engine, options, the other rooms). */
  constructor(ctl) {
    this.ctl = ctl;
    this.touched = new Set();
    this.seq = 0;
  }

  get form() {
    return this.ctl.form;
  }

  /** Marks a field as visited: its errors are shown live from now on. */
  touch(name) {
    this.touched.add(name);
  }

  /** Checks the whole input again and shows the errors of visited or marked fields. */
  async validateLive() {
    const ctl = this.ctl;
    if (!ctl.engine || ctl.sealer.busy) return;
    const seq = ++this.seq;
    const check = await ctl.engine.validate(ctl.readInput(), ctl.options.today).catch(() => null);
    if (!check || seq !== this.seq || ctl.destroyed || ctl.sealer.busy) return;
    // Route refusals are explained by the stop message under the postal code.
    const routeShown = ctl.preview.stopped;
    const shown = this.withPageErrors(check.errors).filter(
      (e) => (this.touched.has(e.field) || this.fieldHasError(e.field)) && !(routeShown && ROUTE_CODES.has(e.code)),
    );
    this.show(shown, { summary: false, onlyFields: true });
    this.pruneSummary(check.errors);
  }

  /**
   * The core's errors with what the page knows more: "Ander team" replaces
   * the core's word on the team; the team rule's error, known as soon as
   * team and postal code are (route.js, the core's teamCheck), shows
   * before the rest of the referral is valid enough for the core to check it.
   */
  withPageErrors(errors) {
    if (this.ctl.control('referrer.team').value === OTHER_TEAM) {
      return [...errors.filter((e) => e.field !== 'referrer.team'), OTHER_TEAM_ERROR];
    }
    const teamError = this.ctl.preview.teamError;
    if (teamError && !errors.some((e) => e.field === 'referrer.team')) return [...errors, teamError];
    return errors;
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
    const slot = this.slot(name);
    return Boolean(slot && !slot.hidden);
  }

  /** The element that shows a field's (or a group's) error, or null. */
  slot(field) {
    const prefix = this.ctl.prefix;
    const group = field.includes('.') ? null : field;
    if (group && GROUP_FOCUS[group]) return this.form.querySelector(`[data-group="${group}"]`);
    if (field === 'password') return this.form.querySelector(`#${prefix}-password-error`);
    if (FIELDS[field] || field === 'consent.informed' || field === 'consent.agreed') {
      return this.form.querySelector(`#${CSS.escape(fieldId(prefix, field))}-error`);
    }
    return null;
  }

  /** The id of the control a summary link moves focus to, or null. */
  focusTarget(field) {
    const prefix = this.ctl.prefix;
    if (GROUP_FOCUS[field]) return fieldId(prefix, GROUP_FOCUS[field]);
    if (field === 'password') return `${prefix}-password`;
    if (FIELDS[field] || field === 'consent.informed' || field === 'consent.agreed') return fieldId(prefix, field);
    return null;
  }

  clearField(field) {
    const slot = this.slot(field);
    if (!slot) return;
    slot.hidden = true;
    slot.replaceChildren();
    const control = this.ctl.control(field);
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
  show(errors, { summary, onlyFields = false } = {}) {
    const byField = new Map();
    for (const e of errors) {
      const key = this.slot(e.field) ? e.field : '';
      if (!byField.has(key)) byField.set(key, []);
      byField.get(key).push(e);
    }
    // Clear what is no longer wrong.
    const all = [...Object.keys(FIELDS), 'consent.informed', 'consent.agreed', 'password', ...Object.keys(GROUP_FOCUS)];
    for (const field of all) if (!byField.has(field)) this.clearField(field);
    for (const [field, list] of byField) {
      if (!field) continue;
      const slot = this.slot(field);
      replace(slot, h('span', { class: 'rs-visually-hidden' }, 'Fout: '), list.map((e) => messageOf(e)).join(' '), list.map((e) => suggestionOf(e)));
      slot.hidden = false;
      slot.closest('.rs-field')?.classList.add('rs-field--error');
      const control = field.includes('.') || field === 'password' ? this.ctl.control(field) : null;
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

  /** A summary link: scroll its field into view and focus it. */
  followLink(link) {
    const target = this.form.querySelector(`#${CSS.escape(link.dataset.focus)}`);
    if (target) {
      const field = target.closest('.rs-field, .rs-checkbox, .rs-section') ?? target;
      field.scrollIntoView({ block: 'center' });
      target.focus({ preventScroll: true });
    }
  }

  /** Forgets every error and what was visited (a new referral). */
  reset() {
    this.touched.clear();
    this.seq += 1;
    this.show([], { summary: true });
    this.form.querySelector('.rs-error-summary').hidden = true;
  }
}
