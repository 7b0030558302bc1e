//! The browser designer's editing logic, kept free of browser types so it compiles and
//! is tested natively: number text parsing, subnet and service list edits, memory
//! snapping, the address plan view, error placement (JSON path → form field) and the
//! slice of the design each template reads.

use std::collections::BTreeMap;

use crate::cidr::{self, Cidr};
use crate::config::{
    Config, Domain, GatewayEndpoint, Nat, Network, Service, Waf, MAX_CONFIG_BYTES,
};
use crate::error::FieldError;
use crate::names;
use crate::regions;
use crate::render::StackId;
use crate::validate::{
    fargate_memory_choices, MAX_SERVICES, MAX_SUBNETS, MIN_SUBNETS, SMALLEST_SUBNET_PREFIX,
};

// ---------------------------------------------------------------------------------------
// Numbers typed as text

/// Text typed into number fields that is not (yet) a whole number, by the field's JSON
/// path. The design keeps its last good value; the field keeps the text and shows why it
/// is not used, and the design counts as invalid until the text is fixed.
pub type NumberDrafts = BTreeMap<String, String>;

/// Reads a whole number as a person types it: surrounding spaces are ignored, a sign is
/// allowed, anything else (empty, decimals, letters, `1e3`, huge values) is refused with
/// a reason.
pub fn parse_whole_number(text: &str) -> Result<i64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("is empty; enter a whole number".into());
    }
    let digits = trimmed.strip_prefix(['-', '+']).unwrap_or(trimmed);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let hint = if digits.contains(['.', ',']) {
            " (no decimals or thousands separators)"
        } else {
            ""
        };
        return Err(format!("'{trimmed}' is not a whole number{hint}"));
    }
    trimmed
        .parse::<i64>()
        .map_err(|_| format!("'{trimmed}' is far too large a number"))
}

/// The result of typing `text` into the number field at `path`: `Some(value)` to store in
/// the design (and the draft is dropped), or `None` with the text kept as a draft.
pub fn apply_number_text(drafts: &mut NumberDrafts, path: &str, text: &str) -> Option<i64> {
    match parse_whole_number(text) {
        Ok(value) => {
            drafts.remove(path);
            Some(value)
        }
        Err(_) => {
            drafts.insert(path.to_string(), text.to_string());
            None
        }
    }
}

/// One error per number field whose text is not a whole number.
pub fn draft_errors(drafts: &NumberDrafts) -> Vec<FieldError> {
    drafts
        .iter()
        .filter_map(|(path, text)| {
            parse_whole_number(text)
                .err()
                .map(|message| FieldError::new(path.clone(), message))
        })
        .collect()
}

/// Re-keys the drafts of `services[..]` fields after a service list edit, so each draft
/// stays with its service. `old_to_new` maps an old index to its new index, or `None` for
/// a removed service (its drafts are dropped).
pub fn remap_service_drafts(
    drafts: &mut NumberDrafts,
    old_to_new: impl Fn(usize) -> Option<usize>,
) {
    let old = std::mem::take(drafts);
    for (path, text) in old {
        match service_index(&path) {
            Some((index, rest)) => {
                if let Some(new) = old_to_new(index) {
                    drafts.insert(format!("services[{new}]{rest}"), text);
                }
            }
            None => {
                drafts.insert(path, text);
            }
        }
    }
}

/// `services[3].port` → `(3, ".port")`.
fn service_index(path: &str) -> Option<(usize, &str)> {
    let rest = path.strip_prefix("services[")?;
    let close = rest.find(']')?;
    let index = rest[..close].parse().ok()?;
    Some((index, &rest[close + 1..]))
}

// ---------------------------------------------------------------------------------------
// Services

/// The Fargate memory size for `cpu` closest to `memory`: `memory` itself when valid,
/// otherwise the nearest valid size (the larger one on a tie). An unknown CPU value
/// leaves the memory alone, for validation to report.
pub fn snap_memory(cpu: i64, memory: i64) -> i64 {
    let choices = fargate_memory_choices(cpu);
    if choices.is_empty() || choices.contains(&memory) {
        return memory;
    }
    choices
        .iter()
        .copied()
        .min_by_key(|&choice| (choice.abs_diff(memory), -choice))
        .unwrap_or(memory)
}

/// Sets a service's CPU and moves its memory to the nearest size Fargate pairs with it.
pub fn set_cpu(service: &mut Service, cpu: i64) {
    service.cpu = cpu;
    service.memory = snap_memory(cpu, service.memory);
}

/// Every stack name the design already uses (the network's and each service's).
fn taken_names(config: &Config) -> Vec<&str> {
    std::iter::once(config.network.name.as_str())
        .chain(config.services.iter().map(|s| s.name.as_str()))
        .collect()
}

/// `base`, or `base-2`, `base-3`, … : the first one not in `taken`, cut to `max_len`.
pub fn unique_name(base: &str, taken: &[&str], max_len: usize) -> String {
    let fit = |suffix: &str| {
        let room = max_len.saturating_sub(suffix.len());
        let mut stem: String = base.chars().take(room).collect();
        while stem.ends_with('-') {
            stem.pop();
        }
        format!("{stem}{suffix}")
    };
    let first = fit("");
    if !first.is_empty() && !taken.contains(&first.as_str()) {
        return first;
    }
    (2..)
        .map(|n| fit(&format!("-{n}")))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .expect("some numbered name is free")
}

/// Appends a new service with the field report's container settings and a unique name;
/// returns its index, or `None` when the design already has the most services one ALB
/// can take.
pub fn add_service(config: &mut Config) -> Option<usize> {
    if config.services.len() >= MAX_SERVICES {
        return None;
    }
    let index = config.services.len();
    let initial = index == 0;
    let base = if initial {
        "ecs-express-initial".to_string()
    } else {
        format!("service-{}", index + 1)
    };
    let name = unique_name(
        &base,
        &taken_names(config),
        names::max_service_name_len(initial),
    );
    config.services.push(Service {
        name,
        health_check_path: "/".into(),
        ..Service::example(3)
    });
    Some(index)
}

/// Inserts a copy of service `index` right after it, named `<name>-copy` (made unique),
/// with its CloudFront host made unique too (two distributions cannot share an alias).
/// Returns the copy's index.
pub fn duplicate_service(config: &mut Config, index: usize) -> Option<usize> {
    if config.services.len() >= MAX_SERVICES || index >= config.services.len() {
        return None;
    }
    let mut copy = config.services[index].clone();
    let base = format!("{}-copy", copy.name);
    copy.name = unique_name(
        &base,
        &taken_names(config),
        names::max_service_name_len(false),
    );
    if let Some(host) = &copy.cloudfront.host {
        let hosts: Vec<&str> = config
            .services
            .iter()
            .filter_map(|s| s.cloudfront.host.as_deref())
            .collect();
        copy.cloudfront.host = Some(unique_name(host, &hosts, 63));
    }
    config.services.insert(index + 1, copy);
    Some(index + 1)
}

/// Removes service `index` (the design keeps at least one service).
pub fn remove_service(config: &mut Config, index: usize) -> bool {
    if config.services.len() <= 1 || index >= config.services.len() {
        return false;
    }
    config.services.remove(index);
    true
}

/// Turns CloudFront on or off for a service. Turning it off drops the host, which only
/// means something with CloudFront.
pub fn set_cloudfront(service: &mut Service, enabled: bool) {
    service.cloudfront.enabled = enabled;
    if !enabled {
        service.cloudfront.host = None;
    }
}

