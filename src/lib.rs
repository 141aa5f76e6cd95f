//! referral-seal: validate a minimal referral from a Kind en Gezin team member
//! to an OCMW and seal it into an AES-256 archive that 7-Zip opens.
//!
//! The crate reads as a pipeline, one module per step:
//!
//! 1. [`referral`]: untrusted JSON input → a validated [`Referral`], using the
//!    field validators in [`validate`] and the Belgian postal data in [`postal`];
//! 2. [`protocols`]: the registry of data-sharing protocols and the routing of
//!    a postal code to the OCMW whose protocol is in force;
//! 3. [`render`]: a referral → the documents inside the archive (txt, json, vcf);
//! 4. [`archive`]: documents → an AES-256 `.7z` or WinZip-AES `.zip`, re-opened
//!    and compared before it is returned;
//! 5. [`mail`]: the `.eml` draft and the `mailto:` link, which carry no
//!    personal data and never the password;
//! 6. [`seal`]: the whole pipeline behind one call.
//!
//! [`reference`](mod@reference) makes the neutral referral reference and archive name;
//! [`registry_check`] is the maintainers' check behind `make registry-check`;
//! [`password`] generates and rates passwords; [`error`] holds the stable
//! error codes and their Dutch messages; [`json`] reads and writes JSON. The core never imports
//! wasm-bindgen: only `wasm.rs` (built for `wasm32` only) does, so
//! `cargo test` runs natively. `wipe.rs` (the one module allowed `unsafe`)
//! is the WebAssembly build's allocator, which zeroes every block it frees,
//! and the shadow-stack wipe each export runs before it returns.
#![deny(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod archive;
pub mod date;
pub mod error;
pub mod json;
pub mod mail;
pub mod password;
pub mod postal;
pub mod protocols;
pub mod random;
pub mod reference;
pub mod referral;
pub mod registry_check;
pub mod render;
pub mod seal;
pub mod spelling;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(any(target_arch = "wasm32", test))]
mod wipe;

pub use date::Date;
pub use error::{Code, FieldError, SealError};
pub use protocols::{Protocol, Registry};
pub use referral::Referral;
