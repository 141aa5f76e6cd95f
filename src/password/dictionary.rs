//! The ranked word lists: `data/password-words.txt` (written by
//! `scripts/make-password-data.mjs` from zxcvbn-ts's lists; provenance and
//! licence in `data/README.md`) and the Belgian municipalities and
//! localities of [`crate::postal`].
//!
//! Each list is a run of *buckets*: bucket k holds the words of rank
//! 2^k to 2^(k+1) − 1, sorted and separated by one space (sorted words
//! compress a fifth better than in rank order). A word's rank is read as
//! its bucket's lowest, 2^k. [`index`] sorts every word of every bucket
//! once, 8 bytes a word (about 200 KB of memory): one binary search then
//! finds a piece of a password in all lists at once (measured natively:
//! a binary search per bucket, 70 of them, took 1 ms of a 24-character
//! password's estimate).

use std::sync::OnceLock;

/// The lists, in the data file's order.
const DATA: &str = include_str!("../../data/password-words.txt");

/// Which list a word came from: it decides the warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// Words of this tool's context (Kind en Gezin, OCMW, months, seasons).
    Context,
    /// Common passwords.
    Passwords,
    /// Common Dutch words.
    Dutch,
    /// Flemish first names.
    FirstNames,
    /// Flemish surnames.
    Surnames,
    /// Common English words.
    English,
    /// Belgian municipalities and localities (Dutch and French names).
    Places,
}

impl List {
    fn from_name(name: &str) -> Option<List> {
        Some(match name {
            "context" => List::Context,
            "passwords" => List::Passwords,
            "dutch" => List::Dutch,
            "firstnames" => List::FirstNames,
            "surnames" => List::Surnames,
            "english" => List::English,
            _ => return None,
        })
    }
}

/// A sorted run of words separated by one space, with the rank it stands for.
pub struct Bucket {
    /// Which list.
    pub list: List,
    /// The rank of every word in it.
    pub rank: u32,
    words: &'static str,
}

impl Bucket {
    fn new(list: List, rank: u32, words: &'static str) -> Bucket {
        Bucket { list, rank, words }
    }

    /// The words of the bucket.
    pub fn words(&self) -> impl Iterator<Item = &'static str> {
        self.words.split(' ').filter(|w| !w.is_empty())
    }
}

/// Rank given to a Belgian place name: there are about 2,800 localities
/// and municipalities, unordered; an attacker trying them all averages
/// half of them.
const PLACE_RANK: u32 = 1400;

/// Every bucket of every list, the places last.
pub fn buckets() -> &'static [Bucket] {
    static BUCKETS: OnceLock<Vec<Bucket>> = OnceLock::new();
    BUCKETS.get_or_init(|| {
        let mut out = Vec::new();
        let mut list = None;
        let mut k = 0u32;
        for line in DATA.lines() {
            if let Some(name) = line.strip_prefix('#') {
                list = List::from_name(name);
                k = 0;
                continue;
            }
            if let Some(list) = list {
                if !line.is_empty() {
                    out.push(Bucket::new(list, 1u32 << k.min(31), line));
                }
            }
            k += 1;
        }
        out.push(Bucket::new(List::Places, PLACE_RANK, places()));
        out
    })
}

/// The folded names of every Belgian locality and municipality, Dutch and
/// French, sorted, separated by one space; built once from the postal data.
fn places() -> &'static str {
    static PLACES: OnceLock<String> = OnceLock::new();
    PLACES.get_or_init(|| {
        let all = crate::postal::all()
            .iter()
            .flat_map(|l| [l.name, l.name_fr, l.municipality, l.municipality_fr]);
        let mut names: Vec<String> = super::inputs::fold_all(all)
            .into_iter()
            .filter(|folded| folded.len() >= 3 && folded.is_ascii())
            .collect();
        names.sort_unstable();
        names.dedup();
        names.join(" ")
    })
}

/// The outcome of looking a piece of a password up.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lookup {
    /// The piece is a word: the buckets that hold it.
    Word(&'static [Entry]),
    /// No word is the piece, but some word starts with it.
    Prefix,
    /// No word starts with the piece: longer pieces need not be tried.
    None,
}

/// One word of the index: where it is (`start`, `len` in the bucket's
/// text) and which bucket holds it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Entry {
    start: u32,
    len: u16,
    bucket: u16,
}

