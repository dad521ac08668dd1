//! The files beside the pages: the assets, the images the pages use and
//! the social cards, written while the lists are (see
//! [`super::render::render_site`]).

use std::time::Instant;

use super::Timings;
use super::assets::write_assets;
use super::model::Site;
use super::page::Written;
use super::sink::{IoError, Sink};
use crate::diagnostics::Diagnostic;

/// The files beside the pages: what [`write_media`] wrote.
pub(super) struct Media {
    pub(super) files: usize,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) images: super::images::ImageReport,
    pub(super) timings: Timings,
}

/// Writes the assets, the images the pages use and the social cards, and
/// saves the image cache's list.
pub(super) fn write_media(
    site: &Site,
    written: &[Written],
    cache: &super::images::Cache,
    sink: &dyn Sink,
) -> Result<Media, IoError> {
    let mut timings = Timings::default();
    let lap = Instant::now();
    let (mut files, mut problems) = write_assets(site, cache, sink)?;
    let lap = timings.lap("assets", lap);
    let used = super::images::used(
        &site.images,
        written.iter().zip(&site.pages).flat_map(|(w, p)| {
            w.facts
                .images
                .iter()
                .map(move |i| (i.clone(), p.file.rel.clone()))
        }),
    );
    let (images, more) = super::images::publish(
        &used,
        &site.config.images,
        cache,
        site.options.read_cache,
        sink,
    )?;
    files += images.encoded + images.reused;
    problems.extend(more);
    let lap = timings.lap("images", lap);
    let (cards, more) = super::cards::write_cards(site, cache, sink)?;
    files += cards.encoded + cards.reused;
    problems.extend(more);
    cache.save();
    timings.lap("cards", lap);
    Ok(Media {
        files,
        problems,
        images: super::images::ImageReport {
            encoded: images.encoded + cards.encoded,
            reused: images.reused + cards.reused,
        },
        timings,
    })
}
