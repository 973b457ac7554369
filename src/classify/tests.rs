//! Tests of the classify stage on short articles written for them (and the seed article).

use super::*;
use crate::model::BoilerplateReason as R;
use crate::segment::segment;

/// Every block's label and text.
fn labelled(text: &str) -> Vec<(Label, &str)> {
    let blocks = segment(text);
    let (labels, clean, _) = classify(&blocks);
    assert_eq!(labels.len(), blocks.len());
    assert_eq!(clean.len(), blocks.len());
    labels.into_iter().zip(blocks).collect()
}

/// The text of the blocks with `label`.
fn with<'t>(got: &[(Label, &'t str)], label: Label) -> Vec<&'t str> {
    got.iter()
        .filter(|(l, _)| *l == label)
        .map(|(_, s)| *s)
        .collect()
}

fn label_of(got: &[(Label, &str)], text: &str) -> Label {
    got.iter()
        .find(|(_, s)| *s == text)
        .map(|(l, _)| *l)
        .unwrap_or_else(|| panic!("no block {text:?} in {got:#?}"))
}

fn body<'t>(got: &[(Label, &'t str)]) -> Vec<&'t str> {
    got.iter()
        .filter(|(l, _)| matches!(l, Label::Paragraph | Label::Subhead))
        .map(|(_, s)| *s)
        .collect()
}

const SEED: &str = include_str!("../../tests/golden/seed-aljazeera.txt");

#[test]
fn seed_article() {
    let got = labelled(SEED);
    assert_eq!(with(&got, Label::Credit), ["Homs Media Center / AP"]);
    assert_eq!(
        with(&got, Label::Headline),
        ["Russia defends strikes bolstering Assad government ‘weak spots’"]
    );
    assert_eq!(
        with(&got, Label::Dek),
        ["While Moscow’s airstrikes were framed as primarily an anti-ISIL operation, targets have included other Syrian rebels"]
    );
    let body = body(&got);
    assert_eq!(body.len(), 23, "{body:#?}");
    assert!(body[0].starts_with("Russia acknowledged on Thursday"));
    assert!(body[22].starts_with("Hezbollah, which is backed by Iran"));
    assert_eq!(with(&got, Label::Subhead), ["Possible Iranian escalation"]);
    assert_eq!(with(&got, Label::Byline), ["Al Jazeera and wire services"]);
    assert_eq!(with(&got, Label::TagHeading), ["Related News"]);
    assert_eq!(
        with(&got, Label::Tags),
        ["Russia, Syria", "ISIL, Syria's War, War"]
    );
    let aside: Vec<(Label, &str)> = got
        .iter()
        .copied()
        .filter(|(l, _)| matches!(l, Label::Boilerplate(_)))
        .collect();
    assert_eq!(
        aside,
        [
            (
                Label::Boilerplate(R::Promo),
                "Find Al Jazeera America on your TV"
            ),
            (
                Label::Boilerplate(R::Newsletter),
                "Get email updates from Al Jazeera America"
            ),
            (
                Label::Boilerplate(R::Newsletter),
                "Sign up for our weekly newsletter"
            ),
            (Label::Boilerplate(R::Duplicate), "Russia, Syria"),
            (Label::Boilerplate(R::Duplicate), "ISIL, Syria's War, War"),
            (
                Label::Boilerplate(R::Duplicate),
                "Get email updates from Al Jazeera America"
            ),
            (
                Label::Boilerplate(R::Duplicate),
                "Sign up for our weekly newsletter"
            ),
        ]
    );
    assert!(with(&got, Label::Date).is_empty());
}

/// The body of the test article, one paragraph per entry (a subhead among them).
const STORY: [&str; 7] = [
    "The town council voted on Tuesday night to close the old river bridge to all traffic after inspectors found deep cracks in two of its stone piers.",
    "The decision, taken after a three-hour debate, means that residents of the east bank will have to drive an extra twenty minutes to reach the market square.",
    "\"We had no choice,\" said Mayor Ann Lee, who chaired the meeting. \"The safety of the people who cross that bridge every day comes first.\"",
    "Repairs will take time",
    "Engineers told the council that repairs could take at least six months and would cost more than the town spends on roads in a normal year.",
    "Some shop owners fear the closure will hurt trade.",
    "The council will meet again next month to decide how the work should be paid for and whether a temporary footbridge can be built.",
];

fn story_blocks() -> Vec<&'static str> {
    STORY.to_vec()
}

fn assert_story(got: &[(Label, &str)]) {
    assert_eq!(body(got), STORY, "{got:#?}");
    assert_eq!(label_of(got, "Repairs will take time"), Label::Subhead);
}

fn page(parts: &[&str], sep: &str) -> String {
    parts.join(sep)
}

fn full_page() -> Vec<&'static str> {
    let mut parts = vec![
        "Skip to content",
        "Home",
        "News",
        "Sport",
        "Weather",
        "Sign in",
        "Share on Facebook",
        "Share on Twitter",
        "Council closes the old river bridge | Riverside Gazette",
        "Council closes the old river bridge",
        "By Jane Doe and John Roe",
        "March 3, 2021",
    ];
    parts.extend(story_blocks());
    parts.extend([
        "Share this article",
        "Most Read",
        "Storm damages school roof",
        "Local team wins the county cup",
        "12 Comments",
        "Sam Smith says:",
        "This bridge has been falling apart for years and nobody listened to us.",
        "Reply",
        "© 2021 Riverside Gazette. All rights reserved.",
        "Privacy Policy",
        "We use cookies to give you the best experience on our website.",
    ]);
    parts
}

/// A story's short closing sentence ("Nobody was hurt.") is the story's: too short for
/// prose, it was left out of the story's run and set aside as navigation. Short lines
/// after a story that are no such sentence stay set aside.
#[test]
fn a_story_may_end_with_a_short_sentence() {
    for last in ["Nobody was hurt.", "Police are investigating."] {
        let mut parts = story_blocks();
        parts.extend([last, "Read more.", "Most Read", "Storm damages school roof"]);
        let text = page(&parts, "\n\n");
        let got = labelled(&text);
        let mut want = story_blocks();
        want.push(last);
        assert_eq!(body(&got), want, "{got:#?}");
        for junk in ["Read more.", "Most Read", "Storm damages school roof"] {
            assert!(
                matches!(label_of(&got, junk), Label::Boilerplate(_)),
                "{junk}: {got:#?}"
            );
        }
    }
    // Not a sentence of the story: a link, a line in capitals, a page number, a credit.
    for last in [
        "Sign up.",
        "BREAKING NEWS.",
        "Page 2.",
        "Photo by Jane Doe.",
    ] {
        let mut parts = story_blocks();
        parts.push(last);
        let text = page(&parts, "\n\n");
        let got = labelled(&text);
        assert_eq!(body(&got), story_blocks(), "{last}: {got:#?}");
    }
}

/// A story's last line that says someone declined to comment or did not reply is the
/// story's, not the comments' (the words `comment` and `reply` alone marked any short
/// block that was not a sentence of six words or more); the comment section's own blocks
/// still are.
#[test]
fn a_story_may_end_declining_to_comment() {
    for last in [
        "The mayor declined to comment.",
        "The company did not reply.",
    ] {
        let mut parts = story_blocks();
        parts.push(last);
        let want = parts.clone();
        assert_story_then_comments(
            parts,
            &want,
            &["12 Comments", "Leave your comment", "Reply", "Comment"],
        );
    }
}

/// `story` (a page's blocks) and then the comment section's blocks `comments` are read
/// as `want`, the story's body, and then comments.
fn assert_story_then_comments<'a>(mut story: Vec<&'a str>, want: &[&str], comments: &[&'a str]) {
    story.extend(comments);
    let text = page(&story, "\n\n");
    let got = labelled(&text);
    assert_eq!(body(&got), want, "{got:#?}");
    for junk in comments {
        assert_eq!(
            label_of(&got, junk),
            Label::Boilerplate(R::Comments),
            "{junk}"
        );
    }
}

/// A short line of the story with the verb "says" ("“Never,” she says.") is the story's:
/// the word marked any short block that was not a sentence of six words or more as the
/// comments' ("Sam Smith says:"), and as a barrier the comments are, such a line in the
/// middle of a story cut it there, and the story above it was lost. It now marks only a
/// block that ends with no sentence punctuation; a reader's comment header still does.
#[test]
fn a_short_line_that_says_is_the_storys() {
    for line in ["\"Never,\" she says.", "Or so he says.", "He says."] {
        for at in [3, STORY.len()] {
            let mut parts = story_blocks();
            parts.insert(at, line);
            let want = parts.clone();
            let comments = ["12 Comments", "Sam Smith says:", "Jo says", "Reply"];
            assert_story_then_comments(parts, &want, &comments);
        }
    }
}

/// A paragraph with mojibake of "é" ("LibÃ©ration": its UTF-8 bytes read as Latin-1)
/// is the story's: the "©" of "Ã©" was read as a copyright sign, which marked the block a
/// copyright footer, and, a barrier, cut the story there. A real "©" still does.
#[test]
fn mojibake_of_an_accent_is_no_copyright_sign() {
    let line = "\"We must talk,\" the prime minister told the Paris daily LibÃ©ration on Monday, a day after the vote.";
    let mut parts = story_blocks();
    parts.insert(3, line);
    let want = parts.clone();
    parts.extend(["Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(body(&got), want, "{got:#?}");
    assert_eq!(
        label_of(&got, "© 2021 Riverside Gazette"),
        Label::Boilerplate(R::Copyright)
    );
}

#[test]
fn navigation_before_and_comments_after() {
    let text = page(&full_page(), "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge"]
    );
    assert_eq!(with(&got, Label::Byline), ["By Jane Doe and John Roe"]);
    assert_eq!(with(&got, Label::Date), ["March 3, 2021"]);
    assert_eq!(
        label_of(&got, "Skip to content"),
        Label::Boilerplate(R::Navigation)
    );
    assert_eq!(label_of(&got, "Sign in"), Label::Boilerplate(R::SignIn));
    assert_eq!(
        label_of(&got, "Share on Twitter"),
        Label::Boilerplate(R::Social)
    );
    assert_eq!(
        label_of(&got, "12 Comments"),
        Label::Boilerplate(R::Comments)
    );
    assert_eq!(
        label_of(&got, "© 2021 Riverside Gazette. All rights reserved."),
        Label::Boilerplate(R::Copyright)
    );
    assert_eq!(
        label_of(
            &got,
            "We use cookies to give you the best experience on our website."
        ),
        Label::Boilerplate(R::Cookie)
    );
    assert!(matches!(
        label_of(
            &got,
            "This bridge has been falling apart for years and nobody listened to us."
        ),
        Label::Boilerplate(_)
    ));
}

#[test]
fn one_block_per_line() {
    let text = page(&full_page(), "\n");
    let got = labelled(&text);
    assert_story(&got);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge"]
    );
    assert_eq!(with(&got, Label::Byline), ["By Jane Doe and John Roe"]);
}

/// Word-wraps `s` at `width` columns.
fn wrap(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in s.split(' ') {
        if line > 0 && line + 1 + word.chars().count() > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += word.chars().count();
    }
    out
}

#[test]
fn hard_wrapped_layout() {
    let wrapped: Vec<String> = full_page().iter().map(|p| wrap(p, 72)).collect();
    let parts: Vec<&str> = wrapped.iter().map(String::as_str).collect();
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    let want: Vec<String> = STORY.iter().map(|p| wrap(p, 72)).collect();
    assert_eq!(body(&got), want, "{got:#?}");
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge"]
    );
}

#[test]
fn site_title_variant_gives_way_to_the_plain_headline() {
    let mut parts = vec![
        "Riverside Gazette",
        "Council closes the old river bridge - Riverside Gazette",
        "Local News",
    ];
    parts.push("Council closes the old river bridge");
    parts.extend(story_blocks());
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge"]
    );
    // With only the "Title | Site" copy, that copy is the headline.
    let mut parts = vec![
        "Home",
        "Council closes the old river bridge | Riverside Gazette",
    ];
    parts.extend(story_blocks());
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge | Riverside Gazette"]
    );
}

