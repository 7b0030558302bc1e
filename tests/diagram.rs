//! The architecture diagram: well-formed XML, one element per AZ, service and
//! distribution, no two texts on top of each other, every text inside the canvas and its
//! box, escaped user text, and no panic on any design; and the layout's invariants on
//! `diagram::Layout` itself.
//!
//! `STACKDRAFT_DIAGRAM_DIR=/tmp cargo test --test diagram` also writes a few SVGs there to
//! look at.

use std::path::Path;

use stackdraft::engine::config::{
    CacheMode, CloudFront, Config, Domain, Edge, GatewayEndpoint, Nat, Network, Scaling, Service,
    Usage, Waf,
};
use stackdraft::engine::diagram::{
    self, architecture_svg, text_width, Layout, Rect, ASCENT_EM, DESCENT_EM, MAX_DRAWN_SERVICES,
    MAX_DRAWN_SUBNETS,
};

/// A text's extent as the renderer estimates it.
#[derive(Debug, Clone)]
struct TextBox {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl TextBox {
    fn overlaps(&self, other: &TextBox) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    fn inside(&self, (x0, y0, x1, y1): (f64, f64, f64, f64)) -> bool {
        self.x0 >= x0 && self.y0 >= y0 && self.x1 <= x1 && self.y1 <= y1
    }
}

fn number(node: roxmltree::Node, name: &str) -> Result<f64, String> {
    node.attribute(name)
        .ok_or_else(|| format!("<{}> has no {name}", node.tag_name().name()))?
        .parse()
        .map_err(|e| format!("{name}: {e}"))
}

/// The visible text of a `<text>`: its own text nodes, not its `<title>`.
fn visible_text(node: roxmltree::Node) -> String {
    node.children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect()
}

fn text_box(node: roxmltree::Node) -> Result<TextBox, String> {
    let x = number(node, "x")?;
    let y = number(node, "y")?;
    let size = number(node, "font-size")?;
    let bold = node.attribute("font-weight") == Some("bold");
    let text = visible_text(node);
    let width = text_width(&text, size, bold);
    let x0 = match node.attribute("text-anchor") {
        None | Some("start") => x,
        Some("middle") => x - width / 2.0,
        Some("end") => x - width,
        Some(other) => return Err(format!("unknown text-anchor {other}")),
    };
    Ok(TextBox {
        x0,
        y0: y - ASCENT_EM * size,
        x1: x0 + width,
        y1: y + DESCENT_EM * size,
        text,
    })
}

fn rect_of(node: roxmltree::Node) -> Result<(f64, f64, f64, f64), String> {
    let (x, y) = (number(node, "x")?, number(node, "y")?);
    Ok((
        x,
        y,
        x + number(node, "width")?,
        y + number(node, "height")?,
    ))
}

/// What a diagram holds, once checked: how many elements of each role.
struct Checked {
    roles: Vec<String>,
    texts: Vec<TextBox>,
    titles: Vec<String>,
    width: f64,
    height: f64,
}

impl Checked {
    fn count(&self, role: &str) -> usize {
        self.roles.iter().filter(|r| *r == role).count()
    }

    fn shows(&self, text: &str) -> bool {
        self.texts.iter().any(|t| t.text == text)
    }
}

/// Parses the SVG and checks its layout: a viewBox matching width and height, no text
/// box overlapping another, every text box inside the canvas and inside the first
/// rectangle of the `data-role` group it belongs to.
fn check(svg: &str) -> Result<Checked, String> {
    let doc = roxmltree::Document::parse(svg).map_err(|e| format!("not XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("the root is not <svg>".into());
    }
    let width = number(root, "width")?;
    let height = number(root, "height")?;
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .ok_or("no viewBox")?
        .split(' ')
        .map(|v| v.parse().map_err(|e| format!("viewBox: {e}")))
        .collect::<Result<_, String>>()?;
    if view_box != [0.0, 0.0, width, height] {
        return Err(format!("viewBox {view_box:?} is not 0 0 {width} {height}"));
    }
    let canvas = (0.0, 0.0, width, height);

    let mut texts = Vec::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let b = text_box(node)?;
        if !b.inside(canvas) {
            return Err(format!("text {:?} at {b:?} leaves the canvas", b.text));
        }
        let group = node
            .ancestors()
            .find(|a| a.has_tag_name("g") && a.attribute("data-role").is_some());
        if let Some(group) = group {
            if let Some(rect) = group.children().find(|c| c.has_tag_name("rect")) {
                let area = rect_of(rect)?;
                if !b.inside(area) {
                    return Err(format!(
                        "text {:?} at {b:?} leaves its {} box {area:?}",
                        b.text,
                        group.attribute("data-role").unwrap_or_default()
                    ));
                }
            }
        }
        if !b.text.is_empty() {
            texts.push(b);
        }
    }
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            if a.overlaps(b) {
                return Err(format!("text {a:?} overlaps text {b:?}"));
            }
        }
    }
    Ok(Checked {
        roles: doc
            .descendants()
            .filter_map(|n| n.attribute("data-role"))
            .map(String::from)
            .collect(),
        texts,
        titles: doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .map(String::from)
            .collect(),
        width,
        height,
    })
}

