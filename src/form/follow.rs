//! Values that follow an edit, and the notices that say so. After every edit the page
//! calls [`follow`] with the design before and after it: a CloudFront host that was the
//! service's name follows a rename, an image in the old region's ECR follows a region
//! change, and what an edit changed besides the field itself (memory following CPU, zone
//! IDs following the region, a new initial service) is worded for a polite live region.
//! A VPC block that the subnets no longer fit is offered a re-split. An accepted warning
//! that the edit made go takes its acceptance with it.

use crate::engine::config::Config;
use crate::engine::kit::{ecr_parts, Image};
use crate::engine::number_format;
use crate::engine::regions;
use crate::engine::review::{review, settle, without_stale};
use crate::engine::validate::{MAX_SUBNETS, MIN_SUBNETS};
use crate::form::edits;

/// One thing an edit changed besides the field it was made in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// Something the page offers to do about it.
    pub offer: Option<Offer>,
    /// Whether the page's Undo undoes what it says: the edit that raised it, as long as no
    /// other edit came after.
    pub undoable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offer {
    /// Replace the subnets with these blocks of the new VPC block.
    Resplit { subnets: Vec<String>, label: String },
}

impl Notice {
    /// What an edit did: Undo undoes it.
    pub fn of_edit(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            offer: None,
            undoable: true,
        }
    }

    /// What the page did that changed no design (a copied link, a download): nothing to undo.
    pub fn info(text: impl Into<String>) -> Notice {
        Notice {
            text: text.into(),
            offer: None,
            undoable: false,
        }
    }
}

/// "2 GB" for 2048, "512 MiB" otherwise.
pub fn memory_words(memory: i64) -> String {
    if memory % 1024 == 0 {
        format!("{} GB", memory / 1024)
    } else {
        format!("{memory} MiB")
    }
}

/// `image` moved to `new`'s ECR when it is a literal ECR image in `old`'s registry (read
/// as the kit reads it): only the registry host's region label changes.
fn image_in_region(image: &str, old: &str, new: &str) -> Option<String> {
    match ecr_parts(image)? {
        Image::AccountEcr { region, .. } if region == old => {
            let (registry, rest) = image.split_once('/')?;
            let registry = registry.replacen(&format!(".{old}."), &format!(".{new}."), 1);
            Some(format!("{registry}/{rest}"))
        }
        _ => None,
    }
}

/// Applies the values that follow the edit from `before` to `after` and returns what
/// changed besides the edited field, in the order of the page.
pub fn follow(before: &Config, after: &mut Config) -> Vec<Notice> {
    let mut notices = Vec::new();
    let same_services = before.services.len() == after.services.len();

    if before.region != after.region {
        for (service, was) in after.services.iter_mut().zip(&before.services) {
            let moved = (service.image == was.image)
                .then(|| image_in_region(&service.image, &before.region, &after.region))
                .flatten();
            if let Some(moved) = moved {
                service.image = moved;
                notices.push(Notice::of_edit(format!(
                    "The image of {} now names the ECR registry in {}.",
                    service.name, after.region
                )));
            }
        }
        if before.network.az_ids.is_some() && before.network.az_ids != after.network.az_ids {
            notices.push(Notice::of_edit(match &after.network.az_ids {
                Some(ids) => format!(
                    "The subnets' zone IDs moved to {}'s zones: {}.",
                    after.region,
                    ids.join(", ")
                ),
                None => format!(
                    "{} lists too few zone IDs for every subnet: the subnets are no longer pinned.",
                    after.region
                ),
            }));
        }
        // CloudFront delivers no standard logs to buckets in some regions: access logs
        // follow the region instead of making the design invalid.
        let no_standard_logs = regions::find(&after.region).is_some_and(|r| !r.standard_logs);
        if after.edge.access_logs && before.edge.access_logs && no_standard_logs {
            after.edge.access_logs = false;
            notices.push(Notice::of_edit(format!(
                "Access logs are off: CloudFront does not deliver standard logs to buckets in {}.",
                after.region
            )));
        }
    }

    if same_services {
        for (service, was) in after.services.iter_mut().zip(&before.services) {
            let host_was_name = was.cloudfront.host.as_deref() == Some(was.name.as_str());
            if service.name != was.name
                && host_was_name
                && service.cloudfront.host == was.cloudfront.host
                && !service.name.is_empty()
            {
                service.cloudfront.host = Some(service.name.clone());
                notices.push(Notice::of_edit(format!(
                    "The CloudFront host follows the service's name: {}.",
                    service.name
                )));
            }
            if service.cpu != was.cpu && service.memory != was.memory {
                notices.push(Notice::of_edit(format!(
                    "The memory of {} changed from {} to {}: {} vCPU runs with {}.",
                    service.name,
                    memory_words(was.memory),
                    memory_words(service.memory),
                    number_format::vcpus(service.cpu),
                    memory_range(service.cpu)
                )));
            }
        }
    } else if before.services.len() > after.services.len() {
        if let (Some(was), Some(now)) = (before.services.first(), after.services.first()) {
            if was.name != now.name {
                notices.push(Notice::of_edit(format!(
                    "{} is now the initial service: its stack creates the IAM roles and the CloudFront VPC origin the others use.",
                    now.name
                )));
            }
        }
    }

    if before.network.cidr != after.network.cidr {
        if let Some(notice) = resplit_offer(after) {
            notices.push(notice);
        }
    }

    // An acceptance whose warning the edit made go is dropped in the same undo step.
    if !after.review.accepted.is_empty() {
        let stale = settle(after, review(after)).stale;
        for &index in &stale {
            let acceptance = &after.review.accepted[index];
            notices.push(Notice::of_edit(format!(
                "The accepted warning {} at {} no longer occurs: its acceptance is dropped.",
                acceptance.code, acceptance.path
            )));
        }
        if !stale.is_empty() {
            *after = without_stale(after, &stale);
        }
    }
    notices
}

