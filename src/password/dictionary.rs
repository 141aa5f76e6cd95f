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
        let mut names: Vec<String> = Vec::new();
        for l in crate::postal::all() {
            for name in [l.name, l.name_fr, l.municipality, l.municipality_fr] {
                // Most names are ASCII: folded here without the Unicode
                // tables (which call into JavaScript on WebAssembly).
                let folded = if name.is_ascii() {
                    name.bytes()
                        .filter(u8::is_ascii_alphanumeric)
                        .map(|b| char::from(b.to_ascii_lowercase()))
                        .collect()
                } else {
                    crate::postal::fold(name)
                };
                if folded.len() >= 3 && folded.is_ascii() {
                    names.push(folded);
                }
            }
        }
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
        let words = self.bucket().words.as_bytes();
        let start = self.start as usize;
        words
            .get(start..start + usize::from(self.len))
            .unwrap_or_default()
    }
}

/// Every word of every bucket, sorted (a word in several buckets appears
/// once for each, side by side).
pub fn index() -> &'static [Entry] {
    static INDEX: OnceLock<Vec<Entry>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut out = Vec::new();
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
        out.sort_by(|a, b| a.text().cmp(b.text()));
        out
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
