//! The diagram's zoom, and how the diagram behaves in the page (a careful diagram in a
//! page of text, as a map embedded in an article behaves):
//! - A plain wheel scrolls the page, never the diagram's box: the box is as tall as the
//!   drawn diagram, so it never scrolls up and down, and its page never stops scrolling
//!   under the pointer. A diagram wider than its box pans sideways: by dragging it, a
//!   sideways scroll or swipe, its scrollbar or the arrow keys; shadows at the box's edges
//!   and a grab cursor say there is more.
//! - Ctrl+wheel, ⌘+wheel and a trackpad's pinch (which browsers send as a wheel with
//!   `ctrlKey`) zoom around the pointer; only these wheels are kept from the browser.
//! - No scale shows a label below [`READABLE_PX`]: the default and Fit fit the box's
//!   width down to that floor and pan beyond it; zooming out stops there.
//!
//! The diagram is an SVG whose labels carry `font-size` attributes in its own units,
//! drawn at `width` units wide.

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

/// The smallest scale at which the smallest label is [`READABLE_PX`]: no preset, step or
/// wheel goes below it (a diagram with no labels may go down to [`MIN_ZOOM`]).
pub fn readable_floor(min_font: Option<f64>) -> f64 {
    match min_font {
        Some(font) => (READABLE_PX / font).clamp(MIN_ZOOM, MAX_ZOOM),
        None => MIN_ZOOM,
    }
}

/// `zoom` kept between the readable floor and [`MAX_ZOOM`].
pub fn clamp_zoom(zoom: f64, min_font: Option<f64>) -> f64 {
    // Not `f64::clamp`: its check of a bound not known when compiling links the float
    // printer into the wasm (BENCHMARKS.md, "Size rules").
    zoom.max(readable_floor(min_font)).min(MAX_ZOOM)
}

/// The scale the diagram opens at and Fit returns to: `width` fitted to `container`
/// pixels, but never below the readable floor. A diagram wider than its box at the floor
/// pans sideways in its box instead of shrinking its labels below [`READABLE_PX`].
pub fn readable_zoom(width: f64, min_font: Option<f64>, container: f64) -> f64 {
    if width <= 0.0 || container <= 0.0 {
        return clamp_zoom(1.0, min_font);
    }
    clamp_zoom(container / width, min_font)
}

/// Whether a diagram `width` units wide at `zoom` is wider than its `container` (and
/// pans): half a pixel of rounding is not.
pub fn pans(width: f64, zoom: f64, container: f64) -> bool {
    width * zoom > container + 0.5
}

/// One step in (`true`) or out from `zoom`.
pub fn step(zoom: f64, zoom_in: bool, min_font: Option<f64>) -> f64 {
    let next = if zoom_in { zoom * STEP } else { zoom / STEP };
    clamp_zoom(next, min_font)
}

/// A wheel's `deltaMode`: pixels, lines or pages.
pub const DELTA_LINE: u32 = 1;
pub const DELTA_PAGE: u32 = 2;
/// A mouse wheel's notch, in pixels, as Chrome reports it; Firefox's is 3 lines.
pub const NOTCH_PX: f64 = 100.0;

/// A wheel's `deltaY` in pixels.
pub fn wheel_pixels(delta: f64, mode: u32) -> f64 {
    match mode {
        DELTA_LINE => delta * NOTCH_PX / 3.0,
        DELTA_PAGE => delta * 8.0 * NOTCH_PX,
        _ => delta,
    }
}

/// The scale after a Ctrl+wheel (or a pinch, which browsers send as one) of `delta`
/// pixels: a notch up is one [`STEP`] in, a notch down one step out, and a pinch's small
/// deltas zoom as little as they move; more than a notch at once counts as one.
pub fn wheel_zoom(zoom: f64, delta: f64, min_font: Option<f64>) -> f64 {
    let factor = 1.0 + (STEP - 1.0) * (delta.abs().min(NOTCH_PX) / NOTCH_PX);
    let next = if delta < 0.0 {
        zoom * factor
    } else {
        zoom / factor
    };
    clamp_zoom(next, min_font)
}

