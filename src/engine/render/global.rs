//! The global stack, deployed in us-east-1 where CloudFront takes its web ACLs and
//! certificates from: the managed web ACL (and its logs, with access logs on) and a
//! certificate for each alias, when the design asks for them. Its outputs reach the
//! service stacks as parameters.

use super::shared::*;
use crate::engine::cfn::*;
use crate::engine::config::{Config, Edge, Waf};
use crate::engine::derived_names;
use crate::engine::exports::GlobalOutput;
use crate::engine::render::{Distributions, Shared};
use crate::engine::validate::LOG_RETENTION_DAYS;

/// The region CloudFront takes web ACLs (scope CLOUDFRONT) and ACM certificates from.
/// https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html
/// https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html
pub const GLOBAL_REGION: &str = "us-east-1";

/// AWS's managed rule groups in a managed web ACL, in evaluation order after the rate
/// limit. https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
pub const MANAGED_RULE_GROUPS: [&str; 3] = [
    "AWSManagedRulesAmazonIpReputationList",
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
];
/// The Common rule set's rule that blocks request bodies over 8 KB.
pub const LARGE_BODY_RULE: &str = "SizeRestrictions_BODY";

/// Whether the design's web ACL is created by the global stack.
pub fn creates_web_acl(config: &Config) -> bool {
    Distributions::of(&config.services).creates_web_acl(&config.edge)
}

/// A certificate the global stack requests, validated by DNS in the design's hosted zone:
/// one per alias, so a certificate names exactly its host (ACM takes 10 names a
/// certificate by default, and a first name of at most 64 characters:
/// https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html,
/// https://docs.aws.amazon.com/acm/latest/APIReference/API_RequestCertificate.html), and
/// adding a host adds a certificate instead of replacing a shared one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedCertificate {
    /// The service whose distribution uses it.
    pub service: usize,
    /// Its id in the global stack (`App` for the host `app`): `<id>Certificate`, and the
    /// output `<id>CertificateArn`.
    pub id: String,
    pub alias: String,
}

/// The certificates the global stack requests: with a hosted zone and no certificate of
/// the user's, one for each distribution on an alias.
pub fn requested_certificates(config: &Config) -> Vec<RequestedCertificate> {
    let Some(domain) = &config.domain else {
        return Vec::new();
    };
    if domain.certificate_arn.is_some() || domain.hosted_zone_id.is_none() {
        return Vec::new();
    }
    let mut requested: Vec<RequestedCertificate> = Vec::new();
    for (service, s) in config.services.iter().enumerate() {
        let (true, Some(host)) = (s.cloudfront.enabled, s.cloudfront.host.as_deref()) else {
            continue;
        };
        let base = pascal_case(host);
        let mut id = base.clone();
        let mut n = 2;
        while requested.iter().any(|r| r.id == id) {
            id = format!("{base}{n}");
            n += 1;
        }
        requested.push(RequestedCertificate {
            service,
            id,
            alias: format!("{host}.{}", domain.zone),
        });
    }
    requested
}

/// `my-app2` → `MyApp2`: a DNS label as part of a logical id.
fn pascal_case(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut upper = true;
    for c in label.chars() {
        if c == '-' {
            upper = true;
        } else if c.is_ascii_alphanumeric() {
            out.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        }
    }
    out
}

pub fn needs_global_stack(config: &Config) -> bool {
    creates_web_acl(config) || !requested_certificates(config).is_empty()
}

/// The global stack's outputs the service stacks take as parameters.
pub fn global_outputs(config: &Config) -> Vec<GlobalOutput> {
    let mut outputs = Vec::new();
    if creates_web_acl(config) {
        outputs.push(GlobalOutput::WebAclArn);
    }
    for certificate in requested_certificates(config) {
        outputs.push(GlobalOutput::CertificateArn(certificate.id));
    }
    outputs
}

/// The smallest retention CloudWatch Logs offers that keeps logs at least `days`.
fn retention_at_least(days: i64) -> i64 {
    LOG_RETENTION_DAYS
        .into_iter()
        .find(|&d| d >= days)
        .unwrap_or(LOG_RETENTION_DAYS[LOG_RETENTION_DAYS.len() - 1])
}

fn visibility<'a>(metric: Node<'a>) -> Node<'a> {
    map([
        ("SampledRequestsEnabled", Node::Bool(true)),
        ("CloudWatchMetricsEnabled", Node::Bool(true)),
        ("MetricName", metric),
    ])
}

