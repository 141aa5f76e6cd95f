//! The registry of data-sharing protocols and postal-code routing.

use crate::date::Date;

/// One signed protocol between Opgroeien regie and one OCMW.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protocol {
    /// Stable identifier, e.g. `ocmw-wervik-2023`.
    pub id: String,
    /// Name of the OCMW, e.g. `OCMW Wervik`.
    pub ocmw_name: String,
    /// KBO (enterprise) number of the OCMW, `0212.181.659`.
    pub ocmw_kbo: String,
    /// Registered address of the OCMW.
    pub ocmw_address: String,
    /// The social workers' mailbox named in the protocol.
    pub mailbox: String,
    /// The local team named in the protocol.
    pub referring_team: String,
    /// Postal codes covered.
    pub postal_codes: Vec<String>,
    /// Municipalities (Statbel names) covered.
    pub municipalities: Vec<String>,
    /// First day in force.
    pub in_force_from: Date,
    /// Last day in force, if the protocol has ended or will end.
    pub in_force_until: Option<Date>,
    /// Data protection officer of Opgroeien regie.
    pub dpo_opgroeien: String,
    /// Data protection officer of the OCMW.
    pub dpo_ocmw: String,
    /// Human-readable reference of the protocol document.
    pub reference: String,
    /// Retention rule of protocol art. 3, in Dutch.
    pub retention: String,
}

/// The set of protocols in force, replaceable at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    /// All protocols, in document order.
    pub protocols: Vec<Protocol>,
}
