//! The domain's and the entry point's rules: DNS names, certificates, hosted zones, the
//! web ACL, access logs.

use super::*;

pub(super) fn check_domain(config: &Config, errors: &mut Errors) {
    let Some(domain) = &config.domain else { return };
    if let Err(message) = check_dns_name(&domain.zone) {
        errors.push("domain.zone", message);
    }
    if let Some(arn) = &domain.certificate_arn {
        if let Err(message) = check_certificate_arn(arn) {
            errors.push("domain.certificate_arn", message);
        }
    }
    if let Some(id) = &domain.hosted_zone_id {
        if let Err(message) = check_hosted_zone_id(id) {
            errors.push("domain.hosted_zone_id", message);
        }
    }
}

/// A Route 53 hosted zone ID: `Z` and up to 31 uppercase letters and digits.
pub fn check_hosted_zone_id(id: &str) -> Result<(), Message> {
    let ok = id.len() >= 2
        && id.len() <= 32
        && id.starts_with('Z')
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(Message::hosted_zone_id_invalid(id))
    }
}

/// A kind of ARN that CloudFront takes only from us-east-1, and the messages that say
/// an ARN is not one.
struct UsEast1Arn {
    service: &'static str,
    not_arn: fn() -> Message,
    region: fn(String) -> Message,
    no_region: fn() -> Message,
}

const WEB_ACL: UsEast1Arn = UsEast1Arn {
    service: "wafv2",
    not_arn: Message::web_acl_arn_not_arn,
    region: |region| Message::web_acl_arn_region(region),
    no_region: Message::web_acl_arn_no_region,
};

const CERTIFICATE: UsEast1Arn = UsEast1Arn {
    service: "acm",
    not_arn: Message::certificate_arn_not_arn,
    region: |region| Message::certificate_arn_region(region),
    no_region: Message::certificate_arn_no_region,
};

impl UsEast1Arn {
    /// The resource part of `arn`, when it is an ARN of this kind in us-east-1 with a
    /// 12-digit account; or why it is not.
    fn resource<'a>(&self, arn: &'a str) -> Result<&'a str, Message> {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        if parts.len() != 6 || parts[0] != "arn" || parts[1] != "aws" || parts[2] != self.service {
            return Err((self.not_arn)());
        }
        if parts[3] != "us-east-1" {
            return Err(if parts[3].is_empty() {
                (self.no_region)()
            } else {
                (self.region)(parts[3].to_string())
            });
        }
        if parts[4].len() != 12 || !parts[4].bytes().all(|b| b.is_ascii_digit()) {
            return Err(Message::arn_account(parts[4]));
        }
        Ok(parts[5])
    }
}

/// An AWS WAF web ACL for CloudFront: `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`.
pub fn check_web_acl_arn(arn: &str) -> Result<(), Message> {
    let resource = WEB_ACL.resource(arn)?;
    let Some(rest) = resource.strip_prefix("global/webacl/") else {
        return Err(Message::web_acl_arn_not_cloudfront());
    };
    let Some((name, id)) = rest.split_once('/') else {
        return Err(Message::web_acl_arn_name_and_id());
    };
    let name_ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !name_ok || id.is_empty() {
        return Err(Message::web_acl_arn_name_and_id());
    }
    if !id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
        return Err(Message::web_acl_arn_id_not_hex(id));
    }
    Ok(())
}

pub(super) fn check_edge(config: &Config, region: Option<&regions::Region>, errors: &mut Errors) {
    let edge = &config.edge;
    match &edge.waf {
        Waf::Off => {}
        Waf::Managed { rate_limit, .. } => {
            let (low, high) = RATE_LIMIT_RANGE;
            if !(low..=high).contains(rate_limit) {
                errors.push(
                    "edge.waf.rate_limit",
                    Message::rate_limit_out_of_range(*rate_limit, low, high),
                );
            }
        }
        Waf::Existing { web_acl_arn } => {
            if let Err(message) = check_web_acl_arn(web_acl_arn) {
                errors.push("edge.waf.web_acl_arn", message);
            }
        }
    }
    if edge.access_logs {
        if let Some(region) = region.filter(|r| !r.standard_logs) {
            errors.push("edge.access_logs", Message::access_logs_region(region.code));
        }
    }
    let (low, high) = ACCESS_LOG_DAYS_RANGE;
    if !(low..=high).contains(&edge.access_log_days) {
        errors.push(
            "edge.access_log_days",
            Message::access_log_days_out_of_range(edge.access_log_days, low, high),
        );
    }
}

pub fn check_dns_name(zone: &str) -> Result<(), Message> {
    if zone.is_empty() {
        return Err(Message::dns_name_empty());
    }
    if zone.ends_with('.') {
        return Err(Message::dns_name_trailing_dot(zone.trim_end_matches('.')));
    }
    if zone.len() > MAX_DNS_NAME {
        return Err(Message::dns_name_too_long(zone.len(), MAX_DNS_NAME));
    }
    let labels: Vec<&str> = zone.split('.').collect();
    if labels.len() < 2 {
        return Err(Message::dns_name_one_label(zone));
    }
    for label in labels {
        check_dns_label(label).map_err(|problem| Message::dns_name_label(label, problem))?;
    }
    Ok(())
}

pub fn check_dns_label(label: &str) -> Result<(), Message> {
    if label.is_empty() {
        return Err(Message::dns_label_empty());
    }
    if label.len() > MAX_DNS_LABEL {
        return Err(Message::dns_label_too_long(label.len(), MAX_DNS_LABEL));
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(Message::dns_label_characters());
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err(Message::dns_label_hyphen());
    }
    Ok(())
}

pub fn check_certificate_arn(arn: &str) -> Result<(), Message> {
    let resource = CERTIFICATE.resource(arn)?;
    let id = resource.strip_prefix("certificate/").unwrap_or("");
    // Lowercase only, as ACM writes its ids and as the template's AllowedPattern
    // (render::service::CERTIFICATE_ARN_PATTERN) accepts them.
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-';
    if id.is_empty() || id.len() > 128 || !id.bytes().all(lower_hex) {
        return Err(Message::certificate_arn_id());
    }
    Ok(())
}
