//! The global stack, deployed in us-east-1 where CloudFront takes its web ACLs and
//! certificates from: the managed web ACL and the wildcard certificate, when the design
//! asks for either. Its outputs reach the service stacks as parameters.

use super::shared::*;
use crate::engine::cfn::*;
use crate::engine::config::{Config, Waf};
use crate::engine::derived_names;
use crate::engine::exports::GlobalOutput;
use crate::engine::render::{Distributions, Shared};

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

/// Whether the global stack requests the wildcard certificate
/// ([`Distributions::creates_certificate`]).
pub fn creates_certificate(config: &Config) -> bool {
    Distributions::of(&config.services).creates_certificate(config.domain.as_ref())
}

pub fn needs_global_stack(config: &Config) -> bool {
    creates_web_acl(config) || creates_certificate(config)
}

/// The global stack's outputs the service stacks take as parameters.
pub fn global_outputs(config: &Config) -> Vec<GlobalOutput> {
    let mut outputs = Vec::new();
    if creates_web_acl(config) {
        outputs.push(GlobalOutput::WebAclArn);
    }
    if creates_certificate(config) {
        outputs.push(GlobalOutput::CertificateArn);
    }
    outputs
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

pub fn global_template(shared: &Shared) -> Node<'_> {
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
    if let (true, Some(domain)) = (shared.creates_certificate(), &shared.domain) {
        parts.push("the wildcard certificate of the aliases");
        let wildcard = format!("*.{}", domain.zone);
        resources.insert(
            "WildcardCertificate",
            resource(
                "AWS::CertificateManager::Certificate",
                map([
                    ("DomainName", s(wildcard.clone())),
                    ("ValidationMethod", s("DNS")),
                    (
                        "DomainValidationOptions",
                        list([map([
                            ("DomainName", s(wildcard)),
                            (
                                "HostedZoneId",
                                s(domain.hosted_zone_id.as_deref().unwrap_or_default()),
                            ),
                        ])]),
                    ),
                    ("Tags", name_tag("${AWS::StackName}-certificate")),
                ]),
            ),
        );
        outputs.insert(
            GlobalOutput::CertificateArn.key(),
            output(
                "Certificate for the aliases: the service stacks' CertificateArn parameter",
                ref_("WildcardCertificate"),
                None,
            )
            .build(),
        );
    }
    let description = format!(
        "Stackdraft global stack of {}: deploy in {GLOBAL_REGION}, where CloudFront takes them from; {}.",
        shared.network_name,
        parts.join(" and ")
    );
    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description))
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}
