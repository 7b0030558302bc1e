//! The service stacks: the initial service (IAM roles, the CloudFront VPC origin on the
//! shared internal ALB, the cache policy and log bucket when the design uses them) and
//! one stack per further service that imports them; each with its CloudFront
//! distribution and DNS records when the design has them.

use super::shared::*;
use crate::engine::application::{execution_policy, secret_source, task_policy, SecretSource};
use crate::engine::cfn::*;
use crate::engine::config::{Application, Config, ImageSource, Service, Waf};
use crate::engine::derived_names;
use crate::engine::exports::{
    Export, Output, CERTIFICATE_PARAMETER, STACK_PARAMETER_INITIAL, STACK_PARAMETER_NETWORK,
    WEB_ACL_PARAMETER,
};
use crate::engine::render::{Distributions, Shared};

mod cloudfront;
mod initial;
mod secondary;

/// The stack of one service: the initial one owns what every service shares.
pub fn service_stack_template<'a>(
    shared: &'a Shared,
    service: &'a Service,
    initial: bool,
) -> Node<'a> {
    let cx = Context {
        shared,
        service,
        initial,
    };
    if initial {
        initial::initial_service_template(&cx)
    } else {
        secondary::secondary_service_template(&cx)
    }
}

/// CloudFront's managed origin request policy "AllViewerExceptHostHeader": viewer headers,
/// cookies and query strings reach the origin, and the Host header is the Express
/// endpoint, which the shared ALB's host rules route on.
/// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
pub const ALL_VIEWER_EXCEPT_HOST_HEADER: &str = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
/// CloudFront's managed cache policy "CachingDisabled" (every TTL 0): nothing is cached.
/// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
pub const CACHING_DISABLED: &str = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
/// CloudFront's managed response headers policy "SecurityHeadersPolicy": it adds
/// `Strict-Transport-Security: max-age=31536000`, `X-Content-Type-Options: nosniff`,
/// `X-Frame-Options: SAMEORIGIN`, `Referrer-Policy: strict-origin-when-cross-origin` and
/// `X-XSS-Protection: 1; mode=block`; an origin that sends one of these headers keeps its
/// own value, except `X-Content-Type-Options`, which CloudFront always sets.
/// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html
pub const SECURITY_HEADERS_POLICY: &str = "67f7725c-6f97-4210-82d7-5512b31e9d03";
/// The hosted zone of every CloudFront alias target.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-route53-recordset-aliastarget.html
pub const CLOUDFRONT_HOSTED_ZONE: &str = "Z2FDTNDATAQYW2";
/// Version 6 of this managed policy (edited 2026-02-12) already grants the Application
/// Auto Scaling actions Express Mode needs, on its own scalable targets, so the role has
/// no inline policy:
/// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSInfrastructureRoleforExpressGatewayServices.html
const EXPRESS_INFRASTRUCTURE_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices";
const TASK_EXECUTION_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const ORIGIN_ID: &str = "express-vpc-origin";
/// Every service stack's own roles.
pub const SERVICE_EXECUTION_ROLE: &str = "ServiceExecutionRole";
pub const SERVICE_TASK_ROLE: &str = "ServiceTaskRole";
const SHOULD_CREATE_CLOUDFRONT: &str = "ShouldCreateCloudFront";
/// The initial stack's parameter and condition that keep the roles every service shared
/// before each had its own (see `initial::resources`).
pub const LEGACY_SHARED_ROLES_PARAMETER: &str = "LegacySharedRoles";
const KEEP_LEGACY_SHARED_ROLES: &str = "KeepLegacySharedRoles";

/// ECR repository names and image tags, as ECR accepts them.
/// https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
pub const ECR_REPOSITORY_PATTERN: &str =
    "^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$";
pub const IMAGE_TAG_PATTERN: &str = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$";
pub const CERTIFICATE_ARN_PATTERN: &str =
    "^arn:aws:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]+$";
pub const WEB_ACL_ARN_PATTERN: &str = "^arn:aws:wafv2:us-east-1:[0-9]{12}:global/webacl/.+$";
const HOSTED_ZONE_ID_PATTERN: &str = "^Z[0-9A-Z]{1,31}$";

/// What a service stack's templates need to know about the rest of the design.
struct Context<'a> {
    shared: &'a Shared,
    service: &'a Service,
    initial: bool,
}

impl<'a> Context<'a> {
    fn cloudfront(&self) -> bool {
        self.service.cloudfront.enabled
    }

