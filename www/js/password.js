// The password of the archive: a generated passphrase by default, or one the
// team member agreed with the OCMW ("ownPassword"), judged live as it is
// typed; copying it to the clipboard.
//
// Seams for the password's own work (issue 12):
// * strengthMessage() turns the core's passwordStrength() answer into the
//   text under the field: a `warning` from the core goes there;
// * PasswordField.onInput() is called on every keystroke in the field;
// * PasswordField.generate() is the one place a generated password is shown
//   (a spelling aid belongs next to it).
// The control named `password` holds the password in use (public contract).
import { GENERAL_CODES } from './errors.js';

/**
 * The text and tone under the password field for a strength estimate `s`
 * ({ bits, acceptable, warning? } from the core, or null when empty).
 * Returns { text, tone: 'good' | 'weak' | null }.
 */
export function strengthMessage(s, { generated = false, own = false } = {}) {
  if (!s) {
    return { text: own ? 'Typ het wachtwoord dat u met het OCMW afsprak: lang genoeg, zonder letters met accenten.' : '', tone: null };
  }
  const bits = Math.round(s.bits);
  if (generated) {
    return { text: `Sterk wachtwoord, door deze pagina gemaakt (ongeveer ${bits} bits). Makkelijk voor te lezen: geen letters die op elkaar lijken.`, tone: 'good' };
  }
  if (s.acceptable) return { text: `Sterk genoeg (ongeveer ${bits} bits).`, tone: 'good' };
  return { text: `Te zwak (ongeveer ${bits} bits). Maak het langer.`, tone: 'weak' };
}

/** Copies the text of `source` (a control or an element); says on `button` whether it worked. */
export async function copyText(source, button) {
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

export class PasswordField {
  /** ctl: the Controller (form, engine, destroyed, fatal, errors). */
  constructor(ctl) {
    this.ctl = ctl;
    this.seq = 0;
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

  /** Asks the core for a fresh passphrase and shows it (read-only). */
  async generate() {
    const control = this.control;
    try {
      const { passphrase, bits } = await this.ctl.engine.passphrase();
      if (this.ctl.destroyed) return;
      control.value = passphrase;
      control.readOnly = true;
      this.showStrength({ bits, acceptable: true }, true);
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

  async updateStrength() {
    const seq = ++this.seq;
    const password = this.control.value;
    if (password === '') {
      this.showStrength(null);
      return;
    }
    const s = await this.ctl.engine.strength(password).catch(() => null);
    if (seq === this.seq && s && !this.ctl.destroyed) this.showStrength(s);
  }

  showStrength(s, generated = false) {
    const el = this.ctl.form.querySelector('.rs-strength');
    const { text, tone } = strengthMessage(s, { generated, own: this.own });
    el.className = 'rs-strength';
    el.textContent = text;
    if (tone) el.classList.add(`rs-strength--${tone}`);
  }

  /** Empties the field and returns to a generated password (the caller generates). */
  reset() {
    this.control.value = '';
    this.ctl.control('ownPassword').checked = false;
    this.control.readOnly = true;
    this.ctl.form.querySelector('[data-action="new-password"]').hidden = false;
    this.showStrength(null);
  }
}
