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

/// Parses one input as the mode says and returns its JSON.
pub fn one(bytes: &[u8], mode: Mode) -> Result<String, copydesk::Error> {
    let parser = copydesk::Parser::default();
    let json = match mode {
        Mode::Article => serde_json::to_string_pretty(&parser.parse_bytes(bytes)?),
        Mode::Quotes => {
            let text = std::str::from_utf8(bytes).map_err(|e| {
                copydesk::Error::from(copydesk::ErrorKind::InvalidUtf8 {
                    offset: e.valid_up_to(),
                })
            })?;
            serde_json::to_string_pretty(&parser.quotes(text)?)
        }
    };
    Ok(json.unwrap_or_default())
}

fn error_line(id: &str, kind: &str, message: &str) -> String {
    let mut out = String::with_capacity(64 + message.len());
    out.push_str("{\"id\":");
    out.push_str(id);
    out.push_str(",\"error\":{\"kind\":");
    out.push_str(&serde_json::to_string(kind).unwrap_or_default());
    out.push_str(",\"message\":");
    out.push_str(&serde_json::to_string(message).unwrap_or_default());
    out.push_str("}}");
    out
}

/// One output line for one input line.
fn process(line: &[u8], mode: Mode, parser: &copydesk::Parser) -> (String, bool) {
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
    let mut out = String::with_capacity(text.len() * 2 + 64);
    out.push_str("{\"id\":");
    out.push_str(id);
    let result = match mode {
        Mode::Article => parser.parse(&text).map(|a| {
            out.push_str(",\"article\":");
            serde_json::to_string(&a)
        }),
        Mode::Quotes => parser.quotes(&text).map(|q| {
            out.push_str(",\"quotes\":");
            serde_json::to_string(&q)
        }),
    };
    match result {
        Ok(Ok(json)) => {
            out.push_str(&json);
            out.push('}');
            (out, true)
        }
        Ok(Err(e)) => (error_line(id, "internal", &e.to_string()), false),
        Err(e) => (error_line(id, e.code(), &e.to_string()), false),
    }
}

/// Runs the batch; returns how many records failed.
pub fn run(
    mut input: Box<dyn BufRead>,
    out: impl Write,
    mode: Mode,
    threads: Option<usize>,
) -> io::Result<usize> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(io::Error::other)?;
    let parser = copydesk::Parser::default();
    let mut out = io::BufWriter::with_capacity(1 << 20, out);
    let mut failed = 0;
    let mut lines: Vec<Vec<u8>> = Vec::with_capacity(CHUNK_RECORDS);
    let mut eof = false;
    while !eof {
        lines.clear();
        let mut bytes = 0;
        while lines.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
            let mut line = Vec::new();
            if input.read_until(b'\n', &mut line)? == 0 {
                eof = true;
                break;
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            bytes += line.len();
            lines.push(line);
        }
        let results: Vec<(String, bool)> = pool.install(|| {
            lines
                .par_iter()
                .map(|l| process(l, mode, &parser))
                .collect()
        });
        for (line, ok) in results {
            failed += usize::from(!ok);
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(failed)
}
