//! The `copydesk` command line: parse articles to JSON, in batch, and run the evals.
#![allow(clippy::print_stdout)]

mod batch;
mod eval_quotes;
mod eval_structure;

use std::io::{self, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  copydesk parse [FILE|-]            parse one article, print it as JSON
  copydesk parse --jsonl [FILE|-]    JSONL in ({\"id\", \"text\"} per line), JSONL out ({\"id\", \"article\"} or {\"id\", \"error\"})
  copydesk quotes --jsonl [FILE|-]   the same for body-only text: {\"id\", \"quotes\"}
  copydesk quotes [FILE|-]           the quotes of one body-only text, as JSON
  copydesk eval quotes FILE.jsonl    quote and speaker scores on a quotes eval file
  copydesk eval structure FILE.jsonl structure scores on a structure eval file

options:
  --threads N    worker threads for --jsonl (default: all cores)
  --max-bytes N  largest article accepted, in bytes (default 256 MiB); a longer input or
                 JSONL record is reported as too_large without being read into memory whole

exit status: 0 all records parsed, 1 some record failed, 2 usage or I/O error";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(Failure::Usage(msg)) => {
            let _ = writeln!(io::stderr(), "copydesk: {msg}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(msg)) => {
            let _ = writeln!(io::stderr(), "copydesk: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Why a run ends with status 2: a command line it cannot read (the usage is printed
/// after the message), or an input or output that fails (the message alone).
enum Failure {
    Usage(String),
    Io(String),
}

impl From<String> for Failure {
    fn from(msg: String) -> Self {
        Failure::Usage(msg)
    }
}

impl From<&str> for Failure {
    fn from(msg: &str) -> Self {
        Failure::Usage(msg.to_owned())
    }
}

/// Parsed command-line flags.
struct Flags<'a> {
    jsonl: bool,
    threads: Option<usize>,
    max_bytes: Option<usize>,
    file: Option<&'a str>,
}

fn flags(args: &[String]) -> Result<Flags<'_>, String> {
    let mut f = Flags {
        jsonl: false,
        threads: None,
        max_bytes: None,
        file: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--jsonl" => f.jsonl = true,
            "--threads" => {
                let n = it.next().ok_or("--threads needs a number")?;
                f.threads = Some(n.parse().map_err(|_| format!("bad --threads {n:?}"))?);
            }
            "--max-bytes" => {
                let n = it.next().ok_or("--max-bytes needs a number")?;
                f.max_bytes = Some(n.parse().map_err(|_| format!("bad --max-bytes {n:?}"))?);
            }
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s if f.file.is_none() => f.file = Some(s),
            s => return Err(format!("unexpected argument {s:?}")),
        }
    }
    Ok(f)
}

fn open(file: Option<&str>) -> Result<Box<dyn io::BufRead + Send>, Failure> {
    match file {
        None | Some("-") => Ok(Box::new(io::BufReader::with_capacity(1 << 20, io::stdin()))),
        Some(path) => std::fs::File::open(path)
            .map(|f| {
                Box::new(io::BufReader::with_capacity(1 << 20, f)) as Box<dyn io::BufRead + Send>
            })
            .map_err(|e| Failure::Io(format!("cannot open {path}: {e}"))),
    }
}

fn run(args: &[String]) -> Result<ExitCode, Failure> {
    let (cmd, rest) = args.split_first().ok_or("no command")?;
    match cmd.as_str() {
        "parse" | "quotes" => {
            let f = flags(rest)?;
            let mode = if cmd == "parse" {
                batch::Mode::Article
            } else {
                batch::Mode::Quotes
            };
            let mut options = copydesk::Options::default();
            if let Some(max) = f.max_bytes {
                options = options.with_max_input_bytes(max);
            }
            let parser = copydesk::Parser::new(options);
            let max = parser.options().max_input_bytes();
            let input = open(f.file)?;
            if f.jsonl {
                let failed = match batch::run(input, io::stdout(), mode, f.threads, &parser) {
                    Ok(failed) => failed,
                    // The reader went away (`| head`): stop quietly, as other tools do.
                    Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                        return Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => return Err(Failure::Io(format!("i/o error: {e}"))),
                };
                return Ok(if failed > 0 {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                });
            }
            // Read one byte past the limit at most: an endless stdin is not read into memory.
            let mut bytes = Vec::new();
            input
                .take(u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Io(format!("cannot read input: {e}")))?;
            if bytes.len() > max {
                let _ = writeln!(
                    io::stderr(),
                    "copydesk: input is over the limit of {max} bytes (raise it with --max-bytes)"
                );
                return Ok(ExitCode::from(1));
            }
            match batch::one(&bytes, mode, &parser, io::stdout().lock()) {
                Ok(()) => Ok(ExitCode::SUCCESS),
                Err(batch::OneError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
                    Ok(ExitCode::SUCCESS)
                }
                Err(batch::OneError::Write(e)) => Err(Failure::Io(format!("i/o error: {e}"))),
                Err(batch::OneError::Parse(e)) => {
                    let _ = writeln!(io::stderr(), "copydesk: {e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
        "eval" => match rest {
            [kind, file] if kind == "quotes" => eval_quotes::run(file)
                .map(|_| ExitCode::SUCCESS)
                .map_err(Failure::Io),
            [kind, file] if kind == "structure" => eval_structure::run(file)
                .map(|_| ExitCode::SUCCESS)
                .map_err(Failure::Io),
            _ => Err("eval takes `quotes FILE` or `structure FILE`".into()),
        },
        "help" | "--help" | "-h" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => Err(format!("unknown command {other:?}").into()),
    }
}
