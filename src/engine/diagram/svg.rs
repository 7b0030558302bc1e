//! The SVG writer: a tiny XML writer whose attribute names and tags are literals and whose
//! values and text are escaped, and the canvas's drawing primitives.

use std::fmt;

use super::layout::Rect;
use super::{capped, truncate, ASCENT_EM, DESCENT_EM};
use crate::engine::number_format::Hundredths as Num;

pub(super) struct Xml(pub(super) String);

/// An element being built: its tag and its escaped attributes.
pub(super) struct El {
    tag: &'static str,
    attrs: String,
}

pub(super) fn el(tag: &'static str) -> El {
    El {
        tag,
        attrs: String::new(),
    }
}

impl El {
    pub(super) fn a(mut self, name: &'static str, value: impl fmt::Display) -> El {
        self.attrs.push(' ');
        self.attrs.push_str(name);
        self.attrs.push_str("=\"");
        escape_into(&mut self.attrs, &value.to_string());
        self.attrs.push('"');
        self
    }

    pub(super) fn n(self, name: &'static str, value: f64) -> El {
        self.a(name, Num(value))
    }

    /// `x`, `y`, `width`, `height` of a rectangle.
    pub(super) fn xywh(self, x: f64, y: f64, w: f64, h: f64) -> El {
        self.n("x", x).n("y", y).n("width", w).n("height", h)
    }
}

impl Xml {
    pub(super) fn open(&mut self, e: El) {
        self.0.push('<');
        self.0.push_str(e.tag);
        self.0.push_str(&e.attrs);
        self.0.push('>');
    }

    pub(super) fn leaf(&mut self, e: El) {
        self.0.push('<');
        self.0.push_str(e.tag);
        self.0.push_str(&e.attrs);
        self.0.push_str("/>");
    }

    pub(super) fn close(&mut self, tag: &'static str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    pub(super) fn text(&mut self, text: &str) {
        escape_into(&mut self.0, text);
    }

    /// `<tag …>text</tag>`.
    pub(super) fn element(&mut self, e: El, text: &str) {
        let tag = e.tag;
        self.open(e);
        self.text(text);
        self.close(tag);
    }
}

/// Escapes XML's five special characters and replaces characters XML 1.0 cannot carry.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy)]
pub(super) struct Font {
    pub(super) size: f64,
    pub(super) bold: bool,
    pub(super) class: &'static str,
}

pub(super) const TITLE: Font = Font {
    size: 16.0,
    bold: true,
    class: "sd-ink",
};
pub(super) const HEAD: Font = Font {
    size: 12.0,
    bold: true,
    class: "sd-ink",
};
pub(super) const BODY: Font = Font {
    size: 11.0,
    bold: false,
    class: "sd-ink",
};
pub(super) const NOTE: Font = Font {
    size: 10.5,
    bold: false,
    class: "sd-dim",
};

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Anchor {
    Start,
    Middle,
    End,
}

pub(super) struct Canvas {
    pub(super) xml: Xml,
}

