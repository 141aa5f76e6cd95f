// Entry point: defines <referral-seal> and exposes mount() for embedders.
//
//   <referral-seal referrer-team="…" inactivity-minutes="15"></referral-seal>
//   ReferralSeal.mount(element, { referrer, registry, inactivityMinutes, today })
import { ReferralSealElement, mount } from './component.js';

if (!customElements.get('referral-seal')) {
  customElements.define('referral-seal', ReferralSealElement);
}

// A global for intranet pages that load this file with a classic <script>.
window.ReferralSeal = Object.freeze({ mount, version: 1 });

export { mount, ReferralSealElement };
