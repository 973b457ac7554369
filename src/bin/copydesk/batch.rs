//! JSONL batch mode: records in, one output line per record, in input order, on all cores,
//! in bounded memory (the input is read and processed a chunk at a time).

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::io::{self, BufRead, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What each record is parsed as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A whole article.
    Article,
    /// Body-only text: quotes.
    Quotes,
}

/// Records processed together; bounds memory and keeps all cores busy.
const CHUNK_RECORDS: usize = 512;
const CHUNK_BYTES: usize = 16 << 20;

#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
    #[serde(borrow)]
    text: Option<Cow<'a, str>>,
}

/// A record whose text could not be read: only its id.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(borrow)]
    id: Option<&'a RawValue>,
}

/// What [`one`] can fail with: the parse (nothing written), or writing its JSON.
#[derive(Debug)]
pub enum OneError {
    Parse(copydesk::Error),
    Write(io::Error),
}

/// Parses one input as the mode says and writes its JSON (pretty-printed, then a newline)
/// to `out`, as it is made: the JSON of a huge text (gigabytes for hundreds of megabytes of
/// one-word blocks) is never held in memory whole. Nothing is written when the parse fails.
pub fn one(
    bytes: &[u8],
    mode: Mode,
    parser: &copydesk::Parser,
    out: impl Write,
) -> Result<(), OneError> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    let written = match mode {
        Mode::Article => {
            let article = parser.parse_bytes(bytes).map_err(OneError::Parse)?;
            serde_json::to_writer_pretty(&mut out, &article)
        }
        Mode::Quotes => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                OneError::Parse(copydesk::Error::from(copydesk::ErrorKind::InvalidUtf8 {
                    offset: e.valid_up_to(),
                }))
            })?;
            let quotes = parser.quotes(text).map_err(OneError::Parse)?;
            serde_json::to_writer_pretty(&mut out, &quotes)
        }
    };
    // Serializing these types fails only when writing does.
    written
        .map_err(io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(OneError::Write)
}

fn error_line(id: &str, kind: &str, message: &str) -> Vec<u8> {
    let mut out = String::with_capacity(64 + message.len());
    out.push_str("{\"id\":");
    out.push_str(id);
    out.push_str(",\"error\":{\"kind\":");
    out.push_str(&serde_json::to_string(kind).unwrap_or_default());
    out.push_str(",\"message\":");
    out.push_str(&serde_json::to_string(message).unwrap_or_default());
    out.push_str("}}");
    out.into_bytes()
}

/// Writes the output line of one input line to `out` (without its newline); returns whether
/// the record parsed. Nothing is written before the record is parsed, and then its JSON as
/// it is made.
///
/// # Errors
///
/// Writing to `out`.
fn process_to(
    line: &[u8],
    mode: Mode,
    parser: &copydesk::Parser,
    out: &mut impl Write,
) -> io::Result<bool> {
    let record: Record = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            // Keep the id when only the text is wrong ("text": 42), so the caller can match
            // the error to its record.
            let id = serde_json::from_slice::<IdOnly>(line)
                .ok()
                .and_then(|r| r.id)
                .map_or("null", RawValue::get);
            out.write_all(&error_line(
                id,
                "bad_record",
                &format!("not a JSON record with a \"text\" string: {e}"),
            ))?;
            return Ok(false);
        }
    };
    let id = record.id.map_or("null", RawValue::get);
    let Some(text) = record.text else {
        out.write_all(&error_line(
            id,
            "bad_record",
            "record has no \"text\" string",
        ))?;
        return Ok(false);
    };
    match mode {
        Mode::Article => write_parsed(out, id, "article", parser.parse(&text)),
        Mode::Quotes => write_parsed(out, id, "quotes", parser.quotes(&text)),
    }
}

/// Writes the output line of a record (without its newline): `{"id": …, "KEY": …}` with the
/// JSON of what was parsed, or its error line; returns whether it parsed.
fn write_parsed<T: serde::Serialize>(
    out: &mut impl Write,
    id: &str,
    key: &str,
    parsed: Result<T, copydesk::Error>,
) -> io::Result<bool> {
    let value = match parsed {
        Ok(value) => value,
        Err(e) => {
            out.write_all(&error_line(id, e.code(), &e.to_string()))?;
            return Ok(false);
        }
    };
    out.write_all(b"{\"id\":")?;
    out.write_all(id.as_bytes())?;
    write!(out, ",\"{key}\":")?;
    // Serializing these types fails only when writing does.
    serde_json::to_writer(&mut *out, &value).map_err(io::Error::from)?;
    out.write_all(b"}")?;
    Ok(true)
}

