//! lede turns a folder of Markdown explainers into a static site.
//!
//! The pipeline runs in one direction, each module a stage that uses only
//! the ones before it (`tests/architecture.rs` checks it):
//! [`load`] finds the site's sources on disk (one walker) →
//! [`config`] validates `site.yaml` and [`front_matter`] each explainer's
//! YAML into a typed `Meta` (via [`yaml`] and [`doc`]) → [`markdown`]
//! renders the body with the explainer extensions (citations, key points,
//! quotes, posts, callouts, annotations, figures, links, code) →
//! [`templates`] renders components, pages and lists with Tera →
//! [`site`] assembles the whole site in memory and writes it atomically.
//! Problems anywhere are [`diagnostics`]: values with a file, line and
//! column; [`suggest`] finds the "did you mean". [`cli`] is the command
//! line on top; [`serve`] keeps the site in memory and re-renders it as
//! files change; [`scaffold`] writes new sites and explainers; [`schema`]
//! describes front matter for editors. `docs/architecture.md` follows one
//! explainer through every stage.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod config;
pub mod date;
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
pub mod suggest;
pub mod templates;
pub mod theme;
pub mod urls;
pub mod yaml;

#[cfg(test)]
mod proptests;
