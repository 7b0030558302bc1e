//! The services' rules: names, sizes, health checks, scaling, logs and CloudFront hosts.

use super::image::check_image;
use super::*;
use crate::engine::field_path::service_path;

pub(super) fn check_services(config: &Config, errors: &mut Errors) {
    if config.services.is_empty() {
        errors.push("services", Message::services_empty());
    }
    if config.services.len() > MAX_SERVICES {
        errors.push(
            "services",
            Message::services_too_many(config.services.len(), MAX_SERVICES),
        );
        // Checking a thousand services would bury this one message under the same errors.
        return;
    }
    // At most MAX_SERVICES names and hosts: a scan of the earlier ones is enough.
    let global_stack = derived_names::global_stack_name(&config.network.name, &config.region);
    let first_use = |name: &str, before: usize| {
        if name == config.network.name {
            return Some(Message::name_taken_by_network(name));
        }
        if name == global_stack {
            return Some(Message::name_taken_by_global_stack(name));
        }
        config.services[..before]
            .iter()
            .position(|s| s.name == name)
            .map(|other| Message::name_taken_by_service(name, service_path(other, "")))
    };
    for (index, service) in config.services.iter().enumerate() {
        let path = service_path(index, "");
        if let Some(taken) = first_use(&service.name, index) {
            errors.push(format!("{path}.name"), taken);
        }
        check_service(&path, service, index == 0, config, errors);
    }
    for (index, service) in config.services.iter().enumerate() {
        let Some(host) = service.cloudfront.host.as_deref() else {
            continue;
        };
        let first_host = config.services[..index]
            .iter()
            .position(|s| s.cloudfront.host.as_deref() == Some(host));
        if let Some(other) = first_host {
            errors.push(
                service_path(index, "cloudfront.host"),
                Message::host_taken(host, service_path(other, "")),
            );
        }
    }
}

pub(super) fn check_service(
    path: &str,
    service: &Service,
    initial: bool,
    config: &Config,
    errors: &mut Errors,
) {
    check_stack_name(
        &format!("{path}.name"),
        &service.name,
        derived_names::max_service_name_len(initial),
        errors,
    );
    if let Err(message) = check_image(&service.image) {
        errors.push(format!("{path}.image"), message);
    }
    if !(1..=65535).contains(&service.port) {
        errors.push(
            format!("{path}.port"),
            Message::port_out_of_range(service.port),
        );
    }
    if !FARGATE_CPUS.contains(&service.cpu) {
        errors.push(
            format!("{path}.cpu"),
            Message::cpu_invalid(
                service.cpu,
                FARGATE_CPUS.map(|cpu| cpu.to_string()).to_vec(),
            ),
        );
    } else {
        let choices = fargate_memory_choices(service.cpu);
        if !choices.contains(&service.memory) {
            errors.push(
                format!("{path}.memory"),
                memory_choices(service.memory, service.cpu, &choices),
            );
        }
    }
    if let Err(message) = check_health_check_path(&service.health_check_path) {
        errors.push(format!("{path}.health_check_path"), message);
    }
    let scaling = &service.scaling;
    if scaling.min < 1 {
        errors.push(
            format!("{path}.scaling.min"),
            Message::scaling_min_below_one(scaling.min),
        );
    }
    if scaling.max > MAX_TASKS {
        errors.push(
            format!("{path}.scaling.max"),
            Message::scaling_max_too_many(scaling.max, MAX_TASKS),
        );
    }
    if scaling.max < scaling.min {
        errors.push(
            format!("{path}.scaling.max"),
            Message::scaling_max_below_min(scaling.max, scaling.min),
        );
    }
    let (low, high, _) = scaling.metric.target_range();
    if !(low..=high).contains(&scaling.target) {
        let message = match scaling.metric {
            ScalingMetric::RequestCountPerTarget => Message::scaling_target_requests,
            ScalingMetric::AverageCpu | ScalingMetric::AverageMemory => {
                Message::scaling_target_percent
            }
        };
        errors.push(
            format!("{path}.scaling.target"),
            message(scaling.target, scaling.metric.code(), low, high),
        );
    }
    if !LOG_RETENTION_DAYS.contains(&service.log_retention_days) {
        errors.push(
            format!("{path}.log_retention_days"),
            log_retention_invalid(service.log_retention_days),
        );
    }
    super::application::check_application(path, service, config, errors);
    if let Some(host) = &service.cloudfront.host {
        let host_path = format!("{path}.cloudfront.host");
        if let Err(message) = check_dns_label(host) {
            errors.push(&host_path, Message::host_invalid(host, message));
        }
        match &config.domain {
            None => errors.push(&host_path, Message::host_needs_domain()),
            Some(domain) => {
                let alias = format!("{host}.{}", domain.zone);
                if alias.len() > MAX_DNS_NAME {
                    errors.push(
                        &host_path,
                        Message::alias_too_long(alias.clone(), MAX_DNS_NAME),
                    );
                }
                let requested = domain.certificate_arn.is_none() && domain.hosted_zone_id.is_some();
                if requested
                    && service.cloudfront.enabled
                    && alias.len() > MAX_CERTIFICATE_FIRST_NAME
                {
                    errors.push(
                        &host_path,
                        Message::alias_too_long_to_certify(alias, MAX_CERTIFICATE_FIRST_NAME),
                    );
                }
                if domain.certificate_arn.is_none() && domain.hosted_zone_id.is_none() {
                    errors.push(&host_path, Message::host_needs_certificate());
                }
            }
        }
    }
}

/// The memory sizes Fargate takes with `cpu` units, for a `memory` it does not: a list
/// for 256 units (its sizes do not step evenly), a range and a step for the others.
fn memory_choices(memory: i64, cpu: i64, choices: &[i64]) -> Message {
    let (Some(&first), Some(&last)) = (choices.first(), choices.last()) else {
        return Message::memory_not_offered(memory, cpu, Vec::new());
    };
    if first % 1024 != 0 {
        return Message::memory_not_offered(
            memory,
            cpu,
            choices.iter().map(|m| m.to_string()).collect(),
        );
    }
    let step = choices.get(1).map_or(1024, |second| second - first);
    Message::memory_not_in_range(
        memory,
        cpu,
        first / 1024,
        last / 1024,
        step / 1024,
        first,
        last,
    )
}

pub fn check_health_check_path(path: &str) -> Result<(), Message> {
    if !path.starts_with('/') {
        return Err(Message::health_path_no_slash(path));
    }
    if path.len() > MAX_HEALTH_CHECK_PATH {
        return Err(Message::health_path_too_long(
            path.len(),
            MAX_HEALTH_CHECK_PATH,
        ));
    }
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return Err(Message::health_path_bad_percent());
            }
            i += 3;
            continue;
        }
        if b == b'?' || b == b'#' {
            return Err(Message::health_path_query());
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            let shown = path[i..].chars().next().unwrap_or('?');
            return Err(Message::health_path_bad_character(shown.to_string()));
        }
        i += 1;
    }
    Ok(())
}
