//! A deterministic corpus of synthetic explainers, the same shape as
//! `../shared/bench/gen_corpus.py`: 800–1,500 words each, four to six
//! sections, inline emphasis, code spans and links, a list, one or two
//! quotes, sometimes a code block, three to six citations, two to four tags
//! from a pool of 40, key points, sources and two annotated terms.
//!
//! Article `i` depends only on `(SEED, i)`, so the first 1,000 articles of
//! the 10,000 corpus are the 1,000 corpus. The same bodies are written in
//! lede's format and, for comparison, as a Hugo site (footnotes instead of
//! citations, plain block quotes instead of quote callouts).

use std::fmt::Write as _;
use std::io;
use std::path::Path;

const SEED: u64 = 0x1ede_2026;

const WORDS: &str = "ability access account action address advance advice agency analysis annual \
answer approach argue article aspect assess attempt audience author average balance barrier basis \
battle benefit border borrow boundary branch budget burden business cable campaign capacity capital \
carbon career central chain challenge channel chapter charge choice claim climate coast collect \
column comfort comment common community company compare complex concern condition conflict constant \
context contract control corner council country course court credit crisis critical culture \
current customer cycle damage debate decade decline default deliver demand deposit design detail \
device direct discover display distance document domestic driver economy effect effort element \
energy engine entire equal estimate evidence example exchange expand expert export extend factor \
failure family feature federal figure finance finding fiscal focus foreign formal forward freight \
frequent function future general global govern grant growth handle harbor health height history \
household housing impact import improve income index industry inflation influence initial insurance \
interest internal journey labor launch layer leader lease lender level limit liquid machine maintain \
manage margin market measure medical member method middle minute model moment money monitor \
mortgage motion national natural network normal notice number object obtain office operate option \
order output owner parent partner pattern payment pension period permit person phase physical \
planet policy portion poverty power practice premium pressure price primary private process produce \
profit program project property protect public purpose quality quarter railway range rate reason \
record reform region report research reserve resource response result return revenue review risk \
route rural safety salary sample satellite savings schedule school science season sector security \
senior series service settle shadow share shift signal silver simple single source space species \
spending stable staff standard station status steel storage strategy street structure student \
subject supply surface survey system target tariff teacher theory threat timber total trade traffic \
transfer treaty trend trust union urban usage value vessel victim volume voter wage water wealth \
weather welfare window worker yield";

const CONNECTORS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "for", "on", "with", "as", "by", "that", "from", "is",
    "was", "its", "their", "which", "more", "than",
];

const TAGS: &[&str] = &[
    "energy",
    "climate",
    "housing",
    "health",
    "trade",
    "labor",
    "transport",
    "water",
    "education",
    "elections",
    "courts",
    "budget",
    "taxes",
    "pensions",
    "science",
    "space",
    "oceans",
    "farming",
    "cities",
    "migration",
    "security",
    "privacy",
    "media",
    "banking",
    "inflation",
    "tech",
    "telecoms",
    "rail",
    "aviation",
    "shipping",
    "forests",
    "wildlife",
    "mining",
    "oil",
    "power",
    "nuclear",
    "solar",
    "wind",
    "insurance",
    "childcare",
];

const PUBLISHERS: &[&str] = &[
    "Statistics Office",
    "Central Bank",
    "Ministry of Finance",
    "University Press",
    "Audit Office",
    "Energy Agency",
    "Health Institute",
    "Court of Appeal",
    "City Council",
    "Research Council",
];

const RUST: &str = "fn weighted_mean(values: &[f64], weights: &[f64]) -> Option<f64> {\n    let total: f64 = weights.iter().sum();\n    if total == 0.0 {\n        return None;\n    }\n    let sum: f64 = values.iter().zip(weights).map(|(v, w)| v * w).sum();\n    Some(sum / total)\n}";
const PYTHON: &str = "def compound(principal, rate, years):\n    \"\"\"Return the value of principal after compounding.\"\"\"\n    value = principal\n    for _ in range(years):\n        value *= 1 + rate\n    return round(value, 2)";

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(i: u64, stream: u64) -> Self {
        Self(SEED ^ i.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ stream.rotate_left(32))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.range(0, items.len() - 1)]
    }
}

/// One synthetic explainer.
pub(crate) struct Article {
    pub(crate) slug: String,
    title: String,
    dek: String,
    date: String,
    tags: Vec<&'static str>,
    key_points: Vec<String>,
    /// (publisher, title, url)
    sources: Vec<(String, String, String)>,
    /// Blocks of the body; `Cite(k)` marks a citation of source `k`.
    blocks: Vec<Block>,
    terms: Vec<(String, String)>,
}