#[test]
fn the_headline_shares_words_with_its_story() {
    // A teaser for another story sits closer to the story than the real headline, but
    // only the headline's words recur in the story.
    let parts = {
        let mut p = vec![
            "Menu",
            "Council votes to close the old river bridge",
            "Share on Facebook",
            "Storm damages primary school roof in Westfield",
        ];
        p.extend(story_blocks());
        p
    };
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council votes to close the old river bridge"],
        "{got:#?}"
    );
}

#[test]
fn a_table_between_paragraphs_stays_in_the_story() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(&STORY[..3]);
    parts.push("Results");
    let rows = [
        ["FW", "Ann Lee", "71", "90%", "Two goals."],
        ["MF", "Bo Park", "64", "81%", "One assist."],
        ["DF", "Cy Diaz", "60", "76%", "No shots."],
        ["GK", "Ed Roe", "71", "90%", "Four saves."],
    ];
    for row in &rows {
        parts.extend(row);
    }
    parts.extend(&STORY[4..]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    let body = body(&got);
    for cell in rows.iter().flatten() {
        assert!(body.contains(cell), "{cell} not in {got:#?}");
    }
    assert!(
        body.contains(&STORY[0]) && body.contains(&STORY[6]),
        "{got:#?}"
    );
}

#[test]
fn a_teaser_list_after_the_story_is_no_table() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(story_blocks());
    parts.push("More stories");
    for (kicker, title, source) in [
        (
            "WEATHER",
            "Storm damages the primary school roof in Westfield",
            "12 shares Local News",
        ),
        (
            "SPORT",
            "County team wins the cup after a long and tense final",
            "40 shares Sport Football",
        ),
        (
            "FOOD",
            "A new bakery opens its doors on the old market square",
            "7 shares Food Local",
        ),
        (
            "TRAVEL",
            "The ferry to the islands will run all winter this year",
            "3 shares Travel Sea",
        ),
    ] {
        parts.extend([kicker, title, source]);
        parts.push("Readers shared this story widely over the weekend, and the comments kept coming in all week long.");
    }
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(body(&got), STORY, "{got:#?}");
}

#[test]
fn a_story_repeated_in_one_block_after_the_footer_stays_out() {
    // A long story of distinct paragraphs…
    let story: Vec<String> = (1..=12)
        .map(|n| {
            format!(
                "On day {n} of the closure, traffic on the east bank moved slowly again, and the \
                 engineers reported on their work at the piers to the town council, which \
                 listened and asked about costs."
            )
        })
        .collect();
    let mut parts: Vec<&str> = vec!["Council closes the old river bridge"];
    parts.extend(story.iter().map(String::as_str));
    parts.extend([
        "Related coverage:",
        "Storm damages the primary school roof",
        "County team wins the cup",
        "Share on Facebook",
        "Share on Twitter",
        "Share by email",
        "Print",
        "Jane Doe",
        "Local News",
        "Newsletter",
        "Contact us",
        "Advertise",
        "Jobs",
        "Privacy Policy",
        "Terms of Use",
        "Cookie settings",
    ]);
    // …then a summary field that holds all of it, several times over, in one block.
    let copy = format!("In brief. {}", story.join(" ").repeat(3));
    parts.push(&copy);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(body(&got), story, "{got:#?}");
}

#[test]
fn a_comment_thread_without_a_heading_ends_the_story() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(&STORY[..2]);
    let thread = [
        "Sam Smith on March 3, 2021 at 4:47 pm said:",
        "I have crossed that bridge every morning for twenty years, and I always wondered when somebody would finally look at those cracks in the piers.",
        "Ann Park on March 3, 2021 at 6:02 pm said:",
        "The footbridge idea sounds good, but who is going to pay for it? The town already spends far too little on the roads, and the buses are late every day.",
        "It would be better to fix the bridge properly once, even if the work takes a year.",
        "Bo Lee on March 4, 2021 at 8:15 am said:",
        "Twenty extra minutes each way is a lot for the people who live on the east bank, and nobody on the council seems to care about the shops there either.",
    ];
    parts.extend(thread);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(body(&got), &STORY[..2], "{got:#?}");
}

#[test]
fn a_story_runs_across_a_box_of_related_links() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(&STORY[..3]);
    let links = [
        "Storm damages the primary school roof in Westfield",
        "County team wins the cup after a long final",
        "New bakery opens on the old market square",
    ];
    parts.push("More from Local News");
    parts.extend(links);
    parts.extend([
        "Engineers told the council on Tuesday that repairs to the cracked stone piers of the old river bridge could take at least six months of work.",
        "The closure of the old bridge means residents of the east bank will drive an extra twenty minutes, and the council will meet again next month.",
        "Mayor Ann Lee said the council would decide then how the repairs to the bridge should be paid for and whether a footbridge can be built.",
        "Inspectors will check the piers of the bridge again in the spring, the council said, and traffic will stay closed until the work is done.",
    ]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    let body = body(&got);
    assert_eq!(body.len(), 7, "{got:#?}");
    assert_eq!(body[0], STORY[0]);
    for link in links {
        assert!(!body.contains(&link), "{link}");
    }
}

#[test]
fn byline_forms() {
    for byline in [
        "By Jane Doe",
        "By Jane Doe and John Roe",
        "Jane Doe, Staff Reporter",
        "Jane Doe | Reuters",
        "By Jane Doe March 3, 2021 11:00 AM",
        "Jane Doe - Mar 3, 2021 8:02 pm UTC",
    ] {
        let mut parts = vec!["Menu", "Council closes the old river bridge", byline];
        parts.extend(story_blocks());
        let text = page(&parts, "\n\n");
        let got = labelled(&text);
        assert_eq!(with(&got, Label::Byline), [byline], "{got:#?}");
        assert_eq!(
            with(&got, Label::Headline),
            ["Council closes the old river bridge"]
        );
    }
    // A credit line after the story.
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(story_blocks());
    parts.push("Riverside Gazette and wire services");
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Byline),
        ["Riverside Gazette and wire services"]
    );
}

#[test]
fn dek_and_photo_caption() {
    let mut parts = vec![
        "Council closes the old river bridge",
        "Inspectors found cracks in two piers, and repairs could take six months",
        "The old river bridge on Monday. Photograph: Jane Doe/Riverside Gazette",
    ];
    parts.extend(story_blocks());
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Dek),
        ["Inspectors found cracks in two piers, and repairs could take six months"]
    );
    assert_eq!(
        with(&got, Label::Credit),
        ["The old river bridge on Monday. Photograph: Jane Doe/Riverside Gazette"]
    );
    assert_story(&got);
}

#[test]
fn lists_and_short_paragraphs_stay_in_the_body() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(&STORY[..3]);
    parts.extend([
        "The council listed three options:",
        "- a full repair of both piers",
        "- a new steel bridge beside the old one",
        "- a ferry for foot passengers",
        "It did not say which it prefers.",
    ]);
    parts.extend(&STORY[4..]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    for item in [
        "The council listed three options:",
        "- a full repair of both piers",
        "- a ferry for foot passengers",
        "It did not say which it prefers.",
    ] {
        assert_eq!(label_of(&got, item), Label::Paragraph, "{item}");
    }
}

#[test]
fn repeats_are_duplicates() {
    let mut parts = vec!["Council closes the old river bridge"];
    parts.extend(story_blocks());
    parts.extend([
        "Sign up for our newsletter",
        "Weather",
        "Sign up for our newsletter",
    ]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    let aside = with(&got, Label::Boilerplate(R::Duplicate));
    assert_eq!(aside, ["Sign up for our newsletter"]);
}

#[test]
fn spanish_page() {
    let parts = [
        "Inicio",
        "Deportes",
        "Economía",
        "El ayuntamiento cierra el viejo puente del río",
        "Por Ana García",
        "3 de marzo de 2021",
        "El ayuntamiento votó el martes por la noche cerrar el viejo puente del río al tráfico después de que los inspectores encontraran grietas profundas en dos de sus pilares.",
        "La decisión, tomada tras un debate de tres horas, obliga a los vecinos de la orilla este a conducir veinte minutos más para llegar al mercado.",
        "Los ingenieros dijeron que las obras podrían durar al menos seis meses y costar más de lo que la ciudad gasta en carreteras en un año normal.",
        "Comentarios",
        "© 2021 Diario del Río. Todos los derechos reservados.",
    ];
    let text = page(&parts, "\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["El ayuntamiento cierra el viejo puente del río"]
    );
    assert_eq!(with(&got, Label::Byline), ["Por Ana García"]);
    assert_eq!(with(&got, Label::Date), ["3 de marzo de 2021"]);
    assert_eq!(body(&got).len(), 3, "{got:#?}");
}

#[test]
fn japanese_page() {
    let parts = [
        "ホーム",
        "ニュース",
        "川の古い橋、通行止めに",
        "2021年3月3日",
        "町議会は火曜日の夜、点検で二本の橋脚に深いひびが見つかったことを受けて、川に架かる古い橋を全面通行止めにすることを決めた。",
        "三時間に及ぶ議論の末の決定で、東岸の住民は市場まで車で二十分余計にかかることになる。",
        "技術者によると、修理には少なくとも半年かかり、費用は町の年間の道路予算を上回る見込みだという。",
        "関連記事",
    ];
    let text = page(&parts, "\n");
    let got = labelled(&text);
    assert_eq!(with(&got, Label::Headline), ["川の古い橋、通行止めに"]);
    assert_eq!(body(&got).len(), 3, "{got:#?}");
    assert_eq!(label_of(&got, "関連記事"), Label::Boilerplate(R::Related));
}

#[test]
fn russian_page() {
    let parts = [
        "Главная",
        "Новости",
        "Совет закрыл старый мост через реку",
        "Городской совет во вторник вечером проголосовал за закрытие старого моста для всего транспорта после того, как инспекторы нашли глубокие трещины в двух опорах.",
        "Решение, принятое после трёхчасового обсуждения, означает, что жителям восточного берега придётся ехать до рынка на двадцать минут дольше.",
        "Читайте также",
    ];
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["Совет закрыл старый мост через реку"]
    );
    assert_eq!(body(&got).len(), 2, "{got:#?}");
}

#[test]
fn no_prose_does_not_panic() {
    for text in [
        "Home",
        "Home\nNews\nSport",
        "x",
        "…\n\n—\n\n•",
        "By Jane Doe",
    ] {
        let got = labelled(text);
        assert!(!got.is_empty());
    }
    assert_eq!(classify(&[]), (Vec::new(), Vec::new(), Vec::new()));
}

#[test]
fn byline_after_share_buttons_marks_the_headline() {
    let mut parts = vec![
        "Home",
        "Council closes the old river bridge",
        "Share on Facebook",
        "Share on Twitter",
        "More Options",
        "Resize Text",
        "Print Article",
        "By Jane Doe",
        "1 of 12",
        "Full Screen",
        "Crowds watch the last cars cross the bridge",
        "View Photos",
        "Residents gathered on both banks on Tuesday evening.",
        "Caption",
    ];
    parts.extend(story_blocks());
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_eq!(
        with(&got, Label::Headline),
        ["Council closes the old river bridge"],
        "{got:#?}"
    );
    assert_eq!(with(&got, Label::Byline), ["By Jane Doe"]);
}

#[test]
fn a_chart_inside_the_story_is_set_aside_and_the_story_runs_on() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(&STORY[..3]);
    let chart = [
        "Crossings per day",
        "$915",
        "billion",
        "600",
        "300",
        "’17",
        "’18",
        "’19",
        "’20",
        "’21",
        "’22",
        "Source: town survey",
    ];
    parts.extend(chart);
    parts.extend(&STORY[3..]);
    parts.extend(["Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    for cell in ["$915", "’17", "’22", "billion"] {
        assert!(
            matches!(label_of(&got, cell), Label::Boilerplate(_)),
            "{cell}: {got:#?}"
        );
    }
}

