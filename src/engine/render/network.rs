//! The network stack: the VPC, its private subnets, the Regional NAT Gateway, the
//! egress-only internet gateway, one private route table, the gateway endpoints and,
//! when the design asks, the VPC's flow logs.

use super::shared::*;
use crate::engine::cfn::*;
use crate::engine::config::{GatewayEndpoint, Nat, Network};
use crate::engine::exports::Export;

/// Where subnet (or NAT address) `index` goes: its pinned zone ID, or the zone at that
/// index of `!GetAZs`.
fn zone(network: &Network, index: usize) -> (&'static str, Node<'_>) {
    match network.az_ids.as_ref().and_then(|ids| ids.get(index)) {
        Some(id) => ("AvailabilityZoneId", s(id.as_str())),
        None => ("AvailabilityZone", select(index, get_azs())),
    }
}

fn description(network: &Network) -> String {
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
    format!(
        "Stackdraft network: VPC {} with {} private subnets and no public subnets; egress through a Regional NAT Gateway ({nat_summary}){}{}.",
        network.cidr,
        network.subnets.len(),
        if network.ipv6 { " and an egress-only internet gateway for IPv6" } else { "" },
        if network.flow_logs { "; flow logs of the whole VPC" } else { "" },
    )
}

pub fn network_template(network: &Network) -> Node<'_> {
    let mut resources = Obj::new();
    vpc_and_subnets(network, &mut resources);
    gateways(network, &mut resources);
    private_routes(network, &mut resources);
    if network.flow_logs {
        flow_log_resources(network, &mut resources);
    }
    let outputs = outputs(network);
    let parameters = Obj::new().with(
        "ProjectName",
        parameter(
            "String",
            s(&network.name),
            "Prefix for the Name tags of the VPC's resources",
        )
        .build(),
    );
    Obj::new()
        .with("AWSTemplateFormatVersion", s("2010-09-09"))
        .with("Description", s(description(network)))
        .with(
            "Metadata",
            interface(
                &[("Naming", &["ProjectName"])],
                &[("ProjectName", "Name tag prefix")],
                &parameters,
            ),
        )
        .with("Parameters", parameters.build())
        .with("Resources", resources.build())
        .with("Outputs", outputs.build())
        .build()
}

/// The VPC, its IPv6 block when the design has one, and one private subnet per AZ.
fn vpc_and_subnets<'a>(network: &'a Network, resources: &mut Obj<'a>) {
    let count = network.subnets.len();
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
        ),
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
            ),
        );
    }
    for (index, subnet) in network.subnets.iter().enumerate() {
        let number = index + 1;
        let (zone_key, zone_value) = zone(network, index);
        let properties = Obj::new()
            .with("VpcId", ref_("VPC"))
            .with("CidrBlock", s(subnet))
            .with(zone_key, zone_value)
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
        let mut subnet_resource = Resource::new("AWS::EC2::Subnet");
        if network.ipv6 {
            subnet_resource = subnet_resource.depends_on("IPv6CidrBlock");
        }
        resources.insert(
            format!("PrivateSubnet{number}"),
            subnet_resource.properties(properties),
        );
    }
}

/// The internet gateway, the egress-only internet gateway for IPv6, and the Regional NAT
/// Gateway with its Elastic IPs when they are placed by hand.
fn gateways<'a>(network: &'a Network, resources: &mut Obj<'a>) {
    resources.insert(
        "InternetGateway",
        resource(
            "AWS::EC2::InternetGateway",
            map([("Tags", name_tag("${ProjectName}-igw"))]),
        ),
    );
    resources.insert(
        "InternetGatewayAttachment",
        resource(
            "AWS::EC2::VPCGatewayAttachment",
            map([
                ("VpcId", ref_("VPC")),
                ("InternetGatewayId", ref_("InternetGateway")),
            ]),
        ),
    );
    if network.ipv6 {
        resources.insert(
            "EgressOnlyInternetGateway",
            resource(
                "AWS::EC2::EgressOnlyInternetGateway",
                map([("VpcId", ref_("VPC"))]),
            ),
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
            let (zone_key, zone_value) = zone(network, az as usize);
            addresses.push(
                Obj::new()
                    .with(zone_key, zone_value)
                    .with(
                        "AllocationIds",
                        list([get_att(format!("{eip}.AllocationId"))]),
                    )
                    .build(),
            );
            resources.insert(
                eip,
                resource(
                    "AWS::EC2::EIP",
                    map([
                        ("Domain", s("vpc")),
                        ("Tags", name_tag(format!("${{ProjectName}}-nat-eip-az{az}"))),
                    ]),
                ),
            );
        }
        nat = nat.with("AvailabilityZoneAddresses", list(addresses));
    }
    resources.insert(
        "RegionalNatGateway",
        Resource::new("AWS::EC2::NatGateway")
            .depends_on("InternetGatewayAttachment")
            .properties(
                nat.with("Tags", name_tag("${ProjectName}-regional-nat"))
                    .build(),
            ),
    );
}

