//! The live architecture diagram: a self-contained SVG drawn from the design, in the
//! browser as the user edits and natively in tests.
//!
//! Everything on it comes from the config, so it draws whatever part of a design is
//! drawable — invalid CIDRs, odd subnet counts, NAT indices without a subnet, no services
//! or a thousand — and never panics. Every piece of user text goes through [`Xml`], which
//! escapes it; text that would not fit its box is cut with an ellipsis and keeps its full
//! value in a `<title>` child. Widths are estimated by [`text_width`], the one place that
//! knows how wide a character is, so the layout (and the tests that check it) never has
//! two texts on top of each other.

use std::borrow::Cow;
use std::fmt;

use crate::cidr;
use crate::config::{Config, GatewayEndpoint, Nat, Service, Waf};
use crate::format::{thousands, Hundredths as Num};
use crate::names;
use crate::regions;

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

// ---------------------------------------------------------------------------------------
// A tiny XML writer: attribute names and tags are literals; values and text are escaped.

struct Xml(String);

/// An element being built: its tag and its escaped attributes.
struct El {
    tag: &'static str,
    attrs: String,
}

fn el(tag: &'static str) -> El {
    El {
        tag,
        attrs: String::new(),
    }
}

impl El {
    fn a(mut self, name: &'static str, value: impl fmt::Display) -> El {
        self.attrs.push(' ');
        self.attrs.push_str(name);
        self.attrs.push_str("=\"");
        escape_into(&mut self.attrs, &value.to_string());
        self.attrs.push('"');
        self
    }

    fn n(self, name: &'static str, value: f64) -> El {
        self.a(name, Num(value))
    }

    /// `x`, `y`, `width`, `height` of a rectangle.
    fn xywh(self, x: f64, y: f64, w: f64, h: f64) -> El {
        self.n("x", x).n("y", y).n("width", w).n("height", h)
    }
}

impl Xml {
    fn open(&mut self, e: El) {
        self.0.push('<');
        self.0.push_str(e.tag);
        self.0.push_str(&e.attrs);
        self.0.push('>');
    }

    fn leaf(&mut self, e: El) {
        self.0.push('<');
        self.0.push_str(e.tag);
        self.0.push_str(&e.attrs);
        self.0.push_str("/>");
    }

    fn close(&mut self, tag: &'static str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    fn text(&mut self, text: &str) {
        escape_into(&mut self.0, text);
    }