#[test]
fn a_credited_gallery_inside_the_story_does_not_cut_it() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(&STORY[..2]);
    parts.extend([
        "Story continues below gallery",
        "1 of 6",
        "Jane Doe Submitted photo",
        "John Roe Submitted photo",
        "Sam Smith Submitted photo",
        "Ann Lee Submitted photo",
        "Tom Reed Submitted photo",
        "Kim Park Submitted photo",
    ]);
    parts.extend(&STORY[2..]);
    parts.extend(["Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    assert_eq!(label_of(&got, "Jane Doe Submitted photo"), Label::Credit);
    assert_eq!(
        label_of(&got, "1 of 6"),
        Label::Boilerplate(R::Navigation),
        "{got:#?}"
    );
}

#[test]
fn calls_to_action_after_the_story_are_promo() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(story_blocks());
    let calls = [
        "Want more river news? Subscribe to our sister title for the latest from the banks!",
        "Email Ann Lee at alee@example.org or follow her @annlee.",
        "Get the latest bridge news and ferry updates, and more!",
    ];
    parts.extend(calls);
    parts.extend(["Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    for s in calls {
        assert_eq!(label_of(&got, s), Label::Boilerplate(R::Promo), "{got:#?}");
    }
}

#[test]
fn a_list_the_story_announces_below_is_part_of_it() {
    let mut parts = vec!["Menu", "The five best kettles for a winter harbour"];
    parts.extend(&STORY[..2]);
    parts.push(
        "Prices have dropped ahead of the winter season, and some of the kettles sold on the \
         quay are cheaper than ever. Check out our picks for the best deals below.",
    );
    let cards = [
        "Harbour Steel Kettle",
        "Boils a litre in two minutes",
        "Keeps water warm for an hour, even on deck",
        "Harbour Steel Kettle (1.7 litres) - Silver",
        "$39.99",
        "Available from the quay shop",
        "Buy Now",
        "Dockside Glass Kettle",
        "Blue light while it boils",
        "Auto shut-off",
        "Dockside Glass Kettle (1.5 litres)",
        "$29.99",
        "Available from the quay shop",
        "Buy Now",
        "Ferryman Travel Kettle",
        "Folds flat for a backpack, with a cup that fits inside",
        "$19.99",
    ];
    parts.extend(cards);
    parts.extend(["Tags: Deals", "Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    let story = body(&got);
    for item in ["Harbour Steel Kettle", "Auto shut-off", "$29.99", "$19.99"] {
        assert!(story.contains(&item), "{item}: {got:#?}");
    }
    assert_eq!(label_of(&got, "Buy Now"), Label::Boilerplate(R::Promo));
    assert!(!story.contains(&"Privacy Policy"), "{got:#?}");
}

#[test]
fn bracketed_sources_between_paragraphs_are_credits() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(&STORY[..2]);
    parts.push("[The Harbour Post]");
    parts.extend(&STORY[2..]);
    parts.push("[River Weekly]");
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    assert_eq!(
        label_of(&got, "[The Harbour Post]"),
        Label::Credit,
        "{got:#?}"
    );
}

#[test]
fn a_story_title_linked_twice_inside_the_story_is_a_teaser() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(&STORY[..3]);
    parts.extend([
        "Business",
        "Ferry company doubles its fares for the summer",
        "Business",
        "Ferry company doubles its fares for the summer",
    ]);
    parts.extend(&STORY[3..]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    assert_eq!(
        label_of(&got, "Ferry company doubles its fares for the summer"),
        Label::Boilerplate(R::Related),
        "{got:#?}"
    );
    assert_eq!(label_of(&got, "Business"), Label::Boilerplate(R::Related));
}

#[test]
fn gallery_captions_led_by_their_counter_are_credits() {
    let mut parts = vec!["Menu", "Council closes the old river bridge"];
    parts.extend(story_blocks());
    let captions = [
        "1of3Crowds watch the last cars cross the old river bridge on Tuesday evening, March 2, 2021.",
        "2 of 3 Engineers inspect the cracked piers from a boat below the bridge.",
    ];
    parts.extend(captions);
    parts.extend(["Privacy Policy", "© 2021 Riverside Gazette"]);
    let text = page(&parts, "\n\n");
    let got = labelled(&text);
    assert_story(&got);
    for c in captions {
        assert_eq!(label_of(&got, c), Label::Credit, "{got:#?}");
    }
}

#[test]
fn the_end_is_trimmed_as_trim_end_matches_trims() {
    let parts = [
        "word", " ", ".", "\"", "”", "é", "1", "\n", "\u{a0}", "!", "»", "日本", "x",
    ];
    let mut rng = crate::testgen::Rng::new(0x3e1d_77a5);
    for round in 0..5_000 {
        let s = rng.text(&parts, round % 9);
        assert_eq!(
            trim_end_non_alphanumeric(&s),
            s.trim_end_matches(|c: char| !c.is_alphanumeric()),
            "{s:?}"
        );
    }
}

#[test]
fn a_list_pointer_is_read_at_the_end_of_a_long_block() {
    let long = "the shop sells more ".repeat(5_000);
    assert!(announces_list(&format!(
        "{long}. Check out our picks below."
    )));
    assert!(announces_list(&format!("{long} and our picks are below!")));
    assert!(!announces_list(&format!("{long}. Check out our picks.")));
    // A cut inside a word does not make a word of its tail ("xbelow" is not "below").
    let glued = format!("{}xbelow bb{}", "a".repeat(10), " b".repeat(296));
    assert_eq!(
        glued.len() - MAX_LIST_CUE_BYTES,
        11,
        "the cut falls on the 'b' of 'xbelow'"
    );
    assert!(!announces_list(&glued));
    assert!(!announces_list(
        &"wordy text without any newline ".repeat(50_000)
    ));
}

#[test]
fn trim_non_alphanumeric_trims_like_trim_matches() {
    for w in [
        "",
        "below",
        "(below.)",
        "«ниже»",
        "“below”",
        "...",
        "—",
        "a",
        "¡abajo!",
        "x—",
        "—x",
        "é",
        "(é)",
        "1.",
        "«»",
        "below»",
        "«below",
        "ü-",
        "-ü",
        "(日本)",
        "—below—",
    ] {
        assert_eq!(
            trim_non_alphanumeric(w),
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "{w:?}"
        );
    }
}

#[test]
fn below_words_start_with_the_scanned_bytes() {
    // `may_hold_below` looks for a word of BELOW only where one of these bytes is.
    for w in BELOW {
        let first = w.as_bytes()[0];
        assert!(BELOW_FIRST[usize::from(first)], "{w}");
        assert!(BELOW_FIRST[usize::from(first.to_ascii_uppercase())], "{w}");
        assert!(may_hold_below(&format!("x {w} y")), "{w}");
        assert!(
            may_hold_below(&format!("x ({}) y", w.to_ascii_uppercase())),
            "{w}"
        );
    }
    assert!(!may_hold_below("Check out our picks."));
    // The scan agrees with the word test on sentences with and without a pointer word.
    for s in [
        "our picks are below",
        "Unsere Auswahl finden Sie UNTEN!",
        "смотрите ниже",
        "Смотрите НИЖЕ",
        "belo w",
        "a bélow",
        "",
    ] {
        let words = s.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            BELOW.iter().any(|b| w.eq_ignore_ascii_case(b))
        });
        assert!(!words || may_hold_below(s), "{s}");
        assert_eq!(announces_list(s), words, "{s}");
    }
}

/// [`class`] as it was written, the tests in turn: the reference of the one that asks
/// them all at once.
fn class_by_steps(f: &Features, meta: Meta) -> Class {
    if f.reason.is_some()
        || !matches!(meta, Meta::None | Meta::TagLine)
        || f.linky() && f.words < 12
    {
        return Class::Bad;
    }
    if f.teaser() {
        return Class::Bad;
    }
    let size = f.size();
    if size < MIN_NEAR_SIZE {
        return Class::Short;
    }
    let lower = f.lower_ratio();
    let listy =
        f.separators * 4 > f.words.max(1) || !f.terminal() && f.commas * 4 >= f.words.max(1);
    if f.sentence() && size >= 10 && lower >= 0.4 && !listy || size >= 30 && lower >= 0.5 {
        Class::Good
    } else if f.terminal() && size >= 4 && lower >= 0.3
        || size >= 10 && lower >= 0.5 && !listy
        || f.list_marker() && size >= 3
    {
        Class::Near
    } else {
        Class::Short
    }
}

#[test]
fn class_agrees_with_the_tests_in_turn() {
    // Features of texts of every shape (for the flags: an end of sentence, a list
    // marker, a link, a caseless script), then counts of every size around the limits
    // the tests ask, a boilerplate reason or none, a teaser or not, and every kind.
    let parts = [
        "Word",
        "word",
        "the",
        " ",
        ".",
        ",",
        "|",
        "- ",
        "1.",
        "www.x.com",
        "東京",
        "more…",
        "!",
        ":",
        "?",
        "»",
        "•",
    ];
    let metas = [
        Meta::None,
        Meta::Byline,
        Meta::Date,
        Meta::Credit,
        Meta::TagHeading,
        Meta::TagLine,
    ];
    let mut rng = crate::testgen::Rng::new(0xc1a5_5e5d);
    let mut seen = [0usize; 4];
    for round in 0..60_000 {
        let s = rng.text(&parts, round % 30);
        let mut buf = String::new();
        let mut f = features::block_features(&s, &mut buf);
        if round % 2 == 0 {
            let mut count = |max: usize| rng.below(max) as u32;
            f.words = count(40);
            f.lower = count(40);
            f.upper = count(40);
            f.chars = count(100);
            f.commas = count(12);
            f.separators = count(12);
            f.inner_stops = count(3);
        }
        if round % 7 == 0 {
            f.reason = Some(BoilerplateReason::Navigation);
        }
        if round % 11 == 0 {
            f.set_teaser(true);
        }
        let meta = metas[rng.below(metas.len())];
        let c = class(&f, meta);
        assert_eq!(c, class_by_steps(&f, meta), "{s:?} {f:?} {meta:?}");
        seen[c as usize] += 1;
    }
    assert!(seen.iter().all(|&n| n > 1_000), "{seen:?}");
}

/// [`meta`], which answers long prose by its counts ([`lines::too_long_for_metadata`]),
/// agrees with the tests in turn ([`meta_in_turn`]): random texts of byline, date, credit,
/// tag and gallery-caption words, numbers, marks and blanks, of 0 to 79 parts, their word
/// count also set at random around the tests' limits (the answer is a function of the text
/// and its features, whatever they hold).
#[test]
fn long_prose_is_no_metadata_but_a_gallery_caption() {
    let parts = [
        "By ",
        "Jane ",
        "Doe",
        " ",
        "  ",
        ", ",
        " | ",
        " / ",
        "Photo",
        ": ",
        "Getty Images",
        "March ",
        "3, ",
        "2021",
        " ago",
        "12:30 ",
        "of ",
        "4 ",
        "A ",
        "shopper ",
        "looks ",
        "at ",
        "the ",
        "news",
        ". ",
        ".",
        "!",
        "[",
        "]",
        "Reuters",
        "AP",
        "Sports",
        "Tags",
        "; ",
        "• ",
        "Staff",
        " and agencies",
        "@jane",
        "é",
        "\u{a0}",
    ];
    let mut rng = crate::testgen::Rng::new(0x10_9905);
    let (mut fast, mut fast_credits, mut kinds) = (0usize, 0usize, [0usize; 6]);
    for round in 0..60_000 {
        let lead = if round % 3 == 0 { "3 of 12 " } else { "" };
        let s = if round % 10 == 9 {
            // A short heading of tags ("Related topics", "Filed under").
            rng.text(
                &["Related ", "Topics", "Filed ", "under", "Tags", " "],
                round % 4,
            )
        } else {
            format!("{lead}{}", rng.text(&parts, round % 80))
        };
        let mut buf = String::new();
        let mut f = features::block_features(&s, &mut buf);
        if round % 2 == 1 {
            f.words = [0, 1, 3, 8, 9, 12, 13, 16, 17, 25, 26, 30, 31, 45, 46, 60][rng.below(16)];
        }
        let want = meta_in_turn(&s, &f);
        assert_eq!(meta(&s, &f), want, "{s:?} {f:?}");
        if lines::too_long_for_metadata(&f) {
            fast += 1;
            fast_credits += usize::from(want == Meta::Credit);
        }
        kinds[want as usize] += 1;
    }
    assert!(fast > 5_000 && fast_credits > 500, "{fast} {fast_credits}");
    assert!(kinds.iter().all(|&n| n > 100), "{kinds:?}");
}

