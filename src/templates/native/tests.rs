//! The native components against the built-in templates rendered by Tera.

use std::sync::Arc;

use super::*;
use crate::diagnostics::SourceText;
use crate::markdown::{Components, PointView};
use crate::templates::Templates;

/// A site in every language with built-in words, and one whose words
/// of the site's own need escaping.
fn config() -> SiteConfig {
    let yaml = "title: T\nbase_url: https://x.org/r/\nlanguage: en\nlanguages:\n  \
        ar: {}\n  de: {}\n  es: {}\n  fr: {}\n  pt: {}\n  \
        it:\n    labels: { source_n: 'S<\"&>', note: \"N'\", annotation: '&amp;', quote_open: '«<', quote_close: '>»', key_points: '<K>', read_more: 'R&', unattributed: '\"U\"', comma: ' ,<' }\n";
    SiteConfig::parse(&Arc::from("site.yaml"), &SourceText::new(yaml)).unwrap()
}

fn components<'a>(texts: &[&'a str]) -> Vec<Component<'a>> {
    let mut out = Vec::new();
    for (n, &t) in texts.iter().enumerate() {
        let opt = |k: usize| [None, Some(""), Some(t)][(n + k) % 3];
        for k in 0..6 {
            out.push(Component::Citation {
                id: t,
                number: n * 7 + k,
                cite_id: t,
                publisher: opt(k),
                title: opt(k / 3 + k),
                date: opt(k + 1),
                host: opt(k + 2),
            });
        }
        out.push(Component::NoteRef {
            id: t,
            number: n * 13 + 1,
            ref_id: t,
        });
        out.push(Component::Annotation {
            id: t,
            term: t,
            note: t,
            citation: t,
        });
        for k in 0..4 {
            out.push(Component::Quote {
                body: t,
                has_attribution: k & 1 == 1,
                unattributed: k & 2 == 2,
                speaker: t,
                context: opt(k).unwrap_or(""),
            });
        }
    }
    out
}

fn points(texts: &[&str]) -> Vec<PointView> {
    let text = |n: usize| texts[n % texts.len()].to_string();
    (0..texts.len() * 2)
        .map(|n| PointView {
            html: text(n),
            plain: text(n + 1),
            citations: text(n + 2),
            section: [None, Some(String::new()), Some(text(n + 3))][n % 3].clone(),
        })
        .collect()
}

#[test]
fn native_and_tera_agree() {
    let config = config();
    let texts = [
        "s1",
        "",
        "a \"quoted\" & <b>bold</b> 'single' text",
        "Ünïcödé — «guillemets» 東京 😀",
        "<script>alert(1)</script>",
        "cite-s1-2",
    ];
    let points = points(&texts);
    let templates = Templates::built_in(&config).unwrap();
    assert!(templates.native.built_in.iter().all(|&b| b));
    let mut checked = 0;
    for lang in 0..config.languages.len() {
        let mut all = components(&texts);
        all.extend((0..=points.len()).map(|n| Component::KeyPoints {
            points: &points[..n],
        }));
        for c in all {
            let native = templates.native.render(lang, &c).unwrap();
            let name = format!("components/{}.html", c.name());
            let tera = templates
                .render(lang, &name, &super::super::components::context(&c))
                .unwrap();
            assert_eq!(native, tera, "{c:?} in language {lang}");
            assert_eq!(Components::render(&templates, lang, &c).unwrap(), tera);
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn a_site_template_of_its_own_is_rendered_by_tera() {
    let config = config();
    let native = Native::new(&config, &|name| name == "components/note_ref.html");
    let note = Component::NoteRef {
        id: "n",
        number: 1,
        ref_id: "r",
    };
    assert!(native.render(0, &note).is_none());
    let annotation = Component::Annotation {
        id: "a",
        term: "t",
        note: "n",
        citation: "",
    };
    assert!(native.render(0, &annotation).is_some());
}

/// Summaries as list pages get them, with every branch of `card.html`.
fn summaries(texts: &[&str]) -> tera::Value {
    let all: Vec<serde_json::Value> = (0..texts.len() * 6)
        .map(|n| {
            let t = |k: usize| texts[(n + k) % texts.len()];
            let tags = match n % 3 {
                0 => serde_json::json!([]),
                _ => serde_json::json!([{ "name": t(1), "slug": "x", "url": "/x/" }, { "name": "B" }]),
            };
            let dek = [serde_json::Value::Null, "".into(), t(2).into()][n % 3].clone();
            let (points, minutes) = ([0, 1, 3, 21][n % 4], [0, 1, 2, 5, 11, 102][n % 6]);
            serde_json::json!({
                "kind": "explainer", "title": t(0), "dek": dek, "slug": t(3), "url": t(4),
                "date": { "datetime": t(5), "human": t(1), "iso": "2026-01-01" },
                "tags": tags, "live": n % 4 == 1,
                "key_points_count": points, "reading_minutes": minutes,
            })
        })
        .collect();
    tera::Value::from_serializable(&all)
}

#[test]
fn native_cards_and_tera_agree() {
    let config = config();
    let texts = [
        "a \"quoted\" & <b>bold</b> 'single' text",
        "s1",
        "Ünïcödé — «guillemets» 東京 😀",
        "<script>alert(1)</script>",
    ];
    let mut templates = Templates::built_in(&config).unwrap();
    let loop_of_includes =
        r#"{% for e in explainers %}{% include "components/card.html" %}{% endfor %}"#;
    for tera in &mut templates.teras {
        tera.add_raw_template("cards.html", loop_of_includes)
            .unwrap();
    }
    let explainers = summaries(&texts);
    let mut ctx = tera::Context::new();
    ctx.insert_value("explainers", explainers.clone());
    for lang in 0..config.languages.len() {
        let native = templates.native.cards(lang, &explainers).unwrap();
        let tera = templates.render(lang, "cards.html", &ctx).unwrap();
        assert_eq!(native, tera, "language {lang}");
        assert_eq!(native.matches("<li class=\"card\">").count(), 24);
    }
}

#[test]
fn cards_are_left_to_tera_when_a_value_is_not_a_summary_or_the_site_has_its_own() {
    let config = config();
    let native = Native::new(&config, &|_| false);
    let no_date = tera::Value::from_serializable(
        &serde_json::json!([{ "title": "A", "slug": "a", "url": "/a/" }]),
    );
    assert!(native.cards(0, &no_date).is_none());
    let own = Native::new(&config, &|name| name == "components/card.html");
    assert!(own.cards(0, &summaries(&["a"])).is_none());
    assert!(native.cards(0, &summaries(&["a"])).is_some());
}
