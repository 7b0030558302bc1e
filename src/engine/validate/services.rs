//! The services' rules: names, sizes, health checks, scaling, logs and CloudFront hosts.

use super::image::check_image;
use super::*;
use crate::engine::field_path::service_path;

pub(super) fn check_services(config: &Config, errors: &mut Errors) {
    if config.services.is_empty() {
        errors.push(
            "services",
            "is empty; describe at least the initial service",
        );
    }
    if config.services.len() > MAX_SERVICES {
        errors.push(
            "services",
            format!(
                "has {} services; one Express Mode ALB serves at most {MAX_SERVICES}, so split the design",
                config.services.len()
            ),
        );
        // Checking a thousand services would bury this one message under the same errors.
        return;
    }
    // At most MAX_SERVICES names and hosts: a scan of the earlier ones is enough.
    let global_stack = derived_names::global_stack_name(&config.network.name, &config.region);
    let first_use = |name: &str, before: usize| {
        if name == config.network.name {
            return Some(format!("the {}", FieldRef("network.name")));
        }
        if name == global_stack {
            return Some(format!(
                "the global stack (named after the {} and the region)",
                FieldRef("network.name")
            ));
        }
        config.services[..before]
            .iter()
            .position(|s| s.name == name)
            .map(|other| FieldRef(&service_path(other, "")).to_string())
    };
    for (index, service) in config.services.iter().enumerate() {
        let path = service_path(index, "");
        if let Some(other) = first_use(&service.name, index) {
            errors.push(
                format!("{path}.name"),
                format!(
                    "'{}' is already used by {other}; every stack name must be unique",
                    service.name
                ),
            );
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
                format!(
                    "'{host}' is already the host of {}; two CloudFront distributions cannot share an alias",
                    FieldRef(&service_path(other, ""))
                ),
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
            format!("is {}; a container port is 1 to 65535", service.port),
        );
    }
    if !FARGATE_CPUS.contains(&service.cpu) {
        errors.push(
            format!("{path}.cpu"),
            format!(
                "is {}; Fargate CPU units are 256, 512, 1024, 2048, 4096, 8192 or 16384",
                service.cpu
            ),
        );
    } else {
        let choices = fargate_memory_choices(service.cpu);
        if !choices.contains(&service.memory) {
            errors.push(
                format!("{path}.memory"),
                format!(
                    "is {} MiB; with {} CPU units Fargate takes {}",
                    service.memory,
                    service.cpu,
                    describe_memory_choices(&choices)
                ),
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
            format!("is {}; run at least 1 task", scaling.min),
        );
    }
    if scaling.max > MAX_TASKS {
        errors.push(
            format!("{path}.scaling.max"),
            format!(
                "is {}; ECS runs at most {MAX_TASKS} tasks per service",
                scaling.max
            ),
        );
    }
    if scaling.max < scaling.min {
        errors.push(
            format!("{path}.scaling.max"),
            format!(
                "is {} but min is {}; max must be at least min",
                scaling.max, scaling.min
            ),
        );
    }
    let (low, high, what) = scaling.metric.target_range();
    if !(low..=high).contains(&scaling.target) {
        errors.push(
            format!("{path}.scaling.target"),
            format!(
                "is {}; for {} the target is {what}",
                scaling.target,
                scaling.metric.code()
            ),
        );
    }
    if !LOG_RETENTION_DAYS.contains(&service.log_retention_days) {
        errors.push(
            format!("{path}.log_retention_days"),
            format!(
                "is {}; CloudWatch Logs keeps logs for one of {} days",
                service.log_retention_days,
                LOG_RETENTION_DAYS.map(|d| d.to_string()).join(", ")
            ),
        );
    }
    if let Some(host) = &service.cloudfront.host {
        let host_path = format!("{path}.cloudfront.host");
        if let Err(message) = check_dns_label(host) {
            errors.push(&host_path, format!("'{host}' {message}"));
        }
        match &config.domain {
            None => errors.push(
                &host_path,
                format!(
                    "needs a {} with its {} and {}, or remove the host to use the CloudFront domain name",
                    FieldRef("domain"),
                    FieldRef("domain.zone"),
                    FieldRef("domain.certificate_arn")
                ),
            ),
            Some(domain) => {
                let alias = format!("{host}.{}", domain.zone);
                if alias.len() > 253 {
                    errors.push(&host_path, format!("makes the alias {alias} longer than 253 characters"));
                }
                if domain.certificate_arn.is_none() && domain.hosted_zone_id.is_none() {
                    errors.push(
                        &host_path,
                        "needs a certificate: set domain.certificate_arn, or domain.hosted_zone_id so that Stackdraft requests one validated by DNS",
                    );
                }
            }
        }
    }
}

pub(super) fn describe_memory_choices(choices: &[i64]) -> String {
    let gb: Vec<String> = choices
        .iter()
        .map(|m| {
            if m % 1024 == 0 {
                format!("{}", m / 1024)
            } else {
                format!("{m} MiB")
            }
        })
        .collect();
    if choices.first() == Some(&512) {
        return "512, 1024 or 2048 MiB".into();
    }
    let step = choices
        .get(1)
        .zip(choices.first())
        .map(|(b, a)| (b - a) / 1024)
        .unwrap_or(1);
    format!(
        "{} to {} GB in {} GB steps ({} to {} MiB)",
        gb.first().cloned().unwrap_or_default(),
        gb.last().cloned().unwrap_or_default(),
        step,
        choices.first().unwrap_or(&0),
        choices.last().unwrap_or(&0)
    )
}

pub fn check_health_check_path(path: &str) -> Result<(), String> {
    if !path.starts_with('/') {
        return Err(format!("'{path}' must start with /, e.g. /health"));
    }
    if path.len() > MAX_HEALTH_CHECK_PATH {
        return Err(format!(
            "is {} characters; at most {MAX_HEALTH_CHECK_PATH}",
            path.len()
        ));
    }
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return Err("has a % that is not followed by two hex digits".into());
            }
            i += 3;
            continue;
        }
        if b == b'?' || b == b'#' {
            return Err("is a path only: remove the query (?) or fragment (#)".into());
        }
        if !(b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)) {
            let shown = path[i..].chars().next().unwrap_or('?');
            return Err(format!(
                "contains '{shown}', which a URL path cannot hold unescaped; use %-encoding"
            ));
        }
        i += 1;
    }
    Ok(())
}
