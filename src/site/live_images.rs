//! `serve`'s images ([`Pictures::Cached`]): a page shows an image as a
//! `<picture>` once every variant of it is in the cache, and its variants
//! are then served with it; the others are shown as they are, listed by
//! [`Live::pending_images`] for an encoder running off the edit's path,
//! and swapped in by [`Live::swap_in`] when it is done.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{Delta, Live, Plan};
use crate::diagnostics::Diagnostic;
use crate::site::images::{self, Cache, Pictures, Source};
use crate::site::sink::Sink;

impl Live {
    /// Publishes into `out` the variants of the images that the pages of
    /// these explainer files show and that are not served yet.
    pub(super) fn publish_ready(&mut self, pages: &[Arc<str>], out: &dyn Sink) {
        if self.site.options.pictures != Pictures::Cached {
            return;
        }
        let site = &self.site;
        let uses = pages
            .iter()
            .filter_map(|rel| Some((rel, self.written.get(rel)?)))
            .flat_map(|(rel, w)| w.facts.images.iter().map(move |i| (i.clone(), rel.clone())))
            .filter(|(i, _)| !site.images.is_pending(i) && !self.published.contains(i));
        let used = images::used(&site.images, uses);
        if used.is_empty() {
            return;
        }
        let cache = Cache::new(&site.root);
        let read = site.options.read_cache;
        match images::publish(&used, &site.config.images, &cache, read, out) {
            Ok((_, problems)) => self.fixed.extend(problems),
            Err(e) => self.fixed.push(Diagnostic::error(e.to_string())),
        }
        self.published.extend(used.into_keys());
    }

    /// The images pages show without their variants, with the explainer
    /// files that show each.
    pub fn pending_images(&self) -> BTreeMap<String, (Source, Vec<Arc<str>>)> {
        let registry = &self.site.images;
        let uses = self.written.iter().flat_map(|(rel, w)| {
            w.facts
                .images
                .iter()
                .filter(|i| registry.is_pending(i))
                .map(move |i| (i.clone(), rel.clone()))
        });
        images::used(registry, uses)
    }

    /// These images (site paths) have every variant in the cache now: the
    /// pages showing them render again, with their `<picture>`s, and the
    /// variants are published with them.
    pub fn swap_in(&mut self, ready: &[String]) -> Delta {
        let mut plan = Plan::default();
        for path in ready {
            if !self.site.images.is_pending(path) {
                continue;
            }
            self.site.images.ready(path);
            let showing = self
                .written
                .iter()
                .filter(|(_, w)| w.facts.images.contains(path));
            plan.render.extend(showing.map(|(rel, _)| rel.clone()));
        }
        self.render(plan, &mut |_| {})
    }
}