/// "2 to 8 GB" for 1024 CPU units.
fn memory_range(cpu: i64) -> String {
    let choices = crate::engine::validate::fargate_memory_choices(cpu);
    match (choices.first(), choices.last()) {
        (Some(low), Some(high)) => format!("{} to {}", memory_words(*low), memory_words(*high)),
        _ => "no memory size".to_string(),
    }
}

/// When the VPC block is valid and some subnet is not inside it: the offer to carve the
/// same number of subnets out of it (each the size they had, when that fits).
pub fn resplit_offer(config: &Config) -> Option<Notice> {
    let vpc = config.network.vpc_block()?;
    if !(16..=28).contains(&vpc.prefix) {
        return None;
    }
    let subnets: Vec<_> = config.network.subnet_blocks().collect();
    if subnets.iter().all(|s| s.is_some_and(|s| vpc.contains(s))) {
        return None;
    }
    let count = config.network.subnets.len().clamp(MIN_SUBNETS, MAX_SUBNETS);
    let suggested = edits::suggested_split_prefix(vpc.prefix, count);
    let current = subnets
        .iter()
        .flatten()
        .next()
        .map(|s| s.prefix)
        .unwrap_or(suggested);
    let (prefix, blocks) = [current.max(vpc.prefix), suggested]
        .into_iter()
        .find_map(|p| {
            edits::auto_split(&config.network.cidr, p as i64, count as i64)
                .ok()
                .map(|b| (p, b))
        })?;
    Some(Notice {
        offer: Some(Offer::Resplit {
            label: format!("Re-split into {count} subnets of /{prefix}"),
            subnets: blocks,
        }),
        ..Notice::of_edit(format!(
            "The subnets are not all inside the new VPC block {vpc}: re-split them into {count} subnets of /{prefix}?"
        ))
    })
}

/// The notices that stay through another edit: an offer whose cause is still there (the
/// offer made for the design as it is now is the same), no longer with Undo (it would undo
/// that other edit). The rest were about the edit before.
pub fn still_offered(notices: &[Notice], now: &Config) -> Vec<Notice> {
    let current = resplit_offer(now).and_then(|n| n.offer);
    notices
        .iter()
        .filter(|n| n.offer.is_some() && n.offer == current)
        .map(|n| Notice {
            undoable: false,
            ..n.clone()
        })
        .collect()
}

