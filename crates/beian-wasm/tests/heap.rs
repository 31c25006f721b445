//! The wasm build's allocator (crate beian-heap, the global allocator of every
//! binary that links beian-wasm on wasm32 without its `batch` feature, as
//! `cargo test` builds it): blocks do not overlap, keep their bytes, honour
//! their alignment, and freed memory is reused.
#![cfg(target_arch = "wasm32")]

// The allocator under test: beian-wasm sets it for the binaries it is linked into.
use beian_wasm as _;
use std::alloc::{alloc, dealloc, realloc, Layout};

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A small pseudo-random generator (xorshift), the same sequence each run.
struct Rng(u32);

impl Rng {
    fn below(&mut self, n: u32) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 % n
    }
}

/// A live block: where, its layout, the byte it is filled with.
struct Block {
    at: *mut u8,
    layout: Layout,
    fill: u8,
}

fn check(b: &Block) {
    // SAFETY: `at` is a live block of `layout.size()` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(b.at, b.layout.size()) };
    assert!(
        bytes.iter().all(|&x| x == b.fill),
        "block at {:p} lost its bytes",
        b.at
    );
    assert_eq!(b.at as usize % b.layout.align(), 0, "misaligned block");
}

/// Allocates, grows, shrinks and frees blocks of random sizes (1 B to
/// 256 KiB) and alignments (1 to 4096), checking every live block's bytes.
fn churn(rng: &mut Rng, rounds: usize) {
    let mut live: Vec<Block> = Vec::new();
    for round in 0..rounds {
        match rng.below(4) {
            0 | 1 => {
                let size = match rng.below(8) {
                    0 => 1 + rng.below(256 * 1024),
                    1 | 2 => 1 + rng.below(4096),
                    _ => 1 + rng.below(64),
                } as usize;
                let align = 1 << rng.below(13);
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: the size is not zero.
                let at = unsafe { alloc(layout) };
                assert!(!at.is_null());
                let fill = round as u8;
                // SAFETY: a fresh block of `size` bytes.
                unsafe { at.write_bytes(fill, size) };
                live.push(Block { at, layout, fill });
            }
            2 if !live.is_empty() => {
                let i = rng.below(live.len() as u32) as usize;
                let b = live.swap_remove(i);
                check(&b);
                // SAFETY: allocated with this layout, freed once.
                unsafe { dealloc(b.at, b.layout) };
            }
            3 if !live.is_empty() => {
                let i = rng.below(live.len() as u32) as usize;
                let b = &mut live[i];
                check(b);
                let size = 1 + rng.below(2 * b.layout.size() as u32 + 16) as usize;
                // SAFETY: allocated with this layout; the size is not zero.
                let at = unsafe { realloc(b.at, b.layout, size) };
                assert!(!at.is_null());
                let kept = size.min(b.layout.size());
                // SAFETY: `size` bytes at `at`, the first `kept` copied.
                let bytes = unsafe { std::slice::from_raw_parts_mut(at, size) };
                assert!(
                    bytes[..kept].iter().all(|&x| x == b.fill),
                    "realloc lost bytes"
                );
                bytes.fill(b.fill);
                b.at = at;
                b.layout = Layout::from_size_align(size, b.layout.align()).unwrap();
                check(b);
            }
            _ => {}
        }
    }
    for b in live {
        check(&b);
        // SAFETY: allocated with this layout, freed once.
        unsafe { dealloc(b.at, b.layout) };
    }
}

#[wasm_bindgen_test]
fn blocks_keep_their_bytes_and_alignment() {
    churn(&mut Rng(0x9e37_79b9), 20_000);
}

#[wasm_bindgen_test]
fn freed_memory_is_reused() {
    // The same work again and again: after the first time the memory no
    // longer grows, every block comes from a free list.
    churn(&mut Rng(12345), 3_000);
    let pages = core::arch::wasm32::memory_size::<0>();
    for _ in 0..20 {
        churn(&mut Rng(12345), 3_000);
    }
    assert_eq!(core::arch::wasm32::memory_size::<0>(), pages);
}
