//! A social card's SVG (`card.svg`): its text laid out by the site stage
//! (which measures it with the card's fonts), the rest the template's.

use serde::Serialize;
use tera::Context;

use super::Templates;
use crate::diagnostics::Diagnostic;

/// A line of text on the card, at its baseline.
#[derive(Clone, Debug, Serialize)]
pub struct CardLine {
    /// The words.
    pub text: String,
    /// The baseline's y, in pixels.
    pub y: u32,
}

/// What `card.svg` sees as `card`.
#[derive(Clone, Debug, Serialize)]
pub struct CardView {
    /// The site's name (in the explainer's language).
    pub site: String,
    /// The headline's lines, and their font size.
    pub headline: Vec<CardLine>,
    /// Font size of the headline, in pixels.
    pub headline_size: u32,
    /// The standfirst's lines (as many as fit).
    pub dek: Vec<CardLine>,
    /// Font size of the standfirst.
    pub dek_size: u32,
    /// The date, in the explainer's language.
    pub date: String,
    /// `Updated`, `Correction`, or nothing.
    pub badge: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: &'static str,
    /// Right to left (text anchored at its end).
    pub rtl: bool,
    /// Where lines start: the left margin, or the right one right to left.
    pub x: u32,
    /// Where the badge ends (the other margin).
    pub badge_x: u32,
}

impl Templates {
    /// The SVG of a social card, in language `lang`.
    pub fn card_svg(&self, lang: usize, card: &CardView) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("card", card);
        self.render(lang, "card.svg", &ctx)
    }
}
