//! A small, strict JSON (RFC 8259) value with its reader and writer: all
//! the crate needs of JSON, without serde.
//!
//! * [`Value`] keeps object keys in document order ([`Object`] is an ordered
//!   list of pairs with lookup by key), so the documents the crate writes
//!   have the key order they are built in.
//! * [`parse`] accepts exactly RFC 8259 JSON and refuses the rest: control
//!   characters and lone UTF-16 surrogates in strings, numbers that overflow
//!   an `f64`, nesting deeper than [`MAX_DEPTH`], anything after the value.
//!   A key given twice keeps its first place and its last value.
//! * [`to_string`] and [`to_string_pretty`] write the compact and the
//!   two-space indented form, byte for byte as serde_json wrote them before
//!   this module replaced it.
//!
//! Values may hold personal data: [`Value`] has no `Debug`, and nothing here
//! logs. Freed memory is wiped by the WebAssembly allocator (`wipe.rs`).

/// Deepest nesting of arrays and objects [`parse`] accepts: 127, the limit
/// serde_json has (it refuses the 128th level).
pub const MAX_DEPTH: usize = 127;

/// A JSON value.
#[derive(Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Object),
}

/// A JSON number, kept as its literal text: checked against the grammar and
/// the range of an `f64` when read, written back as it was read.
///
/// Keeping the text makes reading and writing exact without the standard
/// library's float parsing and printing (some 13 KB of the gzipped
/// WebAssembly module, for numbers the crate never uses: a number in a
/// referral is a wrong type, and the crate writes none). [`Number::as_f64`]
/// converts when a caller needs to.
///
/// Two numbers are equal when their literals are.
#[derive(Clone, PartialEq, Eq)]
pub struct Number(String);