/// The most bytes of output lines the records of one chunk hold together while they wait
/// for their turn to be written. A record's JSON can be hundreds of times its text (a quote
/// of five bytes repeats a speaker and a descriptor of up to 512 each), so a chunk of 16 MB
/// of records could otherwise hold gigabytes; a chunk of news (two to four bytes of JSON a
/// byte of text) holds far less than this.
const HELD_OUTPUT_BYTES: usize = 64 << 20;

/// The least room a record's output line takes from its chunk's budget at a time.
const CLAIM_BYTES: usize = 64 << 10;

/// What a chunk's record gives the writer: its output line and whether it parsed, or, when
/// the line outgrew the room left in the chunk's budget, the input line itself, parsed again
/// when its turn comes and written as it is made.
enum Done {
    Line(Vec<u8>, bool),
    Again(Vec<u8>),
}

/// The error of a [`Held`] line that outgrew its chunk's budget.
#[derive(Debug)]
struct OverBudget;

impl std::fmt::Display for OverBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("output line over the chunk's budget")
    }
}

impl std::error::Error for OverBudget {}

/// An output line being made in memory, taking its room from a budget shared by the records
/// of its chunk ([`CLAIM_BYTES`] or more at a time); a write past the room it can get fails
/// with [`OverBudget`].
struct Held<'b> {
    line: Vec<u8>,
    claimed: usize,
    budget: &'b AtomicUsize,
}

impl Held<'_> {
    /// Takes room for `more` bytes past the line from the budget, at least [`CLAIM_BYTES`].
    #[cold]
    #[inline(never)]
    fn claim(&mut self, more: usize) -> io::Result<()> {
        let need = self.line.len().saturating_add(more);
        let more = (need - self.claimed).max(CLAIM_BYTES);
        self.budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(more)
            })
            .map_err(|_| io::Error::other(OverBudget))?;
        self.claimed += more;
        Ok(())
    }
}

impl Write for Held<'_> {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    // (The JSON writer hands over a few bytes at a time: what the line has room for is
    // appended with one test, as a `Vec` would append it.)
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.line.len() + buf.len() > self.claimed {
            self.claim(buf.len())?;
        }
        self.line.extend_from_slice(buf);
        Ok(())
    }

    #[inline]
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// [`process_to`] of `line` into memory, under the chunk's `budget`: its output line, or
/// the input line back when the output line outgrew the budget (its room given back).
fn process_held(
    line: Vec<u8>,
    mode: Mode,
    parser: &copydesk::Parser,
    budget: &AtomicUsize,
) -> Done {
    let mut held = Held {
        // (Room for a news article's JSON, as much as what it may claim at most.)
        line: Vec::with_capacity(line.len().min(HELD_OUTPUT_BYTES) * 2 + 64),
        claimed: 0,
        budget,
    };
    match process_to(&line, mode, parser, &mut held) {
        Ok(ok) => Done::Line(held.line, ok),
        // (Writing to memory fails only for the budget.)
        Err(_) => {
            budget.fetch_add(held.claimed, Ordering::Relaxed);
            Done::Again(line)
        }
    }
}

/// One input line: a record, or a line too long to be one.
enum Line {
    Record(Vec<u8>),
    TooLong,
}

/// The longest JSONL line read into memory: room for a text of `max` bytes with every
/// byte escaped (`\u0000`), plus the id and the keys.
fn max_line_bytes(max: usize) -> usize {
    max.saturating_mul(6).saturating_add(4096)
}

fn too_long_line(max_line: usize) -> Vec<u8> {
    error_line(
        "null",
        "too_large",
        &format!("record is over {max_line} bytes, too long to hold an article under the size limit (raise it with --max-bytes)"),
    )
}

/// Reads one line of at most `max` bytes into `line`. `None` at the end of the input;
/// `Some(true)` when the line was longer (the rest of it is skipped, not stored).
fn read_line(input: &mut dyn BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<Option<bool>> {
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let n = std::io::Read::take(&mut *input, limit).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(None);
    }
    if line.len() <= max || line.last() == Some(&b'\n') {
        return Ok(Some(false));
    }
    line.clear();
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match memchr::memchr(b'\n', buf) {
            Some(i) => {
                input.consume(i + 1);
                break;
            }
            None => {
                let n = buf.len();
                input.consume(n);
            }
        }
    }
    Ok(Some(true))
}

