//! The native back end of [`super`]: the Unicode properties from compact
//! tables.
//!
//! The data is `unicode-tables.bin` in `src/validate/`: ranges and mappings
//! as delta-coded LEB128 numbers (about 20 KB, 11.5 KB gzipped), decoded on
//! first use. It is generated from the `unicode-normalization` crate (a
//! dev-dependency), whose own perfect-hash tables are about four times as
//! large. The test `tables_match_unicode_normalization` regenerates the data
//! and fails when the file differs; run it with `RS_WRITE_UNICODE_TABLES=1`
//! to rewrite the file after a crate update. Other tests compare every
//! function here with the crate's, for every code point.
//!
//! Only native builds (tests, fuzzing, command-line use) compile this
//! module; the WebAssembly module asks the JavaScript engine instead
//! (`js.rs`).

use super::Class;
use std::sync::OnceLock;

const DATA: &[u8] = include_bytes!("../unicode-tables.bin");

// Hangul syllables decompose and compose algorithmically (Unicode §3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

struct Tables {
    /// Inclusive ranges, sorted.
    assigned: Vec<(u32, u32)>,
    marks: Vec<(u32, u32)>,
    /// Inclusive ranges with their non-zero canonical combining class.
    classes: Vec<(u32, u32, u8)>,
    /// Code point → full canonical decomposition, as a range of `chars`.
    decompositions: Vec<(u32, u32, u32)>,
    chars: Vec<char>,
    /// (first, second) → primary composite, sorted by the pair.
    compositions: Vec<(u32, u32, char)>,
}

/// Reads LEB128 numbers.
struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn number(&mut self) -> u32 {
        let mut value = 0u32;
        let mut shift = 0;
        while let Some(&b) = self.data.get(self.at) {
            self.at += 1;
            value |= u32::from(b & 0x7F) << shift;
            if b & 0x80 == 0 || shift >= 28 {
                break;
            }
            shift += 7;
        }
        value
    }

    /// A section: its length in bytes, then its content.
    fn section(&mut self) -> Reader<'_> {
        let len = self.number() as usize;
        let start = self.at.min(self.data.len());
        let end = start.saturating_add(len).min(self.data.len());
        self.at = end;
        Reader {
            data: &self.data[start..end],
            at: 0,
        }
    }

    fn done(&self) -> bool {
        self.at >= self.data.len()
    }

    /// Ranges coded as (gap from the previous end, length - 1).
    fn ranges(mut self) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        let mut next = 0u32;
        while !self.done() {
            let start = next.saturating_add(self.number());
            let end = start.saturating_add(self.number());
            out.push((start, end));
            next = end.saturating_add(1);
        }
        out
    }
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut r = Reader { data: DATA, at: 0 };
        let assigned = r.section().ranges();
        let marks = r.section().ranges();
        let mut classes = Vec::new();
        let mut s = r.section();
        let mut next = 0u32;
        while !s.done() {
            let start = next.saturating_add(s.number());
            let end = start.saturating_add(s.number());
            let class = u8::try_from(s.number()).unwrap_or(0);
            classes.push((start, end, class));
            next = end.saturating_add(1);
        }
        let mut decompositions = Vec::new();
        let mut chars = Vec::new();
        let mut s = r.section();
        let mut key = 0u32;
        while !s.done() {
            key = key.saturating_add(s.number());
            let n = s.number();
            let from = chars.len() as u32;
            for _ in 0..n {
                chars.push(char::from_u32(s.number()).unwrap_or('\u{FFFD}'));
            }
            decompositions.push((key, from, chars.len() as u32));
        }
        let mut compositions = Vec::new();
        let mut s = r.section();
        let mut first = 0u32;
        while !s.done() {
            first = first.saturating_add(s.number());
            let second = s.number();
            let composite = char::from_u32(s.number()).unwrap_or('\u{FFFD}');
            compositions.push((first, second, composite));
        }
        Tables {
            assigned,
            marks,
            classes,
            decompositions,
            chars,
            compositions,
        }
    })
}

fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// Whether `c` is assigned and not a private-use, surrogate or
/// noncharacter code point.
fn is_public_assigned(c: char) -> bool {
    in_ranges(&tables().assigned, c)
}

/// Whether `c` is a combining mark (general category Mn, Mc or Me).
fn is_combining_mark(c: char) -> bool {
    in_ranges(&tables().marks, c)
}

/// The canonical combining class of `c` (0 for starters).
fn canonical_combining_class(c: char) -> u8 {
    let classes = &tables().classes;
    let c = u32::from(c);
    let i = classes.partition_point(|&(_, end, _)| end < c);
    match classes.get(i) {
        Some(&(start, _, class)) if start <= c => class,
        _ => 0,
    }
}

