//! Any UTF-8 text: a typed error or an article that keeps every invariant, deterministic,
//! JSON round trip exact, CRLF giving the same structure as LF. Non-UTF-8 is rejected from
//! the corpus (the `parse_bytes` target covers it).
#![no_main]

use copydesk_fuzz::invariants::{check_crlf, check_parse};
use copydesk_fuzz::text_input;
use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = text_input(data) else {
        return Corpus::Reject;
    };
    let parser = copydesk::Parser::default();
    check_parse(&parser, text);
    check_crlf(&parser, text);
    Corpus::Keep
});
