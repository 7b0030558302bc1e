//! Errors at their cause: an error that a toggle or a design-wide choice brought about
//! (the custom domain turned off while services have hosts, the region changed under
//! pinned zone IDs, the VPC block changed under the subnets, …) is shown at that control
//! too, not only at the field the core reports it for, which may be far down the page.

use crate::engine::config::{Config, Nat};
use crate::engine::field_path::FieldPath;
use crate::engine::regions;

/// The paths of the controls, besides the error's own field, that caused the error at
/// `path`, as the design is now.
pub fn causes(config: &Config, path: &str) -> Vec<&'static str> {
    let mut at = Vec::new();
    if FieldPath::new(path)
        .service()
        .is_some_and(|(_, below)| below.as_str() == "cloudfront.host")
    {
        match &config.domain {
            None => at.push("domain"),
            Some(domain) if domain.certificate_arn.is_none() && domain.hosted_zone_id.is_none() => {
                at.push("domain.hosted_zone_id");
            }
            Some(_) => {}
        }
    }
    if path.starts_with("network.az_ids[") {
        let region = regions::find(&config.region);
        let index = path
            .strip_prefix("network.az_ids[")
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|i| i.parse::<usize>().ok());
        let id = config
            .network
            .az_ids
            .as_ref()
            .zip(index)
            .and_then(|(ids, i)| ids.get(i));
        if let (Some(region), Some(id)) = (region, id) {
            if !id.starts_with(&format!("{}-az", region.zone_id_prefix)) {
                at.push("region");
            }
        }
    }
    if path == "edge.access_logs" {
        at.push("region");
    }
    if path.starts_with("network.subnets[") {
        at.push("network.cidr");
    }
    if path.starts_with("network.nat.azs") && matches!(config.network.nat, Nat::Manual { .. }) {
        at.push("network.nat");
    }
    if path.starts_with("network.ipv6") {
        at.push("network.ipv6");
    }
    if path.starts_with("edge.waf.") {
        at.push("edge.waf");
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::validate::validate;
    use crate::form::edits;

    fn shown_at(config: &Config, control: &str) -> Vec<String> {
        validate(config)
            .into_iter()
            .filter(|e| causes(config, &e.path).contains(&control))
            .map(|e| e.path)
            .collect()
    }

    #[test]
    fn turning_the_domain_off_under_hosts_shows_at_the_domain_toggle() {
        let mut config = Config::default();
        config.domain = Some(crate::engine::config::Domain {
            zone: "example.com".into(),
            certificate_arn: None,
            hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
        });
        config.services[0].cloudfront.host = Some("www".into());
        assert!(validate(&config).is_empty(), "{:?}", validate(&config));
        let mut off = config.clone();
        edits::set_domain_enabled(&mut off, false, None);
        assert_eq!(shown_at(&off, "domain"), ["services[0].cloudfront.host"]);

        let mut no_zone = config.clone();
        no_zone.domain.as_mut().unwrap().hosted_zone_id = None;
        assert_eq!(
            shown_at(&no_zone, "domain.hosted_zone_id"),
            ["services[0].cloudfront.host"]
        );
    }

    #[test]
    fn zone_ids_of_another_region_show_at_the_region() {
        let mut config = Config::default();
        edits::set_zone_ids_pinned(&mut config, true);
        assert!(validate(&config).is_empty());
        // The region changed without the zone IDs following (a design opened from a file).
        config.region = "eu-west-1".into();
        let at_region = shown_at(&config, "region");
        assert_eq!(
            at_region.len(),
            config.network.subnets.len(),
            "{at_region:?}"
        );
    }

    #[test]
    fn subnets_outside_a_new_vpc_block_show_at_the_block() {
        let mut config = Config::default();
        config.network.cidr = "10.1.0.0/16".into();
        assert_eq!(
            shown_at(&config, "network.cidr").len(),
            config.network.subnets.len()
        );
    }

    #[test]
    fn an_error_of_the_field_itself_has_no_other_cause() {
        let mut config = Config::default();
        config.services[0].port = 0;
        assert!(causes(&config, "services[0].port").is_empty());
    }
}
