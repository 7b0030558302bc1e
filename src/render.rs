//! The three kinds of stack: the VPC, the initial service (IAM roles, CloudFront VPC
//! origin, cache policy) and one per further service, wired by exports so they deploy in
//! order with no hand edits.

use std::borrow::Cow;

use crate::cfn::*;
use crate::cidr;
use crate::config::{Config, GatewayEndpoint, Nat, Service};
use crate::error::FieldError;
use crate::names;
use crate::validate::validate;
use crate::yaml11::push_quoting_yaml11_ambiguous;

/// CloudFront's managed origin request policy "AllViewerExceptHostHeader": viewer headers,
/// cookies and query strings reach the origin, and the Host header is the Express
/// endpoint, which the shared ALB's host rules route on.
pub const ALL_VIEWER_EXCEPT_HOST_HEADER: &str = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
const EXPRESS_INFRASTRUCTURE_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices";
const TASK_EXECUTION_POLICY: &str =
    "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy";
const STACK_NAME_PATTERN: &str = "^[A-Za-z][-A-Za-z0-9]*$";
const ORIGIN_ID: &str = "express-vpc-origin";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StackKind {
    Network,
    InitialService,
    SecondaryService,
}

/// Which template: the network, or the service at this index of `services`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StackId {
    Network,
    Service(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedTemplate {
    pub stack_name: String,
    pub file_name: String,
    pub kind: StackKind,
    pub yaml: String,
}

/// Every stack of the design in deployment order.
pub fn stack_ids(config: &Config) -> Vec<StackId> {
    std::iter::once(StackId::Network)
        .chain((0..config.services.len()).map(StackId::Service))
        .collect()
}

pub fn stack_name(config: &Config, id: StackId) -> String {
    match id {
        StackId::Network => config.network.name.clone(),
        StackId::Service(index) => config
            .services
            .get(index)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
    }
}

/// Validates, then renders every template; nothing is rendered for an invalid design.
pub fn render(config: &Config) -> Result<Vec<RenderedTemplate>, Vec<FieldError>> {
    let errors = validate(config);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(stack_ids(config)
        .into_iter()
        .map(|id| render_stack(config, id))
        .collect())
}

/// Renders one template of a design that has passed validation.
pub fn render_stack(config: &Config, id: StackId) -> RenderedTemplate {
    let stack_count = config.services.len() + 1;
    let (kind, template, position) = match id {
        StackId::Network => (StackKind::Network, network_template(config), 1),
        StackId::Service(0) => (
            StackKind::InitialService,
            initial_service_template(config),
            2,
        ),
        StackId::Service(index) => (
            StackKind::SecondaryService,
            secondary_service_template(config, &config.services[index]),
            index + 2,
        ),
    };
    let stack_name = stack_name(config, id);
    // Not `expect`: formatting the error would link serde_yaml's and std::io's messages
    // into the page for a failure that cannot happen.
    let body = serde_yaml::to_string(&template)
        .unwrap_or_else(|_| unreachable!("a template tree always serializes"));
    let mut yaml = format!(
        "# Rendered by Stackdraft from config format v1. Deploy order: {position} of {stack_count}.\n"
    );
    yaml.reserve(body.len() + 16);
    push_quoting_yaml11_ambiguous(&mut yaml, &body);
    RenderedTemplate {
        file_name: format!("{stack_name}.yaml"),
        stack_name,
        kind,
        yaml,
    }
}

fn parameter<'a>(kind: &'a str, default: Node<'a>, description: &'a str) -> Obj<'a> {
    Obj::new()
        .with("Type", s(kind))
        .with("Default", default)
        .with("Description", s(description))
}

fn stack_name_parameter<'a>(default: &'a str, description: &'a str, max_len: usize) -> Node<'a> {
    parameter("String", s(default), description)
        .with("AllowedPattern", s(STACK_NAME_PATTERN))
        .with("MaxLength", int(max_len as i64))
        .with(
            "ConstraintDescription",
            s("a letter, then letters, digits and hyphens"),
        )
        .build()
}

