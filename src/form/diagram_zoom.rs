//! The diagram's zoom: the scale at which its smallest label is readable, and the steps
//! of the zoom buttons and keys. The diagram is an SVG whose labels carry `font-size`
//! attributes in its own units, drawn at `width` units wide.

/// The smallest label size, in CSS pixels, the page shows by default.
pub const READABLE_PX: f64 = 9.0;
pub const MIN_ZOOM: f64 = 0.1;
pub const MAX_ZOOM: f64 = 4.0;
/// Each zoom step multiplies or divides the scale by this.
pub const STEP: f64 = 1.25;

/// A plain decimal such as `10.5` or `1234` (at most 3 decimals), read without the
/// float parser: the wasm never links it (BENCHMARKS.md, "Size rules").
pub fn parse_decimal(text: &str) -> Option<f64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || fraction.len() > 3 {
        return None;
    }
    let mut whole_part: u64 = 0;
    for b in whole.bytes() {
        whole_part = whole_part.checked_mul(10)?.checked_add(digit(b)?)?;
    }
    let mut frac: u64 = 0;
    for b in fraction.bytes() {
        frac = frac * 10 + digit(b)?;
    }
    let frac = frac * 10u64.pow(3 - fraction.len() as u32);
    Some(whole_part.checked_mul(1000)?.checked_add(frac)? as f64 / 1000.0)
}

fn digit(b: u8) -> Option<u64> {
    b.is_ascii_digit().then(|| u64::from(b - b'0'))
}

/// `value` with one decimal ("642.9"), written without the float formatter.
pub fn one_decimal(value: f64) -> String {
    let tenths = (value * 10.0).round().max(0.0) as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The smallest `font-size="…"` in the SVG markup (its units), if any.
pub fn min_font_size(svg: &str) -> Option<f64> {
    svg.split("font-size=\"")
        .skip(1)
        .filter_map(|rest| parse_decimal(rest.split('"').next()?))
        .filter(|size| *size > 0.0)
        .min_by(f64::total_cmp)
}

/// The SVG's `width="…"` attribute (its natural width in CSS pixels).
pub fn svg_width(svg: &str) -> Option<f64> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    tag.split(" width=\"")
        .nth(1)?
        .split('"')
        .next()
        .and_then(parse_decimal)
}

/// The scale that fits `width` into `container` pixels.
pub fn fit_zoom(width: f64, container: f64) -> f64 {
    if width <= 0.0 || container <= 0.0 {
        return 1.0;
    }
    (container / width).clamp(MIN_ZOOM, MAX_ZOOM)
}

/// The scale the diagram opens at: fitted to the container, unless that would draw the
/// smallest label below [`READABLE_PX`]; then just large enough for it (and the diagram
/// is panned).
pub fn readable_zoom(width: f64, min_font: Option<f64>, container: f64) -> f64 {
    let fit = fit_zoom(width, container);
    match min_font {
        Some(font) if font * fit < READABLE_PX => (READABLE_PX / font).clamp(MIN_ZOOM, MAX_ZOOM),
        _ => fit,
    }
}

/// One step in (`true`) or out from `zoom`.
pub fn step(zoom: f64, zoom_in: bool) -> f64 {
    let next = if zoom_in { zoom * STEP } else { zoom / STEP };
    next.clamp(MIN_ZOOM, MAX_ZOOM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::diagram::architecture_svg;

    #[test]
    fn the_default_diagram_opens_with_every_label_at_least_nine_pixels() {
        let svg = architecture_svg(&Config::default());
        let width = svg_width(&svg).expect("a width");
        let font = min_font_size(&svg).expect("labels");
        // The output column is about 560 px wide at a 1280 px window.
        for container in [300.0, 560.0, 1200.0] {
            let zoom = readable_zoom(width, Some(font), container);
            assert!(
                font * zoom >= READABLE_PX - 1e-9,
                "{container}: {}",
                font * zoom
            );
        }
    }

    #[test]
    fn a_diagram_readable_when_fitted_is_fitted() {
        assert_eq!(readable_zoom(500.0, Some(12.0), 1000.0), 2.0);
        assert_eq!(readable_zoom(1000.0, Some(10.0), 500.0), 0.9);
        assert_eq!(readable_zoom(1000.0, None, 500.0), 0.5);
    }

    #[test]
    fn sizes_are_read_from_the_markup() {
        let svg = r#"<svg xmlns="x" viewBox="0 0 800 600" width="800" height="600"><text font-size="12">a</text><text font-size="10.5">b</text></svg>"#;
        assert_eq!(svg_width(svg), Some(800.0));
        assert_eq!(min_font_size(svg), Some(10.5));
        assert_eq!(min_font_size("<svg></svg>"), None);
    }

    #[test]
    fn decimals_are_read_and_written_without_the_float_parser() {
        assert_eq!(parse_decimal("10.5"), Some(10.5));
        assert_eq!(parse_decimal("1234"), Some(1234.0));
        assert_eq!(parse_decimal("0.125"), Some(0.125));
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal(".5"), None);
        assert_eq!(parse_decimal("1.2345"), None);
        assert_eq!(one_decimal(642.94), "642.9");
        assert_eq!(one_decimal(7.0), "7.0");
    }

    #[test]
    fn steps_stay_in_range() {
        assert_eq!(step(1.0, true), 1.25);
        assert_eq!(step(1.25, false), 1.0);
        assert_eq!(step(MAX_ZOOM, true), MAX_ZOOM);
        assert_eq!(step(MIN_ZOOM, false), MIN_ZOOM);
    }
}
