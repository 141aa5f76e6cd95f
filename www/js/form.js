// The form's markup, built with DOM calls (no HTML parsing of any value).
//
// Every control's name is the input path of the core's contract
// (client.givenName, contact.postalCode, consent.agreed, …, password), so an
// embedder can prefill or read it.
import { h } from './dom.js';

/**
 * How the OCMW opens each format: the words of the mail (mail::opening_advice
 * in the core, which the result screen shows as `openWith`), told to the team
 * member. tests/page/day.test.mjs compares the three.
 */
export const OPEN_WITH = {
  '7z': 'Het OCMW opent het met 7-Zip. Windows Verkenner kan dit archief niet openen: het is versleuteld met AES-256.',
  zip: 'Het OCMW opent het met 7-Zip of een ander programma dat met AES-256 versleutelde zip-bestanden opent. Windows Verkenner toont wel de bestandsnamen, maar kan de inhoud niet openen.',
};

/** Fields of the referral, in form order, with their Dutch labels and hints. */
export const FIELDS = {
  'client.givenName': { label: 'Voornaam', width: 'm', spellcheck: false },
  'client.familyName': { label: 'Familienaam', width: 'm', spellcheck: false },
  'contact.postalCode': {
    label: 'Postcode van de woonplaats',
    hint: 'De postcode bepaalt naar welk OCMW de doorverwijzing gaat.',
    width: 'xs',
    inputmode: 'numeric',
    // Room for a pasted "B-8940" or "8940 Sint-Eloois-Vijve": route.js
    // keeps the four digits and chooses the place.
    maxlength: 40,
  },
  'contact.municipality': { label: 'Gemeente of deelgemeente', select: true },
  'contact.street': { label: 'Straat', width: 'l', optional: true },
  'contact.houseNumber': { label: 'Huisnummer', width: 'xs', optional: true },
  'contact.box': { label: 'Bus', width: 'xs', optional: true },
  'contact.phone': {
    label: 'Telefoonnummer',
    hint: 'Bijvoorbeeld 0470 12 34 56. Een buitenlands nummer begint met + en de landcode.',
    width: 'm',
    type: 'tel',
    optional: true,
  },
  'contact.email': { label: 'E-mailadres', width: 'l', type: 'email', optional: true },
  'consent.date': {
    label: 'Datum van de toestemming',
    type: 'date',
    width: 's',
  },
  'referrer.team': { label: 'Team', select: true },
  'referrer.name': { label: 'Uw naam', width: 'l' },
  'referrer.phone': { label: 'Uw telefoonnummer', width: 'm', type: 'tel' },
  'referrer.email': { label: 'Uw e-mailadres', width: 'l', type: 'email' },
};

/** The element id of a field's control. */
export function fieldId(prefix, name) {
  return `${prefix}-${name.replace(/\./g, '-')}`;
}

function textField(prefix, name) {
  const spec = FIELDS[name];
  const id = fieldId(prefix, name);
  const hintId = spec.hint ? `${id}-hint` : null;
  const label = h('label', { class: 'rs-label', for: id }, spec.label, spec.optional ? h('span', { class: 'rs-optional' }, ' (niet verplicht)') : null);
  const control = spec.select
    ? h('select', { id, name, class: 'rs-select', autocomplete: 'off', 'aria-describedby': hintId })
    : h('input', {
        id,
        name,
        type: spec.type ?? 'text',
        class: `rs-input rs-input--${spec.width ?? 'm'}`,
        autocomplete: 'off',
        spellcheck: spec.spellcheck === false ? 'false' : null,
        autocapitalize: 'off',
        inputmode: spec.inputmode,
        maxlength: spec.maxlength,
        'aria-describedby': hintId,
      });
  return h(
    'div',
    { class: 'rs-field', 'data-field': name },
    label,
    spec.hint ? h('p', { class: 'rs-hint', id: hintId }, spec.hint) : null,
    h('p', { class: 'rs-field-error', id: `${id}-error`, hidden: true }),
    control,
  );
}

function checkbox(prefix, name, text) {
  const id = fieldId(prefix, name);
  return h(
    'div',
    { class: 'rs-checkbox' },
    h('input', { type: 'checkbox', id, name, value: 'true', class: 'rs-checkbox__input' }),
    h('label', { for: id, class: 'rs-checkbox__label' }, text),
  );
}

/** A checkbox that can carry its own error message (consent). */
function checkboxField(prefix, name, text) {
  return h(
    'div',
    { class: 'rs-field rs-field--checkbox', 'data-field': name },
    h('p', { class: 'rs-field-error', id: `${fieldId(prefix, name)}-error`, hidden: true }),
    checkbox(prefix, name, text),
  );
}

