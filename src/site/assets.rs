//! The site's files besides its pages and lists: static files (raster
//! images without their metadata), bundle files, the highlighting
//! stylesheet, `.nojekyll` and `CNAME`.

use rayon::prelude::*;

use super::images::{Cache, original};
use super::model::Site;
use super::page::StaticSource;
use super::sink::{IoError, Sink};
use crate::diagnostics::Diagnostic;
use crate::markdown::highlight;

/// A file of `static/` or of a bundle: a raster image without its
/// metadata, anything else as it is.
fn publish_file(
    (site, cache): (&Site, &Cache),
    path: &str,
    from: &std::path::Path,
    out: &dyn Sink,
) -> Result<(), IoError> {
    let cache = (cache, site.options.read_cache);
    match original(&site.images, path, site.config.images.quality, cache, out) {
        Some(made) => made.publish(path, out),
        None => out.copy(path, from),
    }
}

/// Static files, the highlighting stylesheet, `.nojekyll` and `CNAME`;
/// returns how many files, and the problems (a bad highlight theme).
pub(super) fn write_assets(
    site: &Site,
    cache: &Cache,
    out: &dyn Sink,
) -> Result<(usize, Vec<Diagnostic>), IoError> {
    let mut count = 0;
    let mut problems = Vec::new();
    if !site.statics.contains_key("syntax.css") {
        match highlight::stylesheet(&site.config.highlight_theme, highlight::DARK_THEME) {
            Ok(css) => {
                out.write("syntax.css", css.as_bytes())?;
                count += 1;
            }
            Err(e) => problems.push(
                site.config
                    .error_at_key("highlight_theme", format!("bad `highlight_theme`: {e}")),
            ),
        }
    }
    let statics: Vec<_> = site.statics.iter().collect();
    statics
        .par_iter()
        .try_for_each(|(path, source)| match source {
            StaticSource::BuiltIn(bytes) => out.write(path, bytes),
            StaticSource::Disk(from) => publish_file((site, cache), path, from, out),
        })?;
    count += statics.len();
    // The files of page bundles, beside their pages.
    let bundled: Vec<(String, &std::path::Path)> = site
        .pages
        .iter()
        .filter_map(|p| Some((p, p.bundle.as_ref()?)))
        .flat_map(|(p, b)| {
            b.files
                .iter()
                .map(move |f| (format!("{}/{}", p.slug, f.name), f.path.as_path()))
        })
        .collect();
    bundled
        .par_iter()
        .try_for_each(|(path, from)| publish_file((site, cache), path, from, out))?;
    count += bundled.len();
    if !site.statics.contains_key(".nojekyll") {
        out.write(".nojekyll", b"")?;
        count += 1;
    }
    if let Some(cname) = &site.config.cname
        && !site.statics.contains_key("CNAME")
    {
        out.write("CNAME", format!("{cname}\n").as_bytes())?;
        count += 1;
    }
    Ok((count, problems))
}