/// Checks a design's diagram and that it has one element per subnet, service,
/// distribution and manual Elastic IP.
fn check_design(config: &Config, what: &str) -> Checked {
    let svg = architecture_svg(config);
    let checked = check(&svg).unwrap_or_else(|e| panic!("{what}: {e}\n{svg}"));
    let subnets = config.network.subnets.len().min(MAX_DRAWN_SUBNETS);
    let services = &config.services[..config.services.len().min(MAX_DRAWN_SERVICES)];
    let distributions = services.iter().filter(|s| s.cloudfront.enabled).count();
    assert_eq!(checked.count("subnet"), subnets, "{what}: subnets");
    assert_eq!(checked.count("az"), subnets, "{what}: AZ columns");
    assert_eq!(checked.count("service"), services.len(), "{what}: services");
    assert_eq!(
        checked.count("distribution"),
        distributions,
        "{what}: distributions"
    );
    let eips = match &config.network.nat {
        Nat::Auto => 0,
        Nat::Manual { azs } => {
            let mut valid: Vec<i64> = azs
                .iter()
                .copied()
                .filter(|&az| az >= 0 && (az as usize) < subnets)
                .collect();
            valid.sort();
            valid.dedup();
            valid.len()
        }
    };
    assert_eq!(checked.count("eip"), eips, "{what}: Elastic IPs");
    assert_eq!(
        checked.count("egress-only-igw"),
        usize::from(config.network.ipv6),
        "{what}: egress-only IGW"
    );
    assert_eq!(checked.count("igw"), 1, "{what}: internet gateway");
    assert_eq!(checked.count("internet"), 1, "{what}: internet");
    let endpoints = {
        let mut e = config.network.gateway_endpoints.clone();
        e.sort();
        e.dedup();
        e.len()
    };
    assert_eq!(checked.count("endpoint"), endpoints, "{what}: endpoints");
    if !services.is_empty() {
        assert_eq!(checked.count("alb"), 1, "{what}: ALB");
        assert_eq!(checked.count("vpc-origin"), 1, "{what}: VPC origin");
    }
    assert!(svg.contains("font-family"), "{what}: no font-family");
    for forbidden in ["<script", "href", "@import", "url(http", "<image"] {
        assert!(!svg.contains(forbidden), "{what}: contains {forbidden}");
    }
    write_for_viewing(what, &svg);
    checked
}

fn write_for_viewing(what: &str, svg: &str) {
    if let Some(dir) = std::env::var_os("STACKDRAFT_DIAGRAM_DIR") {
        let name: String = what
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        std::fs::write(Path::new(&dir).join(format!("{name}.svg")), svg).unwrap();
    }
}

fn example_configs() -> Vec<(String, Config)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut found: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path().join("stackdraft.json"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path
                .parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy();
            (name.into_owned(), Config::from_json(&text).unwrap())
        })
        .collect()
}

