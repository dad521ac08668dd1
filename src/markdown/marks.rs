//! Citation and note marks as readers see them: notes lettered, runs of
//! adjacent marks found (to keep them together and pad them as targets).

use pulldown_cmark::Event;

use super::Ev;

/// Where a run of two or more adjacent references starts and ends.
#[derive(Clone, Copy)]
pub enum Run {
    /// The first mark of a run.
    First,
    /// The last.
    Last,
}

/// Runs of adjacent `[^x]` references (nothing but empty text between):
/// they are wrapped in `<span class="cite-run">`, whose marks are padded to
/// 24 px targets (a lone mark meets the target size by its spacing).
pub fn runs(events: &[Ev<'_>]) -> std::collections::HashMap<usize, Run> {
    let mut out = std::collections::HashMap::new();
    let mut run_start: Option<usize> = None;
    let mut last: Option<usize> = None;
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::FootnoteReference(_) => {
                if last.is_none() {
                    run_start = Some(i);
                }
                last = Some(i);
            }
            Event::Text(t) if t.is_empty() => {}
            Event::Html(h) if h.is_empty() => {}
            _ => {
                if let (Some(s), Some(l)) = (run_start, last)
                    && l > s
                {
                    out.insert(s, Run::First);
                    out.insert(l, Run::Last);
                }
                run_start = None;
                last = None;
            }
        }
    }
    if let (Some(s), Some(l)) = (run_start, last)
        && l > s
    {
        out.insert(s, Run::First);
        out.insert(l, Run::Last);
    }
    out
}

/// Notes are lettered (a, b, … z, aa, ab, …) where sources are numbered,
/// so a note's mark and a citation never look alike.
pub fn note_letter(number: usize) -> String {
    let mut n = number;
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'a' + u8::try_from(n % 26).unwrap_or(0));
        n /= 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}