function radio(prefix, name, value, text, hint, checked) {
  const id = `${prefix}-${name}-${value}`;
  return h(
    'div',
    { class: 'rs-radio' },
    h('input', { type: 'radio', id, name, value, class: 'rs-radio__input', checked, 'aria-describedby': hint ? `${id}-hint` : null }),
    h('label', { for: id, class: 'rs-radio__label' }, text),
    hint ? h('p', { class: 'rs-hint rs-radio__hint', id: `${id}-hint` }, hint) : null,
  );
}

function section(prefix, key, number, title, ...children) {
  return h(
    'fieldset',
    { class: 'rs-section', id: `${prefix}-section-${key}`, 'data-section': key },
    h('legend', { class: 'rs-section__legend' }, h('h2', { class: 'rs-section__title' }, h('span', { class: 'rs-section__number', 'aria-hidden': 'true' }, String(number)), ' ', title)),
    ...children,
  );
}

/** A group-level error slot (e.g. "contact": no contact method at all). */
function groupError(prefix, group) {
  return h('p', { class: 'rs-field-error rs-group-error', id: `${prefix}-${group}-error`, 'data-group': group, hidden: true, tabindex: '-1' });
}

/** Builds the whole form; returns the <form> element. */
export function buildForm(prefix) {
  const summaryTitle = `${prefix}-summary-title`;
  return h(
    'form',
    // method="dialog": a submission that no script handles (before the
    // script has taken over a pre-rendered form, or if it failed) goes
    // nowhere, so the typed values can never end up in a URL.
    { class: 'rs-form', method: 'dialog', novalidate: true, autocomplete: 'off', 'aria-labelledby': `${prefix}-form-title` },
    h('h2', { class: 'rs-visually-hidden', id: `${prefix}-form-title` }, 'Doorverwijzing naar het OCMW'),
    h(
      'div',
      { class: 'rs-error-summary', tabindex: '-1', hidden: true, role: 'group', 'aria-labelledby': summaryTitle },
      h('h2', { class: 'rs-error-summary__title', id: summaryTitle }, 'Controleer de volgende gegevens'),
      h('ul', { class: 'rs-error-summary__list' }),
    ),
    h(
      'p',
      { class: 'rs-intro' },
      'Vul enkel de naam en de contactgegevens van de cliënt in: meer laat het protocol niet toe. ',
      'Alles gebeurt in deze browser. Er wordt niets verstuurd of bewaard.',
    ),
    section(
      prefix, 'client', 1, 'Cliënt',
      textField(prefix, 'client.givenName'),
      textField(prefix, 'client.familyName'),
    ),
    section(
      prefix, 'contact', 2, 'Woonplaats en contact',
      h('div', { class: 'rs-row' }, textField(prefix, 'contact.postalCode'), textField(prefix, 'contact.municipality')),
      h('div', { class: 'rs-route', id: `${prefix}-route`, 'aria-live': 'polite' }),
      h('div', { class: 'rs-contact-details', 'data-after-route': '' },
        h('p', { class: 'rs-hint', id: `${prefix}-contact-hint` }, 'Vul minstens één manier in om de cliënt te bereiken: een volledig adres, een telefoonnummer of een e-mailadres.'),
        groupError(prefix, 'contact'),
        textField(prefix, 'contact.street'),
        h('div', { class: 'rs-row' }, textField(prefix, 'contact.houseNumber'), textField(prefix, 'contact.box')),
        textField(prefix, 'contact.phone'),
        textField(prefix, 'contact.email'),
      ),
    ),
    section(
      prefix, 'consent', 3, 'Toestemming',
      h('p', { class: 'rs-hint' }, 'U mag de gegevens alleen doorgeven als de cliënt weet wat u doorgeeft, aan wie en waarom, en daarmee akkoord gaat.'),
      groupError(prefix, 'consent'),
      checkboxField(prefix, 'consent.informed', 'Ik heb de cliënt uitgelegd welke gegevens ik aan het OCMW doorgeef en waarom.'),
      checkboxField(prefix, 'consent.agreed', 'De cliënt gaat ermee akkoord dat ik deze gegevens aan het OCMW doorgeef.'),
      textField(prefix, 'consent.date'),
    ),
    section(
      prefix, 'referrer', 4, 'Doorverwijzer',
      h('p', { class: 'rs-hint' }, 'Het OCMW gebruikt deze gegevens om u te contacteren over de doorverwijzing.'),
      groupError(prefix, 'referrer'),
      textField(prefix, 'referrer.team'),
      textField(prefix, 'referrer.name'),
      textField(prefix, 'referrer.phone'),
      textField(prefix, 'referrer.email'),
    ),
    section(
      prefix, 'password', 5, 'Wachtwoord en bestand',
      h(
        'div',
        { class: 'rs-field', 'data-field': 'password' },
        h('label', { class: 'rs-label', for: `${prefix}-password` }, 'Wachtwoord van het versleutelde bestand'),
        h('p', { class: 'rs-hint', id: `${prefix}-password-hint` }, 'U geeft dit wachtwoord straks per telefoon of sms aan het OCMW, nooit per e-mail.'),
        h('p', { class: 'rs-field-error', id: `${prefix}-password-error`, hidden: true }),
        h(
          'div',
          { class: 'rs-password-row' },
          h('input', {
            id: `${prefix}-password`,
            name: 'password',
            type: 'text',
            class: 'rs-input rs-input--password',
            readonly: true,
            autocomplete: 'off',
            autocapitalize: 'off',
            spellcheck: 'false',
            'aria-describedby': `${prefix}-password-hint ${prefix}-password-strength`,
          }),
          h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'new-password' }, 'Nieuw wachtwoord'),
        ),
        h('p', { class: 'rs-strength', id: `${prefix}-password-strength`, 'aria-live': 'polite' }),
        // The spelling aid of the generated password, filled in by password.js.
        h('div', { class: 'rs-spelling', id: `${prefix}-password-spelling`, hidden: true }),
        h('p', { class: 'rs-print-note' }, 'Het wachtwoord wordt niet afgedrukt.'),
      ),
      checkbox(prefix, 'ownPassword', 'Ik gebruik een wachtwoord dat ik vooraf met het OCMW heb afgesproken.'),
      h(
        'fieldset',
        { class: 'rs-subfieldset' },
        h('legend', { class: 'rs-label' }, 'Soort bestand'),
        radio(prefix, 'format', '7z', '7z (aanbevolen)', `Ook de bestandsnamen in het archief zijn versleuteld. ${OPEN_WITH['7z']}`, true),
        radio(prefix, 'format', 'zip', 'zip met AES-256', `Voor een OCMW dat liever een zip-bestand krijgt; de bestandsnamen zijn dan niet versleuteld. ${OPEN_WITH.zip}`, false),
      ),
    ),
    h(
      'div',
      { class: 'rs-actions' },
      h('button', { type: 'submit', class: 'rs-button rs-button--primary rs-button--large', 'data-action': 'seal' }, 'Versleutel de doorverwijzing'),
      h('div', { class: 'rs-busy', role: 'status', id: `${prefix}-busy` }),
    ),
  );
}

