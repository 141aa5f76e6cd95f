//! Archives: one adapter per external crate.
