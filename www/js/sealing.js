// Sealing and the result screen: the seal call to the core, the busy state,
// the downloads (blob: URLs), the receipt and its print, and wiping the
// result's bytes.
import { h, replace, sha256Hex } from './dom.js';
import { FIELDS } from './form.js';
import { GENERAL_CODES } from './errors.js';
import { buildResult, makeReceipt, receiptText } from './result.js';

export class Sealing {
  /** ctl: the Controller (form, root, host, engine, options, the other rooms). */
  constructor(ctl) {
    this.ctl = ctl;
    this.busy = false;
    this.result = null;
    this.urls = [];
  }

  get resultHost() {
    return this.ctl.resultHost;
  }

  /** "Versleutel de doorverwijzing": validate and seal in the core, then show the result. */
  async seal() {
    const ctl = this.ctl;
    if (this.busy || !ctl.engine || ctl.preview.stopped) return;
    this.busy = true;
    const button = ctl.form.querySelector('[data-action="seal"]');
    const busyBox = ctl.form.querySelector('.rs-busy');
    button.setAttribute('aria-disabled', 'true');
    replace(busyBox, h('span', { class: 'rs-spinner', 'aria-hidden': 'true' }), 'Bezig met versleutelen en controleren…');
    // Sealing right after the page opened: wait for the core and the
    // password, and for the postal code's localities and team, if pending.
    await ctl.started;
    await ctl.preview.pending;
    if (ctl.destroyed || ctl.root.dataset.state === 'error') return;
    ctl.root.dataset.state = 'sealing';

    const input = ctl.readInput();
    const password = ctl.password.value;
    const format = ctl.form.querySelector('input[name="format"]:checked')?.value ?? '7z';
    for (const key of Object.keys(FIELDS)) ctl.errors.touch(key);
    let result;
    let errors = [];
    try {
      result = await ctl.engine.seal(input, { password, format, ...(ctl.options.today ? { today: ctl.options.today } : {}) });
    } catch (err) {
      errors = err.errors?.length ? err.errors : [{ field: '', code: err.code, message: GENERAL_CODES[err.code] ?? GENERAL_CODES.archive_failed }];
    }
    if (ctl.destroyed) return;
    busyBox.replaceChildren();
    button.removeAttribute('aria-disabled');
    if (!result) {
      this.busy = false;
      ctl.root.dataset.state = 'ready';
      ctl.errors.show(ctl.errors.withPageErrors(errors), { summary: true });
      return;
    }
    ctl.errors.show([], { summary: true });
    await this.showResult(result, password, input.referrer?.team);
    this.busy = false;
  }

  async showResult(result, password, team) {
    const ctl = this.ctl;
    const sealedAt = new Date();
    const sha = await sha256Hex(result.archive);
    if (ctl.destroyed) return;
    const receipt = makeReceipt(result, sha, sealedAt, team);
    const archiveUrl = URL.createObjectURL(new Blob([result.archive], { type: result.mimeType }));
    const emlUrl = URL.createObjectURL(new Blob([result.eml], { type: 'message/rfc822' }));
    const receiptUrl = URL.createObjectURL(new Blob([receiptText(receipt)], { type: 'text/plain;charset=utf-8' }));
    this.urls.push(archiveUrl, emlUrl, receiptUrl);
    this.result = result;
    // The referral's plaintext is in the core's memory only while sealing;
    // the page keeps the form values until the archive is downloaded
    // ("Corrigeren" needs them; handover.js wipes them).
    ctl.form.hidden = true;
    const spelling = await ctl.engine.spell(password).catch(() => []);
    if (ctl.destroyed) return;
    this.resultHost.replaceChildren(buildResult(ctl.prefix, result, { archive: archiveUrl, eml: emlUrl, receipt: receiptUrl }, receipt, password, spelling));
    this.resultHost.hidden = false;
    ctl.handover.begin();
    ctl.root.dataset.state = 'done';
    // Bring the three steps into view, then put focus on the result's heading.
    ctl.root.scrollIntoView({ block: 'start' });
    this.resultHost.querySelector('h2').focus({ preventScroll: true });
    ctl.host.dispatchEvent(new CustomEvent('referral-seal-sealed', { bubbles: true, detail: { reference: result.reference, recipient: result.recipient } }));
  }

  toggleReceipt(button) {
    const receipt = this.resultHost.querySelector('.rs-receipt');
    const open = receipt.hidden;
    receipt.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Verberg het ontvangstbewijs' : 'Toon een ontvangstbewijs';
  }

  printReceipt() {
    const doc = this.ctl.host.ownerDocument;
    doc.documentElement.classList.add('rs-printing-receipt');
    const receipt = this.resultHost.querySelector('.rs-receipt');
    receipt.hidden = false;
    const after = () => doc.documentElement.classList.remove('rs-printing-receipt');
    doc.defaultView.addEventListener('afterprint', after, { once: true });
    doc.defaultView.print();
  }

  /** Revokes the download URLs, zeroes the result's bytes and removes the result screen. */
  wipe() {
    this.revoke();
    if (this.result) {
      this.result.archive?.fill?.(0);
      this.result.eml?.fill?.(0);
      this.result = null;
    }
    this.resultHost.replaceChildren();
    this.resultHost.hidden = true;
    this.ctl.form.querySelector('.rs-busy').replaceChildren();
    this.busy = false;
  }

  revoke() {
    for (const url of this.urls) URL.revokeObjectURL(url);
    this.urls = [];
  }
}