/// A design with `subnets` AZs and `services` services, varied deterministically: long
/// names, every CPU size, CloudFront on and off, with and without hosts.
fn generated(subnets: usize, services: usize) -> Config {
    let cpus = [256, 512, 1024, 2048, 4096, 8192, 16384];
    let memories = [512, 4096, 8192, 16384, 30720, 61440, 122880];
    let seed = subnets * 31 + services;
    Config {
        version: 1,
        region: "us-east-1".into(),
        network: Network {
            name: if seed.is_multiple_of(2) {
                format!("net-{}", "n".repeat(120))
            } else {
                "net".into()
            },
            cidr: "10.0.0.0/16".into(),
            subnets: (0..subnets)
                .map(|i| format!("10.0.{}.0/20", i * 16))
                .collect(),
            ipv6: !seed.is_multiple_of(3),
            nat: if seed.is_multiple_of(4) {
                Nat::Auto
            } else {
                Nat::Manual {
                    azs: (0..subnets as i64).step_by(1 + seed % 3).collect(),
                }
            },
            gateway_endpoints: match seed % 3 {
                0 => vec![],
                1 => vec![GatewayEndpoint::S3],
                _ => GatewayEndpoint::ALL.to_vec(),
            },
            az_ids: None,
            flow_logs: seed.is_multiple_of(2),
            flow_log_days: 14,
        },
        domain: (!seed.is_multiple_of(5)).then(|| Domain {
            zone: format!("{}.example.com", "z".repeat(seed % 60)),
            certificate_arn: Some("arn:aws:acm:us-east-1:123456789012:certificate/x".into()),
            hosted_zone_id: seed
                .is_multiple_of(3)
                .then(|| "Z0123456789ABCDEFGHIJ".into()),
        }),
        edge: Edge {
            waf: if seed.is_multiple_of(2) {
                Waf::Managed {
                    rate_limit: 2000,
                    allow_large_bodies: false,
                }
            } else {
                Waf::Off
            },
            access_logs: seed.is_multiple_of(3),
            ..Edge::default()
        },
        usage: Usage::default(),
        review: Default::default(),
        services: (0..services)
            .map(|i| Service {
                name: match i % 4 {
                    0 => format!("svc-{i}"),
                    1 => format!("S{i}-{}", "W".repeat(124)),
                    2 => format!("m{i}-{}", "m".repeat(40)),
                    _ => format!("svc-{i}-{}", "x".repeat(i * 7 % 128)),
                },
                port: [80, 3000, 8080, 65535][i % 4],
                cpu: cpus[i % 7],
                memory: memories[i % 7],
                scaling: Scaling {
                    min: 1 + i as i64,
                    max: [1 + i as i64, 20, 5000][i % 3],
                    metric: stackdraft::engine::config::ScalingMetric::AverageCpu,
                    target: 60,
                },
                cloudfront: CloudFront {
                    enabled: (i + seed) % 3 != 1,
                    host: (i % 2 == 0).then(|| format!("h{i}-{}", "a".repeat(i * 5 % 63))),
                    cache: if i % 3 == 0 {
                        CacheMode::Short
                    } else {
                        CacheMode::Off
                    },
                },
                ..Service::example(3)
            })
            .collect(),
    }
}

#[test]
fn default_design_draws_every_part() {
    let config = Config::default();
    let checked = check_design(&config, "default");
    for text in [
        "Internet",
        "Region · ap-northeast-1",
        "VPC · ecs-express-vpc",
        "192.168.0.0/18 · IPv6 /56",
        "AZ 0",
        "zone ID apne1-az4",
        "zone ID apne1-az1",
        "zone ID apne1-az2",
        "192.168.0.0/20",
        "192.168.16.0/20",
        "192.168.32.0/20",
        "IPv6 /64 · 4,091 usable",
        "Regional NAT Gateway",
        "manual · Elastic IPs in AZ 0, 1, 2",
        "Internet gateway",
        "Egress-only IGW",
        "Amazon S3",
        "Amazon DynamoDB",
        "Internal Application Load Balancer",
        "CloudFront VPC origin",
        "*.cloudfront.net",
        "ecs-express-initial",
        "ecs-express-secondary",
        "1–3 tasks · port 3000",
        "1 vCPU · 2 GB",
        "initial stack · via CloudFront",
        "no CloudFront",
        "Amazon CloudFront · 1 distribution · AWS WAF web ACL: managed rules, 2000 req / 5 min per IP",
    ] {
        assert!(checked.shows(text), "the default diagram lacks {text:?}");
    }
    assert!(
        !checked.shows("likely ap-northeast-1a"),
        "pinned zones are named by ID"
    );
    assert_eq!(checked.count("distribution"), 1);
    // An Elastic IP in each of the three zones.
    assert_eq!(checked.count("eip"), 3);
    assert!(checked.width >= 700.0 && checked.height >= 500.0);
}

#[test]
fn the_web_acl_and_dns_records_are_drawn() {
    let (_, config) = example_configs()
        .into_iter()
        .find(|(name, _)| name == "hardened-custom-domain")
        .expect("the hardened example");
    let svg = architecture_svg(&config);
    assert!(svg.contains("AWS WAF web ACL: managed rules, 1000 req / 5 min per IP"));
    assert!(svg.contains("to hardened-web · Route 53 A/AAAA"));
    assert!(svg.contains("app.example.com"));
    let mut without = Config::default();
    without.services[0].cloudfront.host = None;
    assert!(!architecture_svg(&without).contains("Route 53"));
}

