// The page's side of the Wasm worker: one promise per request.
//
// All calls into the core go through the worker (also the quick ones, such
// as postal code lookups), so the page loads the Wasm once and never blocks.

/** An Error carrying the core's stable code and field errors. */
export class CoreError extends Error {
  constructor({ name, code, message, errors }) {
    super(message);
    this.name = name || 'ReferralSealError';
    this.code = code;
    this.errors = errors ?? [];
  }
}

export class Engine {
  constructor() {
    this.worker = new Worker(new URL('./engine.worker.js', import.meta.url), {
      type: 'module',
      name: 'referral-seal-engine',
    });
    this.next = 1;
    this.pending = new Map();
    this.worker.onmessage = (event) => {
      const { id, ok, value, error } = event.data ?? {};
      const entry = this.pending.get(id);
      if (!entry) return;
      this.pending.delete(id);
      if (ok) entry.resolve(value);
      else entry.reject(new CoreError(error ?? {}));
    };
    const fail = () => {
      const error = new CoreError({ code: 'engine_failed', message: 'De rekenmodule kon niet starten.' });
      this.failed = error;
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      fail();
    };
    this.worker.onmessageerror = fail;
  }

  call(op, args = {}) {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.next;
    this.next += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args });
    });
  }

  start(registry) {
    return this.call('start', { registry });
  }

  validate(input, today) {
    return this.call('validate', { input, today });
  }

  seal(input, options) {
    return this.call('seal', { input, options });
  }

  passphrase() {
    return this.call('passphrase');
  }

  /** The estimate against the referral being filled in and the format's bar. */
  strength(password, { input, format } = {}) {
    return this.call('strength', { password, input, format });
  }

  /** The spelling aid of a password (Belgian telephone alphabet). */
  spell(password) {
    return this.call('spell', { password });
  }

  /** Localities, protocol and, with a team, the team rule's error (or null) for a postal code. */
  postal(postalCode, today, team) {
    return this.call('postal', { postalCode, today, team });
  }

  terminate() {
    this.worker.terminate();
    for (const entry of this.pending.values()) entry.reject(new CoreError({ code: 'engine_stopped', message: '' }));
    this.pending.clear();
  }
}

let shared = null;

/** One engine per page, started on first use and shared by all elements. */
export function sharedEngine() {
  shared ??= new Engine();
  return shared;
}
