//! Pagefind's browser side: its JavaScript, CSS and WebAssembly (MIT
//! licence, © CloudCannon), vendored at one pinned version in
//! `vendor/pagefind/` as the `pagefind` crate of that version writes them
//! (`pagefind.js` and `pagefind-worker.js` already minified). The index
//! lede writes ([`super::index`]) is of the same version: a test builds the
//! same records with the crate and requires the same bundle, byte for byte,
//! and another requires these files to be the crate's
//! (`super::tests`). `LEDE_UPDATE_PAGEFIND=1 cargo test vendored` writes
//! them again after the crate's version is changed.

/// The Pagefind version of the vendored files and of the index format.
pub const VERSION: &str = "1.6.0";

/// The characters Pagefind's browser side keeps inside words (its
/// default `include_characters`), given in the entry file.
pub const INCLUDE_CHARACTERS: &[char] = &[
    '_', '\u{203F}', '\u{2040}', '\u{2054}', '\u{FE33}', '\u{FE34}', '\u{FE4D}', '\u{FE4E}',
    '\u{FE4F}', '\u{FF3F}',
];

macro_rules! vendored {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/vendor/pagefind/", $name)) as &[u8])),*]
    };
}

/// The files every bundle has, whatever its language.
pub const COMMON: &[(&str, &[u8])] = vendored![
    "pagefind.js",
    "pagefind-highlight.js",
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "wasm.unknown.pagefind",
];

/// The WebAssembly of each language Pagefind stems (`wasm.LANG.pagefind`).
pub const WASM: &[(&str, &[u8])] = vendored![
    "wasm.ar.pagefind",
    "wasm.ca.pagefind",
    "wasm.da.pagefind",
    "wasm.de.pagefind",
    "wasm.el.pagefind",
    "wasm.en.pagefind",
    "wasm.eo.pagefind",
    "wasm.es.pagefind",
    "wasm.et.pagefind",
    "wasm.eu.pagefind",
    "wasm.fi.pagefind",
    "wasm.fr.pagefind",
    "wasm.ga.pagefind",
    "wasm.hi.pagefind",
    "wasm.hu.pagefind",
    "wasm.hy.pagefind",
    "wasm.id.pagefind",
    "wasm.it.pagefind",
    "wasm.lt.pagefind",
    "wasm.nb.pagefind",
    "wasm.ne.pagefind",
    "wasm.nl.pagefind",
    "wasm.nn.pagefind",
    "wasm.no.pagefind",
    "wasm.pl.pagefind",
    "wasm.pt.pagefind",
    "wasm.ro.pagefind",
    "wasm.ru.pagefind",
    "wasm.sr.pagefind",
    "wasm.sv.pagefind",
    "wasm.ta.pagefind",
    "wasm.tr.pagefind",
    "wasm.yi.pagefind",
];

/// The WebAssembly file of a (base) language, if Pagefind stems it.
pub fn wasm(language: &str) -> Option<(&'static str, &'static [u8])> {
    let name = format!("wasm.{language}.pagefind");
    WASM.iter().copied().find(|(n, _)| *n == name)
}
