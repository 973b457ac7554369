//! The one integration test binary: golden files, edge cases, properties, fuzz replays, the
//! CLI, all sharing the invariant checker.
mod allocations;
#[cfg(feature = "cli")]
mod cli;
mod crlf_windows;
mod edge_cases;
mod fuzz_replay;
mod golden;
#[cfg(target_os = "linux")]
mod huge_pages;
mod invariants;
mod properties;