/// Reads the next chunk: up to [`CHUNK_RECORDS`] records or [`CHUNK_BYTES`] bytes, blank
/// lines skipped. The flag is true at the end of the input.
fn read_chunk(input: &mut dyn BufRead, max_line: usize) -> io::Result<(Vec<Line>, bool)> {
    let mut lines = Vec::with_capacity(CHUNK_RECORDS);
    let mut bytes = 0;
    while lines.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
        let mut line = Vec::new();
        let Some(too_long) = read_line(input, &mut line, max_line)? else {
            return Ok((lines, true));
        };
        if too_long {
            // Not read whole: report it in place, keep the order.
            lines.push(Line::TooLong);
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        bytes += line.len();
        lines.push(Line::Record(line));
    }
    Ok((lines, false))
}

/// Writes a chunk's output lines in order, parsing again those of the records that did not
/// keep theirs ([`Done::Again`]); returns how many records failed.
fn write_chunk(
    out: &mut impl Write,
    results: &[Done],
    mode: Mode,
    parser: &copydesk::Parser,
) -> io::Result<usize> {
    let mut failed = 0;
    for done in results {
        let ok = match done {
            Done::Line(line, ok) => {
                out.write_all(line)?;
                *ok
            }
            Done::Again(line) => process_to(line, mode, parser, out)?,
        };
        failed += usize::from(!ok);
        out.write_all(b"\n")?;
    }
    Ok(failed)
}

/// Runs the batch; returns how many records failed. While one chunk is parsed on all
/// threads, the output of the chunk before it is written and the next one is read, so the
/// input and output don't hold the parsers up; three chunks are in memory at most, and the
/// output lines of a chunk take up to [`HELD_OUTPUT_BYTES`]: a record whose line would take
/// more is parsed again when its turn comes, its JSON written as it is made.
pub fn run(
    input: Box<dyn BufRead + Send>,
    out: impl Write + Send,
    mode: Mode,
    threads: Option<usize>,
    parser: &copydesk::Parser,
) -> io::Result<usize> {
    run_held(input, out, mode, threads, parser, HELD_OUTPUT_BYTES)
}

