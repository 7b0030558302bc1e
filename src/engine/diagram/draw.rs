//! The diagram drawn band by band: each function writes one part of the picture at the
//! places its [`Layout`] gives and decides only what the part says.

use super::layout::{Drawn, Layout, Rect, DATA_LINE, NOTE_STEP, PAD};
use super::svg::{el, Anchor, Canvas, Font, Xml, BODY, HEAD, NOTE, STYLE, TITLE};
use super::{capped, text_width, MAX_DRAWN_SUBNETS};
use crate::engine::cidr;
use crate::engine::config::{Config, GatewayEndpoint, Nat, Waf};
use crate::engine::derived_names;
use crate::engine::number_format::{thousands, Hundredths as Num};
use crate::engine::regions::{self, Region};

/// The design as an SVG document: the internet, CloudFront, the region, the VPC with
/// one column per Availability Zone, the internal ALB, the services, the Regional NAT
/// Gateway and the gateways at the VPC's edge, with the request and egress paths.
pub fn architecture_svg(config: &Config) -> String {
    let drawn = Drawn::new(config);
    let layout = Layout::new(config, &drawn);
    let region = regions::find(&config.region);
    let mut c = Canvas {
        xml: Xml(String::new()),
    };
    document(&mut c, config, &layout);
    edge(&mut c, config, &drawn, &layout);
    region_and_vpc(&mut c, config, region, &layout);
    zones(&mut c, config, region, &layout);
    request_path(&mut c, config, &drawn, &layout);
    services(&mut c, config, &drawn, &layout);
    nat(&mut c, config, &layout);
    lane(&mut c, &drawn, &layout);
    legend(&mut c, &drawn, &layout);
    c.xml.close("svg");
    c.xml.0.push('\n');
    c.xml.0
}

/// The document's head (title, style, arrowheads), its background and its title line.
fn document(c: &mut Canvas, config: &Config, layout: &Layout) {
    let (width, height) = (layout.width, layout.height);
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
            capped(&config.network.name),
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
        &format!("Architecture · {}", config.network.name),
    );
}

