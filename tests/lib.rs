//! The one integration test binary: golden files, edge cases, invariants.
mod golden;
mod invariants;
