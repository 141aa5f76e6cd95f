// The result screen's sequence, shared by the password and the team flow:
//
//   sealed      the archive is offered; "Corrigeren" discards it and goes
//               back to the filled form
//   downloaded  the archive or the mail was downloaded: the client's data is
//               wiped from the form now (it is in the archive only)
//   handed-over the team member confirmed "Wachtwoord doorgegeven": the
//               password is wiped from the page
//   (wiped)     "Nieuwe doorverwijzing" or inactivity after the handover
//
// Until the password is handed over, the password, the reference and the
// OCMW stay on screen: inactivity hides the password behind one click and
// warns (on the standalone page in the tab title too; for embedders the
// event `referral-seal-password-pending`), but never wipes it silently.
// The stage is on the root as data-stage.
import { h, replace } from './dom.js';

const TITLE_WARNING = 'Wachtwoord nog doorgeven';

export class Handover {
  /** ctl: the Controller (root, resultHost, host, options, password, sealer). */
  constructor(ctl) {
    this.ctl = ctl;
    this.stage = null;
    this.clientWiped = false;
    this.hidden = false;
    this.savedTitle = null;
  }

  get view() {
    return this.ctl.resultHost;
  }

  /** True while a result is on screen whose password was not handed over. */
  get pending() {
    return this.stage === 'sealed' || this.stage === 'downloaded';
  }

  /** True while a result is on screen that was not downloaded yet. */
  get notDownloaded() {
    return this.stage === 'sealed';
  }

  setStage(stage) {
    this.stage = stage;
    if (stage) this.ctl.root.dataset.stage = stage;
    else delete this.ctl.root.dataset.stage;
  }

  /** A result is on screen. */
  begin() {
    this.clientWiped = false;
    this.hidden = false;
    this.setStage('sealed');
  }

  /** The archive or the mail was downloaded. */
  downloaded() {
    if (this.stage !== 'sealed') return;
    this.setStage('downloaded');
    this.wipeClient();
  }

  /** Wipes the client's data from the form; "Corrigeren" is no longer possible. */
  wipeClient() {
    if (this.clientWiped) return;
    this.clientWiped = true;
    this.ctl.wipeClientFields();
    for (const el of this.view.querySelectorAll('[data-when="sealed"]')) el.hidden = true;
    for (const el of this.view.querySelectorAll('[data-when="client-wiped"]')) el.hidden = false;
  }

  /** "Wachtwoord doorgegeven": the password leaves the page. */
  handedOver() {
    if (!this.pending) return;
    this.wipeClient();
    this.setStage('handed-over');
    this.ctl.password.forget();
    const shown = this.view.querySelector('.rs-password-display .rs-mono');
    if (shown) shown.textContent = '';
    for (const el of this.view.querySelectorAll('[data-when="password"], [data-when="password-hidden"]')) {
      if (el.contains(this.view.ownerDocument.activeElement)) this.view.querySelector('h2')?.focus({ preventScroll: true });
      el.remove();
    }
    for (const el of this.view.querySelectorAll('[data-when="handed-over"]')) el.hidden = false;
    this.hidden = false;
    this.restoreTitle();
    this.hideConfirm();
  }

  /** Inactivity with a password not handed over: hide it, warn, keep it. */
  idle() {
    if (!this.pending) return false;
    this.wipeClient();
    if (this.hidden) return true;
    this.hidden = true;
    for (const el of this.view.querySelectorAll('[data-when="password"]')) el.hidden = true;
    for (const el of this.view.querySelectorAll('[data-when="password-hidden"]')) el.hidden = false;
    if (this.ctl.options.standalone) {
      const doc = this.ctl.host.ownerDocument;
      if (this.savedTitle === null) this.savedTitle = doc.title;
      doc.title = `${TITLE_WARNING} — ${this.savedTitle}`;
    }
    const result = this.ctl.sealer.result;
    this.ctl.host.dispatchEvent(
      new CustomEvent('referral-seal-password-pending', {
        bubbles: true,
        detail: { reference: result?.reference, recipient: result?.recipient },
      }),
    );
    return true;
  }

  /** "Toon het wachtwoord". */
  reveal() {
    if (!this.hidden) return;
    this.hidden = false;
    for (const el of this.view.querySelectorAll('[data-when="password"]')) el.hidden = false;
    for (const el of this.view.querySelectorAll('[data-when="password-hidden"]')) el.hidden = true;
    this.restoreTitle();
    this.view.querySelector('[data-action="handed-over"]')?.focus();
  }

  restoreTitle() {
    if (this.savedTitle === null) return;
    this.ctl.host.ownerDocument.title = this.savedTitle;
    this.savedTitle = null;
  }

  /**
   * "Nieuwe doorverwijzing" while something would be lost: asks first.
   * Returns true when it asked (the caller waits for the answer).
   */
  askBeforeNew() {
    if (!this.pending) return false;
    const box = this.view.querySelector('[data-confirm="new-referral"]');
    replace(
      box,
      h('p', { class: 'rs-banner__title' }, this.notDownloaded ? 'U hebt het versleutelde bestand nog niet gedownload' : 'U hebt nog niet bevestigd dat u het wachtwoord doorgaf'),
      h('p', {}, 'Begint u een nieuwe doorverwijzing, dan wist deze pagina dit bestand en het wachtwoord. Zonder het wachtwoord kan het OCMW het bestand niet openen en moet u de doorverwijzing opnieuw maken.'),
      h('p', { class: 'rs-after__actions' },
        h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'new-referral-cancel' }, 'Terug naar het resultaat'),
        ' ',
        h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'new-referral-confirmed' }, 'Toch een nieuwe doorverwijzing')),
    );
    box.hidden = false;
    box.querySelector('[data-action="new-referral-cancel"]').focus();
    return true;
  }

  hideConfirm() {
    const box = this.view.querySelector('[data-confirm="new-referral"]');
    if (!box) return;
    box.hidden = true;
    box.replaceChildren();
  }

  /** The result is gone (wipe, "Corrigeren"). */
  reset() {
    this.restoreTitle();
    this.clientWiped = false;
    this.hidden = false;
    this.setStage(null);
  }
}
