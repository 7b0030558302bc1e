//! The diagram's layout, checked on `diagram::Layout` itself (no SVG parsing): every box
//! inside the canvas and inside the box it belongs to, no two sibling boxes on top of each
//! other, one box per drawn part, across the example designs and generated ones.

use std::path::Path;

use stackdraft::config::{Config, Domain, Nat};
use stackdraft::diagram::{layout, Layout, Rect, MAX_DRAWN_SERVICES, MAX_DRAWN_SUBNETS};

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
            (
                path.display().to_string(),
                Config::from_json(&text).unwrap(),
            )
        })
        .collect()
}

/// The default design with `subnets` AZs and `services` services, IPv6 and CloudFront
/// (with a domain) on or off.
fn generated(subnets: usize, services: usize, ipv6: bool, cloudfront: bool) -> Config {
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
fn check(config: &Config, what: &str) -> Layout {
    let l = layout(config);
    let subnets = config.network.subnets.len().min(MAX_DRAWN_SUBNETS);
    let services = config.services.len().min(MAX_DRAWN_SERVICES);
    let distributions = config.services[..services]
        .iter()
        .filter(|s| s.cloudfront.enabled)
        .count();
    assert_eq!(l.azs.len(), subnets, "{what}: AZ columns");
    assert_eq!(l.subnets.len(), subnets, "{what}: subnets");
    assert_eq!(l.service_boxes.len(), services, "{what}: services");
    assert_eq!(
        l.distributions.len(),
        distributions,
        "{what}: distributions"
    );
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
    everything.extend(named("distribution", &l.distributions));
    everything.extend(named("az", &l.azs));
    everything.extend(named("subnet", &l.subnets));
    everything.extend(named("service", &l.service_boxes));
    everything.extend(named("eip", &l.eips));
    everything.extend(named("endpoint", &l.endpoints));
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
        &named("distribution", &l.distributions),
    );
    no_two_overlap(what, &named("distribution", &l.distributions));

    all_inside(what, ("region", l.region), &[("vpc", l.vpc)]);
    all_inside(what, ("vpc", l.vpc), &named("az", &l.azs));
    no_two_overlap(what, &named("az", &l.azs));
    for (az, subnet) in l.azs.iter().zip(&l.subnets) {
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
    for subnet in &l.subnets {
        let rows = Rect::new(l.vpc.x, subnet.y, l.vpc.w, subnet.h);
        all_inside(what, ("subnet row", rows), &stack[..3]);
        assert!(l.nat.y >= subnet.bottom(), "{what}: NAT below the subnets");
    }
    all_inside(
        what,
        ("services", l.services),
        &named("service", &l.service_boxes),
    );
    no_two_overlap(what, &named("service", &l.service_boxes));
    all_inside(what, ("nat", l.nat), &named("eip", &l.eips));
    no_two_overlap(what, &named("eip", &l.eips));
    for eip in &l.eips {
        assert!(
            l.azs
                .iter()
                .any(|az| az.x <= eip.x && eip.right() <= az.right()),
            "{what}: Elastic IP {eip:?} is not under an AZ column"
        );
    }

    // The lane straddles the VPC's right edge, inside the region, beside the services.
    let mut lane = named("endpoint", &l.endpoints);
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
    if let [first, second, ..] = l.azs[..] {
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
        check(config, name);
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
                    check(&generated(subnets, services, ipv6, cloudfront), &what);
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 5 * 25 * 4);
}

#[test]
fn the_layout_grows_with_the_design_and_draws_each_elastic_ip_once() {
    let small = check(&generated(2, 1, false, false), "small");
    let tall = check(&generated(2, 25, true, true), "tall");
    let wide = check(&generated(6, 1, false, false), "wide");
    assert!(tall.height > small.height && tall.width == small.width);
    assert!(wide.width > small.width);
    // AZs 1, 0, then 0 again, 99 and -1, which are not drawn.
    assert_eq!(small.eips.len(), 2);
    assert!(small.eips[0].x > small.eips[1].x, "in the design's order");
    // Beyond the caps, the rest is counted in notes that lengthen the canvas.
    let many = generated(MAX_DRAWN_SUBNETS + 2, MAX_DRAWN_SERVICES + 3, true, true);
    let capped = check(&many, "over the caps");
    let mut at_caps = many.clone();
    at_caps.network.subnets.truncate(MAX_DRAWN_SUBNETS);
    at_caps.services.truncate(MAX_DRAWN_SERVICES);
    let exact = check(&at_caps, "at the caps");
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
