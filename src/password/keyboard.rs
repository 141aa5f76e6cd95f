//! Keyboard layouts and their adjacency graphs, for keyboard patterns
//! (`azertyuiop`, `qsdfghjklm`, `1q2w3e4r`, `!QAZ2wsx`).
//!
//! zxcvbn-ts's `@zxcvbn-ts/language-common` has a QWERTY graph and a French
//! AZERTY one, but no Belgian AZERTY (the keyboard of Flemish offices:
//! digits on the shifted number row, `²³ &1 é2 "3 …`, `^¨ $*`, `ù% µ£`,
//! `<>` and `,? ;. :/ =+`). Both graphs are built here from the layouts
//! themselves, as zxcvbn's own build script does: keys on a slanted grid,
//! each key's six neighbours (left, upper left, upper right, right, lower
//! right, lower left), so rows, the slanted columns (`1qaz`, `&azq`) and
//! the zigzags between two rows (`1q2w3e`) are all walks on the graph.

/// One key: its unshifted and shifted character, its row, and its place on
/// the row in half-key units.
#[derive(Clone, Copy)]
struct Key {
    chars: [char; 2],
    row: i8,
    x2: i8,
}

/// A keyboard: rows of two-character keys (unshifted, shifted) separated by
/// spaces, each row starting `offset` half keys right of the number row's
/// first key.
pub struct Layout {
    /// Name, for tests.
    pub name: &'static str,
    rows: [(i8, &'static str); 4],
}

/// The US QWERTY keyboard (zxcvbn's `qwerty` graph).
pub const QWERTY: Layout = Layout {
    name: "qwerty",
    rows: [
        (0, "`~ 1! 2@ 3# 4$ 5% 6^ 7& 8* 9( 0) -_ =+"),
        (3, "qQ wW eE rR tT yY uU iI oO pP [{ ]} \\|"),
        (4, "aA sS dD fF gG hH jJ kK lL ;: '\""),
        (5, "zZ xX cC vV bB nN mM ,< .> /?"),
    ],
};

/// The Belgian AZERTY keyboard (Windows "Belgian (Period)"), ISO: the `<>`
/// key left of `w`.
pub const AZERTY_BE: Layout = Layout {
    name: "azerty-be",
    rows: [
        (0, "²³ &1 é2 \"3 '4 (5 §6 è7 !8 ç9 à0 )° -_"),
        (3, "aA zZ eE rR tT yY uU iI oO pP ^¨ $*"),
        (4, "qQ sS dD fF gG hH jJ kK lL mM ù% µ£"),
        (3, "<> wW xX cC vV bB nN ,? ;. :/ =+"),
    ],
};

/// The layouts searched for patterns.
pub const LAYOUTS: [&Layout; 2] = [&QWERTY, &AZERTY_BE];

/// The six directions, in the order zxcvbn numbers them.
const DIRECTIONS: [(i8, i8); 6] = [(0, -2), (-1, -1), (-1, 1), (0, 2), (1, 1), (1, -1)];

/// A layout's keys and adjacency graph, with zxcvbn's number of starting
/// positions and average degree.
#[derive(Clone)]
struct Prepared {
    keys: Vec<Key>,
    graph: Vec<[Option<usize>; 6]>,
    starts: f64,
    degree: f64,
    /// For each ASCII character: the first key that has it, and whether
    /// it is typed with Shift (searched in `keys` for other characters).
    ascii: [(Option<usize>, bool); 128],
}

impl Prepared {
    /// The first key that has `c`.
    fn key_of(&self, c: char) -> Option<usize> {
        match self.ascii.get(c as usize) {
            Some(&(key, _)) => key,
            None => self.keys.iter().position(|k| k.chars.contains(&c)),
        }
    }

    /// Whether `c` is typed with Shift.
    fn is_shifted(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(&(_, shifted)) => shifted,
            None => self.keys.iter().any(|k| k.chars[1] == c && k.chars[0] != c),
        }
    }
}

/// A keyboard walk found in a password.
pub struct Walk {
    /// First character (index into the password's characters).
    pub i: usize,
    /// Last character, inclusive.
    pub j: usize,
    /// Number of changes of direction, plus one.
    pub turns: u32,
    /// Characters typed with Shift.
    pub shifted: u32,
    /// Keys of the layout (zxcvbn's starting positions).
    pub keys: f64,
    /// Average number of neighbours of a key.
    pub degree: f64,
}

impl Layout {
    fn keys(&self) -> Vec<Key> {
        let mut keys = Vec::new();
        for (row, &(offset, text)) in self.rows.iter().enumerate() {
            for (col, token) in text.split(' ').enumerate() {
                let mut cs = token.chars();
                if let (Some(a), Some(b)) = (cs.next(), cs.next()) {
                    keys.push(Key {
                        chars: [a, b],
                        row: row as i8,
                        x2: offset + 2 * col as i8,
                    });
                }
            }
        }
        keys
    }

