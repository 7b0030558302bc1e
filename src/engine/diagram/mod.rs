//! The live architecture diagram: a self-contained SVG drawn from the design, in the
//! browser as the user edits and natively in tests.
//!
//! Everything on it comes from the config, so it draws whatever part of a design is
//! drawable — invalid CIDRs, odd subnet counts, NAT indices without a subnet, no services
//! or a thousand — and never panics. Every piece of user text goes through the XML writer
//! (`svg.rs`), which escapes it; text that would not fit its box is cut with an ellipsis
//! and keeps its full value in a `<title>` child. Widths are estimated by [`text_width`],
//! the one place that knows how wide a character is, so the layout (and the tests that
//! check it) never has two texts on top of each other.
//!
//! [`Layout`] (`layout.rs`) places every band and box once; `draw.rs` draws one band per
//! function, reading only the layout; `svg.rs` is the XML writer and the canvas.

use std::borrow::Cow;

use crate::engine::config::Config;

mod draw;
mod layout;
mod svg;

pub use draw::architecture_svg;
pub use layout::{layout, Layout, Rect};
use svg::Font;

/// Width of an ordinary character (digits, lowercase letters, most ASCII punctuation),
/// in em. [`char_width_em`] scales it for narrow, wide and capital letters.
pub const CHAR_WIDTH_EM: f64 = 0.64;
/// Bold text is this much wider than regular text.
pub const BOLD_WIDTH_FACTOR: f64 = 1.12;
/// How far a text reaches above its baseline, in em.
pub const ASCENT_EM: f64 = 0.93;
/// How far a text reaches below its baseline, in em.
pub const DESCENT_EM: f64 = 0.24;
/// A `<title>` keeps at most this many characters of a text cut to fit.
pub const MAX_TITLE_CHARS: usize = 1024;
/// Subnets drawn at most (a valid design has 6); the rest are counted in a note.
pub const MAX_DRAWN_SUBNETS: usize = 12;
/// Services drawn at most (a valid design has 25); the rest are counted in a note.
pub const MAX_DRAWN_SERVICES: usize = 50;

/// A conservative width, in em, of one character in a common sans-serif face (sized on
/// DejaVu Sans, the widest of the usual `system-ui` fonts).
pub fn char_width_em(c: char) -> f64 {
    match c {
        ' ' | '!' | '\'' | ',' | '.' | ':' | ';' | 'I' | 'i' | 'j' | 'l' | '|' | '`' | '·' => 0.42,
        'M' | 'W' | 'm' | 'w' | '@' | '%' | '&' | '#' | '+' | '<' | '=' | '>' | '~' | '^' | '…' => {
            1.0
        }
        'A'..='Z' => 0.8,
        '–' => CHAR_WIDTH_EM,
        c if c.is_ascii() => CHAR_WIDTH_EM,
        c if is_wide(c) => 1.3,
        _ => 1.0,
    }
}

/// The estimated width of `text` at `font_size` pixels.
pub fn text_width(text: &str, font_size: f64, bold: bool) -> f64 {
    let em: f64 = text.chars().map(char_width_em).sum();
    em * font_size * if bold { BOLD_WIDTH_FACTOR } else { 1.0 }
}

/// East Asian wide characters and emoji.
fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F000..=0x1FAFF
        | 0x20000..=0x3FFFD)
}

/// `text` cut to fit `max_width` with an ellipsis, or `None` if it fits as it is.
fn truncate(text: &str, max_width: f64, font: Font) -> Option<String> {
    let scale = font.size * if font.bold { BOLD_WIDTH_FACTOR } else { 1.0 };
    let ellipsis = char_width_em('…') * scale;
    let mut width = 0.0;
    let mut cut = None;
    for (at, c) in text.char_indices() {
        if width + ellipsis <= max_width {
            cut = Some(at);
        }
        width += char_width_em(c) * scale;
        if width > max_width {
            return Some(match cut {
                Some(at) => format!("{}…", text[..at].trim_end()),
                None => String::new(),
            });
        }
    }
    None
}

/// `text`, or its first [`MAX_TITLE_CHARS`] characters and an ellipsis.
fn capped(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_TITLE_CHARS) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// The diagram's text alternative: what it draws, in one sentence.
pub fn diagram_alt(config: &Config) -> String {
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let cloudfront = config
        .services
        .iter()
        .filter(|s| s.cloudfront.enabled)
        .count();
    format!(
        "Architecture diagram: the VPC {} in {} with {}, a Regional NAT Gateway and {} behind an internal load balancer, {} of them reached through CloudFront.",
        config.network.name,
        config.region,
        plural(config.network.subnets.len(), "private subnet", "private subnets"),
        plural(config.services.len(), "ECS Express Mode service", "ECS Express Mode services"),
        cloudfront
    )
}

#[cfg(test)]
mod tests {
    use super::svg::{BODY, HEAD};
    use super::*;

    #[test]
    fn truncation_fits_and_keeps_short_text() {
        assert_eq!(truncate("web", 100.0, BODY), None);
        let long = "a".repeat(128);
        let cut = truncate(&long, 150.0, HEAD).unwrap();
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, HEAD.size, true) <= 150.0);
        assert_eq!(truncate("abc", 1.0, BODY).as_deref(), Some(""));
    }

    #[test]
    fn the_diagram_alt_text_counts_what_is_drawn() {
        let alt = diagram_alt(&Config::default());
        assert!(alt.contains("ecs-express-vpc in ap-northeast-1"), "{alt}");
        assert!(alt.contains("3 private subnets"), "{alt}");
        assert!(alt.contains("2 ECS Express Mode services"), "{alt}");
        assert!(
            alt.contains("1 of them reached through CloudFront"),
            "{alt}"
        );
    }
}
