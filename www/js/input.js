// The form's controls: their values as the core's input object (the public
// contract's shape), and the order in which Enter moves through them.

/** The team list's "Ander team": no protocol exists for it; never sent to the core. */
export const OTHER_TEAM = 'ander-team';

/** The referral input object from `form`; empty and disabled fields are left out. */
export function readInput(form) {
  const control = (name) => form.elements.namedItem(name);
  const value = (name) => {
    const c = control(name);
    const v = c && !c.disabled ? c.value : '';
    return v.trim() === '' || v === OTHER_TEAM ? undefined : v;
  };
  const group = (names) => {
    const out = {};
    for (const name of names) {
      const v = value(name);
      if (v !== undefined) out[name.split('.')[1]] = v;
    }
    return out;
  };
  return {
    client: group(['client.givenName', 'client.familyName']),
    contact: group(['contact.street', 'contact.houseNumber', 'contact.box', 'contact.postalCode', 'contact.municipality', 'contact.phone', 'contact.email']),
    consent: {
      informed: control('consent.informed').checked,
      agreed: control('consent.agreed').checked,
      ...group(['consent.date']),
    },
    referrer: group(['referrer.team', 'referrer.name', 'referrer.phone', 'referrer.email']),
  };
}

/** The field after `from` that Enter moves to: enabled, visible, not a button; null at the end. */
export function nextControl(form, from) {
  const fields = [...form.elements].filter((el) => {
    if (el.disabled || el.localName === 'fieldset' || el.localName === 'button' || el.localName === 'output') return false;
    if (el.localName === 'input' && ['submit', 'button', 'reset', 'hidden', 'file'].includes(el.type)) return false;
    if (el.type === 'radio' && !el.checked) return false;
    return el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null;
  });
  const i = fields.indexOf(from);
  return i >= 0 && i + 1 < fields.length ? fields[i + 1] : null;
}
