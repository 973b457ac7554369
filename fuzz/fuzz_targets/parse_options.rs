//! Fuzzer-chosen options (built through the setters, limits capped) and bytes: every entry
//! point keeps its invariants whatever the options.
#![no_main]

use copydesk_fuzz::invariants::{check_parse, check_parse_bytes, check_parser_quotes};
use copydesk_fuzz::{OptionsCase, MAX_LEN};
use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|case: OptionsCase| -> Corpus {
    if case.bytes.len() > MAX_LEN {
        return Corpus::Reject;
    }
    let parser = case.options.parser();
    check_parse_bytes(&parser, &case.bytes);
    if let Ok(text) = std::str::from_utf8(&case.bytes) {
        check_parse(&parser, text);
        check_parser_quotes(&parser, text);
    }
    Corpus::Keep
});