impl Entry {
    /// The bucket that holds this word.
    pub fn bucket(&self) -> &'static Bucket {
        let all = buckets();
        // Entries are made from `buckets()` itself: always in range.
        &all[usize::from(self.bucket).min(all.len().saturating_sub(1))]
    }

    fn text(&self) -> &'static [u8] {
        self.text_in(buckets())
    }

    /// [`Entry::text`] with the buckets already at hand.
    fn text_in(&self, all: &'static [Bucket]) -> &'static [u8] {
        let Some(bucket) = all.get(usize::from(self.bucket)) else {
            return &[];
        };
        let start = self.start as usize;
        bucket
            .words
            .as_bytes()
            .get(start..start + usize::from(self.len))
            .unwrap_or_default()
    }
}

/// Every word of every bucket, sorted (a word in several buckets appears
/// once for each, side by side).
pub fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| {
        // At most one word per space, plus one per bucket: no regrowth
        // (each one a copy and a wipe in WebAssembly).
        let words: usize = buckets()
            .iter()
            .map(|b| b.words.bytes().filter(|&c| c == b' ').count() + 1)
            .sum();
        let mut out = Vec::with_capacity(words);
        for (b, bucket) in buckets().iter().enumerate() {
            let mut start = 0usize;
            for word in bucket.words.split(' ') {
                if !word.is_empty() {
                    out.push(Entry {
                        start: start as u32,
                        len: word.len().min(usize::from(u16::MAX)) as u16,
                        bucket: b as u16,
                    });
                }
                start += word.len() + 1;
            }
        }
        // Sorted by their text at hand (not looked up through the buckets
        // at each comparison: in WebAssembly that sort was about 6 ms of
        // the first password check); stable, so a word in several buckets
        // keeps the buckets' order.
        let all = buckets();
        let mut keyed: Vec<(&'static [u8], Entry)> =
            out.into_iter().map(|e| (e.text_in(all), e)).collect();
        keyed.sort_by(|a, b| a.0.cmp(b.0));
        keyed.into_iter().map(|(_, e)| e).collect()
    })
}

/// Whether `text` (lower-case ASCII bytes) is a word of any list, a
/// prefix of one, or neither.
pub fn lookup(text: &[u8]) -> Lookup {
    let index = index();
    let first = index.partition_point(|e| e.text() < text);
    let equal = index
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|e| e.text() == text)
        .count();
    if equal > 0 {
        return Lookup::Word(index.get(first..first + equal).unwrap_or_default());
    }
    match index.get(first) {
        Some(e) if e.text().starts_with(text) => Lookup::Prefix,
        _ => Lookup::None,
    }
}

/// A piece of a password looked up one byte at a time, as the estimator
/// grows it (`text[i..=j]` for j = i, i + 1, …): the range of the sorted
/// index whose words start with the piece so far narrows with each byte,
/// by a binary search on that one byte, where [`lookup`] searches the
/// whole index again with whole-word comparisons. [`Prefixes::push`]
/// answers exactly what [`lookup`] answers for the longer piece. Measured
/// natively on a 29-character passphrase: [`lookup`] and its comparisons
/// were 48 % of the estimate.
pub struct Prefixes {
    /// The entries `index()[lo..hi]` start with the piece.
    lo: usize,
    hi: usize,
    /// Bytes in the piece.
    len: usize,
}

/// For each byte, the range of [`index`] whose words start with it: the
/// first step of every [`Prefixes`], the one over the whole index, done
/// once (in WebAssembly, [`Prefixes::push`] was a fifth of a 29-character
/// passphrase's strength check before this table).
fn first_bytes() -> &'static [(u32, u32); 256] {
    static FIRST: OnceLock<[(u32, u32); 256]> = OnceLock::new();
    FIRST.get_or_init(|| {
        let index = index();
        let all = buckets();
        let first = |e: &Entry| e.text_in(all).first().copied();
        std::array::from_fn(|b| {
            let b = Some(b as u8);
            let lo = index.partition_point(|e| first(e) < b);
            let hi = index.partition_point(|e| first(e) <= b);
            (lo as u32, hi as u32)
        })
    })
}

impl Prefixes {
    /// The empty piece: every word starts with it.
    pub fn new() -> Prefixes {
        Prefixes {
            lo: 0,
            hi: index().len(),
            len: 0,
        }
    }

    /// Adds `byte` (lower-case ASCII) to the piece and looks the piece up.
    pub fn push(&mut self, byte: u8) -> Lookup {
        let index = index();
        let all = buckets();
        let at = self.len;
        if at == 0 {
            let (lo, hi) = first_bytes()[usize::from(byte)];
            (self.lo, self.hi) = (lo as usize, hi as usize);
            self.len = 1;
            return self.found(index);
        }
        // The words of the range share the piece so far: they are sorted by
        // their byte at `at`, a word that ends there (`None`) first.
        let next = |e: &Entry| e.text_in(all).get(at).copied();
        let range = index.get(self.lo..self.hi).unwrap_or_default();
        let start = range.partition_point(|e| next(e) < Some(byte));
        let end = start
            + range
                .get(start..)
                .unwrap_or_default()
                .partition_point(|e| next(e) <= Some(byte));
        self.hi = self.lo + end;
        self.lo += start;
        self.len += 1;
        self.found(index)
    }

