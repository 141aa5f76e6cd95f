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

    /// Every walk of three keys or more in `chars` (zxcvbn's spatial matcher).
    pub fn walks(&self, chars: &[char]) -> Vec<Walk> {
        let keys = self.keys();
        let graph = Layout::graph(&keys);
        let neighbours: usize = graph.iter().map(|n| n.iter().flatten().count()).sum();
        // zxcvbn counts both characters of a key as starting positions.
        let starts = 2.0 * keys.len() as f64;
        let degree = neighbours as f64 / keys.len().max(1) as f64;
        let key_of = |c: char| keys.iter().position(|k| k.chars.contains(&c));
        let is_shifted = |c: char| keys.iter().any(|k| k.chars[1] == c && k.chars[0] != c);
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