#[test]
fn site_separator_scan_agrees_with_a_plain_search() {
    let plain = |b: &[u8]| {
        b.windows(2)
            .any(|w| w[0] == b' ' && matches!(w[1], b'|' | b'-' | b':' | 0xE2 | 0xC2))
    };
    let parts = [
        " ", "|", "-", ":", "–", "—", "·", "»", "é", "Title", "Site", "x", "  ", "\t", "::", "|x",
    ];
    let mut rng = crate::testgen::Rng::new(0x7e57_c0de);
    let mut found = 0;
    for round in 0..20_000 {
        let s = rng.text(&parts, round % 40);
        let b = s.as_bytes();
        let maybe = may_hold_site_separator(b);
        assert_eq!(maybe, plain(b), "{s:?}");
        found += usize::from(maybe);
    }
    assert!(found > 2_000 && found < 18_000, "{found}");
}

#[test]
fn site_cuts_of_blocks_agree_with_the_text_alone() {
    // Blocks of letters, digits, commas and single spaces (no room for a separator's mark),
    // and blocks with the marks and blanks of every separator.
    let parts = [
        " ", "|", "-", ":", "–", "—", "·", "»", "«", "é", "Title", "Site", "x", "  ", "\t", "::",
        "|x", "A", "1", ",", "/", ">", "•", "›", "\u{a0}", "ª", "\u{200b}", "Σ", "東", "\r", " | ",
        " - ", " — ", " :: ", " » ", " · ",
        // Blanks of every kind between words, a lone `\r` (a line end the features count
        // as one character, as any blank) above all.
        "A\r", "\rB", "\r\n", "\x0b", "\x0c", "\u{85}", "\u{2028}", "\u{3000}",
    ];
    let mut rng = crate::testgen::Rng::new(0x5172_c075);
    let (mut told, mut cut, mut ends, mut lone) = (0, 0, 0, 0);
    for s in ["A\rB - C", "Title\rPart - Site", "AB\r\rCD - E", "Σ\rΣ - x"] {
        let mut buf = String::new();
        let f = features::block_features(s, &mut buf);
        assert!(site_cut(s).is_some(), "{s:?}");
        assert_eq!(site_cut_of(s, &f), site_cut(s), "{s:?}");
    }
    for round in 0..40_000 {
        let raw = rng.text(&parts, round % 24);
        let s = raw.trim();
        let mut buf = String::new();
        let f = features::block_features(s, &mut buf);
        assert_eq!(site_cut_of(s, &f), site_cut(s), "{s:?}");
        told += usize::from(f.separators == 0 && !f.may_hold_uncounted());
        lone += usize::from(f.separators == 0 && !f.may_hold_uncounted() && s.contains('\r'));
        cut += usize::from(site_cut(s).is_some());
        // The blocks' ends too ([`ends_with_separator`] by the last byte), with blanks at
        // the end or not.
        for s in [s, &raw] {
            assert_eq!(
                ends_with_separator(s),
                plain_ends_with_separator(s),
                "{s:?}"
            );
        }
        ends += usize::from(ends_with_separator(s));
    }
    assert!(
        told > 1_000 && cut > 1_000 && ends > 1_000 && lone > 50,
        "{told} {cut} {ends} {lone}"
    );
}

#[test]
fn below_grams_agree_with_a_plain_search() {
    // Each word of BELOW holds its four bytes of BELOW_GRAMS (bit 0x20 set), so the scan of
    // them rules out no text that holds the word.
    for (w, g) in BELOW.iter().zip(BELOW_GRAMS) {
        let lowered: Vec<u8> = w.bytes().map(|b| b | 0x20).collect();
        assert!(lowered.windows(4).any(|x| x == g), "{w}");
    }
    assert_eq!(BELOW.len(), BELOW_GRAMS.len());
    let plain = |b: &[u8]| {
        b.windows(4).any(|x| {
            let x = x.iter().map(|&b| b | 0x20).collect::<Vec<u8>>();
            BELOW_GRAMS.iter().any(|g| x == g)
        })
    };
    let plain_scan = |b: &[u8]| {
        BELOW.iter().any(|w| {
            b.windows(w.len())
                .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
        })
    };
    let parts = [
        "below", "BELOW", "Below", "abajo", "dessous", "unten", "UNTEN", "abaixo", "ниже", "иж",
        "elo", "w", "be", "low", "ab", "aj", "des", "s", "un", "te", "n", "a", "x", " ", ".", "é",
        "ж", "\u{c0}", "@", "`", "ELOW", "eLoW",
    ];
    let mut rng = crate::testgen::Rng::new(0x51de_b0a7);
    let (mut grams, mut words) = (0, 0);
    for round in 0..20_000 {
        let s = rng.text(&parts, round % 24);
        let b = s.as_bytes();
        let gram = may_hold_below_gram(b);
        assert_eq!(gram, plain(b), "{s:?}");
        assert_eq!(may_hold_below(&s), plain_scan(b), "{s:?}");
        grams += usize::from(gram);
        words += usize::from(plain_scan(b));
    }
    // Both answers come up often: the test sees both sides of each.
    assert!(
        grams > 2_000 && grams < 18_000 && words > 1_000,
        "{grams} {words}"
    );
}

/// A sole candidate is the headline whatever its (finite) score, nearness and overlap:
/// [`headline_with`] returns it without scoring it.
#[test]
fn a_sole_candidate_wins_whatever_its_score() {
    let mut rng = crate::testgen::Rng::new(0x2468_ace1);
    let mut next = move |m: usize| rng.below(m);
    for _ in 0..20_000 {
        let i = next(30);
        // From tiny to huge magnitudes, both signs.
        let mut value = || {
            let v = (next(1_000) as f32 - 500.0) * 10f32.powi(next(60) as i32 - 30);
            if next(2) == 0 {
                v
            } else {
                -v
            }
        };
        let (score, near, o) = (value(), value().abs(), value());
        for overlap in [None, Some(o)] {
            assert_eq!(
                best_candidate(&[(i, score, near)], |_| overlap),
                Some(i),
                "{score} {near} {overlap:?}"
            );
        }
    }
}

#[test]
fn best_candidate_agrees_with_scoring_every_candidate() {
    // The headline loop as it was: every candidate's overlap added, the last best wins.
    fn every(
        scored: &[(usize, f32, f32)],
        overlap: &dyn Fn(usize) -> Option<f32>,
    ) -> Option<usize> {
        let mut best: Option<(f32, usize)> = None;
        for &(i, mut score, near) in scored {
            if let Some(o) = overlap(i) {
                score += o;
            }
            score += near;
            if best.is_none_or(|(b, _)| score >= b) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }
    let mut rng = crate::testgen::Rng::new(0x1357_9bdf);
    let mut next = move |m: u32| rng.below(m as usize) as u32;
    for _ in 0..20_000 {
        let n = next(8) as usize;
        // Coarse scores (many ties) and overlaps up to OVERLAP_WEIGHT itself.
        let scored: Vec<(usize, f32, f32)> = (0..n)
            .map(|i| {
                let score = next(9) as f32 * 0.35 - 2.5;
                let near = 3.0 / (1.0 + (next(6) as f32 + 1.0) / 3.0);
                (i, score, near)
            })
            .collect();
        let overlaps: Vec<Option<f32>> = (0..n)
            .map(|_| match next(4) {
                0 => None,
                1 => Some(OVERLAP_WEIGHT),
                _ => Some(OVERLAP_WEIGHT * (next(11) as f32 / 10.0)),
            })
            .collect();
        let overlap = |i: usize| overlaps[i];
        assert_eq!(
            best_candidate(&scored, overlap),
            every(&scored, &overlap),
            "{scored:?} {overlaps:?}"
        );
    }
}

/// [`best_by_overlap`], which reads the story only as far as it tells the winner, picks
/// what [`best_candidate`] picks with every contender's overlap from the whole story's words
/// ([`overlap::StoryWords::share`]): over random candidates (coarse scores, many ties) and
/// stories of a few words to more than [`overlap::StoryWords`] takes, with one tally kept
/// from case to case.
#[test]
fn best_by_overlap_agrees_with_the_whole_story() {
    const WORDS: &[&str] = &[
        "bridge ", "Bridges ", "council ", "harbour ", "closes ", "river ", "summer ", "picnic ",
        "recipes ", "the ", "of ", "a ", "storm ", "vote ", "東京", "の", "橋", "ports ", "Mayor ",
        "2024 ", ", ", ". ",
    ];
    let mut rng = crate::testgen::Rng::new(0x0b57_0a1e);
    let mut tally = overlap::Tally::EMPTY;
    let (mut early, mut unread) = (0, 0);
    for _ in 0..20_000 {
        let n = rng.below(8);
        let texts: Vec<String> = (0..n)
            .map(|_| {
                // Now and then more units than a text counts (64).
                let words = if rng.below(20) == 0 { 90 } else { rng.below(8) };
                rng.text(WORDS, words)
            })
            .collect();
        let scored: Vec<(usize, f32, f32)> = (0..n)
            .map(|i| {
                let score = rng.below(9) as f32 * 0.35 - 2.5;
                let near = 3.0 / (1.0 + (rng.below(6) as f32 + 1.0) / 3.0);
                (i, score, near)
            })
            .collect();
        // Up to five blocks; now and then one that starts with some 300 units of words no
        // text has, so that the first of its words that a text has lie about the most units
        // taken (300).
        let story: Vec<String> = (0..rng.below(6))
            .map(|_| {
                if rng.below(10) == 0 {
                    let words = 280 + rng.below(30);
                    let filler = rng.text(&["alpha ", "gamma ", "delta "], words);
                    filler + &rng.text(WORDS, 40)
                } else {
                    let words = rng.below(40);
                    rng.text(WORDS, words)
                }
            })
            .collect();
        let whole = overlap::StoryWords::new(story.iter().map(String::as_str));
        let expected = best_candidate(&scored, |i| {
            let (share, units) = whole.share(&texts[i]);
            (units >= 2).then_some(OVERLAP_WEIGHT * share)
        });
        let mut read = 0;
        let got = best_by_overlap(
            &mut scored.clone(),
            |i| texts[i].as_str(),
            story.iter().map(String::as_str).inspect(|_| read += 1),
            &mut tally,
        );
        assert_eq!(got, expected, "{scored:?} {texts:?} {story:?}");
        early += usize::from(read > 0 && read < story.len());
        unread += usize::from(read == 0 && !story.is_empty());
    }
    // The readings stopped early, before a block or inside one.
    assert!(early > 500 && unread > 500, "{early} {unread}");
}

/// [`settle_bare_names`], which reads the words of only the candidates that may still
/// contend, leaves [`best_by_overlap`] the contenders (and their scores) of the candidates
/// with every bare name settled: over random candidates (coarse scores, many ties), some
/// of which may be bare names and some are, with the pending ones in block order or not.
#[test]
fn settled_bare_names_give_the_contenders_of_all_settled() {
    let mut rng = crate::testgen::Rng::new(0x5e77_1e0b);
    let (mut pending_all, mut read_all) = (0, 0);
    for _ in 0..50_000 {
        let n = 1 + rng.below(10);
        // (block, score as a name, score as no name, may be a name, is one, nearness)
        let cands: Vec<(usize, f32, f32, bool, bool, f32)> = (0..n)
            .map(|i| {
                let prefix = rng.below(13) as f32 * 0.35 - 2.0 - rng.below(3) as f32;
                let rest = rng.below(5) as f32 * 0.5 - 1.0;
                let near = 3.0 / (1.0 + (rng.below(8) as f32 + 1.0) / 3.0);
                let may = rng.below(2) == 0;
                let is = may && rng.below(3) != 0;
                (i, (prefix - 2.5) + rest, prefix + rest, may, is, near)
            })
            .collect();
        let contenders = |mut scored: Vec<(usize, f32, f32)>| {
            let floor = least_best(&scored);
            scored.retain(|c| may_contend(c, floor));
            scored
        };
        let settled = cands
            .iter()
            .map(|&(i, named, unnamed, _, is, near)| (i, if is { named } else { unnamed }, near))
            .collect();
        let mut scored: Vec<(usize, f32, f32)> = cands
            .iter()
            .map(|&(i, named, unnamed, may, _, near)| (i, if may { named } else { unnamed }, near))
            .collect();
        let mut pending: Vec<(usize, f32)> = cands
            .iter()
            .filter(|c| c.3)
            .map(|&(i, _, unnamed, ..)| (i, unnamed))
            .collect();
        if rng.below(2) == 0 {
            pending.reverse();
        }
        let read = std::cell::Cell::new(0);
        settle_bare_names(&mut scored, &pending, |i| {
            read.set(read.get() + 1);
            cands[i].4
        });
        assert_eq!(contenders(scored), contenders(settled), "{cands:?}");
        pending_all += pending.len();
        read_all += read.get();
    }
    // Most candidates that may be names are not read.
    assert!(read_all * 2 < pending_all, "{read_all} of {pending_all}");
}

/// The features of each of `texts`, each folding into its own buffer of `bufs`.
fn features_of<'a>(
    texts: &'a [impl AsRef<str>],
    bufs: &'a mut [String],
) -> Vec<features::Features<'a>> {
    texts
        .iter()
        .zip(bufs)
        .map(|(t, buf)| features::block_features(t.as_ref(), buf))
        .collect()
}