/// Emits the full canonical decomposition of `c` (`c` itself when it has
/// none).
fn decompose_canonical(c: char, mut emit: impl FnMut(char)) {
    let code = u32::from(c);
    if (S_BASE..S_BASE + S_COUNT).contains(&code) {
        let s = code - S_BASE;
        let l = L_BASE + s / N_COUNT;
        let v = V_BASE + (s % N_COUNT) / T_COUNT;
        let t = T_BASE + s % T_COUNT;
        for part in [l, v].into_iter().chain((t != T_BASE).then_some(t)) {
            emit(char::from_u32(part).unwrap_or(c));
        }
        return;
    }
    let t = tables();
    match t.decompositions.binary_search_by_key(&code, |&(k, _, _)| k) {
        Ok(i) => {
            let (_, from, to) = t.decompositions[i];
            for &d in &t.chars[from as usize..to as usize] {
                emit(d);
            }
        }
        Err(_) => emit(c),
    }
}

/// The primary composite of `a` followed by `b`, if there is one.
fn compose(a: char, b: char) -> Option<char> {
    let (a32, b32) = (u32::from(a), u32::from(b));
    // Hangul: L + V → LV, LV + T → LVT.
    if (L_BASE..L_BASE + L_COUNT).contains(&a32) && (V_BASE..V_BASE + V_COUNT).contains(&b32) {
        let lv = S_BASE + ((a32 - L_BASE) * V_COUNT + (b32 - V_BASE)) * T_COUNT;
        return char::from_u32(lv);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a32)
        && (a32 - S_BASE).is_multiple_of(T_COUNT)
        && (T_BASE + 1..T_BASE + T_COUNT).contains(&b32)
    {
        return char::from_u32(a32 + (b32 - T_BASE));
    }
    let comps = &tables().compositions;
    comps
        .binary_search_by_key(&(a32, b32), |&(x, y, _)| (x, y))
        .ok()
        .map(|i| comps[i].2)
}

/// The full canonical decomposition of `s` in canonical order (NFD, but
/// as characters).
fn decompose_ordered(s: &str) -> Vec<char> {
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        decompose_canonical(c, |d| chars.push(d));
    }
    // Canonical ordering: stable sort of each run of non-starters by class.
    let mut i = 0;
    while i < chars.len() {
        if canonical_combining_class(chars[i]) == 0 {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && canonical_combining_class(chars[i]) != 0 {
            i += 1;
        }
        // Runs are a few marks long: an insertion sort (stable) is enough,
        // and smaller than the standard library's stable sort.
        for j in start + 1..i {
            let mut k = j;
            while k > start
                && canonical_combining_class(chars[k - 1]) > canonical_combining_class(chars[k])
            {
                chars.swap(k - 1, k);
                k -= 1;
            }
        }
    }
    chars
}

/// Unicode Normalization Form D: canonical decomposition and canonical
/// ordering of combining marks.
/// Appends the lower case of `c` (`char::to_lowercase`).
pub(super) fn lowercase_char(c: char, out: &mut String) {
    out.extend(c.to_lowercase());
}

pub(super) fn nfd(s: &str) -> String {
    decompose_ordered(s).into_iter().collect()
}

/// Unicode Normalization Form C (UAX #15): canonical decomposition,
/// canonical ordering of combining marks, canonical composition.
pub(super) fn nfc(s: &str) -> String {
    // Canonical composition: each character combines with the last starter
    // unless a character in between has a class of zero or at least its own.
    let chars = decompose_ordered(s);
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut starter: Option<usize> = None;
    let mut last_class: Option<u8> = None;
    for c in chars {
        let class = canonical_combining_class(c);
        if let Some(at) = starter {
            let blocked = last_class.is_some_and(|l| l == 0 || l >= class);
            if !blocked {
                if let Some(composed) = compose(out[at], c) {
                    out[at] = composed;
                    continue;
                }
            }
        }
        if class == 0 {
            starter = Some(out.len());
            last_class = None;
        } else {
            last_class = Some(class);
        }
        out.push(c);
    }
    out.into_iter().collect()
}

/// The [`Class`] of each character of `s`.
pub(super) fn classify(s: &str) -> Vec<Class> {
    s.chars().map(class_of).collect()
}