#[test]
fn example_designs_lay_out_cleanly() {
    let examples = example_configs();
    assert!(examples.len() >= 4, "found {} examples", examples.len());
    for (name, config) in &examples {
        check_design(config, name);
    }
    let (_, auto) = examples
        .iter()
        .find(|(n, _)| n == "two-azs-ipv4-nat-auto-no-domain")
        .unwrap();
    let checked = check_design(auto, "auto");
    assert!(checked.shows("auto mode"));
    assert!(checked.shows("AWS adds and manages Elastic IPs in the AZs in use"));
    assert!(checked.shows("IPv4 only · 251 usable"));
    assert_eq!(checked.count("egress-only-igw"), 0);
    assert_eq!(checked.count("endpoint"), 0);
}

#[test]
fn generated_designs_lay_out_cleanly() {
    let mut count = 0;
    for subnets in 2..=6 {
        for services in 1..=10 {
            let config = generated(subnets, services);
            check_design(
                &config,
                &format!("generated-{subnets}-azs-{services}-services"),
            );
            count += 1;
        }
    }
    assert_eq!(count, 50);
}

#[test]
fn twenty_five_services_grow_the_canvas_without_overlaps() {
    let small = check_design(&generated(2, 5), "two-azs-5");
    for subnets in 2..=6 {
        let config = generated(subnets, 25);
        let checked = check_design(&config, &format!("generated-{subnets}-azs-25-services"));
        assert!(checked.height > small.height);
    }
    let wide = check_design(&generated(6, 10), "six-azs-10");
    assert!(wide.width > small.width);
}

#[test]
fn long_names_are_cut_with_an_ellipsis_and_kept_in_a_title() {
    let mut config = Config::default();
    let long = format!("a{}", "W".repeat(127));
    config.services[1].name = long.clone();
    config.network.name = format!("n{}", "m".repeat(127));
    let checked = check_design(&config, "long-names");
    assert!(checked.titles.contains(&long));
    assert!(!checked.shows(&long));
    assert!(checked
        .texts
        .iter()
        .any(|t| t.text.starts_with("aWWW") && t.text.ends_with('…')));
}

#[test]
fn user_text_is_escaped_and_survives_the_round_trip() {
    let nasty = "<svc a=\"1\" b='2'>&amp; 日本語 ✓ ü 🚀</svc>";
    let mut config = Config {
        region: "x</text><script>alert(1)</script>".into(),
        ..Config::default()
    };
    config.network.name = nasty.into();
    config.network.cidr = "10.0.0.0/16\"><rect".into();
    config.network.subnets[1] = "<&>\"'".into();
    config.services[0].name = nasty.into();
    config.services[0].cloudfront.host = Some("h&<".into());
    config.domain = Some(stackdraft::engine::config::Domain {
        zone: "z'\"".into(),
        certificate_arn: None,
        hosted_zone_id: None,
    });
    config.services[1].name = "\u{0}\u{7}control\u{1b}[0m\tchars\u{FFFF}".into();
    let svg = architecture_svg(&config);
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("<svc"));
    let checked = check_design(&config, "escaping");
    let everything: Vec<&str> = checked
        .texts
        .iter()
        .map(|t| t.text.as_str())
        .chain(checked.titles.iter().map(String::as_str))
        .collect();
    for expected in [
        nasty.to_string(),
        format!("VPC · {nasty}"),
        "Region · x</text><script>alert(1)</script>".into(),
        "<&>\"'".into(),
        "h&<.z'\"".into(),
    ] {
        assert!(
            everything.contains(&expected.as_str()),
            "{expected:?} did not survive: {everything:?}"
        );
    }
    assert!(everything
        .iter()
        .any(|t| t.contains("control") && t.contains('\u{FFFD}')));
}