/// The web ACL modes, as the form's select offers them: (mode, label).
pub const WAF_MODES: [(&str, &str); 3] = [
    ("off", "None"),
    (
        "managed",
        "Managed web ACL: AWS's managed rules and a rate limit",
    ),
    ("existing", "An existing web ACL of mine"),
];

pub fn waf_mode(waf: &Waf) -> &'static str {
    match waf {
        Waf::Off => "off",
        Waf::Managed { .. } => "managed",
        Waf::Existing { .. } => "existing",
    }
}

/// Switches the web ACL's mode, starting a managed ACL at the default rate limit and an
/// existing one with an empty ARN to fill in; choosing the current mode changes nothing.
pub fn set_waf_mode(config: &mut Config, mode: &str) {
    if waf_mode(&config.edge.waf) == mode {
        return;
    }
    config.edge.waf = match mode {
        "managed" => Waf::Managed {
            rate_limit: crate::config::DEFAULT_RATE_LIMIT,
            allow_large_bodies: false,
        },
        "existing" => Waf::Existing {
            web_acl_arn: String::new(),
        },
        _ => Waf::Off,
    };
}

/// Text typed into an optional field: empty means none.
pub fn optional_text(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// The CloudFront host as typed: empty means none (the distribution's own domain name).
pub fn set_cloudfront_host(service: &mut Service, text: &str) {
    service.cloudfront.host = if text.is_empty() {
        None
    } else {
        Some(text.to_string())
    };
}

// ---------------------------------------------------------------------------------------
// Network

/// The next block of the last subnet's size (a /20 when there is none) that lies in the
/// VPC and overlaps no subnet, or `None` when none is left.
pub fn next_free_subnet(config: &Config) -> Option<String> {
    let vpc = cidr::parse(&config.network.cidr).ok()?;
    let used: Vec<Cidr> = config
        .network
        .subnets
        .iter()
        .filter_map(|s| cidr::parse(s).ok())
        .collect();
    let prefix = used
        .last()
        .map(|c| c.prefix)
        .unwrap_or_else(|| suggested_split_prefix(vpc.prefix, MIN_SUBNETS.max(3)))
        .clamp(vpc.prefix, 32);
    let step = 1u64 << (32 - prefix);
    let count = vpc.size() / step;
    (0..count)
        .map(|i| Cidr {
            network: (vpc.network as u64 + i * step) as u32,
            prefix,
        })
        .find(|candidate| !used.iter().any(|u| u.overlaps(*candidate)))
        .map(|c| c.to_string())
}

/// Adds a subnet (the next free block, or an empty one to fill in); `false` at the
/// most subnets a design may have.
pub fn add_subnet(config: &mut Config) -> bool {
    if config.network.subnets.len() >= MAX_SUBNETS {
        return false;
    }
    let next = next_free_subnet(config).unwrap_or_default();
    config.network.subnets.push(next);
    fit_zone_ids(config);
    true
}

/// Keeps pinned zone IDs in step with the subnets: one per subnet, the ones already
/// chosen kept in order, new subnets given the region's next unused zone IDs.
pub fn fit_zone_ids(config: &mut Config) {
    let count = config.network.subnets.len();
    let Some(ids) = &mut config.network.az_ids else {
        return;
    };
    ids.truncate(count);
    if let Some(region) = regions::find(&config.region) {
        for id in region.zone_ids() {
            if ids.len() >= count {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
}

/// Sets the region. Pinned zone IDs move to the new region's zones (its first ones, in
/// order); when it lists too few, the subnets go back to `!GetAZs`. Returns whether
/// the zone IDs changed, for the page to say so.
pub fn set_region(config: &mut Config, region: String) -> bool {
    config.region = region;
    let Some(ids) = &config.network.az_ids else {
        return false;
    };
    let Some(region) = regions::find(&config.region) else {
        return false;
    };
    let prefix = format!("{}-az", region.zone_id_prefix);
    if ids.iter().all(|id| id.starts_with(&prefix)) {
        return false;
    }
    let count = config.network.subnets.len();
    let zone_ids: Vec<String> = region.zone_ids().collect();
    config.network.az_ids = (zone_ids.len() >= count).then(|| zone_ids[..count].to_vec());
    true
}

/// Pins the subnets to zone IDs (the region's first ones) or lets `!GetAZs` place them.
pub fn set_zone_ids_pinned(config: &mut Config, pinned: bool) {
    config.network.az_ids = pinned.then(Vec::new);
    fit_zone_ids(config);
}

/// Removes subnet `index`. AZ indices follow subnet positions, so NAT gateway AZs that no
/// longer have a subnet are dropped (AZ 0 is kept if none would be left).
pub fn remove_subnet(config: &mut Config, index: usize) -> bool {
    if index >= config.network.subnets.len() || config.network.subnets.len() <= 1 {
        return false;
    }
    config.network.subnets.remove(index);
    if let Some(ids) = &mut config.network.az_ids {
        if index < ids.len() {
            ids.remove(index);
        }
    }
    prune_nat_azs(config);
    fit_zone_ids(config);
    true
}

fn prune_nat_azs(config: &mut Config) {
    let count = config.network.subnets.len() as i64;
    if let Nat::Manual { azs } = &mut config.network.nat {
        let before = azs.len();
        azs.retain(|&az| az < count);
        if azs.is_empty() && before > 0 {
            azs.push(0);
        }
    }
}

/// The prefix that carves `count` equal subnets out of a VPC of `vpc_prefix`, using
/// as much of it as possible (but never smaller than a /27).
pub fn suggested_split_prefix(vpc_prefix: u8, count: usize) -> u8 {
    let bits = (count.max(1) as u64).next_power_of_two().trailing_zeros() as u8;
    (vpc_prefix + bits).min(SMALLEST_SUBNET_PREFIX)
}

/// `count` equal subnets of `/prefix` from the start of the VPC block, or why not.
pub fn auto_split(vpc_cidr: &str, prefix: i64, count: i64) -> Result<Vec<String>, String> {
    let vpc = cidr::parse(vpc_cidr).map_err(|m| format!("Fix the VPC CIDR block first: it {m}"))?;
    if !(MIN_SUBNETS as i64..=MAX_SUBNETS as i64).contains(&count) {
        return Err(format!(
            "Choose {MIN_SUBNETS} to {MAX_SUBNETS} subnets, one per Availability Zone"
        ));
    }
    let suggestion = suggested_split_prefix(vpc.prefix, count as usize);
    if prefix < vpc.prefix as i64 {
        return Err(format!(
            "A /{prefix} is larger than the VPC block {vpc}; choose /{suggestion} or a longer prefix"
        ));
    }
    if prefix > SMALLEST_SUBNET_PREFIX as i64 {
        return Err(format!(
            "A /{prefix} is too small: the internal ALB needs /{SMALLEST_SUBNET_PREFIX} or larger subnets"
        ));
    }
    let blocks = vpc.split(prefix as u8, count as usize).ok_or_else(|| {
        format!(
            "{count} subnets of /{prefix} need {} addresses but {vpc} has {}; choose /{suggestion} or a longer prefix",
            (1u64 << (32 - prefix)) * count as u64,
            vpc.size()
        )
    })?;
    Ok(blocks.iter().map(|c| c.to_string()).collect())
}

/// Replaces the subnets with an auto-split result, dropping NAT AZs past the new count.
pub fn apply_subnets(config: &mut Config, subnets: Vec<String>) {
    config.network.subnets = subnets;
    prune_nat_azs(config);
    fit_zone_ids(config);
}

/// Switches the NAT gateway between automatic and pinned (manual) mode; pinning starts
/// with AZ 0.
pub fn set_nat_manual(config: &mut Config, manual: bool) {
    config.network.nat = match (&config.network.nat, manual) {
        (Nat::Manual { azs }, true) => Nat::Manual { azs: azs.clone() },
        (_, true) => Nat::Manual { azs: vec![0] },
        (_, false) => Nat::Auto,
    };
}

/// Pins or unpins the NAT gateway in AZ `az`, keeping the list sorted.
pub fn set_nat_az(config: &mut Config, az: i64, on: bool) {
    if let Nat::Manual { azs } = &mut config.network.nat {
        azs.retain(|&a| a != az);
        if on {
            azs.push(az);
            azs.sort_unstable();
        }
    }
}

pub fn nat_azs(config: &Config) -> Option<&[i64]> {
    match &config.network.nat {
        Nat::Manual { azs } => Some(azs),
        Nat::Auto => None,
    }
}

/// Adds or removes a gateway endpoint, keeping the list in its usual order.
pub fn set_endpoint(config: &mut Config, endpoint: GatewayEndpoint, on: bool) {
    let mut set: Vec<GatewayEndpoint> = GatewayEndpoint::ALL
        .into_iter()
        .filter(|e| {
            if *e == endpoint {
                on
            } else {
                config.network.gateway_endpoints.contains(e)
            }
        })
        .collect();
    set.dedup();
    config.network.gateway_endpoints = set;
}

/// Turns the custom domain on (restoring `remembered`, or empty fields to fill in) or off.
pub fn set_domain_enabled(config: &mut Config, on: bool, remembered: Option<Domain>) {
    config.domain = if on {
        Some(remembered.unwrap_or(Domain {
            zone: String::new(),
            certificate_arn: None,
            hosted_zone_id: None,
        }))
    } else {
        None
    };
}

/// "likely ap-northeast-1c" for AZ index 1, or a reason there is no hint.
pub fn az_hint(region: &str, index: usize) -> String {
    match regions::find(region) {
        Some(r) => match r.likely_az(index) {
            Some(az) => format!("likely {az}"),
            None => format!("{} usually has only {} AZs", r.code, r.az_count()),
        },
        None => "choose a region to see the zone".into(),
    }
}

// ---------------------------------------------------------------------------------------
// Address plan

/// The address plan as the page shows it (the core's plan).
pub type PlanView = crate::plan::AddressPlan;

pub fn plan_view(config: &Config) -> Option<PlanView> {
    crate::plan::address_plan(config)
}

pub use crate::format::{bar_style, days_label, percent, thousands, vcpus};

// ---------------------------------------------------------------------------------------
// Errors: where they show and how they read

/// Fields of a service card, as JSON paths below `services[i]`.
pub const SERVICE_FIELDS: [&str; 14] = [
    "name",
    "image",
    "port",
    "cpu",
    "memory",
    "health_check_path",
    "scaling.min",
    "scaling.max",
    "scaling.metric",
    "scaling.target",
    "log_retention_days",
    "cloudfront.enabled",
    "cloudfront.host",
    "cloudfront.cache",
];

/// Every JSON path the form has a field or group for, for this design.
pub fn field_paths(config: &Config) -> Vec<String> {
    let mut paths: Vec<String> = [
        "region",
        "network.name",
        "network.cidr",
        "network.ipv6",
        "network.subnets",
        "network.nat",
        "network.gateway_endpoints",
        "network.az_ids",
        "network.flow_logs",
        "domain",
        "edge.waf",
        "edge.access_logs",
        "edge.price_class",
        "services",
        "usage.requests_per_month",
        "usage.viewer_gb_per_month",
        "usage.nat_egress_gb_per_month",
        "usage.log_gb_per_month",
        "usage.classic_interface_endpoints",
    ]
    .map(String::from)
    .to_vec();
    for i in 0..config.network.subnets.len() {
        paths.push(format!("network.subnets[{i}]"));
        if config.network.az_ids.is_some() {
            paths.push(format!("network.az_ids[{i}]"));
        }
    }
    if matches!(config.network.nat, Nat::Manual { .. }) {
        paths.push("network.nat.azs".into());
    }
    if config.network.flow_logs {
        paths.push("network.flow_log_days".into());
    }
    if config.domain.is_some() {
        paths.push("domain.zone".into());
        paths.push("domain.certificate_arn".into());
        paths.push("domain.hosted_zone_id".into());
    }
    match &config.edge.waf {
        crate::config::Waf::Off => {}
        crate::config::Waf::Managed { .. } => {
            paths.push("edge.waf.rate_limit".into());
            paths.push("edge.waf.allow_large_bodies".into());
        }
        crate::config::Waf::Existing { .. } => paths.push("edge.waf.web_acl_arn".into()),
    }
    if config.edge.access_logs {
        paths.push("edge.access_log_days".into());
    }
    for i in 0..config.services.len().min(MAX_SERVICES) {
        paths.push(format!("services[{i}]"));
        for field in SERVICE_FIELDS {
            paths.push(format!("services[{i}].{field}"));
        }
    }
    paths
}

/// The path of the form field an error at `path` shows next to: the path itself when the
/// form has that field, otherwise its closest enclosing field or group (for example
/// `network.nat.azs[2]` shows at the NAT AZ checkboxes), or "" for the top of the page.
pub fn anchor(fields: &[String], path: &str) -> String {
    let mut current = path;
    loop {
        if current.is_empty() || fields.iter().any(|f| f == current) {
            return current.to_string();
        }
        current = parent_path(current);
    }
}

/// `a.b[2]` → `a.b`, `a.b` → `a`, `a` → "".
fn parent_path(path: &str) -> &str {
    if path.ends_with(']') {
        if let Some(open) = path.rfind('[') {
            return &path[..open];
        }
    }
    match path.rfind('.') {
        Some(dot) => &path[..dot],
        None => "",
    }
}

/// The HTML id of the field for a JSON path: `network.subnets[1]` →
/// `f-network-subnets-1`; "" → `f-design`. Only letters, digits, `-` and `_`.
pub fn field_id(path: &str) -> String {
    if path.is_empty() {
        return "f-design".into();
    }
    let mut id = String::from("f-");
    for c in path.chars() {
        match c {
            '.' | '[' => id.push('-'),
            ']' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => id.push(c),
            _ => id.push('_'),
        }
    }
    id
}

/// What the form calls the field at `path`, for error sentences.
pub fn field_label(path: &str) -> String {
    if let Some((index, rest)) = service_index(path) {
        let service = format!("Service {}", index + 1);
        let field = match rest.trim_start_matches('.') {
            "" => return service,
            "name" => "name",
            "image" => "image",
            "port" => "container port",
            "cpu" => "CPU",
            "memory" => "memory",
            "health_check_path" => "health check path",
            "scaling" => "scaling",
            "scaling.min" => "minimum tasks",
            "scaling.max" => "maximum tasks",
            "scaling.metric" => "scaling metric",
            "scaling.target" => "scaling target",
            "log_retention_days" => "log retention",
            "cloudfront" => "CloudFront",
            "cloudfront.enabled" => "CloudFront",
            "cloudfront.host" => "CloudFront host",
            "cloudfront.cache" => "CloudFront caching",
            other => other,
        };
        return format!("{service} {field}");
    }
    if let Some(rest) = path.strip_prefix("network.subnets[") {
        if let Some(Ok(i)) = rest.strip_suffix(']').map(str::parse::<usize>) {
            return format!("Subnet {}", i + 1);
        }
    }
    if let Some(rest) = path.strip_prefix("network.az_ids[") {
        if let Some(Ok(i)) = rest.strip_suffix(']').map(str::parse::<usize>) {
            return format!("Zone ID of subnet {}", i + 1);
        }
    }
    if let Some(rest) = path.strip_prefix("network.nat.azs[") {
        if let Some(Ok(i)) = rest.strip_suffix(']').map(str::parse::<usize>) {
            return format!("NAT gateway AZ entry {}", i + 1);
        }
    }
    if let Some(rest) = path.strip_prefix("network.gateway_endpoints[") {
        if let Some(Ok(i)) = rest.strip_suffix(']').map(str::parse::<usize>) {
            return format!("Gateway endpoint entry {}", i + 1);
        }
    }
    match path {
        "" => "The design",
        "version" => "The config version",
        "region" => "Region",
        "network" => "Network",
        "network.name" => "VPC name",
        "network.cidr" => "VPC CIDR block",
        "network.ipv6" => "IPv6",
        "network.subnets" => "The subnet list",
        "network.nat" => "NAT gateway",
        "network.nat.azs" => "NAT gateway AZs",
        "network.gateway_endpoints" => "Gateway endpoints",
        "network.az_ids" => "Zone IDs",
        "network.flow_logs" => "VPC flow logs",
        "network.flow_log_days" => "Flow log retention",
        "domain" => "Custom domain",
        "domain.zone" => "Domain zone",
        "domain.certificate_arn" => "ACM certificate ARN",
        "domain.hosted_zone_id" => "Route 53 hosted zone ID",
        "edge" => "The entry point",
        "edge.waf" => "Web ACL",
        "edge.waf.rate_limit" => "Rate limit",
        "edge.waf.allow_large_bodies" => "Large request bodies",
        "edge.waf.web_acl_arn" => "Web ACL ARN",
        "edge.access_logs" => "Access logs",
        "edge.access_log_days" => "Access log retention",
        "edge.price_class" => "Price class",
        "services" => "The service list",
        "usage" => "Usage",
        "usage.requests_per_month" => "Requests a month",
        "usage.viewer_gb_per_month" => "GB to viewers a month",
        "usage.nat_egress_gb_per_month" => "GB of NAT egress a month",
        "usage.log_gb_per_month" => "GB of logs a month",
        "usage.classic_interface_endpoints" => "Classic design's interface endpoints",
        other => other,
    }
    .to_string()
}

/// [`field_label`], with a service called by its name ("Service api CPU") when it has one.
pub fn named_label(config: &Config, path: &str) -> String {
    let label = field_label(path);
    match service_index(path) {
        Some((index, _)) => match config.services.get(index) {
            Some(s) if !s.name.is_empty() => {
                let number = format!("Service {}", index + 1);
                label.replacen(&number, &format!("Service {}", s.name), 1)
            }
            _ => label,
        },
        None => label,
    }
}

/// Replaces the JSON paths and JSON snippets some core messages mention with the words
/// the form uses.
pub fn humanize_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while !rest.is_empty() {
        let next = ["network.subnets[", "services["]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, *p)))
            .min();
        let Some((at, prefix)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..at]);
        let after = &rest[at + prefix.len()..];
        let close = after.find(']');
        let index = close.and_then(|c| after[..c].parse::<usize>().ok());
        match (close, index) {
            (Some(close), Some(index)) => {
                let tail = &after[close + 1..];
                if prefix == "services[" {
                    match tail.strip_prefix(".name") {
                        Some(t) => {
                            out.push_str(&format!("the name of service {}", index + 1));
                            rest = t;
                        }
                        None => {
                            out.push_str(&format!("service {}", index + 1));
                            rest = tail;
                        }
                    }
                } else {
                    out.push_str(&format!("subnet {}", index + 1));
                    rest = tail;
                }
            }
            _ => {
                out.push_str(prefix);
                rest = after;
            }
        }
    }
    out.replace("network.name", "the VPC name")
        .replace(
            "set domain.zone and domain.certificate_arn",
            "turn on the custom domain and fill in its zone and certificate",
        )
        .replace("use {\"mode\": \"auto\"}", "choose automatic mode")
        .replace("{\"mode\": \"auto\"}", "automatic mode")
}

