//! The fast path of the calls that take one short string and return a
//! number or a boolean (`isValid`, the registrable domain's offset):
//! JavaScript writes the string's UTF-8 bytes into a buffer that lives in
//! wasm memory for the module's life and passes their length (`pkg/fast.js`),
//! instead of wasm-bindgen's malloc, copy and free for each call.

use std::sync::OnceLock;

use wasm_bindgen::prelude::*;

#[cfg(any(feature = "rules", feature = "domain"))]
use super::domains::registrable_start;
use super::identifiers::is_valid_kind;

/// The buffer's size in bytes; longer strings take the ordinary path.
pub const SCRATCH_LEN: usize = 256;

/// The buffer's address, allocated at first use and never freed.
static SCRATCH: OnceLock<usize> = OnceLock::new();

fn address() -> usize {
    *SCRATCH.get_or_init(|| Box::leak(Box::new([0u8; SCRATCH_LEN])).as_mut_ptr() as usize)
}

/// Runs `f` on the first `len` bytes of the buffer, `None` when `len` is
/// too long.
fn with_bytes<R>(len: usize, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    if len > SCRATCH_LEN {
        return None;
    }
    // SAFETY: `address()` is a leaked allocation of SCRATCH_LEN bytes that
    // lives as long as the module; Rust keeps no reference to it between
    // calls, and JavaScript writes it only between calls (wasm is single
    // threaded), so the bytes do not change while this shared slice lives.
    let bytes = unsafe { std::slice::from_raw_parts(address() as *const u8, len) };
    Some(f(bytes))
}

/// Runs `f` on the first `len` bytes of the buffer, `None` when they are
/// not UTF-8 or `len` is too long.
fn with_scratch<R>(len: usize, f: impl FnOnce(&str) -> R) -> Option<R> {
    with_bytes(len, |b| std::str::from_utf8(b).ok().map(f)).flatten()
}

/// The buffer's address in wasm memory.
#[wasm_bindgen(js_name = __scratch, skip_typescript)]
pub fn scratch() -> usize {
    address()
}

/// `isValid` of identifier `kind` on the `len` bytes in the buffer.
#[wasm_bindgen(js_name = __isValidAt, skip_typescript)]
pub fn is_valid_at(kind: u32, len: usize) -> bool {
    with_scratch(len, |s| is_valid_kind(kind, s)).unwrap_or(false)
}

/// The registrable domain's offset in the `len` bytes in the buffer
/// ([`registrable_start`], in UTF-16 code units): -1 for none, -2 when the
/// fast path does not take them (the rules decide alone: `pkg/host.js`
/// writes hosts with their ASCII letters lower-cased, or a host with
/// other characters as it is) or `len` is too long.
#[cfg(any(feature = "rules", feature = "domain"))]
#[wasm_bindgen(js_name = __registrableStartAt, skip_typescript)]
pub fn registrable_start_at(len: usize) -> i32 {
    with_bytes(len, registrable_start).unwrap_or(-2)
}