#[test]
fn key_counts_count_the_asked_keys_among_all_blocks() {
    let texts = [
        "Home",
        "News",
        "Home",
        "A title here",
        "News",
        "Home",
        "",
        "—",
    ];
    let mut bufs = vec![String::new(); texts.len()];
    let feats = features_of(&texts, &mut bufs);
    let key = |t: &str| features::block_features(t, &mut String::new()).key;
    // (Into a map that held other counts before: they are gone.)
    let mut counts = HashMap::default();
    counts.insert(key("A title here"), 7);
    key_counts(
        Feats::plain(&feats),
        [key("Home"), key("News"), key("Other"), 0].into_iter(),
        &mut counts,
    );
    assert_eq!(counts.get(&key("Home")), Some(&3));
    assert_eq!(counts.get(&key("News")), Some(&2));
    assert_eq!(counts.get(&key("Other")), Some(&0));
    // Blocks with nothing to fold share the key 0.
    assert_eq!(counts.get(&0), Some(&2));
    assert_eq!(counts.get(&key("A title here")), None);
}

#[test]
fn key_filters_hold_every_key_put_in() {
    let mut rng = crate::testgen::Rng::new(0x00f1_17e5);
    let mut next = move || (rng.below(1 << 32) as u64) << 32 | rng.below(1 << 32) as u64;
    let mut other_maybe = 0;
    for round in 0..2_000 {
        let mut filter = KeyFilter::default();
        let mut keys = HashSet::<u64, FastBuild>::default();
        for _ in 0..round % 61 {
            // Random keys, and some that differ from another in their low bits alone.
            let k = if round % 3 == 0 {
                next() & 0xffff
            } else {
                next()
            };
            filter.insert(k);
            keys.insert(k);
        }
        for &k in &keys {
            assert!(filter.may_hold(k), "{k:#x}");
        }
        for _ in 0..50 {
            let k = next();
            other_maybe += usize::from(!keys.contains(&k) && filter.may_hold(k));
        }
        assert!(!filter.may_hold(0) || keys.iter().any(|&k| k >> 54 == 0));
    }
    // Few other keys pass: the filter spares most look-ups.
    assert!(other_maybe < 2_000 * 50 / 20, "{other_maybe}");
}

#[test]
fn key_counts_agree_with_a_plain_count() {
    let mut rng = crate::testgen::Rng::new(0x6ea7_c0de);
    let parts = [
        "Home",
        "News",
        "A title",
        "",
        "—",
        "x",
        "Sport",
        "Home page",
    ];
    let mut counts = HashMap::default();
    for round in 0..500 {
        let texts: Vec<String> = (0..1 + round % 40)
            .map(|_| rng.text(&parts, 1 + round % 3))
            .collect();
        let mut bufs = vec![String::new(); texts.len()];
        let feats = features_of(&texts, &mut bufs);
        let asked: Vec<u64> = feats
            .iter()
            .step_by(2)
            .map(|f| f.key)
            .chain([rng.below(1 << 32) as u64 * 0x9e37_79b9, 0])
            .collect();
        key_counts(Feats::plain(&feats), asked.iter().copied(), &mut counts);
        for &k in &asked {
            let plain = feats.iter().filter(|f| f.key == k).count();
            assert_eq!(counts.get(&k), Some(&plain), "{texts:?}");
        }
    }
}

#[test]
fn has_byte_agrees_with_contains() {
    // Every length around the short-search cut, with the byte sought at each place (or
    // nowhere), among bytes that differ from it in one bit.
    for len in 0..SHORT_SEARCH + 20 {
        for at in 0..=len {
            for sought in [b'@', b'!', b';', 0x00, 0xFF] {
                let mut t: Vec<u8> = (0..len).map(|i| sought ^ (1 << (i % 8))).collect();
                if let Some(x) = t.get_mut(at) {
                    *x = sought;
                }
                assert_eq!(has_byte(&t, sought), t.contains(&sought), "{t:?}");
            }
        }
    }
}

/// Block texts for the tests of repeats: metadata, calls to action, teasers, counters,
/// comment headers, tags and prose, and texts of one length and ends that differ inside.
const BLOCK_PARTS: [&str; 24] = [
    "word",
    "Word",
    "By John Smith",
    "Jane Doe on May 3, 2020 at 4:47 pm said:",
    "Follow her on Twitter @jdoe",
    "Subscribe to our newsletter",
    "1 of 6",
    "3/12",
    "Photo: Homs Media Center / AP",
    "Image copyright Reuters",
    "Related Topics",
    "Tags:",
    "Politics, Economy, World",
    "Read more…",
    "Ferry strike ends after two weeks of talks HARBOURTON: The ferry crews went back.",
    "May 3, 2020",
    "The council met on Tuesday and voted to close the old bridge for repairs.",
    "The council met on Monday and voted to close the old bridge for repairs.",
    "Cookies help us deliver our services.",
    "© 2020 The Daily Post",
    " ",
    ", ",
    "Été",
    "日本語のテキスト。",
];

/// `n` block texts, each of one to three of [`BLOCK_PARTS`], or (one in three) the block
/// before again: many repeats, some in runs.
fn repeating_blocks(rng: &mut crate::testgen::Rng, n: usize) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::with_capacity(n);
    for _ in 0..n {
        let block = match blocks.last() {
            Some(prev) if rng.below(3) == 0 => prev.clone(),
            _ => {
                let parts = 1 + rng.below(3);
                rng.text(&BLOCK_PARTS, parts)
            }
        };
        blocks.push(block);
    }
    blocks
}

/// The short keys of texts of up to seven bytes (their bytes times a constant) and of longer
/// ones (a hash) tell distinct texts apart nearly always: a shared key only costs a missed
/// repeat, but many would cost most texts a second reading.
#[test]
fn short_keys_of_distinct_texts_rarely_meet() {
    let mut rng = crate::testgen::Rng::new(0x6b43_a9b1);
    let mut texts = std::collections::HashSet::new();
    while texts.len() < 20_000 {
        let len = 1 + rng.below(12);
        let t: Vec<u8> = (0..len).map(|_| b'a' + rng.below(4) as u8).collect();
        texts.insert(t);
    }
    let keys: std::collections::HashSet<u32> = texts.iter().map(|t| ShortKey::of(t).0).collect();
    assert!(
        keys.len() + 5 >= texts.len(),
        "{} of {}",
        keys.len(),
        texts.len()
    );
    // Lengths apart: a prefix has a key of its own, also of an eight-byte text whose last
    // byte could be read as the length of its first seven.
    assert_ne!(ShortKey::of(b"abc"), ShortKey::of(b"abc\0"));
    assert_ne!(ShortKey::of(b"abcdefg\x0f"), ShortKey::of(b"abcdefg"));
    assert_ne!(ShortKey::of(b"abcdef\0\x0e"), ShortKey::of(b"abcdef"));
}

/// A text of one block (a quotation) has that block as its run when it weighs more than
/// nothing, as the search over the weights finds; and no table (an empty list, read as
/// none).
#[test]
fn one_block_is_its_own_run_when_it_weighs() {
    let texts = [
        "The council met on Monday and voted to close the old bridge for repairs.",
        "Yes.",
        "Sport",
        "Photo: Jane Doe/Reuters",
        "Share this article on Facebook",
        "By Jane Doe",
        "\"We will win,\" said Mayor Ann Lee.",
        "Read more…",
    ];
    let mut runs = 0;
    for t in texts {
        let raw = [t];
        let mut arena = String::new();
        let Read { feats, meta, .. } = read_each(&raw, &mut arena);
        let view = feats.view();
        let classes: Vec<Class> = view.collect_each(|i, f| class(f, meta[i]));
        let table = table::table_blocks(view, &classes, |_| false);
        assert!(table.is_empty() && !marked(&table, 0), "{t:?}");
        let f = &view[0];
        let w = match (meta[0], classes[0]) {
            (Meta::Credit, _) => CREDIT_WEIGHT,
            (_, c) => weight(f, c),
        };
        let want = max_segment(&[w]).map(|(_, a, b)| (a, b));
        assert_eq!(
            body_run(&raw, view, &meta, &classes, &table, &mut Vec::new()),
            want,
            "{t:?}"
        );
        runs += usize::from(want.is_some());
    }
    assert!(runs >= 2, "{runs}");
}

/// The map's slots kept on the thread ([`FIRST_SLOTS`]) are kept after a text of some
/// blocks, and freed after one whose map is over [`crate::scratch::MAX_KEPT_BYTES`].
#[test]
fn kept_first_copies_slots_are_small() {
    let kept = || {
        FIRST_SLOTS.with(|k| {
            let v = k.take();
            let room = v.capacity();
            k.set(v);
            room
        })
    };
    let owned: Vec<String> = (0..100).map(|i| format!("block {}", i % 30)).collect();
    let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(first_copies(&raw).0.len(), 100);
    assert!(kept() >= OpenSlots::slots_for(101));
    let owned: Vec<String> = (0..100_000).map(|i| format!("block {i}")).collect();
    let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert_eq!(first_copies(&raw).0.len(), 100_000);
    assert_eq!(kept(), 0);
}