    /// `<tag …>text</tag>`.
    fn element(&mut self, e: El, text: &str) {
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

// ---------------------------------------------------------------------------------------
// Drawing primitives.

#[derive(Clone, Copy)]
struct Font {
    size: f64,
    bold: bool,
    class: &'static str,
}

const TITLE: Font = Font {
    size: 16.0,
    bold: true,
    class: "sd-ink",
};
const HEAD: Font = Font {
    size: 12.0,
    bold: true,
    class: "sd-ink",
};
const BODY: Font = Font {
    size: 11.0,
    bold: false,
    class: "sd-ink",
};
const NOTE: Font = Font {
    size: 10.5,
    bold: false,
    class: "sd-dim",
};

#[derive(Clone, Copy, PartialEq)]
enum Anchor {
    Start,
    Middle,
    End,
}

struct Canvas {
    xml: Xml,
}

impl Canvas {
    /// A text at baseline `y`, cut to `max_width`.
    fn text(&mut self, x: f64, y: f64, anchor: Anchor, font: Font, max_width: f64, text: &str) {
        self.text_classed(x, y, anchor, font, font.class, max_width, text);
    }

    #[allow(clippy::too_many_arguments)]
    fn text_classed(
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

    fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, rx: f64, class: &str) {
        self.xml
            .leaf(el("rect").xywh(x, y, w, h).n("rx", rx).a("class", class));
    }

    /// A polyline, with an arrowhead at its end if `marker` names one.
    fn line(&mut self, points: &[(f64, f64)], class: &str, marker: Option<&str>) {
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
    fn group(&mut self, role: &str) {
        self.xml.open(el("g").a("data-role", role));
    }

    fn end_group(&mut self) {
        self.xml.close("g");
    }

    /// A box: group, rectangle, then its lines of text (centred when `centred`).
    #[allow(clippy::too_many_arguments)]
    fn boxed(
        &mut self,
        role: &str,
        (x, y, w, h): (f64, f64, f64, f64),
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

// ---------------------------------------------------------------------------------------
// Layout.

const PAD: f64 = 20.0;
const GROUP_PAD: f64 = 16.0;
const COL_W: f64 = 224.0;
const COL_GAP: f64 = 16.0;
const LANE_W: f64 = 176.0;
const LANE_H: f64 = 40.0;
const INET_W: f64 = 160.0;
const BOX_H: f64 = 44.0;
const ARROW: f64 = 28.0;
const SVC_W: f64 = 190.0;
const SVC_H: f64 = 80.0;
const DIST_W: f64 = 250.0;
const DIST_H: f64 = 46.0;
const GRID_GAP: f64 = 12.0;

/// Boxes of one size wrapped into rows across a width.
struct Grid {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    per_row: usize,
    count: usize,
}

impl Grid {
    /// As many boxes of at least `min_w` as fit a row, stretched to fill it.
    fn new(x: f64, y: f64, inner_width: f64, (min_w, h): (f64, f64), count: usize) -> Grid {
        let per_row = (((inner_width + GRID_GAP) / (min_w + GRID_GAP)).floor() as usize).max(1);
        let w = ((inner_width - GRID_GAP * (per_row - 1) as f64) / per_row as f64).max(min_w);
        Grid {
            x,
            y,
            w,
            h,
            per_row,
            count,
        }
    }

    fn height(&self) -> f64 {
        let rows = self.count.div_ceil(self.per_row);
        if rows == 0 {
            0.0
        } else {
            rows as f64 * (self.h + GRID_GAP) - GRID_GAP
        }
    }

    fn cell(&self, i: usize) -> (f64, f64, f64, f64) {
        let (row, col) = (i / self.per_row, i % self.per_row);
        (
            self.x + col as f64 * (self.w + GRID_GAP),
            self.y + row as f64 * (self.h + GRID_GAP),
            self.w,
            self.h,
        )
    }
}

const STYLE: &str = "\
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

/// The design as an SVG document: the internet, CloudFront, the region, the VPC with
/// one column per Availability Zone, the internal ALB, the services, the Regional NAT
/// Gateway and the gateways at the VPC's edge, with the request and egress paths.
pub fn architecture_svg(config: &Config) -> String {
    let net = &config.network;
    let region = regions::find(&config.region);
    let subnet_count = net.subnets.len().min(MAX_DRAWN_SUBNETS);
    let services = &config.services[..config.services.len().min(MAX_DRAWN_SERVICES)];
    let distributions: Vec<&Service> = services.iter().filter(|s| s.cloudfront.enabled).collect();
    let mut endpoints: Vec<GatewayEndpoint> = Vec::new();
    for endpoint in &net.gateway_endpoints {
        if !endpoints.contains(endpoint) {
            endpoints.push(*endpoint);
        }
    }

    // Columns, left to right: region, VPC, AZ columns, then the lane of gateways that
    // sit on the VPC's right edge, then the egress path up to the internet.
    let slots = subnet_count.max(2);
    let region_l = PAD;
    let vpc_l = region_l + GROUP_PAD;
    let area_l = vpc_l + GROUP_PAD;
    let area_w = slots as f64 * COL_W + (slots - 1) as f64 * COL_GAP;
    let area_r = area_l + area_w;
    let vpc_r = area_r + LANE_W / 2.0 + GROUP_PAD;
    let lane_l = vpc_r - LANE_W / 2.0;
    let region_r = vpc_r + LANE_W / 2.0 + GROUP_PAD;
    let egress_x = region_r + 20.0;
    let width = egress_x + PAD;
    // The request path runs down the gap between the first two AZ columns.
    let spine = area_l + COL_W + COL_GAP / 2.0;
    let col_x = |i: usize| area_l + i as f64 * (COL_W + COL_GAP);
    let band_l = area_l + 8.0;
    let band_w = area_w - 16.0;

    // Rows, top to bottom.
    let inet_top = PAD + 30.0;
    let cf_top = inet_top + BOX_H + ARROW;
    let cf_grid = Grid::new(
        region_l + 12.0,
        cf_top + 32.0,
        region_r - region_l - 24.0,
        (DIST_W, DIST_H),
        distributions.len(),
    );
    let cf_bottom = cf_top + 32.0 + cf_grid.height().max(16.0) + 14.0;
    let region_top = cf_bottom + ARROW;
    let vpc_top = region_top + 46.0;
    let col_top = vpc_top + 48.0;
    let sub_top = col_top + 42.0;
    let origin_top = sub_top + 72.0;
    let alb_top = origin_top + BOX_H + 24.0;
    let group_top = alb_top + BOX_H + 24.0;
    let svc_grid = Grid::new(
        band_l + 12.0,
        group_top + 32.0,
        band_w - 24.0,
        (SVC_W, SVC_H),
        services.len(),
    );
    let lane_items = endpoints.len() + usize::from(net.ipv6);
    let lane_needed = lane_items as f64 * (LANE_H + 10.0) + 6.0;
    let group_bottom =
        (group_top + 32.0 + svc_grid.height().max(16.0) + 14.0).max(group_top + lane_needed);
    let sub_bottom = group_bottom + 14.0;
    let nat_top = sub_bottom + 16.0;
    let nat_h = 60.0;
    let col_bottom = nat_top + nat_h + 10.0;
    let vpc_bottom = col_bottom + 14.0;
    let region_bottom = vpc_bottom + 16.0;
    let legend_y = region_bottom + 26.0;
    let mut notes: Vec<String> = Vec::new();
    if net.az_ids.is_none() {
        notes.push(
            "AZ names are likely, not certain: zone letters map to physical zones per account."
                .into(),
        );
    }
    if net.subnets.len() > subnet_count {
        notes.push(format!(
            "{} more subnets not drawn.",
            net.subnets.len() - subnet_count
        ));
    }
    if config.services.len() > services.len() {
        notes.push(format!(
            "{} more services not drawn.",
            config.services.len() - services.len()
        ));
    }
    let height = legend_y + 18.0 * notes.len() as f64 + PAD;

    let mut c = Canvas {
        xml: Xml(String::new()),
    };
    c.xml.open(
        el("svg")
            .a("xmlns", "http://www.w3.org/2000/svg")
            .a("viewBox", format!("0 0 {} {}", Num(width), Num(height)))
            .n("width", width)
            .n("height", height)
            .a("font-family", "system-ui, sans-serif")
            .a("role", "img"),
    );
    c.xml.element(
        el("title"),
        &format!(
            "Architecture of {} in {}",
            capped(&net.name),
            capped(&config.region)
        ),
    );
    c.xml.element(el("style"), STYLE);
    c.xml.open(el("defs"));
    for (id, class) in [
        ("sd-arrow-req", "sd-head-req"),
        ("sd-arrow-out", "sd-head-out"),
    ] {
        c.xml.open(
            el("marker")
                .a("id", id)
                .a("viewBox", "0 0 10 10")
                .a("refX", 9)
                .a("refY", 5)
                .a("markerWidth", 7)
                .a("markerHeight", 7)
                .a("orient", "auto"),
        );
        c.xml
            .leaf(el("path").a("d", "M0,0 L10,5 L0,10 z").a("class", class));
        c.xml.close("marker");
    }
    c.xml.close("defs");
    c.rect(0.5, 0.5, width - 1.0, height - 1.0, 10.0, "sd-bg");

    c.text(
        PAD,
        PAD + 15.0,
        Anchor::Start,
        TITLE,
        width - 2.0 * PAD,
        &format!("Architecture · {}", net.name),
    );

    // The internet and CloudFront.
    let inet_box = (spine - INET_W / 2.0, inet_top, INET_W, BOX_H);
    c.boxed(
        "internet",
        inet_box,
        "sd-inet",
        true,
        18.0,
        &[(HEAD, "Internet"), (NOTE, "users")],
    );
    c.group("cloudfront");
    c.rect(
        region_l,
        cf_top,
        region_r - region_l,
        cf_bottom - cf_top,
        8.0,
        "sd-cf",
    );
    let web_acl = match &config.edge.waf {
        Waf::Off => "no web ACL".to_string(),
        Waf::Managed { rate_limit, .. } => {
            format!("AWS WAF web ACL: managed rules, {rate_limit} req / 5 min per IP")
        }
        Waf::Existing { .. } => "AWS WAF web ACL: your own".to_string(),
    };
    let cf_title = match distributions.len() {
        0 => "Amazon CloudFront · no distribution enabled".to_string(),
        1 => format!("Amazon CloudFront · 1 distribution · {web_acl}"),
        n => format!("Amazon CloudFront · {n} distributions · {web_acl}"),
    };
    c.text(
        region_l + 12.0,
        cf_top + 20.0,
        Anchor::Start,
        HEAD,
        region_r - region_l - 24.0,
        &cf_title,
    );
    c.end_group();
    for (i, service) in distributions.iter().enumerate() {
        let alias = match (&service.cloudfront.host, &config.domain) {
            (Some(host), Some(domain)) => format!("{host}.{}", domain.zone),
            (Some(host), None) => format!("{host} (no domain)"),
            (None, _) => "*.cloudfront.net".to_string(),
        };
        let dns = config
            .domain
            .as_ref()
            .is_some_and(|d| d.hosted_zone_id.is_some() && service.cloudfront.host.is_some());
        let target = if dns {
            format!("to {} · Route 53 A/AAAA", service.name)
        } else {
            format!("to {}", service.name)
        };
        c.boxed(
            "distribution",
            cf_grid.cell(i),
            "sd-dist",
            false,
            18.0,
            &[
                (
                    Font {
                        bold: false,
                        ..HEAD
                    },
                    &alias,
                ),
                (NOTE, &target),
            ],
        );
    }

    // The region and the VPC.
    c.group("region");
    c.rect(
        region_l,
        region_top,
        region_r - region_l,
        region_bottom - region_top,
        8.0,
        "sd-region",
    );
    let header_w = spine - 10.0 - (region_l + 12.0);
    c.text(
        region_l + 12.0,
        region_top + 20.0,
        Anchor::Start,
        HEAD,
        header_w,
        &format!("Region · {}", config.region),
    );
    c.text(
        region_l + 12.0,
        region_top + 35.0,
        Anchor::Start,
        NOTE,
        header_w,
        region.map_or("not a region Stackdraft knows", |r| r.name),
    );
    c.end_group();

    c.group("vpc");
    c.rect(
        vpc_l,
        vpc_top,
        vpc_r - vpc_l,
        vpc_bottom - vpc_top,
        6.0,
        "sd-vpc",
    );
    let vpc_header_w = spine - 10.0 - (vpc_l + 12.0);
    c.text(
        vpc_l + 12.0,
        vpc_top + 20.0,
        Anchor::Start,
        HEAD,
        vpc_header_w,
        &format!("VPC · {}", net.name),
    );
    let vpc_cidr = match cidr::parse(&net.cidr) {
        Ok(block) if net.ipv6 => format!("{block} · IPv6 /56"),
        Ok(block) => format!("{block} · IPv4 only"),
        Err(_) => format!("{} · not a valid CIDR", net.cidr),
    };
    c.text(
        vpc_l + 12.0,
        vpc_top + 35.0,
        Anchor::Start,
        NOTE,
        vpc_header_w,
        &vpc_cidr,
    );
    c.end_group();

    // One column per Availability Zone, with its subnet.
    for (i, text) in net.subnets.iter().take(subnet_count).enumerate() {
        let x = col_x(i);
        c.group("az");
        c.rect(x, col_top, COL_W, col_bottom - col_top, 6.0, "sd-az");
        let cx = x + COL_W / 2.0;
        c.text(
            cx,
            col_top + 17.0,
            Anchor::Middle,
            HEAD,
            COL_W - 16.0,
            &format!("AZ {i}"),
        );
        let pinned = net.az_ids.as_ref().and_then(|ids| ids.get(i));
        let (hint, class) = match (pinned, region.map(|r| (r, r.likely_az(i)))) {
            (Some(id), _) => (format!("zone ID {id}"), "sd-dim"),
            (None, Some((_, Some(zone)))) => (format!("likely {zone}"), "sd-dim"),
            (None, Some((r, None))) => (format!("{} has no zone {i}", r.code), "sd-warn"),
            (None, None) => ("zone unknown".to_string(), "sd-warn"),
        };
        c.text_classed(
            cx,
            col_top + 32.0,
            Anchor::Middle,
            NOTE,
            class,
            COL_W - 16.0,
            &hint,
        );
        c.end_group();

        c.group("subnet");
        c.rect(
            x + 8.0,
            sub_top,
            COL_W - 16.0,
            sub_bottom - sub_top,
            4.0,
            "sd-subnet",
        );
        let inner = COL_W - 32.0;
        c.text(
            cx,
            sub_top + 17.0,
            Anchor::Middle,
            BODY,
            inner,
            "Private subnet",
        );
        match cidr::parse(text) {
            Ok(block) => {
                let family = if net.ipv6 { "IPv6 /64" } else { "IPv4 only" };
                c.text(
                    cx,
                    sub_top + 34.0,
                    Anchor::Middle,
                    Font { size: 13.0, ..HEAD },
                    inner,
                    &block.to_string(),
                );
                c.text(
                    cx,
                    sub_top + 50.0,
                    Anchor::Middle,
                    NOTE,
                    inner,
                    &format!("{family} · {} usable", thousands(block.usable_in_aws())),
                );
            }
            Err(_) => {
                c.text_classed(
                    cx,
                    sub_top + 34.0,
                    Anchor::Middle,
                    Font { size: 13.0, ..HEAD },
                    "sd-warn",
                    inner,
                    text,
                );
                c.text_classed(
                    cx,
                    sub_top + 50.0,
                    Anchor::Middle,
                    NOTE,
                    "sd-warn",
                    inner,
                    "not a valid IPv4 CIDR",
                );
            }
        }
        c.end_group();
    }

    // The request path: CloudFront → VPC origin → internal ALB → services.
    let inet_mid = inet_top + BOX_H / 2.0;
    c.line(
        &[(spine, inet_top + BOX_H), (spine, cf_top)],
        "sd-req",
        Some("sd-arrow-req"),
    );
    if let Some(initial) = services.first() {
        c.line(
            &[(spine, cf_bottom), (spine, origin_top)],
            "sd-req",
            Some("sd-arrow-req"),
        );
        c.line(
            &[(spine, origin_top + BOX_H), (spine, alb_top)],
            "sd-req",
            Some("sd-arrow-req"),
        );
        c.line(
            &[(spine, alb_top + BOX_H), (spine, group_top)],
            "sd-req",
            Some("sd-arrow-req"),
        );
        let origin_w = 300.0;
        c.boxed(
            "vpc-origin",
            (spine - origin_w / 2.0, origin_top, origin_w, BOX_H),
            "sd-dist",
            true,
            18.0,
            &[
                (HEAD, "CloudFront VPC origin"),
                (
                    NOTE,
                    &names::deployed(names::VPC_ORIGIN_NAME, &initial.name, &config.region),
                ),
            ],
        );
        let shared = match services.len() {
            1 => "provisioned by ECS Express Mode".to_string(),
            n => format!("provisioned by ECS Express Mode · shared by {n} services"),
        };
        c.boxed(
            "alb",
            (band_l, alb_top, band_w, BOX_H),
            "sd-net",
            true,
            18.0,
            &[
                (HEAD, "Internal Application Load Balancer"),
                (NOTE, &shared),
            ],
        );
    }

    // The egress path: services → Regional NAT Gateway → internet gateway → internet.
    c.line(
        &[(spine, group_bottom), (spine, nat_top)],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.group("services");
    c.rect(
        band_l,
        group_top,
        band_w,
        group_bottom - group_top,
        6.0,
        "sd-ecs",
    );
    let services_title = match config.services.len() {
        0 => "ECS Express Mode · no services".to_string(),
        n => format!("ECS Express Mode services ({n})"),
    };
    c.text(
        band_l + 12.0,
        group_top + 19.0,
        Anchor::Start,
        HEAD,
        band_w - 24.0,
        &services_title,
    );
    c.end_group();
    for (i, service) in services.iter().enumerate() {
        let (x, y, w, h) = svc_grid.cell(i);
        c.xml
            .open(el("g").a("data-role", "service").a("data-initial", i == 0));
        c.rect(x, y, w, h, 6.0, if i == 0 { "sd-svc0" } else { "sd-svc" });
        let inner = w - 20.0;
        c.text(
            x + 10.0,
            y + 18.0,
            Anchor::Start,
            HEAD,
            inner,
            &service.name,
        );
        let tasks = if service.scaling.min == service.scaling.max {
            let plural = if service.scaling.min == 1 { "" } else { "s" };
            format!("{} task{plural}", service.scaling.min)
        } else {
            format!("{}–{} tasks", service.scaling.min, service.scaling.max)
        };
        c.text(
            x + 10.0,
            y + 34.0,
            Anchor::Start,
            BODY,
            inner,
            &format!("{tasks} · port {}", service.port),
        );
        c.text(
            x + 10.0,
            y + 49.0,
            Anchor::Start,
            BODY,
            inner,
            &format!(
                "{} vCPU · {} GB",
                Num(service.cpu as f64 / 1024.0),
                Num(service.memory as f64 / 1024.0)
            ),
        );
        let reach = if service.cloudfront.enabled {
            "via CloudFront"
        } else {
            "no CloudFront"
        };
        if i == 0 {
            c.text_classed(
                x + 10.0,
                y + 66.0,
                Anchor::Start,
                NOTE,
                "sd-accent",
                inner,
                &format!("initial stack · {reach}"),
            );
        } else {
            c.text(x + 10.0, y + 66.0, Anchor::Start, NOTE, inner, reach);
        }
        c.end_group();
    }

    // The Regional NAT Gateway, with its Elastic IPs in their AZ columns.
    c.group("nat");
    c.rect(band_l, nat_top, band_w, nat_h, 6.0, "sd-nat");
    let nat_title = "Regional NAT Gateway";
    c.text(
        band_l + 12.0,
        nat_top + 19.0,
        Anchor::Start,
        HEAD,
        band_w - 24.0,
        nat_title,
    );
    let title_w = text_width(nat_title, HEAD.size, true);
    let mode = match &net.nat {
        Nat::Auto => "auto mode".to_string(),
        Nat::Manual { azs } => {
            let mut distinct: Vec<i64> = Vec::new();
            for &az in azs {
                if distinct.len() == MAX_DRAWN_SUBNETS * 2 {
                    break;
                }
                if !distinct.contains(&az) {
                    distinct.push(az);
                }
            }
            let list: Vec<String> = distinct.iter().map(|az| az.to_string()).collect();
            format!("manual · Elastic IPs in AZ {}", list.join(", "))
        }
    };
    c.text(
        band_l + band_w - 12.0,
        nat_top + 19.0,
        Anchor::End,
        NOTE,
        band_w - 24.0 - title_w - 16.0,
        &mode,
    );
    c.end_group();
    match &net.nat {
        Nat::Auto => c.text(
            area_l + area_w / 2.0,
            nat_top + 44.0,
            Anchor::Middle,
            NOTE,
            band_w - 24.0,
            "AWS adds and manages Elastic IPs in the AZs in use",
        ),
        Nat::Manual { azs } => {
            let mut drawn: Vec<usize> = Vec::new();
            for az in azs {
                let Ok(index) = usize::try_from(*az) else {
                    continue;
                };
                if index >= subnet_count || drawn.contains(&index) {
                    continue;
                }
                drawn.push(index);
                let cx = col_x(index) + COL_W / 2.0;
                c.group("eip");
                c.rect(cx - 46.0, nat_top + 30.0, 92.0, 20.0, 10.0, "sd-eip");
                c.text_classed(
                    cx,
                    nat_top + 44.0,
                    Anchor::Middle,
                    NOTE,
                    "sd-white",
                    84.0,
                    "Elastic IP",
                );
                c.end_group();
            }
        }
    }

    // The lane at the VPC's right edge: gateway endpoints, the egress-only internet
    // gateway and the internet gateway.
    let mut lane_y = group_top + 6.0;
    for endpoint in &endpoints {
        let (name, class) = match endpoint {
            GatewayEndpoint::S3 => ("Amazon S3", "sd-s3"),
            GatewayEndpoint::Dynamodb => ("Amazon DynamoDB", "sd-ddb"),
        };
        let mid = lane_y + LANE_H / 2.0;
        c.line(&[(band_l + band_w, mid), (lane_l, mid)], "sd-route", None);
        c.boxed(
            "endpoint",
            (lane_l, lane_y, LANE_W, LANE_H),
            class,
            true,
            16.0,
            &[(HEAD, "Gateway endpoint"), (NOTE, name)],
        );
        lane_y += LANE_H + 10.0;
    }
    let lane_r = lane_l + LANE_W;
    if net.ipv6 {
        let mid = lane_y + LANE_H / 2.0;
        c.line(
            &[(band_l + band_w, mid), (lane_l, mid)],
            "sd-out",
            Some("sd-arrow-out"),
        );
        c.line(&[(lane_r, mid), (egress_x, mid)], "sd-out", None);
        c.boxed(
            "egress-only-igw",
            (lane_l, lane_y, LANE_W, LANE_H),
            "sd-net",
            true,
            16.0,
            &[(HEAD, "Egress-only IGW"), (NOTE, "IPv6 ::/0")],
        );
    }
    let nat_mid = nat_top + nat_h / 2.0;
    c.line(
        &[(band_l + band_w, nat_mid), (lane_l, nat_mid)],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.line(
        &[
            (lane_r, nat_mid),
            (egress_x, nat_mid),
            (egress_x, inet_mid),
            (spine + INET_W / 2.0, inet_mid),
        ],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.boxed(
        "igw",
        (lane_l, nat_mid - LANE_H / 2.0, LANE_W, LANE_H),
        "sd-net",
        true,
        16.0,
        &[(HEAD, "Internet gateway"), (NOTE, "IPv4 0.0.0.0/0 via NAT")],
    );

    // Legend and notes.
    let mut x = PAD;
    for (label, class, marker) in [
        ("requests", "sd-req", "sd-arrow-req"),
        ("egress", "sd-out", "sd-arrow-out"),
    ] {
        c.line(
            &[(x, legend_y - 4.0), (x + 26.0, legend_y - 4.0)],
            class,
            Some(marker),
        );
        c.text(x + 34.0, legend_y, Anchor::Start, NOTE, 200.0, label);
        x += 34.0 + text_width(label, NOTE.size, false) + 20.0;
    }
    if !endpoints.is_empty() {
        c.line(
            &[(x, legend_y - 4.0), (x + 26.0, legend_y - 4.0)],
            "sd-route",
            None,
        );
        c.text(
            x + 34.0,
            legend_y,
            Anchor::Start,
            NOTE,
            width - PAD - x - 34.0,
            "private route to a gateway endpoint",
        );
    }
    for (i, note) in notes.iter().enumerate() {
        c.text(
            PAD,
            legend_y + 18.0 * (i + 1) as f64,
            Anchor::Start,
            NOTE,
            width - 2.0 * PAD,
            note,
        );
    }

    c.xml.close("svg");
    c.xml.0.push('\n');
    c.xml.0
}

#[cfg(test)]
mod tests {
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
    fn escaping_covers_markup_and_control_characters() {
        let mut out = String::new();
        escape_into(&mut out, "<a href=\"x\">&'\u{1}\u{FFFF}");
        assert_eq!(
            out,
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}\u{FFFD}"
        );
    }
}
