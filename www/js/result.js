// The result view after sealing: the three steps, the downloads and the receipt.
import { h, formatSize, formatIsoDate, formatLocalDateTime } from './dom.js';
import { OPEN_WITH } from './form.js';

/** The receipt's lines: no personal data, only what identifies the sending. */
export function receiptLines(receipt) {
  return [
    ['Referentie', receipt.reference],
    ['Versleuteld op', receipt.sealedAt],
    ['Ontvanger', `${receipt.ocmw} (${receipt.recipient})`],
    ['Protocol', receipt.protocol],
    ['Verwijzend team', receipt.team],
    ['Bestand', `${receipt.archiveName} (${receipt.format}, ${receipt.size})`],
    ['SHA-256 van het bestand', receipt.sha256],
  ];
}

/** The receipt as a plain text file (CRLF, readable in Notepad). */
export function receiptText(receipt) {
  const lines = [
    'Ontvangstbewijs doorverwijzing naar het OCMW',
    '==========================================',
    '',
    ...receiptLines(receipt).map(([k, v]) => `${k}: ${v}`),
    '',
    'Dit bewijs bevat geen persoonsgegevens van de cliënt. De referentie staat ook',
    'in het versleutelde bestand, zodat u en het OCMW later over deze',
    'doorverwijzing kunnen spreken zonder persoonsgegevens te herhalen.',
    'De SHA-256-waarde toont welk bestand precies werd verstuurd.',
    '',
  ];
  return lines.join('\r\n');
}

/** Collects the receipt's facts from the seal result. */
export function makeReceipt(result, sha256, sealedAt, team) {
  const p = result.protocol ?? {};
  return {
    reference: result.reference,
    sealedAt: formatLocalDateTime(sealedAt),
    ocmw: p.ocmw?.name ?? '',
    recipient: result.recipient,
    protocol: `${p.id ?? ''}, van kracht sinds ${formatIsoDate(p.inForceFrom)}`,
    team: result.team || team || '—',
    archiveName: result.archiveName,
    format: result.archiveName.endsWith('.zip') ? 'zip, AES-256' : '7z, AES-256, versleutelde bestandsnamen',
    size: formatSize(result.archive.byteLength),
    sha256,
  };
}

function step(number, title, ...body) {
  return h(
    'li',
    { class: 'rs-step' },
    h('h3', { class: 'rs-step__title' }, h('span', { class: 'rs-step__number', 'aria-hidden': 'true' }, String(number)), h('span', { class: 'rs-visually-hidden' }, `Stap ${number}: `), title),
    h('div', { class: 'rs-step__body' }, ...body),
  );
}

/**
 * Whom to call with the password: the registry's `passwordCall`
 * ({ phone (E.164), phoneDisplay?, ask? }, registry schema v2) as a tel:
 * link, or where to find the number when the registry has none.
 */
export function passwordCall(protocol, ocmw) {
  const call = protocol?.passwordCall;
  if (call?.phone) {
    return h(
      'p', { class: 'rs-call', 'data-call': 'registry' },
      'Bel ', h('a', { class: 'rs-link rs-call__number', href: `tel:${call.phone}` }, call.phoneDisplay || call.phone),
      call.ask ? [' en vraag naar ', h('strong', {}, call.ask)] : null,
      '.',
    );
  }
  return h(
    'p', { class: 'rs-call rs-hint', 'data-call': 'absent' },
    `Het telefoonnummer van ${ocmw} voor het wachtwoord staat niet in het protocolregister. `,
    `U vindt het op de website van ${ocmw} (de sociale dienst) of bij uw teamverantwoordelijke.`,
  );
}

/**
 * The spelling aid under a password: one line per character in the Belgian
 * telephone alphabet ("k van Kilogram", "7 (zeven)"), in groups as the
 * password is, large enough to read out from a phone screen.
 */
export function spellingAid(prefix, lines) {
  const el = h('div', { class: 'rs-spelling', id: `${prefix}-result-spelling` });
  fillSpelling(el, lines);
  return el;
}

