//! Randomness, only from the operating system's or browser's CSPRNG.
//!
//! Everything random (passwords, references, salts, IVs) goes through
//! [`fill`]. When no secure source is available the operation is refused
//! with [`Code::RandomUnavailable`]; there is no fallback.

use crate::error::Code;

/// Fills `buf` with cryptographically secure random bytes.
pub fn fill(buf: &mut [u8]) -> Result<(), Code> {
    getrandom::fill(buf).map_err(|_| Code::RandomUnavailable)
}

/// A uniformly distributed index below `n` (`n` > 0), without modulo bias.
pub fn index_below(n: usize) -> Result<usize, Code> {
    if n == 0 || n > 1 << 16 {
        return Err(Code::InvalidOption);
    }
    let n = n as u32;
    // Reject the top partial range so every index is equally likely.
    let zone = u32::MAX - (u32::MAX % n);
    loop {
        let mut b = [0u8; 4];
        fill(&mut b)?;
        let v = u32::from_le_bytes(b);
        if v < zone {
            return Ok((v % n) as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indices_cover_range_evenly() {
        let mut counts = [0usize; 7];
        for _ in 0..7000 {
            counts[index_below(7).unwrap()] += 1;
        }
        for c in counts {
            assert!((800..1200).contains(&c), "{counts:?}");
        }
    }

    #[test]
    fn refuses_empty_range() {
        assert_eq!(index_below(0), Err(Code::InvalidOption));
    }
}
