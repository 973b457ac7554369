//! Replays, on stable and in `cargo test`, every minimized input the fuzzers found
//! (`tests/fuzz_regressions/`, each with what it broke) and the committed seed corpus
//! (`fuzz/seeds/`), through the same invariant checker the fuzz targets use.

use crate::invariants::{
    check_decomposed_accents, check_doubled_spaces, check_parse_bytes, check_references, check_text,
};
use copydesk::{Normalization, Options, Parser, Utf8Policy};
use std::path::Path;

/// Minimized fuzz findings: (file, what it broke). Add one line per finding.
const REGRESSIONS: &[(&str, &[u8], &str)] = &[
    (
        "replace_nul_offset.bin",
        include_bytes!("fuzz_regressions/replace_nul_offset.bin"),
        "parse_bytes target: under Utf8Policy::Replace a NUL after invalid UTF-8 was reported at \
         its offset in the repaired copy (each bad byte becomes 3 bytes), not in the input",
    ),
    (
        "replace_nul_offset_past_end.bin",
        include_bytes!("fuzz_regressions/replace_nul_offset_past_end.bin"),
        "parse_options target: the same bug made the NulByte error span point past the end of \
         the input (35 bad bytes, then a NUL)",
    ),
    (
        "nfkc_not_idempotent.txt",
        include_bytes!("fuzz_regressions/nfkc_not_idempotent.txt"),
        "clean() under NFKC was not idempotent: \"¨\" folds to \" \\u{308}\", whose leading \
         space a second cleaning trimmed",
    ),
    (
        "registry_descriptor_unsorted_block.txt",
        include_bytes!("fuzz_regressions/registry_descriptor_unsorted_block.txt"),
        "article_like target: while a block's people were being registered (not yet sorted \
         by position), the descriptor look-up by links took a person named after the one \
         asked about, where the scan of the window it replaced did not",
    ),
    (
        "reference_with_a_control_inside.txt",
        include_bytes!("fuzz_regressions/reference_with_a_control_inside.txt"),
        "parse_str target: `&\\u{8}#538;` is a reference once cleaning drops the control \
         character, but the search for references in prepare read the raw bytes and found \
         none, so element texts were not decoded where clean(input[span]) was",
    ),
    (
        "nested_closer_after_doubled_space.txt",
        include_bytes!("fuzz_regressions/nested_closer_after_doubled_space.txt"),
        "article_like target: with its spaces doubled, a text of single marks lost a quotation: \
         a single closer after a double mark closed only after one space (`Ann Lee \" ’ voted`), \
         not two",
    ),
];

/// The parsers every replayed input goes through.
fn parsers() -> Vec<Parser> {
    let mut out = Vec::new();
    for form in [Normalization::Nfc, Normalization::Nfkc, Normalization::None] {
        for policy in [Utf8Policy::Reject, Utf8Policy::Replace] {
            out.push(Parser::new(
                Options::default()
                    .with_normalization(form)
                    .with_utf8_policy(policy),
            ));
        }
    }
    out.push(Parser::new(
        Options::default()
            .with_max_quote_bytes(16)
            .with_lookback_blocks(0),
    ));
    out.push(Parser::new(Options::default().with_max_input_bytes(64)));
    out
}

fn replay(name: &str, bytes: &[u8]) {
    for parser in parsers() {
        let run = std::panic::catch_unwind(|| {
            check_parse_bytes(&parser, bytes);
            if let Ok(text) = std::str::from_utf8(bytes) {
                check_text(&parser, text);
            }
        });
        if let Err(e) = run {
            std::panic::resume_unwind(Box::new(format!(
                "{name} under {:?}: {}",
                parser.options(),
                e.downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| e.downcast_ref::<&str>().copied())
                    .unwrap_or("panic")
            )));
        }
    }
}

#[test]
fn fuzz_regressions() {
    for (name, bytes, _what) in REGRESSIONS {
        replay(name, bytes);
        // The variants the `article_like` target checks.
        if let Ok(text) = std::str::from_utf8(bytes) {
            let parser = Parser::default();
            check_doubled_spaces(&parser, text);
            check_decomposed_accents(&parser, text);
            check_references(&parser, text);
        }
    }
}

#[test]
fn every_regression_file_is_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz_regressions exists") {
        let name = entry.expect("dir entry").file_name();
        let name = name.to_string_lossy();
        assert!(
            REGRESSIONS.iter().any(|(n, _, _)| *n == name),
            "{name} is in tests/fuzz_regressions but not in REGRESSIONS"
        );
    }
}

#[test]
fn seed_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/seeds exists")
        .map(|e| e.expect("dir entry").path())
        .collect();
    seeds.sort();
    assert!(
        seeds.len() >= 10,
        "only {} seeds in {}",
        seeds.len(),
        dir.display()
    );
    for path in seeds {
        let bytes = std::fs::read(&path).expect("seed readable");
        replay(&path.display().to_string(), &bytes);
    }
}