#[test]
fn invalid_designs_draw_what_they_can_without_panicking() {
    let base = Config::default();
    let mut designs: Vec<(&str, Config)> = Vec::new();
    let mut c = base.clone();
    c.network.cidr = "not a cidr".into();
    c.network.subnets = vec!["10.0.0.0/33".into(), "".into(), "300.1.1.1/8".into()];
    designs.push(("bad-cidrs", c));
    let mut c = base.clone();
    c.network.subnets.clear();
    c.network.nat = Nat::Manual {
        azs: vec![0, 1, -1],
    };
    designs.push(("no-subnets", c));
    let mut c = base.clone();
    c.network.subnets = vec!["10.0.0.0/24".into()];
    designs.push(("one-subnet", c));
    let mut c = base.clone();
    c.network.subnets = (0..7).map(|i| format!("10.0.{i}.0/24")).collect();
    c.network.nat = Nat::Manual {
        azs: vec![6, 6, 7, i64::MAX, i64::MIN, -3],
    };
    designs.push(("seven-subnets", c));
    let mut c = base.clone();
    c.network.subnets = (0..300).map(|i| format!("10.{i}.0.0/24")).collect();
    designs.push(("300-subnets", c));
    let mut c = base.clone();
    c.services.clear();
    designs.push(("no-services", c));
    let mut c = base.clone();
    c.services = (0..1000)
        .map(|i| Service {
            name: format!("s{i}"),
            ..Service::example(2)
        })
        .collect();
    designs.push(("1000-services", c));
    let mut c = base.clone();
    c.region = String::new();
    c.network.name = String::new();
    c.network.gateway_endpoints = vec![GatewayEndpoint::S3, GatewayEndpoint::S3];
    c.domain = None;
    c.services[0].name = "x".repeat(100_000);
    c.services[0].cpu = i64::MIN;
    c.services[0].memory = -1;
    c.services[0].port = i64::MAX;
    c.services[0].scaling.min = i64::MIN;
    c.services[0].scaling.max = i64::MAX;
    c.services[0].cloudfront.host = Some(String::new());
    c.network.nat = Nat::Manual {
        azs: (0..200_000).rev().collect(),
    };
    designs.push(("extremes", c));
    let mut c = base.clone();
    c.region = "eu-west-1".into();
    c.network.subnets = (0..6).map(|i| format!("192.168.{}.0/20", i * 16)).collect();
    designs.push(("more-subnets-than-zones", c));

    for (name, config) in &designs {
        let checked = check_design(config, name);
        assert!(checked.height > 0.0, "{name}");
        let size = architecture_svg(config).len();
        assert!(size < 100_000, "{name}: {size} bytes");
    }
    let (_, seven) = &designs[3];
    let checked = check(&architecture_svg(seven)).unwrap();
    assert!(checked.shows("ap-northeast-1 has no zone 6"));
    let (_, many) = &designs[6];
    let checked = check(&architecture_svg(many)).unwrap();
    assert!(checked.shows("950 more services not drawn."));
    assert!(checked.shows("ECS Express Mode services (1000)"));
}

#[test]
fn output_is_deterministic() {
    for config in [Config::default(), generated(6, 10), generated(3, 25)] {
        assert_eq!(architecture_svg(&config), architecture_svg(&config.clone()));
    }
}

#[test]
fn the_layout_check_catches_overlaps_and_escapes() {
    let svg = |body: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 400 200\" width=\"400\" height=\"200\">{body}</svg>"
        )
    };
    let clean = svg("<text x=\"10\" y=\"20\" font-size=\"12\">one</text>\
                     <text x=\"10\" y=\"40\" font-size=\"12\">two</text>");
    assert!(check(&clean).is_ok());

    let same_line = svg(
        "<text x=\"10\" y=\"20\" font-size=\"12\">first label</text>\
                         <text x=\"60\" y=\"22\" font-size=\"12\">second</text>",
    );
    let error = check(&same_line).err().expect("overlap caught");
    assert!(error.contains("overlaps"), "{error}");

    let centred = svg(
        "<text x=\"100\" y=\"20\" font-size=\"12\" text-anchor=\"middle\">wide centred text</text>\
                       <text x=\"140\" y=\"20\" font-size=\"12\">right</text>",
    );
    assert!(check(&centred).err().unwrap().contains("overlaps"));

    let stacked = svg("<text x=\"10\" y=\"20\" font-size=\"12\">above</text>\
                       <text x=\"10\" y=\"29\" font-size=\"12\">below</text>");
    assert!(check(&stacked).err().unwrap().contains("overlaps"));

    let outside = svg("<text x=\"380\" y=\"20\" font-size=\"12\">off the edge</text>");
    assert!(check(&outside).err().unwrap().contains("canvas"));

    let spills = svg(
        "<g data-role=\"service\"><rect x=\"0\" y=\"0\" width=\"50\" height=\"30\"/>\
                      <text x=\"5\" y=\"20\" font-size=\"12\">too long for the box</text></g>",
    );
    assert!(check(&spills)
        .err()
        .unwrap()
        .contains("leaves its service box"));

    assert!(check("<svg><text>unclosed</svg>").is_err());
}

#[test]
fn the_vpc_origin_is_named_as_deployed_in_the_designs_region() {
    let config = stackdraft::Config {
        region: "us-east-1".into(),
        ..stackdraft::Config::default()
    };
    let svg = stackdraft::engine::diagram::architecture_svg(&config);
    assert!(
        svg.contains("ecs-express-initial-us-east-1-origin"),
        "the diagram names the VPC origin of its region"
    );
    assert!(!svg.contains("ap-northeast-1-origin"));
}

