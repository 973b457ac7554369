//! Article-like text assembled from fragments (headlines, bylines, boilerplate lines, quote
//! marks of every kind, names, speech verbs, "he said", NBSP, zero-width and control
//! characters, CRLF, long lines, repeats) so the fuzzer reaches the deep paths of classify,
//! quotes and attribution quickly. Checks parse (with determinism and the JSON round trip),
//! CRLF, odd blanks (no-break and zero-width spaces), doubled spaces, decomposed accents,
//! characters written as HTML character references, and quotes; parse_bytes on valid UTF-8
//! is left to the `parse_bytes` target.
#![no_main]

use copydesk::Parser;
use copydesk_fuzz::invariants::{
    check_blanks, check_crlf, check_decomposed_accents, check_doubled_spaces, check_parse,
    check_parser_quotes, check_references,
};
use copydesk_fuzz::ArticleLike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: ArticleLike| {
    let parser = Parser::default();
    check_parse(&parser, &input.text);
    check_crlf(&parser, &input.text);
    check_blanks(&parser, &input.text);
    check_doubled_spaces(&parser, &input.text);
    check_decomposed_accents(&parser, &input.text);
    check_references(&parser, &input.text);
    check_parser_quotes(&parser, &input.text);
});