#[test]
fn first_copies_point_at_the_first_block_of_the_same_text() {
    let mut rng = crate::testgen::Rng::new(0x2545_f491);
    let (mut repeats, mut missed) = (0, 0);
    for round in 0..3_000 {
        let owned = repeating_blocks(&mut rng, round % 40);
        let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
        let (same, room) = first_copies(&raw);
        assert!(same.len() <= raw.len());
        assert_eq!(room, Room::of(&raw, &same));
        for (i, s) in raw.iter().enumerate() {
            let first = raw.iter().position(|t| t == s).unwrap_or(i);
            let got = same.get(i).map_or(i, |&j| j as usize);
            // An earlier copy (the first, or the one before in a run), or none when the
            // repeat is missed (two texts of one key); never another text.
            assert!(got <= i, "{raw:?} at {i}: {got}");
            assert_eq!(raw[got], *s);
            assert!(
                got == i || got == first || raw[i - 1] == *s,
                "{raw:?} at {i}: {got}"
            );
            repeats += usize::from(got < i);
            missed += usize::from(got == i && first < i);
        }
    }
    // Texts of these parts that differ differ in their keys too: no repeat is missed.
    assert_eq!(missed, 0);
    assert!(repeats > 2_000, "{repeats}");
    // Over the few blocks compared directly: one length and ends, other middles.
    let raw = [
        "aaaaaaaa-x-bbbbbbbb",
        "aaaaaaaa-y-bbbbbbbb",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaxaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaa-y-bbbbbbbb",
        "aaaaaaaa-x-bbbbbbbb",
        "",
        "",
        "b",
        "b",
    ];
    let (same, room) = first_copies(&raw);
    assert_eq!(room, Room::of(&raw, &same));
    for (i, s) in raw.iter().enumerate() {
        assert_eq!(raw[same.get(i).map_or(i, |&j| j as usize)], *s);
    }
    assert_eq!(same.get(4..7), Some(&[2, 1, 0][..]));
}

#[test]
fn repeats_are_read_as_their_first_copy_is() {
    let mut rng = crate::testgen::Rng::new(0x6b43_a9b5);
    let mut marked = 0;
    for round in 0..2_000 {
        let owned = repeating_blocks(&mut rng, round % 40);
        let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
        let (mut fast_arena, mut plain_arena) = (String::new(), String::new());
        let (same, room) = first_copies(&raw);
        let mut fast = read_blocks(
            &raw,
            &same,
            room,
            &mut fast_arena,
            &mut features::Lent::default(),
            Lists::default(),
        );
        // No repeats known: every block read on its own.
        let mut plain = read_each(&raw, &mut plain_arena);
        assert_eq!(fast.meta, plain.meta, "{raw:?}");
        assert_eq!(fast.comments, plain.comments, "{raw:?}");
        assert_eq!(fast.class, plain.class, "{raw:?}");
        let keys = |r: &Read| -> Vec<(usize, u64)> {
            r.prefixes.iter().map(|p| (p.block, p.key)).collect()
        };
        assert_eq!(keys(&fast), keys(&plain), "{raw:?}");
        let per_block =
            |r: &Read| -> Vec<String> { r.feats.view().iter().map(|f| format!("{f:?}")).collect() };
        assert_eq!(per_block(&fast), per_block(&plain), "{raw:?}");
        // Marking the long blocks that start like an earlier one changes blocks, not texts.
        // Only the blocks of the prefix list change: when none is marked, none; else
        // classing those again gives the class of every block from its final features.
        for r in [&mut fast, &mut plain] {
            let prefixes = std::mem::take(&mut r.prefixes);
            let before = r.feats.view().iter().cloned().collect::<Vec<_>>();
            let changed = r.feats.mark_repeated_prefixes(&prefixes);
            let feats = r.feats.view();
            if !changed {
                assert!(feats.iter().eq(before.iter()), "{raw:?}");
            }
            for (i, f) in feats.iter().enumerate() {
                if prefixes.iter().any(|p| p.block == i) {
                    r.class[i] = class(f, r.meta[i]);
                }
                if prefixes.iter().all(|p| p.block != i) {
                    assert_eq!(*f, before[i], "{raw:?}");
                }
                assert_eq!(r.class[i], class(f, r.meta[i]), "{raw:?}");
            }
        }
        assert_eq!(per_block(&fast), per_block(&plain), "{raw:?}");
        marked += fast
            .feats
            .view()
            .iter()
            .filter(|f| f.reason == Some(R::Duplicate))
            .count();
    }
    assert!(marked > 100, "{marked}");
}

/// [`duplicates`] labels the blocks as a walk with a `HashSet` does, and so does its way
/// for a text of a million texts or more ([`parted_duplicates`]).
#[test]
fn duplicates_agree_with_a_set_of_every_key() {
    // The plain rule: every later block of a non-zero key seen before is a duplicate,
    // headlines, bylines and short body blocks aside.
    fn plain(feats: &[Features], labels: &mut [Label]) {
        let mut seen = std::collections::HashSet::new();
        for (f, label) in feats.iter().zip(labels.iter_mut()) {
            if f.key == 0 || seen.insert(f.key) {
                continue;
            }
            match label {
                Label::Headline | Label::Byline => {}
                Label::Paragraph | Label::Subhead if f.words < 6 => {}
                _ => *label = Label::Boilerplate(BoilerplateReason::Duplicate),
            }
        }
    }
    let kinds = [
        Label::Headline,
        Label::Byline,
        Label::Paragraph,
        Label::Subhead,
        Label::Credit,
        Label::Boilerplate(BoilerplateReason::Other),
    ];
    let mut rng = crate::testgen::Rng::new(0x0bad_5eed);
    let mut marked = 0;
    for round in 0..3_000 {
        let n = round % 30;
        let mut feats: Vec<Features> = Vec::with_capacity(n);
        for _ in 0..n {
            // Four keys (0 and three spread over the high bits, which pick a key's part),
            // often the key before again (runs), or 0 between two of a key.
            let key = match feats.last() {
                Some(prev) if rng.below(3) == 0 => prev.key,
                _ => (rng.below(4) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15),
            };
            let mut f = Features::default();
            (f.key, f.words) = (key, rng.below(10) as u32);
            feats.push(f);
        }
        let labels: Vec<Label> = (0..n).map(|_| kinds[rng.below(kinds.len())]).collect();
        let (mut fast, mut parted, mut slow) = (labels.clone(), labels.clone(), labels);
        duplicates(Feats::plain(&feats), &mut fast);
        // (The parts a text of a million texts or more is put in, here from two to 16.)
        parted_duplicates(Feats::plain(&feats), &mut parted, 1 + round as u32 % 4);
        plain(&feats, &mut slow);
        assert_eq!(
            parted,
            slow,
            "{:?}",
            feats.iter().map(|f| f.key).collect::<Vec<_>>()
        );
        assert_eq!(
            fast,
            slow,
            "{:?}",
            feats.iter().map(|f| f.key).collect::<Vec<_>>()
        );
        marked += fast
            .iter()
            .filter(|&&l| l == Label::Boilerplate(BoilerplateReason::Duplicate))
            .count();
    }
    assert!(marked > 1_000, "{marked}");
}

/// [`parted_later_copies`] finds the places a walk with one set finds: keys of few values
/// (repeats, runs, zeros between), some equal in their high bits, with one to four bits a
/// part.
#[test]
fn parted_later_copies_are_those_of_one_set() {
    let mut rng = crate::testgen::Rng::new(0x05ee_d17c);
    let mut found = 0;
    for round in 0..2_000 {
        let n = round % 60;
        let pool: Vec<u64> = (0..1 + rng.below(12))
            .map(|_| match rng.below(4) {
                0 => 0,
                1 => (rng.below(4) as u64) << 62 | rng.below(8) as u64,
                _ => (rng.below(1 << 30) as u64) << 34 | rng.below(1 << 20) as u64,
            })
            .collect();
        let mut keys: Vec<u64> = Vec::with_capacity(n);
        for _ in 0..n {
            let k = match keys.last() {
                Some(&prev) if rng.below(4) == 0 => prev,
                _ => pool[rng.below(pool.len())],
            };
            keys.push(k);
        }
        let mut seen = HashSet::new();
        let plain: Vec<u32> = (0u32..)
            .zip(&keys)
            .filter(|&(_, &k)| k != 0 && !seen.insert(k))
            .map(|(i, _)| i)
            .collect();
        let bits = 1 + round as u32 % 4;
        assert_eq!(
            parted_later_copies(keys.iter().copied(), bits)
                .iter()
                .collect::<Vec<u32>>(),
            plain,
            "{keys:x?} {bits}"
        );
        found += plain.len();
    }
    assert!(found > 10_000, "{found}");
}

/// [`parted_first_copies`] gives what the walk with one map gives, the list and the room,
/// for one to eight bits a part: over texts that repeat (in runs and apart), with the short
/// keys and with a key that many texts share (so that a copy of a key is often another
/// text, which the map walk takes as new, and a run of it then follows the block before).
/// The map walk given a bound on its keys gives up past them, and only then.
#[test]
fn parted_first_copies_are_those_of_one_map() {
    let mut rng = crate::testgen::Rng::new(0x1f2e_3d4c);
    let (mut copies, mut shared, mut given_up, mut bounded_ok) = (0, 0, 0, 0);
    // A key of the length alone: texts of one length share it.
    let by_length = |b: &[u8]| ShortKey(b.len() as u32 % 5);
    for round in 0..3_000 {
        let owned = repeating_blocks(&mut rng, FEW_BLOCKS + 1 + round % 50);
        let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
        let bits = 1 + round as u32 % 8;
        let plain = mapped_first_copies::<true>(&raw, ShortKey::of, raw.len()).unwrap();
        assert_eq!(
            parted_first_copies(&raw, ShortKey::of, bits),
            plain,
            "{raw:?}"
        );
        let weak = mapped_first_copies::<true>(&raw, by_length, raw.len()).unwrap();
        assert_eq!(parted_first_copies(&raw, by_length, bits), weak, "{raw:?}");
        assert_eq!(plain.1, Room::of(&raw, &plain.0));
        copies += plain
            .0
            .iter()
            .enumerate()
            .filter(|&(i, &j)| j as usize != i)
            .count();
        // Blocks the weak key takes as new that are copies of an earlier text.
        shared += (0..raw.len())
            .filter(|&i| weak.0[i] as usize == i && raw[..i].contains(&raw[i]))
            .count();
        // Bounded, the walk gives up when more blocks than the bound are read on their own.
        let most = round % 60;
        let weak_most = round % 8;
        for (bounded, all, most) in [
            (
                mapped_first_copies::<true>(&raw, ShortKey::of, most),
                &plain,
                most,
            ),
            (
                mapped_first_copies::<true>(&raw, by_length, weak_most),
                &weak,
                weak_most,
            ),
        ] {
            match bounded {
                Some(bounded) => {
                    assert!(all.1.texts <= most, "{raw:?}");
                    assert_eq!(&bounded, all);
                    bounded_ok += 1;
                }
                None => {
                    assert!(all.1.texts > most, "{raw:?}");
                    given_up += 1;
                }
            }
        }
    }
    assert!(copies > 10_000, "{copies}");
    assert!(shared > 1_000, "{shared}");
    assert!(
        given_up > 500 && bounded_ok > 500,
        "{given_up} {bounded_ok}"
    );
}

/// A text of more than [`PARTED_KEYS`] distinct texts takes the parted walk, and gets what
/// the map walk gives.
#[test]
fn first_copies_of_many_distinct_texts_are_those_of_one_map() {
    let owned: Vec<String> = (0..4 * PARTED_KEYS)
        .map(|i| match i % 7 {
            // Distinct texts, one-word and longer, and repeats near and far.
            0 | 1 => format!("w{i}"),
            2 => format!("a longer block of text, number {i}"),
            3 => format!("w{}", i - 3),
            4 | 5 => "a block repeated in a run".to_owned(),
            _ => format!("w{}", i / 1000),
        })
        .collect();
    let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
    assert!(mapped_first_copies::<true>(&raw, ShortKey::of, PARTED_KEYS).is_none());
    let got = first_copies(&raw);
    assert_eq!(
        got,
        mapped_first_copies::<true>(&raw, ShortKey::of, raw.len()).unwrap()
    );
    assert_eq!(got.0[5], 4);
    assert_eq!(got.0[11], 4);
    assert_eq!(got.0[10], 7);
}