fn interface(
    groups: &[(&'static str, &[&'static str])],
    labels: &[(&'static str, &'static str)],
) -> Node<'static> {
    let label = |text: &'static str| map([("default", s(text))]);
    map([(
        "AWS::CloudFormation::Interface",
        map([
            (
                "ParameterGroups",
                list(groups.iter().map(|(name, parameters)| {
                    map([
                        ("Label", label(name)),
                        ("Parameters", list(parameters.iter().map(|p| s(*p)))),
                    ])
                })),
            ),
            (
                "ParameterLabels",
                Node::Map(
                    labels
                        .iter()
                        .map(|(parameter, text)| (Cow::Borrowed(*parameter), label(text)))
                        .collect(),
                ),
            ),
        ]),
    )])
}

fn resource<'a>(kind: &'a str, properties: Node<'a>) -> Obj<'a> {
    Obj::new()
        .with("Type", s(kind))
        .with("Properties", properties)
}

/// An output, exported as `<stack name>-<export suffix>` when it has a suffix.
fn output<'a>(
    description: impl Into<Cow<'a, str>>,
    value: Node<'a>,
    export_suffix: Option<&str>,
) -> Obj<'a> {
    Obj::new()
        .with("Description", s(description))
        .with("Value", value)
        .with_some(
            "Export",
            export_suffix
                .map(|suffix| map([("Name", sub(format!("${{AWS::StackName}}-{suffix}")))])),
        )
}

fn name_tag<'a>(template: impl Into<Cow<'a, str>>) -> Node<'a> {
    tags([("Name", sub(template))])
}

