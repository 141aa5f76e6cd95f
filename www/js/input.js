// The form's values as the core's input object (the public contract's shape).

/** The referral input object from `form`; empty and disabled fields are left out. */
export function readInput(form) {
  const control = (name) => form.elements.namedItem(name);
  const value = (name) => {
    const c = control(name);
    const v = c && !c.disabled ? c.value : '';
    return v.trim() === '' ? undefined : v;
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
