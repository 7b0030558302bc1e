//! Builders every template uses: parameters, the console's parameter groups, resources
//! with their policies and scanner notes, outputs and exports, IAM roles.

use std::borrow::Cow;

use crate::engine::application::{PolicyResource, Statement};
use crate::engine::cfn::*;
use crate::engine::exports::Export;

pub const STACK_NAME_PATTERN: &str = "^[A-Za-z][-A-Za-z0-9]*$";

/// A parameter with a default, in the key order the console shows best.
pub fn parameter<'a>(kind: &'a str, default: Node<'a>, description: &'a str) -> Obj<'a> {
    Obj::new()
        .with("Type", s(kind))
        .with("Default", default)
        .with("Description", s(description))
}

/// A parameter the deployer must give (the deploy kit passes it from another stack).
pub fn required_parameter<'a>(kind: &'a str, description: &'a str) -> Obj<'a> {
    Obj::new()
        .with("Type", s(kind))
        .with("Description", s(description))
}

pub fn stack_name_parameter<'a>(
    default: &'a str,
    description: &'a str,
    max_len: usize,
) -> Node<'a> {
    parameter("String", s(default), description)
        .with("AllowedPattern", s(STACK_NAME_PATTERN))
        .with("MaxLength", int(max_len as i64))
        .with(
            "ConstraintDescription",
            s("a letter, then letters, digits and hyphens"),
        )
        .build()
}

/// The console's `AWS::CloudFormation::Interface`: parameter groups and labels. Groups
/// and labels of parameters the template does not declare are left out.
pub fn interface<'a>(
    groups: &[(&'static str, &[&'static str])],
    labels: &[(&'static str, &'static str)],
    declared: &Obj<'a>,
) -> Node<'a> {
    let label = |text: &'static str| map([("default", s(text))]);
    let groups = groups.iter().filter_map(|(name, parameters)| {
        let present: Vec<Node> = parameters
            .iter()
            .filter(|p| declared.contains(p))
            .map(|p| s(*p))
            .collect();
        (!present.is_empty())
            .then(|| map([("Label", label(name)), ("Parameters", Node::List(present))]))
    });
    map([(
        "AWS::CloudFormation::Interface",
        map([
            ("ParameterGroups", list(groups)),
            (
                "ParameterLabels",
                Node::Map(
                    labels
                        .iter()
                        .filter(|(parameter, _)| declared.contains(parameter))
                        .map(|(parameter, text)| (Cow::Borrowed(*parameter), label(text)))
                        .collect(),
                ),
            ),
        ]),
    )])
}

/// A check of the field's security scanner (checkov) that does not fit this
/// architecture, skipped in the resource it concerns, with the reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScannerSkip {
    LogGroupCustomerKey,
    LogGroupOneYearRetention,
    LogBucketAccessLogging,
    LogBucketVersioning,
    DefaultRootObject,
    OriginFailover,
}

impl ScannerSkip {
    pub const ALL: [ScannerSkip; 6] = [
        ScannerSkip::LogGroupCustomerKey,
        ScannerSkip::LogGroupOneYearRetention,
        ScannerSkip::LogBucketAccessLogging,
        ScannerSkip::LogBucketVersioning,
        ScannerSkip::DefaultRootObject,
        ScannerSkip::OriginFailover,
    ];

    pub fn id(self) -> &'static str {
        match self {
            ScannerSkip::LogGroupCustomerKey => "CKV_AWS_158",
            ScannerSkip::LogGroupOneYearRetention => "CKV_AWS_338",
            ScannerSkip::LogBucketAccessLogging => "CKV_AWS_18",
            ScannerSkip::LogBucketVersioning => "CKV_AWS_21",
            ScannerSkip::DefaultRootObject => "CKV_AWS_305",
            ScannerSkip::OriginFailover => "CKV_AWS_310",
        }
    }

    pub fn reason(self) -> &'static str {
        match self {
            ScannerSkip::LogGroupCustomerKey => "Log groups are encrypted with CloudWatch Logs' own keys; a customer managed KMS key is a compliance choice this design leaves to the user.",
            ScannerSkip::LogGroupOneYearRetention => "Retention is the design's choice (log_retention_days, flow_log_days, access_log_days), not a fixed year.",
            ScannerSkip::LogBucketAccessLogging => "This bucket holds CloudFront's access logs; logging the log bucket itself would only log the logging.",
            ScannerSkip::LogBucketVersioning => "Access logs are written once and expire; versioning a log bucket keeps deleted logs for nothing.",
            ScannerSkip::DefaultRootObject => "The origin is an application that answers / itself; a default root object is for static sites.",
            ScannerSkip::OriginFailover => "The design has one origin in one region; there is no second origin to fail over to.",
        }
    }
}

/// A resource, built key by key in the order templates are easiest to read in.
pub struct Resource<'a>(Obj<'a>);