fn managed_rule(priority: usize, group: &'static str, allow_large_bodies: bool) -> Node<'static> {
    let statement = Obj::new()
        .with("VendorName", s("AWS"))
        .with("Name", s(group))
        .with_if(
            allow_large_bodies && group == "AWSManagedRulesCommonRuleSet",
            "RuleActionOverrides",
            || {
                list([map([
                    ("Name", s(LARGE_BODY_RULE)),
                    ("ActionToUse", map([("Count", Node::Map(Vec::new()))])),
                ])])
            },
        )
        .build();
    map([
        ("Name", s(group)),
        ("Priority", int(priority as i64)),
        ("OverrideAction", map([("None", Node::Map(Vec::new()))])),
        ("Statement", map([("ManagedRuleGroupStatement", statement)])),
        ("VisibilityConfig", visibility(s(group))),
    ])
}

fn web_acl(rate_limit: i64, allow_large_bodies: bool) -> Node<'static> {
    let mut rules = vec![map([
        ("Name", s("RateLimitPerClientIp")),
        ("Priority", int(0)),
        ("Action", map([("Block", Node::Map(Vec::new()))])),
        (
            "Statement",
            map([(
                "RateBasedStatement",
                map([
                    ("Limit", int(rate_limit)),
                    ("AggregateKeyType", s("IP")),
                    ("EvaluationWindowSec", int(300)),
                ]),
            )]),
        ),
        ("VisibilityConfig", visibility(s("RateLimitPerClientIp"))),
    ])];
    for (index, group) in MANAGED_RULE_GROUPS.into_iter().enumerate() {
        rules.push(managed_rule(index + 1, group, allow_large_bodies));
    }
    resource(
        "AWS::WAFv2::WebACL",
        map([
            ("Name", sub(derived_names::WEB_ACL_NAME)),
            ("Scope", s("CLOUDFRONT")),
            (
                "Description",
                s("In front of every CloudFront distribution of the design"),
            ),
            ("DefaultAction", map([("Allow", Node::Map(Vec::new()))])),
            (
                "VisibilityConfig",
                visibility(sub(derived_names::WEB_ACL_NAME)),
            ),
            ("Rules", Node::List(rules)),
            ("Tags", name_tag("${AWS::StackName}-web-acl")),
        ]),
    )
}

/// The web ACL's logs, with access logs on: a log group in us-east-1 (where a web ACL of
/// scope CLOUDFRONT is, and its log group must be) named as AWS WAF requires, kept as long
/// as the access logs (rounded up to a retention CloudWatch Logs offers), with the
/// `authorization` and `cookie` headers redacted. AWS WAF adds the log group's resource
/// policy itself: https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
fn web_acl_logs<'a>(edge: &Edge, resources: &mut Obj<'a>) {
    resources.insert(
        "WebAclLogGroup",
        Resource::new("AWS::Logs::LogGroup")
            .deleted_with_stack()
            .scanner_skips(&[
                ScannerSkip::LogGroupCustomerKey,
                ScannerSkip::LogGroupOneYearRetention,
            ])
            .properties(map([
                ("LogGroupName", sub(derived_names::WAF_LOG_GROUP_NAME)),
                (
                    "RetentionInDays",
                    int(retention_at_least(edge.access_log_days)),
                ),
            ])),
    );
    let redacted = ["authorization", "cookie"]
        .map(|header| map([("SingleHeader", map([("Name", s(header))]))]));
    resources.insert(
        "WebAclLogging",
        resource(
            "AWS::WAFv2::LoggingConfiguration",
            map([
                ("ResourceArn", get_att("WebAcl.Arn")),
                // The log group's ARN without the `:*` that its `Arn` attribute ends in.
                (
                    "LogDestinationConfigs",
                    list([sub(
                        "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${WebAclLogGroup}",
                    )]),
                ),
                ("RedactedFields", list(redacted)),
            ]),
        ),
    );
}