/// What removing the initial service does, asked before it is removed; `None` when the
/// design has no other service to take its place.
pub fn initial_removal_warning(config: &Config) -> Option<String> {
    let (first, next) = (config.services.first()?, config.services.get(1)?);
    Some(format!(
        "Remove {}? It is the initial service: its stack creates the IAM roles and the CloudFront VPC origin that the other services use. \
         They move to {}, which becomes the initial service and is deployed right after the network. Undo brings {} back.",
        first.name, next.name, first.name
    ))
}

/// "1 subnet", "3 subnets".
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cidr;

    fn edited(config: &Config, f: impl FnOnce(&mut Config)) -> (Config, Vec<Notice>) {
        let mut after = config.clone();
        f(&mut after);
        let notices = follow(config, &mut after);
        (after, notices)
    }

    /// The default design's one warning, `default-certificate` on the initial service's
    /// distribution, accepted; turning that distribution off makes the warning go, and its
    /// acceptance with it, in the same edit. An edit that keeps the warning keeps it.
    #[test]
    fn an_acceptance_goes_with_its_warning() {
        let mut config = Config::default();
        config
            .review
            .accepted
            .push(crate::engine::config::Acceptance {
                code: "default-certificate".into(),
                path: "services[0].cloudfront.host".into(),
                reason: "internal".into(),
            });
        let (kept, notices) = edited(&config, |c| c.services[0].port = 8080);
        assert_eq!(kept.review.accepted.len(), 1);
        assert!(notices.is_empty(), "{notices:?}");
        let (after, notices) = edited(&config, |c| c.services[0].cloudfront.enabled = false);
        assert!(after.review.accepted.is_empty());
        assert_eq!(
            notices,
            [Notice::of_edit(
                "The accepted warning default-certificate at services[0].cloudfront.host no longer occurs: its acceptance is dropped."
            )]
        );
    }

    #[test]
    fn a_host_equal_to_the_name_follows_a_rename_and_another_host_stays() {
        let mut config = Config::default();
        config.services[0].cloudfront.host = Some(config.services[0].name.clone());
        let (after, notices) = edited(&config, |c| c.services[0].name = "shop".into());
        assert_eq!(after.services[0].cloudfront.host.as_deref(), Some("shop"));
        assert_eq!(notices.len(), 1);
        assert!(notices[0].text.contains("shop"), "{:?}", notices);

        config.services[0].cloudfront.host = Some("www".into());
        let (after, notices) = edited(&config, |c| c.services[0].name = "shop".into());
        assert_eq!(after.services[0].cloudfront.host.as_deref(), Some("www"));
        assert!(notices.is_empty());
    }

    #[test]
    fn an_image_in_the_old_regions_registry_follows_the_region() {
        let mut config = Config {
            region: "ap-northeast-1".into(),
            ..Config::default()
        };
        config.services[0].image = "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/app:1".into();
        let own = config.services[1].image.clone();
        let (after, notices) = edited(&config, |c| {
            edits::set_region(c, "eu-west-1".into());
        });
        assert_eq!(
            after.services[0].image,
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"
        );
        assert_eq!(
            after.services[1].image, own,
            "a ${{AWS::Region}} image is left alone"
        );
        assert!(notices.iter().any(|n| n.text.contains("eu-west-1")));

        // Only the registry's region moves; a repository path that names it stays.
        config.services[0].image =
            "111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/mirror/x.dkr.ecr.ap-northeast-1.amazonaws.com:1".into();
        config.services[1].image = "ghcr.io/ap-northeast-1/app:1".into();
        let (after, _) = edited(&config, |c| {
            edits::set_region(c, "eu-west-1".into());
        });
        assert_eq!(
            after.services[0].image,
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com/mirror/x.dkr.ecr.ap-northeast-1.amazonaws.com:1"
        );
        assert_eq!(after.services[1].image, "ghcr.io/ap-northeast-1/app:1");
    }

    #[test]
    fn access_logs_turn_off_in_a_region_without_standard_logs_and_stay_on_elsewhere() {
        let config = Config::default();
        assert!(config.edge.access_logs);
        // eu-south-1 (Milan) is an opt-in region CloudFront delivers no standard logs to.
        let (after, notices) = edited(&config, |c| {
            edits::set_region(c, "eu-south-1".into());
        });
        assert!(!after.edge.access_logs);
        assert!(
            notices.iter().any(|n| n.text
                == "Access logs are off: CloudFront does not deliver standard logs to buckets in eu-south-1."),
            "{notices:?}"
        );
        assert!(crate::engine::validate::validate(&after)
            .iter()
            .all(|e| e.path != "edge.access_logs"));
        let (after, notices) = edited(&config, |c| {
            edits::set_region(c, "eu-west-1".into());
        });
        assert!(after.edge.access_logs);
        assert!(notices.iter().all(|n| !n.text.contains("Access logs")));
    }

    #[test]
    fn memory_that_follows_the_cpu_is_announced() {
        let config = Config::default();
        assert_eq!(config.services[0].memory, 2048);
        let (after, notices) = edited(&config, |c| edits::set_cpu(&mut c.services[0], 4096));
        assert_eq!(after.services[0].memory, 8192);
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].text.contains("from 2 GB to 8 GB"),
            "{}",
            notices[0].text
        );
        // A CPU change that keeps the memory says nothing.
        let (_, notices) = edited(&config, |c| edits::set_cpu(&mut c.services[0], 512));
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn removing_the_initial_service_names_the_new_one() {
        let config = Config::default();
        let next = config.services[1].name.clone();
        let (_, notices) = edited(&config, |c| {
            edits::remove_service(c, 0);
        });
        assert_eq!(notices.len(), 1);
        assert!(notices[0].text.starts_with(&next));
    }

    #[test]
    fn a_new_vpc_block_offers_a_resplit_that_fits_it() {
        let config = Config::default();
        let (after, notices) = edited(&config, |c| c.network.cidr = "10.1.0.0/16".into());
        // What an edit did, so the page's Undo undoes it.
        assert!(notices.iter().all(|n| n.undoable), "{notices:?}");
        let offer = notices
            .iter()
            .find_map(|n| n.offer.clone())
            .expect("an offer");
        let Offer::Resplit { subnets, .. } = offer;
        assert_eq!(subnets.len(), after.network.subnets.len());
        let vpc = cidr::parse("10.1.0.0/16").unwrap();
        for s in &subnets {
            assert!(vpc.contains(cidr::parse(s).unwrap()), "{s}");
        }
        // Half-typed or already fitting blocks offer nothing.
        let (_, notices) = edited(&config, |c| c.network.cidr = "10.1.0".into());
        assert!(notices.is_empty());
        let (_, notices) = edited(&config, |c| c.network.cidr = "192.168.0.0/16".into());
        assert!(notices.is_empty(), "{notices:?}");
    }

    #[test]
    fn an_offer_stays_through_other_edits_while_its_cause_does_without_undo() {
        let config = Config::default();
        let (moved, notices) = edited(&config, |c| c.network.cidr = "10.1.0.0/16".into());
        assert!(notices.iter().any(|n| n.offer.is_some()));
        // Another field: the offer stays, but Undo would undo the port, not the block.
        let (ported, more) = edited(&moved, |c| c.services[0].port = 8080);
        assert!(more.is_empty());
        let kept = still_offered(&notices, &ported);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].offer, notices[0].offer);
        assert!(!kept[0].undoable);
        // The subnets put inside the block by hand: the cause is gone, and so is the offer.
        let (fixed, _) = edited(&ported, |c| {
            for (i, s) in c.network.subnets.iter_mut().enumerate() {
                *s = format!("10.1.{}.0/20", 16 * i);
            }
        });
        assert!(still_offered(&notices, &fixed).is_empty());
        // A notice without an offer never stays.
        let said = [Notice::of_edit(
            "The CloudFront host follows the service's name: shop.",
        )];
        assert!(still_offered(&said, &moved).is_empty());
    }

    #[test]
    fn removing_the_initial_service_is_asked_with_what_moves() {
        let config = Config::default();
        let text = initial_removal_warning(&config).expect("two services");
        assert!(text.contains("IAM roles") && text.contains(&config.services[1].name));
        let mut one = config.clone();
        one.services.truncate(1);
        assert_eq!(initial_removal_warning(&one), None);
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count_of(1, "subnet", "subnets"), "1 subnet");
        assert_eq!(count_of(3, "subnet", "subnets"), "3 subnets");
    }
}