fn network_template(config: &Config) -> Node<'_> {
    let network = &config.network;
    let count = network.subnets.len();
    let nat_summary = match &network.nat {
        Nat::Auto => "automatic AZ coverage".to_string(),
        Nat::Manual { azs } => format!(
            "Elastic IPs in AZ index {}",
            azs.iter()
                .map(|a| a.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let description = format!(
        "Stackdraft network: VPC {} with {count} private subnets and no public subnets; egress through a Regional NAT Gateway ({nat_summary}){}.",
        network.cidr,
        if network.ipv6 { " and an egress-only internet gateway for IPv6" } else { "" }
    );

    let mut resources = Obj::new();
    resources.insert(
        "VPC",
        resource(
            "AWS::EC2::VPC",
            Obj::new()
                .with("CidrBlock", s(&network.cidr))
                .with("EnableDnsHostnames", Node::Bool(true))
                .with("EnableDnsSupport", Node::Bool(true))
                .with("Tags", tags([("Name", ref_("ProjectName"))]))
                .build(),
        )
        .build(),
    );
    if network.ipv6 {
        resources.insert(
            "IPv6CidrBlock",
            resource(
                "AWS::EC2::VPCCidrBlock",
                map([
                    ("VpcId", ref_("VPC")),
                    ("AmazonProvidedIpv6CidrBlock", Node::Bool(true)),
                ]),
            )
            .build(),
        );
    }
    for (index, subnet) in network.subnets.iter().enumerate() {
        let number = index + 1;
        let properties = Obj::new()
            .with("VpcId", ref_("VPC"))
            .with("CidrBlock", s(subnet))
            .with("AvailabilityZone", select(index, get_azs()))
            .with_if(network.ipv6, "Ipv6CidrBlock", || {
                select(
                    index,
                    cidr(select(0, get_att("VPC.Ipv6CidrBlocks")), count, 64),
                )
            })
            .with_if(network.ipv6, "AssignIpv6AddressOnCreation", || {
                Node::Bool(true)
            })
            .with(
                "Tags",
                name_tag(format!("${{ProjectName}}-private-{number}")),
            )
            .build();
        let mut subnet_resource = Obj::new().with("Type", s("AWS::EC2::Subnet"));
        if network.ipv6 {
            subnet_resource = subnet_resource.with("DependsOn", s("IPv6CidrBlock"));
        }
        resources.insert(
            format!("PrivateSubnet{number}"),
            subnet_resource.with("Properties", properties).build(),
        );
    }
    resources.insert(
        "InternetGateway",
        resource(
            "AWS::EC2::InternetGateway",
            map([("Tags", name_tag("${ProjectName}-igw"))]),
        )
        .build(),
    );
    resources.insert(
        "InternetGatewayAttachment",
        resource(
            "AWS::EC2::VPCGatewayAttachment",
            map([
                ("VpcId", ref_("VPC")),
                ("InternetGatewayId", ref_("InternetGateway")),
            ]),
        )
        .build(),
    );
    if network.ipv6 {
        resources.insert(
            "EgressOnlyInternetGateway",
            resource(
                "AWS::EC2::EgressOnlyInternetGateway",
                map([("VpcId", ref_("VPC"))]),
            )
            .build(),
        );
    }
    let mut nat = Obj::new()
        .with("AvailabilityMode", s("regional"))
        .with("ConnectivityType", s("public"))
        .with("VpcId", ref_("VPC"));
    if let Nat::Manual { azs } = &network.nat {
        let mut addresses = Vec::new();
        for &az in azs {
            let eip = format!("NatGatewayEipAz{az}");
            addresses.push(map([
                ("AvailabilityZone", select(az as usize, get_azs())),
                (
                    "AllocationIds",
                    list([get_att(format!("{eip}.AllocationId"))]),
                ),
            ]));
            resources.insert(
                eip,
                resource(
                    "AWS::EC2::EIP",
                    map([
                        ("Domain", s("vpc")),
                        ("Tags", name_tag(format!("${{ProjectName}}-nat-eip-az{az}"))),
                    ]),
                )
                .build(),
            );
        }
        nat = nat.with("AvailabilityZoneAddresses", list(addresses));
    }
    resources.insert(
        "RegionalNatGateway",
        Obj::new()
            .with("Type", s("AWS::EC2::NatGateway"))
            .with("DependsOn", s("InternetGatewayAttachment"))
            .with(
                "Properties",
                nat.with("Tags", name_tag("${ProjectName}-regional-nat"))
                    .build(),
            )
            .build(),
    );
    resources.insert(
        "PrivateRouteTable",
        resource(
            "AWS::EC2::RouteTable",
            map([
                ("VpcId", ref_("VPC")),
                ("Tags", name_tag("${ProjectName}-private")),
            ]),
        )
        .build(),
    );
    resources.insert(
        "PrivateRouteIPv4",
        resource(
            "AWS::EC2::Route",
            map([
                ("RouteTableId", ref_("PrivateRouteTable")),
                ("DestinationCidrBlock", s("0.0.0.0/0")),
                ("NatGatewayId", ref_("RegionalNatGateway")),
            ]),
        )
        .build(),
    );
    if network.ipv6 {
        resources.insert(
            "PrivateRouteIPv6",
            resource(
                "AWS::EC2::Route",
                map([
                    ("RouteTableId", ref_("PrivateRouteTable")),
                    ("DestinationIpv6CidrBlock", s("::/0")),
                    (
                        "EgressOnlyInternetGatewayId",
                        ref_("EgressOnlyInternetGateway"),
                    ),
                ]),
            )
            .build(),
        );
    }
    for number in 1..=count {
        resources.insert(
            format!("PrivateSubnet{number}RouteTableAssociation"),
            resource(
                "AWS::EC2::SubnetRouteTableAssociation",
                map([
                    ("SubnetId", ref_(format!("PrivateSubnet{number}"))),
                    ("RouteTableId", ref_("PrivateRouteTable")),
                ]),
            )
            .build(),
        );
    }
    // In a fixed order, whatever the design's order.
    let endpoints = GatewayEndpoint::ALL
        .into_iter()
        .filter(|e| network.gateway_endpoints.contains(e));
    for endpoint in endpoints {
        let service = endpoint.service();
        let logical = match endpoint {
            GatewayEndpoint::S3 => "S3GatewayEndpoint",
            GatewayEndpoint::Dynamodb => "DynamoDBGatewayEndpoint",
        };
        resources.insert(
            logical,
            resource(
                "AWS::EC2::VPCEndpoint",
                map([
                    ("VpcId", ref_("VPC")),
                    (
                        "ServiceName",
                        sub(format!("com.amazonaws.${{AWS::Region}}.{service}")),
                    ),
                    ("VpcEndpointType", s("Gateway")),
                    ("RouteTableIds", list([ref_("PrivateRouteTable")])),
                ]),
            )
            .build(),
        );
    }

    let mut outputs = Obj::new();
    outputs.insert(
        "VpcId",
        output("VPC id", ref_("VPC"), Some("VpcId")).build(),
    );
    for number in 1..=count {
        outputs.insert(
            format!("PrivateSubnet{number}Id"),
            output(
                format!("Private subnet in AZ index {}", number - 1),
                ref_(format!("PrivateSubnet{number}")),
                Some(&format!("PrivateSubnet{number}Id")),
            )
            .build(),
        );
    }
    outputs.insert(
        "PrivateSubnets",
        output(
            "Private subnet ids, comma-separated, for the service stacks",
            join(
                ",",
                (1..=count)
                    .map(|n| ref_(format!("PrivateSubnet{n}")))
                    .collect(),
            ),
            Some("PrivateSubnets"),
        )
        .build(),
    );
    outputs.insert(
        "RegionalNatGatewayId",
        output(
            "Regional NAT Gateway id",
            ref_("RegionalNatGateway"),
            Some("RegionalNatGatewayId"),
        )
        .build(),
    );

    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description))
        .with(
            "Metadata",
            interface(
                &[("Naming", &["ProjectName"])],
                &[("ProjectName", "Name tag prefix")],
            ),
        )
        .with(
            "Parameters",
            map([(
                "ProjectName",
                parameter(
                    "String",
                    s(&network.name),
                    "Prefix for the Name tags of the VPC's resources",
                )
                .build(),
            )]),
        )
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}

