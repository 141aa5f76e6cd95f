//! The JSON value the crate reads and writes, and how it crosses the doors.
//!
//! * [`Value`] keeps object keys in the order they are built or read
//!   ([`Object`] is an ordered list of pairs with lookup by key), so the
//!   documents the crate writes have the key order they are built in.
//! * Reading is serde's: [`read`] takes a [`Value`] from any self-describing
//!   serde format, with nesting bounded by [`MAX_DEPTH`]. In WebAssembly the
//!   format is the caller's JavaScript object, read by `serde-wasm-bindgen`
//!   (`wasm.rs`; JSON text is parsed by the engine's `JSON.parse` first);
//!   natively it is JSON text, read by `serde_json` ([`parse`]). The crate
//!   has no JSON lexer of its own.
//! * Writing is serde's too: [`Value`] is `Serialize`, and [`write_pretty`]
//!   writes `doorverwijzing.json` with `serde_json`.
//!
//! Values may hold personal data: [`Value`] has no `Debug`, nothing here
//! logs, and no error says what was read. Freed memory is wiped by the
//! WebAssembly allocator (`wipe.rs`).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, Serializer};

/// Deepest nesting of arrays and objects [`read`] accepts. A referral needs
/// two levels, the protocol registry four; anything deeper is refused
/// before it is built, so hostile nesting cannot exhaust the stack.
pub const MAX_DEPTH: usize = 32;

/// A JSON value.
#[derive(Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number. The crate reads numbers only to refuse them (a number in
    /// a referral or a registry is a wrong type) and writes none.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object.
    Object(Object),
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
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
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

/// Why [`read`] refused a value. Neither variant says what was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
    /// Not a JSON value: bytes, a symbol, a function, malformed text, …
    Invalid,
}

/// Reads one value from a serde format, refusing nesting deeper than
/// [`MAX_DEPTH`]. The format's own error is dropped (serde's messages may
/// quote what they read); only its kind is kept.
pub fn read<'de, D: Deserializer<'de>>(from: D) -> Result<Value, ReadError> {
    let too_deep = Cell::new(false);
    let seed = Bounded {
        depth: MAX_DEPTH,
        too_deep: &too_deep,
    };
    seed.deserialize(from).map_err(|_: D::Error| {
        if too_deep.get() {
            ReadError::TooDeep
        } else {
            ReadError::Invalid
        }
    })
}

/// Reads a value at most `depth` levels deep; notes in `too_deep` when
/// that is why it refused.
#[derive(Clone, Copy)]
struct Bounded<'a> {
    depth: usize,
    too_deep: &'a Cell<bool>,
}

impl Bounded<'_> {
    /// The reader one level down, or the refusal when there is none.
    fn nested<E: de::Error>(self) -> Result<Self, E> {
        if self.depth == 0 {
            self.too_deep.set(true);
            return Err(E::custom("nesting too deep"));
        }
        Ok(Bounded {
            depth: self.depth - 1,
            ..self
        })
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, from: D) -> Result<Value, D::Error> {
        from.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, from: D) -> Result<Value, D::Error> {
        self.deserialize(from)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.nested()?;
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            pairs.push((key, map.next_value_seed(inner)?));
        }
        Ok(Value::Object(Object {
            pairs: merge_repeated_keys(pairs),
        }))
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

impl Serialize for Value {
    /// Objects as maps in their key order, `null` as unit.
    fn serialize<S: Serializer>(&self, to: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => to.serialize_unit(),
            Value::Bool(b) => to.serialize_bool(*b),
            Value::Number(n) => to.serialize_f64(*n),
            Value::String(s) => to.serialize_str(s),
            Value::Array(items) => to.collect_seq(items),
            Value::Object(o) => to.collect_map(o.iter()),
        }
    }
}

/// Reads JSON text with `serde_json` (native builds: tests, fuzzing; the
/// WebAssembly build gets its values from JavaScript). A key given twice
/// keeps its first place and its last value.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Value, ReadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = read(&mut de)?;
    de.end().map_err(|_| ReadError::Invalid)?;
    Ok(value)
}

