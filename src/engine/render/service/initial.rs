//! The initial service's stack: the service, the IAM roles and CloudFront VPC origin every
//! service shares, the cache policy and log bucket when the design uses them.

use super::cloudfront::{cloudfront_outputs, distribution, dns_records};
use super::{
    express_service, log_group, parameters, service_outputs, service_roles, service_template,
    Context, EXPRESS_INFRASTRUCTURE_POLICY, KEEP_LEGACY_SHARED_ROLES, TASK_EXECUTION_POLICY,
};
use crate::engine::cfn::*;
use crate::engine::config::Edge;
use crate::engine::derived_names;
use crate::engine::exports::{Export, Output};
use crate::engine::render::shared::*;

pub(super) fn initial_service_template<'a>(cx: &Context<'a>) -> Node<'a> {
    let (shared, service) = (cx.shared, cx.service);
    let description = format!(
        "Stackdraft initial service {}: ECS Express Mode on the private subnets of stack {}, with its own IAM roles, and the infrastructure role and CloudFront VPC origin every service shares{}{}{}.",
        service.name,
        shared.network_name,
        if shared.caching() { ", the short-TTL cache policy" } else { "" },
        if shared.logs_access() { ", the access log bucket" } else { "" },
        if cx.cloudfront() { ", and its CloudFront distribution" } else { "" }
    );
    service_template(description, parameters(cx), resources(cx), outputs(cx))
}

/// The service, the shared roles and VPC origin, and what the design adds to them.
fn resources<'a>(cx: &Context<'a>) -> Obj<'a> {
    let mut resources = Obj::new();
    resources.insert("ECSLogGroup", log_group(cx.service));
    service_roles(cx.service, &mut resources);
    // The roles every service shared before each had its own, kept only while a stack
    // rendered by an earlier build still imports them: CloudFormation refuses to remove an
    // export another stack imports. deploy.sh keeps them for one deploy, then drops them.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html
    resources.insert(
        "ECSTaskExecutionRole",
        conditional(
            role(
                "ecs-tasks.amazonaws.com",
                Trust::Service,
                vec![s(TASK_EXECUTION_POLICY)],
                None,
            ),
            KEEP_LEGACY_SHARED_ROLES,
        ),
    );
    resources.insert(
        "ECSTaskRole",
        conditional(
            role(
                "ecs-tasks.amazonaws.com",
                ECS_TASKS_OF_THIS_ACCOUNT,
                Vec::new(),
                None,
            ),
            KEEP_LEGACY_SHARED_ROLES,
        ),
    );
    // AWS documents no trust condition for Express Mode's infrastructure role
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-getting-started.html).
    resources.insert(
        "ECSInfrastructureRole",
        role(
            "ecs.amazonaws.com",
            Trust::Service,
            vec![s(EXPRESS_INFRASTRUCTURE_POLICY)],
            None,
        ),
    );
    resources.insert(
        "ExpressModeService",
        express_service(cx.service, get_att("ECSInfrastructureRole.Arn")),
    );
    resources.insert(
        "ExpressModeVpcOrigin",
        resource(
            "AWS::CloudFront::VpcOrigin",
            map([(
                "VpcOriginEndpointConfig",
                map([
                    ("Name", sub(derived_names::VPC_ORIGIN_NAME)),
                    (
                        "Arn",
                        get_att(
                            "ExpressModeService.ECSManagedResourceArns.IngressPath.LoadBalancerArn",
                        ),
                    ),
                    ("HTTPPort", int(80)),
                    ("HTTPSPort", int(443)),
                    ("OriginProtocolPolicy", s("https-only")),
                    ("OriginSSLProtocols", list([s("TLSv1.2")])),
                ]),
            )]),
        ),
    );
    if cx.shared.caching() {
        resources.insert("ShortTtlCachePolicy", short_ttl_cache_policy());
    }
    if cx.shared.logs_access() {
        resources.insert("AccessLogBucket", access_log_bucket(&cx.shared.edge));
        resources.insert(
            "AccessLogBucketPolicy",
            tls_only_bucket_policy("AccessLogBucket"),
        );
    }
    if cx.cloudfront() {
        resources.insert("CloudFrontDistribution", distribution(cx));
    }
    if cx.dns_records() {
        dns_records(cx, &mut resources);
    }
    resources
}

