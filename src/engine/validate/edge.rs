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
pub fn check_hosted_zone_id(id: &str) -> Result<(), String> {
    let ok = id.len() >= 2
        && id.len() <= 32
        && id.starts_with('Z')
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(format!("'{id}' is not a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ (a Z, then uppercase letters and digits; without /hostedzone/)"))
    }
}

/// A kind of ARN that CloudFront takes only from us-east-1.
struct UsEast1Arn {
    service: &'static str,
    /// The kind of ARN, in the words of a message.
    what: &'static str,
    /// Why it must be in us-east-1.
    region_rule: &'static str,
    example: &'static str,
}

const WEB_ACL: UsEast1Arn = UsEast1Arn {
    service: "wafv2",
    what: "an AWS WAF web ACL ARN",
    region_rule: "CloudFront takes web ACLs of scope CLOUDFRONT, which live in us-east-1",
    example: "arn:aws:wafv2:us-east-1:111122223333:global/webacl/NAME/ID",
};

const CERTIFICATE: UsEast1Arn = UsEast1Arn {
    service: "acm",
    what: "an ACM certificate ARN",
    region_rule: "CloudFront only accepts ACM certificates from us-east-1, so request or import the certificate there",
    example: "arn:aws:acm:us-east-1:123456789012:certificate/<id>",
};

impl UsEast1Arn {
    /// The resource part of `arn`, when it is an ARN of this kind in us-east-1 with a
    /// 12-digit account; or why it is not.
    fn resource<'a>(&self, arn: &'a str) -> Result<&'a str, String> {
        let parts: Vec<&str> = arn.splitn(6, ':').collect();
        if parts.len() != 6 || parts[0] != "arn" || parts[1] != "aws" || parts[2] != self.service {
            return Err(format!(
                "is not {}; it looks like {}",
                self.what, self.example
            ));
        }
        if parts[3] != "us-east-1" {
            let region = if parts[3].is_empty() {
                "no region"
            } else {
                parts[3]
            };
            return Err(format!("is in {region}; {}", self.region_rule));
        }
        if parts[4].len() != 12 || !parts[4].bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "has account '{}'; an account id is 12 digits",
                parts[4]
            ));
        }
        Ok(parts[5])
    }
}

/// An AWS WAF web ACL for CloudFront: `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`.
pub fn check_web_acl_arn(arn: &str) -> Result<(), String> {
    let resource = WEB_ACL.resource(arn)?;
    let Some(rest) = resource.strip_prefix("global/webacl/") else {
        return Err(format!(
            "is not a web ACL of scope CLOUDFRONT: the resource must start with global/webacl/, as in {}",
            WEB_ACL.example
        ));
    };
    let valid = rest.split_once('/').is_some_and(|(name, id)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !id.is_empty()
            && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
    });
    if !valid {
        return Err(format!(
            "must end in global/webacl/<name>/<id>, as in {}",
            WEB_ACL.example
        ));
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
                    format!("is {rate_limit}; AWS WAF takes a rate limit of {low} to {high} requests per 5 minutes per client IP"),
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
            errors.push(
                "edge.access_logs",
                format!(
                    "cannot be on in {}: CloudFront does not deliver standard logs to buckets in that region (an opt-in region); deploy in another region or leave access logs off",
                    region.code
                ),
            );
        }
    }
    let (low, high) = ACCESS_LOG_DAYS_RANGE;
    if !(low..=high).contains(&edge.access_log_days) {
        errors.push(
            "edge.access_log_days",
            format!(
                "is {}; keep access logs {low} to {high} days",
                edge.access_log_days
            ),
        );
    }
}

pub fn check_dns_name(zone: &str) -> Result<(), String> {
    if zone.is_empty() {
        return Err("is empty; write a DNS zone such as example.com".into());
    }
    if zone.ends_with('.') {
        return Err(format!(
            "ends with a dot; write {}",
            zone.trim_end_matches('.')
        ));
    }
    if zone.len() > 253 {
        return Err(format!(
            "is {} characters; a DNS name is at most 253",
            zone.len()
        ));
    }
    let labels: Vec<&str> = zone.split('.').collect();
    if labels.len() < 2 {
        return Err(format!(
            "'{zone}' needs at least two labels, such as example.com"
        ));
    }
    for label in labels {
        check_dns_label(label).map_err(|m| format!("label '{label}' {m}"))?;
    }
    Ok(())
}

pub fn check_dns_label(label: &str) -> Result<(), String> {
    if label.is_empty() {
        return Err("is empty (two dots in a row?)".into());
    }
    if label.len() > 63 {
        return Err(format!(
            "is {} characters; a DNS label is at most 63",
            label.len()
        ));
    }
    if !label
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err("may use only lowercase letters a–z, digits and hyphens".into());
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Err("must not start or end with a hyphen".into());
    }
    Ok(())
}

pub fn check_certificate_arn(arn: &str) -> Result<(), String> {
    let resource = CERTIFICATE.resource(arn)?;
    let id = resource.strip_prefix("certificate/").unwrap_or("");
    // Lowercase only, as ACM writes its ids and as the template's AllowedPattern
    // (render::service::CERTIFICATE_ARN_PATTERN) accepts them.
    let lower_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b) || b == b'-';
    if id.is_empty() || id.len() > 128 || !id.bytes().all(lower_hex) {
        return Err(format!(
            "must end in certificate/<id> with a lowercase hexadecimal id, as in {}",
            CERTIFICATE.example
        ));
    }
    Ok(())
}