/**
 * The component's whole markup as it first shows: notices, the form with its
 * static defaults, the (hidden) result area. The page's script builds it,
 * and the build writes it into index.html (see webpack.config.js) so that
 * the form is on screen and takes input before any script has run.
 */
export function buildShell(prefix) {
  const form = buildForm(prefix);
  const select = (name) => form.querySelector(`select[name="${name}"]`);
  select('referrer.team').append(h('option', { value: '' }, 'Kies uw team'));
  const municipality = select('contact.municipality');
  municipality.append(h('option', { value: '' }, 'Vul eerst de postcode in'));
  municipality.setAttribute('disabled', '');
  // Element Timing: the browser records when this text is first painted
  // (make bench reads it as the moment the form is on screen).
  form.querySelector('label.rs-label').setAttribute('elementtiming', 'referral-seal-form');
  return h(
    'div',
    { class: 'rs', 'data-state': 'loading', 'data-prefix': prefix, lang: 'nl' },
    h('div', { class: 'rs-notice', role: 'status' }),
    h('div', { class: 'rs-banner rs-banner--warning rs-inactivity', hidden: true, role: 'alert' }),
    form,
    h('div', { class: 'rs-result-host', hidden: true }),
  );
}

/**
 * For the pre-rendered form only: the message that the page's script did
 * not load (the stylesheet reveals it after a few seconds while
 * <referral-seal> is still undefined; the script removes it).
 */
export function buildScriptMissing() {
  return h(
    'div',
    { class: 'rs-banner rs-banner--error rs-script-missing', role: 'alert' },
    h('p', { class: 'rs-banner__title' }, 'Deze pagina werkt nog niet'),
    h('p', {}, 'Haar script werd niet geladen, zodat u nog niets kunt versleutelen. Herlaad de pagina. Lukt het dan nog niet, neem contact op met de beheerder van het intranet.'),
  );
}