    fn condition(&self) -> Option<&'static str> {
        self.cloudfront().then_some(SHOULD_CREATE_CLOUDFRONT)
    }

    fn alias(&self) -> Option<String> {
        self.service.alias(self.shared.domain.as_ref())
    }

    fn hosted_zone(&self) -> Option<&'a str> {
        self.shared
            .domain
            .as_ref()
            .and_then(|d| d.hosted_zone_id.as_deref())
    }

    /// Whether the distribution's alias has DNS records in this stack.
    fn dns_records(&self) -> bool {
        self.cloudfront() && self.alias().is_some() && self.hosted_zone().is_some()
    }

    fn certificate(&self) -> bool {
        self.cloudfront() && self.alias().is_some()
    }

    fn web_acl(&self) -> bool {
        self.cloudfront() && self.shared.edge.waf != Waf::Off
    }

    fn access_logs(&self) -> bool {
        self.cloudfront() && self.shared.edge.access_logs
    }
}

/// Whether the initial stack creates the short-TTL cache policy: some distribution of
/// the design caches.
pub fn design_caches(config: &Config) -> bool {
    Distributions::of(&config.services).caching
}

/// Whether the initial stack creates the access log bucket.
pub fn design_logs_access(config: &Config) -> bool {
    Distributions::of(&config.services).logs_access(&config.edge)
}

fn parameters<'a>(cx: &Context<'a>) -> Obj<'a> {
    let service = cx.service;
    let shared = cx.shared;
    let mut parameters = Obj::new().with(
        "ServiceName",
        stack_name_parameter(
            &service.name,
            "Name of the service; prefixes its ECS service, log group and other names",
            derived_names::max_service_name_len(cx.initial),
        ),
    );
    if !cx.initial {
        parameters = parameters.with(
            STACK_PARAMETER_INITIAL,
            stack_name_parameter(
                &shared.initial_name,
                "Stack of the initial service, whose IAM roles, VPC origin and cache policy this service imports",
                derived_names::STACK_NAME_MAX,
            ),
        );
    }
    parameters = parameters.with(
        STACK_PARAMETER_NETWORK,
        stack_name_parameter(
            &shared.network_name,
            "Stack of the VPC, whose private subnets this service runs in",
            derived_names::STACK_NAME_MAX,
        ),
    );
    parameters = match service.image_source() {
        ImageSource::OwnEcr { repository, tag } => parameters
            .with(
                "ContainerRepository",
                parameter(
                    "String",
                    s(repository),
                    "ECR repository of the image, in this account and region",
                )
                .with("AllowedPattern", s(ECR_REPOSITORY_PATTERN))
                .with("MinLength", int(2))
                .with("MaxLength", int(256))
                .build(),
            )
            .with(
                "ContainerTag",
                parameter("String", s(tag), "Tag of the image in the repository")
                    .with("AllowedPattern", s(IMAGE_TAG_PATTERN))
                    .build(),
            ),
        ImageSource::Reference(image) => parameters.with(
            "ContainerImage",
            parameter("String", s(image), "Container image URI")
                .with("MinLength", int(1))
                .build(),
        ),
    };
    parameters = parameters.with(
        "ContainerPort",
        parameter("Number", int(service.port), "Port the container listens on")
            .with("MinValue", int(1))
            .with("MaxValue", int(65535))
            .build(),
    );
    if cx.cloudfront() {
        parameters = parameters.with(
            "CreateCloudFront",
            parameter(
                "String",
                s("true"),
                "Create a CloudFront distribution in front of the service",
            )
            .with("AllowedValues", list([s("true"), s("false")]))
            .build(),
        );
    }
    if cx.certificate() {
        parameters = parameters.with(
            CERTIFICATE_PARAMETER,
            arn_parameter(
                shared
                    .domain
                    .as_ref()
                    .and_then(|d| d.certificate_arn.as_deref()),
                "ACM certificate in us-east-1 that covers the distribution's alias",
                "ACM certificate in us-east-1 that covers the distribution's alias: the CertificateArn output of the global stack",
                CERTIFICATE_ARN_PATTERN,
            ),
        );
    }
    if cx.web_acl() {
        let existing = match &shared.edge.waf {
            Waf::Existing { web_acl_arn } => Some(web_acl_arn.as_str()),
            _ => None,
        };
        parameters = parameters.with(
            WEB_ACL_PARAMETER,
            arn_parameter(
                existing,
                "AWS WAF web ACL (scope CLOUDFRONT) in front of the distribution",
                "AWS WAF web ACL in front of the distribution: the WebAclArn output of the global stack",
                WEB_ACL_ARN_PATTERN,
            ),
        );
    }
    if cx.initial {
        parameters = parameters.with(
            LEGACY_SHARED_ROLES_PARAMETER,
            parameter(
                "String",
                s("false"),
                "Keep the IAM roles every service shared in stacks rendered by earlier builds; deploy.sh sets true only while such a stack still imports them",
            )
            .with("AllowedValues", list([s("true"), s("false")]))
            .build(),
        );
    }
    if let (true, Some(zone)) = (cx.dns_records(), cx.hosted_zone()) {
        parameters = parameters.with(
            "HostedZoneId",
            parameter(
                "String",
                s(zone),
                "Public Route 53 hosted zone that receives the alias records",
            )
            .with("AllowedPattern", s(HOSTED_ZONE_ID_PATTERN))
            .build(),
        );
    }
    parameters
}