/** Fills `el` with the spelling aid `lines`; hides it when there are none. */
export function fillSpelling(el, lines) {
  const groups = [];
  let group = [];
  for (const line of lines ?? []) {
    if (line.startsWith('- ')) {
      groups.push(group);
      group = [];
    } else {
      group.push(line);
    }
  }
  if (group.length) groups.push(group);
  el.replaceChildren(
    h('p', { class: 'rs-spelling__title' }, 'Spellinghulp om voor te lezen (streepjes tussen de groepen):'),
    ...groups.map((g) => h('ol', { class: 'rs-spelling__group' }, ...g.map((line) => h('li', {}, line)))),
  );
  el.hidden = groups.length === 0;
}

/**
 * Builds the result view. Its sequence (handover.js): sealed ("Corrigeren"
 * possible) → downloaded (the client's data wiped) → handed over
 * ("Wachtwoord doorgegeven": the password wiped) → wiped ("Nieuwe
 * doorverwijzing").
 * urls: { archive, eml, receipt } blob: URLs owned by the caller; spelling:
 * the password's spelling aid (spellPassword).
 */
export function buildResult(prefix, result, urls, receipt, password, spelling = []) {
  const ocmw = result.protocol?.ocmw?.name ?? 'het OCMW';
  const titleId = `${prefix}-result-title`;
  const receiptId = `${prefix}-receipt`;
  return h(
    'section',
    { class: 'rs-result', 'aria-labelledby': titleId },
    h(
      'div',
      { class: 'rs-banner rs-banner--success' },
      h('div', { class: 'rs-result__head' },
        h('h2', { class: 'rs-banner__title', id: titleId, tabindex: '-1' }, 'De doorverwijzing is versleuteld'),
        // Until the download: back to the filled form, this archive discarded.
        h('button', { type: 'button', class: 'rs-button-link', 'data-action': 'correct', 'data-when': 'sealed', 'aria-describedby': `${prefix}-correct-hint` }, 'Corrigeren'),
        h('span', { class: 'rs-visually-hidden', id: `${prefix}-correct-hint` }, 'Terug naar het ingevulde formulier; dit versleutelde bestand wordt weggegooid.')),
      h('p', {}, 'Nog drie stappen. Referentie ', h('strong', { class: 'rs-mono' }, result.reference), ', voor ', ocmw, ' (', result.recipient, ').'),
    ),
    h(
      'ol',
      { class: 'rs-steps' },
      step(
        1, 'Download de twee bestanden',
        h(
          'div', { class: 'rs-downloads' },
          h('p', { class: 'rs-download' },
            h('a', { class: 'rs-button rs-button--primary', href: urls.archive, download: result.archiveName, 'data-download': 'archive', type: result.mimeType },
              'Download het versleutelde bestand'),
            h('span', { class: 'rs-file' }, result.archiveName, ' (', formatSize(result.archive.byteLength), ')')),
          h('p', { class: 'rs-download' },
            h('a', { class: 'rs-button rs-button--primary', href: urls.eml, download: result.emlName, 'data-download': 'eml', type: 'message/rfc822' },
              'Download de e-mail'),
            h('span', { class: 'rs-file' }, result.emlName)),
        ),
        h('p', { class: 'rs-hint', 'data-when': 'client-wiped', hidden: true, role: 'status' },
          'De gegevens van de cliënt zijn nu van deze pagina gewist. Corrigeren kan niet meer.'),
      ),
      step(
        2, 'Open de e-mail, controleer en verstuur',
        h('p', {}, 'Open ', h('span', { class: 'rs-file' }, result.emlName), ' uit uw map Downloads: Outlook maakt een nieuwe e-mail aan ',
          h('strong', {}, result.recipient), ' met het versleutelde bestand als bijlage. Controleer en klik op Verzenden.'),
        h('p', { class: 'rs-hint' }, 'Lukt dat niet? ',
          h('a', { href: result.mailto, class: 'rs-link', 'data-mailto': '' }, `Maak een nieuwe e-mail aan ${result.recipient}`),
          ' en voeg het versleutelde bestand zelf toe als bijlage.'),
      ),
      step(
        3, 'Geef het wachtwoord door per telefoon of sms',
        h('p', { class: 'rs-warning' }, h('strong', {}, 'Nooit per e-mail. '), `Bel of sms de maatschappelijk werker van ${ocmw} en geef dit wachtwoord:`),
        // The password and its spelling aid (no copy button: a copied
        // password stays in Windows' clipboard history); never printed.
        h('div', { class: 'rs-password-box', 'data-when': 'password' },
          h('p', { class: 'rs-password-display' },
            h('span', { class: 'rs-mono', id: `${prefix}-result-password` }, password)),
          spellingAid(prefix, spelling),
          h('p', { class: 'rs-print-note' }, 'Het wachtwoord en de spellinghulp worden niet afgedrukt.'),
        ),
        passwordCall(result.protocol, ocmw),
        h('div', { class: 'rs-banner rs-banner--warning rs-password-hidden', 'data-when': 'password-hidden', hidden: true, role: 'alert' },
          h('p', {}, 'Het wachtwoord is verborgen omdat de pagina een tijd niet gebruikt werd. Het is nog niet gewist: geef het door en bevestig hieronder.'),
          h('p', {}, h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'show-password' }, 'Toon het wachtwoord'))),
        h('p', { class: 'rs-hint rs-open-with' }, 'In de e-mail leest het OCMW: ', h('q', {}, result.openWith ?? OPEN_WITH[result.format === 'zip' ? 'zip' : '7z'])),
        h('p', { class: 'rs-lost', 'data-when': 'password' },
          'Deze pagina bewaart het wachtwoord nergens. Raakt het verloren voor u het doorgaf, dan moet u de doorverwijzing opnieuw maken.'),
        h('p', { 'data-when': 'password' },
          h('button', { type: 'button', class: 'rs-button rs-button--primary', 'data-action': 'handed-over' }, 'Wachtwoord doorgegeven')),
        h('p', { class: 'rs-handed-over', 'data-when': 'handed-over', hidden: true, role: 'status' },
          'Wachtwoord doorgegeven. Het is van deze pagina gewist.'),
      ),
    ),
    h(
      'div',
      { class: 'rs-after' },
      h('p', {}, 'Verstuurd? Verwijder dan beide bestanden uit uw map Downloads. Deze pagina bewaart niets.'),
      h(
        'p', { class: 'rs-after__actions' },
        h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'toggle-receipt', 'aria-expanded': 'false', 'aria-controls': receiptId }, 'Toon een ontvangstbewijs'),
        ' ',
        h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'new-referral' }, 'Nieuwe doorverwijzing'),
      ),
      h('div', { class: 'rs-banner rs-banner--warning rs-confirm', hidden: true, role: 'alert', 'data-confirm': 'new-referral' }),
      h(
        'section',
        { class: 'rs-receipt', id: receiptId, hidden: true, 'aria-labelledby': `${receiptId}-title` },
        h('h3', { id: `${receiptId}-title` }, 'Ontvangstbewijs'),
        h('p', { class: 'rs-hint' }, 'Zonder persoonsgegevens. Bewaar het in het teamdossier voor latere vragen over deze doorverwijzing.'),
        h('dl', { class: 'rs-receipt__list' }, receiptLines(receipt).map(([k, v]) => [h('dt', {}, k), h('dd', { class: k.startsWith('SHA') ? 'rs-mono rs-break' : null }, v)])),
        h(
          'p', {},
          h('a', { class: 'rs-button rs-button--secondary', href: urls.receipt, download: `ontvangstbewijs-${result.reference}.txt`, 'data-download': 'receipt' }, 'Bewaar het ontvangstbewijs'),
          ' ',
          h('button', { type: 'button', class: 'rs-button rs-button--secondary', 'data-action': 'print-receipt' }, 'Druk af'),
        ),
      ),
    ),
  );
}
