//! Tables inside a story: runs of short cells whose shapes repeat row after row.
//!
//! An HTML-to-text step turns a table into one block per cell, so a table of results in a
//! sports story reads as "DL", "Jane Doe", "63", "85%", "Two tackles.", then the next row.
//! Each cell alone looks like junk; together the cells have a period: the shape of block
//! `i` (a bare number, a name, a sentence…) is the shape of block `i + p`. A run with such
//! a period, holding numbers, with prose on both sides, is part of the story.

use super::features::{Feats, Features};
use super::Class;

/// The most words (or characters / 2 in a caseless script) of a cell.
const CELL_SIZE: usize = 24;
/// The shortest table, in blocks.
pub(super) const MIN_BLOCKS: usize = 8;
/// The periods tried (cells per row).
const PERIODS: std::ops::RangeInclusive<usize> = 2..=8;
/// How many periods [`PERIODS`] holds.
const PERIOD_COUNT: usize = *PERIODS.end() + 1 - *PERIODS.start();
/// The fewest rows.
const MIN_ROWS: usize = 3;
/// The share of cells whose shape equals the cell one row further down.
const MIN_MATCH: f32 = 0.7;
/// The share of rows that must agree on a column's kind (header rows disagree).
const MIN_COLUMN: f32 = 0.6;

/// The coarse shape of a cell.
fn shape(f: &Features) -> u8 {
    match (f.letters, f.digits) {
        (0, 0) => 0,                                   // "%", "—"
        (0, _) => 1,                                   // "63", "85%", "$915"
        (_, d) if f.terminal() => 2 + u8::from(d > 0), // a note
        (_, d) if d > 0 => 4,                          // "12 May", "3rd"
        _ if f.words <= 4 => 5,                        // "DL", "Jane Doe"
        _ => 6,                                        // a longer label
    }
}

/// The shapes of cells with digits (1, 3 and 4), a bit each.
const NUMERIC: u32 = 1 << 1 | 1 << 3 | 1 << 4;

/// True for the shape of a cell with digits: told by a bit of [`NUMERIC`], with no branch
/// (a `match` of the three took one, as good as random when cells are counted).
#[inline(always)]
fn numeric(s: u8) -> bool {
    (s < 8) & (NUMERIC >> (s & 7) & 1 != 0)
}

/// The number of shapes of cells with digits among `shapes` ([`numeric`]), counted with no
/// branch (web corpus: the count of a `match` per cell took 9.6K simulated mispredicts).
fn numeric_cells(shapes: &[u8]) -> usize {
    shapes.iter().map(|&s| usize::from(numeric(s))).sum()
}

/// The fewest cells with digits of a run that repeats row after row ([`periodic`]): one of
/// its columns holds digits in [`MIN_COLUMN`] of its rows, and it has at least
/// [`MIN_ROWS`] of them (0.6 × 3 rows: two cells).
const MIN_NUMERIC_CELLS: usize = 2;

/// True when the cells `shapes` repeat row after row: for some period (cells per row)
/// with at least [`MIN_ROWS`] rows, most cells have the shape of the cell one row down,
/// and some column holds digits in most rows while another holds words without digits.
/// A run of more bare numbers than anything else is a chart, not a table.
fn periodic(shapes: &[u8]) -> bool {
    let bare = shapes.iter().filter(|&&s| s == 1).count();
    if bare * 2 > shapes.len() {
        return false;
    }
    // No column holds more cells with digits than the run: a period whose rows need more
    // is ruled out before its cells are compared.
    let numbers = numeric_cells(shapes);
    PERIODS.into_iter().any(|p| {
        let rows = shapes.len() / p;
        if rows < MIN_ROWS || (numbers as f32) < MIN_COLUMN * rows as f32 {
            return false;
        }
        let pairs = shapes.len() - p;
        // Each cell against the cell one row down (`shapes[i]` and `shapes[i + p]` for `i`
        // below `pairs`), as two slices side by side: no index to check.
        let below = shapes.get(p..).unwrap_or_default();
        let same = shapes.iter().zip(below).filter(|(a, b)| a == b).count();
        if (same as f32) < MIN_MATCH * pairs as f32 {
            return false;
        }
        let column = |c: usize, want: fn(u8) -> bool| {
            let hits = (0..rows).filter(|&r| want(shapes[r * p + c])).count();
            hits as f32 >= MIN_COLUMN * rows as f32
        };
        (0..p).any(|c| column(c, numeric)) && (0..p).any(|c| column(c, |s| !numeric(s) && s != 0))
    })
}

