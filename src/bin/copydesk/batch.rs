//! JSONL batch mode: records in, one output line per record, in input order, on all cores,
//! in bounded memory (the input is read and processed a chunk at a time).

use rayon::prelude::*;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::io::{self, BufRead, Write};

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

/// One output line for one input line.
fn process(line: &[u8], mode: Mode, parser: &copydesk::Parser) -> (Vec<u8>, bool) {
    let record: Record = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => {
            // Keep the id when only the text is wrong ("text": 42), so the caller can match
            // the error to its record.
            let id = serde_json::from_slice::<IdOnly>(line)
                .ok()
                .and_then(|r| r.id)
                .map_or("null", RawValue::get);
            return (
                error_line(
                    id,
                    "bad_record",
                    &format!("not a JSON record with a \"text\" string: {e}"),
                ),
                false,
            );
        }
    };
    let id = record.id.map_or("null", RawValue::get);
    let Some(text) = record.text else {
        return (
            error_line(id, "bad_record", "record has no \"text\" string"),
            false,
        );
    };
    // The article's JSON is written into the line itself, not made apart and copied in.
    let mut out = Vec::with_capacity(text.len() * 2 + 64);
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(id.as_bytes());
    let result = match mode {
        Mode::Article => parser.parse(&text).map(|a| {
            out.extend_from_slice(b",\"article\":");
            serde_json::to_writer(&mut out, &a)
        }),
        Mode::Quotes => parser.quotes(&text).map(|q| {
            out.extend_from_slice(b",\"quotes\":");
            serde_json::to_writer(&mut out, &q)
        }),
    };
    match result {
        Ok(Ok(())) => {
            out.push(b'}');
            (out, true)
        }
        Ok(Err(e)) => (error_line(id, "internal", &e.to_string()), false),
        Err(e) => (error_line(id, e.code(), &e.to_string()), false),
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

/// Writes a chunk's output lines in order; returns how many records failed.
fn write_chunk(out: &mut impl Write, results: &[(Vec<u8>, bool)]) -> io::Result<usize> {
    let mut failed = 0;
    for (line, ok) in results {
        failed += usize::from(!ok);
        out.write_all(line)?;
        out.write_all(b"\n")?;
    }
    Ok(failed)
}

/// Runs the batch; returns how many records failed. While one chunk is parsed on all
/// threads, the output of the chunk before it is written and the next one is read, so the
/// input and output don't hold the parsers up; three chunks are in memory at most.
pub fn run(
    mut input: Box<dyn BufRead + Send>,
    out: impl Write + Send,
    mode: Mode,
    threads: Option<usize>,
    parser: &copydesk::Parser,
) -> io::Result<usize> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let max_line = max_line_bytes(parser.options().max_input_bytes());
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut failed = 0;
    let (mut lines, mut eof) = read_chunk(&mut input, max_line)?;
    let mut done: Vec<(Vec<u8>, bool)> = Vec::new();
    while !lines.is_empty() || !done.is_empty() {
        let parse = |lines: &[Line]| -> Vec<(Vec<u8>, bool)> {
            lines
                .par_iter()
                .map(|l| match l {
                    Line::Record(l) => process(l, mode, parser),
                    Line::TooLong => (too_long_line(max_line), false),
                })
                .collect()
        };
        let (io_side, results) = pool.install(|| {
            rayon::join(
                || -> io::Result<_> {
                    failed += write_chunk(&mut out, &done)?;
                    if eof {
                        Ok((Vec::new(), true))
                    } else {
                        read_chunk(&mut input, max_line)
                    }
                },
                || parse(&lines),
            )
        });
        (lines, eof) = io_side?;
        done = results;
    }
    out.flush()?;
    Ok(failed)
}
