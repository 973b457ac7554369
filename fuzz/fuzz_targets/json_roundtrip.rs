//! The owned article serialised with serde_json and read back is equal (compact and pretty),
//! and the JSON itself, parsed as text, is a well-formed article too.
#![no_main]

use copydesk::{OwnedArticle, Parser};
use copydesk_fuzz::invariants::check_parse;
use copydesk_fuzz::text_input;
use libfuzzer_sys::{fuzz_target, Corpus};

fuzz_target!(|data: &[u8]| -> Corpus {
    let Some(text) = text_input(data) else {
        return Corpus::Reject;
    };
    let parser = Parser::default();
    // check_parse already checks the compact round trip.
    let Some(article) = check_parse(&parser, text) else {
        return Corpus::Keep;
    };
    let pretty = serde_json::to_string_pretty(&article).expect("serialises");
    let back: OwnedArticle = serde_json::from_str(&pretty).expect("pretty JSON deserialises");
    assert_eq!(back, article, "pretty JSON round trip changed the article");
    // Re-parse our own output as an input.
    check_parse(&parser, &pretty);
    Corpus::Keep
});
