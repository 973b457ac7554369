//! Calls to action: the sentences a site puts under its stories to make the reader do
//! something ("Subscribe to our sister title for the latest news!", "Follow her on Twitter
//! @jdoe", "Click here to support our reporting").
//!
//! No one phrase marks them, and each of their words also occurs in news prose ("shares
//! fell", "on Twitter"). What marks them is two signals together: a sentence that opens
//! with an imperative (`Subscribe`, `Follow`, `Click`…), an address or handle to act on, an
//! exclamation or a closing "here", and the vocabulary of the act (subscriptions,
//! newsletters, social networks, paywalls, surveys). A block that quotes someone is never a
//! call to action: quotations are story.

use super::features::Features;

/// Blocks longer than this are prose, whatever they ask of the reader.
const MAX_WORDS: usize = 60;

/// Folded first words of a sentence that tell the reader to act.
const IMPERATIVES: &[&str] = &[
    "subscribe",
    "follow",
    "join",
    "sign",
    "click",
    "tap",
    "listen",
    "download",
    "email",
    "tell",
    "register",
    "donate",
    "visit",
    "send",
    "share",
    "install",
    "check",
    "get",
];

/// Folded words of the act, each group one signal, however many of its words occur.
const ACT_WORDS: &[&[&str]] = &[
    &[
        "subscribe",
        "subscribed",
        "subscribing",
        "subscription",
        "subscriptions",
        "unsubscribe",
    ],
    &["newsletter", "newsletters", "inbox"],
    &["spam"],
    &[
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "linkedin",
        "tiktok",
        "pinterest",
        "whatsapp",
        "telegram",
    ],
    &["paywall", "paywalls"],
    &["survey", "feedback"],
    &["podcast", "podcasts"],
    &["forum", "forums"],
];

/// The most words of a block whose only signals are words of the act ("No spam, we
/// promise. You can unsubscribe at any time."): a longer one is prose about such things.
const MAX_ACT_ONLY_WORDS: usize = 25;

/// Folded words that address the reader.
const SECOND_PERSON: &[&str] = &["you", "your", "us", "our"];

/// True when the block `s` (with features `f`) asks the reader to act: see the module
/// documentation.
pub(crate) fn is_call_to_action(s: &str, f: &Features) -> bool {
    if f.words > MAX_WORDS || f.folded.is_empty() || has_quotation(s) {
        return false;
    }
    let words: Vec<&str> = f.folded.split(' ').collect();
    let acts = ACT_WORDS
        .iter()
        .filter(|group| words.iter().any(|w| group.contains(w)))
        .count();
    let imperative = sentence_starts(s).any(|w| IMPERATIVES.contains(&w.as_str()));
    let address = has_address(s);
    let urging = ends_urging(s)
        || words
            .windows(2)
            .any(|w| matches!(w, ["click" | "tap", "here" | "to"]));
    let signals =
        usize::from(imperative) + usize::from(address) + usize::from(urging) + acts.min(2);
    let addressed = imperative
        || address
        || urging
        || f.words <= MAX_ACT_ONLY_WORDS && words.iter().any(|w| SECOND_PERSON.contains(w));
    signals >= 2 && addressed
}

/// True when `s` holds a quotation mark that opens or closes a quotation (an apostrophe
/// inside a word does not).
fn has_quotation(s: &str) -> bool {
    s.contains(['"', '“', '”', '«', '»', '„'])
}

/// The first word of every sentence of `s`, folded to lower-case letters.
fn sentence_starts(s: &str) -> impl Iterator<Item = String> + '_ {
    let mut at_start = true;
    s.split_whitespace().filter_map(move |w| {
        let start = at_start;
        at_start = w.ends_with(['.', '!', '?', ':']);
        start.then(|| {
            w.chars()
                .take_while(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect()
        })
    })
}

/// True when `s` holds an e-mail address, a `@handle` or a web address.
fn has_address(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '@');
        match w.find('@') {
            // @handle
            Some(0) => w.len() > 1,
            // name@host.tld
            Some(at) => w[at + 1..].contains('.'),
            None => w.starts_with("http") && w.contains("://") || w.starts_with("www."),
        }
    })
}

/// True when a sentence of `s` ends with `!`, or with the word "here" (`listen back
/// here.`). ("Click here", "tap to" anywhere count too: see [`is_call_to_action`].)
fn ends_urging(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        let bare = w.trim_end_matches(['.', '!', ')']);
        w.ends_with('!') || bare.eq_ignore_ascii_case("here") && bare.len() < w.len()
    }) || s.trim_end().ends_with("here")
}

#[cfg(test)]
mod tests {
    use super::super::features::block_features;
    use super::*;

    fn cta(s: &str) -> bool {
        is_call_to_action(s, &block_features(s))
    }

    #[test]
    fn calls_to_action_are_recognized() {
        for s in [
            "Subscribe to the Harbour Gazette and stay ahead of the tide.",
            "Want more boats? Subscribe to our sister title for the latest news from the docks!",
            "Join our reader forums to keep talking about the harbour! Tips: desk@example.org.",
            "Get the latest harbour news and ferry updates, and more!",
            "No spam, we promise. You can unsubscribe at any time.",
            "Email Ann Lee at alee@example.org or follow her @annlee.",
            "Do you enjoy our reporting? Click here to support it.",
            "Follow the Gazette on Instagram, Facebook and YouTube.",
            "Listen to the morning show live at 8:00 - or listen back here.",
            "Tell us what you think of our new look by taking this survey.",
        ] {
            assert!(cta(s), "{s}");
        }
    }

    #[test]
    fn news_prose_is_not_a_call_to_action() {
        for s in [
            "The company said it would ban political ads on Facebook and Twitter next year.",
            "Shares of the ferry operator fell 4% after the survey was published.",
            "Follow-up talks are planned for next week in the harbour office.",
            "“Subscribe to our channel!” the captain shouted at the crowd.",
            "Support for the bill grew on Twitter after the vote.",
            "Get-togethers at the harbour were cancelled.",
            "The council will email residents about the new subscription fees.",
            "You will learn to speak anywhere: in a blog post, an email inbox, a webinar, a \
             podcast, on a stage, in a classroom full of strangers or inside the pages of a book.",
        ] {
            assert!(!cta(s), "{s}");
        }
    }
}
