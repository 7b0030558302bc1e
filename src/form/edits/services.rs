//! Service list edits: adding, copying and removing services with unique names, CPU and
//! memory kept a pair Fargate runs, and the CloudFront switch and host.

use crate::engine::config::{Config, Service};
use crate::engine::derived_names;
use crate::engine::validate::{fargate_memory_choices, MAX_SERVICES};
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
        derived_names::max_service_name_len(initial),
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
        derived_names::max_service_name_len(false),
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
/// The CloudFront host as typed: empty means none (the distribution's own domain name).
pub fn set_cloudfront_host(service: &mut Service, text: &str) {
    service.cloudfront.host = if text.is_empty() {
        None
    } else {
        Some(text.to_string())
    };
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::test_support::test_domain;
    use crate::engine::validate::validate;

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
        for cpu in crate::engine::validate::FARGATE_CPUS {
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
        config.services[0].name = "a".repeat(derived_names::max_service_name_len(true));
        let long = duplicate_service(&mut config, 0).unwrap();
        assert!(config.services[long].name.len() <= derived_names::max_service_name_len(false));
        assert_ne!(config.services[long].name, config.services[0].name);
        assert!(derived_names::is_valid_stack_name(
            &config.services[long].name
        ));
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
}
