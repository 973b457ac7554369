//! An allocator for the bench report's `--huge-pages` runs: the system allocator for small
//! blocks, and every block of at least [`LARGE`] bytes a mapping of its own that asks Linux
//! for huge pages (`madvise(MADV_HUGEPAGE)`), grown with `mremap`.
//!
//! A text of millions of blocks gives the parser tables and output lists of hundreds of
//! megabytes; glibc maps every block over 32 MB afresh, and every 4 KiB page of it costs a
//! page fault the first time it is written (3,000–5,000 faults per input megabyte for
//! one-word blocks at 100 MB). Where transparent huge pages are on for memory that asks for
//! them (`/sys/kernel/mm/transparent_hugepage/enabled` says `[madvise]`), this allocator
//! takes those faults away, so the report can show how much of the 100 MB / 1 MB ratio they
//! are.
//!
//! It is a measuring tool, not something the command line uses: in a one-shot process on
//! this project's (virtual) machine, fresh huge pages cost more than the 4 KiB faults they
//! save (the README has the figures). Advising huge pages for part of a block that glibc
//! mapped would not do either: it splits the mapping, and glibc's `realloc` then copies the
//! block to fresh 4 KiB pages at every growth instead of `mremap`ping it.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

/// The smallest block mapped on its own: 2 huge pages, so that a block holds at least one
/// whole huge page.
pub const LARGE: usize = 4 << 20;

/// The size of a huge page on x86-64 and most Linux targets (2 MiB); the mappings are whole
/// multiples of it, which the kernel places on huge-page bounds.
const HUGE_PAGE: usize = 2 << 20;

/// The largest alignment a mapping is sure to have (the smallest page size).
const PAGE: usize = 4096;

/// The system allocator for small blocks; each large block in a mapping of its own that asks
/// for huge pages. Which of the two holds a block is told by its layout alone (and by
/// whether the mapping is on, which must not change while a large block is live), so that
/// `dealloc` and `realloc` find it.
#[derive(Debug)]
pub struct HugePages {
    on: AtomicBool,
}

impl HugePages {
    /// The allocator, with the mappings on or off (off: the system allocator for all blocks).
    pub const fn new(on: bool) -> Self {
        HugePages {
            on: AtomicBool::new(on),
        }
    }

    /// Turns the mappings on.
    ///
    /// # Safety
    /// No block of [`LARGE`] bytes or more may be live: one allocated before would be given
    /// back to the wrong allocator.
    pub unsafe fn switch_on(&self) {
        self.on.store(true, Relaxed);
    }

    /// Whether a block of this layout lives in a mapping of its own.
    fn mapped(&self, size: usize, align: usize) -> bool {
        cfg!(target_os = "linux") && size >= LARGE && align <= PAGE && self.on.load(Relaxed)
    }
}

/// The length of the mapping that holds `size` bytes.
fn mapping_len(size: usize) -> usize {
    size.next_multiple_of(HUGE_PAGE)
}

#[cfg(target_os = "linux")]
mod mapping {
    use super::mapping_len;
    use std::ptr::null_mut;

    /// A fresh mapping of at least `size` bytes (zeroed), asking for huge pages; null if the
    /// kernel gives none.
    pub fn map(size: usize) -> *mut u8 {
        let len = mapping_len(size);
        // SAFETY: a new private anonymous mapping; no memory of the process is touched.
        let p = unsafe {
            libc::mmap(
                null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return null_mut();
        }
        // SAFETY: `p..p + len` is the mapping just made. The advice only changes how the
        // kernel backs it; a failure (huge pages off) leaves it as it is.
        unsafe { libc::madvise(p, len, libc::MADV_HUGEPAGE) };
        p.cast()
    }

    /// Grows or shrinks the mapping at `ptr` from `old` to `new` bytes, moving it if need be
    /// (the advice moves with it); null if the kernel can't, and then `ptr` is left as it is.
    ///
    /// # Safety
    /// `ptr` must be a mapping [`map`] (or this) made for `old` bytes.
    pub unsafe fn remap(ptr: *mut u8, old: usize, new: usize) -> *mut u8 {
        let (from, to) = (mapping_len(old), mapping_len(new));
        if from == to {
            return ptr;
        }
        // SAFETY: the caller's contract: `ptr..ptr + from` is one whole mapping of ours.
        let p = unsafe { libc::mremap(ptr.cast(), from, to, libc::MREMAP_MAYMOVE) };
        if p == libc::MAP_FAILED {
            null_mut()
        } else {
            p.cast()
        }
    }

    /// Gives the mapping back.
    ///
    /// # Safety
    /// `ptr` must be a mapping [`map`] or [`remap`] made for `size` bytes, not used after.
    pub unsafe fn unmap(ptr: *mut u8, size: usize) {
        // SAFETY: the caller's contract.
        unsafe { libc::munmap(ptr.cast(), mapping_len(size)) };
    }
}

/// Never called off Linux: [`HugePages::mapped`] is false there.
#[cfg(not(target_os = "linux"))]
mod mapping {
    pub fn map(_size: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub unsafe fn remap(_ptr: *mut u8, _old: usize, _new: usize) -> *mut u8 {
        std::ptr::null_mut()
    }
    pub unsafe fn unmap(_ptr: *mut u8, _size: usize) {}
}

// SAFETY: a block is in a mapping of its own exactly when `mapped` says so for its layout,
// and `mapped` gives the same answer for the layout at `alloc` and at `dealloc`/`realloc`
// (the switch is not turned while a large block is live). Mappings are zeroed, aligned to at
// least `PAGE` (and `mapped` takes no larger alignment), and hold at least `size` bytes.
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if self.mapped(layout.size(), layout.align()) {
            return mapping::map(layout.size());
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if self.mapped(layout.size(), layout.align()) {
            return mapping::map(layout.size());
        }
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if self.mapped(layout.size(), layout.align()) {
            // SAFETY: `alloc` or `realloc` mapped it for this size.
            unsafe { mapping::unmap(ptr, layout.size()) }
        } else {
            // SAFETY: same contract as the caller's.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        match (
            self.mapped(layout.size(), align),
            self.mapped(new_size, align),
        ) {
            // SAFETY: `alloc` or `realloc` mapped it for the old size.
            (true, true) => unsafe { mapping::remap(ptr, layout.size(), new_size) },
            // SAFETY: same contract as the caller's.
            (false, false) => unsafe { System.realloc(ptr, layout, new_size) },
            // From one allocator to the other: a new block, the bytes both hold, the old one
            // given back (the caller's contract makes `new_size` valid with `align`).
            _ => {
                // SAFETY: the caller's contract: `new_size` is non-zero and, rounded up to
                // `align`, does not overflow.
                let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, align) };
                // SAFETY: `new_layout` has a non-zero size.
                let new = unsafe { self.alloc(new_layout) };
                if !new.is_null() {
                    // SAFETY: both blocks hold at least the smaller size, and are distinct.
                    unsafe {
                        std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                }
                new
            }
        }
    }
}
