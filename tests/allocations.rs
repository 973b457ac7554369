//! Allocation is O(elements), not O(bytes): longer paragraphs and hard-wrapped lines must not
//! cost allocations of their own (no `String` per line or per word). A counting allocator
//! counts the allocations of the calling thread only, so the other tests of the binary,
//! running in parallel, don't disturb the count.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct PerThread;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// The bytes asked for by the allocations counted (a reallocation's whole new size).
    static BYTES: Cell<usize> = const { Cell::new(0) };
}

fn count_one(bytes: usize) {
    // `try_with`: an allocation while the thread is torn down is simply not counted.
    let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
    let _ = BYTES.try_with(|c| c.set(c.get() + bytes));
}

// SAFETY: delegates to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for PerThread {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one(new_size);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: PerThread = PerThread;

/// Allocations made by this thread while parsing `text`, and the number of elements of the
/// article.
fn parse_allocations(text: &str) -> (usize, usize) {
    // Word lists and tables are built on first use, not part of a parse: the same text is
    // parsed once before the count.
    let _ = copydesk::parse(text);
    let before = ALLOCATIONS.with(Cell::get);
    let article = copydesk::parse(text).expect("parses");
    let after = ALLOCATIONS.with(Cell::get);
    let elements = article.body.len() + article.quotes.len() + article.boilerplate.len();
    drop(article);
    (after - before, elements)
}

/// A story: a headline, then `paragraphs` paragraphs of about `words` words, each with a
/// quotation and its speaker; lines hard-wrapped at `wrap` columns when given.
fn story(paragraphs: usize, words: usize, wrap: Option<usize>) -> String {
    const FILLER: [&str; 12] = [
        "the", "council", "said", "on", "Tuesday", "that", "its", "new", "bridge", "would", "open",
        "soon,",
    ];
    let mut out = String::from("Council backs the river bridge plan\n\n");
    for p in 0..paragraphs {
        let mut para =
            format!("\u{201c}We will finish it in year {p},\u{201d} said Ann Lee, the mayor.");
        for w in 0..words {
            para.push(' ');
            para.push_str(FILLER[(w + p) % FILLER.len()]);
        }
        para.push_str(" and the work goes on.");
        match wrap {
            Some(width) => {
                let mut col = 0;
                for (i, word) in para.split(' ').enumerate() {
                    let len = word.chars().count();
                    if i > 0 && col + 1 + len > width {
                        out.push('\n');
                        col = 0;
                    } else if i > 0 {
                        out.push(' ');
                        col += 1;
                    }
                    out.push_str(word);
                    col += len;
                }
            }
            None => out.push_str(&para),
        }
        out.push_str("\n\n");
    }
    out
}

#[test]
fn longer_paragraphs_cost_no_more_allocations() {
    let (short, short_elements) = parse_allocations(&story(20, 30, None));
    let (long, long_elements) = parse_allocations(&story(20, 600, None));
    assert_eq!(short_elements, long_elements);
    // Twenty times the words: a buffer may grow a few more times, nothing per word.
    assert!(
        long <= short + 40,
        "{short} allocations for 30-word paragraphs, {long} for 600"
    );
}

#[test]
fn hard_wrapped_lines_cost_no_allocation_each() {
    let (flat, flat_elements) = parse_allocations(&story(20, 300, None));
    let wrapped_text = story(20, 300, Some(60));
    let lines = wrapped_text.lines().count();
    let (wrapped, wrapped_elements) = parse_allocations(&wrapped_text);
    assert_eq!(flat_elements, wrapped_elements);
    assert!(lines > 600, "{lines} lines");
    // A wrapped paragraph is joined into one owned text: an allocation per element at most.
    assert!(
        wrapped <= flat + wrapped_elements + 40,
        "{flat} allocations flat, {wrapped} wrapped into {lines} lines"
    );
}

#[test]
fn allocations_grow_with_elements() {
    let (few, few_elements) = parse_allocations(&story(10, 40, None));
    let (many, many_elements) = parse_allocations(&story(100, 40, None));
    assert!(
        many_elements >= 10 * few_elements - 10,
        "{few_elements} -> {many_elements}"
    );
    let per_element = many.saturating_sub(few) as f64 / (many_elements - few_elements) as f64;
    assert!(
        per_element <= 6.0,
        "{per_element:.1} allocations per added element"
    );
}

/// Under `Utf8Policy::Replace`, an input over the size limit or with a NUL byte is turned
/// away before the repair copies it (the copy, up to three times the input, was made and
/// then dropped for a NUL byte).
#[test]
fn inputs_turned_away_are_not_copied_to_be_repaired() {
    use copydesk::{ErrorKind, Options, Parser, Utf8Policy};
    let replace = Options::default().with_utf8_policy(Utf8Policy::Replace);
    let mut input = b"Lee said \xff it would rain.\n\n".repeat(4096);
    let turned_away = |parser: Parser, input: &[u8]| {
        let _ = parser.parse_bytes(input);
        let before = BYTES.with(Cell::get);
        let error = parser.parse_bytes(input).expect_err("turned away");
        let allocated = BYTES.with(Cell::get) - before;
        assert!(allocated < input.len() / 8, "{allocated} bytes allocated");
        error.kind().clone()
    };
    let error = turned_away(
        Parser::new(replace.clone().with_max_input_bytes(1024)),
        &input,
    );
    assert_eq!(
        error,
        ErrorKind::TooLarge {
            len: input.len(),
            limit: 1024
        }
    );
    input[1000] = 0;
    let error = turned_away(Parser::new(replace), &input);
    assert_eq!(error, ErrorKind::NulByte { offset: 1000 });
}