fn service_parameters<'a>(config: &'a Config, service: &'a Service, initial: bool) -> Obj<'a> {
    let mut parameters = Obj::new().with(
        "ServiceName",
        stack_name_parameter(
            &service.name,
            "Name of the service; prefixes its ECS service, log group and other names",
            names::max_service_name_len(initial),
        ),
    );
    if !initial {
        parameters = parameters.with(
            "InitialStackName",
            stack_name_parameter(
                &config.services[0].name,
                "Stack of the initial service, whose IAM roles, VPC origin and cache policy this service imports",
                names::STACK_NAME_MAX,
            ),
        );
    }
    parameters
        .with(
            "NetworkStackName",
            stack_name_parameter(
                &config.network.name,
                "Stack of the VPC, whose private subnets this service runs in",
                names::STACK_NAME_MAX,
            ),
        )
        .with(
            "ContainerImage",
            parameter("String", s(&service.image), "Container image URI")
                .with("MinLength", int(1))
                .build(),
        )
        .with(
            "ContainerPort",
            parameter("Number", int(service.port), "Port the container listens on")
                .with("MinValue", int(1))
                .with("MaxValue", int(65535))
                .build(),
        )
        .with(
            "CreateCloudFront",
            parameter(
                "String",
                s(if service.cloudfront.enabled {
                    "true"
                } else {
                    "false"
                }),
                "Create a CloudFront distribution in front of the service",
            )
            .with("AllowedValues", list([s("true"), s("false")]))
            .build(),
        )
}

fn service_interface(initial: bool) -> Node<'static> {
    let wiring: &[&str] = if initial {
        &["NetworkStackName"]
    } else {
        &["InitialStackName", "NetworkStackName"]
    };
    interface(
        &[
            (
                "Service",
                &["ServiceName", "ContainerImage", "ContainerPort"],
            ),
            ("Stacks this one imports from", wiring),
            ("CloudFront", &["CreateCloudFront"]),
        ],
        &[
            ("ServiceName", "Service name"),
            ("ContainerImage", "Container image"),
            ("ContainerPort", "Container port"),
            ("InitialStackName", "Initial service stack"),
            ("NetworkStackName", "Network (VPC) stack"),
            ("CreateCloudFront", "Create CloudFront distribution?"),
        ]
        .into_iter()
        .filter(|(parameter, _)| !initial || *parameter != "InitialStackName")
        .collect::<Vec<_>>(),
    )
}

