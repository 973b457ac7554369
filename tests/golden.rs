//! Golden files: `tests/golden/NAME.txt` parses to the pretty JSON in `NAME.json`.
//! Re-bless with `COPYDESK_BLESS=1 cargo test --test lib golden`.

use crate::invariants;
use std::fs;
use std::path::Path;

#[test]
fn golden_files() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let bless = std::env::var_os("COPYDESK_BLESS").is_some();
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/golden exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no golden inputs in {}", dir.display());
    let mut failures = Vec::new();
    for input in &inputs {
        let text = fs::read_to_string(input).expect("golden input is UTF-8");
        let article = copydesk::parse(&text).expect("golden input parses");
        invariants::check(&text, &article, copydesk::Normalization::Nfc);
        let got = serde_json::to_string_pretty(&article).expect("serializes") + "\n";
        let expected_path = input.with_extension("json");
        if bless {
            fs::write(&expected_path, &got).expect("write golden");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(want) if want == got => {}
            Ok(want) => failures.push(format!(
                "{}: output differs from {}\n{}",
                input.display(),
                expected_path.display(),
                first_difference(&want, &got)
            )),
            Err(_) => failures.push(format!(
                "{}: no {}",
                input.display(),
                expected_path.display()
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_difference(want: &str, got: &str) -> String {
    for (i, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want: {w}\n  got:  {g}", i + 1);
        }
    }
    format!(
        "lengths differ: want {} lines, got {}",
        want.lines().count(),
        got.lines().count()
    )
}