/// [`Places`] gives back the places put in, once each and in order, at the ends of its
/// words and of its bound.
#[test]
fn places_are_given_back_in_order() {
    let mut rng = crate::testgen::Rng::new(0x9a7c_e5e1);
    for n in [0usize, 1, 63, 64, 65, 200, 1000] {
        let mut places = Places::with_capacity(n);
        let mut plain = std::collections::BTreeSet::new();
        for _ in 0..n / 2 {
            let i = rng.below(n) as u32;
            places.insert(i);
            plain.insert(i);
        }
        for i in [0, 63, 64, n.saturating_sub(1)] {
            if i < n {
                places.insert(i as u32);
                plain.insert(i as u32);
            }
        }
        let got: Vec<u32> = places.iter().collect();
        assert_eq!(got, plain.into_iter().collect::<Vec<u32>>(), "n {n}");
    }
}

#[test]
fn parted_sets_are_cleared_as_their_parts_need() {
    // Two keys in turn take most places (two blocks repeated one after the other, among
    // distinct ones), so one part holds half the places: the sets of the other parts, sized
    // for their own keys, cost their own slots, not that part's each.
    let (a, b) = (0x9e37_79b9_7f4a_7c15u64, 0x3c6e_f372_fe94_f82au64);
    let mut keys: Vec<u64> = (0..20_000)
        .map(|i| if i % 2 == 0 { a } else { b })
        .collect();
    keys.extend((1..=4_000u64).map(|i| i.wrapping_mul(0xbf58_476d_1ce4_e5b9)));
    let mut seen = HashSet::new();
    let plain: Vec<u32> = (0u32..)
        .zip(&keys)
        .filter(|&(_, &k)| !seen.insert(k))
        .map(|(i, _)| i)
        .collect();
    let before = RESET_SLOTS.with(|slots| slots.get());
    assert_eq!(
        parted_later_copies(keys.iter().copied(), 8)
            .iter()
            .collect::<Vec<u32>>(),
        plain
    );
    let written = RESET_SLOTS.with(|slots| slots.get()) - before;
    assert!(
        written <= 4 * keys.len(),
        "{written} slots for {} keys",
        keys.len()
    );
    assert_eq!(plain.len(), 19_998);
}

#[test]
fn no_block_above_the_name_zone_is_a_byline_name() {
    // Names, "By" alone, dates and bylines in every order: the names the plain tests find
    // lie at `name_zone - 1` or below, never above.
    let parts = [
        "By",
        "Jane Doe",
        "John Smith",
        "May 3, 2020",
        "By John Smith",
        "Related Topics",
        "word",
        "The council met on Tuesday and voted to close the old bridge for repairs.",
    ];
    let mut rng = crate::testgen::Rng::new(0x3c6e_f372);
    let (mut names, mut at_edge) = (0, 0);
    for round in 0..1_500 {
        let n = 1 + round % 30;
        let owned: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
        let mut arena = String::new();
        let Read { feats, meta, .. } = read_each(&owned, &mut arena);
        let start = rng.below(n + 1);
        let h = rng.below(start + 1).checked_sub(1);
        let name_zone = rng.below(start + 1);
        for i in 0..start {
            if byline_name(&owned, feats.view(), &meta, h, start, name_zone, i) {
                assert!(
                    may_be_byline_name(i, name_zone),
                    "{owned:?} {h:?} {start} {name_zone} {i}"
                );
                names += 1;
                at_edge += usize::from(i + 1 == name_zone);
            }
        }
    }
    assert!(names > 500 && at_edge > 20, "{names} {at_edge}");
}

#[test]
fn byline_names_need_the_counts_of_one() {
    // Names of one to five words, with digits, marks and reasons; "By" alone and other
    // single words; dates and bylines in every order: every block that [`byline_name`]
    // finds has the counts [`may_be_byline_name_by_counts`] asks for.
    let parts = [
        "By",
        "by",
        "Par",
        "Story by",
        "Jane Doe",
        "John Smith",
        "Mary Ann de la Cruz",
        "Jean-Luc Picard",
        "José Álvarez",
        "Jane Doe.",
        "Jane Doe 2",
        "A Doe",
        "May 3, 2020",
        "By John Smith",
        "Related Topics",
        "Advertisement",
        "word",
        "Share",
        "The council met on Tuesday and voted to close the old bridge for repairs.",
    ];
    let mut rng = crate::testgen::Rng::new(0x6b1d_0a75);
    let (mut names, mut ruled_out) = (0, 0);
    for round in 0..3_000 {
        let n = 1 + round % 30;
        let owned: Vec<&str> = (0..n).map(|_| rng.pick(&parts)).collect();
        let mut arena = String::new();
        let Read { feats, meta, .. } = read_each(&owned, &mut arena);
        let feats = feats.view();
        let start = rng.below(n + 1);
        let h = rng.below(start + 1).checked_sub(1);
        let name_zone = rng.below(start + 1);
        for i in 0..start {
            let by_counts = may_be_byline_name_by_counts(&feats[i]);
            if byline_name(&owned, feats, &meta, h, start, name_zone, i) {
                assert!(by_counts, "{owned:?} {h:?} {start} {name_zone} {i}");
                names += 1;
            }
            ruled_out += usize::from(!by_counts);
        }
    }
    assert!(names > 1_000 && ruled_out > 5_000, "{names} {ruled_out}");
}

#[test]
fn site_separators_are_found_where_rfind_finds_them() {
    let parts = [
        " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " :", ": ", " ::", "|", "-", "—", "–",
        "·", "»", " ", "  ", "Title", "Site", "é", "x",
    ];
    let mut rng = crate::testgen::Rng::new(0x1b87_3593);
    let mut found = 0;
    for round in 0..20_000 {
        let s = rng.text(&parts, round % 16);
        let last = last_site_separators(s.as_bytes());
        for (sep, at) in SITE_SEPARATORS.iter().zip(last) {
            assert_eq!(at, s.rfind(sep), "{s:?} {sep:?}");
            found += usize::from(at.is_some());
        }
    }
    assert!(found > 20_000, "{found}");
}

/// [`KeySet::insert`] answers as `HashSet::insert` does, for keys that repeat, keys that
/// share their high bits (one slot, then probes past it) and sets filled to capacity; and
/// so does a set in the kept slots of an earlier one ([`KeySet::kept`]), larger and full
/// or smaller.
#[test]
fn key_set_inserts_as_a_hash_set_does() {
    let mut rng = crate::testgen::Rng::new(7);
    for (round, n) in [
        0usize, 1, 2, 3, 7, 8, 9, 100, 1000, 5, 1000, 0, 64, 64, 2, 2,
    ]
    .into_iter()
    .enumerate()
    {
        let (mut fresh, mut kept);
        let set: &mut KeySet = if round % 2 == 0 {
            fresh = KeySet::with_capacity(n);
            &mut fresh
        } else {
            kept = KeySet::kept(n);
            &mut kept
        };
        let mut plain = HashSet::new();
        // Keys from a small pool (so some repeat), some of them equal in their high bits,
        // some of them keys the full set below put in the slots kept for the next round.
        let pool: Vec<u64> = (0..n.max(1))
            .map(|_| {
                if rng.below(4) == 0 {
                    let k = 1 + rng.below(16) as u64;
                    return k << 40 | k;
                }
                let high = (rng.below(4) as u64) << 60;
                high | (rng.below(1 << 20) as u64) | 1
            })
            .collect();
        for _ in 0..n {
            let key = pool[rng.below(pool.len())];
            assert_eq!(set.insert(key), plain.insert(key), "n {n}, key {key:x}");
        }
        for &key in &pool {
            assert_eq!(
                set.contains(key),
                plain.contains(&key),
                "n {n}, key {key:x}"
            );
        }
        // Filled with as many distinct keys as asked for (and its slots, full, kept for the
        // next round's set).
        let mut full = KeySet::kept(n);
        for k in 1..=n as u64 {
            assert!(full.insert(k << 40 | k));
        }
    }
}

/// [`trim_start`] is `str::trim_start`: on text that starts with blanks of every kind,
/// visible ASCII, other characters, or nothing.
#[test]
fn trim_start_is_the_std_one() {
    let parts = [
        " ", "\t", "\n", "\u{a0}", "\u{2003}", "\u{3000}", "\u{2028}", "a", "[", "~", "é", "—",
        "“", "\u{7f}", "\u{1}",
    ];
    let mut rng = crate::testgen::Rng::new(11);
    for _ in 0..2000 {
        let n = rng.below(5);
        let s = rng.text(&parts, n);
        assert_eq!(trim_start(&s), s.trim_start(), "{s:?}");
    }
}

/// [`FirstPlaces::get_or_insert`] answers as `HashMap::entry(..).or_insert(..)` does, for
/// keys that repeat, keys 0 and `u32::MAX`, and maps filled to capacity.
#[test]
fn first_places_map_as_a_hash_map_does() {
    let mut rng = crate::testgen::Rng::new(13);
    for n in [0usize, 1, 2, 3, 7, 8, 9, 100, 1000] {
        let mut map = FirstPlaces::with_capacity(n);
        let mut plain: HashMap<u32, u32> = HashMap::new();
        let mut pool: Vec<u32> = (0..n.max(1)).map(|_| rng.below(1 << 20) as u32).collect();
        pool[0] = if n % 2 == 0 { 0 } else { u32::MAX };
        for place in 0..n as u32 {
            let key = pool[rng.below(pool.len())];
            let want = *plain.entry(key).or_insert(place);
            assert_eq!(map.get_or_insert(ShortKey(key), place), want, "n {n}");
        }
        let mut full = FirstPlaces::with_capacity(n);
        for k in 0..n as u32 {
            assert_eq!(full.get_or_insert(ShortKey(k.wrapping_mul(7919)), k), k);
        }
    }
}

/// [`OpenSlots::with_capacity`] makes a power of two of slots, of which the words it is
/// made for take at most two in three (short probes), and no more than four times as many
/// slots as words past the smallest tables.
#[test]
fn open_slots_leave_a_third_empty() {
    for n in (0usize..5000).chain([174_763, 1 << 20, (1 << 20) + 1]) {
        let len = OpenSlots::with_capacity(n).slots.len();
        assert!(len.is_power_of_two(), "n {n}");
        assert!(3 * n <= 2 * len, "n {n} len {len}");
        assert!(n < 8 || len <= 4 * n, "n {n} len {len}");
    }
}

/// Hashes made to share their high bits (here, 20,000 that differ only in their low bits:
/// one first slot, were the slot taken from the hash itself) are spread over the table by
/// the process's multiplier: a few slots read a look-up, not a walk past all the others.
#[test]
fn open_slots_spread_hashes_made_to_collide() {
    let n = 20_000u64;
    let mut set = OpenSlots::with_capacity(n as usize);
    let before = PROBED_SLOTS.with(|p| p.get());
    for h in 1..=n {
        assert_eq!(set.find_or_put(h, |s| s == h, h), None);
    }
    for h in 1..=n {
        assert_eq!(set.find_or_put(h, |s| s == h, h), Some(h));
    }
    let probed = PROBED_SLOTS.with(|p| p.get()) - before;
    // (From the hash's own high bits, the first pass alone would read n²/2 slots.)
    assert!(
        probed <= 8 * n as usize,
        "{probed} slots read for {} look-ups",
        2 * n
    );
    assert_eq!(slot_multiplier() % 2, 1);
}

/// [`OpenSlots::find`] finds what [`OpenSlots::find_or_put`] put in, past the words that
/// share a first slot, and nothing else; it puts nothing in.
#[test]
fn open_slots_find_what_was_put() {
    let mut rng = crate::testgen::Rng::new(17);
    for n in [1usize, 2, 3, 7, 8, 9, 100, 1000] {
        let mut slots = OpenSlots::with_capacity(n);
        let mut plain = HashSet::new();
        for _ in 0..n {
            // Few distinct high bits: many words probe from the same slot.
            let word = (rng.below(4) as u64) << 60 | (rng.below(1 << 20) as u64) | 1;
            slots.find_or_put(word, |k| k == word, word);
            plain.insert(word);
        }
        for _ in 0..2 * n {
            let word = (rng.below(4) as u64) << 60 | (rng.below(1 << 20) as u64) | 1;
            let found = slots.find(word, |k| k == word);
            assert_eq!(found, plain.contains(&word).then_some(word), "n {n}");
        }
        for &word in &plain {
            assert_eq!(slots.find(word, |k| k == word), Some(word));
        }
        assert_eq!(slots.slots.iter().filter(|&&k| k != 0).count(), plain.len());
    }
}