/// The internet, CloudFront with its web ACL, and one box per distribution with its
/// alias and DNS records.
fn edge(c: &mut Canvas, config: &Config, drawn: &Drawn, layout: &Layout) {
    c.boxed(
        "internet",
        layout.internet,
        "sd-inet",
        true,
        18.0,
        &[(HEAD, "Internet"), (NOTE, "users")],
    );
    let cf = layout.cloudfront;
    c.group("cloudfront");
    c.frame(cf, 8.0, "sd-cf");
    let web_acl = match &config.edge.waf {
        Waf::Off => "no web ACL".to_string(),
        Waf::Managed { rate_limit, .. } => {
            format!("AWS WAF web ACL: managed rules, {rate_limit} req / 5 min per IP")
        }
        Waf::Existing { .. } => "AWS WAF web ACL: your own".to_string(),
    };
    let cf_title = match drawn.distributions.len() {
        0 => "Amazon CloudFront · no distribution enabled".to_string(),
        1 => format!("Amazon CloudFront · 1 distribution · {web_acl}"),
        n => format!("Amazon CloudFront · {n} distributions · {web_acl}"),
    };
    c.text(
        cf.x + 12.0,
        cf.y + 20.0,
        Anchor::Start,
        HEAD,
        cf.w - 24.0,
        &cf_title,
    );
    c.end_group();
    for (i, service) in drawn.distributions.iter().enumerate() {
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
            layout.distribution(i),
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
}

/// A band's frame with a heading and a note under it, both left of the request path.
#[allow(clippy::too_many_arguments)]
fn titled_frame(
    c: &mut Canvas,
    role: &str,
    frame: Rect,
    rx: f64,
    class: &str,
    spine: f64,
    title: &str,
    note: &str,
) {
    c.group(role);
    c.frame(frame, rx, class);
    let header_w = spine - 10.0 - (frame.x + 12.0);
    c.text(
        frame.x + 12.0,
        frame.y + 20.0,
        Anchor::Start,
        HEAD,
        header_w,
        title,
    );
    c.text(
        frame.x + 12.0,
        frame.y + 35.0,
        Anchor::Start,
        NOTE,
        header_w,
        note,
    );
    c.end_group();
}

/// The region and the VPC, with their names and the VPC's address range.
fn region_and_vpc(c: &mut Canvas, config: &Config, region: Option<&Region>, layout: &Layout) {
    let net = &config.network;
    titled_frame(
        c,
        "region",
        layout.region,
        8.0,
        "sd-region",
        layout.spine,
        &format!("Region · {}", config.region),
        region.map_or("not a region Stackdraft knows", |r| r.name),
    );
    let vpc_cidr = match net.vpc_block() {
        Some(block) if net.ipv6 => format!("{block} · IPv6 /56"),
        Some(block) => format!("{block} · IPv4 only"),
        None => format!("{} · not a valid CIDR", net.cidr),
    };
    titled_frame(
        c,
        "vpc",
        layout.vpc,
        6.0,
        "sd-vpc",
        layout.spine,
        &format!("VPC · {}", net.name),
        &vpc_cidr,
    );
}

/// One column per Availability Zone, with its subnet.
fn zones(c: &mut Canvas, config: &Config, region: Option<&Region>, layout: &Layout) {
    let net = &config.network;
    for (i, text) in net.subnets.iter().take(layout.columns).enumerate() {
        let (az, subnet) = (layout.az(i), layout.subnet(i));
        let cx = az.centre();
        c.group("az");
        c.frame(az, 6.0, "sd-az");
        c.text(
            cx,
            az.y + 17.0,
            Anchor::Middle,
            HEAD,
            az.w - 16.0,
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
            az.y + 32.0,
            Anchor::Middle,
            NOTE,
            class,
            az.w - 16.0,
            &hint,
        );
        c.end_group();

        c.group("subnet");
        c.frame(subnet, 4.0, "sd-subnet");
        let inner = subnet.w - 16.0;
        let top = subnet.y;
        c.text(
            cx,
            top + 17.0,
            Anchor::Middle,
            BODY,
            inner,
            "Private subnet",
        );
        let big = Font { size: 13.0, ..HEAD };
        match cidr::parse(text) {
            Ok(block) => {
                let family = if net.ipv6 { "IPv6 /64" } else { "IPv4 only" };
                c.text(
                    cx,
                    top + 34.0,
                    Anchor::Middle,
                    big,
                    inner,
                    &block.to_string(),
                );
                c.text(
                    cx,
                    top + 50.0,
                    Anchor::Middle,
                    NOTE,
                    inner,
                    &format!("{family} · {} usable", thousands(block.usable_in_aws())),
                );
            }
            Err(_) => {
                c.text_classed(cx, top + 34.0, Anchor::Middle, big, "sd-warn", inner, text);
                c.text_classed(
                    cx,
                    top + 50.0,
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
}

/// The request path: internet → CloudFront → VPC origin → internal ALB → services.
fn request_path(c: &mut Canvas, config: &Config, drawn: &Drawn, layout: &Layout) {
    let spine = layout.spine;
    let (req, head) = ("sd-req", Some("sd-arrow-req"));
    c.line(
        &[
            (spine, layout.internet.bottom()),
            (spine, layout.cloudfront.y),
        ],
        req,
        head,
    );
    let Some(initial) = drawn.services.first() else {
        return;
    };
    for (from, to) in [
        (layout.cloudfront.bottom(), layout.vpc_origin.y),
        (layout.vpc_origin.bottom(), layout.alb.y),
        (layout.alb.bottom(), layout.services.y),
    ] {
        c.line(&[(spine, from), (spine, to)], req, head);
    }
    c.boxed(
        "vpc-origin",
        layout.vpc_origin,
        "sd-dist",
        true,
        18.0,
        &[
            (HEAD, "CloudFront VPC origin"),
            (
                NOTE,
                &derived_names::deployed(
                    derived_names::VPC_ORIGIN_NAME,
                    &initial.name,
                    &config.region,
                ),
            ),
        ],
    );
    let shared = match drawn.services.len() {
        1 => "provisioned by ECS Express Mode".to_string(),
        n => format!("provisioned by ECS Express Mode · shared by {n} services"),
    };
    c.boxed(
        "alb",
        layout.alb,
        "sd-net",
        true,
        18.0,
        &[
            (HEAD, "Internal Application Load Balancer"),
            (NOTE, &shared),
        ],
    );
}

/// The services' band and one box per service: its tasks, port, size and reach.
fn services(c: &mut Canvas, config: &Config, drawn: &Drawn, layout: &Layout) {
    let band = layout.services;
    // The egress path starts at the services and runs down to the NAT Gateway.
    c.line(
        &[(layout.spine, band.bottom()), (layout.spine, layout.nat.y)],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.group("services");
    c.frame(band, 6.0, "sd-ecs");
    let services_title = match config.services.len() {
        0 => "ECS Express Mode · no services".to_string(),
        n => format!("ECS Express Mode services ({n})"),
    };
    c.text(
        band.x + 12.0,
        band.y + 19.0,
        Anchor::Start,
        HEAD,
        band.w - 24.0,
        &services_title,
    );
    c.end_group();
    for (i, service) in drawn.services.iter().enumerate() {
        let cell = layout.service_box(i);
        let Rect { x, y, w, .. } = cell;
        c.xml
            .open(el("g").a("data-role", "service").a("data-initial", i == 0));
        c.frame(cell, 6.0, if i == 0 { "sd-svc0" } else { "sd-svc" });
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
        let paths = &drawn.data[i];
        if !paths.is_empty() {
            let mut group = el("g").a("data-role", "data-access");
            let (mut direct, mut through_nat) = (Vec::new(), Vec::new());
            for path in paths {
                let (attribute, name) = match path.kind {
                    GatewayEndpoint::S3 => ("data-s3", "S3"),
                    GatewayEndpoint::Dynamodb => ("data-dynamodb", "DynamoDB"),
                };
                if path.via_endpoint {
                    group = group.a(attribute, "endpoint");
                    direct.push(name);
                } else {
                    group = group.a(attribute, "nat");
                    through_nat.push(name);
                }
            }
            let mut parts = Vec::new();
            match direct.len() {
                0 => {}
                1 => parts.push(format!("{} via endpoint", direct[0])),
                _ => parts.push(format!("{} via endpoints", direct.join(", "))),
            }
            if !through_nat.is_empty() {
                parts.push(format!("{} via NAT", through_nat.join(", ")));
            }
            c.xml.open(group);
            c.text_classed(
                x + 10.0,
                y + 66.0 + DATA_LINE,
                Anchor::Start,
                NOTE,
                if through_nat.is_empty() {
                    "sd-dim"
                } else {
                    "sd-warn"
                },
                inner,
                &parts.join("; "),
            );
            c.xml.close("g");
        }
        c.end_group();
    }
}

/// The Regional NAT Gateway, with its Elastic IPs in their AZ columns.
fn nat(c: &mut Canvas, config: &Config, layout: &Layout) {
    let nat = layout.nat;
    c.group("nat");
    c.frame(nat, 6.0, "sd-nat");
    let nat_title = "Regional NAT Gateway";
    c.text(
        nat.x + 12.0,
        nat.y + 19.0,
        Anchor::Start,
        HEAD,
        nat.w - 24.0,
        nat_title,
    );
    let title_w = text_width(nat_title, HEAD.size, true);
    let mode = match &config.network.nat {
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
        nat.x + nat.w - 12.0,
        nat.y + 19.0,
        Anchor::End,
        NOTE,
        nat.w - 24.0 - title_w - 16.0,
        &mode,
    );
    c.end_group();
    if matches!(config.network.nat, Nat::Auto) {
        c.text(
            nat.centre(),
            nat.y + 44.0,
            Anchor::Middle,
            NOTE,
            nat.w - 24.0,
            "AWS adds and manages Elastic IPs in the AZs in use",
        );
    }
    for &column in &layout.eip_columns {
        let eip = layout.eip(column);
        c.group("eip");
        c.frame(eip, 10.0, "sd-eip");
        c.text_classed(
            eip.centre(),
            eip.y + 14.0,
            Anchor::Middle,
            NOTE,
            "sd-white",
            eip.w - 8.0,
            "Elastic IP",
        );
        c.end_group();
    }
}

/// The lane at the VPC's right edge: gateway endpoints, the egress-only internet
/// gateway and the internet gateway, with the egress path up to the internet.
fn lane(c: &mut Canvas, drawn: &Drawn, layout: &Layout) {
    let from = layout.services.right();
    for (i, endpoint) in drawn.endpoints.iter().enumerate() {
        let slot = layout.endpoint(i);
        let (name, class) = match endpoint {
            GatewayEndpoint::S3 => ("Amazon S3", "sd-s3"),
            GatewayEndpoint::Dynamodb => ("Amazon DynamoDB", "sd-ddb"),
        };
        let mid = slot.middle();
        let users = drawn
            .data
            .iter()
            .filter(|paths| paths.iter().any(|p| p.kind == *endpoint && p.via_endpoint))
            .count();
        let short = name.trim_start_matches("Amazon ");
        let note = match users {
            0 => name.to_string(),
            1 => format!("{short} · 1 service"),
            n => format!("{short} · {n} services"),
        };
        c.line(&[(from, mid), (slot.x, mid)], "sd-route", None);
        c.boxed(
            "endpoint",
            slot,
            class,
            true,
            16.0,
            &[(HEAD, "Gateway endpoint"), (NOTE, &note)],
        );
    }
    if let Some(slot) = layout.egress_only_igw {
        let mid = slot.middle();
        c.line(
            &[(from, mid), (slot.x, mid)],
            "sd-out",
            Some("sd-arrow-out"),
        );
        c.line(
            &[(slot.right(), mid), (layout.egress_x, mid)],
            "sd-out",
            None,
        );
        c.boxed(
            "egress-only-igw",
            slot,
            "sd-net",
            true,
            16.0,
            &[(HEAD, "Egress-only IGW"), (NOTE, "IPv6 ::/0")],
        );
    }
    let igw = layout.igw;
    let nat_mid = layout.nat.middle();
    let inet_mid = layout.internet.middle();
    c.line(
        &[(layout.nat.right(), nat_mid), (igw.x, nat_mid)],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.line(
        &[
            (igw.right(), nat_mid),
            (layout.egress_x, nat_mid),
            (layout.egress_x, inet_mid),
            (layout.internet.right(), inet_mid),
        ],
        "sd-out",
        Some("sd-arrow-out"),
    );
    c.boxed(
        "igw",
        igw,
        "sd-net",
        true,
        16.0,
        &[(HEAD, "Internet gateway"), (NOTE, "IPv4 0.0.0.0/0 via NAT")],
    );
}

/// The legend of the paths, then the notes on what is uncertain or left out.
fn legend(c: &mut Canvas, drawn: &Drawn, layout: &Layout) {
    let (legend_y, width) = (layout.legend_y, layout.width);
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
    if !drawn.endpoints.is_empty() {
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
    for (i, note) in drawn.notes.iter().enumerate() {
        c.text(
            PAD,
            legend_y + NOTE_STEP * (i + 1) as f64,
            Anchor::Start,
            NOTE,
            width - 2.0 * PAD,
            note,
        );
    }
}