/// The one private route table, its default routes, its subnets and the gateway
/// endpoints on it.
fn private_routes<'a>(network: &'a Network, resources: &mut Obj<'a>) {
    let count = network.subnets.len();
    resources.insert(
        "PrivateRouteTable",
        resource(
            "AWS::EC2::RouteTable",
            map([
                ("VpcId", ref_("VPC")),
                ("Tags", name_tag("${ProjectName}-private")),
            ]),
        ),
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
        ),
    );
    if network.ipv6 {
        // As the subnets: a route to ::/0 needs the VPC's IPv6 block, which nothing in the
        // route's properties refers to.
        resources.insert(
            "PrivateRouteIPv6",
            Resource::new("AWS::EC2::Route")
                .depends_on("IPv6CidrBlock")
                .properties(map([
                    ("RouteTableId", ref_("PrivateRouteTable")),
                    ("DestinationIpv6CidrBlock", s("::/0")),
                    (
                        "EgressOnlyInternetGatewayId",
                        ref_("EgressOnlyInternetGateway"),
                    ),
                ])),
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
            ),
        );
    }
    // In a fixed order, whatever the design's order.
    let endpoints = GatewayEndpoint::ALL
        .into_iter()
        .filter(|e| network.gateway_endpoints.contains(e));
    for endpoint in endpoints {
        let service = endpoint.service();
        resources.insert(
            endpoint.logical_id(),
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
            ),
        );
    }
}

/// The exports the service stacks import.
fn outputs(network: &Network) -> Obj<'static> {
    let count = network.subnets.len();
    let mut outputs = Obj::new();
    let mut export = |export: Export, description: String, value: Node<'static>| {
        outputs.insert(
            export.suffix(),
            output(description, value, Some(export)).build(),
        );
    };
    export(Export::VpcId, "VPC id".into(), ref_("VPC"));
    for index in 0..count {
        export(
            Export::PrivateSubnet(index),
            format!("Private subnet in AZ index {index}"),
            ref_(format!("PrivateSubnet{}", index + 1)),
        );
    }
    export(
        Export::PrivateSubnets,
        "Private subnet ids, comma-separated, for the service stacks".into(),
        join(
            ",",
            (1..=count)
                .map(|n| ref_(format!("PrivateSubnet{n}")))
                .collect(),
        ),
    );
    export(
        Export::RegionalNatGatewayId,
        "Regional NAT Gateway id".into(),
        ref_("RegionalNatGateway"),
    );
    outputs
}

/// Flow logs of the whole VPC into a log group the network stack owns. CloudWatch Logs
/// needs a role that the flow logs service assumes (so the stack then needs
/// CAPABILITY_IAM): https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
fn flow_log_resources<'a>(network: &'a Network, resources: &mut Obj<'a>) {
    resources.insert(
        "FlowLogGroup",
        Resource::new("AWS::Logs::LogGroup")
            .deleted_with_stack()
            .scanner_skips(&[
                ScannerSkip::LogGroupCustomerKey,
                ScannerSkip::LogGroupOneYearRetention,
            ])
            .properties(map([("RetentionInDays", int(network.flow_log_days))])),
    );
    resources.insert(
        "FlowLogRole",
        role(
            "vpc-flow-logs.amazonaws.com",
            FLOW_LOGS_OF_THIS_ACCOUNT,
            Vec::new(),
            Some((
                "DeliverFlowLogs",
                // AWS's documented policy: the two Describe actions on every resource,
                // and the writes, scoped here to the stack's group (it exists, so
                // logs:CreateLogGroup is not needed).
                vec![
                    Grant {
                        actions: &["logs:CreateLogStream", "logs:PutLogEvents"],
                        resource: get_att("FlowLogGroup.Arn"),
                    },
                    Grant {
                        actions: &["logs:DescribeLogGroups", "logs:DescribeLogStreams"],
                        resource: s("*"),
                    },
                ],
            )),
        ),
    );
    resources.insert(
        "VpcFlowLog",
        resource(
            "AWS::EC2::FlowLog",
            map([
                ("ResourceType", s("VPC")),
                ("ResourceId", ref_("VPC")),
                ("TrafficType", s("ALL")),
                ("LogDestinationType", s("cloud-watch-logs")),
                ("LogGroupName", ref_("FlowLogGroup")),
                ("DeliverLogsPermissionArn", get_att("FlowLogRole.Arn")),
                ("Tags", name_tag("${ProjectName}-flow-logs")),
            ]),
        ),
    );
}
