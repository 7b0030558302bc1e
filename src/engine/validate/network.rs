//! The network's rules: the VPC block, the subnets and their zones, the NAT, the
//! gateway endpoints and the flow logs.

use super::*;

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
                    format!("is a /{}; a VPC block must be between /{low} (65,536 addresses) and /{high} (16 addresses)", vpc.prefix),
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
            format!("has {count} subnets; give {MIN_SUBNETS} to {MAX_SUBNETS}, one per Availability Zone (the internal ALB needs at least two zones)"),
        );
    }
    if let Some(ids) = &network.az_ids {
        check_zone_ids(ids, count, region, errors);
    } else if let Some(region) = region {
        if count > region.az_count() {
            errors.push(
                "network.subnets",
                format!(
                    "has {count} subnets but {} usually offers {} Availability Zones; subnet {} would have no zone",
                    region.code,
                    region.az_count(),
                    region.az_count()
                ),
            );
        }
    }

    let mut parsed: Vec<(usize, Cidr)> = Vec::new();
    for (index, text) in network.subnets.iter().enumerate() {
        let path = format!("network.subnets[{index}]");
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
                format!(
                    "is a /{} with {} usable addresses; the internal ALB needs a /{SMALLEST_SUBNET_PREFIX} or larger (AWS keeps 5 addresses per subnet and the ALB needs 8 free)",
                    subnet.prefix,
                    subnet.usable_in_aws()
                ),
            );
        }
        if subnet.prefix < VPC_PREFIX_RANGE.0 {
            errors.push(
                &path,
                format!("is a /{}; AWS subnets are /16 to /28", subnet.prefix),
            );
        }
        if let Some(vpc) = vpc {
            if !vpc.contains(subnet) {
                errors.push(&path, format!("{subnet} is not inside the VPC block {vpc}"));
            }
        }
        for (other_index, other) in &parsed {
            if other.overlaps(subnet) {
                errors.push(
                    &path,
                    format!(
                        "{subnet} overlaps {} ({other}); subnets must not share addresses",
                        FieldRef(&format!("network.subnets[{other_index}]"))
                    ),
                );
            }
        }
        parsed.push((index, subnet));
    }

    if let Nat::Manual { azs } = &network.nat {
        if azs.is_empty() {
            errors.push(
                "network.nat.azs",
                format!(
                    "is empty; list at least one AZ index for the NAT gateway's Elastic IPs, or make the {} automatic ({{\"mode\": \"auto\"}})",
                    FieldRef("network.nat")
                ),
            );
        }
        let mut seen = vec![false; count];
        for (position, &az) in azs.iter().enumerate() {
            let path = format!("network.nat.azs[{position}]");
            if az < 0 || az as usize >= count {
                errors.push(
                    &path,
                    format!(
                        "AZ index {az} has no subnet; indices run from 0 to {}",
                        count.saturating_sub(1)
                    ),
                );
            } else if std::mem::replace(&mut seen[az as usize], true) {
                errors.push(&path, format!("AZ index {az} is listed twice"));
            }
        }
    }

    if !LOG_RETENTION_DAYS.contains(&network.flow_log_days) {
        errors.push(
            "network.flow_log_days",
            format!(
                "is {}; CloudWatch Logs keeps logs for one of {} days",
                network.flow_log_days,
                LOG_RETENTION_DAYS.map(|d| d.to_string()).join(", ")
            ),
        );
    }

    let mut listed = [false; GatewayEndpoint::ALL.len()];
    for (position, endpoint) in network.gateway_endpoints.iter().enumerate() {
        if std::mem::replace(&mut listed[*endpoint as usize], true) {
            errors.push(
                format!("network.gateway_endpoints[{position}]"),
                format!("\"{}\" is listed twice", endpoint.service()),
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
            format!(
                "lists {} zone IDs for {subnets} subnets; give one zone ID per subnet, in the subnets' order",
                ids.len()
            ),
        );
    }
    for (index, id) in ids.iter().enumerate() {
        let path = format!("network.az_ids[{index}]");
        let Some((prefix, number)) = id.split_once("-az") else {
            errors.push(
                &path,
                format!(
                    "'{id}' is not a zone ID such as apne1-az4 (a region prefix, -az and a number)"
                ),
            );
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
            errors.push(
                &path,
                format!(
                    "'{id}' is not a zone ID such as apne1-az4 (a region prefix, -az and a number)"
                ),
            );
            continue;
        }
        if let Some(region) = region {
            if prefix != region.zone_id_prefix {
                errors.push(
                    &path,
                    format!(
                        "'{id}' is a zone of another region; zone IDs in {} start with {}- ({})",
                        region.code,
                        region.zone_id_prefix,
                        region.zone_ids().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
        }
        if ids[..index].contains(id) {
            errors.push(
                &path,
                format!("'{id}' is listed twice; each subnet needs a zone of its own"),
            );
        }
    }
}
