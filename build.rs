//! Writes the compact form of `data/postal-codes.csv` that `src/postal.rs`
//! embeds, into `OUT_DIR`.
//!
//! The CSV stays the source (see `data/README.md`); this form only exists
//! because it compresses better: the page ships the Wasm module packed with
//! LZMA, and the CSV is the largest piece of data in it. Rows are stably
//! sorted by postal code (as the run-time parser once did) and cut into
//! *entries*, maximal runs of rows with the same postal code and
//! municipality. Three files, one item per entry, in the same order:
//!
//! * `postal-codes.bin`: the postal code as the difference from the
//!   previous entry's (the first from 0), one byte each; a byte 255 adds
//!   255 and the difference goes on in the next byte.
//! * `postal-localities.txt`: one line per entry, its localities separated
//!   by `,`, each `name` or `name/name_fr`.
//! * `postal-municipalities.txt`: one line per entry: empty when the
//!   municipality is the previous entry's, else `name` or `name/name_fr`,
//!   where either part may be a run of k `=` meaning "the k-th locality
//!   of this entry" (its Dutch name on the left, its French name on the
//!   right; a lone part stands for both).
//!
//! A malformed CSV fails the build with its line number; no line is
//! skipped. `src/postal.rs` includes this file in its tests, which check
//! both the refusals and the round trip.

use std::path::Path;
use std::process::ExitCode;

/// The CSV header, checked so that a reordering of columns cannot go
/// unnoticed.
const HEADER: &str = "postal_code,locality,locality_fr,municipality,municipality_fr";

fn main() -> ExitCode {
    println!("cargo:rerun-if-changed=data/postal-codes.csv");
    let dir = std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default();
    let source = Path::new(&dir).join("data").join("postal-codes.csv");
    let out = Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default()).to_owned();
    let result = std::fs::read_to_string(&source)
        .map_err(|e| e.to_string())
        .and_then(|csv| encode(&csv))
        .and_then(|c| {
            let write = |name: &str, bytes: &[u8]| {
                std::fs::write(out.join(name), bytes).map_err(|e| format!("{name}: {e}"))
            };
            write("postal-codes.bin", &c.codes)?;
            write("postal-localities.txt", c.localities.as_bytes())?;
            write("postal-municipalities.txt", c.municipalities.as_bytes())
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}: {e}", source.display());
            ExitCode::FAILURE
        }
    }
}

/// The three parts of the compact form (see the module docs).
pub(crate) struct Compact {
    pub(crate) codes: Vec<u8>,
    pub(crate) localities: String,
    pub(crate) municipalities: String,
}

/// One CSV row with the defaults of empty columns filled in:
/// `(code, name, name_fr, municipality, municipality_fr)`.
type Row<'a> = (u16, &'a str, &'a str, &'a str, &'a str);

/// Encodes the CSV text, or says which line is malformed and why.
pub(crate) fn encode(csv: &str) -> Result<Compact, String> {
    let mut lines = csv.lines();
    if lines.next() != Some(HEADER) {
        return Err(format!("line 1: expected the header {HEADER}"));
    }
    let mut rows = Vec::new();
    for (i, line) in lines.enumerate() {
        rows.push(row(line).map_err(|e| format!("line {}: {e}", i + 2))?);
    }
    rows.sort_by_key(|r| r.0);

    let mut c = Compact {
        codes: Vec::new(),
        localities: String::new(),
        municipalities: String::new(),
    };
    let mut previous: Option<Row> = None;
    let mut rest = &rows[..];
    while let Some(first) = rest.first() {
        let len = rest
            .iter()
            .take_while(|r| (r.0, r.3, r.4) == (first.0, first.3, first.4))
            .count();
        let (entry, tail) = rest.split_at(len);
        rest = tail;
        if previous.is_some() {
            c.localities.push('\n');
            c.municipalities.push('\n');
        }
        let mut delta = first.0 - previous.map_or(0, |p| p.0);
        while delta >= 255 {
            c.codes.push(255);
            delta -= 255;
        }
        // Below 255 here.
        c.codes.push(delta as u8);
        for (k, r) in entry.iter().enumerate() {
            if k > 0 {
                c.localities.push(',');
            }
            c.localities.push_str(&pair(r.1, r.2));
        }
        if previous.is_none_or(|p| (p.3, p.4) != (first.3, first.4)) {
            c.municipalities
                .push_str(&municipality(entry, first.3, first.4));
        }
        previous = Some(*first);
    }
    Ok(c)
}

/// Parses and checks one data line.
fn row(line: &str) -> Result<Row<'_>, String> {
    let fields: Vec<&str> = line.split(',').collect();
    let &[code, name, name_fr, municipality, municipality_fr] = &fields[..] else {
        return Err(format!("expected 5 fields, found {}", fields.len()));
    };
    if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("postal code {code:?} is not four digits"));
    }
    if name.is_empty() {
        return Err("empty locality".into());
    }
    for field in &fields[1..] {
        if field.contains(['/', '=']) || field.trim() != *field {
            return Err(format!(
                "{field:?}: '/', '=' and leading or trailing spaces are not allowed"
            ));
        }
    }
    let name_fr = if name_fr.is_empty() { name } else { name_fr };
    let (municipality, fr_default) = if municipality.is_empty() {
        (name, name_fr)
    } else {
        (municipality, municipality)
    };
    let municipality_fr = if municipality_fr.is_empty() {
        fr_default
    } else {
        municipality_fr
    };
    let code = code.parse().map_err(|_| format!("postal code {code:?}"))?;
    Ok((code, name, name_fr, municipality, municipality_fr))
}

/// `a`, or `a/b` when the two differ.
fn pair(a: &str, b: &str) -> String {
    if a == b {
        a.to_owned()
    } else {
        format!("{a}/{b}")
    }
}

/// The municipality of an entry, by reference to one of its localities
/// when one bears its name.
fn municipality(entry: &[Row], nl: &str, fr: &str) -> String {
    let at = |k: usize| "=".repeat(k + 1);
    let find = |f: &dyn Fn(&Row) -> bool| entry.iter().position(f);
    if let Some(k) = find(&|r| r.1 == nl && r.2 == fr) {
        at(k)
    } else if let Some(k) = find(&|r| r.1 == nl) {
        format!("{}/{fr}", at(k))
    } else if let Some(k) = find(&|r| r.2 == fr) {
        format!("{nl}/{}", at(k))
    } else {
        pair(nl, fr)
    }
}