enum Block {
    Prose(Vec<Piece>),
    Heading(String),
    Quote { text: String, source: usize },
    List(Vec<String>),
    Code(&'static str, &'static str),
}

enum Piece {
    Text(String),
    Cite(usize),
}

fn phrase(rng: &mut Rng, words: &[&str], lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut out = String::new();
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        out.push_str(if rng.chance(0.35) {
            rng.pick(CONNECTORS)
        } else {
            rng.pick(words)
        });
    }
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn sentence(rng: &mut Rng, words: &[&str]) -> String {
    let mut ws: Vec<String> = (0..rng.range(9, 22))
        .map(|_| {
            let w = if rng.chance(0.35) {
                rng.pick(CONNECTORS)
            } else {
                rng.pick(words)
            };
            w.to_string()
        })
        .collect();
    for _ in 0..rng.range(0, 2) {
        let k = rng.range(0, ws.len() - 1);
        ws[k] = match rng.range(0, 9) {
            0..=3 => format!("*{}*", ws[k]),
            4..=6 => format!("**{}**", ws[k]),
            7 => format!("`{}`", ws[k]),
            _ => format!(
                "[{}](https://example.org/{}/{})",
                ws[k],
                rng.pick(TAGS),
                rng.pick(words)
            ),
        };
    }
    let mut s = capital(&ws.join(" "));
    if rng.chance(0.15) {
        let _ = write!(s, ", \"{}\"", phrase(rng, words, 2, 5));
    }
    if rng.chance(0.1) {
        let _ = write!(s, " -- {}", phrase(rng, words, 3, 6));
    }
    s.push('.');
    s
}

/// Article `i` (1-based).
pub(crate) fn article(i: usize) -> Article {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let rng = &mut Rng::new(i as u64, 1);
    let title = capital(&phrase(rng, &words, 4, 9));
    let date = format!(
        "{:04}-{:02}-{:02}",
        2015 + rng.range(0, 9),
        rng.range(1, 12),
        rng.range(1, 28)
    );
    let dek = format!("{}.", capital(&phrase(rng, &words, 12, 24)));
    let mut tags: Vec<&str> = (0..rng.range(2, 4)).map(|_| rng.pick(TAGS)).collect();
    tags.sort_unstable();
    tags.dedup();
    let key_points = (0..rng.range(3, 5))
        .map(|_| format!("{}.", capital(&phrase(rng, &words, 8, 16))))
        .collect();
    let sources: Vec<_> = (0..rng.range(3, 6))
        .map(|_| {
            let publisher = rng.pick(PUBLISHERS).to_string();
            let title = capital(&phrase(rng, &words, 3, 8));
            let url = format!(
                "https://example.org/{}/{}/{}",
                rng.pick(TAGS),
                rng.range(1000, 9999),
                rng.pick(&words)
            );
            (publisher, title, url)
        })
        .collect();
    let target = rng.range(800, 1500);
    let sections = rng.range(4, 6);
    let cites = rng.range(3, 6);
    let quote_section = rng.range(0, sections - 1);
    let list_section = rng.range(0, sections - 1);
    let code = rng.chance(0.3).then(|| rng.range(0, sections - 1));
    let per_section = target / (sections + 1);
    // A citation roughly every `every` sentences, cycling through the sources.
    let every = (target / 16 / cites.max(sources.len())).max(1);
    let (mut cited, mut sentences) = (0, 0);
    let mut paragraph = |rng: &mut Rng| {
        let mut pieces = Vec::new();
        let mut n_words = 0;
        for _ in 0..rng.range(3, 6) {
            let s = sentence(rng, &words);
            n_words += s.split_whitespace().count();
            pieces.push(Piece::Text(s));
            sentences += 1;
            if sentences % every == 0 {
                pieces.push(Piece::Cite(cited % sources.len()));
                cited += 1;
            }
        }
        (Block::Prose(pieces), n_words)
    };
    let mut blocks = vec![paragraph(rng).0];
    for s in 0..sections {
        blocks.push(Block::Heading(capital(&phrase(rng, &words, 3, 7))));
        let mut written = 0;
        while written == 0 || written + 35 < per_section {
            let (p, n) = paragraph(rng);
            blocks.push(p);
            if written == 0 {
                if s == quote_section {
                    let text = format!("{}.", capital(&phrase(rng, &words, 10, 20)));
                    blocks.push(Block::Quote {
                        text,
                        source: rng.range(0, sources.len() - 1),
                    });
                }
                if s == list_section {
                    let items = (0..rng.range(3, 6))
                        .map(|_| capital(&phrase(rng, &words, 4, 12)))
                        .collect();
                    blocks.push(Block::List(items));
                }
                if code == Some(s) {
                    blocks.push(if rng.chance(0.5) {
                        Block::Code("rust", RUST)
                    } else {
                        Block::Code("python", PYTHON)
                    });
                }
            }
            written += n;
        }
    }
    // Every source is cited at least once (an uncited one is a warning).
    if cited < sources.len() {
        let mut pieces = vec![Piece::Text(sentence(rng, &words))];
        pieces.extend((cited..sources.len()).map(Piece::Cite));
        blocks.push(Block::Prose(pieces));
    }
    // Two terms that occur in the prose (six letters or more, not a connector).
    let mut terms = Vec::new();
    for _ in 0..40 {
        let w = rng.pick(&words);
        if terms.len() < 2
            && w.len() >= 6
            && !terms.iter().any(|(t, _)| t == w)
            && prose_has(&blocks, w)
        {
            terms.push((
                w.to_string(),
                format!("{}.", capital(&phrase(rng, &words, 6, 12))),
            ));
        }
    }
    Article {
        slug: format!("article-{i:05}"),
        title,
        dek,
        date,
        tags,
        key_points,
        sources,
        blocks,
        terms,
    }
}

