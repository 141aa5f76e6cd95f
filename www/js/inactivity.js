// Inactivity: after a while without keyboard, pointer or focus activity in
// the document, a warning; a minute later the controller's onExpire runs
// (the form is wiped; a password not handed over yet is only hidden, see
// handover.js). Any activity re-arms the timers.
import { h, replace } from './dom.js';

export const DEFAULT_INACTIVITY_MINUTES = 15;
const WARNING_SECONDS = 60;

export class Inactivity {
  /**
   * ctl: the Controller (options.inactivityMinutes, root's data-state, destroyed).
   * box: the banner that shows the warning.
   * onExpire(label): called when the time is up; label is "15 minuten".
   */
  constructor(ctl, box, onExpire) {
    this.ctl = ctl;
    this.box = box;
    this.onExpire = onExpire;
  }

  get minutes() {
    return this.ctl.options.inactivityMinutes ?? DEFAULT_INACTIVITY_MINUTES;
  }

  /** (Re)starts the timers and hides a warning on screen. */
  arm() {
    this.stop();
    this.hideWarning();
    const minutes = this.minutes;
    if (!(minutes > 0) || this.ctl.destroyed || this.ctl.root.dataset.state === 'loading') return;
    const total = minutes * 60_000;
    const warnAfter = Math.max(0, total - WARNING_SECONDS * 1000);
    this.warnTimer = setTimeout(() => this.warn(Math.round((total - warnAfter) / 1000)), warnAfter);
    this.expireTimer = setTimeout(() => {
      const label = minutes === 1 ? '1 minuut' : `${minutes.toLocaleString('nl-BE')} minuten`;
      // The countdown is over: its banner would only be stale now.
      this.hideWarning();
      this.onExpire(label);
    }, total);
  }

  warn(seconds) {
    const handover = this.ctl.handover;
    // A password not handed over is only hidden, never wiped (handover.js).
    if (handover?.pending && handover.hidden) return;
    const text = handover?.pending
      ? `Het wachtwoord wordt binnen ${seconds} seconden verborgen omdat de pagina niet gebruikt wordt. Het blijft beschikbaar tot u bevestigt dat u het doorgaf. `
      : `Dit formulier wordt binnen ${seconds} seconden gewist omdat het niet gebruikt wordt. `;
    replace(
      this.box,
      h('p', {}, text),
      h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'dismiss-warning' }, 'Ik ben nog bezig'),
    );
    this.box.hidden = false;
  }

  hideWarning() {
    if (!this.box.hidden) {
      this.box.hidden = true;
      this.box.replaceChildren();
    }
  }

  stop() {
    clearTimeout(this.warnTimer);
    clearTimeout(this.expireTimer);
  }
}