/// The service's outputs and the exports the further services import.
fn outputs<'a>(cx: &Context<'a>) -> Obj<'a> {
    let mut outputs = Obj::new();
    service_outputs(&mut outputs);
    outputs.insert(
        Output::LoadBalancerSecurityGroups.key(),
        output(
            "Security groups of the internal ALB (they must admit CloudFront's VPC-origin security group)",
            join_list(
                ",",
                get_att(
                    "ExpressModeService.ECSManagedResourceArns.IngressPath.LoadBalancerSecurityGroups",
                ),
            ),
            None,
        )
        .build(),
    );
    for (export, description, role) in [
        (
            Export::TaskExecutionRoleArn,
            "Task execution role that stacks of earlier builds import (kept while they do)",
            "ECSTaskExecutionRole.Arn",
        ),
        (
            Export::TaskRoleArn,
            "Task role that stacks of earlier builds import (kept while they do)",
            "ECSTaskRole.Arn",
        ),
    ] {
        outputs.insert(
            export.suffix(),
            Obj::new()
                .with("Condition", s(KEEP_LEGACY_SHARED_ROLES))
                .with("Description", s(description))
                .with("Value", get_att(role))
                .with("Export", map([("Name", sub(export.name_template()))]))
                .build(),
        );
    }
    let mut export = |export: Export, description: &'static str, value: Node<'static>| {
        outputs.insert(
            export.suffix(),
            output(description, value, Some(export)).build(),
        );
    };
    export(
        Export::InfrastructureRoleArn,
        "Express Mode infrastructure role ARN",
        get_att("ECSInfrastructureRole.Arn"),
    );
    export(
        Export::VpcOriginId,
        "CloudFront VPC origin on the internal ALB",
        ref_("ExpressModeVpcOrigin"),
    );
    if cx.shared.caching() {
        export(
            Export::CachePolicyId,
            "CloudFront short-TTL cache policy shared by the services that cache",
            ref_("ShortTtlCachePolicy"),
        );
    }
    if cx.shared.logs_access() {
        export(
            Export::AccessLogBucket,
            "Bucket that receives the distributions' standard logs",
            get_att("AccessLogBucket.DomainName"),
        );
        outputs.insert(
            Output::AccessLogBucketName.key(),
            output(
                "Name of the access log bucket (emptied by ./deploy.sh teardown)",
                ref_("AccessLogBucket"),
                None,
            )
            .build(),
        );
    }
    if cx.cloudfront() {
        cloudfront_outputs(cx, &mut outputs);
    }
    outputs
}

fn short_ttl_cache_policy() -> Node<'static> {
    resource(
        "AWS::CloudFront::CachePolicy",
        map([(
            "CachePolicyConfig",
            map([
                ("Name", sub(derived_names::CACHE_POLICY_NAME)),
                (
                    "Comment",
                    s("Caches for 60 s by default and 120 s at most; query strings are part of the key; no cookies or viewer headers reach the origin"),
                ),
                ("MinTTL", int(0)),
                ("DefaultTTL", int(60)),
                ("MaxTTL", int(120)),
                (
                    "ParametersInCacheKeyAndForwardedToOrigin",
                    map([
                        ("EnableAcceptEncodingGzip", Node::Bool(true)),
                        ("EnableAcceptEncodingBrotli", Node::Bool(true)),
                        ("CookiesConfig", map([("CookieBehavior", s("none"))])),
                        ("HeadersConfig", map([("HeaderBehavior", s("none"))])),
                        (
                            "QueryStringsConfig",
                            map([("QueryStringBehavior", s("all"))]),
                        ),
                    ]),
                ),
            ]),
        )]),
    )
}

/// The bucket for CloudFront's standard logs: private, SSE-S3, ACLs enabled as standard
/// logging requires (BucketOwnerPreferred), objects expiring after the design's days.
/// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html
fn access_log_bucket(edge: &Edge) -> Node<'_> {
    Resource::new("AWS::S3::Bucket")
        .deleted_with_stack()
        .scanner_skips(&[
            ScannerSkip::LogBucketAccessLogging,
            ScannerSkip::LogBucketVersioning,
        ])
        .properties(map([
            (
                "BucketEncryption",
                map([(
                    "ServerSideEncryptionConfiguration",
                    list([map([(
                        "ServerSideEncryptionByDefault",
                        map([("SSEAlgorithm", s("AES256"))]),
                    )])]),
                )]),
            ),
            (
                "PublicAccessBlockConfiguration",
                map([
                    ("BlockPublicAcls", Node::Bool(true)),
                    ("BlockPublicPolicy", Node::Bool(true)),
                    ("IgnorePublicAcls", Node::Bool(true)),
                    ("RestrictPublicBuckets", Node::Bool(true)),
                ]),
            ),
            (
                "OwnershipControls",
                map([(
                    "Rules",
                    list([map([("ObjectOwnership", s("BucketOwnerPreferred"))])]),
                )]),
            ),
            (
                "LifecycleConfiguration",
                map([(
                    "Rules",
                    list([map([
                        ("Id", s("expire-access-logs")),
                        ("Status", s("Enabled")),
                        ("ExpirationInDays", int(edge.access_log_days)),
                    ])]),
                )]),
            ),
            ("Tags", name_tag("${AWS::StackName}-access-logs")),
        ]))
}

/// Refuses every request to the bucket that does not use TLS, as AWS's S3 security best
/// practices advise: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
/// (CloudFront's log delivery must still reach it: `./deploy.sh smoke` waits for a log.)
fn tls_only_bucket_policy(bucket: &'static str) -> Node<'static> {
    let arn = get_att(format!("{bucket}.Arn"));
    resource(
        "AWS::S3::BucketPolicy",
        map([
            ("Bucket", ref_(bucket)),
            (
                "PolicyDocument",
                map([
                    ("Version", s("2012-10-17")),
                    (
                        "Statement",
                        list([map([
                            ("Sid", s("DenyRequestsWithoutTls")),
                            ("Effect", s("Deny")),
                            ("Principal", s("*")),
                            ("Action", s("s3:*")),
                            (
                                "Resource",
                                list([arn.clone(), sub(format!("${{{bucket}.Arn}}/*"))]),
                            ),
                            (
                                "Condition",
                                map([("Bool", map([("aws:SecureTransport", s("false"))]))]),
                            ),
                        ])]),
                    ),
                ]),
            ),
        ]),
    )
}
