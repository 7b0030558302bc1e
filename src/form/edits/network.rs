//! Network edits: subnets added in free space and removed with their NAT AZ, the
//! auto-split, pinned zone IDs following the subnets and the region, NAT and gateway
//! endpoint choices, and the custom domain switch.

use crate::engine::cidr::{self, Cidr};
use crate::engine::config::{Config, Domain, GatewayEndpoint, Nat};
use crate::engine::message::Message;
use crate::engine::regions;
use crate::engine::validate::{MAX_SUBNETS, MIN_SUBNETS, SMALLEST_SUBNET_PREFIX};
/// The next block of the last subnet's size (a /20 when there is none) that lies in the
/// VPC and overlaps no subnet, or `None` when none is left.
pub fn next_free_subnet(config: &Config) -> Option<String> {
    let vpc = config.network.vpc_block()?;
    let used: Vec<Cidr> = config.network.subnet_blocks().flatten().collect();
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
pub fn auto_split(vpc_cidr: &str, prefix: i64, count: i64) -> Result<Vec<String>, Message> {
    let vpc = cidr::parse(vpc_cidr).map_err(Message::split_vpc_invalid)?;
    if !(MIN_SUBNETS as i64..=MAX_SUBNETS as i64).contains(&count) {
        return Err(Message::split_count(MIN_SUBNETS, MAX_SUBNETS));
    }
    let suggestion = suggested_split_prefix(vpc.prefix, count as usize);
    if prefix < vpc.prefix as i64 {
        return Err(Message::split_prefix_larger_than_vpc(
            prefix,
            vpc.to_string(),
            suggestion,
        ));
    }
    if prefix > SMALLEST_SUBNET_PREFIX as i64 {
        return Err(Message::split_prefix_too_small(
            prefix,
            SMALLEST_SUBNET_PREFIX,
        ));
    }
    let blocks = vpc.split(prefix as u8, count as usize).ok_or_else(|| {
        Message::split_does_not_fit(
            count,
            prefix,
            (1u64 << (32 - prefix)) * count as u64,
            vpc.to_string(),
            vpc.size(),
            suggestion,
        )
    })?;
    Ok(blocks.iter().map(|c| c.to_string()).collect())
}

/// The auto-split form's first values: the design's subnet count (within the bounds) and
/// the first subnet's prefix, else the prefix that fills the VPC, else /20.
pub fn split_defaults(config: &Config) -> (usize, u8) {
    let count = config.network.subnets.len().clamp(MIN_SUBNETS, MAX_SUBNETS);
    let prefix = config
        .network
        .subnet_blocks()
        .next()
        .flatten()
        .map(|s| s.prefix)
        .or_else(|| {
            config
                .network
                .vpc_block()
                .map(|v| suggested_split_prefix(v.prefix, count))
        })
        .unwrap_or(20);
    (count, prefix)
}

/// The auto-split form's request as typed (a count, a prefix with or without `/`): the
/// subnets and what to say, or why not.
pub fn split_as_typed(
    vpc_cidr: &str,
    count: &str,
    prefix: &str,
) -> Result<(Vec<String>, String), Message> {
    let n = crate::form::number_drafts::parse_whole_number(count)
        .map_err(Message::split_count_typed)?;
    let p = crate::form::number_drafts::parse_whole_number(prefix.trim_start_matches('/'))
        .map_err(Message::split_prefix_typed)?;
    let subnets = auto_split(vpc_cidr, p, n)?;
    let said = format!(
        "Split {vpc_cidr} into {} of /{p}.",
        crate::form::follow::count_of(n as usize, "subnet", "subnets")
    );
    Ok((subnets, said))
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
#[cfg(test)]
#[allow(clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::engine::config::test_support::test_domain;
    use crate::engine::validate::validate;

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
        assert_eq!(
            auto_split("192.168.0.0/18", 19, 3),
            Err(Message::split_does_not_fit(
                3,
                19,
                24576,
                "192.168.0.0/18",
                16384,
                20
            ))
        );
        assert_eq!(
            auto_split("192.168.0.0/18", 16, 2),
            Err(Message::split_prefix_larger_than_vpc(
                16,
                "192.168.0.0/18",
                19
            ))
        );
        assert_eq!(
            auto_split("10.0.0.0/16", 28, 2),
            Err(Message::split_prefix_too_small(28, 27))
        );
        assert_eq!(
            auto_split("10.0.0.0/16", 20, 7),
            Err(Message::split_count(2, 6))
        );
        assert_eq!(
            auto_split("10.0.0.0/16", 20, 1),
            Err(Message::split_count(2, 6))
        );
        assert_eq!(
            auto_split("10.0.0/16", 20, 2),
            Err(Message::split_vpc_invalid(Message::cidr_not_four_numbers(
                "10.0.0"
            )))
        );
        assert_eq!(suggested_split_prefix(18, 3), 20);
        assert_eq!(suggested_split_prefix(16, 2), 17);
        assert_eq!(suggested_split_prefix(16, 6), 19);
        assert_eq!(suggested_split_prefix(26, 4), 27);
    }

    #[test]
    fn the_auto_split_form_starts_from_the_design_and_reads_what_is_typed() {
        let mut config = Config::default();
        assert_eq!(split_defaults(&config), (3, 20));
        config.network.subnets = vec!["nonsense".into()];
        assert_eq!(split_defaults(&config), (2, 19));
        config.network.cidr = "nonsense".into();
        assert_eq!(split_defaults(&config), (2, 20));
        let (subnets, said) = split_as_typed("10.0.0.0/16", " 2 ", "/24").unwrap();
        assert_eq!(subnets, ["10.0.0.0/24", "10.0.1.0/24"]);
        assert_eq!(said, "Split 10.0.0.0/16 into 2 subnets of /24.");
        assert_eq!(
            split_as_typed("10.0.0.0/16", "x", "24"),
            Err(Message::split_count_typed(Message::number_not_whole("x")))
        );
        assert_eq!(
            split_as_typed("10.0.0.0/16", "2", "/"),
            Err(Message::split_prefix_typed(Message::number_empty()))
        );
    }

    #[test]
    fn auto_split_drops_nat_azs_without_a_subnet() {
        let mut config = Config::default();
        set_nat_az(&mut config, 1, false);
        assert_eq!(nat_azs(&config), Some(&[0, 2][..]));
        let subnets = auto_split(&config.network.cidr, 19, 2).unwrap();
        apply_subnets(&mut config, subnets);
        assert_eq!(nat_azs(&config), Some(&[0][..]));
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));
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
}
