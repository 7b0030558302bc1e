//! The network's rules: the VPC block, the subnets and their zones, the NAT, the
//! gateway endpoints and the flow logs.

use super::*;
use crate::engine::field_path::entry_path;
use crate::engine::number_format;

pub(super) fn check_network(
    config: &Config,
    region: Option<&regions::Region>,
    errors: &mut Errors,
) {
    let network = &config.network;
    check_stack_name(
        "network.name",
        &network.name,
        derived_names::max_network_name_len(),
        errors,
    );

    let vpc = match cidr::parse(&network.cidr) {
        Ok(vpc) => {
            let (low, high) = VPC_PREFIX_RANGE;
            if vpc.prefix < low || vpc.prefix > high {
                errors.push(
                    "network.cidr",
                    Message::vpc_prefix_out_of_range(
                        vpc.prefix,
                        low,
                        number_format::thousands(1 << (32 - low)),
                        high,
                        number_format::thousands(1 << (32 - high)),
                    ),
                );
            }
            Some(vpc)
        }
        Err(message) => {
            errors.push("network.cidr", message);
            None
        }
    };

    let count = network.subnets.len();
    if !(MIN_SUBNETS..=MAX_SUBNETS).contains(&count) {
        errors.push(
            "network.subnets",
            Message::subnet_count(count, MIN_SUBNETS, MAX_SUBNETS),
        );
    }
    if let Some(ids) = &network.az_ids {
        check_zone_ids(ids, count, region, errors);
    } else if let Some(region) = region {
        if count > region.az_count() {
            errors.push(
                "network.subnets",
                Message::subnets_exceed_zones(
                    count,
                    region.code,
                    region.az_count(),
                    region.az_count() + 1,
                ),
            );
        }
    }

    let mut parsed: Vec<(usize, Cidr)> = Vec::new();
    for (index, text) in network.subnets.iter().enumerate() {
        let path = entry_path("network.subnets", index, "");
        let subnet = match cidr::parse(text) {
            Ok(subnet) => subnet,
            Err(message) => {
                errors.push(path, message);
                continue;
            }
        };
        if subnet.prefix > SMALLEST_SUBNET_PREFIX {
            errors.push(
                &path,
                Message::subnet_too_small(
                    subnet.prefix,
                    subnet.usable_in_aws(),
                    SMALLEST_SUBNET_PREFIX,
                ),
            );
        }
        if subnet.prefix < VPC_PREFIX_RANGE.0 {
            errors.push(
                &path,
                Message::subnet_too_large(subnet.prefix, VPC_PREFIX_RANGE.0, VPC_PREFIX_RANGE.1),
            );
        }
        if let Some(vpc) = vpc {
            if !vpc.contains(subnet) {
                errors.push(
                    &path,
                    Message::subnet_outside_vpc(subnet.to_string(), vpc.to_string()),
                );
            }
        }
        for (other_index, other) in &parsed {
            if other.overlaps(subnet) {
                errors.push(
                    &path,
                    Message::subnet_overlap(
                        subnet.to_string(),
                        entry_path("network.subnets", *other_index, ""),
                        other.to_string(),
                    ),
                );
            }
        }
        parsed.push((index, subnet));
    }

    if let Nat::Manual { azs } = &network.nat {
        if azs.is_empty() {
            errors.push("network.nat.azs", Message::nat_azs_empty());
        }
        let mut seen = vec![false; count];
        for (position, &az) in azs.iter().enumerate() {
            let path = entry_path("network.nat.azs", position, "");
            if az < 0 || az as usize >= count {
                errors.push(
                    &path,
                    Message::nat_az_no_subnet(az, count.saturating_sub(1)),
                );
            } else if std::mem::replace(&mut seen[az as usize], true) {
                errors.push(&path, Message::nat_az_twice(az));
            }
        }
    }

    if !LOG_RETENTION_DAYS.contains(&network.flow_log_days) {
        errors.push(
            "network.flow_log_days",
            log_retention_invalid(network.flow_log_days),
        );
    }

    let mut listed = [false; GatewayEndpoint::ALL.len()];
    for (position, endpoint) in network.gateway_endpoints.iter().enumerate() {
        if std::mem::replace(&mut listed[*endpoint as usize], true) {
            errors.push(
                entry_path("network.gateway_endpoints", position, ""),
                Message::endpoint_twice(endpoint.service()),
            );
        }
    }
}

/// Zone IDs: one per subnet, each `<prefix>-az<n>` with the region's prefix, no zone
/// twice. Whether the account can use a zone is the deploy kit's preflight's job.
pub(super) fn check_zone_ids(
    ids: &[String],
    subnets: usize,
    region: Option<&regions::Region>,
    errors: &mut Errors,
) {
    if ids.len() != subnets {
        errors.push(
            "network.az_ids",
            Message::zone_ids_count(ids.len(), subnets),
        );
    }
    for (index, id) in ids.iter().enumerate() {
        let path = entry_path("network.az_ids", index, "");
        let Some((prefix, number)) = id.split_once("-az") else {
            errors.push(&path, Message::zone_id_malformed(id));
            continue;
        };
        let well_formed = !prefix.is_empty()
            && prefix
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            && !number.is_empty()
            && number.len() <= 2
            && number.bytes().all(|b| b.is_ascii_digit());
        if !well_formed {
            errors.push(&path, Message::zone_id_malformed(id));
            continue;
        }
        if let Some(region) = region {
            if prefix != region.zone_id_prefix {
                errors.push(
                    &path,
                    Message::zone_id_other_region(
                        id,
                        region.code,
                        region.zone_id_prefix,
                        region.zone_ids().collect(),
                    ),
                );
                continue;
            }
        }
        if ids[..index].contains(id) {
            errors.push(&path, Message::zone_id_twice(id));
        }
    }
}