/// The compact JSON text of `value` (native builds).
#[cfg(not(target_arch = "wasm32"))]
pub fn to_string(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The pretty JSON text of `value` (native builds): see [`write_pretty`].
#[cfg(not(target_arch = "wasm32"))]
pub fn to_string_pretty(value: &Value) -> String {
    let mut out = Vec::new();
    write_pretty(value, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the pretty JSON text of `value` to `out`: two-space indent,
/// `": "` between key and value, `[]` and `{}` when empty (serde_json's
/// pretty form; `doorverwijzing.json` has always been written in it).
///
/// serde_json rather than a writer of our own: measured in the page's
/// engine (`target/page-pkg`, wasm-opt -O3), it costs 2.5 KB gzipped
/// (4.7 KB raw) more than the hand-written writer it replaced, under the
/// 5 KB rule of thumb for keeping our own code.
pub fn write_pretty(value: &Value, out: &mut Vec<u8>) {
    // Writing to a `Vec` cannot fail, and a `Value` always serialises.
    let _ = serde_json::to_writer_pretty(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// serde_json's value as ours, built item by item.
    fn ours(v: &serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.as_f64().unwrap()),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => Value::Array(a.iter().map(ours).collect()),
            serde_json::Value::Object(o) => {
                Value::Object(o.iter().map(|(k, v)| (k.clone(), ours(v))).collect())
            }
        }
    }

    fn nested(n: usize) -> String {
        format!("{}{}", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn nesting_is_bounded_before_it_is_built() {
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(
            parse(&nested(MAX_DEPTH + 1)).err(),
            Some(ReadError::TooDeep)
        );
        let objects = format!(
            "{}{}",
            r#"{"a":"#.repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(parse(&objects).err(), Some(ReadError::TooDeep));
        // Far deeper than serde_json's own recursion limit (128): still ours.
        assert_eq!(parse(&nested(100_000)).err(), Some(ReadError::TooDeep));
    }

    #[test]
    fn what_is_not_json_is_invalid() {
        for text in [
            "",
            "{",
            "[1,]",
            "{} {}",
            r#"{"a": "\ud800"}"#,
            "\u{FEFF}{}",
            "NaN",
        ] {
            assert_eq!(parse(text).err(), Some(ReadError::Invalid), "{text:?}");
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
        assert_eq!(to_string(&v), r#"{"name":"An","team":"Menen","x":1.0}"#);
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
            r#"{"Zeta":2.0,"client":{"a":[{"a":2.0,"b":1.0}],"z":1.0},"referrer":1.0,"é":3.0}"#
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
        let v = parse(&format!("{{{}}}", body.join(","))).unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.len(), 100_000);
        assert_eq!(o.keys().next(), Some("k0"));
        assert_eq!(v["k7"].as_f64(), Some(100_007.0));
    }

    #[test]
    fn the_pretty_form_is_serde_jsons() {
        let v = Value::object([
            ("schema", "referral-seal/referral/v1".into()),
            ("empty", Value::Array(Vec::new())),
            ("none", Value::Object(Object::new())),
            ("list", vec!["8940", "8820"].into()),
            (
                "nested",
                Value::object([("ok", true.into()), ("no", Value::Null)]),
            ),
        ]);
        assert_eq!(
            to_string_pretty(&v),
            "{\n  \"schema\": \"referral-seal/referral/v1\",\n  \"empty\": [],\n  \"none\": {},\n  \
             \"list\": [\n    \"8940\",\n    \"8820\"\n  ],\n  \"nested\": {\n    \"ok\": true,\n    \
             \"no\": null\n  }\n}"
        );
    }

    /// Arbitrary serde_json values (no numbers: the crate writes none).
    fn serde_value() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value as J;
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
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
        fn reads_what_serde_json_writes_and_writes_it_back(v in serde_value()) {
            let compact = serde_json::to_string(&v).unwrap();
            let pretty = serde_json::to_string_pretty(&v).unwrap();
            let read = parse(&compact).unwrap();
            prop_assert!(read == ours(&v));
            prop_assert!(parse(&pretty).unwrap() == read);
            // serde_json's map keeps keys sorted, and so does our reading of
            // its text: the same bytes come back.
            prop_assert_eq!(to_string(&read), compact);
            prop_assert_eq!(to_string_pretty(&read), pretty);
        }
    }
}