/// An ARN parameter: the design's own ARN as its default, or none when the global stack
/// makes the resource and the deploy kit passes its output.
fn arn_parameter<'a>(
    given: Option<&'a str>,
    given_description: &'static str,
    required_description: &'static str,
    pattern: &'static str,
) -> Node<'a> {
    match given {
        Some(arn) => parameter("String", s(arn), given_description),
        None => required_parameter("String", required_description),
    }
    .with("AllowedPattern", s(pattern))
    .build()
}

fn interface_of<'a>(parameters: &Obj<'a>) -> Node<'a> {
    interface(
        &[
            (
                "Service",
                &[
                    "ServiceName",
                    "ContainerRepository",
                    "ContainerTag",
                    "ContainerImage",
                    "ContainerPort",
                ],
            ),
            (
                "Stacks this one imports from",
                &[STACK_PARAMETER_INITIAL, STACK_PARAMETER_NETWORK],
            ),
            (
                "CloudFront",
                &[
                    "CreateCloudFront",
                    "CertificateArn",
                    "WebAclArn",
                    "HostedZoneId",
                ],
            ),
            (
                "Updates from earlier builds",
                &[LEGACY_SHARED_ROLES_PARAMETER],
            ),
        ],
        &[
            ("ServiceName", "Service name"),
            ("ContainerRepository", "ECR repository"),
            ("ContainerTag", "Image tag"),
            ("ContainerImage", "Container image"),
            ("ContainerPort", "Container port"),
            (STACK_PARAMETER_INITIAL, "Initial service stack"),
            (STACK_PARAMETER_NETWORK, "Network (VPC) stack"),
            ("CreateCloudFront", "Create CloudFront distribution?"),
            ("CertificateArn", "Certificate (us-east-1)"),
            ("WebAclArn", "Web ACL (us-east-1)"),
            ("HostedZoneId", "Route 53 hosted zone"),
            (
                LEGACY_SHARED_ROLES_PARAMETER,
                "Keep the shared roles of earlier builds?",
            ),
        ],
        parameters,
    )
}

fn log_group(service: &Service) -> Node<'_> {
    Resource::new("AWS::Logs::LogGroup")
        .deleted_with_stack()
        .scanner_skips(&[
            ScannerSkip::LogGroupCustomerKey,
            ScannerSkip::LogGroupOneYearRetention,
        ])
        .properties(map([
            ("LogGroupName", sub(derived_names::LOG_GROUP_NAME)),
            ("RetentionInDays", int(service.log_retention_days)),
        ]))
}

fn image(service: &Service) -> Node<'static> {
    match service.image_source() {
        ImageSource::OwnEcr { .. } => sub(
            "${AWS::AccountId}.dkr.ecr.${AWS::Region}.${AWS::URLSuffix}/${ContainerRepository}:${ContainerTag}",
        ),
        ImageSource::Reference(_) => ref_("ContainerImage"),
    }
}

/// The service's own roles: the execution role that pulls its image, writes its logs and
/// fetches exactly its secrets, and the task role its application acts as, with exactly
/// its buckets, tables and managed policies. No role of one service reaches another's.
fn service_roles<'a>(service: &'a Service, resources: &mut Obj<'a>) {
    let app = &service.app;
    // AWS documents no trust condition for the execution role
    // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html):
    // a condition ECS does not promise to satisfy could stop image pulls.
    resources.insert(
        SERVICE_EXECUTION_ROLE,
        role(
            "ecs-tasks.amazonaws.com",
            Trust::Service,
            vec![s(TASK_EXECUTION_POLICY)],
            Some(("secrets", grants_of(execution_policy(app)))),
        ),
    );
    resources.insert(
        SERVICE_TASK_ROLE,
        role(
            "ecs-tasks.amazonaws.com",
            ECS_TASKS_OF_THIS_ACCOUNT,
            app.policy_arns
                .iter()
                .map(|arn| literal(arn.as_str()))
                .collect(),
            Some(("data", grants_of(task_policy(&app.permissions)))),
        ),
    );
}