fn log_group(service: &Service) -> Node<'_> {
    resource(
        "AWS::Logs::LogGroup",
        map([
            ("LogGroupName", sub(names::LOG_GROUP_NAME)),
            ("RetentionInDays", int(service.log_retention_days)),
        ]),
    )
    .build()
}

fn express_service<'a>(service: &'a Service, roles: [Node<'a>; 3]) -> Node<'a> {
    let [execution, infrastructure, task] = roles;
    let scaling = &service.scaling;
    resource(
        "AWS::ECS::ExpressGatewayService",
        Obj::new()
            .with("ServiceName", sub(names::ECS_SERVICE_NAME))
            .with("Cluster", s("default"))
            .with("ExecutionRoleArn", execution)
            .with("InfrastructureRoleArn", infrastructure)
            .with("TaskRoleArn", task)
            .with(
                "PrimaryContainer",
                map([
                    ("Image", ref_("ContainerImage")),
                    ("ContainerPort", ref_("ContainerPort")),
                    (
                        "AwsLogsConfiguration",
                        map([
                            ("LogGroup", ref_("ECSLogGroup")),
                            ("LogStreamPrefix", s("ecs")),
                        ]),
                    ),
                ]),
            )
            .with(
                "NetworkConfiguration",
                map([(
                    "Subnets",
                    split(",", import_sub("${NetworkStackName}-PrivateSubnets")),
                )]),
            )
            .with("Cpu", s(service.cpu.to_string()))
            .with("Memory", s(service.memory.to_string()))
            .with("HealthCheckPath", s(&service.health_check_path))
            .with(
                "ScalingTarget",
                map([
                    ("MinTaskCount", int(scaling.min)),
                    ("MaxTaskCount", int(scaling.max)),
                    ("AutoScalingMetric", s(&scaling.metric)),
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
    .build()
}

fn distribution<'a>(
    config: &'a Config,
    service: &'a Service,
    vpc_origin_id: Node<'a>,
    cache_policy_id: Node<'a>,
) -> Node<'a> {
    let (aliases, viewer_certificate) = match (&service.cloudfront.host, &config.domain) {
        (Some(host), Some(domain)) => (
            Some(list([s(format!("{host}.{}", domain.zone))])),
            map([
                ("AcmCertificateArn", s(&domain.certificate_arn)),
                ("SslSupportMethod", s("sni-only")),
                ("MinimumProtocolVersion", s("TLSv1.2_2021")),
            ]),
        ),
        _ => (
            None,
            map([("CloudFrontDefaultCertificate", Node::Bool(true))]),
        ),
    };
    let methods = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"];
    let config_value = Obj::new()
        .with("Comment", sub(names::DISTRIBUTION_COMMENT))
        .with("Enabled", Node::Bool(true))
        .with("HttpVersion", s("http2and3"))
        .with("IPV6Enabled", Node::Bool(true))
        .with_some("Aliases", aliases)
        .with("ViewerCertificate", viewer_certificate)
        .with(
            "Origins",
            list([map([
                ("Id", s(ORIGIN_ID)),
                ("DomainName", get_att("ExpressModeService.Endpoint")),
                ("VpcOriginConfig", map([("VpcOriginId", vpc_origin_id)])),
            ])]),
        )
        .with(
            "DefaultCacheBehavior",
            map([
                ("TargetOriginId", s(ORIGIN_ID)),
                ("ViewerProtocolPolicy", s("redirect-to-https")),
                ("AllowedMethods", list(methods.iter().map(|m| s(*m)))),
                ("CachedMethods", list([s("GET"), s("HEAD")])),
                ("Compress", Node::Bool(true)),
                ("CachePolicyId", cache_policy_id),
                ("OriginRequestPolicyId", s(ALL_VIEWER_EXCEPT_HOST_HEADER)),
            ]),
        )
        .build();
    Obj::new()
        .with("Type", s("AWS::CloudFront::Distribution"))
        .with("Condition", s("ShouldCreateCloudFront"))
        .with(
            "Properties",
            map([
                ("DistributionConfig", config_value),
                ("Tags", name_tag("${AWS::StackName}-distribution")),
            ]),
        )
        .build()
}

fn cloudfront_outputs<'a>(config: &'a Config, service: &'a Service, outputs: &mut Obj<'a>) {
    let conditional = |description: &'a str, value: Node<'a>| {
        Obj::new()
            .with("Condition", s("ShouldCreateCloudFront"))
            .with("Description", s(description))
            .with("Value", value)
            .build()
    };
    outputs.insert(
        "CloudFrontDistributionId",
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
        "CloudFrontURL",
        conditional(
            "CloudFront URL",
            sub("https://${CloudFrontDistribution.DomainName}"),
        ),
    );
    if let (Some(host), Some(domain)) = (&service.cloudfront.host, &config.domain) {
        outputs.insert(
            "CustomDomainURL",
            conditional(
                "URL of the service's alias; point a DNS record for it at the CloudFront domain name",
                s(format!("https://{host}.{}", domain.zone)),
            ),
        );
    }
}

fn role(
    principal: &'static str,
    managed_policies: &[&'static str],
    inline: Option<(&'static str, &[&'static str])>,
) -> Node<'static> {
    let statement = |actions: Node<'static>, extra: Vec<(&'static str, Node<'static>)>| {
        let mut obj = Obj::new().with("Effect", s("Allow"));
        for (key, value) in extra {
            obj.insert(key, value);
        }
        obj.with("Action", actions).build()
    };
    let assume = map([
        ("Version", s("2012-10-17")),
        (
            "Statement",
            list([statement(
                s("sts:AssumeRole"),
                vec![("Principal", map([("Service", s(principal))]))],
            )]),
        ),
    ]);
    resource(
        "AWS::IAM::Role",
        Obj::new()
            .with("AssumeRolePolicyDocument", assume)
            .with_if(!managed_policies.is_empty(), "ManagedPolicyArns", || {
                list(managed_policies.iter().map(|p| s(*p)))
            })
            .with_if(inline.is_some(), "Policies", || {
                let (name, actions) = inline.unwrap_or_default();
                list([map([
                    ("PolicyName", s(name)),
                    (
                        "PolicyDocument",
                        map([
                            ("Version", s("2012-10-17")),
                            (
                                "Statement",
                                list([Obj::new()
                                    .with("Effect", s("Allow"))
                                    .with("Action", list(actions.iter().map(|a| s(*a))))
                                    .with("Resource", s("*"))
                                    .build()]),
                            ),
                        ]),
                    ),
                ])])
            })
            .build(),
    )
    .build()
}