fn prose_has(blocks: &[Block], word: &str) -> bool {
    blocks.iter().any(|b| match b {
        Block::Prose(pieces) => pieces.iter().any(|p| match p {
            Piece::Text(t) => without_links(t)
                .split(|c: char| !c.is_ascii_alphabetic())
                .any(|w| w == word),
            Piece::Cite(_) => false,
        }),
        _ => false,
    })
}

/// `text` without `[link text](url)` (annotations skip links).
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        rest = rest[open..]
            .find(')')
            .map_or("", |close| &rest[open + close + 1..]);
    }
    out.push_str(rest);
    out
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// How the body marks citations and quotes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Lede,
    Hugo,
}

fn body(a: &Article, layout: Layout) -> String {
    let mut out = String::new();
    let mut footnotes = 0;
    for b in &a.blocks {
        match b {
            Block::Prose(pieces) => {
                for (k, p) in pieces.iter().enumerate() {
                    match p {
                        Piece::Text(t) => {
                            if k > 0 {
                                out.push(' ');
                            }
                            out.push_str(t);
                        }
                        Piece::Cite(s) if layout == Layout::Lede => {
                            let _ = write!(out, "[^s{}]", s + 1);
                        }
                        Piece::Cite(_) => {
                            footnotes += 1;
                            let _ = write!(out, "[^{footnotes}]");
                        }
                    }
                }
            }
            Block::Heading(h) => {
                let _ = write!(out, "## {h}");
            }
            Block::Quote { text, source } => {
                let publisher = &a.sources[*source].0;
                if layout == Layout::Lede {
                    let _ = write!(
                        out,
                        "> [!QUOTE]\n> {text}\n>\n> \u{2014} {publisher}, in a statement [^s{}]",
                        source + 1
                    );
                } else {
                    let _ = write!(out, "> {text}\n>\n> -- {publisher}");
                }
            }
            Block::List(items) => {
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push('\n');
                    }
                    let _ = write!(out, "- {item}");
                }
            }
            Block::Code(lang, code) => {
                let _ = write!(out, "```{lang}\n{code}\n```");
            }
        }
        out.push_str("\n\n");
    }
    if layout == Layout::Hugo {
        for k in 1..=footnotes {
            let (publisher, title, url) = &a.sources[(k - 1) % a.sources.len()];
            let _ = writeln!(out, "[^{k}]: {publisher}, [{title}]({url}).");
        }
    }
    out
}

/// The whole file in lede's format.
pub(crate) fn lede_file(a: &Article) -> String {
    let mut f = String::from("---\n");
    let _ = writeln!(
        f,
        "title: {}\ndek: {}\ndate: {}",
        quoted(&a.title),
        quoted(&a.dek),
        a.date
    );
    let tags: Vec<_> = a.tags.iter().map(|t| quoted(t)).collect();
    let _ = writeln!(f, "tags: [{}]\nkey_points:", tags.join(", "));
    for (k, point) in a.key_points.iter().enumerate() {
        if k == 0 {
            let _ = writeln!(f, "  - text: {}\n    sources: [s1]", quoted(point));
        } else {
            let _ = writeln!(f, "  - {}", quoted(point));
        }
    }
    f.push_str("sources:\n");
    for (k, (publisher, title, url)) in a.sources.iter().enumerate() {
        let _ = writeln!(
            f,
            "  s{}:\n    publisher: {}\n    title: {}\n    url: {}",
            k + 1,
            quoted(publisher),
            quoted(title),
            quoted(url)
        );
    }
    if !a.terms.is_empty() {
        f.push_str("annotations:\n");
        for (term, note) in &a.terms {
            let _ = writeln!(f, "  {term}: {}", quoted(note));
        }
    }
    f.push_str("---\n\n");
    f + &body(a, Layout::Lede)
}