/// How far to scroll so that the point `offset` pixels from the image's edge stays under
/// the pointer when the scale goes from `from` to `to`.
pub fn shift_to_keep(offset: f64, from: f64, to: f64) -> f64 {
    if from <= 0.0 {
        return 0.0;
    }
    offset * (to / from - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::{Config, Service};
    use crate::engine::diagram::architecture_svg;

    /// 9 px over the engine's smallest label, 10.5: 90 / 105 = 6 / 7.
    const FLOOR_10_5: f64 = 6.0 / 7.0;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_floor_draws_the_smallest_label_at_nine_pixels() {
        assert!(close(readable_floor(Some(10.5)), FLOOR_10_5));
        assert_eq!(readable_floor(Some(12.0)), 0.75);
        assert_eq!(readable_floor(Some(9.0)), 1.0);
        // Labels of 2 would need 4.5: the largest zoom is 4.
        assert_eq!(readable_floor(Some(2.0)), MAX_ZOOM);
        assert_eq!(readable_floor(None), MIN_ZOOM);
    }

    #[test]
    fn the_default_and_fit_fit_the_width_down_to_the_floor() {
        // The default design: 1004 units wide, labels of 10.5 and more. A 520 px box
        // (1280 px window) would fit it at 0.518, labels of 5.4 px: it opens at 6/7 and
        // pans (1004 * 6/7 = 860.6 px in 520).
        let zoom = readable_zoom(1004.0, Some(10.5), 520.0);
        assert!(close(zoom, FLOOR_10_5));
        assert!(pans(1004.0, zoom, 520.0));
        // In a box 1000 px wide it fits: 1000 / 1004 = 0.996, above the floor.
        assert!(close(
            readable_zoom(1004.0, Some(10.5), 1000.0),
            1000.0 / 1004.0
        ));
        assert!(!pans(1004.0, 1000.0 / 1004.0, 1000.0));
        assert_eq!(readable_zoom(500.0, Some(12.0), 1000.0), 2.0);
        assert_eq!(readable_zoom(1000.0, Some(10.0), 500.0), 0.9);
        assert_eq!(readable_zoom(1000.0, None, 500.0), 0.5);
        assert_eq!(readable_zoom(100.0, None, 1000.0), MAX_ZOOM);
        // Not drawn yet: actual size.
        assert_eq!(readable_zoom(0.0, None, 500.0), 1.0);
    }

    #[test]
    fn no_preset_of_the_default_design_or_of_twelve_services_draws_a_label_below_nine_pixels() {
        let many = Config {
            services: (0..12)
                .map(|i| Service {
                    name: format!("service-{i}"),
                    ..Service::example(3)
                })
                .collect(),
            ..Config::default()
        };
        for config in [Config::default(), many] {
            let svg = architecture_svg(&config);
            let width = svg_width(&svg).expect("a width");
            let font = min_font_size(&svg);
            let smallest = font.expect("labels");
            // 339 px: the box at a 390 px phone; 520 px at 1280 px; 1200 px a wide one.
            for container in [339.0, 520.0, 1200.0] {
                let default = readable_zoom(width, font, container);
                let mut presets = vec![default, clamp_zoom(1.0, font)];
                let mut out = default;
                for _ in 0..30 {
                    out = step(out, false, font);
                    presets.push(out);
                    presets.push(wheel_zoom(out, NOTCH_PX, font));
                }
                for zoom in presets {
                    assert!(smallest * zoom >= READABLE_PX - 1e-9, "{container}: {zoom}");
                }
            }
        }
    }

    #[test]
    fn steps_stop_at_the_floor_and_the_largest_zoom() {
        assert_eq!(step(1.0, true, Some(10.5)), 1.25);
        assert_eq!(step(1.25, false, Some(10.5)), 1.0);
        // 1 / 1.25 = 0.8 is below 6/7.
        assert!(close(step(1.0, false, Some(10.5)), FLOOR_10_5));
        assert!(close(step(FLOOR_10_5, false, Some(10.5)), FLOOR_10_5));
        assert_eq!(step(MAX_ZOOM, true, Some(10.5)), MAX_ZOOM);
        assert_eq!(step(MIN_ZOOM, false, None), MIN_ZOOM);
        assert_eq!(clamp_zoom(0.5, Some(12.0)), 0.75);
        assert_eq!(clamp_zoom(9.0, Some(12.0)), MAX_ZOOM);
    }

    #[test]
    fn a_wheel_notch_is_one_step_and_a_pinch_zooms_as_little_as_it_moves() {
        // Chrome's notch: 100 px up is 1.25, down is 1 / 1.25.
        assert_eq!(wheel_zoom(1.0, -100.0, None), 1.25);
        assert_eq!(wheel_zoom(1.25, 100.0, None), 1.0);
        // Firefox's notch: 3 lines.
        assert_eq!(wheel_pixels(3.0, DELTA_LINE), 100.0);
        assert_eq!(wheel_pixels(-1.0, DELTA_PAGE), -800.0);
        assert_eq!(wheel_pixels(-7.5, 0), -7.5);
        // A pinch's 10 px: 1 + 0.25 * 10 / 100 = 1.025.
        assert!(close(wheel_zoom(1.0, -10.0, None), 1.025));
        assert!(close(wheel_zoom(1.0, 50.0, None), 1.0 / 1.125));
        // More than a notch at once is one notch.
        assert_eq!(wheel_zoom(1.0, -300.0, None), 1.25);
        // 0.9 / 1.25 = 0.72 is below the floor of 10.5 px labels.
        assert!(close(wheel_zoom(0.9, 100.0, Some(10.5)), FLOOR_10_5));
        assert_eq!(wheel_zoom(3.5, -100.0, None), MAX_ZOOM);
    }

    #[test]
    fn the_point_under_the_pointer_stays_there() {
        // 200 px into the image at 1.0 is 250 px into it at 1.25: scroll 50 px on.
        assert_eq!(shift_to_keep(200.0, 1.0, 1.25), 50.0);
        // 300 px into it at 1.5 is 200 px at 1.0: scroll 100 px back.
        assert!(close(shift_to_keep(300.0, 1.5, 1.0), -100.0));
        assert_eq!(shift_to_keep(0.0, 1.0, 2.0), 0.0);
        assert_eq!(shift_to_keep(100.0, 0.0, 2.0), 0.0);
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
}
