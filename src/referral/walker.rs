//! The walker over the untrusted input object: allowed keys, JSON types,
//! required and optional fields, every error collected with its dotted path.

use crate::error::{Code, FieldError, Problem};
use crate::json::{Object, Value};
use crate::schema;

/// An object with more keys than this is refused outright.
const MAX_KEYS: usize = 64;

/// At most this many unknown fields are reported.
pub(super) const MAX_UNKNOWN_REPORTED: usize = 20;

/// Longest key, in characters, quoted in an `unknown_field` path.
const MAX_KEY_CHARS: usize = 64;

/// An optional field: whether the user gave it, and its value if valid.
pub(super) struct Optional<T> {
    pub(super) given: bool,
    pub(super) value: Option<T>,
}

/// A string field as found in the input.
pub(super) enum Text<'a> {
    /// Missing, `null` or blank.
    Absent,
    /// Present with the wrong JSON type (already reported).
    WrongType,
    /// A non-blank string.
    Given(&'a str),
}

/// Walks the input, collecting field errors.
#[derive(Default)]
pub(super) struct Walker {
    pub(super) errors: Vec<FieldError>,
    unknown: usize,
}

impl Walker {
    pub(super) fn push(&mut self, field: &str, code: Code) {
        self.errors.push(FieldError::new(field, code));
    }

    pub(super) fn push_problem(&mut self, field: &str, problem: Problem) {
        self.errors.push(FieldError::from_problem(field, problem));
    }

    /// Reports keys outside `allowed`; refuses huge objects at once.
    pub(super) fn check_keys(
        &mut self,
        m: &Object,
        path: &str,
        allowed: impl Fn(&str) -> bool,
    ) -> Result<(), Vec<FieldError>> {
        if m.len() > MAX_KEYS {
            return Err(vec![FieldError::new(path, Code::InputTooLarge)]);
        }
        // Reported in byte order of the keys, whatever the input order.
        for key in m.sorted_keys() {
            if allowed(key) {
                continue;
            }
            self.unknown += 1;
            if self.unknown <= MAX_UNKNOWN_REPORTED {
                let key = printable_key(key);
                let field = if path.is_empty() {
                    key
                } else {
                    format!("{path}.{key}")
                };
                self.push(&field, Code::UnknownField);
            }
        }
        Ok(())
    }

    /// The object under the section `key`, its keys checked against the
    /// schema; `None` when missing or `null` (its fields are then reported
    /// as missing), or an `invalid_type` error.
    pub(super) fn section<'a>(
        &mut self,
        top: &'a Object,
        key: &str,
    ) -> Result<Option<&'a Object>, Vec<FieldError>> {
        let fields = schema::section(key).map_or(&[][..], |s| s.fields);
        match top.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(m)) => {
                self.check_keys(m, key, |k| fields.iter().any(|f| f.key == k))?;
                Ok(Some(m))
            }
            Some(_) => {
                self.push(key, Code::InvalidType);
                Ok(None)
            }
        }
    }

    pub(super) fn text<'a>(&mut self, m: &'a Object, field: &str) -> Text<'a> {
        let key = field.rsplit('.').next().unwrap_or(field);
        match m.get(key) {
            None | Some(Value::Null) => Text::Absent,
            Some(Value::String(s)) if s.trim().is_empty() => Text::Absent,
            Some(Value::String(s)) => Text::Given(s),
            Some(_) => {
                self.push(field, Code::InvalidType);
                Text::WrongType
            }
        }
    }

    /// A required string field, validated by `f`.
    pub(super) fn required<T, E: Into<Problem>>(
        &mut self,
        m: &Object,
        field: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        match self.text(m, field) {
            Text::Absent => {
                self.push(field, Code::Required);
                None
            }
            Text::WrongType => None,
            Text::Given(s) => f(s).map_err(|e| self.push_problem(field, e.into())).ok(),
        }
    }

    /// An optional string field, validated by `f`.
    pub(super) fn optional<T, E: Into<Problem>>(
        &mut self,
        m: &Object,
        field: &str,
        f: impl Fn(&str) -> Result<T, E>,
    ) -> Optional<T> {
        match self.text(m, field) {
            Text::Absent => Optional {
                given: false,
                value: None,
            },
            Text::WrongType => Optional {
                given: true,
                value: None,
            },
            Text::Given(s) => match f(s).map_err(Into::into) {
                Ok(v) => Optional {
                    given: true,
                    value: Some(v),
                },
                // Blank after normalisation (e.g. only invisible spaces
                // that are whitespace): treat as absent.
                Err(Problem {
                    code: Code::Required,
                    ..
                }) => Optional {
                    given: false,
                    value: None,
                },
                Err(problem) => {
                    self.push_problem(field, problem);
                    Optional {
                        given: true,
                        value: None,
                    }
                }
            },
        }
    }

    /// A consent confirmation: must be JSON `true`.
    pub(super) fn confirmed(&mut self, m: &Object, field: &str) -> bool {
        let key = field.rsplit('.').next().unwrap_or(field);
        match m.get(key) {
            Some(Value::Bool(true)) => true,
            None | Some(Value::Null) | Some(Value::Bool(false)) => {
                self.push(field, Code::ConsentMissing);
                false
            }
            Some(_) => {
                self.push(field, Code::InvalidType);
                false
            }
        }
    }
}

/// A key as shown in an error path: at most [`MAX_KEY_CHARS`] characters,
/// control and invisible characters replaced, so that a hostile key cannot
/// reorder or hide the message around it.
fn printable_key(key: &str) -> String {
    let key: String = key.chars().take(MAX_KEY_CHARS).collect();
    crate::validate::invisibility(&key)
        .map(|(c, invisible)| {
            if c.is_whitespace() && c != ' ' || invisible {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
