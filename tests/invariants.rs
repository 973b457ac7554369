//! Checks of the guarantees every parse must keep, shared by the golden, edge-case and
//! property tests.

use copydesk::normalize::{clean, is_blank};
use copydesk::{Article, Normalization, Span};

/// Panics with a message when `article` breaks an invariant for `input`.
pub fn check(input: &str, article: &Article<'_>, form: Normalization) {
    let top = article.top_level();
    // Spans in bounds, on char boundaries, non-empty, ordered, non-overlapping.
    let mut prev_end = 0;
    for (kind, span) in &top {
        assert!(
            span.get(input).is_some(),
            "{kind:?} span {span:?} is not a char-boundary range of the input"
        );
        assert!(!span.is_empty(), "{kind:?} span {span:?} is empty");
        assert!(
            span.start >= prev_end,
            "{kind:?} span {span:?} overlaps the element before it (which ends at {prev_end})"
        );
        prev_end = span.end;
    }
    // Nothing is lost: every non-blank char is inside a top-level element.
    let mut i = 0;
    for (idx, c) in input.char_indices() {
        if is_blank(c) {
            continue;
        }
        while i < top.len() && top[i].1.end <= idx {
            i += 1;
        }
        let covered = top.get(i).is_some_and(|(_, s)| s.start <= idx);
        assert!(
            covered,
            "char {c:?} at byte {idx} is in no top-level element (context {:?})",
            input.get(idx.saturating_sub(20)..(idx + 20).min(input.len()))
        );
    }
    // Text is the cleaning of the bytes under the span.
    let texts = element_texts(article);
    for (text, span) in texts {
        let raw = span.get(input).expect("span in bounds");
        assert_eq!(
            text,
            clean(raw, form),
            "text of {span:?} is not clean(input[span])"
        );
    }
    // Quotes lie inside their body block; mentions inside the input.
    for q in &article.quotes {
        let block = q.block.expect("article quotes are in the body");
        let bspan = article.body[block].span();
        assert!(
            bspan.contains(q.span),
            "quote {:?} outside block {bspan:?}",
            q.span
        );
        if let Some(m) = q.attribution.as_ref().and_then(|a| a.mention.as_ref()) {
            assert!(
                m.span.get(input).is_some(),
                "mention span {:?} out of bounds",
                m.span
            );
        }
    }
}

fn element_texts<'x>(a: &'x Article<'_>) -> Vec<(&'x str, Span)> {
    let mut v: Vec<(&str, Span)> = Vec::new();
    v.extend(a.headline.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.dek.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.bylines.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.credits.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.dates.iter().map(|e| (e.as_str(), e.span)));
    v.extend(a.body.iter().map(|b| (b.text(), b.span())));
    v.extend(a.quotes.iter().map(|q| (q.text.as_ref(), q.span)));
    v.extend(a.boilerplate.iter().map(|b| (b.text.as_ref(), b.span)));
    if let Some(r) = &a.related {
        v.extend(r.heading.iter().map(|h| (h.as_str(), h.span)));
        v.extend(r.tags().map(|t| (t.as_str(), t.span)));
    }
    v
}
