//! Generated test inputs (tests only): a fixed pseudo-random sequence (xorshift32) and texts
//! joined from given parts by it, so that a test of a fast path against its plain version
//! covers many combinations and fails the same way on every run.

/// A fixed sequence of pseudo-random numbers.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u32);

impl Rng {
    /// The sequence from `seed` (which must not be 0).
    pub(crate) fn new(seed: u32) -> Self {
        Rng(seed.max(1))
    }

    /// The next number, below `n` (`n` > 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize % n
    }

    /// One of `parts`, at random.
    pub(crate) fn pick<'p>(&mut self, parts: &[&'p str]) -> &'p str {
        parts[self.below(parts.len())]
    }

    /// `n` of `parts` at random, joined.
    pub(crate) fn text(&mut self, parts: &[&str], n: usize) -> String {
        (0..n).map(|_| self.pick(parts)).collect()
    }

    /// `n` of `parts` at random, each followed by a space: a text of words.
    pub(crate) fn words(&mut self, parts: &[&str], n: usize) -> String {
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(self.pick(parts));
            text.push(' ');
        }
        text
    }
}

/// Sweeps a thing at the edge of a byte window: for 1 to 3 line ends and each of `pads`,
/// `judge` says of `text(lines, pad)` with CRLF line ends what it says of it with LF ones
/// (panics otherwise). Returns how often it said yes and no, for the caller to check that
/// the sweep crossed the edge.
pub(crate) fn crlf_sweep(
    pads: std::ops::Range<usize>,
    text: impl Fn(usize, usize) -> String,
    judge: impl Fn(&str) -> bool,
) -> (usize, usize) {
    let (mut yes, mut no) = (0, 0);
    for lines in 1..4 {
        for pad in pads.clone() {
            let lf = text(lines, pad);
            let want = judge(&lf);
            assert_eq!(judge(&lf.replace('\n', "\r\n")), want, "{lf:?}");
            yes += usize::from(want);
            no += usize::from(!want);
        }
    }
    (yes, no)
}
