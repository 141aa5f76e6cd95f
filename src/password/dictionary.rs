//! The ranked word lists: `data/password-words.txt` (written by
//! `scripts/make-password-data.mjs` from zxcvbn-ts's lists; provenance and
//! licence in `data/README.md`) and the Belgian municipalities and
//! localities of [`crate::postal`].
//!
//! Each list is a run of *buckets*: bucket k holds the words of rank
//! 2^k to 2^(k+1) − 1, sorted and separated by one space, so a word is
//! found by binary search in each bucket without any index built at run
//! time. A word's rank is read as its bucket's lowest, 2^k.

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
#[derive(Clone, Copy)]
pub struct Bucket {
    /// Which list.
    pub list: List,
    /// The rank of every word in it.
    pub rank: u32,
    words: &'static str,
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
                    out.push(Bucket {
                        list,
                        rank: 1u32 << k.min(31),
                        words: line,
                    });
                }
            }
            k += 1;
        }
        out.push(Bucket {
            list: List::Places,
            rank: PLACE_RANK,
            words: places(),
        });
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
                let folded = crate::postal::fold(name);
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

/// The outcome of looking a prefix up in a bucket.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lookup {
    /// The text is a word of the bucket.
    Word,
    /// No word is the text, but some word starts with it.
    Prefix,
    /// No word starts with the text: longer texts need not be tried.
    None,
}

impl Bucket {
    /// Whether `text` (lower-case ASCII bytes) is a word of this bucket, a
    /// prefix of one, or neither.
    pub fn lookup(&self, text: &[u8]) -> Lookup {
        let words = self.words.as_bytes();
        // Binary search over byte positions: each probe reads the word
        // that contains the probed byte.
        let (mut lo, mut hi) = (0usize, words.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = words[..mid]
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |p| p + 1);
            let end = words[mid..]
                .iter()
                .position(|&b| b == b' ')
                .map_or(words.len(), |p| mid + p);
            let word = &words[start..end];
            if word < text {
                lo = end + 1;
            } else {
                hi = start;
            }
        }
        // `lo` is the start of the first word not below `text`.
        let first = words.get(lo..).unwrap_or_default();
        let end = first.iter().position(|&b| b == b' ').unwrap_or(first.len());
        let word = &first[..end];
        if word == text {
            Lookup::Word
        } else if word.starts_with(text) {
            Lookup::Prefix
        } else {
            Lookup::None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(word: &str) -> Vec<(List, u32)> {
        buckets()
            .iter()
            .filter(|b| b.lookup(word.as_bytes()) == Lookup::Word)
            .map(|b| (b.list, b.rank))
            .collect()
    }

    #[test]
    fn buckets_are_sorted_ascii_without_duplicates() {
        for b in buckets() {
            let words: Vec<&str> = b.words.split(' ').collect();
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
    fn every_word_is_found_and_no_other() {
        for b in buckets() {
            for w in b.words.split(' ') {
                assert_eq!(b.lookup(w.as_bytes()), Lookup::Word, "{w}");
                let mut longer = w.as_bytes().to_vec();
                longer.push(b'\x7f');
                assert_eq!(b.lookup(&longer), Lookup::None, "{w}");
            }
            if let Some(first) = b.words.split(' ').next() {
                if first.len() > 2 {
                    assert_eq!(
                        b.lookup(&first.as_bytes()[..first.len() - 1]),
                        Lookup::Prefix,
                        "{first}"
                    );
                }
            }
        }
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
