//! lede turns a folder of Markdown explainers into a static site.
//!
//! The pipeline runs in one direction:
//! [`load`] finds and reads `content/**/*.md` →
//! [`front_matter`] splits, parses and validates each file's YAML into a
//! typed `Meta` (via [`yaml`] and [`doc`]; [`config`] does the same for
//! `site.yaml`) → [`markdown`] renders the body with the explainer
//! extensions (citations, key points, quotes, posts, callouts, annotations,
//! figures, links, code) → [`templates`] puts pages together with Tera →
//! [`site`] assembles the whole site in memory and writes it atomically.
//! Problems anywhere are [`diagnostics`]: values with a file, line and column.
//! [`cli`] is the command line on top; [`serve`] keeps the site in memory
//! and re-renders it as files change; [`scaffold`] writes new sites and
//! explainers; [`schema`] describes front matter for editors.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod doc;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod slug;
pub mod templates;
pub mod theme;
pub mod urls;
pub mod yaml;

#[cfg(test)]
mod proptests;