/// The start of the longest stretch at the end of `shapes` that repeats row after row
/// ([`periodic`]), if one has at least [`MIN_BLOCKS`] cells, and its period. For each period the stretch
/// grows backwards while no more than half of the last row's cells differ from the row
/// below them (a heading or a page's navigation stops it).
///
/// A run with fewer than [`MIN_NUMERIC_CELLS`] cells with digits (a menu, a list of
/// teasers: most runs) has no such stretch, and is told so before any walk.
///
/// The walk for a period stops, and the period is passed over, once the stretch is sure to
/// have more rows than the run's cells with digits allow at any period
/// ([`most_numeric_rows`]): a menu's long run of one shape, with a date or two, is walked
/// for its last rows only, not to its start for every period.
fn periodic_suffix(shapes: &[u8]) -> Option<(usize, usize)> {
    let numbers = numeric_cells(shapes);
    if numbers < MIN_NUMERIC_CELLS {
        return None;
    }
    let most_rows = most_numeric_rows(numbers);
    let len = shapes.len();
    let mut best: Option<(usize, usize)> = None;
    // The starts of the stretches [`periodic`] was false of: the answer depends on the
    // stretch alone, and several periods often end their walks at the same place (a
    // heading above the run), where it is not asked again.
    let mut refused = [usize::MAX; PERIOD_COUNT];
    let mut n_refused = 0;
    for p in PERIODS {
        if len < p * MIN_ROWS {
            continue;
        }
        let pairs = len - p;
        // A stretch from `cap` or before has more rows than `most_rows` for every period
        // [`periodic`] tries (the longest gives the fewest).
        let cap = len.checked_sub((most_rows + 1) * *PERIODS.end());
        let miss = |t: usize| usize::from(shapes[t] != shapes[t + p]);
        let mut misses = 0;
        let mut start = 0;
        let mut too_long = false;
        for t in (0..pairs).rev() {
            misses += miss(t);
            if t + p < pairs {
                misses -= miss(t + p);
            }
            if misses * 2 > p {
                start = t + 1;
                break;
            }
            // The stretch starts at `t` or before: [`periodic`] is false of it.
            if cap.is_some_and(|c| t <= c) {
                too_long = true;
                break;
            }
        }
        if !too_long
            && len - start >= MIN_BLOCKS
            && best.is_none_or(|(b, _)| start < b)
            && !refused[..n_refused].contains(&start)
        {
            if periodic(&shapes[start..]) {
                best = Some((start, p));
            } else if let Some(slot) = refused.get_mut(n_refused) {
                *slot = start;
                n_refused += 1;
            }
        }
    }
    best
}

/// The most rows a stretch of cells that holds `numbers` cells with digits (or fewer) can
/// have and still pass [`periodic`]'s count of them (`numbers` at least [`MIN_COLUMN`] of
/// the rows): one with more rows is no table.
fn most_numeric_rows(numbers: usize) -> usize {
    let mut rows = (numbers as f32 / MIN_COLUMN) as usize + 1;
    while rows > 0 && (numbers as f32) < MIN_COLUMN * rows as f32 {
        rows -= 1;
    }
    rows
}

/// The largest mean size of a table's cells, in words: table cells are names, numbers
/// and short notes; a list of teasers (kicker, title, source, summary) has longer items.
const MAX_MEAN_CELL: usize = 5;

/// How far from a table its prose may be: a short introduction ("Results:") may sit
/// between the last sentence and the first row.
const NEAR_PROSE: usize = 3;