    /// For each key, its neighbour in each direction (an index into `keys`).
    fn graph(keys: &[Key]) -> Vec<[Option<usize>; 6]> {
        keys.iter()
            .map(|k| {
                DIRECTIONS.map(|(dr, dx)| {
                    keys.iter()
                        .position(|n| n.row == k.row + dr && n.x2 == k.x2 + dx)
                })
            })
            .collect()
    }

    /// The keys, their graph and zxcvbn's counts, built once per layout
    /// of [`LAYOUTS`] (another layout, as in the tests, is built for each
    /// call). Measured natively: building the graph at every estimate was
    /// 12 % of a 29-character passphrase's estimate (its neighbour search
    /// is quadratic in the keys).
    fn prepared(&self) -> std::borrow::Cow<'static, Prepared> {
        static PREPARED: std::sync::OnceLock<Vec<Prepared>> = std::sync::OnceLock::new();
        let all = PREPARED.get_or_init(|| LAYOUTS.iter().map(|l| l.prepare()).collect());
        match LAYOUTS.iter().position(|l| l.name == self.name) {
            Some(i) if i < all.len() => std::borrow::Cow::Borrowed(&all[i]),
            _ => std::borrow::Cow::Owned(self.prepare()),
        }
    }

    fn prepare(&self) -> Prepared {
        let keys = self.keys();
        let graph = Layout::graph(&keys);
        let neighbours: usize = graph.iter().map(|n| n.iter().flatten().count()).sum();
        // zxcvbn counts both characters of a key as starting positions.
        let starts = 2.0 * keys.len() as f64;
        let degree = neighbours as f64 / keys.len().max(1) as f64;
        let ascii = std::array::from_fn(|b| {
            let c = char::from(b as u8);
            (
                keys.iter().position(|k| k.chars.contains(&c)),
                keys.iter().any(|k| k.chars[1] == c && k.chars[0] != c),
            )
        });
        Prepared {
            keys,
            graph,
            starts,
            degree,
            ascii,
        }
    }