// ---------------------------------------------------------------------------------------
// The layout, checked on `diagram::Layout` itself (no SVG parsing): every box inside the
// canvas and inside the box it belongs to, no two sibling boxes on top of each other, one
// box per drawn part.

/// The default design with `subnets` AZs and `services` services, IPv6 and CloudFront
/// (with a domain) on or off.
fn layout_design(subnets: usize, services: usize, ipv6: bool, cloudfront: bool) -> Config {
    let mut config = Config::default();
    let net = &mut config.network;
    net.subnets = (0..subnets)
        .map(|i| format!("192.168.{}.0/20", i * 16))
        .collect();
    net.az_ids = None;
    net.ipv6 = ipv6;
    net.nat = Nat::Manual {
        azs: (0..subnets as i64).rev().chain([0, 99, -1]).collect(),
    };
    let template = config.services[1].clone();
    config.services = (0..services)
        .map(|i| {
            let mut service = template.clone();
            service.name = format!("service-{i}");
            service.cloudfront.enabled = cloudfront && i % 3 != 2;
            service.cloudfront.host = cloudfront.then(|| format!("h{i}"));
            service
        })
        .collect();
    config.domain = cloudfront.then(|| Domain {
        zone: "example.com".into(),
        certificate_arn: None,
        hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
    });
    config
}

