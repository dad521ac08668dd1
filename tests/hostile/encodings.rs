//! Encodings: a byte order mark, UTF-16, invalid UTF-8, NUL bytes, CRLF and
//! lone CR line endings, in explainers and in site.yaml.

use super::{Broken, assert_reports};

/// UTF-16 (little-endian) bytes of `text`, with or without the BOM.
fn utf16(text: &str, bom: bool) -> Vec<u8> {
    let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
    for unit in text.encode_utf16() {
        out.extend(unit.to_le_bytes());
    }
    out
}

const GOOD: &str = "---\ntitle: Encoded\ndate: 2026-01-01\n---\nBody.\n";

#[test]
fn utf16_invalid_utf8_and_nul_bytes_say_where() {
    let b = Broken::fixture("minimal");
    b.write("content/utf16.md", utf16(GOOD, true));
    b.write("content/utf16-nobom.md", utf16(GOOD, false));
    let mut be = vec![0xFE, 0xFF];
    for unit in GOOD.encode_utf16() {
        be.extend(unit.to_be_bytes());
    }
    b.write("content/utf16-be.md", be);
    b.write(
        "content/latin1.md",
        b"---\ntitle: Caf\xe9\ndate: 2026-01-01\n---\n".as_slice(),
    );
    b.write(
        "content/nul.md",
        b"---\ntitle: T\ndate: 2026-01-01\n---\nBody\0text\n".as_slice(),
    );
    let run = b.build_fails(&[
        (
            "invalid UTF-8 at line 2, column 11",
            "content/latin1.md:2:11",
        ),
        ("this file contains a NUL byte", "content/nul.md:5:5"),
    ]);
    for file in ["utf16.md", "utf16-nobom.md", "utf16-be.md"] {
        let at = run
            .stderr
            .find(&format!("--> content/{file}"))
            .unwrap_or_else(|| panic!("no error for {file}: {}", run.stderr));
        let message = run.stderr[..at].rsplit("error: ").next().unwrap();
        assert!(message.contains("UTF-16"), "{file}: {message}");
    }
    assert!(
        run.stderr.contains("save the file as UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn bom_crlf_and_lone_cr_are_read_and_positions_stay_right() {
    let b = Broken::fixture("minimal");
    b.write(
        "content/bom.md",
        "\u{feff}---\r\ntitle: With a BOM\r\ndate: 2026-01-01\r\ndraft: maybe\r\n---\r\n",
    );
    b.write(
        "content/cr.md",
        "---\rtitle: Old Mac\rdate: 2026-01-01\rtoc: often\r---\rBody\r",
    );
    b.write(
        "content/mixed.md",
        "---\r\ntitle: Mixed\rdate: 2026-13-01\n---\r\n",
    );
    b.build_fails(&[
        ("`draft`: expected `true` or `false`", "content/bom.md:4:8"),
        ("`toc`: expected `true` or `false`", "content/cr.md:4:6"),
        ("bad date", "content/mixed.md:3:7"),
    ]);
    // Once fixed, the same files build, and their text is clean.
    b.write(
        "content/bom.md",
        "\u{feff}---\r\ntitle: With a BOM\r\ndate: 2026-01-01\r\n---\r\nLine one\r\nline two\r\n",
    );
    b.write(
        "content/cr.md",
        "---\rtitle: Old Mac\rdate: 2026-01-01\r---\rBody\r",
    );
    b.write(
        "content/mixed.md",
        "---\r\ntitle: Mixed\rdate: 2026-01-01\n---\r\n",
    );
    b.site.lede(&["build"]).ok();
    let page = b.site.public("bom/index.html");
    assert!(
        page.contains("<h1 id=\"article-title\">With a BOM</h1>"),
        "{page}"
    );
    assert!(!page.contains('\u{feff}') && !page.contains('\r'));
    assert!(b.site.public("cr/index.html").contains(">Old Mac</h1>"));
}

#[test]
fn site_yaml_is_decoded_like_an_explainer() {
    let b = Broken::fixture("minimal");
    let site = "title: Minimal\nbase_url: https://example.github.io/repo/\n";
    b.write("site.yaml", utf16(site, true));
    let run = b.build_fails(&[]);
    assert_reports(&run.stderr, &[]);
    assert!(
        run.stderr.contains("UTF-16") && run.stderr.contains("--> site.yaml"),
        "{}",
        run.stderr
    );
    b.write(
        "site.yaml",
        b"title: Caf\xe9\nbase_url: https://x.org/\n".as_slice(),
    );
    b.build_fails(&[("invalid UTF-8 at line 1, column 11", "site.yaml:1:11")]);
    b.write(
        "site.yaml",
        b"title: A\0B\nbase_url: https://x.org/\n".as_slice(),
    );
    b.build_fails(&[("NUL byte", "site.yaml:1:9")]);
    b.write(
        "site.yaml",
        "title: T\rbase_url: https://x.org/\rlanguage: 1!\r",
    );
    b.build_fails(&[("is not a language tag", "site.yaml:3:11")]);
    b.write(
        "site.yaml",
        "\u{feff}title: Minimal\r\nbase_url: https://example.github.io/repo/\r\n",
    );
    b.site.lede(&["build"]).ok();
}

/// Terminal control sequences in a file's text or name never reach the
/// terminal through a message.
#[test]
fn control_characters_are_not_printed() {
    let b = Broken::fixture("minimal");
    b.write(
        "content/esc.md",
        "---\ntitle: \"\\e]0;pwned\\a\"\ndate: 2026-01-01\nslug: \"\\e[2Jx\"\n---\n",
    );
    b.write(
        "content/raw.md",
        "---\ntitle: T\ndate: 2026-01-01\n\x1b[31m: 1\n---\n",
    );
    b.write("content/\x1b[1mname.md", "---\ntitle: [\n---\n");
    let run = b.build_fails(&[
        ("is not a valid slug", "content/esc.md:4:7"),
        ("control characters are not allowed", "content/raw.md:4:1"),
        ("YAML syntax error", "content/?[1mname.md:3:1"),
    ]);
    assert!(!run.stderr.contains("at position"), "{}", run.stderr);
    assert!(
        !run.stderr.contains('\x1b') && !run.stderr.contains('\x07'),
        "{:?}",
        run.stderr
    );
}