    /// Every walk of three keys or more in `chars` (zxcvbn's spatial matcher).
    pub fn walks(&self, chars: &[char]) -> Vec<Walk> {
        let prepared = self.prepared();
        let Prepared {
            keys,
            graph,
            starts,
            degree,
            ..
        } = &*prepared;
        let (starts, degree) = (*starts, *degree);
        let key_of = |c: char| prepared.key_of(c);
        let is_shifted = |c: char| prepared.is_shifted(c);
        let mut out = Vec::new();
        let n = chars.len();
        let mut i = 0;
        while i + 1 < n {
            let mut j = i + 1;
            let mut last_direction = None;
            let mut turns = 0;
            let mut shifted = u32::from(is_shifted(chars[i]));
            loop {
                let mut found = false;
                if j < n {
                    if let Some(prev) = key_of(chars[j - 1]) {
                        for (d, neighbour) in graph[prev].iter().enumerate() {
                            let Some(nk) = neighbour else { continue };
                            if let Some(pos) = keys[*nk].chars.iter().position(|&c| c == chars[j]) {
                                found = true;
                                if pos == 1 && keys[*nk].chars[0] != chars[j] {
                                    shifted += 1;
                                }
                                if last_direction != Some(d) {
                                    turns += 1;
                                    last_direction = Some(d);
                                }
                                break;
                            }
                        }
                    }
                }
                if found {
                    j += 1;
                } else {
                    if j - i > 2 {
                        out.push(Walk {
                            i,
                            j: j - 1,
                            turns,
                            shifted,
                            keys: starts,
                            degree,
                        });
                    }
                    i = j;
                    break;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole_walk(layout: &Layout, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        layout
            .walks(&chars)
            .iter()
            .any(|w| w.i == 0 && w.j == chars.len() - 1)
    }

    #[test]
    fn walks_on_each_layout() {
        let table: [(&Layout, &str, bool); 16] = [
            (&AZERTY_BE, "azertyuiop", true),
            (&AZERTY_BE, "qsdfghjklm", true),
            (&AZERTY_BE, "wxcvbn", true),
            (&AZERTY_BE, "poiuytreza", true),
            (&AZERTY_BE, "&azqsw", true),
            (&AZERTY_BE, "azwx", false), // z and w are two rows apart
            (&AZERTY_BE, "aqw", true),   // the slanted column a, q, w
            (&AZERTY_BE, "&aq<", true),
            (&QWERTY, "qwertyuiop", true),
            (&QWERTY, "1qaz", true),
            (&QWERTY, "1q2w3e4r5t6y", true),
            (&QWERTY, "!QAZ", true),
            (&QWERTY, "zaq1", true),
            (&QWERTY, "asdfgh", true),
            (&QWERTY, "azertyuiop", false),
            (&QWERTY, "qsdfghjklm", false),
        ];
        for (layout, text, want) in table {
            assert_eq!(whole_walk(layout, text), want, "{} {text}", layout.name);
        }
    }

    #[test]
    fn three_walks_in_a_mixed_pattern() {
        let chars: Vec<char> = "!QAZ2wsx#EDC".chars().collect();
        let walks = QWERTY.walks(&chars);
        let spans: Vec<(usize, usize, u32)> = walks.iter().map(|w| (w.i, w.j, w.shifted)).collect();
        assert_eq!(spans, [(0, 3, 4), (4, 7, 0), (8, 11, 4)]);
    }

    /// The prepared layouts' character table answers as a search of the
    /// keys does, for every ASCII character and the layouts' others.
    #[test]
    fn prepared_tables_match_the_keys() {
        for layout in LAYOUTS {
            let prepared = layout.prepared();
            assert!(matches!(prepared, std::borrow::Cow::Borrowed(_)));
            let keys = layout.keys();
            let chars = (0u8..128).map(char::from).chain("²³é§è!çà°¨ù%µ£".chars());
            for c in chars {
                assert_eq!(
                    prepared.key_of(c),
                    keys.iter().position(|k| k.chars.contains(&c)),
                    "{} {c:?}",
                    layout.name
                );
                assert_eq!(
                    prepared.is_shifted(c),
                    keys.iter().any(|k| k.chars[1] == c && k.chars[0] != c),
                    "{} {c:?}",
                    layout.name
                );
            }
        }
        // A layout outside LAYOUTS is prepared for the call.
        let other = Layout {
            name: "other",
            rows: QWERTY.rows,
        };
        assert!(matches!(other.prepared(), std::borrow::Cow::Owned(_)));
    }

    #[test]
    fn graph_sizes() {
        // Every key of the four rows: 13 + 13 + 11 + 10 on QWERTY.
        assert_eq!(QWERTY.keys().len(), 47);
        assert_eq!(AZERTY_BE.keys().len(), 13 + 12 + 12 + 11);
        let keys = AZERTY_BE.keys();
        let graph = Layout::graph(&keys);
        // `s` has six neighbours: q, d, z, e, x, w.
        let s = keys.iter().position(|k| k.chars[0] == 's').unwrap();
        let names: Vec<char> = graph[s]
            .iter()
            .flatten()
            .map(|&n| keys[n].chars[0])
            .collect();
        assert_eq!(names, ['q', 'z', 'e', 'd', 'x', 'w']);
    }
}