fn initial_service_template(config: &Config) -> Node<'_> {
    let service = &config.services[0];
    let description = format!(
        "Stackdraft initial service {}: ECS Express Mode on the private subnets of stack {}, with the shared IAM roles, CloudFront VPC origin and cache policy{}.",
        service.name,
        config.network.name,
        if service.cloudfront.enabled { ", and its CloudFront distribution" } else { "" }
    );
    let mut resources = Obj::new();
    resources.insert("ECSLogGroup", log_group(service));
    resources.insert(
        "ECSTaskExecutionRole",
        role("ecs-tasks.amazonaws.com", &[TASK_EXECUTION_POLICY], None),
    );
    resources.insert(
        "ECSTaskRole",
        role(
            "ecs-tasks.amazonaws.com",
            &[],
            Some((
                "ECSExecPolicy",
                &[
                    "ssmmessages:CreateControlChannel",
                    "ssmmessages:CreateDataChannel",
                    "ssmmessages:OpenControlChannel",
                    "ssmmessages:OpenDataChannel",
                ],
            )),
        ),
    );
    resources.insert(
        "ECSInfrastructureRole",
        role(
            "ecs.amazonaws.com",
            &[EXPRESS_INFRASTRUCTURE_POLICY],
            Some((
                "AdditionalAutoScalingPermissions",
                &[
                    "application-autoscaling:DeregisterScalableTarget",
                    "application-autoscaling:DeleteScalingPolicy",
                    "application-autoscaling:DescribeScalableTargets",
                    "application-autoscaling:DescribeScalingPolicies",
                ],
            )),
        ),
    );
    resources.insert(
        "ExpressModeService",
        express_service(
            service,
            [
                get_att("ECSTaskExecutionRole.Arn"),
                get_att("ECSInfrastructureRole.Arn"),
                get_att("ECSTaskRole.Arn"),
            ],
        ),
    );
    resources.insert(
        "ExpressModeVpcOrigin",
        resource(
            "AWS::CloudFront::VpcOrigin",
            map([(
                "VpcOriginEndpointConfig",
                map([
                    ("Name", sub(names::VPC_ORIGIN_NAME)),
                    (
                        "Arn",
                        get_att(
                            "ExpressModeService.ECSManagedResourceArns.IngressPath.LoadBalancerArn",
                        ),
                    ),
                    ("HTTPPort", int(80)),
                    ("HTTPSPort", int(443)),
                    ("OriginProtocolPolicy", s("https-only")),
                ]),
            )]),
        )
        .build(),
    );
    resources.insert(
        "ShortTtlCachePolicy",
        resource(
            "AWS::CloudFront::CachePolicy",
            map([(
                "CachePolicyConfig",
                map([
                    ("Name", sub(names::CACHE_POLICY_NAME)),
                    ("Comment", s("Caches for 60 s by default and 120 s at most; query strings are part of the key")),
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
                            ("QueryStringsConfig", map([("QueryStringBehavior", s("all"))])),
                        ]),
                    ),
                ]),
            )]),
        )
        .build(),
    );
    resources.insert(
        "CloudFrontDistribution",
        distribution(
            config,
            service,
            ref_("ExpressModeVpcOrigin"),
            ref_("ShortTtlCachePolicy"),
        ),
    );

    let mut outputs = Obj::new();
    let exported = |description: &'static str, value: Node<'static>, suffix: &'static str| {
        output(description, value, Some(suffix)).build()
    };
    outputs.insert(
        "ServiceEndpoint",
        exported(
            "Express Mode endpoint of the service",
            get_att("ExpressModeService.Endpoint"),
            "ServiceEndpoint",
        ),
    );
    outputs.insert(
        "LoadBalancerArn",
        output(
            "The internal ALB Express Mode created",
            get_att("ExpressModeService.ECSManagedResourceArns.IngressPath.LoadBalancerArn"),
            None,
        )
        .build(),
    );
    outputs.insert(
        "TaskExecutionRoleArn",
        exported(
            "Task execution role ARN",
            get_att("ECSTaskExecutionRole.Arn"),
            "TaskExecutionRoleArn",
        ),
    );
    outputs.insert(
        "InfrastructureRoleArn",
        exported(
            "Express Mode infrastructure role ARN",
            get_att("ECSInfrastructureRole.Arn"),
            "InfrastructureRoleArn",
        ),
    );
    outputs.insert(
        "TaskRoleArn",
        exported(
            "Task role ARN (ECS Exec permissions)",
            get_att("ECSTaskRole.Arn"),
            "TaskRoleArn",
        ),
    );
    outputs.insert(
        "VpcOriginId",
        exported(
            "CloudFront VPC origin on the internal ALB",
            ref_("ExpressModeVpcOrigin"),
            "VpcOriginId",
        ),
    );
    outputs.insert(
        "CachePolicyId",
        exported(
            "CloudFront cache policy shared by the services",
            ref_("ShortTtlCachePolicy"),
            "CachePolicyId",
        ),
    );
    cloudfront_outputs(config, service, &mut outputs);

    service_template(
        description,
        service_parameters(config, service, true),
        service_interface(true),
        resources,
        outputs,
    )
}

