// Compiled (not run) by types.test.mjs: the package's TypeScript types
// describe the contract well enough to catch an embedder's mistakes.
import init, {
  validateReferral, sealReferral, generatePassphrase, passwordStrength,
  protocolFor, localitiesFor, setRegistry, getRegistry, sealFiles,
  type ReferralInput, type SealResult, type ReferralSealError,
} from '../../pkg/referral_seal.js';

export async function example(): Promise<string> {
  await init();
  const input: ReferralInput = {
    client: { givenName: 'Sofie', familyName: 'Van den Broeck' },
    contact: { postalCode: '8940', municipality: 'Geluwe', phone: '0470 12 34 56' },
    consent: { informed: true, agreed: true, date: '2026-11-20' },
    referrer: { team: 'Lokaal team Kind en Gezin Menen', name: 'An Peeters', email: 'an@example.com' },
  };
  const check = validateReferral(input);
  const firstCode: string | undefined = check.errors[0]?.code;
  const mailbox: string | undefined = check.protocol?.mailbox;
  const { passphrase, bits } = generatePassphrase({ groups: 6 });
  const ok: boolean = passwordStrength(passphrase).acceptable && bits >= 80;
  let sealed: SealResult | undefined;
  try {
    sealed = sealReferral(input, { password: passphrase, format: 'zip' });
  } catch (e) {
    const err = e as ReferralSealError;
    return err.errors.map((x) => `${x.field}:${x.code}`).join(',');
  }
  const bytes: Uint8Array = sealed.archive;
  const towns: string[] = localitiesFor('8940').map((l) => l.municipality);
  const count: number = setRegistry(getRegistry()).protocols;
  const zip: Uint8Array = sealFiles([{ name: 'a.txt', bytes }], { password: passphrase, compression: 'stored' });
  const p = protocolFor('8820');
  // @ts-expect-error: the format is '7z' or 'zip'
  sealReferral(input, { password: passphrase, format: 'rar' });
  // @ts-expect-error: consent needs both confirmations and a date
  validateReferral({ ...input, consent: { informed: true } }) satisfies never;
  // @ts-expect-error: a protocol may be absent
  const strict: string = protocolFor('9000').mailbox;
  return [firstCode, mailbox, ok, towns, count, zip.length, p?.id, strict].join();
}