fn no_two_overlap(what: &str, boxes: &[(&str, Rect)]) {
    for (i, (a, ra)) in boxes.iter().enumerate() {
        for (b, rb) in &boxes[i + 1..] {
            assert!(!ra.overlaps(rb), "{what}: {a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}

fn all_inside(what: &str, parent: (&str, Rect), children: &[(&str, Rect)]) {
    for (name, child) in children {
        assert!(
            parent.1.contains(child),
            "{what}: {name} {child:?} is not inside {} {:?}",
            parent.0,
            parent.1
        );
    }
}

fn named<'a>(name: &'a str, rects: &[Rect]) -> Vec<(&'a str, Rect)> {
    rects.iter().map(|r| (name, *r)).collect()
}

/// Checks every invariant of `config`'s layout.
/// The Elastic IPs' boxes, in the layout's column order.
fn eips_of(l: &Layout) -> Vec<Rect> {
    l.eip_columns.iter().map(|&c| l.eip(c)).collect()
}

fn check_layout(config: &Config, what: &str) -> Layout {
    let l = diagram::layout(config);
    let subnets = config.network.subnets.len().min(MAX_DRAWN_SUBNETS);
    let services = config.services.len().min(MAX_DRAWN_SERVICES);
    let distributions = config.services[..services]
        .iter()
        .filter(|s| s.cloudfront.enabled)
        .count();
    let mut endpoints = config.network.gateway_endpoints.clone();
    endpoints.sort();
    endpoints.dedup();
    assert_eq!(l.columns, subnets, "{what}: AZ columns");
    assert_eq!(l.endpoint_count, endpoints.len(), "{what}: endpoints");
    let azs: Vec<Rect> = (0..l.columns).map(|i| l.az(i)).collect();
    let subnet_boxes: Vec<Rect> = (0..l.columns).map(|i| l.subnet(i)).collect();
    let service_boxes: Vec<Rect> = (0..services).map(|i| l.service_box(i)).collect();
    let distribution_boxes: Vec<Rect> = (0..distributions).map(|i| l.distribution(i)).collect();
    let eips = eips_of(&l);
    let endpoint_boxes: Vec<Rect> = (0..l.endpoint_count).map(|i| l.endpoint(i)).collect();
    assert_eq!(
        l.egress_only_igw.is_some(),
        config.network.ipv6,
        "{what}: egress-only IGW"
    );

    let canvas = Rect::new(0.0, 0.0, l.width, l.height);
    let mut everything = vec![
        ("internet", l.internet),
        ("cloudfront", l.cloudfront),
        ("region", l.region),
        ("vpc", l.vpc),
        ("vpc origin", l.vpc_origin),
        ("alb", l.alb),
        ("services", l.services),
        ("nat", l.nat),
        ("igw", l.igw),
    ];
    everything.extend(named("distribution", &distribution_boxes));
    everything.extend(named("az", &azs));
    everything.extend(named("subnet", &subnet_boxes));
    everything.extend(named("service", &service_boxes));
    everything.extend(named("eip", &eips));
    everything.extend(named("endpoint", &endpoint_boxes));
    everything.extend(l.egress_only_igw.map(|r| ("egress-only igw", r)));
    all_inside(what, ("canvas", canvas), &everything);
    assert!(
        l.egress_x < l.width && l.egress_x > l.region.right(),
        "{what}: egress path"
    );
    assert!(
        l.legend_y > l.region.bottom() && l.legend_y < l.height,
        "{what}: legend"
    );

    // Top to bottom: the internet, CloudFront, the region.
    no_two_overlap(
        what,
        &[
            ("internet", l.internet),
            ("cloudfront", l.cloudfront),
            ("region", l.region),
        ],
    );
    all_inside(
        what,
        ("cloudfront", l.cloudfront),
        &named("distribution", &distribution_boxes),
    );
    no_two_overlap(what, &named("distribution", &distribution_boxes));

    all_inside(what, ("region", l.region), &[("vpc", l.vpc)]);
    all_inside(what, ("vpc", l.vpc), &named("az", &azs));
    no_two_overlap(what, &named("az", &azs));
    for (az, subnet) in azs.iter().zip(&subnet_boxes) {
        all_inside(what, ("az", *az), &[("subnet", *subnet)]);
    }

    // The VPC origin, the ALB, the services and the NAT Gateway stack down the VPC.
    let stack = [
        ("vpc origin", l.vpc_origin),
        ("alb", l.alb),
        ("services", l.services),
        ("nat", l.nat),
    ];
    all_inside(what, ("vpc", l.vpc), &stack);
    no_two_overlap(what, &stack);
    for subnet in &subnet_boxes {
        let rows = Rect::new(l.vpc.x, subnet.y, l.vpc.w, subnet.h);
        all_inside(what, ("subnet row", rows), &stack[..3]);
        assert!(l.nat.y >= subnet.bottom(), "{what}: NAT below the subnets");
    }
    all_inside(
        what,
        ("services", l.services),
        &named("service", &service_boxes),
    );
    no_two_overlap(what, &named("service", &service_boxes));
    all_inside(what, ("nat", l.nat), &named("eip", &eips));
    no_two_overlap(what, &named("eip", &eips));
    for eip in &eips {
        assert!(
            azs.iter()
                .any(|az| az.x <= eip.x && eip.right() <= az.right()),
            "{what}: Elastic IP {eip:?} is not under an AZ column"
        );
    }

    // The lane straddles the VPC's right edge, inside the region, beside the services.
    let mut lane = named("endpoint", &endpoint_boxes);
    lane.extend(l.egress_only_igw.map(|r| ("egress-only igw", r)));
    let beside_services = Rect::new(l.region.x, l.services.y, l.region.w, l.services.h);
    all_inside(what, ("the services' rows", beside_services), &lane);
    lane.push(("igw", l.igw));
    all_inside(what, ("region", l.region), &lane);
    no_two_overlap(what, &lane);
    for (name, slot) in &lane {
        assert!(
            slot.x < l.vpc.right() && l.vpc.right() < slot.right(),
            "{what}: {name} is not on the VPC's edge"
        );
        assert!(
            slot.x > l.services.right(),
            "{what}: {name} is on the services"
        );
    }
    assert_eq!(l.igw.middle(), l.nat.middle(), "{what}: IGW beside the NAT");

    // The request path runs down the gap between the first two AZ columns.
    assert!(l.internet.x < l.spine && l.spine < l.internet.right());
    assert!(l.vpc_origin.x < l.spine && l.spine < l.vpc_origin.right());
    if let [first, second, ..] = azs[..] {
        assert!(
            first.right() < l.spine && l.spine < second.x,
            "{what}: spine"
        );
    }
    l
}

#[test]
fn example_layouts_keep_every_box_in_its_place() {
    let examples = example_configs();
    assert!(examples.len() >= 4, "found {} examples", examples.len());
    for (name, config) in &examples {
        check_layout(config, name);
    }
}

#[test]
fn generated_layouts_keep_every_box_in_its_place() {
    let mut checked = 0;
    for subnets in 2..=6 {
        for services in 1..=25 {
            for ipv6 in [false, true] {
                for cloudfront in [false, true] {
                    let what = format!(
                        "{subnets} AZs, {services} services, IPv6 {ipv6}, CloudFront {cloudfront}"
                    );
                    check_layout(&layout_design(subnets, services, ipv6, cloudfront), &what);
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 25 * 4);
}

#[test]
fn the_layout_grows_with_the_design_and_draws_each_elastic_ip_once() {
    let small = check_layout(&layout_design(2, 1, false, false), "small");
    let tall = check_layout(&layout_design(2, 25, true, true), "tall");
    let wide = check_layout(&layout_design(6, 1, false, false), "wide");
    assert!(tall.height > small.height && tall.width == small.width);
    assert!(wide.width > small.width);
    // AZs 1, 0, then 0 again, 99 and -1, which are not drawn.
    let eips = eips_of(&small);
    assert_eq!(eips.len(), 2);
    assert!(eips[0].x > eips[1].x, "in the design's order");
    // Beyond the caps, the rest is counted in notes that lengthen the canvas.
    let many = layout_design(MAX_DRAWN_SUBNETS + 2, MAX_DRAWN_SERVICES + 3, true, true);
    let capped = check_layout(&many, "over the caps");
    let mut at_caps = many.clone();
    at_caps.network.subnets.truncate(MAX_DRAWN_SUBNETS);
    at_caps.services.truncate(MAX_DRAWN_SERVICES);
    let exact = check_layout(&at_caps, "at the caps");
    assert_eq!(capped.width, exact.width);
    assert!(capped.height > exact.height);
}

#[test]
fn the_invariant_check_catches_a_box_out_of_place() {
    let a = Rect::new(0.0, 0.0, 10.0, 10.0);
    assert!(a.overlaps(&Rect::new(9.0, 9.0, 5.0, 5.0)));
    assert!(!a.overlaps(&Rect::new(10.0, 0.0, 5.0, 5.0)), "touching");
    assert!(a.contains(&Rect::new(0.0, 0.0, 10.0, 10.0)));
    assert!(!a.contains(&Rect::new(1.0, 1.0, 10.0, 1.0)));
    let result = std::panic::catch_unwind(|| {
        no_two_overlap("test", &[("a", a), ("b", Rect::new(5.0, 5.0, 1.0, 1.0))])
    });
    assert!(result.is_err());
}

/// Issue 28: each service's data access is drawn in its box, through the gateway endpoint
/// (which counts its services) when the design has it and the table is in the design's
/// region, through the NAT otherwise; no ARN or name of the data is drawn.
#[test]
fn data_access_is_drawn_through_the_endpoint_or_the_nat() {
    use stackdraft::engine::config::{Access, Permission};
    let permission = |resource: &str| Permission {
        resource: resource.into(),
        access: Access::Read,
    };
    let mut config = Config::default();
    config.services[0].app.permissions = vec![
        permission("arn:aws:s3:::shop-assets"),
        permission("arn:aws:dynamodb:ap-northeast-1:123456789012:table/orders"),
    ];
    // A table in us-east-1 cannot take the Tokyo VPC's gateway endpoint.
    config.services[1].app.permissions = vec![permission(
        "arn:aws:dynamodb:us-east-1:123456789012:table/audit",
    )];
    let svg = architecture_svg(&config);
    let checked = check_design(&config, "data access");
    assert_eq!(checked.count("data-access"), 2);
    assert!(checked.shows("S3, DynamoDB via endpoints"), "{svg}");
    assert!(checked.shows("DynamoDB via NAT"), "{svg}");
    assert!(checked.shows("S3 · 1 service") && checked.shows("DynamoDB · 1 service"));
    assert!(svg.contains(r#"data-role="data-access" data-s3="endpoint" data-dynamodb="endpoint""#));
    assert!(svg.contains(r#"data-role="data-access" data-dynamodb="nat""#));
    for name in ["shop-assets", "orders", "audit", "123456789012"] {
        assert!(!svg.contains(name), "{name} is drawn");
    }
    // The service boxes grow by one line, only when a service has data access.
    let tall = diagram::layout(&config).service_box(0);
    let short = diagram::layout(&Config::default()).service_box(0);
    assert_eq!(tall.h - short.h, 16.0);

    // Without the S3 endpoint, the bucket's traffic goes through the NAT.
    config
        .network
        .gateway_endpoints
        .retain(|e| *e != GatewayEndpoint::S3);
    let checked = check_design(&config, "no S3 endpoint");
    // Too long for the box: cut, with the whole line in its <title>.
    assert!(checked
        .texts
        .iter()
        .any(|t| t.text.starts_with("DynamoDB via endpoint; S3")));
    let svg = architecture_svg(&config);
    assert!(svg.contains("<title>DynamoDB via endpoint; S3 via NAT</title>"));
    assert!(
        svg.contains(r#"data-s3="nat" data-dynamodb="endpoint""#),
        "{svg}"
    );
    assert!(!checked.shows("S3 · 1 service"));

    // A design without data access draws none.
    let plain = check_design(&Config::default(), "default");
    assert_eq!(plain.count("data-access"), 0);
}