/// The same article for Hugo (YAML front matter, footnotes).
pub(crate) fn hugo_file(a: &Article) -> String {
    let tags: Vec<_> = a.tags.iter().map(|t| quoted(t)).collect();
    let mut f = format!(
        "---\ntitle: {}\ndate: {}\ndescription: {}\ntags: [{}]\nkey_points:\n",
        quoted(&a.title),
        a.date,
        quoted(&a.dek),
        tags.join(", ")
    );
    for point in &a.key_points {
        let _ = writeln!(f, "  - {}", quoted(point));
    }
    f.push_str("sources:\n");
    for (k, (publisher, title, url)) in a.sources.iter().enumerate() {
        let _ = writeln!(
            f,
            "  s{}:\n    title: {}\n    url: {}\n    publisher: {}",
            k + 1,
            quoted(title),
            quoted(url),
            quoted(publisher)
        );
    }
    f.push_str("---\n\n");
    f + &body(a, Layout::Hugo)
}

pub(crate) const LEDE_SITE: &str = "title: Annotated explainers\nbase_url: https://example.org/\ndescription: A synthetic corpus of explainers for benchmarks.\n";

/// Hugo's site: the shared benchmark's configuration and layouts (no
/// taxonomy pages or feeds, so Hugo does less than lede does).
const HUGO_TOML: &str = "baseURL = \"https://example.org/\"\nlanguageCode = \"en-us\"\ntitle = \"Annotated explainers\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n\n[markup.goldmark.extensions]\nfootnote = true\ntable = true\ntypographer = true\n\n[markup.highlight]\ncodeFences = false\n";
const HUGO_BASEOF: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{{ .Title }} | {{ .Site.Title }}</title>\n{{ with .Description }}<meta name=\"description\" content=\"{{ . }}\">{{ end }}\n</head>\n<body>\n<main>\n{{ block \"main\" . }}{{ end }}\n</main>\n</body>\n</html>\n";
const HUGO_SINGLE: &str = "{{ define \"main\" }}\n<article>\n<h1>{{ .Title }}</h1>\n<time datetime=\"{{ .Date.Format \"2006-01-02\" }}\">{{ .Date.Format \"2 January 2006\" }}</time>\n{{ with .Params.key_points }}<aside class=\"key-points\"><h2>Key points</h2>\n<ul>\n{{ range . }}<li>{{ . }}</li>\n{{ end }}</ul>\n</aside>{{ end }}\n<div class=\"content\">\n{{ .Content }}\n</div>\n{{ with .Params.sources }}<section class=\"sources\"><h2>Sources</h2>\n<ol>\n{{ range $id, $s := . }}<li id=\"src-{{ $id }}\"><a href=\"{{ $s.url }}\">{{ $s.title }}</a>, {{ $s.publisher }}</li>\n{{ end }}</ol>\n</section>{{ end }}\n</article>\n{{ end }}\n";
const HUGO_LIST: &str = "{{ define \"main\" }}\n<h1>{{ .Title }}</h1>\n<ul>\n{{ range .RegularPagesRecursive }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> <time>{{ .Date.Format \"2006-01-02\" }}</time> {{ .Description }}</li>\n{{ end }}</ul>\n{{ end }}\n";

pub(crate) fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

/// Writes the first `n` articles as a lede site at `dir` (replacing it).
pub(crate) fn write_lede(dir: &Path, n: usize) -> io::Result<()> {
    fresh(dir)?;
    write(&dir.join("site.yaml"), LEDE_SITE)?;
    for i in 1..=n {
        let a = article(i);
        write(
            &dir.join("content").join(format!("{}.md", a.slug)),
            &lede_file(&a),
        )?;
    }
    Ok(())
}

/// Writes the first `n` articles as a Hugo site at `dir` (replacing it).
pub(crate) fn write_hugo(dir: &Path, n: usize) -> io::Result<()> {
    fresh(dir)?;
    write(&dir.join("hugo.toml"), HUGO_TOML)?;
    write(&dir.join("layouts/_default/baseof.html"), HUGO_BASEOF)?;
    write(&dir.join("layouts/_default/single.html"), HUGO_SINGLE)?;
    write(&dir.join("layouts/_default/list.html"), HUGO_LIST)?;
    for i in 1..=n {
        let a = article(i);
        write(
            &dir.join("content/posts").join(format!("{}.md", a.slug)),
            &hugo_file(&a),
        )?;
    }
    Ok(())
}

fn fresh(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)
}

/// Words in the body (for the corpus summary line).
pub(crate) fn body_words(a: &Article) -> usize {
    body(a, Layout::Lede).split_whitespace().count()
}
