//! The bench report's `--huge-pages` allocator (`benches/huge_pages.rs`) keeps a block's bytes
//! through every move: within the system allocator, within its own mappings (`mremap`), and
//! from one to the other both ways; and a zeroed mapping is zeroed.
#![allow(unsafe_code)]

#[path = "../benches/huge_pages.rs"]
mod allocator;

use allocator::{HugePages, LARGE};
use std::alloc::{GlobalAlloc, Layout};

/// Writes a pattern of `len` bytes at `ptr`, seeded by `seed`.
fn fill(ptr: *mut u8, len: usize, seed: u8) {
    // SAFETY: the callers pass blocks of at least `len` bytes.
    let bytes = unsafe { std::slice::from_raw_parts_mut(ptr, len) };
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31).wrapping_add(seed);
    }
}

/// Whether the first `len` bytes at `ptr` hold the pattern [`fill`] wrote.
fn holds(ptr: *const u8, len: usize, seed: u8) -> bool {
    // SAFETY: the callers pass blocks of at least `len` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| b == (i as u8).wrapping_mul(31).wrapping_add(seed))
}

#[test]
fn huge_page_allocator_keeps_bytes_through_every_move() {
    let alloc = HugePages::new(false);
    // SAFETY: nothing is allocated from it yet.
    unsafe { alloc.switch_on() };
    // Sizes that cross the line between the two allocators both ways, and grow and shrink
    // within each (the last steps on either side of a huge page's multiple).
    let sizes = [
        1000,
        LARGE - 1,
        LARGE,
        3 * LARGE + 12_345,
        LARGE + 1,
        LARGE / 2,
        64,
        5 * LARGE,
        (2 << 20) * 5,
        (2 << 20) * 5 + 1,
    ];
    let mut layout = Layout::from_size_align(100, 8).unwrap();
    // SAFETY: a non-zero layout.
    let mut ptr = unsafe { alloc.alloc(layout) };
    assert!(!ptr.is_null());
    fill(ptr, layout.size(), 7);
    for (step, &size) in sizes.iter().enumerate() {
        let kept = layout.size().min(size);
        // SAFETY: `ptr` is live with `layout`; `size` is non-zero and fits `isize`.
        let moved = unsafe { alloc.realloc(ptr, layout, size) };
        assert!(!moved.is_null(), "step {step}: no block of {size} bytes");
        assert!(
            holds(moved, kept, step as u8 + 7),
            "step {step}: bytes lost"
        );
        ptr = moved;
        layout = Layout::from_size_align(size, 8).unwrap();
        fill(ptr, size, step as u8 + 8);
    }
    // SAFETY: `ptr` is live with `layout`.
    unsafe { alloc.dealloc(ptr, layout) };
}

#[test]
fn huge_page_allocator_zeroes_its_mappings() {
    let alloc = HugePages::new(true);
    for size in [LARGE, 3 * LARGE + 1] {
        let layout = Layout::from_size_align(size, 64).unwrap();
        // SAFETY: a non-zero layout.
        let ptr = unsafe { alloc.alloc_zeroed(layout) };
        assert!(!ptr.is_null());
        assert_eq!(ptr as usize % 64, 0);
        // SAFETY: a live block of `size` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, size) };
        assert!(bytes.iter().all(|&b| b == 0));
        // SAFETY: `ptr` is live with `layout`.
        unsafe { alloc.dealloc(ptr, layout) };
    }
}
