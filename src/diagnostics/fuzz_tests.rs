//! Inputs found by fuzzing that once broke the report.

use super::*;

/// Found by `cargo fuzz run front_matter`: tabs, NULs and a long line
/// made annotate-snippets' margin computation overflow.
#[test]
fn a_span_in_the_leading_whitespace_of_a_long_line_renders() {
    let text = format!("{}:{}\n", " \t".repeat(60), "t".repeat(200));
    let source = SourceText::new(text);
    let d = Diagnostic::error("e").at(&Arc::from("f"), &source, 0..3);
    assert!(d.render(false).contains("--> f:1:1"), "{}", d.render(false));
}

#[test]
fn tabs_and_nuls_before_the_span_render() {
    let mut text = "\t\t\t\t".to_string();
    text.push_str(&" ".repeat(28));
    text.push_str(&"\0".repeat(80));
    text.push_str(&" ".repeat(32));
    text.push_str("\"            5      2\t ");
    let source = SourceText::new(text);
    let file: Arc<str> = Arc::from("content/f.md");
    let errors = crate::front_matter::parse(&file, &source)
        .err()
        .unwrap_or_default();
    assert!(!errors.is_empty());
    for d in errors {
        assert!(
            d.render(false).contains("content/f.md:1:"),
            "{}",
            d.render(false)
        );
    }
}
