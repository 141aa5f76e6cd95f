//! Leave no plaintext behind in WebAssembly memory.
//!
//! A WebAssembly instance has one linear memory that the page can read as a
//! whole (`memory.buffer`) for as long as the page lives; it never shrinks
//! and freed blocks keep their bytes until they are reused. Personal data
//! and passwords pass through many buffers the crate does not own (the
//! strings wasm-bindgen copies in, parsed JSON values, the compressors'
//! and ciphers' working buffers, the archive crates' copies of the
//! password). Zeroizing each of them by hand cannot be kept true, so this
//! module wipes at the two places every byte must pass:
//!
//! * **the heap**: [`WipingAllocator`] wraps the standard allocator and
//!   zeroes every block when it is freed, and the old block when it is
//!   moved by `realloc` (it always moves: allocate, copy, wipe, free), so no
//!   freed block keeps what it held. It is the global allocator on `wasm32`
//!   only; native builds (tests, fuzzing) keep the system allocator.
//! * **the shadow stack**: Rust code compiled to WebAssembly keeps locals
//!   that do not fit in Wasm registers (arrays, structs whose address is
//!   taken: hasher blocks, cipher states, small strings being formatted) in
//!   a stack inside linear memory, below the caller's frame. After a call
//!   returns, those bytes stay until a deeper call overwrites them.
//!   [`stack`] overwrites them: called by each export after its work is
//!   done, it places a zeroed array of [`STACK_WIPE_BYTES`] in its own
//!   frame, which sits exactly where the frames of the work just were, and
//!   zeroes it with volatile writes. This is safe Rust: it writes only its
//!   own local. The deepest export measured (`sealFiles` with compression)
//!   uses under 9 KiB of stack (`validateReferral` 6.6 KiB, `sealReferral`
//!   7.7 KiB); the wipe covers 64 KiB of the 1 MiB stack, and
//!   `tests/js/memory.test.mjs` checks that 256 KiB below the exports are
//!   zero after each call, so a deeper stack would fail it.
//!
//! What cannot be wiped from here: the JavaScript strings and objects the
//! page built (form values, the input object, the returned referral and
//! passphrase, `Uint8Array`s handed out), which live in the JavaScript heap
//! until the garbage collector reuses them; the DOM's copies of form values;
//! and CPU registers or anything the engine spilled outside linear memory.
//!
//! This is the one module with `unsafe` code: implementing [`GlobalAlloc`]
//! requires it. Every `unsafe` block states why it is sound.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};

/// Bytes of shadow stack, below the calling frame, that [`stack`] zeroes.
pub(crate) const STACK_WIPE_BYTES: usize = 64 * 1024;

/// The standard allocator, wiping every block before it is freed.
pub struct WipingAllocator;

/// The global allocator of the WebAssembly build.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static GLOBAL: WipingAllocator = WipingAllocator;

/// Zeroes `len` bytes at `ptr` in a way the optimiser must keep.
///
/// # Safety
///
/// `ptr` must be valid for writes of `len` bytes.
unsafe fn wipe(ptr: *mut u8, len: usize) {
    // SAFETY: the caller guarantees `ptr..ptr + len` is writable.
    unsafe { std::ptr::write_bytes(ptr, 0, len) };
    // The block is about to be freed, so an optimiser that treated the
    // allocator as opaque "free" could drop the stores as dead: pass the
    // pointer through an optimisation barrier so they are observed.
    std::hint::black_box(ptr);
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
}

// SAFETY: every method forwards to `System` with the same layout contract;
// `dealloc` and `realloc` only add writes to the block being released,
// which the caller owns until the call returns.
unsafe impl GlobalAlloc for WipingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as `GlobalAlloc::alloc`.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: same contract as `GlobalAlloc::alloc_zeroed`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated with `layout`, so it is writable for
        // `layout.size()` bytes, and it is still ours until `System.dealloc`.
        unsafe {
            wipe(ptr, layout.size());
            System.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Never grow or shrink in place: the standard allocator would leave
        // the old tail (on shrink) or hand back a moved block without wiping
        // the old one (on grow). Allocate, copy, wipe, free.
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return std::ptr::null_mut();
        };
        // SAFETY: `new_layout` has a non-zero size (the `realloc` contract)
        // and the alignment of a valid layout.
        let new_ptr = unsafe { System.alloc(new_layout) };
        if !new_ptr.is_null() {
            // SAFETY: both blocks are valid for the smaller of the two sizes
            // and distinct (the old one is still allocated); the old block is
            // then wiped and freed with its own layout, as `dealloc` does.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new_ptr, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        // On failure the old block is left untouched, as `realloc` requires.
        new_ptr
    }
}

/// Zeroes the [`STACK_WIPE_BYTES`] of shadow stack below the caller's frame.
///
/// Call it after the work that handled personal data has returned, from the
/// frame that called that work, so that this function's frame covers the
/// frames that work used. Not inlined, so that its frame is its own.
#[inline(never)]
pub(crate) fn stack() {
    let mut area = [0u64; STACK_WIPE_BYTES / 8];
    // Volatile writes: the array is never read, so plain stores would be
    // removed as dead.
    zeroize::Zeroize::zeroize(&mut area[..]);
    std::hint::black_box(&area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realloc_moves_and_keeps_content() {
        let a = WipingAllocator;
        for (from, to) in [(16usize, 4096usize), (4096, 16), (1, 1), (100, 101)] {
            let layout = Layout::from_size_align(from, 8).unwrap();
            // SAFETY: non-zero size; the block is written and read only
            // within its size, and freed once with its layout.
            unsafe {
                let p = a.alloc(layout);
                assert!(!p.is_null());
                for i in 0..from {
                    *p.add(i) = (i % 251) as u8 + 1;
                }
                let q = a.realloc(p, layout, to);
                assert!(!q.is_null());
                assert_ne!(p, q, "realloc must move, never resize in place");
                for i in 0..from.min(to) {
                    assert_eq!(*q.add(i), (i % 251) as u8 + 1, "byte {i} of {from}→{to}");
                }
                a.dealloc(q, Layout::from_size_align(to, 8).unwrap());
            }
        }
    }

    #[test]
    fn wipe_zeroes_exactly_the_block() {
        let mut buf = [0xA5u8; 64];
        // SAFETY: the range 8..40 lies inside `buf`.
        unsafe { wipe(buf.as_mut_ptr().add(8), 32) };
        assert!(buf[..8].iter().all(|&b| b == 0xA5));
        assert!(buf[8..40].iter().all(|&b| b == 0));
        assert!(buf[40..].iter().all(|&b| b == 0xA5));
    }

    #[test]
    fn stack_wipe_returns() {
        // Natively this only shows that the frame fits and the call returns;
        // tests/js/memory.test.mjs shows its effect in WebAssembly.
        stack();
        stack();
    }
}
