//! The global allocator of beian's WebAssembly modules: blocks in power-of-two size classes,
//! each class with a list of its freed blocks, in place of std's dlmalloc
//! (about 3 KB of the gzipped module; issue 20).
//!
//! A request of `size` bytes aligned to `align` takes a block of the
//! smallest power of two that is at least `size`, `align` and 8 bytes (the
//! free list's link), aligned to its own size. A freed block goes to the
//! front of its class's list and is the next block that class hands out;
//! new blocks are cut from the end of the memory, which grows by whole
//! 64 KiB pages. So freed memory is reused by later requests of the same
//! class (a page that checks fields for hours stays at the memory of its
//! busiest moment), blocks are never merged or split once made, and a block
//! is at most twice its request. `realloc` within a class keeps the block.
//!
//! WebAssembly without the `atomics` feature has one thread: nothing here
//! runs twice at once.

#![no_std]
#![cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]

use core::alloc::{GlobalAlloc, Layout};
use core::arch::wasm32;
use core::cell::UnsafeCell;

/// The size of a WebAssembly page.
const PAGE: usize = 65536;

/// The heap's state: one free list per class, and the end of the memory
/// cut into blocks.
struct State {
    /// The first freed block of each class (0 for none); each free block
    /// holds the address of the next one in its first word.
    free: [usize; usize::BITS as usize],
    /// The first byte not yet cut into a block.
    next: usize,
    /// The end of the memory this allocator has grown (`next <= end`).
    end: usize,
}

/// The allocator (see the module's documentation).
pub struct Heap(UnsafeCell<State>);

// SAFETY: the wasm32 build without atomics runs on one thread, so the state
// is never reached from two threads.
unsafe impl Sync for Heap {}

impl Heap {
    /// An empty heap: the first request grows the memory.
    pub const fn new() -> Heap {
        Heap(UnsafeCell::new(State {
            free: [0; usize::BITS as usize],
            next: 0,
            end: 0,
        }))
    }
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new()
    }
}

/// The class of a layout: the base-2 logarithm of its block's size, `None`
/// when no block is that large.
fn class(size: usize, align: usize) -> Option<usize> {
    let size = size.max(align).max(8).checked_next_power_of_two()?;
    Some(size.trailing_zeros() as usize)
}

impl State {
    /// Puts the block at `at` of class `k` at the front of its free list.
    ///
    /// # Safety
    /// `at` is a block of class `k` that nothing uses.
    unsafe fn push(&mut self, at: usize, k: usize) {
        // SAFETY: the block is unused, at least 8 bytes and aligned to 8.
        unsafe { (at as *mut usize).write(self.free[k]) };
        self.free[k] = at;
    }

    /// A block of class `k`: the last one freed, or a new one from the end
    /// of the memory; `None` when the memory cannot grow.
    fn take(&mut self, k: usize) -> Option<usize> {
        let head = self.free[k];
        if head != 0 {
            // SAFETY: a listed block holds the next one's address.
            self.free[k] = unsafe { (head as *const usize).read() };
            return Some(head);
        }
        let size = 1usize << k;
        loop {
            let start = self.next.checked_add(size - 1)? & !(size - 1);
            let stop = start.checked_add(size)?;
            if stop <= self.end {
                // The bytes skipped to align `start` become free blocks of
                // smaller classes: from an address aligned to 8, each step
                // takes the largest block aligned where it starts, which
                // ends at or before `start` (a multiple of `size`).
                while self.next < start {
                    let block = self.next & self.next.wrapping_neg();
                    // SAFETY: [next, next + block) lies before `start`, in
                    // grown memory that no block holds, aligned to `block`,
                    // a power of two of at least 8.
                    unsafe { self.push(self.next, block.trailing_zeros() as usize) };
                    self.next += block;
                }
                self.next = stop;
                return Some(start);
            }
            // Grow the memory by the pages the block lacks; when another
            // grew it meanwhile (nothing in this module does), the new
            // pages do not follow `end`: start again at them (the old end's
            // bytes stay unused) and grow again if needed.
            let pages = (stop - self.end).div_ceil(PAGE);
            let previous = wasm32::memory_grow::<0>(pages);
            if previous == usize::MAX {
                return None;
            }
            let base = previous * PAGE;
            if base != self.end {
                self.next = base;
            }
            // 4 GiB of memory end at `usize::MAX + 1`: one byte less.
            self.end = base.saturating_add(pages * PAGE);
        }
    }
}

// SAFETY: each block returned is `1 << class` bytes aligned to that size,
// at least the layout's size and alignment; a block is handed out again
// only after its `dealloc`, which names its class by the same layout.
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let Some(k) = class(layout.size(), layout.align()) else {
            return core::ptr::null_mut();
        };
        // SAFETY: one thread, and no reference to the state outlives a call.
        let state = unsafe { &mut *self.0.get() };
        state
            .take(k)
            .map_or(core::ptr::null_mut(), |at| at as *mut u8)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if let Some(k) = class(layout.size(), layout.align()) {
            // SAFETY: one thread; `ptr` is a block of class `k` that the
            // caller no longer uses.
            unsafe { (*self.0.get()).push(ptr as usize, k) };
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if class(layout.size(), layout.align()) == class(new_size, layout.align()) {
            return ptr;
        }
        // SAFETY: the caller's layout rules hold for the new size too.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: as `alloc`; the new block and the old do not overlap.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