fn secondary_service_template<'a>(config: &'a Config, service: &'a Service) -> Node<'a> {
    let description = format!(
        "Stackdraft service {}: ECS Express Mode sharing the internal ALB, IAM roles and VPC origin of stack {}{}.",
        service.name,
        config.services[0].name,
        if service.cloudfront.enabled { ", with its own CloudFront distribution" } else { "" }
    );
    let mut resources = Obj::new();
    resources.insert("ECSLogGroup", log_group(service));
    resources.insert(
        "ExpressModeService",
        express_service(
            service,
            [
                import_sub("${InitialStackName}-TaskExecutionRoleArn"),
                import_sub("${InitialStackName}-InfrastructureRoleArn"),
                import_sub("${InitialStackName}-TaskRoleArn"),
            ],
        ),
    );
    resources.insert(
        "CloudFrontDistribution",
        distribution(
            config,
            service,
            import_sub("${InitialStackName}-VpcOriginId"),
            import_sub("${InitialStackName}-CachePolicyId"),
        ),
    );
    let mut outputs = Obj::new();
    outputs.insert(
        "ServiceEndpoint",
        output(
            "Express Mode endpoint of the service",
            get_att("ExpressModeService.Endpoint"),
            Some("ServiceEndpoint"),
        )
        .build(),
    );
    cloudfront_outputs(config, service, &mut outputs);
    service_template(
        description,
        service_parameters(config, service, false),
        service_interface(false),
        resources,
        outputs,
    )
}