impl Canvas {
    /// A text at baseline `y`, cut to `max_width`.
    pub(super) fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        font: Font,
        max_width: f64,
        text: &str,
    ) {
        self.text_classed(x, y, anchor, font, font.class, max_width, text);
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn text_classed(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        font: Font,
        class: &str,
        max_width: f64,
        text: &str,
    ) {
        let mut e = el("text")
            .n("x", x)
            .n("y", y)
            .n("font-size", font.size)
            .a("class", class);
        if font.bold {
            e = e.a("font-weight", "bold");
        }
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => e = e.a("text-anchor", "middle"),
            Anchor::End => e = e.a("text-anchor", "end"),
        }
        match truncate(text, max_width.max(0.0), font) {
            None => self.xml.element(e, text),
            Some(short) => {
                self.xml.open(e);
                self.xml.element(el("title"), &capped(text));
                self.xml.text(&short);
                self.xml.close("text");
            }
        }
    }

    pub(super) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, rx: f64, class: &str) {
        self.xml
            .leaf(el("rect").xywh(x, y, w, h).n("rx", rx).a("class", class));
    }

    /// The rectangle `r` with corners rounded by `rx`.
    pub(super) fn frame(&mut self, r: Rect, rx: f64, class: &str) {
        self.rect(r.x, r.y, r.w, r.h, rx, class);
    }

    /// A polyline, with an arrowhead at its end if `marker` names one.
    pub(super) fn line(&mut self, points: &[(f64, f64)], class: &str, marker: Option<&str>) {
        let mut list = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            if i > 0 {
                list.push(' ');
            }
            list.push_str(&format!("{},{}", Num(*x), Num(*y)));
        }
        let mut e = el("polyline").a("points", list).a("class", class);
        if let Some(id) = marker {
            e = e.a("marker-end", format!("url(#{id})"));
        }
        self.xml.leaf(e);
    }

    /// A group for one labelled part of the diagram; `role` lets tests count the parts.
    pub(super) fn group(&mut self, role: &str) {
        self.xml.open(el("g").a("data-role", role));
    }

    pub(super) fn end_group(&mut self) {
        self.xml.close("g");
    }

    /// A box: group, rectangle, then its lines of text (centred when `centred`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn boxed(
        &mut self,
        role: &str,
        Rect { x, y, w, h }: Rect,
        class: &str,
        centred: bool,
        first_baseline: f64,
        lines: &[(Font, &str)],
    ) {
        self.group(role);
        self.rect(x, y, w, h, 6.0, class);
        let mut baseline = y + first_baseline;
        let mut previous: Option<Font> = None;
        for (font, text) in lines {
            if let Some(p) = previous {
                baseline += line_gap(p, *font);
            }
            if centred {
                self.text(x + w / 2.0, baseline, Anchor::Middle, *font, w - 16.0, text);
            } else {
                self.text(x + 10.0, baseline, Anchor::Start, *font, w - 20.0, text);
            }
            previous = Some(*font);
        }
        self.end_group();
    }
}

/// Baseline distance between two lines of text, with room to spare.
fn line_gap(above: Font, below: Font) -> f64 {
    (DESCENT_EM * above.size + ASCENT_EM * below.size + 2.5).ceil()
}

pub(super) const STYLE: &str = "\
text{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
.sd-ink{fill:#16191f}.sd-accent{fill:#b54e00}.sd-dim{fill:#545b64}.sd-warn{fill:#d13212}.sd-white{fill:#fff}\
.sd-bg{fill:#fff;stroke:#d5dbdb}\
.sd-region{fill:none;stroke:#00a4a6;stroke-width:1.5;stroke-dasharray:6 4}\
.sd-vpc{fill:#f5faf3;stroke:#248814;stroke-width:2}\
.sd-az{fill:none;stroke:#7aa7cc;stroke-width:1.2;stroke-dasharray:5 4}\
.sd-subnet{fill:#e6f2f8;stroke:#147eba;stroke-width:1.2}\
.sd-cf{fill:#faf7ff;stroke:#8c4fff;stroke-width:1.5}\
.sd-dist{fill:#efe5ff;stroke:#8c4fff;stroke-width:1.2}\
.sd-net{fill:#fff;stroke:#8c4fff;stroke-width:1.5}\
.sd-nat{fill:#fff;fill-opacity:.92;stroke:#8c4fff;stroke-width:1.5}\
.sd-eip{fill:#8c4fff}\
.sd-ecs{fill:#fff6ec;stroke:#ed7100;stroke-width:1.2;stroke-dasharray:6 3}\
.sd-svc{fill:#fff;stroke:#ed7100;stroke-width:1.5}\
.sd-svc0{fill:#ffe9d1;stroke:#ed7100;stroke-width:2.5}\
.sd-s3{fill:#fff;stroke:#7aa116;stroke-width:1.5}\
.sd-ddb{fill:#fff;stroke:#c925d1;stroke-width:1.5}\
.sd-inet{fill:#fff;stroke:#545b64;stroke-width:1.5}\
.sd-req{fill:none;stroke:#8c4fff;stroke-width:1.6}\
.sd-out{fill:none;stroke:#545b64;stroke-width:1.4;stroke-dasharray:5 4}\
.sd-route{fill:none;stroke:#7aa116;stroke-width:1.4;stroke-dasharray:2 3}\
.sd-head-req{fill:#8c4fff}.sd-head-out{fill:#545b64}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_control_characters() {
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\">&'\u{1}\u{FFFF}");
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}\u{FFFD}"
        );
    }
}
