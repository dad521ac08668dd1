//! Any bytes as an explainer file: parsed or refused, never a panic, and
//! every error placed inside the file.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file: Arc<str> = Arc::from("content/fuzz.md");
    let source = lede::diagnostics::SourceText::new(text);
    if let Err(errors) = lede::front_matter::parse(&file, &source) {
        for d in &errors {
            let span = d.span().expect("every error has a position");
            assert!(span.end <= source.len(), "span outside the file");
            let _ = d.render(false);
        }
    }
});