pub fn global_template<'a>(
    shared: &'a Shared,
    certificates: &'a [RequestedCertificate],
) -> Node<'a> {
    let mut resources = Obj::new();
    let mut outputs = Obj::new();
    let mut parts = Vec::new();
    if let (
        true,
        Waf::Managed {
            rate_limit,
            allow_large_bodies,
        },
    ) = (shared.creates_web_acl(), &shared.edge.waf)
    {
        parts.push("the web ACL in front of every distribution");
        resources.insert("WebAcl", web_acl(*rate_limit, *allow_large_bodies));
        if shared.edge.access_logs {
            parts.push("its logs");
            web_acl_logs(&shared.edge, &mut resources);
        }
        outputs.insert(
            GlobalOutput::WebAclArn.key(),
            output(
                "Web ACL for the distributions: the service stacks' WebAclArn parameter",
                get_att("WebAcl.Arn"),
                None,
            )
            .build(),
        );
    }
    if let (false, Some(domain)) = (certificates.is_empty(), &shared.domain) {
        parts.push(if certificates.len() == 1 {
            "the certificate of the alias"
        } else {
            "a certificate for each alias"
        });
        let zone_id = domain.hosted_zone_id.as_deref().unwrap_or_default();
        for certificate in certificates {
            let logical = format!("{}Certificate", certificate.id);
            resources.insert(
                logical.clone(),
                resource(
                    "AWS::CertificateManager::Certificate",
                    map([
                        ("DomainName", s(certificate.alias.as_str())),
                        ("ValidationMethod", s("DNS")),
                        (
                            "DomainValidationOptions",
                            list([map([
                                ("DomainName", s(certificate.alias.as_str())),
                                ("HostedZoneId", s(zone_id)),
                            ])]),
                        ),
                        ("Tags", tags([("Name", s(certificate.alias.as_str()))])),
                    ]),
                ),
            );
            outputs.insert(
                GlobalOutput::CertificateArn(certificate.id.clone()).key(),
                output(
                    format!(
                        "Certificate of {}: the CertificateArn parameter of its service's stack",
                        certificate.alias
                    ),
                    ref_(logical),
                    None,
                )
                .build(),
            );
        }
    }
    let description = format!(
        "Stackdraft global stack of {}: deploy in {GLOBAL_REGION}, where CloudFront takes them from; {}.",
        shared.network_name,
        parts.join(", ")
    );
    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description))
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Domain;

    fn with_hosts(hosts: &[Option<&str>], certificate_arn: Option<&str>) -> Config {
        let mut config = Config::default();
        config.domain = Some(Domain {
            zone: "shop.example.net".into(),
            certificate_arn: certificate_arn.map(String::from),
            hosted_zone_id: Some("Z0123456789ABCDEFGHIJ".into()),
        });
        config.services = hosts
            .iter()
            .enumerate()
            .map(|(i, host)| crate::engine::config::Service {
                name: format!("svc-{i}"),
                cloudfront: crate::engine::config::CloudFront {
                    enabled: true,
                    host: host.map(String::from),
                    cache: crate::engine::config::CacheMode::Off,
                },
                ..crate::engine::config::Service::example(2)
            })
            .collect();
        config
    }

    #[test]
    fn each_alias_gets_a_certificate_that_names_only_it() {
        let mut config = with_hosts(
            &[Some("app"), None, Some("my-api-2"), Some("my-api2")],
            None,
        );
        config.services[1].cloudfront.enabled = false;
        let requested = requested_certificates(&config);
        let summary: Vec<(usize, &str, &str)> = requested
            .iter()
            .map(|r| (r.service, r.id.as_str(), r.alias.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (0, "App", "app.shop.example.net"),
                (2, "MyApi2", "my-api-2.shop.example.net"),
                (3, "MyApi22", "my-api2.shop.example.net"),
            ]
        );
        assert_eq!(
            global_outputs(&config),
            [
                GlobalOutput::WebAclArn,
                GlobalOutput::CertificateArn("App".into()),
                GlobalOutput::CertificateArn("MyApi2".into()),
                GlobalOutput::CertificateArn("MyApi22".into()),
            ]
        );
        assert!(needs_global_stack(&config));
    }

    #[test]
    fn a_certificate_of_the_users_or_no_hosted_zone_requests_none() {
        let given = with_hosts(
            &[Some("app")],
            Some("arn:aws:acm:us-east-1:210987654321:certificate/0a1b2c3d-4e5f-4a5b-8c7d-9e0f1a2b3c4d"),
        );
        assert!(requested_certificates(&given).is_empty());
        let mut no_zone = with_hosts(&[Some("app")], None);
        no_zone.domain.as_mut().unwrap().hosted_zone_id = None;
        assert!(requested_certificates(&no_zone).is_empty());
        assert!(requested_certificates(&with_hosts(&[None], None)).is_empty());
    }

    #[test]
    fn waf_logs_are_kept_at_least_as_long_as_the_access_logs() {
        assert_eq!(retention_at_least(1), 1);
        assert_eq!(retention_at_least(90), 90);
        assert_eq!(retention_at_least(91), 120);
        assert_eq!(retention_at_least(366), 400);
        assert_eq!(retention_at_least(3650), 3653);
    }
}