/// Marks the blocks of tables inside the story. A table is a run of short blocks (cells,
/// up to [`CELL_SIZE`], not a barrier (`barrier(i)`)) whose shapes repeat row after row
/// ([`periodic`]) and whose cells are small ([`MAX_MEAN_CELL`]), with prose right after
/// it and within [`NEAR_PROSE`] blocks (and two header rows) before it, or prose right
/// before it and within [`NEAR_PROSE`] blocks after it: a table is read between sentences. Only the repeating
/// stretch next to the prose is marked: navigation above a table stays out.
///
/// The list has a place for each block, but is empty (no allocation) for a text of fewer
/// than [`MIN_BLOCKS`] blocks, which holds no table: the callers read a block past its end
/// as outside any table.
#[cfg(test)]
pub(super) fn table_blocks(
    feats: Feats,
    class: &[Class],
    barrier: impl Fn(usize) -> bool,
) -> Vec<bool> {
    let mut table = Vec::new();
    table_blocks_into(feats, class, barrier, &mut table, &mut Vec::new());
    table
}

/// [`table_blocks`], into `table` (which must be empty), with `shapes` for the blocks'
/// shapes: lists kept from one text to the next by the caller.
pub(super) fn table_blocks_into(
    feats: Feats,
    class: &[Class],
    barrier: impl Fn(usize) -> bool,
    table: &mut Vec<bool>,
    shapes: &mut Vec<u8>,
) {
    debug_assert!(table.is_empty());
    let n = feats.len();
    if n < MIN_BLOCKS {
        return;
    }
    table.resize(n, false);
    let good = |i: usize| class.get(i) == Some(&Class::Good);
    let cell = |i: usize| feats[i].size() <= CELL_SIZE && !barrier(i);
    let small = |r: std::ops::Range<usize>| {
        let cells = r.len();
        r.map(|k| feats[k].size()).sum::<usize>() <= cells * MAX_MEAN_CELL
    };
    let mut i = 0;
    while i < n {
        if !cell(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && cell(j) {
            j += 1;
        }
        if j - i >= MIN_BLOCKS {
            // Prose after the run: the repeating stretch at its end.
            if good(j) {
                shapes.clear();
                shapes.extend((i..j).map(|k| shape(&feats[k])));
                if let Some((s, p)) = periodic_suffix(shapes) {
                    let k = i + s;
                    // Header rows do not repeat the body rows' shapes.
                    let near = (k.saturating_sub(NEAR_PROSE + 2 * p)..k).any(good);
                    if near && small(k..j) {
                        table[k..j].iter_mut().for_each(|t| *t = true);
                    }
                }
            }
            // Prose before the run: the repeating stretch at its start.
            if i > 0 && good(i - 1) {
                shapes.clear();
                shapes.extend((i..j).rev().map(|k| shape(&feats[k])));
                if let Some((s, _)) = periodic_suffix(shapes) {
                    let e = j - s;
                    if (e..(e + NEAR_PROSE).min(n)).any(good) && small(i..e) {
                        table[i..e].iter_mut().for_each(|t| *t = true);
                    }
                }
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::super::features::block_features;
    use super::*;

    /// [`periodic`] as it was, by indexes: the reference of the test below.
    fn periodic_by_index(shapes: &[u8]) -> bool {
        let bare = shapes.iter().filter(|&&s| s == 1).count();
        if bare * 2 > shapes.len() {
            return false;
        }
        PERIODS.into_iter().any(|p| {
            let rows = shapes.len() / p;
            if rows < MIN_ROWS {
                return false;
            }
            let pairs = shapes.len() - p;
            let same = (0..pairs).filter(|&i| shapes[i] == shapes[i + p]).count();
            if (same as f32) < MIN_MATCH * pairs as f32 {
                return false;
            }
            let column = |c: usize, want: fn(u8) -> bool| {
                let hits = (0..rows).filter(|&r| want(shapes[r * p + c])).count();
                hits as f32 >= MIN_COLUMN * rows as f32
            };
            (0..p).any(|c| column(c, numeric))
                && (0..p).any(|c| column(c, |s| !numeric(s) && s != 0))
        })
    }

    #[test]
    fn numeric_is_the_plain_match() {
        // Every byte, and counts of random runs of them (of the shapes and of any byte).
        for s in 0..=u8::MAX {
            assert_eq!(numeric(s), matches!(s, 1 | 3 | 4), "{s}");
            assert_eq!(numeric_cells(&[s]), usize::from(numeric(s)), "{s}");
        }
        let mut rng = crate::testgen::Rng::new(0x7ab1_e5e5);
        for round in 0..2_000 {
            let top = if round % 2 == 0 { 7 } else { 256 };
            let shapes: Vec<u8> = (0..round % 90).map(|_| rng.below(top) as u8).collect();
            let plain = shapes.iter().filter(|&&s| matches!(s, 1 | 3 | 4)).count();
            assert_eq!(numeric_cells(&shapes), plain, "{shapes:?}");
        }
    }

    #[test]
    fn periodic_agrees_with_the_index_loops() {
        // Runs of 0 to 60 cells: random shapes, and rows of a random pattern with a few
        // cells changed, so that both answers occur often.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as u8
        };
        let mut periodic_runs = 0;
        for round in 0..20_000 {
            let len = usize::from(next(61));
            let shapes: Vec<u8> = if round % 2 == 0 {
                (0..len).map(|_| next(7)).collect()
            } else {
                let p = usize::from(next(8)) + 1;
                let row: Vec<u8> = (0..p).map(|_| next(7)).collect();
                (0..len)
                    .map(|i| if next(10) == 0 { next(7) } else { row[i % p] })
                    .collect()
            };
            let want = periodic_by_index(&shapes);
            assert_eq!(periodic(&shapes), want, "{shapes:?}");
            periodic_runs += usize::from(want);
        }
        assert!(periodic_runs > 1_000, "{periodic_runs}");
    }

    /// [`periodic_suffix`] as it was before its walks stopped at [`most_numeric_rows`]: every
    /// period's walk goes on until the rows differ.
    fn periodic_suffix_walking_on(shapes: &[u8]) -> Option<(usize, usize)> {
        if shapes.iter().filter(|&&s| numeric(s)).count() < MIN_NUMERIC_CELLS {
            return None;
        }
        let len = shapes.len();
        let mut best: Option<(usize, usize)> = None;
        for p in PERIODS {
            if len < p * MIN_ROWS {
                continue;
            }
            let pairs = len - p;
            let miss = |t: usize| usize::from(shapes[t] != shapes[t + p]);
            let mut misses = 0;
            let mut start = 0;
            for t in (0..pairs).rev() {
                misses += miss(t);
                if t + p < pairs {
                    misses -= miss(t + p);
                }
                if misses * 2 > p {
                    start = t + 1;
                    break;
                }
            }
            if len - start >= MIN_BLOCKS
                && best.is_none_or(|(b, _)| start < b)
                && periodic(&shapes[start..])
            {
                best = Some((start, p));
            }
        }
        best
    }

    #[test]
    fn most_numeric_rows_is_the_most_the_count_allows() {
        for numbers in 0..200 {
            let rows = most_numeric_rows(numbers);
            let allows = |r: usize| numbers as f32 >= MIN_COLUMN * r as f32;
            assert!(allows(rows), "{numbers}");
            assert!(!allows(rows + 1), "{numbers}");
        }
    }

    /// The walks that stop at the rows the cells with digits allow find the stretch the
    /// walks to the end find: runs of up to 120 cells, random ones, rows of a pattern with a
    /// few cells changed, and long runs of one shape with a few numbers (a menu).
    #[test]
    fn periodic_suffix_is_the_walk_to_the_end() {
        let mut rng = crate::testgen::Rng::new(0xb727_220a);
        let mut next = |m: u64| rng.below(m as usize) as u8;
        let mut found = 0;
        for round in 0..30_000 {
            let len = usize::from(next(121));
            let shapes: Vec<u8> = match round % 3 {
                0 => (0..len).map(|_| next(7)).collect(),
                1 => {
                    let p = usize::from(next(8)) + 1;
                    let row: Vec<u8> = (0..p).map(|_| next(7)).collect();
                    (0..len)
                        .map(|i| if next(10) == 0 { next(7) } else { row[i % p] })
                        .collect()
                }
                _ => {
                    let p = usize::from(next(8)) + 1;
                    let row: Vec<u8> = (0..p).map(|_| next(7)).collect();
                    let numbers = usize::from(next(30));
                    (0..len)
                        .map(|i| {
                            if i + numbers * p >= len {
                                row[i % p]
                            } else if next(20) == 0 {
                                1
                            } else {
                                5
                            }
                        })
                        .collect()
                }
            };
            let want = periodic_suffix_walking_on(&shapes);
            assert_eq!(periodic_suffix(&shapes), want, "{shapes:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 1_000, "{found}");
    }

    /// No run of fewer than [`MIN_NUMERIC_CELLS`] cells with digits repeats, whatever its
    /// length and period: the test [`periodic_suffix`] starts with rules out none that
    /// [`periodic`] passes.
    #[test]
    fn runs_with_too_few_numbers_never_repeat() {
        assert!(((MIN_NUMERIC_CELLS - 1) as f32) < MIN_COLUMN * MIN_ROWS as f32);
        assert!(MIN_NUMERIC_CELLS as f32 >= MIN_COLUMN * MIN_ROWS as f32);
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |m: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m) as u8
        };
        // Shapes without digits, and one cell with digits somewhere or none.
        let plain = [0u8, 2, 5, 6];
        for _ in 0..5_000 {
            let len = usize::from(next(40));
            let p = usize::from(next(8)) + 1;
            let row: Vec<u8> = (0..p).map(|_| plain[usize::from(next(4))]).collect();
            let mut shapes: Vec<u8> = (0..len).map(|i| row[i % p]).collect();
            if len > 0 && next(2) == 0 {
                let at = usize::from(next(len as u64));
                shapes[at] = [1, 3, 4][usize::from(next(3))];
            }
            assert!(!periodic_by_index(&shapes), "{shapes:?}");
            assert_eq!(periodic_suffix(&shapes), None, "{shapes:?}");
        }
        // Two cells with digits can make one: the bound is the least.
        let two = [5, 1, 5, 1, 5, 5];
        assert!(periodic_by_index(&two) && periodic(&two));
    }

    fn shapes(cells: &[&str]) -> Vec<u8> {
        cells
            .iter()
            .map(|s| shape(&block_features(s, &mut String::new())))
            .collect()
    }

    #[test]
    fn rows_of_cells_repeat() {
        let rows = [
            "FW",
            "Ann Lee",
            "71",
            "90%",
            "Two goals.",
            "MF",
            "Bo Park",
            "64",
            "81%",
            "One assist.",
            "DF",
            "Cy Diaz",
            "60",
            "76%",
            "No shots.",
        ];
        assert!(periodic(&shapes(&rows)));
    }

    #[test]
    fn menus_and_teasers_do_not() {
        // All one shape: a menu.
        let menu = [
            "Home", "News", "Sport", "Weather", "Travel", "Culture", "Food", "Music",
        ];
        assert!(!periodic(&shapes(&menu)));
        // Two rows only.
        let short = ["FW", "Ann Lee", "71", "90%", "MF", "Bo Park", "64", "81%"];
        assert!(!periodic(&shapes(&short)));
        // No numbers.
        let names = [
            "Ann Lee",
            "Storm damages the school roof in the west",
            "Bo Park",
            "Local team wins the county cup after a long final",
            "Cy Diaz",
            "New bakery opens its doors on the market square",
            "Di Roe",
            "Council plans a footbridge over the river by spring",
        ];
        assert!(!periodic(&shapes(&names)));
    }
}