    /// The outcome for the piece, `index[lo..hi]` being the words that
    /// start with it.
    fn found(&self, index: &'static [Entry]) -> Lookup {
        let found = index.get(self.lo..self.hi).unwrap_or_default();
        // Words equal to the piece come first: shorter sorts before longer.
        let equal = found
            .iter()
            .take_while(|e| usize::from(e.len) == self.len)
            .count();
        if equal > 0 {
            Lookup::Word(found.get(..equal).unwrap_or_default())
        } else if found.is_empty() {
            Lookup::None
        } else {
            Lookup::Prefix
        }
    }
}

impl Default for Prefixes {
    fn default() -> Prefixes {
        Prefixes::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(word: &str) -> Vec<(List, u32)> {
        match lookup(word.as_bytes()) {
            Lookup::Word(entries) => entries
                .iter()
                .map(|e| (e.bucket().list, e.bucket().rank))
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn buckets_are_sorted_ascii_without_duplicates() {
        for b in buckets() {
            let words: Vec<&str> = b.words().collect();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{:?}", b.list);
            for w in words {
                assert!(
                    w.len() >= 2 && w.bytes().all(|c| c.is_ascii_graphic()),
                    "{w:?}"
                );
            }
        }
    }

    #[test]
    fn every_word_is_found_with_its_bucket_and_no_other() {
        for b in buckets() {
            for w in b.words() {
                let Lookup::Word(entries) = lookup(w.as_bytes()) else {
                    panic!("{w} not found");
                };
                assert!(entries.iter().any(|e| std::ptr::eq(e.bucket(), b)), "{w}");
                let mut longer = w.as_bytes().to_vec();
                longer.push(b'\x7f');
                assert_eq!(lookup(&longer), Lookup::None, "{w}");
            }
        }
        assert_eq!(lookup(b"wachtwoor"), Lookup::Prefix);
        assert_eq!(lookup(b"xq7vbzk"), Lookup::None);
        let total: usize = buckets().iter().map(|b| b.words().count()).sum();
        assert_eq!(index().len(), total);
    }

    /// [`Prefixes`] answers what [`lookup`] answers, piece by piece: for
    /// every word of every list grown one byte at a time, then one byte
    /// more (a letter, a byte no word holds), and for pieces that leave
    /// the index at once.
    #[test]
    fn prefixes_answer_as_lookup_does() {
        let mut pieces: Vec<Vec<u8>> = Vec::new();
        for b in buckets() {
            for w in b.words() {
                for extra in [b"s".as_slice(), b"e1", b"\0", b"\x7f"] {
                    pieces.push([w.as_bytes(), extra].concat());
                }
            }
        }
        pieces.extend(
            ["xq7vbzk", "wachtwoor", "a", "zzzzzz", "0", "!", "kotumepa"]
                .map(|p| p.as_bytes().to_vec()),
        );
        let mut checked = 0usize;
        for piece in &pieces {
            let mut prefixes = Prefixes::new();
            for j in 0..piece.len() {
                let got = prefixes.push(piece[j]);
                assert_eq!(got, lookup(&piece[..=j]), "{:?}", &piece[..=j]);
                checked += 1;
                if got == Lookup::None {
                    break;
                }
            }
        }
        assert!(checked > index().len() * 4, "{checked}");
    }

    #[test]
    fn known_words_with_their_lists() {
        let table = [
            ("password", List::Passwords),
            ("wachtwoord", List::Context),
            ("voorjaar", List::Context),
            ("fiets", List::Dutch),
            ("annelies", List::FirstNames),
            ("janssens", List::Surnames),
            ("geluwe", List::Places),
            ("wervik", List::Places),
            ("bruxelles", List::Places),
            ("brussel", List::Places),
        ];
        for (w, list) in table {
            let found = find(w);
            assert!(found.iter().any(|(l, _)| *l == list), "{w}: {found:?}");
        }
        assert!(find("xq7vbzk").is_empty());
        // Ranks as the data file's buckets say: "password" is among the
        // first four common passwords.
        assert!(find("password").iter().any(|&(_, r)| r <= 4));
    }
}
