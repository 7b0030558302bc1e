//! The cost model (issue 13): the compiled price table matches data/prices.json, and
//! estimates recomputed by hand from the table's published figures.
//! `STACKDRAFT_BLESS=1 cargo test --test cost` regenerates src/engine/cost/prices.rs and the golden
//! estimates under tests/cost/.

mod common;

use std::path::{Path, PathBuf};

use stackdraft::engine::config::{GatewayEndpoint, Nat, SecretVar};
use stackdraft::engine::cost::report::{assumptions, json, markdown, PARAMETER_STORE_SOURCES};
use stackdraft::engine::cost::table::{Confidence, Missing, PriceKey, Scope};
use stackdraft::engine::cost::{
    estimate, from_config, lookup, CostInput, DesignCost, Estimate, Line, LineAmount, LineKind,
    NatPlan, PriceClass, ServiceLoad, Usage, WafPlan,
};
use stackdraft::Config;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn bless() -> bool {
    std::env::var_os("STACKDRAFT_BLESS").is_some()
}

/// Compares `actual` with the committed file, or writes it when blessing.
fn golden(path: &Path, actual: &str) {
    if bless() {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == actual,
        "{} differs from what the code makes (run STACKDRAFT_BLESS=1 cargo test --test cost if intended)",
        path.display()
    );
}

#[test]
fn the_compiled_price_table_is_what_the_generator_makes_of_the_data() {
    let data = std::fs::read_to_string(root().join("data/prices.json")).unwrap();
    let source = stackdraft::engine::cost::generate::price_table_source(&data)
        .unwrap_or_else(|e| panic!("data/prices.json: {e}"));
    golden(&root().join("src/engine/cost/prices.rs"), &source);
}

/// One expected line: kind, service index, quantity in thousandths (min, max), the unit
/// price in micro-dollars as the table publishes it, and the monthly cost worked out by hand.
struct Want {
    kind: LineKind,
    service: Option<usize>,
    milli: (u64, u64),
    price: u64,
    cost: (u64, u64),
}

fn want(kind: LineKind, milli: u64, price: u64, cost: u64) -> Want {
    Want {
        kind,
        service: None,
        milli: (milli, milli),
        price,
        cost: (cost, cost),
    }
}

fn per_service(
    kind: LineKind,
    service: usize,
    milli: (u64, u64),
    price: u64,
    cost: (u64, u64),
) -> Want {
    Want {
        kind,
        service: Some(service),
        milli,
        price,
        cost,
    }
}