fn service_template<'a>(
    description: String,
    parameters: Obj<'a>,
    interface: Node<'a>,
    resources: Obj<'a>,
    outputs: Obj<'a>,
) -> Node<'a> {
    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description))
        .with("Metadata", interface)
        .with("Parameters", parameters.build())
        .with(
            "Conditions",
            map([(
                "ShouldCreateCloudFront",
                equals(ref_("CreateCloudFront"), s("true")),
            )]),
        )
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}

/// The address plan: each subnet's range and usable addresses, where it sits in the VPC,
/// and what is left of the VPC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddressPlan {
    pub vpc: String,
    pub vpc_size: u64,
    pub rows: Vec<SubnetPlan>,
    pub free: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetPlan {
    pub index: usize,
    pub cidr: String,
    pub first: String,
    pub last: String,
    pub size: u64,
    pub usable: u64,
    /// Its first address's offset from the VPC's, and its size; `None` when it is outside
    /// the VPC or overlaps an earlier subnet (so it takes no room in the plan).
    pub bar: Option<(u64, u64)>,
}

/// The plan for the parts of the design that parse; `None` if the VPC block does not.
pub fn address_plan(config: &Config) -> Option<AddressPlan> {
    let vpc = cidr::parse(&config.network.cidr).ok()?;
    let mut rows = Vec::new();
    let mut placed: Vec<cidr::Cidr> = Vec::new();
    for (index, text) in config.network.subnets.iter().enumerate() {
        let Ok(subnet) = cidr::parse(text) else {
            continue;
        };
        let bar = (vpc.contains(subnet) && !placed.iter().any(|p| p.overlaps(subnet))).then(|| {
            placed.push(subnet);
            (u64::from(subnet.network - vpc.network), subnet.size())
        });
        rows.push(SubnetPlan {
            index,
            cidr: subnet.to_string(),
            first: cidr::format_ipv4(subnet.first()),
            last: cidr::format_ipv4(subnet.last()),
            size: subnet.size(),
            usable: subnet.usable_in_aws(),
            bar,
        });
    }
    let used: u64 = placed.iter().map(|c| c.size()).sum();
    Some(AddressPlan {
        vpc: vpc.to_string(),
        vpc_size: vpc.size(),
        rows,
        free: vpc.size().saturating_sub(used),
    })
}