/// A secret variable's source as ECS takes it: its ARN, built for a parameter given by name.
fn secret_value_from(value_from: &str) -> Node<'_> {
    match secret_source(value_from) {
        Ok(SecretSource::ParameterName(name)) => sub(SecretSource::parameter_arn_template(name)),
        _ => literal(value_from),
    }
}

/// The container's variables, secrets and command, as the design gives them.
fn application_settings<'a>(app: &'a Application, container: Obj<'a>) -> Obj<'a> {
    container
        .with_if(!app.environment.is_empty(), "Environment", || {
            list(app.environment.iter().map(|variable| {
                map([
                    ("Name", s(variable.name.as_str())),
                    (
                        "Value",
                        literal(variable.value.as_deref().unwrap_or_default()),
                    ),
                ])
            }))
        })
        .with_if(!app.secrets.is_empty(), "Secrets", || {
            list(app.secrets.iter().map(|secret| {
                map([
                    ("Name", s(secret.name.as_str())),
                    ("ValueFrom", secret_value_from(&secret.value_from)),
                ])
            }))
        })
        .with_if(!app.command.is_empty(), "Command", || {
            list(
                app.command
                    .iter()
                    .map(|argument| literal(argument.as_str())),
            )
        })
}

fn express_service<'a>(service: &'a Service, infrastructure: Node<'a>) -> Node<'a> {
    let execution = get_att(format!("{SERVICE_EXECUTION_ROLE}.Arn"));
    let task = get_att(format!("{SERVICE_TASK_ROLE}.Arn"));
    let scaling = &service.scaling;
    resource(
        "AWS::ECS::ExpressGatewayService",
        Obj::new()
            .with("ServiceName", sub(derived_names::ECS_SERVICE_NAME))
            .with("Cluster", s("default"))
            .with("ExecutionRoleArn", execution)
            .with("InfrastructureRoleArn", infrastructure)
            .with("TaskRoleArn", task)
            .with(
                "PrimaryContainer",
                application_settings(
                    &service.app,
                    Obj::new()
                        .with("Image", image(service))
                        .with("ContainerPort", ref_("ContainerPort"))
                        .with(
                            "AwsLogsConfiguration",
                            map([
                                ("LogGroup", ref_("ECSLogGroup")),
                                ("LogStreamPrefix", s("ecs")),
                            ]),
                        ),
                )
                .build(),
            )
            .with(
                "NetworkConfiguration",
                map([("Subnets", split(",", import(Export::PrivateSubnets)))]),
            )
            .with("Cpu", s(service.cpu.to_string()))
            .with("Memory", s(service.memory.to_string()))
            .with("HealthCheckPath", s(&service.health_check_path))
            .with(
                "ScalingTarget",
                map([
                    ("MinTaskCount", int(scaling.min)),
                    ("MaxTaskCount", int(scaling.max)),
                    ("AutoScalingMetric", s(scaling.metric.code())),
                    ("AutoScalingTargetValue", int(scaling.target)),
                ]),
            )
            .with(
                "Tags",
                tags([
                    ("Name", sub("${ServiceName}-express-service")),
                    ("Project", ref_("ServiceName")),
                ]),
            )
            .build(),
    )
}

fn service_outputs<'a>(outputs: &mut Obj<'a>) {
    outputs.insert(
        Output::ServiceEndpoint.key(),
        output(
            "Express Mode endpoint of the service",
            get_att("ExpressModeService.Endpoint"),
            Some(Export::ServiceEndpoint),
        )
        .build(),
    );
    outputs.insert(
        Output::LoadBalancerArn.key(),
        output(
            "The internal ALB Express Mode put the service on (every service must share the initial service's)",
            get_att("ExpressModeService.ECSManagedResourceArns.IngressPath.LoadBalancerArn"),
            None,
        )
        .build(),
    );
}

fn service_template<'a>(
    description: String,
    parameters: Obj<'a>,
    resources: Obj<'a>,
    outputs: Obj<'a>,
) -> Node<'a> {
    let mut conditions = Obj::new();
    if parameters.contains("CreateCloudFront") {
        conditions.insert(
            SHOULD_CREATE_CLOUDFRONT,
            equals(ref_("CreateCloudFront"), s("true")),
        );
    }
    if parameters.contains(LEGACY_SHARED_ROLES_PARAMETER) {
        conditions.insert(
            KEEP_LEGACY_SHARED_ROLES,
            equals(ref_(LEGACY_SHARED_ROLES_PARAMETER), s("true")),
        );
    }
    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description))
        .with("Metadata", interface_of(&parameters))
        .with("Parameters", parameters.build())
        .with_if(!conditions.is_empty(), "Conditions", || conditions.build())
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}
