//! A service's CloudFront distribution through the shared VPC origin, its DNS records and
//! its outputs.

use super::{
    Context, ALL_VIEWER_EXCEPT_HOST_HEADER, CACHING_DISABLED, CLOUDFRONT_HOSTED_ZONE, ORIGIN_ID,
    SECURITY_HEADERS_POLICY, SHOULD_CREATE_CLOUDFRONT,
};
use crate::engine::cfn::*;
use crate::engine::config::CacheMode;
use crate::engine::derived_names;
use crate::engine::exports::{Export, Output, CERTIFICATE_PARAMETER, WEB_ACL_PARAMETER};
use crate::engine::render::shared::*;

/// The distribution in front of the service, through the shared VPC origin.
pub(super) fn distribution<'a>(cx: &Context<'a>) -> Node<'a> {
    let shared = cx.shared;
    let service = cx.service;
    let from_initial = |export: Export, local: &'static str| {
        if cx.initial {
            ref_(local)
        } else {
            import(export)
        }
    };
    let alias = cx.alias();
    let viewer_certificate = if alias.is_some() {
        map([
            ("AcmCertificateArn", ref_(CERTIFICATE_PARAMETER)),
            ("SslSupportMethod", s("sni-only")),
            ("MinimumProtocolVersion", s("TLSv1.2_2021")),
        ])
    } else {
        map([("CloudFrontDefaultCertificate", Node::Bool(true))])
    };
    let methods = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];
    let caches = service.cloudfront.cache == CacheMode::Short;
    let behavior = Obj::new()
        .with("TargetOriginId", s(ORIGIN_ID))
        .with("ViewerProtocolPolicy", s("redirect-to-https"))
        .with("AllowedMethods", list(methods.iter().map(|m| s(*m))))
        .with("CachedMethods", list([s("GET"), s("HEAD")]))
        .with("Compress", Node::Bool(caches))
        .with(
            "CachePolicyId",
            if caches {
                from_initial(Export::CachePolicyId, "ShortTtlCachePolicy")
            } else {
                s(CACHING_DISABLED)
            },
        )
        // Without an origin request policy, origin requests carry only what is in the
        // cache key: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-origin-requests.html
        .with_if(!caches, "OriginRequestPolicyId", || {
            s(ALL_VIEWER_EXCEPT_HOST_HEADER)
        })
        .with("ResponseHeadersPolicyId", s(SECURITY_HEADERS_POLICY))
        .build();
    let config_value = Obj::new()
        .with("Comment", sub(derived_names::DISTRIBUTION_COMMENT))
        .with("Enabled", Node::Bool(true))
        .with("HttpVersion", s("http2and3"))
        .with("IPV6Enabled", Node::Bool(true))
        .with("PriceClass", s(shared.edge.price_class.code()))
        .with_some("Aliases", alias.map(|a| list([s(a)])))
        .with("ViewerCertificate", viewer_certificate)
        .with_if(cx.web_acl(), "WebACLId", || ref_(WEB_ACL_PARAMETER))
        .with_if(cx.access_logs(), "Logging", || {
            map([
                (
                    "Bucket",
                    if cx.initial {
                        get_att("AccessLogBucket.DomainName")
                    } else {
                        import(Export::AccessLogBucket)
                    },
                ),
                ("IncludeCookies", Node::Bool(false)),
                ("Prefix", sub("${ServiceName}/")),
            ])
        })
        .with(
            "Origins",
            list([map([
                ("Id", s(ORIGIN_ID)),
                ("DomainName", get_att("ExpressModeService.Endpoint")),
                (
                    "VpcOriginConfig",
                    map([(
                        "VpcOriginId",
                        from_initial(Export::VpcOriginId, "ExpressModeVpcOrigin"),
                    )]),
                ),
            ])]),
        )
        .with("DefaultCacheBehavior", behavior)
        .build();
    Resource::new("AWS::CloudFront::Distribution")
        .condition(cx.condition())
        .scanner_skips(&[ScannerSkip::DefaultRootObject, ScannerSkip::OriginFailover])
        .properties(map([
            ("DistributionConfig", config_value),
            ("Tags", name_tag("${AWS::StackName}-distribution")),
        ]))
}

/// A and AAAA alias records of the distribution's alias in the design's hosted zone.
pub(super) fn dns_records<'a>(cx: &Context<'a>, resources: &mut Obj<'a>) {
    let Some(alias) = cx.alias() else { return };
    for (logical, kind) in [("AliasRecordIPv4", "A"), ("AliasRecordIPv6", "AAAA")] {
        resources.insert(
            logical,
            Resource::new("AWS::Route53::RecordSet")
                .condition(cx.condition())
                .properties(map([
                    ("HostedZoneId", ref_("HostedZoneId")),
                    ("Name", s(alias.clone())),
                    ("Type", s(kind)),
                    (
                        "AliasTarget",
                        map([
                            ("DNSName", get_att("CloudFrontDistribution.DomainName")),
                            ("HostedZoneId", s(CLOUDFRONT_HOSTED_ZONE)),
                            ("EvaluateTargetHealth", Node::Bool(false)),
                        ]),
                    ),
                ])),
        );
    }
}

pub(super) fn cloudfront_outputs<'a>(cx: &Context<'a>, outputs: &mut Obj<'a>) {
    let conditional = |description: &'a str, value: Node<'a>| {
        Obj::new()
            .with("Condition", s(SHOULD_CREATE_CLOUDFRONT))
            .with("Description", s(description))
            .with("Value", value)
            .build()
    };
    outputs.insert(
        Output::CloudFrontDistributionId.key(),
        conditional("CloudFront distribution id", ref_("CloudFrontDistribution")),
    );
    outputs.insert(
        "CloudFrontDomainName",
        conditional(
            "CloudFront distribution domain name",
            get_att("CloudFrontDistribution.DomainName"),
        ),
    );
    outputs.insert(
        Output::CloudFrontUrl.key(),
        conditional(
            "CloudFront URL",
            sub("https://${CloudFrontDistribution.DomainName}"),
        ),
    );
    if let Some(alias) = cx.alias() {
        outputs.insert(
            "CustomDomainURL",
            conditional(
                if cx.dns_records() {
                    "URL of the service's alias (this stack creates its DNS records)"
                } else {
                    "URL of the service's alias; point a DNS record for it at the CloudFront domain name"
                },
                s(format!("https://{alias}")),
            ),
        );
    }
}
