//! Article-like text assembled from fragments (headlines, bylines, boilerplate lines, quote
//! marks of every kind, names, speech verbs, "he said", NBSP, zero-width and control
//! characters, CRLF, long lines, repeats) so the fuzzer reaches the deep paths of classify,
//! quotes and attribution quickly. Checks everything: parse, parse_bytes, CRLF, quotes.
#![no_main]

use copydesk::Parser;
use copydesk_fuzz::invariants::check_text;
use copydesk_fuzz::ArticleLike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: ArticleLike| {
    check_text(&Parser::default(), &input.text);
});