#[test]
fn plain_word_reading_is_read_text() {
    let parts = [
        "news", "Agencies", "agencies", "Staff", "staff", "More", "Tags", "By", "Photo", "wire",
        "Reuters", "Getty", "Related", "Share", "x", "Q", "Z", "ad", "Sport", "follow", "ΣX",
    ];
    let mut rng = crate::testgen::Rng::new(0x7f4a_7c15);
    let (mut plain, mut bylines) = (0, 0);
    for round in 0..20_000 {
        let s = rng.text(&parts, 1 + round % 3);
        let mut buf = String::new();
        let f = features::block_features(&s, &mut buf);
        if !f.plain_word() {
            continue;
        }
        plain += 1;
        assert!(s.bytes().all(|b| b.is_ascii_alphabetic()), "{s:?}");
        assert!(!lines::is_comment_header(&f), "{s:?}");
        let mut full = f.clone();
        let m = read_text(&s, &mut full, false);
        let reading = (m, class(&full, m), far_label(&full, m));
        assert_eq!(plain_word_reading(&f), reading, "{s:?}");
        assert_eq!(format!("{full:?}"), format!("{f:?}"), "{s:?}");
        bylines += usize::from(m == Meta::Byline);
    }
    assert!(plain > 5_000, "{plain}");
    // "Newsagencies" is no listed word, and ends like "news agencies".
    assert!(bylines > 0, "{bylines}");
}

#[test]
fn same_text_is_equality() {
    let parts = ["a", "b", "é", "word", " ", "x"];
    let mut rng = crate::testgen::Rng::new(0x3c6e_f372);
    let mut equal = 0;
    for round in 0..20_000 {
        let a = rng.text(&parts, round % 9);
        let b = if round % 3 == 0 {
            a.clone()
        } else {
            rng.text(&parts, round % 9)
        };
        assert_eq!(same_text(&a, &b), a == b, "{a:?} {b:?}");
        equal += usize::from(a == b);
    }
    assert!(equal > 5_000, "{equal}");
    // One byte apart in every place of every length up to twenty.
    for len in 0..=20 {
        let a = "k".repeat(len);
        for at in 0..len {
            let mut b = a.clone().into_bytes();
            b[at] = b'q';
            let b = String::from_utf8(b).unwrap_or_default();
            assert!(!same_text(&a, &b), "{a:?} {b:?}");
        }
        assert!(same_text(&a, &a.clone()));
    }
}

/// With no block of prose or short sentence, no block weighs more than nothing: there is no
/// story run and no table, which `classify` then takes for granted rather than working out.
#[test]
fn no_prose_has_no_run_nor_table() {
    let names = [
        "Home",
        "Sport",
        "News",
        "Jane Doe",
        "Menu",
        "12",
        "Advertisement",
        "Share",
        "Login",
        "Tags",
        "By Jane Doe",
        "© 2020",
    ];
    let owned: Vec<String> = names
        .iter()
        .cycle()
        .take(60)
        .map(|s| s.to_string())
        .collect();
    let raw: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut arena = String::new();
    let Read { feats, meta, .. } = read_each(&raw, &mut arena);
    let view = feats.view();
    let classes: Vec<Class> = view.collect_each(|i, f| class(f, meta[i]));
    assert!(!classes
        .iter()
        .any(|&c| matches!(c, Class::Good | Class::Near)));
    let table = table::table_blocks(view, &classes, |_| false);
    assert!(table.iter().all(|&t| !t));
    assert_eq!(
        body_run(&raw, view, &meta, &classes, &table, &mut Vec::new()),
        None
    );
    // A sentence among them makes a run.
    let mut with_prose = raw.clone();
    with_prose[30] = "The council met on Monday and voted to close the old bridge for repairs.";
    let Read { feats, meta, .. } = read_each(&with_prose, &mut arena);
    let view = feats.view();
    let classes: Vec<Class> = view.collect_each(|i, f| class(f, meta[i]));
    let table = table::table_blocks(view, &classes, |_| false);
    assert_eq!(
        body_run(&with_prose, view, &meta, &classes, &table, &mut Vec::new()),
        Some((30, 30))
    );
}

/// The join loop [`grow_run`] replaced: every pass searches both sides whole. The test's
/// reference, with the weights it reads counted.
fn plain_grow_run(
    w: &[f32],
    (mut first, mut last): (usize, usize),
    joins: impl Fn(f32, usize, usize, (usize, usize), bool) -> bool,
    scanned: &mut usize,
) -> (usize, usize) {
    loop {
        *scanned += w.len() - (last - first + 1);
        let before =
            max_segment(&w[..first]).filter(|&(s, f, l)| joins(s, l + 1, first, (f, l), true));
        let after = max_segment(&w[last + 1..])
            .map(|(s, f, l)| (s, f + last + 1, l + last + 1))
            .filter(|&(s, f, l)| joins(s, last + 1, f, (f, l), false));
        match (before, after) {
            (Some((_, f, _)), _) => first = f,
            (None, Some((_, _, l))) => last = l,
            (None, None) => break,
        }
    }
    (first, last)
}

/// The numeric half of `body_run`'s join test: a heavy enough run, a gap of at most 60
/// weights that costs at most what the run weighs (twice that above it).
fn numeric_joins(w: &[f32]) -> impl Fn(f32, usize, usize, (usize, usize), bool) -> bool + '_ {
    move |s, a, b, _, above| {
        let alpha = if above { 2.0 } else { 1.0 };
        b.saturating_sub(a) <= 60 && s >= 20.0 && -w[a..b].iter().sum::<f32>() <= alpha * s
    }
}

#[test]
fn grow_run_is_the_plain_loop() {
    let mut rng = crate::testgen::Rng::new(0x51ed_2701);
    // Weights of a few kinds, ties among them likely: prose, short junk, long junk.
    let kinds = [20.0, 25.0, 40.0, 3.5, -1.0, -3.0, -20.0, -15.0, -60.0, 0.0];
    for round in 0..400 {
        let n = 1 + rng.below(if round % 4 == 0 { 400 } else { 40 });
        let w: Vec<f32> = (0..n).map(|_| kinds[rng.below(kinds.len())]).collect();
        let Some((_, first, last)) = max_segment(&w) else {
            continue;
        };
        let (mut fast, mut plain) = (0, 0);
        assert_eq!(
            grow_run(&w, (first, last), numeric_joins(&w), &mut fast),
            plain_grow_run(&w, (first, last), numeric_joins(&w), &mut plain),
            "{w:?}"
        );
        assert!(fast <= plain, "{fast} > {plain} weights read: {w:?}");
    }
}

/// A run that joins one neighbour a pass (a paragraph of weight 20, then 20 lines that cost
/// 1 each, over and over: each tie keeps the nearest paragraph the heaviest run) is grown
/// as the plain loop grows it, reading a number of weights linear in the text, where the
/// plain loop reads the rest of the text at every pass.
#[test]
fn grow_run_reads_linear_weights_on_runs_joined_one_a_pass() {
    let units = 3000;
    let mut w = Vec::new();
    for _ in 0..units {
        w.push(20.0f32);
        w.extend([-1.0f32; 20]);
    }
    let (_, first, last) = max_segment(&w).unwrap();
    assert_eq!(
        (first, last),
        (0, 0),
        "the first paragraph is the heaviest run"
    );
    let (mut fast, mut plain) = (0, 0);
    let grown = grow_run(&w, (first, last), numeric_joins(&w), &mut fast);
    assert_eq!(
        grown,
        plain_grow_run(&w, (first, last), numeric_joins(&w), &mut plain)
    );
    assert_eq!(grown, (0, w.len() - 21), "every paragraph joins");
    let bound = scan_budget(w.len()) + NEAR_WEIGHTS * (units + 1);
    assert!(fast <= bound, "{fast} weights read, more than {bound}");
    assert!(
        plain > 20 * bound,
        "the plain loop read {plain}: not a quadratic case"
    );
}

/// [`story_end`] passes over the story's last sentence when fewer than
/// [`MIN_LIST_ITEMS`] blocks follow it; it ends where reading that sentence ends
/// ([`story_end_read`]) for every last block of generated texts (stories that announce a
/// list, lists of one to five items, other lines after them).
#[test]
fn story_end_without_a_read_is_the_end_read() {
    let parts = [
        "The shop reopened on Monday after a long refit, and it sells more than before.",
        "Check out our picks below.",
        "Our picks are below:",
        "Apple Watch",
        "1. A kettle",
        "- Swim proof",
        "Price: $20",
        "March 3, 2024",
        "Related: shops",
        "Share this article",
        "short line",
    ];
    let mut rng = crate::testgen::Rng::new(0x6a09_e667);
    let (mut passed_over, mut announced) = (0, 0);
    for _ in 0..2_000 {
        let raw: Vec<&str> = (0..1 + rng.below(9)).map(|_| rng.pick(&parts)).collect();
        let mut arena = String::new();
        let Read {
            feats, meta, class, ..
        } = read_each(&raw, &mut arena);
        let view = feats.view();
        for last in 0..raw.len() {
            let want = story_end_read(&raw, view, &meta, &class, last);
            assert_eq!(
                story_end(&raw, view, &meta, &class, last),
                want,
                "{raw:?} {last}"
            );
            if raw.len() - last - 1 < MIN_LIST_ITEMS {
                passed_over += 1;
            } else if want > last {
                announced += 1;
            }
        }
    }
    assert!(
        passed_over > 1_000 && announced > 100,
        "{passed_over} {announced}"
    );
}

/// [`read_blocks`] of `raw` with every block read (no copies marked) into fresh lists.
fn read_each<'a>(raw: &[&str], arena: &'a mut String) -> Read<'a> {
    read_blocks(
        raw,
        &[],
        Room::of(raw, &[]),
        arena,
        &mut features::Lent::default(),
        Lists::default(),
    )
}

/// A list pointer swept across the start of the window [`announces_list`] reads, a sentence
/// with no stop hard-wrapped over 1-3 lines after it: the CRLF block announces a list when
/// the LF block does (read whole, cut, or out of the window).
#[test]
fn the_list_pointer_window_does_not_count_carriage_returns() {
    let (lists, others) = crate::testgen::crlf_sweep(
        500..620,
        |lines, pad| {
            format!(
                "{}Our picks are below and {}{}",
                "x ".repeat(30),
                "the shop sells more\n".repeat(lines),
                "y".repeat(pad)
            )
        },
        announces_list,
    );
    assert!(lists > 20 && others > 20, "{lists} lists, {others} others");
}

/// [`tail_start`] and [`head_end`] take in as many bytes other than slack (`\r`, and
/// blanks after a blank: [`crate::lex::slack_bytes`]) as asked (or all there are), on
/// random texts of line ends of every kind and runs of blanks.
#[test]
fn head_and_tail_windows_hold_as_many_other_bytes_as_asked() {
    let parts = ["said", "x", " ", "  ", "\t", "\r\n", "\r", "\n"];
    let mut rng = crate::testgen::Rng::new(0x7a11_0e4d);
    let other = |t: &str, a: usize, b: usize| (b - a) - crate::lex::slack_bytes(t.as_bytes(), a, b);
    for round in 0..3_000 {
        let text = rng.text(&parts, round % 80);
        let (n, len) = (1 + rng.below(40), text.len());
        let hi = head_end(&text, n);
        assert_eq!(
            other(&text, 0, hi),
            n.min(other(&text, 0, len)),
            "{text:?} {n}"
        );
        let lo = tail_start(&text, n);
        assert_eq!(
            other(&text, lo, len),
            n.min(other(&text, 0, len)),
            "{text:?} {n}"
        );
    }
}
