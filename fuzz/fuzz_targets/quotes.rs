//! The paragraph-level quote extractor, `Parser::quotes`, on any UTF-8 text: spans in bounds
//! and on char boundaries, in order, text cleaned from the span, deterministic.
#![no_main]

use copydesk::{Options, Parser};
use copydesk_fuzz::invariants::check_parser_quotes;
use copydesk_fuzz::text_input;
use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = text_input(data) else {
        return Corpus::Reject;
    };
    check_parser_quotes(&Parser::default(), text);
    // Tight limits reach the "too long, take it as unbalanced" and look-back edges.
    let tight = Options::default()
        .with_max_quote_bytes(16)
        .with_lookback_blocks(1);
    check_parser_quotes(&Parser::new(tight), text);
    Corpus::Keep
});