/// Every priced line of `design` is exactly `wants`, in order, and `unpriced` names the
/// other lines (kind, what must appear in the reason).
fn check(design: &DesignCost, wants: &[Want], unpriced: &[(LineKind, &str)]) {
    let priced: Vec<&Line> = design
        .lines
        .iter()
        .filter(|l| matches!(l.amount, LineAmount::Priced { .. }))
        .collect();
    let kinds = |lines: &[&Line]| -> Vec<(LineKind, Option<usize>)> {
        lines.iter().map(|l| (l.kind, l.service)).collect()
    };
    let wanted: Vec<(LineKind, Option<usize>)> =
        wants.iter().map(|w| (w.kind, w.service)).collect();
    assert_eq!(kinds(&priced), wanted, "{:?}: priced lines", design.design);
    for (line, want) in priced.iter().zip(wants) {
        let LineAmount::Priced {
            price,
            min_micro_usd,
            max_micro_usd,
            ..
        } = &line.amount
        else {
            unreachable!()
        };
        let at = format!("{:?} {:?} {:?}", design.design, line.kind, line.service);
        assert_eq!(
            (line.quantity.min_milli, line.quantity.max_milli),
            want.milli,
            "{at}: quantity"
        );
        assert_eq!(price.micro_usd, want.price, "{at}: unit price");
        assert_eq!((*min_micro_usd, *max_micro_usd), want.cost, "{at}: cost");
    }
    let others: Vec<(LineKind, String)> = design
        .lines
        .iter()
        .filter_map(|l| match &l.amount {
            LineAmount::Unpriced { reason } => Some((l.kind, reason.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        others.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        unpriced.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        "{:?}: unpriced lines",
        design.design
    );
    for ((kind, reason), (_, needle)) in others.iter().zip(unpriced) {
        assert!(
            reason.contains(needle),
            "{kind:?}: {reason:?} should name {needle:?}"
        );
    }
    let sum = |f: fn(&Want) -> u64| wants.iter().map(f).sum::<u64>();
    assert_eq!(
        (design.min_micro_usd, design.max_micro_usd),
        (sum(|w| w.cost.0), sum(|w| w.cost.1)),
        "{:?}: totals are the sum of the priced lines",
        design.design
    );
}

fn line(design: &DesignCost, kind: LineKind) -> &Line {
    design
        .lines
        .iter()
        .find(|l| l.kind == kind)
        .unwrap_or_else(|| panic!("{:?} has no {kind:?} line", design.design))
}

// Published figures used below, in micro-dollars (data/prices.json, with its sources):
// ap-northeast-1: Regional and zonal NAT $0.062/h and $0.062/GB (S6, S7); ALB $0.0243/h,
// LCU $0.008 (S6, S34); Fargate x86 $0.05056 per vCPU-hour, $0.00553 per GB-hour (S6);
// CloudWatch Logs $0.76/GB, $0.033/GB-month (S6, S18); cross-AZ $0.01/GB per direction (S6).
// Everywhere: public IPv4 $0.005/h (S4, S19); gateway endpoints free (S3).
// CloudFront Japan: $0.114/GB (S13), $0.012 per 10,000 HTTPS requests (S33, S34).

/// The default design: Tokyo, three subnets, a manual NAT in all three zones, two services
/// (1 vCPU / 2 GB, 1–3 tasks each), CloudFront on the first behind the managed web ACL,
/// access logs (and so the web ACL's logs, in us-east-1), default usage.
#[test]
fn default_design_recomputed_by_hand() {
    let input = from_config(&Config::default());
    assert_eq!(input.usage, Usage::DEFAULT);
    let e = estimate(&input);
    use LineKind::*;
    let tasks = [
        per_service(
            FargateVcpu,
            0,
            (730_000, 2_190_000),
            50_560,
            (36_908_800, 110_726_400),
        ),
        per_service(
            FargateMemory,
            0,
            (1_460_000, 4_380_000),
            5_530,
            (8_073_800, 24_221_400),
        ),
        per_service(
            FargateVcpu,
            1,
            (730_000, 2_190_000),
            50_560,
            (36_908_800, 110_726_400),
        ),
        per_service(
            FargateMemory,
            1,
            (1_460_000, 4_380_000),
            5_530,
            (8_073_800, 24_221_400),
        ),
    ];
    // The same in both designs: logs, CloudFront, the web ACL and the log lines.
    // S3 Standard $0.025/GB-month in Tokyo (S7, S34); in us-east-1, where the web ACL's
    // logs are, vended logs to CloudWatch Logs $0.50/GB and storage $0.03/GB-month (S17).
    let edge = [
        want(LogsIngestion, 5_000, 760_000, 3_800_000),
        want(LogsStorage, 5_000, 33_000, 165_000),
        want(CloudfrontRequests, 10_000_000_000, 12_000, 12_000_000),
        want(CloudfrontData, 100_000, 114_000, 11_400_000),
        want(WafAcl, 1_000, 5_000_000, 5_000_000),
        want(WafRules, 4_000, 1_000_000, 4_000_000),
        want(WafRequests, 10_000_000_000, 600_000, 6_000_000),
        want(AccessLogStorage, 5_000, 25_000, 125_000),
        want(WafLogIngestion, 5_000, 500_000, 2_500_000),
        want(WafLogStorage, 5_000, 30_000, 150_000),
    ];
    let delivery = [(AccessLogDelivery, "standard logs")];
    let mut this = vec![
        // Three zones listed: 3 × 730 zone-hours, an Elastic IP each.
        want(NatHours, 2_190_000, 62_000, 135_780_000),
        want(NatAddresses, 2_190_000, 5_000, 10_950_000),
        want(NatData, 50_000, 62_000, 3_100_000),
        want(AlbHours, 730_000, 24_300, 17_739_000),
        // 10,000,000 requests ÷ 90,000 = 111.111 LCU-hours (more than 100 GB).
        want(AlbCapacity, 111_111, 8_000, 888_888),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    this.extend(tasks.iter().map(|w| Want { ..*w }));
    this.extend(edge.iter().map(|w| Want { ..*w }));
    check(&e.this, &this, &delivery);
    let mut classic = vec![
        want(NatHours, 2_190_000, 62_000, 135_780_000),
        want(NatAddresses, 2_190_000, 5_000, 10_950_000),
        want(NatData, 50_000, 62_000, 3_100_000),
        want(AlbHours, 730_000, 24_300, 17_739_000),
        want(AlbCapacity, 111_111, 8_000, 888_888),
        want(AlbAddresses, 2_190_000, 5_000, 10_950_000),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    classic.extend(tasks.iter().map(|w| Want { ..*w }));
    classic.extend(edge.iter().map(|w| Want { ..*w }));
    check(&e.classic, &classic, &delivery);
    // A NAT in every zone costs what the classic design's zonal NAT gateways cost: only the
    // internet-facing load balancer's addresses differ.
    for (kind, differs) in [
        (NatHours, false),
        (NatAddresses, false),
        (NatData, false),
        (AlbHours, false),
        (FargateVcpu, false),
        (CloudfrontData, false),
        (WafLogIngestion, false),
    ] {
        assert_eq!(line(&e.this, kind).differs, differs, "{kind:?}");
    }
    assert!(line(&e.classic, AlbAddresses).differs);
    // Classic minus this design: the load balancer's 3 public IPv4 addresses, 3 × 730 × $0.005.
    assert_eq!(e.difference(), (10_950_000, 10_950_000));
    // This design at the minimum task counts: 135.78 + 10.95 + 3.10 + 17.739 + 0.888888
    // + 2 × (36.9088 + 8.0738) + 3.80 + 0.165 + 12.00 + 11.40 + 5 + 4 + 6 + 0.125 + 2.50
    // + 0.15 = 303.563088; at the maximum, the tasks three times: 483.493488.
    let md = markdown(&e);
    assert!(
        md.contains("| At the minimum task counts | $303.56 | $314.51 | $10.95 |"),
        "{md}"
    );
    assert!(
        md.contains("| At the maximum task counts | $483.49 | $494.44 | $10.95 |"),
        "{md}"
    );
}

fn hardened_us_east_1() -> CostInput {
    CostInput {
        region: "us-east-1".into(),
        subnets: 2,
        nat: NatPlan::Auto,
        gateway_endpoints: vec![GatewayEndpoint::S3],
        services: vec![ServiceLoad {
            name: "api".into(),
            cpu_units: 512,
            memory_mib: 1024,
            min_tasks: 2,
            max_tasks: 4,
            cloudfront: true,
        }],
        secrets: Vec::new(),
        parameters: false,
        waf: WafPlan::Managed,
        access_logs: true,
        flow_logs: true,
        price_class: PriceClass::All,
        usage: Usage {
            requests: 20_000_000,
            viewer_gb: 200,
            nat_egress_gb: 80,
            logs_gb: 10,
        },
        classic_interface_endpoints: true,
    }
}

// us-east-1: Regional and zonal NAT $0.045/h and $0.045/GB (S3, S19, S23, S26); ALB
// $0.0225/h (S23, S24), LCU $0.008 (S23); Fargate x86 $0.04048 / $0.004445 (S12);
// CloudWatch Logs $0.50/GB, $0.03/GB-month, vended logs to CloudWatch Logs $0.50/GB (S17);
// S3 Standard $0.023 (S23, S26); interface endpoint $0.01 per zone-hour (S3, S26).
// WAF $5 per web ACL, $1 per rule, $0.60 per million requests (S6, S7, S42).
// CloudFront US: $0.085/GB (S13), $0.010 per 10,000 HTTPS requests (S14, S24, S33).

/// Automatic NAT in two zones, WAF managed, access and flow logs, interface endpoints in
/// the classic design, a usage of 20 M requests, 200 GB, 80 GB egress, 10 GB of logs.
#[test]
fn hardened_design_recomputed_by_hand_auto_nat_and_managed_waf() {
    let e = estimate(&hardened_us_east_1());
    use LineKind::*;
    let shared = |lines: &mut Vec<Want>| {
        lines.extend([
            per_service(
                FargateVcpu,
                0,
                (730_000, 1_460_000),
                40_480,
                (29_550_400, 59_100_800),
            ),
            per_service(
                FargateMemory,
                0,
                (1_460_000, 2_920_000),
                4_445,
                (6_489_700, 12_979_400),
            ),
            want(LogsIngestion, 10_000, 500_000, 5_000_000),
            want(LogsStorage, 10_000, 30_000, 300_000),
            want(CloudfrontRequests, 20_000_000_000, 10_000, 20_000_000),
            want(CloudfrontData, 200_000, 85_000, 17_000_000),
            want(WafAcl, 1_000, 5_000_000, 5_000_000),
            want(WafRules, 4_000, 1_000_000, 4_000_000),
            want(WafRequests, 20_000_000_000, 600_000, 12_000_000),
            want(AccessLogStorage, 10_000, 23_000, 230_000),
            want(WafLogIngestion, 10_000, 500_000, 5_000_000),
            want(WafLogStorage, 10_000, 30_000, 300_000),
            want(FlowLogIngestion, 10_000, 500_000, 5_000_000),
            want(FlowLogStorage, 10_000, 30_000, 300_000),
        ])
    };
    let mut this = vec![
        // Automatic mode: every subnet's zone, 2 × 730 hours.
        want(NatHours, 1_460_000, 45_000, 65_700_000),
        want(NatAddresses, 1_460_000, 5_000, 7_300_000),
        want(NatData, 80_000, 45_000, 3_600_000),
        want(AlbHours, 730_000, 22_500, 16_425_000),
        // 20,000,000 ÷ 90,000 = 222.222 LCU-hours (more than 200 GB).
        want(AlbCapacity, 222_222, 8_000, 1_777_776),
        want(GatewayEndpoints, 730_000, 0, 0),
    ];
    shared(&mut this);
    let delivery = [(AccessLogDelivery, "standard logs")];
    check(&e.this, &this, &delivery);
    let mut classic = vec![
        want(NatHours, 1_460_000, 45_000, 65_700_000),
        want(NatAddresses, 1_460_000, 5_000, 7_300_000),
        want(NatData, 80_000, 45_000, 3_600_000),
        want(AlbHours, 730_000, 22_500, 16_425_000),
        want(AlbCapacity, 222_222, 8_000, 1_777_776),
        want(AlbAddresses, 1_460_000, 5_000, 7_300_000),
        // ecr.api, ecr.dkr, logs, sts in 2 zones: 8 × 730 hours.
        want(InterfaceEndpoints, 5_840_000, 10_000, 58_400_000),
    ];
    shared(&mut classic);
    check(&e.classic, &classic, &delivery);
    // Two zones either way: the NAT lines cost the same and are not marked.
    assert!(!line(&e.this, NatHours).differs);
    assert!(line(&e.this, GatewayEndpoints).differs);
    assert!(line(&e.classic, InterfaceEndpoints).differs);
    assert!(!line(&e.this, WafRequests).differs);
    // Classic minus this design: 7.30 + 58.40 − 0 (gateway endpoints).
    assert_eq!(e.difference(), (65_700_000, 65_700_000));
}

// eu-west-1: Regional and zonal NAT $0.048/h and $0.048/GB (S5, S3); ALB $0.0252/h (S37,
// S38), LCU $0.008 (S36, S37); Fargate x86 $0.04048 / $0.004445 (S10); cross-AZ $0.01 (S4).
// No CloudWatch Logs figure for eu-west-1. CloudFront Europe: $0.085/GB (S13), $0.012 per
// 10,000 HTTPS requests (S32, S33, S35).

/// Manual NAT in two of three zones, an existing web ACL, PriceClass_100, a small worker
/// without CloudFront; CloudWatch Logs has no price in eu-west-1.
#[test]
fn ireland_design_recomputed_by_hand_with_named_unpriced_lines() {
    let mut config = Config {
        region: "eu-west-1".into(),
        ..Config::default()
    };
    config.network.nat = Nat::Manual { azs: vec![0, 2] };
    config.edge.access_logs = false;
    config.services[0].scaling.max = 2;
    config.services[1].cpu = 256;
    config.services[1].memory = 512;
    config.services[1].scaling.max = 1;
    let mut input = from_config(&config);
    input.waf = WafPlan::Existing;
    input.price_class = PriceClass::P100;
    let e = estimate(&input);
    use LineKind::*;
    let tasks = [
        per_service(
            FargateVcpu,
            0,
            (730_000, 1_460_000),
            40_480,
            (29_550_400, 59_100_800),
        ),
        per_service(
            FargateMemory,
            0,
            (1_460_000, 2_920_000),
            4_445,
            (6_489_700, 12_979_400),
        ),
        // 0.25 vCPU × 730 hours = 182.5 vCPU-hours; 0.5 GB × 730 = 365 GB-hours.
        per_service(
            FargateVcpu,
            1,
            (182_500, 182_500),
            40_480,
            (7_387_600, 7_387_600),
        ),
        per_service(
            FargateMemory,
            1,
            (365_000, 365_000),
            4_445,
            (1_622_425, 1_622_425),
        ),
        want(CloudfrontRequests, 10_000_000_000, 12_000, 12_000_000),
        want(CloudfrontData, 100_000, 85_000, 8_500_000),
    ];
    let unpriced = [
        (
            LogsIngestion,
            "CloudWatch Logs ingestion (standard class) for eu-west-1",
        ),
        (LogsStorage, "CloudWatch Logs storage for eu-west-1"),
    ];
    let mut this = vec![
        want(NatHours, 1_460_000, 48_000, 70_080_000),
        want(NatAddresses, 1_460_000, 5_000, 7_300_000),
        want(NatData, 50_000, 48_000, 2_400_000),
        want(AlbHours, 730_000, 25_200, 18_396_000),
        want(AlbCapacity, 111_111, 8_000, 888_888),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    this.extend(tasks.iter().map(|w| Want { ..*w }));
    check(&e.this, &this, &unpriced);
    let mut classic = vec![
        want(NatHours, 2_190_000, 48_000, 105_120_000),
        want(NatAddresses, 2_190_000, 5_000, 10_950_000),
        want(NatData, 50_000, 48_000, 2_400_000),
        want(AlbHours, 730_000, 25_200, 18_396_000),
        want(AlbCapacity, 111_111, 8_000, 888_888),
        want(AlbAddresses, 2_190_000, 5_000, 10_950_000),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    classic.extend(tasks.iter().map(|w| Want { ..*w }));
    check(&e.classic, &classic, &unpriced);
    // The existing ACL is shown, not priced and not counted as unpriced.
    let acl = line(&e.this, WafAcl);
    assert!(
        matches!(&acl.amount, LineAmount::NotCounted { reason } if reason.contains("not ours to price"))
    );
    let md = markdown(&e);
    assert!(
        md.contains("The totals leave out 4 lines that could not be priced"),
        "{md}"
    );
    assert!(md.contains("- This design: CloudWatch Logs storage: the price table has no CloudWatch Logs storage for eu-west-1."), "{md}");
}

/// A region the table has no figures for: every regional line is named as unpriced, none
/// is counted as zero; the global and edge-group prices still apply.
#[test]
fn a_region_without_prices_names_each_line_it_cannot_price() {
    // The field report's design: one NAT zone, no web ACL, no access logs.
    let config = Config {
        region: "sa-east-1".into(),
        ..common::load_example(&common::templates_dir().join("field-report"))
    };
    let e = estimate(&from_config(&config));
    use LineKind::*;
    let regional = [
        (NatHours, "Regional NAT Gateway hour per zone for sa-east-1"),
        (NatData, "Regional NAT Gateway data processed for sa-east-1"),
        (AlbHours, "Application Load Balancer hour for sa-east-1"),
        (AlbCapacity, "LCU-hour for sa-east-1"),
        (FargateVcpu, "Fargate vCPU-hour (Linux/x86) for sa-east-1"),
        (FargateMemory, "Fargate GB-hour (Linux/x86) for sa-east-1"),
        (FargateVcpu, "Fargate vCPU-hour"),
        (FargateMemory, "Fargate GB-hour"),
        (LogsIngestion, "CloudWatch Logs ingestion"),
        (LogsStorage, "CloudWatch Logs storage"),
    ];
    // South America edge group: $0.110/GB (S13), $0.022 per 10,000 HTTPS requests (S33).
    let edge = [
        want(CloudfrontRequests, 10_000_000_000, 22_000, 22_000_000),
        want(CloudfrontData, 100_000, 110_000, 11_000_000),
    ];
    let mut this = vec![
        want(NatAddresses, 730_000, 5_000, 3_650_000),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    this.extend(edge.iter().map(|w| Want { ..*w }));
    check(&e.this, &this, &regional);
    let mut classic_unpriced = regional.to_vec();
    classic_unpriced[0] = (NatHours, "NAT gateway hour (zonal) for sa-east-1");
    classic_unpriced[1] = (NatData, "NAT gateway data processed (zonal) for sa-east-1");
    let mut classic = vec![
        want(NatAddresses, 2_190_000, 5_000, 10_950_000),
        want(AlbAddresses, 2_190_000, 5_000, 10_950_000),
        want(GatewayEndpoints, 1_460_000, 0, 0),
    ];
    classic.extend(edge.iter().map(|w| Want { ..*w }));
    check(&e.classic, &classic, &classic_unpriced);
    let md = markdown(&e);
    assert!(
        md.contains("The totals leave out 20 lines that could not be priced"),
        "{md}"
    );
    assert!(md.contains("| ≠ | Regional NAT Gateway, 1 zone [1] | 730 zone-hours × no price: the price table has no Regional NAT Gateway hour per zone for sa-east-1 | not priced | | |"), "{md}");
    for row in md.lines().filter(|row| row.contains("no price:")) {
        assert!(
            row.ends_with("| not priced | | |"),
            "an unpriced line shows no amount: {row}"
        );
    }
}

/// A price class that does not serve the region's edge group leaves CloudFront unpriced
/// instead of guessing which group's edges bill the viewers.
#[test]
fn a_price_class_without_the_regions_edge_group_leaves_cloudfront_unpriced() {
    let mut input = from_config(&Config::default());
    for (class, priced) in [
        (PriceClass::All, true),
        (PriceClass::P200, true),
        (PriceClass::P100, false),
    ] {
        input.price_class = class;
        let e = estimate(&input);
        for kind in [LineKind::CloudfrontRequests, LineKind::CloudfrontData] {
            let amount = &line(&e.this, kind).amount;
            match amount {
                LineAmount::Priced { .. } => assert!(priced, "{class:?} {kind:?}"),
                LineAmount::Unpriced { reason } => {
                    assert!(!priced, "{class:?} {kind:?}");
                    assert!(
                        reason
                            .starts_with("PriceClass_100 does not serve from the Japan edge group"),
                        "{reason}"
                    );
                }
                LineAmount::NotCounted { .. } => panic!("{kind:?} is priced or unpriced"),
            }
        }
    }
}

/// A Secrets Manager secret's ARN in `region` (the six characters after the name are the
/// suffix Secrets Manager adds).
fn secret_arn(region: &str, name: &str) -> String {
    format!("arn:aws:secretsmanager:{region}:123456789012:secret:{name}")
}

fn variable(name: &str, value_from: String) -> SecretVar {
    SecretVar {
        name: name.into(),
        value_from,
    }
}

/// The default design whose two services read three variables from two secrets (two JSON
/// keys of one, from both services) and one from a Parameter Store parameter.
fn default_with_secrets() -> Config {
    let mut config = Config::default();
    let db = secret_arn("ap-northeast-1", "shop/db-Xy12Ab");
    let api = secret_arn("ap-northeast-1", "shop/api-Ab34Cd");
    config.services[0].app.secrets = vec![
        variable("DB_PASSWORD", format!("{db}:password::")),
        variable("API_TOKEN", api),
    ];
    config.services[1].app.secrets = vec![
        variable("DB_USER", format!("{db}:username::")),
        variable("SENTRY_DSN", "/shop/sentry-dsn".into()),
    ];
    config
}

// Secrets Manager: $0.40 per secret-month, $0.05 per 10,000 API calls (S44, S45, S46, S48;
// the secret-month also S47), stored once for every region and marked inferred: found for
// us-east-1, eu-west-2, ap-southeast-1 and ap-northeast-1 only.

/// Two services, three variables reading two distinct secrets (the database secret's
/// `password` and `username` keys are one secret) and one parameter: 2 secret-months in
/// both designs; the parameter costs nothing and says so.
#[test]
fn secrets_are_counted_once_each_in_both_designs() {
    let config = default_with_secrets();
    let input = from_config(&config);
    assert_eq!(
        input.secrets,
        vec![
            secret_arn("ap-northeast-1", "shop/db-Xy12Ab"),
            secret_arn("ap-northeast-1", "shop/api-Ab34Cd"),
        ]
    );
    assert!(input.parameters);
    let with = estimate(&input);
    let without = estimate(&from_config(&Config::default()));
    for (design, before) in [
        (&with.this, &without.this),
        (&with.classic, &without.classic),
    ] {
        let line = line(design, LineKind::SecretsManagerSecrets);
        assert_eq!(line.what, "Secrets Manager secrets: 2");
        assert_eq!(line.service, None);
        // 2 secrets × 1 month.
        assert_eq!(
            (line.quantity.min_milli, line.quantity.max_milli),
            (2_000, 2_000)
        );
        let LineAmount::Priced {
            key,
            price,
            min_micro_usd,
            max_micro_usd,
        } = &line.amount
        else {
            panic!("{:?}: the secrets line is priced", design.design)
        };
        assert_eq!(*key, PriceKey::SecretsManagerSecretMonth);
        assert_eq!(price.micro_usd, 400_000);
        // 2 × $0.40 = $0.80, at the minimum and the maximum task counts alike.
        assert_eq!((*min_micro_usd, *max_micro_usd), (800_000, 800_000));
        assert!(
            !line.differs,
            "the same services read the same secrets in both designs"
        );
        let note = &line.assumption.as_ref().unwrap().text;
        assert!(note.contains("at $0.05 per 10,000 requests"), "{note}");
        assert!(note.contains("API calls are not counted"), "{note}");
        // The totals rise by exactly the line.
        assert_eq!(design.min_micro_usd, before.min_micro_usd + 800_000);
        assert_eq!(design.max_micro_usd, before.max_micro_usd + 800_000);
        assert_eq!(design.lines.len(), before.lines.len() + 1);
    }
    assert_eq!(with.difference(), without.difference());
    // default_design_recomputed_by_hand's totals plus $0.80: 303.563088 + 0.80 and
    // 483.493488 + 0.80 for this design, 314.513088 + 0.80 and 494.443488 + 0.80 classic.
    let md = markdown(&with);
    assert!(
        md.contains("| At the minimum task counts | $304.36 | $315.31 | $10.95 |"),
        "{md}"
    );
    assert!(
        md.contains("| At the maximum task counts | $484.29 | $495.24 | $10.95 |"),
        "{md}"
    );
    assert!(
        md.contains("| 2 secret-months × $0.40 per secret-month | $0.80 | 2026-10-06 | inferred |"),
        "{md}"
    );
    let said = assumptions(&with);
    assert!(
        said.iter().any(
            |a| a.starts_with("The services read Parameter Store parameters")
                && a.contains("S49, S50")
        ),
        "{said:?}"
    );
    for id in PARAMETER_STORE_SOURCES {
        let source = stackdraft::engine::cost::table::source(id).unwrap();
        assert_eq!(source.kind, Confidence::Official, "{id}");
        assert!(
            md.contains(&format!(
                "- {id}: https://docs.aws.amazon.com/systems-manager/"
            )),
            "{md}"
        );
    }
    assert!(md.contains("- S45: "), "{md}");
    // Nothing of the ARNs reaches the estimate's text.
    assert!(!md.contains("arn:aws") && !json(&with).contains("arn:aws"));
}

/// Without secrets there is no secrets line and no Parameter Store sentence; a parameter
/// alone gives the sentence and no line.
#[test]
fn a_design_without_secrets_has_no_secrets_line() {
    let e = estimate(&from_config(&Config::default()));
    for design in e.designs() {
        assert!(design
            .lines
            .iter()
            .all(|l| l.kind != LineKind::SecretsManagerSecrets));
    }
    let md = markdown(&e);
    assert!(
        !md.contains("Secrets Manager") && !md.contains("Parameter Store"),
        "{md}"
    );
    assert!(!md.contains("- S49:"), "{md}");

    let mut config = Config::default();
    config.services[1].app.secrets = vec![variable(
        "API_KEY",
        "arn:aws:ssm:ap-northeast-1:123456789012:parameter/shop/api-key".into(),
    )];
    let input = from_config(&config);
    assert!(input.secrets.is_empty() && input.parameters);
    let only_parameter = estimate(&input);
    assert_eq!(only_parameter.this.lines, e.this.lines);
    assert_eq!(only_parameter.classic.lines, e.classic.lines);
    let md = markdown(&only_parameter);
    assert!(md.contains("- The services read Parameter Store parameters: as standard parameters at the default standard throughput they cost nothing"), "{md}");
    assert!(md.contains("- S49: ") && md.contains("- S50: "), "{md}");
}

#[test]
fn from_config_fills_what_the_config_has_and_leaves_the_rest_off() {
    let mut config = Config::default();
    config.network.nat = Nat::Auto;
    config.network.subnets.truncate(2);
    config.network.gateway_endpoints = vec![GatewayEndpoint::Dynamodb];
    config.services[1].cloudfront.enabled = true;
    config.services[1].scaling.min = 2;
    let input = from_config(&config);
    assert_eq!(input.region, "ap-northeast-1");
    assert_eq!(input.subnets, 2);
    assert_eq!(input.nat, NatPlan::Auto);
    assert_eq!(input.gateway_endpoints, vec![GatewayEndpoint::Dynamodb]);
    assert_eq!(
        input.services[1],
        ServiceLoad {
            name: "ecs-express-secondary".into(),
            cpu_units: 1024,
            memory_mib: 2048,
            min_tasks: 2,
            max_tasks: 3,
            cloudfront: true,
        }
    );
    assert_eq!(input.waf, WafPlan::Managed);
    assert!(input.access_logs);
    assert!(!input.flow_logs && !input.classic_interface_endpoints);
    assert_eq!(input.price_class, PriceClass::All);
    assert_eq!(input.usage, Usage::DEFAULT);
    assert!(input.secrets.is_empty() && !input.parameters);

    // The edge, the logs and the usage come from the design too.
    let mut config = Config::default();
    config.edge.waf = stackdraft::engine::config::Waf::Managed {
        rate_limit: 100,
        allow_large_bodies: false,
    };
    config.edge.access_logs = true;
    config.edge.price_class = PriceClass::P100;
    config.network.flow_logs = true;
    config.usage.requests_per_month = 7;
    config.usage.viewer_gb_per_month = 8;
    config.usage.nat_egress_gb_per_month = 9;
    config.usage.log_gb_per_month = 10;
    config.usage.classic_interface_endpoints = true;
    let input = from_config(&config);
    assert!(input.classic_interface_endpoints);
    assert_eq!(input.waf, WafPlan::Managed);
    assert!(input.access_logs && input.flow_logs);
    assert_eq!(input.price_class, PriceClass::P100);
    assert_eq!(
        input.usage,
        Usage {
            requests: 7,
            viewer_gb: 8,
            nat_egress_gb: 9,
            logs_gb: 10
        }
    );
    config.edge.waf = stackdraft::engine::config::Waf::Existing {
        web_acl_arn: String::new(),
    };
    assert_eq!(from_config(&config).waf, WafPlan::Existing);
    assert_eq!(
        from_config(&Config::default()).nat,
        NatPlan::Manual {
            zones: vec![0, 1, 2]
        }
    );
}

/// The data file's figure for a key in a region, as written there.
fn data_figure(data: &serde_json::Value, region: &str, key: PriceKey) -> Option<serde_json::Value> {
    let entry = match key.scope() {
        Scope::Region => data["regions"].get(region)?.get(key.id())?,
        Scope::Global => data["global"].get(key.id())?,
        Scope::EdgeGroup => data["edge_groups"]
            .as_array()?
            .iter()
            .find(|g| g["regions"].as_array().unwrap().iter().any(|r| r == region))?["prices"]
            .get(key.id())?,
    };
    Some(entry.clone())
}

fn variants(region: &str) -> Vec<CostInput> {
    let mut out = Vec::new();
    for nat in [Nat::Manual { azs: vec![0] }, Nat::Auto] {
        for waf in [WafPlan::Off, WafPlan::Managed, WafPlan::Existing] {
            let mut config = Config {
                region: region.into(),
                ..Config::default()
            };
            config.network.nat = nat.clone();
            if waf == WafPlan::Managed {
                config.services[0].app.secrets =
                    vec![variable("TOKEN", secret_arn(region, "token-Ab12Cd"))];
            }
            let mut input = from_config(&config);
            input.waf = waf;
            input.access_logs = waf != WafPlan::Off;
            input.flow_logs = waf == WafPlan::Managed;
            input.classic_interface_endpoints = waf != WafPlan::Existing;
            out.push(input);
        }
    }
    out
}

/// Every price any line uses, in every offered region, is the table's figure for that key
/// and region: the value written in data/prices.json, with its sources, date and confidence.
#[test]
fn the_model_uses_no_price_that_is_not_in_the_table() {
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("data/prices.json")).unwrap())
            .unwrap();
    let mut priced = 0;
    for region in stackdraft::engine::regions::REGIONS {
        for input in variants(region.code) {
            let e = estimate(&input);
            for design in e.designs() {
                for l in &design.lines {
                    let LineAmount::Priced { key, price, .. } = &l.amount else {
                        continue;
                    };
                    priced += 1;
                    let at = format!("{} {:?} {:?}", region.code, design.design, l.kind);
                    // The web ACL's logs are priced where they are: in us-east-1.
                    let place = match l.kind {
                        LineKind::WafLogIngestion | LineKind::WafLogStorage => "us-east-1",
                        _ => region.code,
                    };
                    assert!(std::ptr::eq(*price, lookup(place, *key).unwrap()), "{at}");
                    let figure = data_figure(&data, place, *key)
                        .unwrap_or_else(|| panic!("{at}: {} is not in data/prices.json", key.id()));
                    let usd = figure["usd"].as_str().unwrap();
                    assert_eq!(
                        stackdraft::engine::cost::generate::micro_usd(usd),
                        Ok(price.micro_usd),
                        "{at}"
                    );
                    let sources: Vec<&str> = figure["sources"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| s.as_str().unwrap())
                        .collect();
                    assert_eq!(sources, price.sources, "{at}");
                    assert!(!sources.is_empty(), "{at}");
                    for id in sources {
                        assert!(
                            stackdraft::engine::cost::table::source(id).is_some(),
                            "{at}: {id}"
                        );
                    }
                    assert_eq!(figure["date"].as_str(), Some(price.date), "{at}");
                    assert_eq!(
                        figure["confidence"].as_str(),
                        Some(price.confidence.label()),
                        "{at}"
                    );
                }
            }
        }
    }
    assert!(priced > 1000, "only {priced} priced lines checked");
}

/// The shared table's `unverified_expected` block (kept in data/unverified-expected.json
/// only for this test) is never a price: where the table has no sourced figure, the model
/// has no price either. A figure equal to an expectation must be one found independently,
/// listed here after review with its sources.
#[test]
fn no_price_comes_from_the_unverified_expectations() {
    let reviewed: [(&str, &str, &[&str]); 6] = [
        ("us-east-2", "fargate_x86_vcpu_hour", &["S39"]),
        ("us-east-2", "fargate_x86_gb_hour", &["S39"]),
        ("eu-west-1", "alb_hour", &["S37", "S38"]),
        ("eu-west-1", "alb_lcu_hour", &["S36", "S37"]),
        ("eu-central-1", "cloudwatch_logs_ingest_gb", &["S33"]),
        (
            "ap-northeast-1",
            "vended_logs_to_cwl_first_10tb_gb",
            &["S40", "S41"],
        ),
    ];
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("data/unverified-expected.json")).unwrap(),
    )
    .unwrap();
    let mut checked = 0;
    for (region, values) in expected["values"].as_object().unwrap() {
        for key in values.as_object().unwrap().keys() {
            let Some(key) = PriceKey::from_id(key) else {
                continue; // a figure the model does not use at all
            };
            checked += 1;
            match (lookup(region, key), reviewed.iter().find(|r| r.0 == region && r.1 == key.id())) {
                (Err(Missing::NoFigure { .. }), None) => {}
                (Ok(price), Some((_, _, sources))) => assert_eq!(price.sources, *sources, "{region} {key:?}"),
                (found, review) => panic!(
                    "{region} {}: the table has {found:?}, reviewed as {review:?}; a price must come from a source, never from unverified_expected",
                    key.id()
                ),
            }
        }
    }
    assert!(checked >= 40, "only {checked} expectations checked");
}

#[test]
fn every_offered_region_is_in_one_edge_group() {
    for region in stackdraft::engine::regions::REGIONS {
        let groups = stackdraft::engine::cost::prices::EDGE_GROUPS
            .iter()
            .filter(|g| g.regions.contains(&region.code))
            .count();
        assert_eq!(groups, 1, "{}", region.code);
        assert!(
            lookup(region.code, PriceKey::CloudfrontDataOutGb).is_ok(),
            "{}",
            region.code
        );
    }
}

#[test]
fn a_bad_figure_in_the_data_is_refused_at_its_place() {
    let data = std::fs::read_to_string(root().join("data/prices.json")).unwrap();
    let generate = stackdraft::engine::cost::generate::price_table_source;
    let cases = [
        (
            "\"usd\": \"0.0243\"",
            "\"usd\": \"0.0243001\"",
            "regions.ap-northeast-1.alb_hour.usd",
        ),
        (
            "\"usd\": \"0.0243\"",
            "\"usd\": \"2.43e-2\"",
            "regions.ap-northeast-1.alb_hour.usd",
        ),
        ("\"S34\"\n", "\"S99\"\n", "S99 is not in the source list"),
        (
            "\"date\": \"2026-09-27\"",
            "\"date\": \"2026-09-01\"",
            "is 2026-09-27; the newest dated source gives 2026-09-23",
        ),
        (
            "\"confidence\": \"official AWS page\"",
            "\"confidence\": \"official\"",
            "is not one of",
        ),
        (
            "\"nat_gateway_hour\": {",
            "\"nat_gateway_hours\": {",
            "not a price the model uses",
        ),
        (
            "\"sa-east-1\"",
            "\"sa-east-9\"",
            "edge_groups[3].regions: \"sa-east-9\" is not a region",
        ),
    ];
    for (from, to, message) in cases {
        assert!(data.contains(from), "{from}");
        let broken = data.replacen(from, to, 1);
        let error = generate(&broken).expect_err(to);
        assert!(error.contains(message), "{to}: {error}");
    }
}

/// Golden estimates: the default design, the hardened one and the default with secrets, as
/// COST.md and as the CLI's JSON (byte for byte; bless with STACKDRAFT_BLESS=1).
#[test]
fn estimates_match_the_golden_files() {
    let dir = root().join("tests/cost-golden");
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        ("default", estimate(&from_config(&Config::default()))),
        ("hardened-us-east-1", estimate(&hardened_us_east_1())),
        ("secrets", estimate(&from_config(&default_with_secrets()))),
    ];
    for (name, e) in &cases {
        golden(&dir.join(format!("{name}.md")), &markdown(e));
        golden(&dir.join(format!("{name}.json")), &json(e));
    }
}

#[test]
fn the_json_document_is_versioned_and_carries_both_designs() {
    let e: Estimate = estimate(&from_config(&Config::default()));
    let doc: serde_json::Value = serde_json::from_str(&json(&e)).unwrap();
    assert_eq!(doc["format"], 1);
    assert_eq!(doc["hours_per_month"], 730);
    assert_eq!(doc["designs"][0]["design"], "this");
    assert_eq!(doc["designs"][1]["design"], "classic");
    assert_eq!(doc["designs"][0]["total"]["min"], "$303.56");
    assert_eq!(
        doc["designs"][1]["total"]["max_micro_usd"],
        // The sum of the classic lines of default_design_recomputed_by_hand, tasks at
        // their maximum: 135.78 + 10.95 + 3.10 + 17.739 + 0.888888 + 10.95 + 0
        // + 2 × (110.7264 + 24.2214) + 3.80 + 0.165 + 12 + 11.40 + 5 + 4 + 6 + 0.125
        // + 2.50 + 0.15.
        494_443_488_i64
    );
    assert_eq!(doc["difference"]["min_micro_usd"], 10_950_000);
    let nat = &doc["designs"][0]["lines"][0];
    assert_eq!(nat["kind"], "nat_hours");
    assert_eq!(nat["price"]["micro_usd"], 62_000);
    assert_eq!(nat["price"]["sources"], serde_json::json!(["S6"]));
    assert_eq!(nat["cost"]["min_micro_usd"], 135_780_000);
    assert_eq!(nat["confidence"], "inferred");
    assert_eq!(nat["differs"], false);
    assert_eq!(
        doc["designs"][0]["lines"][7]["service"],
        "ecs-express-initial"
    );
}

/// data/PRICES.md shows which regional figures the table has; the table between its markers
/// is made from the data, so the two cannot disagree.
#[test]
fn the_coverage_table_in_prices_md_is_made_from_the_data() {
    let data = std::fs::read_to_string(root().join("data/prices.json")).unwrap();
    let table = stackdraft::engine::cost::generate::coverage_markdown(&data).unwrap();
    let path = root().join("data/PRICES.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- coverage: generated -->\n", "<!-- end of coverage -->");
    let (before, rest) = text
        .split_once(start)
        .expect("PRICES.md has the coverage markers");
    let (_, after) = rest.split_once(end).expect("PRICES.md has the end marker");
    golden(&path, &format!("{before}{start}{table}{end}{after}"));
}

/// No usage figure, however large, makes the estimate panic or wrap around.
#[test]
fn huge_usage_saturates_instead_of_overflowing() {
    let mut input = hardened_us_east_1();
    input.usage = Usage {
        requests: u64::MAX,
        viewer_gb: u64::MAX,
        nat_egress_gb: u64::MAX,
        logs_gb: u64::MAX,
    };
    input.services[0].max_tasks = u64::MAX;
    let e = estimate(&input);
    assert!(e.this.max_micro_usd >= e.this.min_micro_usd);
    assert!(markdown(&e).contains("18,446,744,073,709,551,615 requests"));
    assert!(json(&e).contains("\"format\": 1"));
}
