#!/usr/bin/env node
// Writes data/password-words.txt, the dictionaries of the password
// strength estimator (src/password/dictionary.rs), from the npm packages
// @zxcvbn-ts/language-common, @zxcvbn-ts/language-nl-be and
// @zxcvbn-ts/language-en (MIT, devDependencies; see data/README.md):
//
//   node scripts/make-password-data.mjs
//
// Each list is in rank order (most frequent first) in its package. It is
// folded to what a password can hold (lower case, accents dropped, ASCII
// only: the page refuses other characters anyway), trimmed to the first
// LIMITS[name] entries, and cut into buckets of ranks 1, 2–3, 4–7, …,
// 2^k–(2^(k+1)−1). Within a bucket the words are sorted: the file
// compresses about a fifth better than in rank order, the estimator
// finds a word by binary search in each bucket (no index, nothing built
// at run time), and a word's rank is read as its bucket's lowest, 2^k,
// which can only make the estimate more cautious (at most one bit).
//
// Format: for each list a line `#name`, then one line per bucket, its
// words separated by one space (an empty line for an empty bucket). A
// word already in an earlier list, in the same or a lower bucket, is left
// out of the later one (it costs the attacker no more there).
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = (name, file) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', '@zxcvbn-ts', name, 'src', file), 'utf8'));

// Words from the context of this very tool, which an attacker who knows
// what the archive is tries first (rank order by judgement): the
// organisations, the job, months, seasons and days in Dutch.
const CONTEXT = [
  'wachtwoord', 'paswoord', 'kindengezin', 'opgroeien', 'ocmw', 'doorverwijzing',
  'doorverwijzen', 'verwijzing', 'sociaalhuis', 'welzijn', 'gezin', 'kind',
  'januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus',
  'september', 'oktober', 'november', 'december',
  'lente', 'zomer', 'herfst', 'winter', 'voorjaar', 'najaar',
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  'vlaanderen', 'belgie', 'opgroeienregie', 'kindengezinmenen', 'consultatiebureau',
  'regioteam', 'lokaalteam', 'maatschappelijk', 'werker', 'cliënt', 'client',
  'geheim', 'welkom', 'sinterklaas', 'kerstmis', 'pasen',
];

/** How many of each list are kept (after folding), and in which order. */
const LIMITS = [
  ['context', CONTEXT.length],
  ['passwords', 3000],
  ['dutch', 3000],
  ['firstnames', 1200],
  ['surnames', 1500],
  ['english', 800],
];

/** Alternates two rank-ordered lists (boys' and girls' first names). */
function interleave(a, b) {
  const out = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

const SOURCES = {
  context: () => CONTEXT,
  passwords: () => pkg('language-common', 'passwords.json'),
  dutch: () => pkg('language-nl-be', 'commonWords.json'),
  firstnames: () =>
    interleave(pkg('language-nl-be', 'boysFirstnames.json'), pkg('language-nl-be', 'girlsFirstnames.json')),
  surnames: () => pkg('language-nl-be', 'lastnames.json'),
  english: () => pkg('language-en', 'commonWords.json'),
};

/**
 * A list entry as a password can hold it: lower case, accents dropped;
 * names and words lose spaces, hyphens and apostrophes ("de smet" →
 * "desmet"); `null` when something other than printable ASCII is left.
 */
function fold(word, keepSymbols) {
  let w = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  w = keepSymbols ? w.replace(/\s/g, '') : w.replace(/[\s'’.-]/g, '');
  if (!/^[!-~]{2,32}$/.test(w) || w.includes('#')) return null;
  if (!keepSymbols && !/^[a-z0-9]+$/.test(w)) return null;
  return w;
}

const bucketOf = (rank) => 31 - Math.clz32(rank); // rank 1 → 0, 2–3 → 1, 4–7 → 2, …
const seen = new Map(); // word → lowest bucket so far
const lines = [];
const report = [];
for (const [name, limit] of LIMITS) {
  const buckets = [];
  let rank = 0;
  const mine = new Set();
  for (const raw of SOURCES[name]()) {
    if (rank >= limit) break;
    const w = fold(raw, name === 'passwords');
    if (w === null || mine.has(w)) continue;
    mine.add(w);
    rank += 1;
    const b = bucketOf(rank);
    if (seen.has(w) && seen.get(w) <= b) continue;
    seen.set(w, b);
    (buckets[b] ??= []).push(w);
  }
  lines.push(`#${name}`);
  for (let b = 0; b < buckets.length; b++) {
    lines.push((buckets[b] ?? []).sort().join(' '));
  }
  report.push(`${name}: ${rank} ranks, ${buckets.flat().length} words kept`);
}
const text = lines.join('\n') + '\n';
const out = join(ROOT, 'data', 'password-words.txt');
writeFileSync(out, text);
console.log(report.join('\n'));
console.log(`${out}: ${text.length} bytes raw, ${gzipSync(text, { level: 9 }).length} bytes gzipped`);