/// [`run`] with `held` bytes of output lines held for a chunk ([`HELD_OUTPUT_BYTES`]).
fn run_held(
    mut input: Box<dyn BufRead + Send>,
    out: impl Write + Send,
    mode: Mode,
    threads: Option<usize>,
    parser: &copydesk::Parser,
    held: usize,
) -> io::Result<usize> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let max_line = max_line_bytes(parser.options().max_input_bytes());
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut failed = 0;
    let (mut lines, mut eof) = read_chunk(&mut input, max_line)?;
    let mut done: Vec<Done> = Vec::new();
    while !lines.is_empty() || !done.is_empty() {
        let parse = |lines: Vec<Line>| -> Vec<Done> {
            let budget = AtomicUsize::new(held);
            lines
                .into_par_iter()
                .map(|l| match l {
                    Line::Record(l) => process_held(l, mode, parser, &budget),
                    Line::TooLong => Done::Line(too_long_line(max_line), false),
                })
                .collect()
        };
        let chunk = std::mem::take(&mut lines);
        let (io_side, results) = pool.install(|| {
            rayon::join(
                || -> io::Result<_> {
                    failed += write_chunk(&mut out, &done, mode, parser)?;
                    if eof {
                        Ok((Vec::new(), true))
                    } else {
                        read_chunk(&mut input, max_line)
                    }
                },
                || parse(chunk),
            )
        });
        (lines, eof) = io_side?;
        done = results;
    }
    out.flush()?;
    Ok(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The output of [`run_held`] on `input` with `held` bytes of output lines held a chunk,
    /// on `threads` threads, and its count of failed records.
    fn batch(input: &str, mode: Mode, held: usize, threads: usize) -> (String, usize) {
        let parser =
            copydesk::Parser::new(copydesk::Options::default().with_max_input_bytes(4_000));
        let mut out = Vec::new();
        let input = Box::new(io::Cursor::new(input.as_bytes().to_vec()));
        let failed = run_held(input, &mut out, mode, Some(threads), &parser, held).unwrap();
        (String::from_utf8(out).unwrap(), failed)
    }

    /// A batch of good, bad, empty and too long records, more than a chunk of them.
    fn mixed_input() -> String {
        let story =
            "Ministers meet\n\n\"We will win,\" said Mayor Ann Lee. He said the city would \
                     rebuild its bridges before the winter.\n\n\"Soon,\" he added.";
        let mut input = String::new();
        for i in 0..1_200 {
            let line = match i % 7 {
                0 => format!(
                    "{{\"id\":{i},\"text\":{}}}",
                    serde_json::to_string(&story.repeat(1 + i % 5)).unwrap()
                ),
                1 => format!("{{\"id\":{i},\"text\":42}}"),
                2 => "not json".to_string(),
                3 => format!("{{\"id\":{i},\"text\":\"  \"}}"),
                // A line too long to read, or a text over the size limit.
                4 => format!(
                    "{{\"id\":{i},\"text\":\"{}\"}}",
                    "x".repeat(if i % 2 == 0 { 30_000 } else { 5_000 })
                ),
                5 => String::new(),
                _ => format!("{{\"id\":\"q{i}\",\"text\":\"\\\"Yes,\\\" she said.\"}}"),
            };
            input.push_str(&line);
            input.push('\n');
        }
        input
    }

    /// Lines that outgrow the chunk's budget are parsed again when written: the output is
    /// the same, in the same order, whatever the budget (none, a few lines' worth, all of
    /// them) and the threads.
    #[test]
    fn output_is_the_same_whatever_the_budget() {
        let input = mixed_input();
        for mode in [Mode::Article, Mode::Quotes] {
            let (want, failed) = batch(&input, mode, HELD_OUTPUT_BYTES, 1);
            assert_eq!(want.lines().count(), 1_200 - 1_200 / 7);
            assert!(failed > 500, "{failed}");
            for (held, threads) in [(0, 1), (0, 2), (CLAIM_BYTES, 2), (3 * CLAIM_BYTES, 2)] {
                let got = batch(&input, mode, held, threads);
                assert!(
                    got == (want.clone(), failed),
                    "{mode:?} held {held} threads {threads}"
                );
            }
        }
    }

    /// A line takes its room from the budget in steps of [`CLAIM_BYTES`], fails past it,
    /// and a record whose line fails gives its room back and comes back whole.
    #[test]
    fn held_lines_keep_to_the_budget() {
        let budget = AtomicUsize::new(2 * CLAIM_BYTES);
        let mut a = Held {
            line: Vec::new(),
            claimed: 0,
            budget: &budget,
        };
        a.write_all(b"abc").unwrap();
        assert_eq!(budget.load(Ordering::Relaxed), CLAIM_BYTES);
        a.write_all(&vec![b'x'; CLAIM_BYTES - 3]).unwrap();
        assert_eq!(budget.load(Ordering::Relaxed), CLAIM_BYTES);
        let mut b = Held {
            line: Vec::new(),
            claimed: 0,
            budget: &budget,
        };
        let err = b.write_all(&vec![b'y'; CLAIM_BYTES + 1]).unwrap_err();
        assert!(err.get_ref().is_some_and(|e| e.is::<OverBudget>()));
        assert!(b.line.is_empty());
        b.write_all(b"y").unwrap();
        assert_eq!(budget.load(Ordering::Relaxed), 0);
        assert!(a.write_all(b"z").is_err());

        let parser = copydesk::Parser::default();
        let record = br#"{"id":1,"text":"\"Yes,\" she said."}"#.to_vec();
        let budget = AtomicUsize::new(30);
        match process_held(record.clone(), Mode::Quotes, &parser, &budget) {
            Done::Again(line) => assert_eq!(line, record),
            Done::Line(..) => panic!("held a line over the budget"),
        }
        assert_eq!(budget.load(Ordering::Relaxed), 30);
        let budget = AtomicUsize::new(CLAIM_BYTES);
        match process_held(record, Mode::Quotes, &parser, &budget) {
            Done::Line(line, ok) => {
                assert!(ok);
                assert!(
                    line.starts_with(br#"{"id":1,"quotes":[{"text":"Yes,""#),
                    "{}",
                    String::from_utf8_lossy(&line)
                );
            }
            Done::Again(_) => panic!("a short line not held"),
        }
    }
}
