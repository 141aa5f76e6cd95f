// The password of the archive: a generated passphrase by default, with its
// spelling aid, or one the team member agreed with the OCMW ("ownPassword"),
// judged live as it is typed against the referral being filled in and the
// chosen format; kept out of prints.
//
// No "Kopieer" button: a copied password lands in Windows' clipboard
// history (Win+V) and possibly its cloud sync, where clearing the
// clipboard afterwards does not reach it. The password is read out by
// phone from the screen, with the spelling aid.
// The control named `password` holds the password in use (public contract).
import { GENERAL_CODES } from './errors.js';
import { fillSpelling } from './result.js';

/**
 * The text and tone under the password field for a strength estimate `s`
 * ({ bits, acceptable, threshold, warning?, problem? } from the core, or
 * null when empty). Returns { text, tone: 'good' | 'weak' | null }.
 */
export function strengthMessage(s, { generated = false, own = false, format = '7z' } = {}) {
  if (!s) {
    return { text: own ? 'Typ het wachtwoord dat u met het OCMW afsprak: lang genoeg, zonder letters met accenten.' : '', tone: null };
  }
  const bits = Math.round(s.bits);
  if (generated) {
    return { text: `Sterk wachtwoord, door deze pagina gemaakt (${bits} bits). Geen letters die op elkaar lijken of gelijk klinken: lees het voor met de spellinghulp.`, tone: 'good' };
  }
  const kind = format === 'zip' ? '.zip' : '.7z';
  if (s.acceptable) return { text: `Sterk genoeg voor een ${kind}-bestand (ongeveer ${bits} bits).`, tone: 'good' };
  // Accents: the problem is the characters, not the length.
  if (s.problem === 'not_ascii') return { text: s.warning, tone: 'weak' };
  const need = Math.round(s.threshold ?? 0);
  const why = s.warning ?? 'Het wachtwoord is te makkelijk te raden.';
  return { text: `${why} Te zwak voor een ${kind}-bestand (ongeveer ${bits} van de nodige ${need} bits).`, tone: 'weak' };
}

export class PasswordField {
  /** ctl: the Controller (form, engine, destroyed, fatal, errors). */
  constructor(ctl) {
    this.ctl = ctl;
    this.seq = 0;
    this.printed = [];
  }

  get control() {
    return this.ctl.control('password');
  }

  /** True when the team member types a password agreed with the OCMW. */
  get own() {
    return this.ctl.control('ownPassword').checked;
  }

  get value() {
    return this.control.value;
  }

  get format() {
    return this.ctl.form.querySelector('input[name="format"]:checked')?.value ?? '7z';
  }

  get spellingEl() {
    return this.ctl.form.querySelector('.rs-spelling');
  }

  /** Asks the core for a fresh passphrase and shows it (read-only) with its spelling aid. */
  async generate() {
    const control = this.control;
    try {
      const { passphrase, bits, spelling } = await this.ctl.engine.passphrase();
      if (this.ctl.destroyed) return;
      control.value = passphrase;
      control.readOnly = true;
      this.showStrength({ bits, acceptable: true }, true);
      fillSpelling(this.spellingEl, spelling);
    } catch (err) {
      control.value = '';
      this.ctl.fatal(GENERAL_CODES[err.code] ?? GENERAL_CODES.random_unavailable);
    }
  }

  /** The "ownPassword" box changed: clear the field for typing, or generate again. */
  toggleOwn(own) {
    const control = this.control;
    this.ctl.form.querySelector('[data-action="new-password"]').hidden = own;
    this.ctl.errors.clearField('password');
    if (own) {
      control.readOnly = false;
      control.value = '';
      fillSpelling(this.spellingEl, []);
      this.showStrength(null);
      control.focus();
    } else {
      this.generate();
    }
  }

  /** "Nieuw wachtwoord". */
  regenerate() {
    this.ctl.control('ownPassword').checked = false;
    this.toggleOwn(false);
  }

  /** Every keystroke in the password field. */
  onInput() {
    if (this.own) this.updateStrength();
  }

  /** Another field (or the format) changed: the verdict may change with it. */
  onReferralInput() {
    if (this.own && this.control.value !== '') this.updateStrength();
  }

  async updateStrength() {
    const seq = ++this.seq;
    const password = this.control.value;
    if (password === '') {
      this.showStrength(null);
      return;
    }
    const format = this.format;
    const s = await this.ctl.engine.strength(password, { input: this.ctl.readInput(), format }).catch(() => null);
    if (seq === this.seq && s && !this.ctl.destroyed) this.showStrength(s, false, format);
  }

  showStrength(s, generated = false, format = this.format) {
    const el = this.ctl.form.querySelector('.rs-strength');
    const { text, tone } = strengthMessage(s, { generated, own: this.own, format });
    el.className = 'rs-strength';
    el.textContent = text;
    if (tone) el.classList.add(`rs-strength--${tone}`);
  }

  /**
   * Before a print: the password field, the result's password and every
   * spelling aid lose their text until the print is done (the print
   * stylesheet hides them too; this also covers a page that restyles them).
   */
  hideForPrint() {
    this.restoreAfterPrint();
    const control = this.control;
    // The value waits in a closure, not in the DOM.
    const value = control.value;
    this.printed.push(() => { control.value = value; });
    control.value = '';
    for (const el of [...this.ctl.root.querySelectorAll('.rs-spelling, .rs-password-display')]) {
      const children = [...el.childNodes];
      el.replaceChildren();
      this.printed.push(() => el.replaceChildren(...children));
    }
  }

  restoreAfterPrint() {
    for (const undo of this.printed.splice(0)) undo();
  }

  /** The password was handed over: it and its spelling aid leave the form. */
  forget() {
    this.restoreAfterPrint();
    this.control.value = '';
    fillSpelling(this.spellingEl, []);
  }

  /** Empties the field and returns to a generated password (the caller generates). */
  reset() {
    this.restoreAfterPrint();
    this.control.value = '';
    this.ctl.control('ownPassword').checked = false;
    this.control.readOnly = true;
    this.ctl.form.querySelector('[data-action="new-password"]').hidden = false;
    fillSpelling(this.spellingEl, []);
    this.showStrength(null);
  }
}