impl<'a> Resource<'a> {
    pub fn new(kind: &'a str) -> Resource<'a> {
        Resource(Obj::new().with("Type", s(kind)))
    }

    pub fn condition(self, condition: Option<&'a str>) -> Resource<'a> {
        Resource(self.0.with_some("Condition", condition.map(s)))
    }

    pub fn depends_on(self, resource: &'a str) -> Resource<'a> {
        Resource(self.0.with("DependsOn", s(resource)))
    }

    /// `DeletionPolicy` and `UpdateReplacePolicy`, stated for a resource that holds data.
    pub fn deleted_with_stack(self) -> Resource<'a> {
        Resource(
            self.0
                .with("DeletionPolicy", s("Delete"))
                .with("UpdateReplacePolicy", s("Delete")),
        )
    }

    pub fn scanner_skips(self, skips: &[ScannerSkip]) -> Resource<'a> {
        if skips.is_empty() {
            return self;
        }
        let skips = skips
            .iter()
            .map(|skip| map([("id", s(skip.id())), ("comment", s(skip.reason()))]));
        Resource(
            self.0
                .with("Metadata", map([("checkov", map([("skip", list(skips))]))])),
        )
    }

    pub fn properties(self, properties: Node<'a>) -> Node<'a> {
        self.0.with("Properties", properties).build()
    }
}

/// A resource made only when `condition` holds: its `Condition` right after its `Type`.
pub fn conditional<'a>(resource: Node<'a>, condition: &'a str) -> Node<'a> {
    match resource {
        Node::Map(mut entries) => {
            entries.insert(1, (Cow::Borrowed("Condition"), s(condition)));
            Node::Map(entries)
        }
        other => other,
    }
}

pub fn resource<'a>(kind: &'a str, properties: Node<'a>) -> Node<'a> {
    Resource::new(kind).properties(properties)
}

/// An output, exported as `<stack name>-<suffix>` when `export` is given.
pub fn output<'a>(
    description: impl Into<Cow<'a, str>>,
    value: Node<'a>,
    export: Option<Export>,
) -> Obj<'a> {
    Obj::new()
        .with("Description", s(description))
        .with("Value", value)
        .with_some(
            "Export",
            export.map(|export| map([("Name", sub(export.name_template()))])),
        )
}

/// The value another stack exported, found through the importer's stack parameter.
pub fn import<'a>(export: Export) -> Node<'a> {
    import_sub(export.import_template())
}

pub fn name_tag<'a>(template: impl Into<Cow<'a, str>>) -> Node<'a> {
    tags([("Name", sub(template))])
}

fn policy_document<'a>(statements: Vec<Node<'a>>) -> Node<'a> {
    map([
        ("Version", s("2012-10-17")),
        ("Statement", Node::List(statements)),
    ])
}

/// One `Allow` statement of an inline policy.
pub struct Grant<'a> {
    pub actions: &'a [&'a str],
    pub resource: Node<'a>,
}

/// The statements of an application's inline policy, as grants: each ARN as the user
/// gave it (through [`literal`]), each built one as the `!Sub` that builds it.
pub fn grants_of(statements: Vec<Statement>) -> Vec<Grant<'static>> {
    statements
        .into_iter()
        .map(|statement| {
            let mut resources: Vec<Node<'static>> = statement
                .resources
                .into_iter()
                .map(|resource| match resource {
                    PolicyResource::Arn(arn) => literal(arn),
                    PolicyResource::Sub(template) => sub(template),
                })
                .collect();
            Grant {
                actions: statement.actions,
                resource: match resources.len() {
                    1 => resources.remove(0),
                    _ => Node::List(resources),
                },
            }
        })
        .collect()
}

/// Who may assume a role: the service principal alone, or only on behalf of this account
/// and of its own resources of one kind (the confused-deputy guard), where AWS documents
/// the condition for that principal.
#[derive(Clone, Copy)]
pub enum Trust {
    /// No condition: AWS documents none for this principal's role.
    Service,
    /// `aws:SourceAccount` is this account and `aws:SourceArn` is like this `!Sub` template.
    OnBehalfOf(&'static str),
}

/// ECS tasks of this account and region: the task role's documented condition.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
pub const ECS_TASKS_OF_THIS_ACCOUNT: Trust =
    Trust::OnBehalfOf("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:*");

/// Flow logs of this account and region: the delivery role's documented condition.
/// https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
pub const FLOW_LOGS_OF_THIS_ACCOUNT: Trust =
    Trust::OnBehalfOf("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:vpc-flow-log/*");

/// An unnamed IAM role that `principal` may assume, as `trust` allows, with managed
/// policies and an inline policy.
pub fn role<'a>(
    principal: &'a str,
    trust: Trust,
    managed_policies: Vec<Node<'a>>,
    inline: Option<(&'a str, Vec<Grant<'a>>)>,
) -> Node<'a> {
    let inline = inline.filter(|(_, grants)| !grants.is_empty());
    let condition = match trust {
        Trust::Service => None,
        Trust::OnBehalfOf(source_arn) => Some(map([
            (
                "StringEquals",
                map([("aws:SourceAccount", ref_("AWS::AccountId"))]),
            ),
            ("ArnLike", map([("aws:SourceArn", sub(source_arn))])),
        ])),
    };
    let assume = Obj::new()
        .with("Effect", s("Allow"))
        .with("Principal", map([("Service", s(principal))]))
        .with("Action", s("sts:AssumeRole"))
        .with_some("Condition", condition)
        .build();
    resource(
        "AWS::IAM::Role",
        Obj::new()
            .with("AssumeRolePolicyDocument", policy_document(vec![assume]))
            .with_if(!managed_policies.is_empty(), "ManagedPolicyArns", || {
                Node::List(managed_policies)
            })
            .with_some(
                "Policies",
                inline.map(|(name, grants)| {
                    let statements = grants
                        .into_iter()
                        .map(|grant| {
                            Obj::new()
                                .with("Effect", s("Allow"))
                                .with("Action", list(grant.actions.iter().map(|a| s(*a))))
                                .with("Resource", grant.resource)
                                .build()
                        })
                        .collect();
                    list([map([
                        ("PolicyName", s(name)),
                        ("PolicyDocument", policy_document(statements)),
                    ])])
                }),
            )
            .build(),
    )
}
