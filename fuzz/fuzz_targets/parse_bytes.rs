//! Any bytes: bad UTF-8 gives a typed error at the right offset under the default policy,
//! and a repaired article with spans into the original bytes under `Utf8Policy::Replace`.
#![no_main]

use copydesk::{Options, Parser, Utf8Policy};
use copydesk_fuzz::invariants::check_parse_bytes;
use copydesk_fuzz::MAX_LEN;
use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    if data.len() > MAX_LEN {
        return Corpus::Reject;
    }
    check_parse_bytes(&Parser::default(), data);
    let replace = Parser::new(Options::default().with_utf8_policy(Utf8Policy::Replace));
    check_parse_bytes(&replace, data);
    Corpus::Keep
});
