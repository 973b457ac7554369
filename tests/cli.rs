//! The `copydesk` binary (built with `--features cli`): JSONL batch mode reports each bad
//! record on its own line and goes on, keeps the input order, and exits 1 when any record
//! failed; single-article mode reports typed errors on stderr.

use copydesk::OwnedArticle;
use serde_json::Value;
use std::io::Write;
use std::process::{Child, Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    finish(spawn(args), stdin)
}

/// The binary with piped stdin, stdout and stderr.
fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk binary runs")
}

/// Writes `stdin` to the child from another thread and waits for its output.
fn finish(mut child: Child, stdin: &[u8]) -> Output {
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        // The binary may exit before reading everything (usage errors): ignore EPIPE.
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("copydesk finishes");
    writer.join().expect("writer thread");
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("output line is not JSON ({e}): {l}"))
        })
        .collect()
}

const GOOD: &str = "Council votes to close the old bridge\n\nBy Jane Doe\n\n\"We had no choice,\" said Mayor Ann Lee.";

#[test]
fn jsonl_reports_bad_records_in_place_and_goes_on() {
    let good = serde_json::to_string(&serde_json::json!({"id": 1, "text": GOOD})).unwrap();
    let mut input = Vec::new();
    let records: Vec<&[u8]> = vec![
        good.as_bytes(),
        b"this is not json",
        br#"{"id": "no-text"}"#,
        br#"{"id": 3, "text": ""}"#,
        br#"{"id": 4, "text": "a\u0000b"}"#,
        br#"{"id": 5, "text": " \n\u00a0 "}"#,
        br#"{"id": 6, "text": 42}"#,
        b"{\"id\": 7, \"text\": \"bad \xff utf-8\"}",
        br#"{"id": {"nested": [1, 2]}, "text": "Still fine."}"#,
        br#"[1, 2, 3]"#,
        br#"{"text": "No id at all."}"#,
        b"{\"id\": 12, \"text\": \"crlf record\"}\r",
    ];
    for r in &records {
        input.extend_from_slice(r);
        input.push(b'\n');
    }
    let out = run(&["parse", "--jsonl"], &input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code 1 when a record failed"
    );
    let got = lines(&out);
    assert_eq!(got.len(), records.len(), "one output line per record");
    let expect: &[(Value, Option<&str>)] = &[
        (1.into(), None),
        (Value::Null, Some("bad_record")),
        ("no-text".into(), Some("bad_record")),
        (3.into(), Some("empty")),
        (4.into(), Some("nul_byte")),
        (5.into(), Some("whitespace_only")),
        (6.into(), Some("bad_record")),
        (7.into(), Some("bad_record")),
        (serde_json::json!({"nested": [1, 2]}), None),
        (Value::Null, Some("bad_record")),
        (Value::Null, None),
        (12.into(), None),
    ];
    for (i, (line, (id, kind))) in got.iter().zip(expect).enumerate() {
        assert_eq!(&line["id"], id, "record {i}: id");
        match kind {
            None => {
                let article: OwnedArticle = serde_json::from_value(line["article"].clone())
                    .unwrap_or_else(|e| {
                        panic!("record {i}: article does not deserialise: {e}: {line}")
                    });
                assert!(!article.top_level().is_empty(), "record {i}: empty article");
            }
            Some(kind) => {
                assert_eq!(line["error"]["kind"], *kind, "record {i}: {line}");
                let msg = line["error"]["message"].as_str().expect("message string");
                assert!(
                    !msg.is_empty() && !msg.ends_with('.'),
                    "record {i}: message {msg:?}"
                );
                assert!(
                    line.get("article").is_none(),
                    "record {i}: error and article"
                );
            }
        }
    }
    assert_eq!(got[3]["error"]["message"], "input is empty");
    assert_eq!(
        got[4]["error"]["message"],
        "nul byte at byte 1: input looks like binary data, not text"
    );
}

#[test]
fn jsonl_all_good_exits_zero_and_keeps_order_across_chunks() {
    // More records than one parallel chunk, on two threads: order is kept.
    let n = 1_500;
    let mut input = String::new();
    for i in 0..n {
        let text = format!("Headline number {i}\n\nParagraph {i} says \"quote {i},\" she said.");
        input
            .push_str(&serde_json::to_string(&serde_json::json!({"id": i, "text": text})).unwrap());
        input.push('\n');
        if i % 100 == 0 {
            input.push('\n'); // blank lines between records are skipped
        }
    }
    let out = run(&["parse", "--jsonl", "--threads", "2"], input.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), n);
    for (i, line) in got.iter().enumerate() {
        assert_eq!(line["id"], i, "output order");
        assert!(line["article"].is_object());
    }
}

