//! The registry of data-sharing protocols and postal-code routing.

use crate::date::Date;
use crate::error::Code;

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

impl Protocol {
    /// Whether the protocol is in force on `day`.
    pub fn in_force_on(&self, day: Date) -> bool {
        day >= self.in_force_from && self.in_force_until.is_none_or(|end| day <= end)
    }

    /// Whether the protocol covers this postal code and municipality.
    pub fn covers(&self, postal_code: &str, municipality: &str) -> bool {
        self.postal_codes.iter().any(|c| c == postal_code)
            && self.municipalities.iter().any(|m| m == municipality)
    }
}

impl Registry {
    /// The protocol that routes a client living in `municipality` (official
    /// Statbel name, as resolved from the postal data) with `postal_code`.
    ///
    /// Errors: [`Code::NoProtocolForMunicipality`] when no protocol covers it;
    /// [`Code::ProtocolNotInForce`] when one covers it but none is in force
    /// on `today`.
    pub fn route(
        &self,
        postal_code: &str,
        municipality: &str,
        today: Date,
    ) -> Result<&Protocol, Code> {
        let mut covering = self
            .protocols
            .iter()
            .filter(|p| p.covers(postal_code, municipality))
            .peekable();
        if covering.peek().is_none() {
            return Err(Code::NoProtocolForMunicipality);
        }
        covering
            .find(|p| p.in_force_on(today))
            .ok_or(Code::ProtocolNotInForce)
    }
}