/// One error as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownError {
    /// The path the core reported.
    pub path: String,
    /// The field or group it shows next to ("" for the top of the page).
    pub anchor: String,
    /// The HTML id of that field or group, focused from the summary.
    pub field_id: String,
    /// A whole sentence naming the field.
    pub text: String,
    /// The toggles and design-wide choices that caused it, where it shows too.
    pub also: Vec<String>,
}

const VERB_STARTS: [&str; 12] = [
    "is ",
    "is;",
    "has ",
    "contains ",
    "looks ",
    "must ",
    "needs ",
    "ends ",
    "makes ",
    "may ",
    "was ",
    "missing",
];

/// "VPC CIDR block has host bits set: …", "Subnet 2: 10.9.0.0/20 is not inside …".
pub fn sentence(label: &str, message: &str) -> String {
    let message = humanize_message(message);
    if VERB_STARTS.iter().any(|v| message.starts_with(v)) {
        format!("{label} {message}")
    } else {
        format!("{label}: {message}")
    }
}

/// Places and words every error for the page.
pub fn shown_errors(config: &Config, errors: &[FieldError]) -> Vec<ShownError> {
    shown_notes(
        config,
        errors.iter().map(|e| (e.path.as_str(), e.message.as_str())),
    )
}

/// Places and words every review warning for the page, like errors.
pub fn shown_warnings(config: &Config, warnings: &[crate::review::Warning]) -> Vec<ShownError> {
    shown_notes(
        config,
        warnings
            .iter()
            .map(|w| (w.path.as_str(), w.message.as_str())),
    )
}