#[test]
fn quotes_jsonl_reports_errors_too() {
    let input = b"{\"id\": 1, \"text\": \"\\\"It works,\\\" she said.\"}\n{\"id\": 2, \"text\": \"\"}\nnope\n";
    let out = run(&["quotes", "--jsonl"], input);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert!(got[0]["quotes"].is_array(), "{}", got[0]);
    assert_eq!(got[1]["error"]["kind"], "empty");
    assert_eq!(got[2]["error"]["kind"], "bad_record");
}

#[test]
fn single_article_from_stdin() {
    let out = run(&["parse"], GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let article: OwnedArticle = serde_json::from_slice(&out.stdout).expect("article JSON");
    assert_eq!(article, copydesk::parse(GOOD).unwrap().into_owned());
}

#[test]
fn single_article_output_is_pretty_json_and_a_newline() {
    // Written as it is made (not held whole first): the same bytes as the pretty JSON of
    // the article, for an article and for the quotes of a body.
    let text = format!("{GOOD}\n\n").repeat(300);
    let out = run(&["parse"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let article = copydesk::parse(&text).unwrap();
    let want = format!("{}\n", serde_json::to_string_pretty(&article).unwrap());
    assert!(
        want.len() > 1 << 16,
        "more than the output buffer: {}",
        want.len()
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
    let out = run(&["quotes"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    let quotes = copydesk::Parser::default().quotes(&text).unwrap();
    assert_eq!(quotes.len(), 300);
    let want = format!("{}\n", serde_json::to_string_pretty(&quotes).unwrap());
    assert_eq!(String::from_utf8_lossy(&out.stdout), want);
}

/// A write that fails (a full disk) is an I/O error: exit status 2 and a message.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_is_an_io_error() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .args(["parse"])
        .stdin(Stdio::piped())
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .spawn()
        .expect("copydesk binary runs");
    child.stdout = None;
    let out = finish(child, GOOD.as_bytes());
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("i/o error"), "{err}");
    assert!(!err.contains("usage:"), "{err}");
}

#[test]
fn single_article_errors_are_typed_on_stderr() {
    let table: &[(&[u8], &str)] = &[
        (b"", "input is empty"),
        (b"Bad \xff byte", "invalid utf-8 at byte 4"),
        (b"a\0b", "nul byte at byte 1"),
        (b"  \n ", "input holds only whitespace (4 bytes)"),
    ];
    for (input, msg) in table {
        let out = run(&["parse", "-"], input);
        assert_eq!(out.status.code(), Some(1), "exit code for {input:?}");
        assert!(out.stdout.is_empty(), "no output for {input:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(msg), "stderr for {input:?}: {err}");
    }
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        &["parse", "--bogus"][..],
        &["frobnicate"][..],
        &[][..],
        &["parse", "a", "b"][..],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "args {args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage:"),
            "args {args:?}"
        );
    }
    // A file that cannot be read is an I/O error: the same status, the message alone.
    let out = run(&["parse", "/nonexistent/file.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot open /nonexistent/file.txt"), "{err}");
    assert!(!err.contains("usage:"), "{err}");
}

#[test]
fn max_bytes_bounds_records_and_stdin() {
    let long = "x".repeat(10_000); // a line over 6 × 100 + 4096 bytes: not read whole
    let mid = "y".repeat(300); // read, but over the text limit
    let input = format!(
        "{{\"id\":1,\"text\":\"{long}\"}}\n{{\"id\":2,\"text\":\"Fits.\"}}\n{{\"id\":3,\"text\":\"{mid}\"}}\n{{\"id\":4,\"text\":\"{long}\"}}"
    );
    let out = run(
        &["parse", "--jsonl", "--max-bytes", "100"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 4, "one line per record");
    assert_eq!(got[0]["id"], Value::Null);
    assert_eq!(got[0]["error"]["kind"], "too_large");
    assert_eq!(got[1]["id"], 2);
    assert!(got[1]["article"].is_object());
    assert_eq!(got[2]["id"], 3);
    assert_eq!(got[2]["error"]["kind"], "too_large");
    assert_eq!(
        got[2]["error"]["message"],
        "input is 300 bytes, over the limit of 100 bytes (raise it with Options::with_max_input_bytes)"
    );
    assert_eq!(
        got[3]["error"]["kind"], "too_large",
        "a last line with no newline"
    );

    let out = run(&["parse", "--max-bytes", "100"], long.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("input is over the limit of 100 bytes (raise it with --max-bytes)"));
    let out = run(&["parse", "--max-bytes", "many"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    // `copydesk parse … | head`: the reader goes away, and the tool stops without a panic
    // message or an error status, in single-article and batch mode.
    let record = serde_json::json!({"id": 1, "text": GOOD}).to_string();
    let batch = format!("{record}\n").repeat(2_000);
    let cases: [(&[&str], &[u8]); 2] = [
        (&["parse", "--jsonl", "--threads", "1"], batch.as_bytes()),
        (&["parse"], GOOD.as_bytes()),
    ];
    for (args, stdin) in cases {
        let mut child = spawn(args);
        drop(child.stdout.take());
        let out = finish(child, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
    }
}