fn class_of(c: char) -> Class {
    if !is_public_assigned(c) {
        Class::Unassigned
    } else if is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::char as reference;

    fn all_chars() -> impl Iterator<Item = char> {
        (0..=0x10FFFFu32).filter_map(char::from_u32)
    }

    fn is_hangul_syllable(c: char) -> bool {
        (S_BASE..S_BASE + S_COUNT).contains(&u32::from(c))
    }

    fn put(out: &mut Vec<u8>, mut v: u32) {
        loop {
            let b = (v & 0x7F) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    fn put_section(out: &mut Vec<u8>, body: &[u8]) {
        put(out, body.len() as u32);
        out.extend_from_slice(body);
    }

    fn ranges_of(f: impl Fn(char) -> bool) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for c in all_chars().filter(|&c| f(c)) {
            let c = u32::from(c);
            match out.last_mut() {
                Some((_, end)) if *end + 1 == c => *end = c,
                _ => out.push((c, c)),
            }
        }
        out
    }

    fn put_ranges(out: &mut Vec<u8>, ranges: &[(u32, u32)]) {
        let mut next = 0;
        for &(start, end) in ranges {
            put(out, start - next);
            put(out, end - start);
            next = end + 1;
        }
    }

    /// The tables, computed from `unicode-normalization`.
    fn generate() -> Vec<u8> {
        let mut out = Vec::new();
        let mut body = Vec::new();
        put_ranges(&mut body, &ranges_of(reference::is_public_assigned));
        put_section(&mut out, &body);
        body.clear();
        put_ranges(&mut body, &ranges_of(reference::is_combining_mark));
        put_section(&mut out, &body);

        body.clear();
        let mut runs: Vec<(u32, u32, u8)> = Vec::new();
        for c in all_chars() {
            let class = reference::canonical_combining_class(c);
            if class == 0 {
                continue;
            }
            let c = u32::from(c);
            match runs.last_mut() {
                Some((_, end, k)) if *end + 1 == c && *k == class => *end = c,
                _ => runs.push((c, c, class)),
            }
        }
        let mut next = 0;
        for (start, end, class) in runs {
            put(&mut body, start - next);
            put(&mut body, end - start);
            put(&mut body, u32::from(class));
            next = end + 1;
        }
        put_section(&mut out, &body);

        // Full canonical decompositions (Hangul syllables are algorithmic).
        body.clear();
        let mut decomposed: Vec<(char, Vec<char>)> = Vec::new();
        for c in all_chars().filter(|&c| !is_hangul_syllable(c)) {
            let mut d = Vec::new();
            reference::decompose_canonical(c, |x| d.push(x));
            if d != [c] {
                decomposed.push((c, d));
            }
        }
        let mut key = 0;
        for (c, d) in &decomposed {
            put(&mut body, u32::from(*c) - key);
            key = u32::from(*c);
            put(&mut body, d.len() as u32);
            for &x in d {
                put(&mut body, u32::from(x));
            }
        }
        put_section(&mut out, &body);

        // Primary composites: for each decomposition, the pairs (a, b) with
        // a the NFC of a prefix and b the last character, that compose to it.
        body.clear();
        let mut pairs: Vec<(u32, u32, u32)> = Vec::new();
        for (c, d) in &decomposed {
            let (last, prefix) = d.split_last().unwrap();
            let mut firsts = vec![prefix.iter().collect::<String>()];
            firsts.push(
                unicode_normalization::UnicodeNormalization::nfc(firsts[0].as_str()).collect(),
            );
            for first in firsts {
                let mut it = first.chars();
                if let (Some(a), None) = (it.next(), it.next()) {
                    if reference::compose(a, *last) == Some(*c) {
                        pairs.push((u32::from(a), u32::from(*last), u32::from(*c)));
                    }
                }
            }
        }
        pairs.sort();
        pairs.dedup();
        let mut first = 0;
        for (a, b, c) in pairs {
            put(&mut body, a - first);
            first = a;
            put(&mut body, b);
            put(&mut body, c);
        }
        put_section(&mut out, &body);
        out
    }

    #[test]
    fn tables_match_unicode_normalization() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/validate/unicode-tables.bin"
        );
        let fresh = generate();
        if std::env::var_os("RS_WRITE_UNICODE_TABLES").is_some() {
            std::fs::write(path, &fresh).unwrap();
        }
        assert!(
            DATA == fresh.as_slice(),
            "src/validate/unicode-tables.bin is stale: rerun this test with RS_WRITE_UNICODE_TABLES=1"
        );
    }

    /// Every code point, every function, against the crate.
    #[test]
    fn every_code_point_matches_the_crate() {
        for c in all_chars() {
            assert_eq!(
                is_public_assigned(c),
                reference::is_public_assigned(c),
                "{c:?}"
            );
            assert_eq!(
                is_combining_mark(c),
                reference::is_combining_mark(c),
                "{c:?}"
            );
            assert_eq!(
                canonical_combining_class(c),
                reference::canonical_combining_class(c),
                "{c:?}"
            );
            let (mut ours, mut theirs) = (Vec::new(), Vec::new());
            decompose_canonical(c, |d| ours.push(d));
            reference::decompose_canonical(c, |d| theirs.push(d));
            assert_eq!(ours, theirs, "{c:?}");
            let expected = if !reference::is_public_assigned(c) {
                Class::Unassigned
            } else if reference::is_combining_mark(c) {
                Class::Mark
            } else {
                Class::Other
            };
            assert!(class_of(c) == expected, "{c:?}");
        }
    }

    /// What callers rely on: a full stop never composes with a neighbour
    /// nor appears in a decomposition, so the NFC of a domain is the NFC of
    /// its labels joined by full stops (`email.rs`); and every character
    /// that canonical ordering moves is a combining mark or not
    /// alphanumeric, so that NFD and decomposition without reordering give
    /// the same place-name key (`postal.rs`).
    #[test]
    fn full_stops_stay_and_moved_characters_are_marks() {
        for c in all_chars() {
            assert_eq!(compose('.', c), None, "{c:?}");
            assert_eq!(compose(c, '.'), None, "{c:?}");
            if c != '.' {
                decompose_canonical(c, |d| assert_ne!(d, '.', "{c:?}"));
            }
            if canonical_combining_class(c) != 0 {
                assert!(is_combining_mark(c) || !c.is_alphanumeric(), "{c:?}");
            }
        }
    }

    /// Composition of every pair that can compose: a first character that
    /// is a starter in some decomposition (or the NFC of a prefix of one),
    /// a second character that ends some decomposition.
    #[test]
    fn every_composition_matches_the_crate() {
        let mut firsts = std::collections::BTreeSet::new();
        let mut seconds = std::collections::BTreeSet::new();
        for c in all_chars() {
            let mut d = Vec::new();
            reference::decompose_canonical(c, |x| d.push(x));
            if d.len() > 1 {
                seconds.insert(*d.last().unwrap());
                for n in 1..d.len() {
                    let prefix: String = d[..n].iter().collect();
                    let nfc: String =
                        unicode_normalization::UnicodeNormalization::nfc(prefix.as_str()).collect();
                    firsts.extend(nfc.chars());
                }
            }
        }
        // Every first and last character of a decomposition, every
        // non-starter, Hangul pieces and a few outsiders.
        for c in all_chars() {
            let mut d = Vec::new();
            reference::decompose_canonical(c, |x| d.push(x));
            if d.len() > 1 {
                firsts.insert(d[0]);
            }
            if reference::canonical_combining_class(c) != 0 {
                seconds.insert(c);
            }
        }
        firsts.extend(['\u{1100}', '\u{AC00}', '\u{AC01}', 'a', 'Z', '\u{0915}']);
        seconds.extend(['\u{1161}', '\u{11A8}', '\u{11A7}', 'a', '\u{0301}']);
        for &a in &firsts {
            for &b in &seconds {
                assert_eq!(compose(a, b), reference::compose(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn nfc_and_nfd_match_the_crate() {
        use unicode_normalization::UnicodeNormalization;
        let table = [
            "Nguye\u{0302}\u{0303}n Thi\u{0323} Ha\u{0300}",
            "Nguyễn Thị Hà",
            "x\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}",
            "a\u{0323}\u{0302}",
            "a\u{0302}\u{0323}",
            "\u{0301}a",
            "\u{1100}\u{1161}\u{11A8}",
            "\u{AC00}\u{11A8}",
            "\u{0B47}\u{0B3E}",
            "\u{212B}\u{2126}",
            "Ç\u{0327}\u{0301}",
            "\u{FB01}",
            "",
        ];
        for t in table {
            assert_eq!(nfc(t), t.nfc().collect::<String>(), "{t:?}");
            assert_eq!(nfd(t), t.nfd().collect::<String>(), "{t:?}");
        }
    }

    proptest! {
        #[test]
        fn nfc_and_nfd_match_the_crate_on_any_text(s in "\\PC{0,40}|[\\p{L}\\p{M}]{0,40}|[a-z\u{300}-\u{36F}\u{1100}-\u{11FF}\u{AC00}-\u{AC30}]{0,30}") {
            use unicode_normalization::UnicodeNormalization;
            prop_assert_eq!(nfc(&s), s.nfc().collect::<String>());
            prop_assert_eq!(nfd(&s), s.nfd().collect::<String>());
        }
    }
}