fn shown_notes<'a>(
    config: &Config,
    notes: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<ShownError> {
    let fields = field_paths(config);
    notes
        .map(|(path, message)| {
            let anchor = anchor(&fields, path);
            ShownError {
                path: path.to_string(),
                field_id: field_id(&anchor),
                text: sentence(&named_label(config, path), message),
                also: crate::cause::causes(config, path)
                    .into_iter()
                    .filter(|c| *c != anchor)
                    .map(String::from)
                    .collect(),
                anchor,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Templates

/// The part of the design the body of template `id` is rendered from: everything else
/// is set to fixed placeholder values, so an edit that does not touch this template
/// leaves its inputs equal and its preview is not rendered again. `render_body` of the
/// result equals `render_body` of the whole design (a test checks it). `None` when the
/// design has no such stack.
pub fn template_inputs(config: &Config, id: StackId) -> Option<Config> {
    let count = config.services.len();
    // What every stack may read of the other services: whether they have a distribution,
    // an alias and a cache (the initial stack's cache policy and log bucket, the global
    // stack's web ACL and certificate follow them).
    let placeholder = |service: &Service| Service {
        name: String::new(),
        cloudfront: service.cloudfront.clone(),
        ..Service::example(1)
    };
    let base = Config {
        version: config.version,
        region: String::new(),
        network: Network {
            name: config.network.name.clone(),
            ..Config::default().network
        },
        domain: config.domain.clone(),
        edge: config.edge.clone(),
        services: config.services.iter().map(placeholder).collect(),
        usage: crate::config::Usage::default(),
    };
    match id {
        StackId::Global => Some(base),
        StackId::Network => Some(Config {
            network: config.network.clone(),
            domain: None,
            edge: crate::config::Edge::default(),
            ..base
        }),
        StackId::Service(index) if index < count => {
            let mut inputs = base;
            inputs.services[index] = config.services[index].clone();
            inputs.services[0].name = config.services[0].name.clone();
            Some(inputs)
        }
        StackId::Service(_) => None,
    }
}

/// The label of a template's tab: the stack name and what kind of stack it is.
pub fn stack_role(id: StackId) -> &'static str {
    match id {
        StackId::Global => "global, us-east-1",
        StackId::Network => "network",
        StackId::Service(0) => "initial service",
        StackId::Service(_) => "service",
    }
}

// ---------------------------------------------------------------------------------------
// Opening a saved design, and the diagram's text

/// Why a file of `size` bytes (as the browser reports it) is refused before it is read:
/// the cap of [`Config::from_file_bytes`], checked first so that a 50 MB file is never
/// read into memory.
pub fn file_size_problem(size: f64) -> Option<String> {
    if size <= MAX_CONFIG_BYTES as f64 {
        return None;
    }
    let bytes = size as u64;
    Some(format!(
        "it is {}.{} MB, and a Stackdraft design is at most {} KiB — is it the right file?",
        bytes / 1_000_000,
        bytes % 1_000_000 / 100_000,
        MAX_CONFIG_BYTES / 1024
    ))
}

/// A file's name as the page quotes it: control characters dropped, at most 60
/// characters.
pub fn shown_file_name(name: &str) -> String {
    let clean: String = name.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    if clean.is_empty() {
        return "The file".into();
    }
    if clean.chars().count() > 60 {
        let cut: String = clean.chars().take(59).collect();
        format!("\u{201c}{cut}…\u{201d}")
    } else {
        format!("\u{201c}{clean}\u{201d}")
    }
}

/// The alert for a file that could not be opened.
pub fn file_problem(name: &str, problem: &str) -> String {
    let stop = if problem.ends_with(['.', '?', '!']) {
        ""
    } else {
        "."
    };
    format!(
        "{} could not be opened: {problem}{stop} You are still seeing your design.",
        shown_file_name(name)
    )
}

/// What the restore notice says after a file replaced the design.
pub fn opened_file_note(name: &str) -> String {
    format!("You opened {}.", shown_file_name(name))
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
// Tests start from the default design and change the field under test.
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::render::{render_body, stack_ids};
    use crate::validate::validate;

    /// A domain with a certificate, for tests of hosts.
    fn test_domain() -> Domain {
        Domain {
            zone: "example.com".into(),
            certificate_arn: Some(
                "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
                    .into(),
            ),
            hosted_zone_id: None,
        }
    }

    #[test]
    fn whole_numbers_are_read_and_everything_else_refused() {
        assert_eq!(parse_whole_number("3000"), Ok(3000));
        assert_eq!(parse_whole_number(" 42 "), Ok(42));
        assert_eq!(parse_whole_number("-1"), Ok(-1));
        assert_eq!(parse_whole_number("+7"), Ok(7));
        assert!(parse_whole_number("").unwrap_err().contains("empty"));
        assert!(parse_whole_number("   ").unwrap_err().contains("empty"));
        assert!(parse_whole_number("1.5").unwrap_err().contains("decimals"));
        assert!(parse_whole_number("1,000")
            .unwrap_err()
            .contains("not a whole"));
        assert!(parse_whole_number("abc").unwrap_err().contains("'abc'"));
        assert!(parse_whole_number("1e3").is_err());
        assert!(parse_whole_number("-").is_err());
        assert!(parse_whole_number("--1").is_err());
        assert!(parse_whole_number("99999999999999999999")
            .unwrap_err()
            .contains("too large"));
    }

    #[test]
    fn number_text_is_kept_as_a_draft_until_it_parses() {
        let mut drafts = NumberDrafts::new();
        assert_eq!(apply_number_text(&mut drafts, "services[0].port", ""), None);
        assert_eq!(drafts["services[0].port"], "");
        let errors = draft_errors(&drafts);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "services[0].port");
        assert!(errors[0].message.contains("empty"));
        assert_eq!(
            apply_number_text(&mut drafts, "services[0].port", "8080"),
            Some(8080)
        );
        assert!(drafts.is_empty());
        assert!(draft_errors(&drafts).is_empty());
    }

    #[test]
    fn drafts_follow_their_service_when_the_list_changes() {
        let mut drafts = NumberDrafts::new();
        drafts.insert("services[0].port".into(), "x".into());
        drafts.insert("services[1].port".into(), "y".into());
        drafts.insert("services[2].scaling.max".into(), "z".into());
        drafts.insert("split.prefix".into(), "q".into());
        // Remove service 1.
        remap_service_drafts(&mut drafts, |i| match i {
            1 => None,
            i if i > 1 => Some(i - 1),
            i => Some(i),
        });
        assert_eq!(
            drafts.get("services[0].port").map(String::as_str),
            Some("x")
        );
        assert_eq!(drafts.get("services[1].port"), None);
        assert_eq!(
            drafts.get("services[1].scaling.max").map(String::as_str),
            Some("z")
        );
        assert_eq!(drafts.get("split.prefix").map(String::as_str), Some("q"));
        assert_eq!(drafts.len(), 3);
    }

    #[test]
    fn memory_snaps_to_the_nearest_size_the_cpu_takes() {
        assert_eq!(snap_memory(256, 2048), 2048);
        assert_eq!(snap_memory(256, 8192), 2048);
        assert_eq!(snap_memory(4096, 2048), 8192);
        assert_eq!(snap_memory(8192, 18000), 16384);
        // A tie goes to the larger size.
        assert_eq!(snap_memory(8192, 18432), 20480);
        assert_eq!(snap_memory(16384, 2048), 32768);
        assert_eq!(snap_memory(512, 3072), 3072);
        assert_eq!(
            snap_memory(300, 3072),
            3072,
            "unknown CPU: left for validation"
        );
        let mut service = Service::example(3);
        set_cpu(&mut service, 256);
        assert_eq!((service.cpu, service.memory), (256, 2048));
        set_cpu(&mut service, 16384);
        assert_eq!((service.cpu, service.memory), (16384, 32768));
        for cpu in crate::validate::FARGATE_CPUS {
            for memory in [0, 512, 1000, 5000, 123_456, i64::MAX, i64::MIN] {
                let snapped = snap_memory(cpu, memory);
                assert!(fargate_memory_choices(cpu).contains(&snapped));
            }
        }
    }

    #[test]
    fn new_and_copied_services_get_unique_valid_names() {
        let mut config = Config::default();
        let index = add_service(&mut config).unwrap();
        assert_eq!(index, 2);
        assert_eq!(config.services[2].name, "service-3");
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));

        config.domain = Some(test_domain());
        config.services[1].cloudfront.enabled = true;
        config.services[1].cloudfront.host = Some("api".into());
        let copy = duplicate_service(&mut config, 1).unwrap();
        assert_eq!(copy, 2);
        assert_eq!(config.services[2].name, "ecs-express-secondary-copy");
        assert_eq!(config.services[2].cloudfront.host.as_deref(), Some("api-2"));
        assert_eq!(config.services[3].name, "service-3");
        let again = duplicate_service(&mut config, 1).unwrap();
        assert_eq!(config.services[again].name, "ecs-express-secondary-copy-2");
        assert_eq!(
            config.services[again].cloudfront.host.as_deref(),
            Some("api-3")
        );
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));

        // Names cut to the limit stay unique and valid.
        config.services[0].name = "a".repeat(names::max_service_name_len(true));
        let long = duplicate_service(&mut config, 0).unwrap();
        assert!(config.services[long].name.len() <= names::max_service_name_len(false));
        assert_ne!(config.services[long].name, config.services[0].name);
        assert!(names::is_valid_stack_name(&config.services[long].name));
    }

    #[test]
    fn the_service_list_has_bounds() {
        let mut config = Config::default();
        while add_service(&mut config).is_some() {}
        assert_eq!(config.services.len(), MAX_SERVICES);
        assert_eq!(duplicate_service(&mut config, 0), None);
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));
        let names: std::collections::BTreeSet<_> =
            config.services.iter().map(|s| s.name.clone()).collect();
        assert_eq!(names.len(), MAX_SERVICES);

        let mut config = Config::default();
        assert!(remove_service(&mut config, 0));
        assert_eq!(config.services[0].name, "ecs-express-secondary");
        assert!(!remove_service(&mut config, 0), "the last service stays");
        assert!(!remove_service(&mut config, 5));

        let mut empty = Config::default();
        empty.services.clear();
        assert_eq!(add_service(&mut empty), Some(0));
        assert_eq!(empty.services[0].name, "ecs-express-initial");
    }

    #[test]
    fn unique_name_counts_up_and_fits() {
        assert_eq!(unique_name("web", &[], 40), "web");
        assert_eq!(unique_name("web", &["web"], 40), "web-2");
        assert_eq!(unique_name("web", &["web", "web-2"], 40), "web-3");
        assert_eq!(unique_name("abcdef", &["abcdef"], 6), "abcd-2");
        assert_eq!(unique_name("abc-def", &["abc-"], 4), "abc");
    }

    #[test]
    fn cloudfront_host_text_and_switch() {
        let mut service = Service::example(3);
        set_cloudfront(&mut service, true);
        set_cloudfront_host(&mut service, "app");
        assert_eq!(service.cloudfront.host.as_deref(), Some("app"));
        set_cloudfront_host(&mut service, "");
        assert_eq!(service.cloudfront.host, None);
        set_cloudfront_host(&mut service, "app");
        set_cloudfront(&mut service, false);
        assert!(!service.cloudfront.enabled);
        assert_eq!(service.cloudfront.host, None);
    }

    #[test]
    fn auto_split_carves_equal_blocks_or_says_why_not() {
        assert_eq!(
            auto_split("192.168.0.0/18", 20, 3).unwrap(),
            ["192.168.0.0/20", "192.168.16.0/20", "192.168.32.0/20"]
        );
        assert_eq!(
            auto_split("10.0.0.0/16", 24, 2).unwrap(),
            ["10.0.0.0/24", "10.0.1.0/24"]
        );
        let too_many = auto_split("192.168.0.0/18", 19, 3).unwrap_err();
        assert!(too_many.contains("/20"), "{too_many}");
        assert!(auto_split("192.168.0.0/18", 16, 2)
            .unwrap_err()
            .contains("larger than the VPC"));
        assert!(auto_split("10.0.0.0/16", 28, 2)
            .unwrap_err()
            .contains("/27"));
        assert!(auto_split("10.0.0.0/16", 20, 7)
            .unwrap_err()
            .contains("2 to 6"));
        assert!(auto_split("10.0.0.0/16", 20, 1).is_err());
        assert!(auto_split("10.0.0/16", 20, 2)
            .unwrap_err()
            .contains("VPC CIDR"));
        assert_eq!(suggested_split_prefix(18, 3), 20);
        assert_eq!(suggested_split_prefix(16, 2), 17);
        assert_eq!(suggested_split_prefix(16, 6), 19);
        assert_eq!(suggested_split_prefix(26, 4), 27);
    }

    #[test]
    fn auto_split_drops_nat_azs_without_a_subnet() {
        let mut config = Config::default();
        set_nat_az(&mut config, 2, true);
        assert_eq!(nat_azs(&config), Some(&[0, 2][..]));
        let subnets = auto_split(&config.network.cidr, 19, 2).unwrap();
        apply_subnets(&mut config, subnets);
        assert_eq!(nat_azs(&config), Some(&[0][..]));
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));
    }

    #[test]
    fn the_web_acl_mode_switches_with_fresh_values() {
        let mut config = Config::default();
        set_waf_mode(&mut config, "managed");
        assert_eq!(
            config.edge.waf,
            Waf::Managed {
                rate_limit: crate::config::DEFAULT_RATE_LIMIT,
                allow_large_bodies: false
            }
        );
        if let Waf::Managed { rate_limit, .. } = &mut config.edge.waf {
            *rate_limit = 300;
        }
        set_waf_mode(&mut config, "managed");
        assert!(matches!(
            config.edge.waf,
            Waf::Managed {
                rate_limit: 300,
                ..
            }
        ));
        set_waf_mode(&mut config, "existing");
        assert_eq!(waf_mode(&config.edge.waf), "existing");
        set_waf_mode(&mut config, "off");
        assert_eq!(config.edge.waf, Waf::Off);
        for (mode, _) in WAF_MODES {
            set_waf_mode(&mut config, mode);
            assert_eq!(waf_mode(&config.edge.waf), mode);
        }
    }

    #[test]
    fn pinned_zone_ids_follow_the_subnets_and_the_region() {
        let mut config = Config::default();
        let ids = |c: &Config| c.network.az_ids.clone().unwrap_or_default();
        assert_eq!(ids(&config), ["apne1-az4", "apne1-az1", "apne1-az2"]);
        assert!(add_subnet(&mut config));
        assert_eq!(
            ids(&config),
            ["apne1-az4", "apne1-az1", "apne1-az2", "apne1-az3"],
            "the new subnet takes the region's next unused zone"
        );
        assert!(remove_subnet(&mut config, 1));
        assert_eq!(ids(&config), ["apne1-az4", "apne1-az2", "apne1-az3"]);
        assert!(set_region(&mut config, "eu-west-1".into()));
        assert_eq!(ids(&config), ["euw1-az1", "euw1-az2", "euw1-az3"]);
        assert!(
            !set_region(&mut config, "eu-west-1".into()),
            "nothing to move"
        );
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));
        // us-west-1 lists three zone IDs: four subnets go back to !GetAZs.
        assert!(add_subnet(&mut config));
        assert!(set_region(&mut config, "us-west-1".into()));
        assert_eq!(config.network.az_ids, None);
        set_zone_ids_pinned(&mut config, true);
        assert_eq!(ids(&config), ["usw1-az1", "usw1-az2", "usw1-az3"]);
        set_zone_ids_pinned(&mut config, false);
        assert_eq!(config.network.az_ids, None);
    }

    #[test]
    fn subnets_are_added_in_free_space_and_removed_with_their_nat_az() {
        let mut config = Config::default();
        assert_eq!(
            next_free_subnet(&config).as_deref(),
            Some("192.168.48.0/20")
        );
        assert!(add_subnet(&mut config));
        assert_eq!(config.network.subnets[3], "192.168.48.0/20");
        assert_eq!(next_free_subnet(&config), None, "the /18 is full");
        set_region(&mut config, "us-east-1".into());
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));

        // A gap is found first.
        config.network.subnets.remove(1);
        assert_eq!(
            next_free_subnet(&config).as_deref(),
            Some("192.168.16.0/20")
        );

        let mut config = Config::default();
        config.network.nat = Nat::Manual { azs: vec![2] };
        assert!(remove_subnet(&mut config, 1));
        assert_eq!(config.network.subnets.len(), 2);
        assert_eq!(
            nat_azs(&config),
            Some(&[0][..]),
            "AZ 2 is gone; AZ 0 remains"
        );
        assert!(!remove_subnet(&mut config, 7));

        let mut full = Config::default();
        while add_subnet(&mut full) {}
        assert_eq!(full.network.subnets.len(), MAX_SUBNETS);
        assert_eq!(
            full.network.subnets[5], "",
            "no room left: an empty one to fill in"
        );
    }

    #[test]
    fn nat_modes_and_endpoints() {
        let mut config = Config::default();
        set_nat_manual(&mut config, false);
        assert_eq!(config.network.nat, Nat::Auto);
        set_nat_az(&mut config, 1, true);
        assert_eq!(config.network.nat, Nat::Auto, "no AZs in automatic mode");
        set_nat_manual(&mut config, true);
        assert_eq!(nat_azs(&config), Some(&[0][..]));
        set_nat_az(&mut config, 2, true);
        set_nat_az(&mut config, 1, true);
        assert_eq!(nat_azs(&config), Some(&[0, 1, 2][..]));
        set_nat_az(&mut config, 0, false);
        set_nat_manual(&mut config, true);
        assert_eq!(nat_azs(&config), Some(&[1, 2][..]));

        set_endpoint(&mut config, GatewayEndpoint::S3, false);
        assert_eq!(
            config.network.gateway_endpoints,
            [GatewayEndpoint::Dynamodb]
        );
        set_endpoint(&mut config, GatewayEndpoint::S3, true);
        assert_eq!(config.network.gateway_endpoints, GatewayEndpoint::ALL);
        set_endpoint(&mut config, GatewayEndpoint::S3, true);
        assert_eq!(config.network.gateway_endpoints, GatewayEndpoint::ALL);
    }

    #[test]
    fn domain_switch_remembers_what_was_typed() {
        let mut config = Config::default();
        config.domain = Some(test_domain());
        let before = config.domain.clone();
        set_domain_enabled(&mut config, false, None);
        assert_eq!(config.domain, None);
        set_domain_enabled(&mut config, true, before.clone());
        assert_eq!(config.domain, before);
        set_domain_enabled(&mut config, true, None);
        assert_eq!(config.domain.unwrap().zone, "");
    }

    #[test]
    fn az_hints_name_the_likely_zone() {
        assert_eq!(az_hint("ap-northeast-1", 1), "likely ap-northeast-1c");
        assert!(az_hint("us-west-1", 2).contains("only 2"));
        assert!(az_hint("mars-1", 0).contains("region"));
    }

    #[test]
    fn the_plan_places_subnets_in_the_bar() {
        let plan = plan_view(&Config::default()).unwrap();
        assert_eq!(plan.vpc, "192.168.0.0/18");
        assert_eq!(plan.vpc_size, 16384);
        assert_eq!(plan.free, 4096);
        assert_eq!(percent(plan.free, plan.vpc_size), "25%");
        assert_eq!(plan.rows.len(), 3);
        assert_eq!(plan.rows[1].usable, 4091);
        assert_eq!(plan.rows[1].bar, Some((4096, 4096)));
        assert_eq!(
            bar_style(4096, 4096, plan.vpc_size),
            "left:25.0000%;width:25.0000%"
        );
        assert_eq!(bar_style(1, 2, 3), "left:33.3333%;width:66.6666%");
        assert_eq!(bar_style(0, 16, 0), "left:0.0000%;width:1600.0000%");

        let mut config = Config::default();
        config.network.subnets[1] = "10.0.0.0/20".into();
        config.network.subnets[2] = "192.168.0.0/24".into();
        let plan = plan_view(&config).unwrap();
        assert_eq!(plan.rows[1].bar, None, "outside the VPC");
        assert_eq!(plan.rows[2].bar, None, "overlaps subnet 1");
        assert_eq!(plan.free, 16384 - 4096);

        config.network.cidr = "nonsense".into();
        assert_eq!(plan_view(&config), None);
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4096), "4,096");
        assert_eq!(thousands(1_048_576), "1,048,576");
        assert_eq!(percent(25, 100), "25%");
        assert_eq!(percent(626, 10_000), "6.3%");
        assert_eq!(percent(4, 1000), "0.4%");
        assert_eq!(percent(1, 65_536), "<0.1%");
        assert_eq!(percent(0, 65_536), "0%");
        assert_eq!(percent(65_536, 65_536), "100%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(7, 0), "0%");
        assert_eq!(vcpus(256), "0.25");
        assert_eq!(vcpus(512), "0.5");
        assert_eq!(vcpus(1024), "1");
        assert_eq!(vcpus(1536), "1.5");
        assert_eq!(vcpus(16384), "16");
        assert_eq!(vcpus(-512), "-0.5");
    }

    #[test]
    fn field_ids_are_valid_and_distinct() {
        assert_eq!(field_id("network.subnets[1]"), "f-network-subnets-1");
        assert_eq!(
            field_id("services[2].cloudfront.host"),
            "f-services-2-cloudfront-host"
        );
        assert_eq!(field_id(""), "f-design");
        let mut config = Config::default();
        config.domain = Some(Domain {
            zone: String::new(),
            certificate_arn: Some(String::new()),
            hosted_zone_id: Some(String::new()),
        });
        let paths = field_paths(&config);
        let ids: std::collections::BTreeSet<String> = paths.iter().map(|p| field_id(p)).collect();
        assert_eq!(ids.len(), paths.len());
        for id in ids {
            assert!(id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        }
    }

    #[test]
    fn errors_show_at_their_field_or_its_group() {
        let mut config = Config::default();
        config.domain = Some(test_domain());
        let fields = field_paths(&config);
        assert_eq!(anchor(&fields, "network.subnets[1]"), "network.subnets[1]");
        assert_eq!(anchor(&fields, "services[1].memory"), "services[1].memory");
        assert_eq!(anchor(&fields, "network.nat.azs[3]"), "network.nat.azs");
        assert_eq!(
            anchor(&fields, "network.gateway_endpoints[1]"),
            "network.gateway_endpoints"
        );
        assert_eq!(anchor(&fields, "network.subnets"), "network.subnets");
        assert_eq!(anchor(&fields, "network.subnets[9]"), "network.subnets");
        assert_eq!(anchor(&fields, "services"), "services");
        assert_eq!(anchor(&fields, "services[30].name"), "services");
        assert_eq!(anchor(&fields, "version"), "");
        assert_eq!(anchor(&fields, ""), "");
        assert_eq!(anchor(&fields, "domain.zone"), "domain.zone");
        let mut no_domain = config.clone();
        no_domain.domain = None;
        assert_eq!(anchor(&field_paths(&no_domain), "domain.zone"), "domain");
    }

    #[test]
    fn every_core_error_has_a_place_and_a_sentence() {
        let mut config = Config::default();
        config.version = 2;
        config.region = "mars-1".into();
        config.network.cidr = "10.0.0.0/8".into();
        config.network.subnets = vec!["10.0.0.0/20".into(), "10.0.0.0/20".into(), "x".into()];
        config.network.nat = Nat::Manual { azs: vec![0, 0, 9] };
        config.network.gateway_endpoints = vec![GatewayEndpoint::S3, GatewayEndpoint::S3];
        config.domain = None;
        config.services[0].memory = 3;
        config.services[1].name = config.services[0].name.clone();
        config.services[1].cloudfront.host = Some("Bad Host".into());
        let errors = validate(&config);
        assert!(errors.len() >= 8, "{errors:?}");
        let fields = field_paths(&config);
        for shown in shown_errors(&config, &errors) {
            assert!(
                shown.anchor.is_empty() || fields.contains(&shown.anchor),
                "{shown:?}"
            );
            assert!(!shown.text.contains("network.subnets["), "{}", shown.text);
            assert!(!shown.text.contains("services["), "{}", shown.text);
            assert!(
                shown.text.chars().next().unwrap().is_uppercase(),
                "{}",
                shown.text
            );
        }
        let shown = shown_errors(&config, &errors);
        let overlap = shown
            .iter()
            .find(|s| s.path == "network.subnets[1]" && s.text.contains("overlaps"))
            .unwrap();
        assert!(
            overlap
                .text
                .starts_with("Subnet 2: 10.0.0.0/20 overlaps subnet 1"),
            "{}",
            overlap.text
        );
        let duplicate = shown.iter().find(|s| s.path == "services[1].name").unwrap();
        assert!(
            duplicate.text.contains("the name of service 1"),
            "{}",
            duplicate.text
        );
        assert_eq!(duplicate.field_id, "f-services-1-name");
    }

    #[test]
    fn sentences_name_the_field() {
        assert_eq!(
            sentence("VPC CIDR block", "is empty; write one"),
            "VPC CIDR block is empty; write one"
        );
        assert_eq!(
            sentence(
                "Subnet 1",
                "10.9.0.0/20 is not inside the VPC block 10.0.0.0/16"
            ),
            "Subnet 1: 10.9.0.0/20 is not inside the VPC block 10.0.0.0/16"
        );
        assert_eq!(
            field_label("services[0].scaling.max"),
            "Service 1 maximum tasks"
        );
        assert_eq!(field_label("network.subnets[2]"), "Subnet 3");
        assert_eq!(field_label("network.nat.azs[0]"), "NAT gateway AZ entry 1");
        assert_eq!(field_label(""), "The design");
        assert_eq!(
            humanize_message("overlaps network.subnets[0] (x); services[3] and services[x]"),
            "overlaps subnet 1 (x); service 4 and services[x]"
        );
        assert!(
            humanize_message("set domain.zone and domain.certificate_arn, or")
                .contains("custom domain")
        );
    }

    fn variants() -> Vec<Config> {
        let mut configs = vec![Config::default()];
        let mut c = Config::default();
        c.domain = None;
        c.services[0].cloudfront.host = None;
        c.network.ipv6 = false;
        c.network.nat = Nat::Auto;
        c.network.gateway_endpoints.clear();
        configs.push(c);
        let mut c = Config::default();
        set_region(&mut c, "us-east-1".into());
        c.network.name = "core-net".into();
        c.network.cidr = "10.0.0.0/16".into();
        apply_subnets(&mut c, auto_split("10.0.0.0/16", 19, 6).unwrap());
        for _ in 0..3 {
            add_service(&mut c);
        }
        c.domain = Some(test_domain());
        c.services[2].cloudfront.enabled = true;
        c.services[2].cloudfront.host = Some("api".into());
        c.services[3].cpu = 4096;
        c.services[3].memory = 16384;
        c.services[4].scaling.metric = crate::config::ScalingMetric::RequestCountPerTarget;
        c.services[4].scaling.target = 500;
        configs.push(c);
        // Everything the edge can have: a managed web ACL and a requested certificate (so a
        // global stack), DNS records, access and flow logs, a caching secondary service.
        let mut c = Config::default();
        c.domain = Some(Domain {
            zone: "example.com".into(),
            certificate_arn: None,
            hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
        });
        c.edge.waf = crate::config::Waf::Managed {
            rate_limit: 500,
            allow_large_bodies: true,
        };
        c.edge.access_logs = true;
        c.network.flow_logs = true;
        c.services[0].cloudfront.host = Some("app".into());
        c.services[1].cloudfront.enabled = true;
        c.services[1].cloudfront.cache = crate::config::CacheMode::Short;
        configs.push(c);
        for config in &configs {
            assert!(validate(config).is_empty(), "{:?}", validate(config));
        }
        configs
    }

    #[test]
    fn each_template_renders_the_same_from_its_inputs() {
        for config in variants() {
            for id in stack_ids(&config) {
                let inputs = template_inputs(&config, id).unwrap();
                assert_eq!(
                    render_body(&inputs, id),
                    render_body(&config, id),
                    "template {id:?}: template_inputs must keep every part of the design \
                     render reads for it"
                );
            }
            assert_eq!(
                template_inputs(&config, StackId::Service(config.services.len())),
                None
            );
        }
    }

    #[test]
    fn an_edit_changes_only_the_inputs_of_templates_that_read_it() {
        let config = &variants()[2];
        let mut edited = config.clone();
        edited.services[3].memory = 20480;
        assert_eq!(
            template_inputs(config, StackId::Network),
            template_inputs(&edited, StackId::Network)
        );
        for other in [0, 1, 2, 4] {
            assert_eq!(
                template_inputs(config, StackId::Service(other)),
                template_inputs(&edited, StackId::Service(other)),
                "service {other}"
            );
        }
        assert_ne!(
            template_inputs(config, StackId::Service(3)),
            template_inputs(&edited, StackId::Service(3))
        );

        let mut edited = config.clone();
        edited.network.cidr = "10.1.0.0/16".into();
        edited.network.subnets = auto_split("10.1.0.0/16", 19, 6).unwrap();
        assert_ne!(
            template_inputs(config, StackId::Network),
            template_inputs(&edited, StackId::Network)
        );
        assert_eq!(
            template_inputs(config, StackId::Service(1)),
            template_inputs(&edited, StackId::Service(1))
        );
    }

    #[test]
    fn stack_roles() {
        assert_eq!(stack_role(StackId::Network), "network");
        assert_eq!(stack_role(StackId::Service(0)), "initial service");
        assert_eq!(stack_role(StackId::Service(4)), "service");
    }

    #[test]
    fn files_are_refused_by_size_before_they_are_read() {
        assert_eq!(file_size_problem(0.0), None);
        assert_eq!(file_size_problem(MAX_CONFIG_BYTES as f64), None);
        let problem = file_size_problem(50_000_000.0).unwrap();
        assert!(problem.contains("50.0 MB"), "{problem}");
        assert!(problem.contains("1024 KiB"), "{problem}");
        assert!(file_size_problem(MAX_CONFIG_BYTES as f64 + 1.0).is_some());
        // The same limit as the core's reader.
        let over = vec![b' '; MAX_CONFIG_BYTES + 1];
        assert!(Config::from_file_bytes(&over).is_err());
    }

    #[test]
    fn file_messages_quote_the_name_safely() {
        assert_eq!(
            shown_file_name("stackdraft.json"),
            "\u{201c}stackdraft.json\u{201d}"
        );
        assert_eq!(shown_file_name("a\nb\u{7}.json"), "\u{201c}ab.json\u{201d}");
        assert_eq!(shown_file_name("  "), "The file");
        let long = "x".repeat(500);
        assert_eq!(shown_file_name(&long).chars().count(), 62);
        assert_eq!(
            file_problem("big.bin", "it is 50.0 MB — is it the right file?"),
            "\u{201c}big.bin\u{201d} could not be opened: it is 50.0 MB — is it the right file? You are still seeing your design."
        );
        assert!(file_problem("x.png", "not text")
            .ends_with("not text. You are still seeing your design."));
        assert_eq!(
            opened_file_note("d.json"),
            "You opened \u{201c}d.json\u{201d}."
        );
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