impl Number {
    /// The literal, e.g. `-12.5e3`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nearest `f64` (always finite: [`parse`] refuses what overflows).
    pub fn as_f64(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// A finite `f64` as serde_json writes it (`None` for NaN and the
    /// infinities): an integral value in the range of `u64` or `i64` as an
    /// integer (`-0` keeps its sign), any other as the shortest decimal that
    /// reads back the same, in plain notation for decimal exponents -5 to
    /// 15 (`0.00012`, `1234.5`, `1e16` as `1e+16`) and exponential outside
    /// (`1.5e-7`). Only the tests make numbers from floats (to compare
    /// with serde_json); the crate itself writes none.
    #[cfg(test)]
    pub fn from_f64(n: f64) -> Option<Number> {
        n.is_finite().then(|| Number(f64_literal(n)))
    }
}

impl From<u64> for Number {
    fn from(n: u64) -> Number {
        Number(n.to_string())
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Number {
        Number(n.to_string())
    }
}

/// A JSON object: key/value pairs in document order, each key once.
///
/// Equality ignores the order, as it does for JSON objects.
#[derive(Clone, Default)]
pub struct Object {
    pairs: Vec<(String, Value)>,
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        // Keys are unique, so equal lengths and a match for every pair of
        // one side is equality.
        self.len() == other.len() && self.iter().all(|(k, v)| other.get(k) == Some(v))
    }
}

impl Object {
    /// An empty object.
    pub fn new() -> Object {
        Object::default()
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the object has no keys.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value under `key`, to change it in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.pairs
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`: in its place when the key is present (the old
    /// value is returned), at the end when it is new.
    pub fn insert(&mut self, key: impl Into<String>, value: Value) -> Option<Value> {
        let key = key.into();
        match self.get_mut(&key) {
            Some(old) => Some(std::mem::replace(old, value)),
            None => {
                self.pairs.push((key, value));
                None
            }
        }
    }

    /// Removes `key`, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.pairs.iter().position(|(k, _)| k == key)?;
        Some(self.pairs.remove(at).1)
    }

    /// The keys, in document order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    /// The keys in ascending byte order (the order serde_json's map kept
    /// them in, which error lists follow).
    pub fn sorted_keys(&self) -> Vec<&str> {
        let keys: Vec<&str> = self.keys().collect();
        sorted_positions(&keys)
            .into_iter()
            .filter_map(|i| keys.get(i).copied())
            .collect()
    }

    /// The pairs, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Puts the keys in ascending byte order, here and in every nested
    /// object.
    pub fn sort_keys(&mut self) {
        let keys: Vec<&str> = self.keys().collect();
        let order = sorted_positions(&keys);
        let mut taken: Vec<Option<(String, Value)>> = self.pairs.drain(..).map(Some).collect();
        for i in order {
            if let Some(mut pair) = taken.get_mut(i).and_then(Option::take) {
                pair.1.sort_keys();
                self.pairs.push(pair);
            }
        }
    }
}

impl FromIterator<(String, Value)> for Object {
    /// Collects pairs; a repeated key keeps its first place and its last value.
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Object {
        let mut object = Object::new();
        for (k, v) in iter {
            object.insert(k, v);
        }
        object
    }
}

impl Value {
    /// An object of `pairs`, in this order (for documents built in code;
    /// the keys must differ).
    pub fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
        Value::Object(Object {
            pairs: pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        })
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The object, if this is one, to change it in place.
    pub fn as_object_mut(&mut self) -> Option<&mut Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&Vec<Value>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The number as an `f64`, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        self.as_number().map(Number::as_f64)
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value under `key` when this is an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }

    /// Puts the keys of every object in ascending byte order.
    pub fn sort_keys(&mut self) {
        match self {
            Value::Object(o) => o.sort_keys(),
            Value::Array(a) => a.iter_mut().for_each(Value::sort_keys),
            _ => {}
        }
    }
}

/// `null`, what indexing finds where there is nothing.
static NULL: Value = Value::Null;

impl std::ops::Index<&str> for Value {
    type Output = Value;

    /// The value under `key`; `null` when there is none or this is no object.
    fn index(&self, key: &str) -> &Value {
        self.get(key).unwrap_or(&NULL)
    }
}

impl std::ops::Index<usize> for Value {
    type Output = Value;

    /// The item at `index`; `null` when there is none or this is no array.
    fn index(&self, index: usize) -> &Value {
        self.as_array().and_then(|a| a.get(index)).unwrap_or(&NULL)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    /// `None` is `null`.
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Value {
        Value::Object(o)
    }
}

/// The positions of `keys` in ascending order of key, then position: a
/// heap sort, small and O(n log n) on hostile input, that costs the
/// WebAssembly module less than an instance of the standard sort.
fn sorted_positions(keys: &[&str]) -> Vec<usize> {
    let less = |a: usize, b: usize| (keys.get(a), a) < (keys.get(b), b);
    let sift = |v: &mut [usize], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less(v[child], v[child + 1]) {
            child += 1;
        }
        if !less(v[root], v[child]) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    let n = keys.len();
    let mut v: Vec<usize> = (0..n).collect();
    for start in (0..n / 2).rev() {
        sift(&mut v, start, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(&mut v, 0, end);
    }
    v
}

// ---------------------------------------------------------------------------
// Reading

/// Why [`parse`] refused a text, and where: a byte offset, never the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// What was wrong.
    pub kind: ParseErrorKind,
    /// Byte offset in the text where it was found.
    pub offset: usize,
}

/// What [`parse`] refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The text ended inside a value, or holds no value.
    Eof,
    /// A character that cannot stand here.
    Syntax,
    /// A control character (U+0000 to U+001F) unescaped in a string.
    ControlCharacter,
    /// An escape that JSON does not have, or a lone UTF-16 surrogate.
    Escape,
    /// A number that overflows an `f64`.
    NumberOutOfRange,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Something after the value.
    TrailingCharacters,
}

/// Reads one JSON value; whitespace may surround it, nothing else.
pub fn parse(text: &str) -> Result<Value, ParseError> {
    let mut p = Parser {
        text,
        at: 0,
        depth: 0,
    };
    p.skip_ws();
    let value = p.value()?;
    p.skip_ws();
    if p.at < text.len() {
        return Err(p.error(ParseErrorKind::TrailingCharacters));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
    depth: usize,
}

impl Parser<'_> {
    fn error(&self, kind: ParseErrorKind) -> ParseError {
        ParseError {
            kind,
            offset: self.at,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// The next byte, or the refusal for the text's end.
    fn next(&mut self) -> Result<u8, ParseError> {
        let b = self.peek().ok_or(self.error(ParseErrorKind::Eof))?;
        self.at += 1;
        Ok(b)
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Consumes `b` after optional whitespace, or refuses.
    fn expect(&mut self, b: u8) -> Result<(), ParseError> {
        self.skip_ws();
        match self.peek() {
            Some(c) if c == b => {
                self.at += 1;
                Ok(())
            }
            Some(_) => Err(self.error(ParseErrorKind::Syntax)),
            None => Err(self.error(ParseErrorKind::Eof)),
        }
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        match self.peek() {
            None => Err(self.error(ParseErrorKind::Eof)),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error(ParseErrorKind::Syntax)),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, ParseError> {
        for &want in word.as_bytes() {
            let start = self.at;
            if self.next()? != want {
                self.at = start;
                return Err(self.error(ParseErrorKind::Syntax));
            }
        }
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(ParseErrorKind::TooDeep));
        }
        self.at += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Value, ParseError> {
        self.enter()?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.at += 1;
        } else {
            loop {
                self.skip_ws();
                items.push(self.value()?);
                self.skip_ws();
                match self.next()? {
                    b',' => {}
                    b']' => break,
                    _ => {
                        self.at -= 1;
                        return Err(self.error(ParseErrorKind::Syntax));
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Result<Value, ParseError> {
        self.enter()?;
        let mut pairs = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.at += 1;
        } else {
            loop {
                self.expect(b'"')?;
                self.at -= 1;
                let key = self.string()?;
                self.expect(b':')?;
                self.skip_ws();
                let value = self.value()?;
                pairs.push((key, value));
                self.skip_ws();
                match self.next()? {
                    b',' => {}
                    b'}' => break,
                    _ => {
                        self.at -= 1;
                        return Err(self.error(ParseErrorKind::Syntax));
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Object(Object {
            pairs: merge_repeated_keys(pairs),
        }))
    }

    /// A string, the opening quote at `self.at`.
    fn string(&mut self) -> Result<String, ParseError> {
        self.at += 1;
        let mut out = String::new();
        let mut run = self.at;
        loop {
            let b = self.next()?;
            match b {
                b'"' => {
                    out.push_str(self.text.get(run..self.at - 1).unwrap_or_default());
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run..self.at - 1).unwrap_or_default());
                    out.push(self.escape()?);
                    run = self.at;
                }
                0x00..=0x1F => {
                    self.at -= 1;
                    return Err(self.error(ParseErrorKind::ControlCharacter));
                }
                _ => {}
            }
        }
    }

    /// The character of an escape, the backslash already read.
    fn escape(&mut self) -> Result<char, ParseError> {
        let c = match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let start = self.at - 2;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let rest = self.text.as_bytes().get(self.at..);
                        let low = if rest.is_some_and(|r| r.starts_with(b"\\u")) {
                            self.at += 2;
                            self.hex4()?
                        } else {
                            0
                        };
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            self.at = start;
                            return Err(self.error(ParseErrorKind::Escape));
                        }
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
                    }
                    _ => u32::from(unit),
                };
                // A lone low surrogate is the one value left that is no char.
                return char::from_u32(code).ok_or(ParseError {
                    kind: ParseErrorKind::Escape,
                    offset: start,
                });
            }
            _ => {
                self.at -= 2;
                return Err(self.error(ParseErrorKind::Escape));
            }
        };
        Ok(c)
    }

    fn hex4(&mut self) -> Result<u16, ParseError> {
        let mut unit = 0u16;
        for _ in 0..4 {
            let b = self.next()?;
            let digit = (b as char).to_digit(16).ok_or(ParseError {
                kind: ParseErrorKind::Escape,
                offset: self.at - 1,
            })?;
            unit = unit << 4 | digit as u16;
        }
        Ok(unit)
    }

    /// A number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.at;
        let digits = |p: &mut Parser<'_>| -> Result<(), ParseError> {
            if !matches!(p.peek(), Some(b'0'..=b'9')) {
                return Err(p.error(if p.peek().is_none() {
                    ParseErrorKind::Eof
                } else {
                    ParseErrorKind::Syntax
                }));
            }
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            Ok(())
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else {
            digits(self)?;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            digits(self)?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            digits(self)?;
        }
        let literal = self.text.get(start..self.at).unwrap_or_default();
        if overflows(literal) {
            return Err(ParseError {
                kind: ParseErrorKind::NumberOutOfRange,
                offset: start,
            });
        }
        Ok(Value::Number(Number(literal.to_owned())))
    }
}

/// The digits of 2^1024 - 2^970, halfway between `f64::MAX` and 2^1024: a
/// literal at least this large rounds to infinity (a tie goes to the even
/// 2^1024).
const HALFWAY_TO_INFINITY: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether a literal of the number grammar is too large for an `f64`;
/// decided on its digits, exactly, without converting it.
fn overflows(literal: &str) -> bool {
    let body = literal.trim_start_matches('-');
    let (mantissa, exp) = body.split_once(['e', 'E']).unwrap_or((body, "0"));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // The exponent, saturated far beyond any that matters.
    let exp_digits = exp.trim_start_matches(['+', '-']);
    let magnitude = exp_digits.bytes().fold(0i64, |acc, d| {
        (acc * 10 + i64::from(d - b'0')).min(1_000_000_000_000)
    });
    let exp = if exp.starts_with('-') {
        -magnitude
    } else {
        magnitude
    };
    // value = 0.DIGITS × 10^point, DIGITS without leading zeros.
    let all = int.bytes().chain(frac.bytes());
    let lead = all.clone().take_while(|d| *d == b'0').count();
    if lead == int.len() + frac.len() {
        return false; // zero
    }
    let point = int.len() as i64 - lead as i64 + exp;
    let digits = all.skip(lead);
    match point.cmp(&309) {
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal => {
            // Same magnitude as the halfway value: compare digit by digit,
            // the shorter side padded with zeros.
            let mut digits = digits;
            for &h in HALFWAY_TO_INFINITY {
                match digits.next().unwrap_or(b'0').cmp(&h) {
                    std::cmp::Ordering::Equal => continue,
                    other => return other == std::cmp::Ordering::Greater,
                }
            }
            true // equal to the halfway value, or above it
        }
    }
}

/// An object's pairs with each repeated key kept once, in its first place,
/// with its last value: what serde_json's map made of them.
fn merge_repeated_keys(mut pairs: Vec<(String, Value)>) -> Vec<(String, Value)> {
    if pairs.len() < 2 {
        return pairs;
    }
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    let order = sorted_positions(&keys);
    // In `order`, equal keys are neighbours, ascending by position.
    let mut merges: Vec<(usize, usize)> = Vec::new();
    let mut first = 0;
    for w in 1..=order.len() {
        let same = w < order.len() && keys.get(order[w]) == keys.get(order[first]);
        if !same {
            if w - first > 1 {
                merges.push((order[first], order[w - 1]));
                merges.extend(order[first + 1..w - 1].iter().map(|&p| (usize::MAX, p)));
            }
            first = w;
        }
    }
    if merges.is_empty() {
        return pairs;
    }
    let mut drop = vec![false; pairs.len()];
    for (into, from) in merges {
        let moved = std::mem::replace(&mut pairs[from].1, Value::Null);
        if let Some(slot) = pairs.get_mut(into) {
            slot.1 = moved;
        }
        drop[from] = true;
    }
    let mut i = 0;
    pairs.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
    pairs
}

// ---------------------------------------------------------------------------
// Writing

/// The compact form: no whitespace at all.
pub fn to_string(value: &Value) -> String {
    let mut out = Vec::new();
    write(value, &mut out, None);
    String::from_utf8(out).unwrap_or_default()
}

/// The pretty form: two-space indent, `": "` between key and value, `[]`
/// and `{}` when empty.
pub fn to_string_pretty(value: &Value) -> String {
    let mut out = Vec::new();
    write_pretty(value, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the pretty form (see [`to_string_pretty`]) to `out`.
pub fn write_pretty(value: &Value, out: &mut Vec<u8>) {
    write(value, out, Some(0));
}

/// Appends `value` to `out`, pretty at `indent` levels when it is `Some`.
fn write(value: &Value, out: &mut Vec<u8>, indent: Option<usize>) {
    let inner = indent.map(|n| n + 1);
    // Before an item: a comma after the first, the newline and indent.
    let open = |out: &mut Vec<u8>, first: bool| {
        if !first {
            out.push(b',');
        }
        if let Some(n) = inner {
            out.push(b'\n');
            out.resize(out.len() + 2 * n, b' ');
        }
    };
    let close = |out: &mut Vec<u8>, empty: bool, bracket: u8| {
        if let (Some(n), false) = (indent, empty) {
            out.push(b'\n');
            out.resize(out.len() + 2 * n, b' ');
        }
        out.push(bracket);
    };
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => out.extend_from_slice(n.0.as_bytes()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                open(out, i == 0);
                write(item, out, inner);
            }
            close(out, items.is_empty(), b']');
        }
        Value::Object(o) => {
            out.push(b'{');
            for (i, (k, v)) in o.iter().enumerate() {
                open(out, i == 0);
                write_string(k, out);
                out.extend_from_slice(if indent.is_some() { b": " } else { b":" });
                write(v, out, inner);
            }
            close(out, o.is_empty(), b'}');
        }
    }
}

/// A string in quotes: `"` and `\` escaped, the control characters as
/// `\b \t \n \f \r` or `\u00XX` (lower-case hex), everything else as is.
fn write_string(s: &str, out: &mut Vec<u8>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            0x09 => b't',
            0x0A => b'n',
            0x0C => b'f',
            0x0D => b'r',
            0x00..=0x1F => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[run..i]);
        out.push(b'\\');
        out.push(short);
        if short == b'u' {
            out.extend_from_slice(b"00");
            out.push(HEX[usize::from(b >> 4)]);
            out.push(HEX[usize::from(b & 0xF)]);
        }
        run = i + 1;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// `n` (finite) as serde_json writes an `f64`: see [`Number::from_f64`].
#[cfg(test)]
fn f64_literal(n: f64) -> String {
    // The ranges of serde_json's u64 and i64 (`u64::MAX as f64` is 2^64).
    if n.fract() == 0.0 && (0.0..u64::MAX as f64).contains(&n) {
        let sign = if n.is_sign_negative() { "-" } else { "" };
        return format!("{sign}{}", n as u64);
    }
    if n.fract() == 0.0 && (i64::MIN as f64..0.0).contains(&n) {
        return (n as i64).to_string();
    }
    // `{:e}` gives the shortest digits that read back the same:
    // `-1.2345e-7`. They are laid out again in serde_json's form.
    let sci = format!("{n:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let len = digits.len() as i32;
    let mut out = String::from(sign);
    if (-5..=15).contains(&exp) {
        if len - 1 <= exp {
            // 1234e7 → 12340000000.0
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (exp + 1 - len) as usize));
            out.push_str(".0");
        } else if exp >= 0 {
            // 1234e-2 → 12.34
            let (whole, part) = digits.split_at((exp + 1) as usize);
            out.push_str(whole);
            out.push('.');
            out.push_str(part);
        } else {
            // 1234e-6 → 0.001234
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        }
    } else {
        // 1234e30 → 1.234e+33
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&exp.abs().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's reading of a text of ours.
    fn theirs(v: &Value) -> serde_json::Value {
        serde_json::from_str(&to_string(v)).unwrap()
    }

    /// serde_json's value as ours, built item by item (numbers as the
    /// literal serde_json writes for them).
    fn ours(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(Number(n.to_string())),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(ours).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), ours(v))).collect())
            }
        }
    }

    #[test]
    fn refuses_what_serde_json_refuses() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let cases: Vec<(&str, String, ParseErrorKind)> = vec![
            ("empty text", "".into(), ParseErrorKind::Eof),
            ("only whitespace", " \n\t".into(), ParseErrorKind::Eof),
            (
                "a byte order mark",
                "\u{FEFF}{}".into(),
                ParseErrorKind::Syntax,
            ),
            (
                "a second value",
                "{} {}".into(),
                ParseErrorKind::TrailingCharacters,
            ),
            (
                "trailing garbage",
                "[1]x".into(),
                ParseErrorKind::TrailingCharacters,
            ),
            ("unclosed object", r#"{"a":1"#.into(), ParseErrorKind::Eof),
            (
                "unclosed string",
                r#"["Van den"#.into(),
                ParseErrorKind::Eof,
            ),
            (
                "trailing comma in array",
                "[1,]".into(),
                ParseErrorKind::Syntax,
            ),
            (
                "trailing comma in object",
                r#"{"a":1,}"#.into(),
                ParseErrorKind::Syntax,
            ),
            ("missing colon", r#"{"a" 1}"#.into(), ParseErrorKind::Syntax),
            ("single quotes", "{'a':1}".into(), ParseErrorKind::Syntax),
            ("bare key", "{a:1}".into(), ParseErrorKind::Syntax),
            (
                "key that is no string",
                "{1:1}".into(),
                ParseErrorKind::Syntax,
            ),
            ("comment", "[1 /* x */]".into(), ParseErrorKind::Syntax),
            ("capital literal", "True".into(), ParseErrorKind::Syntax),
            ("cut literal", "nul".into(), ParseErrorKind::Eof),
            ("wrong literal", "nulL".into(), ParseErrorKind::Syntax),
            ("NaN", "NaN".into(), ParseErrorKind::Syntax),
            ("Infinity", "[-Infinity]".into(), ParseErrorKind::Syntax),
            (
                "leading zero",
                "01".into(),
                ParseErrorKind::TrailingCharacters,
            ),
            (
                "negative leading zero",
                "-01".into(),
                ParseErrorKind::TrailingCharacters,
            ),
            ("plus sign", "+1".into(), ParseErrorKind::Syntax),
            ("bare minus", "-".into(), ParseErrorKind::Eof),
            ("point without digits", "1.".into(), ParseErrorKind::Eof),
            ("point first", ".5".into(), ParseErrorKind::Syntax),
            ("empty exponent", "[1e]".into(), ParseErrorKind::Syntax),
            (
                "hex number",
                "0x10".into(),
                ParseErrorKind::TrailingCharacters,
            ),
            ("overflow", "1e400".into(), ParseErrorKind::NumberOutOfRange),
            (
                "negative overflow",
                "-1e309".into(),
                ParseErrorKind::NumberOutOfRange,
            ),
            (
                "overflow by digits",
                format!("1{}", "0".repeat(309)),
                ParseErrorKind::NumberOutOfRange,
            ),
            (
                "overflow in fraction form",
                "0.00018e313".into(),
                ParseErrorKind::NumberOutOfRange,
            ),
            (
                "just over f64::MAX",
                "1.7976931348623159e308".into(),
                ParseErrorKind::NumberOutOfRange,
            ),
            (
                "huge exponent",
                "1e99999999999999999999999".into(),
                ParseErrorKind::NumberOutOfRange,
            ),
            (
                "raw tab in string",
                "\"Van\tden\"".into(),
                ParseErrorKind::ControlCharacter,
            ),
            (
                "raw newline in string",
                "\"D'Hondt\n\"".into(),
                ParseErrorKind::ControlCharacter,
            ),
            (
                "raw NUL in string",
                "\"a\u{0}\"".into(),
                ParseErrorKind::ControlCharacter,
            ),
            ("unknown escape", r#""\x41""#.into(), ParseErrorKind::Escape),
            (
                "escaped apostrophe",
                r#""D\'Hondt""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "short unicode escape",
                r#""\u12""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "non-hex unicode escape",
                r#""\u12G4""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "lone high surrogate",
                r#""\ud800""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "lone low surrogate",
                r#""\udc00x""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "high surrogate then letter",
                r#""\ud83dx""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "two high surrogates",
                r#""\ud83d\ud83d""#.into(),
                ParseErrorKind::Escape,
            ),
            (
                "high then other escape",
                r#""\ud83d\n""#.into(),
                ParseErrorKind::Escape,
            ),
            ("128 levels of nesting", deep(128), ParseErrorKind::TooDeep),
            (
                "objects 128 deep",
                format!("{}{}", r#"{"a":"#.repeat(128), "}".repeat(128)),
                ParseErrorKind::TooDeep,
            ),
        ];
        for (what, text, kind) in cases {
            assert!(
                serde_json::from_str::<serde_json::Value>(&text).is_err(),
                "serde_json accepts {what}"
            );
            match parse(&text) {
                Ok(_) => panic!("accepted {what}"),
                Err(e) => assert_eq!(e.kind, kind, "{what}"),
            }
        }
    }

    #[test]
    fn accepts_what_serde_json_accepts() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let cases: Vec<(&str, String)> = vec![
            (
                "a name with diacritics",
                r#"{"givenName":"Ayşe Nur","familyName":"Çelik-Yılmaz"}"#.into(),
            ),
            (
                "escapes of every kind",
                r#""\"\\\/\b\f\n\r\t\u00e9\u0000""#.into(),
            ),
            ("a surrogate pair", r#""N\u2019Diaye \ud83d\ude00""#.into()),
            ("decomposed Vietnamese", "\"Nguye\u{0302}\u{0303}n\"".into()),
            (
                "whitespace everywhere",
                " { \"a\" :\t[ 1 , 2 ]\r\n } ".into(),
            ),
            ("empty containers", r#"{"a":[],"b":{}}"#.into()),
            (
                "numbers of every form",
                "[0,-0,12,-3.25,1e2,1E+2,2.5e-3,1e-400,18446744073709551616]".into(),
            ),
            ("f64::MAX", "1.7976931348623157e308".into()),
            ("a long zero", format!("0.{}e999", "0".repeat(400))),
            ("127 levels of nesting", deep(127)),
            ("a key given twice", r#"{"a":1,"b":2,"a":3}"#.into()),
            ("DEL and a lone backslash escaped", "\"\u{7f}\\\\\"".into()),
        ];
        for (what, text) in cases {
            let want: serde_json::Value = serde_json::from_str(&text).unwrap();
            let Ok(got) = parse(&text) else {
                panic!("refused {what}")
            };
            assert!(theirs(&got) == want, "{what}");
        }
    }

    #[test]
    fn numbers_are_kept_as_written() {
        for literal in ["0", "-0", "12", "-3.250", "1E+2", "2.5e-3", "1e-400"] {
            let v = parse(literal).unwrap();
            assert_eq!(v.as_number().map(Number::as_str), Some(literal));
            assert_eq!(to_string(&v), literal);
            let f: f64 = literal.parse().unwrap();
            assert_eq!(v.as_f64().map(f64::to_bits), Some(f.to_bits()), "{literal}");
        }
    }

    /// Correct rounding, where serde_json (without its `float_roundtrip`
    /// feature) errs: it refuses `1.7976931348623158e308`, which rounds to
    /// `f64::MAX`.
    #[test]
    fn overflow_is_decided_as_the_standard_parser_rounds() {
        let halfway = std::str::from_utf8(HALFWAY_TO_INFINITY).unwrap();
        let just_below = format!("{}{}", &halfway[..308], "1");
        let cases = [
            ("1.7976931348623157e308", false),
            ("1.7976931348623158e308", false),
            ("1.79769313486231580793728971405303415079934132710037826936173778980444e308", false),
            ("1.7976931348623159e308", true),
            ("179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791", false),
            (halfway, true),
            (&just_below, false),
            ("-1e308", false),
            ("0.1e309", false),
            ("0.1e310", true),
            ("10e308", true),
            ("0e99999", false),
            ("1e-99999", false),
        ];
        for (literal, over) in cases {
            assert_eq!(overflows(literal), over, "{literal}");
            let f: f64 = literal.parse().unwrap();
            assert_eq!(f.is_infinite(), over, "the standard parser on {literal}");
        }
    }

    #[test]
    fn repeated_keys_keep_their_first_place_and_last_value() {
        let v =
            parse(r#"{"name":"Jan","team":"Menen","name":"Jan Van den Broeck","x":1,"name":"An"}"#)
                .unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.keys().collect::<Vec<_>>(), ["name", "team", "x"]);
        assert_eq!(v["name"].as_str(), Some("An"));
        assert_eq!(to_string(&v), r#"{"name":"An","team":"Menen","x":1}"#);
    }

    #[test]
    fn keys_keep_document_order_and_sort_on_request() {
        let mut v =
            parse(r#"{"referrer":1,"client":{"z":1,"a":[{"b":1,"a":2}]},"Zeta":2,"é":3}"#).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(
            o.keys().collect::<Vec<_>>(),
            ["referrer", "client", "Zeta", "é"]
        );
        assert_eq!(o.sorted_keys(), ["Zeta", "client", "referrer", "é"]);
        let before = v.clone();
        v.sort_keys();
        assert_eq!(
            to_string(&v),
            r#"{"Zeta":2,"client":{"a":[{"a":2,"b":1}],"z":1},"referrer":1,"é":3}"#
        );
        // Equality ignores key order, as for JSON objects.
        assert!(v == before);
        assert!(v != parse(r#"{"referrer":1}"#).unwrap());
    }

    #[test]
    fn many_keys_are_read_in_reasonable_time() {
        // 200 000 keys, half of them repeats: sorted, not compared pairwise.
        let body: Vec<String> = (0..200_000)
            .map(|i| format!("\"k{}\":{i}", i % 100_000))
            .collect();
        let text = format!("{{{}}}", body.join(","));
        let v = parse(&text).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 100_000);
        assert_eq!(o.keys().next(), Some("k0"));
        assert_eq!(v["k7"].as_str(), None);
        assert_eq!(v["k7"].as_number().map(Number::as_str), Some("100007"));
    }

    #[test]
    fn writes_strings_as_serde_json_does() {
        let mut all_ascii = String::new();
        (0u8..=0x7f).for_each(|b| all_ascii.push(char::from(b)));
        for s in [
            all_ascii.as_str(),
            "Anneleen D’Hondt",
            "N’Diaye \"Van den\" \\ Çelik-Yılmaz",
            "Nguye\u{0302}\u{0303}n Thi\u{0323} Thu Ha\u{0306}\u{0300}ng",
            "\u{2028}\u{2029}\u{FEFF}😀",
        ] {
            let v = Value::from(s);
            assert_eq!(to_string(&v), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn from_f64_writes_as_serde_json_does() {
        // Integral values as serde_json writes the integer types; the rest
        // as it writes an f64 (checked against serde_json below).
        let integers = [
            (0.0, "0"),
            (-0.0, "-0"),
            (40.0, "40"),
            (-1.0, "-1"),
            (1e16, "10000000000000000"),
            (123456789012345680.0, "123456789012345680"),
            (1.844674407370955e19, "18446744073709549568"),
            (i64::MIN as f64, "-9223372036854775808"),
        ];
        let floats = [
            (0.1, "0.1"),
            (52.3, "52.3"),
            (-2.75, "-2.75"),
            (1e-5, "0.00001"),
            (1.5e-6, "1.5e-6"),
            (1.8446744073709552e19, "1.8446744073709552e+19"),
            (-1e19, "-1e+19"),
            (1e300, "1e+300"),
            (5e-324, "5e-324"),
            (std::f64::consts::PI, "3.141592653589793"),
        ];
        for (f, want) in integers.into_iter().chain(floats) {
            let n = Number::from_f64(f).unwrap();
            assert_eq!(n.as_str(), want, "{f:e}");
            assert_eq!(n.as_f64().to_bits(), f.to_bits(), "{f:e}");
        }
        for (f, want) in floats {
            assert_eq!(serde_json::to_string(&f).unwrap(), want);
        }
        assert!(Number::from_f64(f64::NAN).is_none());
        assert!(Number::from_f64(f64::INFINITY).is_none());
    }

    /// A generated value, shown as its JSON text when a case fails (test
    /// data only: [`Value`] itself has no `Debug`).
    #[derive(Clone)]
    struct Shown(Value);

    impl std::fmt::Debug for Shown {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(&to_string(&self.0))
        }
    }

    /// Arbitrary values of ours: numbers as we make them, strings with
    /// control characters, keys in any order, repeats included.
    fn value() -> impl Strategy<Value = Shown> {
        let number = |n: Number| Shown(Value::Number(n));
        let string = |s: String| Shown(Value::String(s));
        let leaf = prop_oneof![
            Just(Shown(Value::Null)),
            any::<bool>().prop_map(|b| Shown(Value::Bool(b))),
            any::<i64>().prop_map(move |n| number(n.into())),
            any::<u64>().prop_map(move |n| number(n.into())),
            any::<f64>().prop_filter_map("finite", move |f| Number::from_f64(f).map(number)),
            "\\PC{0,20}".prop_map(string),
            "[\\x00-\\x1f\"\\\\/a\u{e9}\u{2019}\u{1F600}]{0,12}".prop_map(string),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(|items| Shown(
                    Value::Array(items.into_iter().map(|s| s.0).collect())
                )),
                proptest::collection::vec(("[a-c]{0,2}|\\PC{0,6}", inner), 0..6).prop_map(|kv| {
                    Shown(Value::Object(
                        kv.into_iter().map(|(k, v)| (k, v.0)).collect(),
                    ))
                }),
            ]
        })
    }

    /// Arbitrary serde_json values, numbers of all three kinds.
    fn serde_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as J;
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            any::<i64>().prop_map(J::from),
            any::<u64>().prop_map(J::from),
            any::<f64>()
                .prop_filter_map("finite", |f| serde_json::Number::from_f64(f).map(J::Number)),
            "\\PC{0,20}".prop_map(J::String),
            "[\\x00-\\x1f\"\\\\/a\u{e9}\u{2019}\u{1F600}]{0,12}".prop_map(J::String),
        ];
        leaf.prop_recursive(5, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
                proptest::collection::vec(("\\PC{0,6}", inner), 0..6)
                    .prop_map(|kv| J::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn serde_json_reads_what_we_write(Shown(v) in value()) {
            let compact: serde_json::Value = serde_json::from_str(&to_string(&v)).unwrap();
            let pretty: serde_json::Value = serde_json::from_str(&to_string_pretty(&v)).unwrap();
            let want = {
                // Ours item by item, for an independent comparison.
                let mut sorted = v.clone();
                sorted.sort_keys();
                serde_json::from_str::<serde_json::Value>(&to_string(&sorted)).unwrap()
            };
            prop_assert_eq!(&compact, &want);
            prop_assert_eq!(&pretty, &want);
            // Our own reading of our writing is the value itself.
            prop_assert!(parse(&to_string(&v)).unwrap() == v);
            prop_assert!(parse(&to_string_pretty(&v)).unwrap() == v);
        }

        #[test]
        fn we_read_what_serde_json_writes_and_write_it_back_byte_for_byte(v in serde_value()) {
            let compact = serde_json::to_string(&v).unwrap();
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let read = parse(&compact).unwrap();
            prop_assert!(read == ours(&v));
            prop_assert!(parse(&pretty).unwrap() == read);
            // serde_json's map kept the keys sorted, so ours are in the same
            // order: the output must be the same bytes.
            prop_assert_eq!(to_string(&read), compact);
            prop_assert_eq!(to_string_pretty(&read), pretty);
        }

        #[test]
        fn from_f64_matches_serde_json_and_reads_back(f in any::<f64>()) {
            prop_assume!(f.is_finite() && (f.fract() != 0.0 || f.abs() >= 1.8446744073709552e19));
            let n = Number::from_f64(f).unwrap();
            let theirs = serde_json::to_string(&f).unwrap();
            prop_assert_eq!(n.as_f64().to_bits(), f.to_bits());
            // Both are shortest forms that read back the same, laid out the
            // same way. Where two such digit strings are equally short, the
            // standard library and serde_json may pick a different last
            // digit (1575047741998280.3 and .2 for the same f64).
            prop_assert_eq!(theirs.parse::<f64>().unwrap().to_bits(), f.to_bits());
            let shape = |s: &str| -> String {
                s.chars().map(|c| if c.is_ascii_digit() { '9' } else { c }).collect()
            };
            prop_assert_eq!(shape(n.as_str()), shape(&theirs));
            // The significant digits, as integers, are neighbours at most.
            let significand = |s: &str| -> u128 {
                let mantissa = s.split(['e', 'E']).next().unwrap_or("");
                mantissa.chars().filter(char::is_ascii_digit).collect::<String>().parse().unwrap()
            };
            let (a, b) = (significand(n.as_str()), significand(&theirs));
            prop_assert!(a.abs_diff(b) <= 1, "{} vs {}", n.as_str(), theirs);
        }

        #[test]
        fn arbitrary_text_is_judged_as_serde_json_judges_it(
            text in proptest::collection::vec(
                proptest::sample::select(vec![
                    "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "\\udc00", "d83d",
                    "\\n", "null", "true", "fals", "1", "-", "0", ".", "e", "+", "1e999", "\"a\"",
                    " ", "\t", "\u{1}", "é",
                ]),
                0..24,
            ).prop_map(|parts| parts.concat()),
        ) {
            let want = serde_json::from_str::<serde_json::Value>(&text);
            match (parse(&text), want) {
                (Ok(got), Ok(want)) => prop_assert!(theirs(&got) == want),
                (Err(_), Err(_)) => {}
                (got, want) => prop_assert!(false, "{:?}: ours {} theirs {}", text, got.is_ok(), want.is_ok()),
            }
        }
    }
}
