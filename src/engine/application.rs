//! What a service's application is given — variables, secrets, data permissions, managed
//! policies — read into what AWS takes: the secret or parameter each variable comes from,
//! the bucket or table each permission names, the IAM actions each access level grants.
//! Validation, the review, the templates, the kit, the diagram and the cost read these,
//! so each rule and each action list is written once.

use crate::engine::config::{Access, Application, GatewayEndpoint, Permission};
use crate::engine::message::Message;

/// Where a secret variable's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretSource<'a> {
    /// A Secrets Manager secret: `secret_arn` is its ARN without ECS's
    /// `:json-key:version-stage:version-id` suffix, what IAM grants and the preflight finds.
    SecretsManager { secret_arn: &'a str },
    /// A Parameter Store parameter by its ARN.
    ParameterArn(&'a str),
    /// A parameter of the deploying account in the stack's region, by name (`/app/db-url`):
    /// the template builds its ARN.
    ParameterName(&'a str),
}

impl SecretSource<'_> {
    /// The parameter's name as the `ssm` commands take it, for a parameter.
    pub fn parameter_name(&self) -> Option<String> {
        match self {
            SecretSource::SecretsManager { .. } => None,
            // `parameter/app/db-url` is `/app/db-url`; `parameter/db-url` is `db-url` (a
            // name of one level needs no slash).
            SecretSource::ParameterArn(arn) => arn.split_once(":parameter/").map(|(_, name)| {
                if name.contains('/') {
                    format!("/{name}")
                } else {
                    name.to_string()
                }
            }),
            SecretSource::ParameterName(name) => Some(name.to_string()),
        }
    }

    /// The parameter ARN as a `!Sub` template for a parameter given by name.
    pub fn parameter_arn_template(name: &str) -> String {
        let slash = if name.starts_with('/') { "" } else { "/" };
        format!("arn:${{AWS::Partition}}:ssm:${{AWS::Region}}:${{AWS::AccountId}}:parameter{slash}{name}")
    }
}

/// An ARN split at its first five colons: `arn:partition:service:region:account:resource`.
struct Arn<'a> {
    partition: &'a str,
    service: &'a str,
    region: &'a str,
    account: &'a str,
    resource: &'a str,
}

fn split_arn(text: &str) -> Option<Arn<'_>> {
    let mut parts = text.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    Some(Arn {
        partition: parts.next()?,
        service: parts.next()?,
        region: parts.next()?,
        account: parts.next()?,
        resource: parts.next()?,
    })
}

fn is_account(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// A region code's shape (`ap-northeast-1`, `us-gov-west-1`): resources of other regions
/// may be named, so this is no list of the regions Stackdraft deploys to.
fn is_region_code(text: &str) -> bool {
    let mut parts = text.split('-').peekable();
    let mut count = 0;
    let mut last_is_number = false;
    while let Some(part) = parts.next() {
        count += 1;
        let last = parts.peek().is_none();
        last_is_number = last && !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !last && (part.is_empty() || !part.bytes().all(|b| b.is_ascii_lowercase())) {
            return false;
        }
    }
    count >= 3 && last_is_number
}

/// The region and account of an ARN in the `aws` partition, checked.
fn region_and_account(arn: &Arn) -> Result<(), Message> {
    if !is_region_code(arn.region) {
        return Err(Message::arn_region_invalid(arn.region));
    }
    if !is_account(arn.account) {
        return Err(Message::arn_account(arn.account));
    }
    Ok(())
}

/// Secrets Manager secret names: ASCII letters, digits and `/_+=.@-`, at most 512.
/// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
fn is_secret_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 512
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+=.@-".contains(&b))
}

/// Parameter Store names: letters, digits and `_.-`, with `/` between the levels of a
/// hierarchy, at most 1011 characters.
/// https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-su-create.html
pub const MAX_PARAMETER_NAME: usize = 1011;

fn check_parameter_name(name: &str) -> Result<(), Message> {
    let ok = !name.is_empty()
        && name.len() <= MAX_PARAMETER_NAME
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b))
        && !name.ends_with('/')
        && !name.contains("//");
    if ok {
        Ok(())
    } else {
        Err(Message::parameter_name_invalid(name))
    }
}

/// What a secret variable's `value_from` names, or why it names nothing ECS can read.
///
/// A Secrets Manager ARN ends in the secret's name, a hyphen and six characters Secrets
/// Manager adds (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources);
/// IAM matches that whole ARN, so a partial one is refused. ECS takes the ARN alone or
/// with `:json-key:version-stage:version-id`, each of the three possibly empty
/// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html).
pub fn secret_source(value_from: &str) -> Result<SecretSource<'_>, Message> {
    let Some(arn) = split_arn(value_from) else {
        if value_from.starts_with("arn:") {
            return Err(Message::secret_source_invalid());
        }
        check_parameter_name(value_from)?;
        return Ok(SecretSource::ParameterName(value_from));
    };
    if arn.partition != "aws" {
        return Err(Message::secret_source_invalid());
    }
    match arn.service {
        "secretsmanager" => {
            region_and_account(&arn)?;
            let Some(rest) = arn.resource.strip_prefix("secret:") else {
                return Err(Message::secret_source_invalid());
            };
            let mut fields = rest.split(':');
            let name = fields.next().unwrap_or_default();
            let extra = fields.count();
            if extra != 0 && extra != 3 {
                return Err(Message::secret_arn_suffix(extra));
            }
            if !is_secret_name(name) {
                return Err(Message::secret_source_invalid());
            }
            let suffixed = name.rsplit_once('-').is_some_and(|(base, suffix)| {
                !base.is_empty()
                    && suffix.len() == 6
                    && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
            });
            if !suffixed {
                return Err(Message::secret_arn_no_suffix(name));
            }
            let secret_arn = &value_from[..value_from.len() - rest.len() + name.len()];
            Ok(SecretSource::SecretsManager { secret_arn })
        }
        "ssm" => {
            region_and_account(&arn)?;
            let Some(name) = arn.resource.strip_prefix("parameter/") else {
                return Err(Message::secret_source_invalid());
            };
            check_parameter_name(name)?;
            Ok(SecretSource::ParameterArn(value_from))
        }
        _ => Err(Message::secret_source_invalid()),
    }
}

/// A bucket or a table a service may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataResource<'a> {
    Bucket { name: &'a str },
    Table { region: &'a str, name: &'a str },
}

impl DataResource<'_> {
    /// The gateway endpoint that keeps its traffic off the NAT gateway.
    pub fn endpoint(&self) -> GatewayEndpoint {
        match self {
            DataResource::Bucket { .. } => GatewayEndpoint::S3,
            DataResource::Table { .. } => GatewayEndpoint::Dynamodb,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            DataResource::Bucket { name } | DataResource::Table { name, .. } => name,
        }
    }
}

/// S3's rules for general purpose bucket names.
/// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
fn is_bucket_name(name: &str) -> bool {
    let edge_ok = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ip_like = name.split('.').count() == 4
        && name
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    (3..=63).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && edge_ok(name.bytes().next())
        && edge_ok(name.bytes().last())
        && !name.contains("..")
        && !ip_like
        && !["xn--", "sthree-", "amzn-s3-demo-"]
            .iter()
            .any(|p| name.starts_with(p))
        && !["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// DynamoDB table names: 3 to 255 letters, digits and `_-.`.
/// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
fn is_table_name(name: &str) -> bool {
    (3..=255).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b))
}

/// The bucket or table a permission's `resource` names, or why it names neither.
pub fn data_resource(resource: &str) -> Result<DataResource<'_>, Message> {
    let Some(arn) = split_arn(resource).filter(|arn| arn.partition == "aws") else {
        return Err(Message::permission_resource_invalid());
    };
    match arn.service {
        "s3" if arn.region.is_empty() && arn.account.is_empty() => {
            let name = arn.resource;
            if let Some((bucket, _)) = name.split_once('/') {
                return Err(Message::bucket_arn_objects(bucket));
            }
            if !is_bucket_name(name) {
                return Err(Message::bucket_name_invalid(name));
            }
            Ok(DataResource::Bucket { name })
        }
        "dynamodb" => {
            region_and_account(&arn)?;
            let Some(rest) = arn.resource.strip_prefix("table/") else {
                return Err(Message::permission_resource_invalid());
            };
            if let Some((table, _)) = rest.split_once('/') {
                return Err(Message::table_arn_part(table));
            }
            if !is_table_name(rest) {
                return Err(Message::table_name_invalid(rest));
            }
            Ok(DataResource::Table {
                region: arn.region,
                name: rest,
            })
        }
        _ => Err(Message::permission_resource_invalid()),
    }
}

/// What each access level grants, from the IAM example policies for one bucket
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_s3_rw-bucket.html)
/// and one table with its indexes
/// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_dynamodb_specific-table.html);
/// action names from the Service Authorization Reference
/// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html,
/// https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazondynamodb.html).
pub struct Grants {
    /// On the bucket or the table (and its indexes).
    pub on_resource: &'static [&'static str],
    /// On the bucket's objects; none for a table.
    pub on_objects: &'static [&'static str],
}

pub fn grants(resource: &DataResource, access: Access) -> Grants {
    match (resource, access) {
        (DataResource::Bucket { .. }, Access::Read) => Grants {
            on_resource: &["s3:ListBucket"],
            on_objects: &["s3:GetObject"],
        },
        (DataResource::Bucket { .. }, Access::ReadWrite) => Grants {
            on_resource: &["s3:ListBucket"],
            on_objects: &["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        },
        (DataResource::Table { .. }, Access::Read) => Grants {
            on_resource: &[
                "dynamodb:GetItem",
                "dynamodb:BatchGetItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable",
            ],
            on_objects: &[],
        },
        (DataResource::Table { .. }, Access::ReadWrite) => Grants {
            on_resource: &[
                "dynamodb:GetItem",
                "dynamodb:BatchGetItem",
                "dynamodb:Query",
                "dynamodb:Scan",
                "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem",
            ],
            on_objects: &[],
        },
    }
}

/// What the execution role may do with a service's secrets: read exactly them.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-ssm-paramstore.html
pub const SECRETS_MANAGER_READ: &str = "secretsmanager:GetSecretValue";
pub const PARAMETER_STORE_READ: &str = "ssm:GetParameters";
pub const KMS_DECRYPT: &str = "kms:Decrypt";

/// A resource of an inline policy's statement: an ARN as given, or a `!Sub` template the
/// stack resolves (a parameter of its own account and region).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyResource {
    Arn(String),
    Sub(String),
}

/// One `Allow` statement of a role's inline policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub actions: &'static [&'static str],
    pub resources: Vec<PolicyResource>,
}

/// Adds `resource` to the statement of `actions`, made on first use: statements stay in
/// the order their actions first appear, and a resource is listed once.
fn grant(
    statements: &mut Vec<Statement>,
    actions: &'static [&'static str],
    resource: PolicyResource,
) {
    match statements.iter_mut().find(|s| s.actions == actions) {
        Some(statement) if statement.resources.contains(&resource) => {}
        Some(statement) => statement.resources.push(resource),
        None => statements.push(Statement {
            actions,
            resources: vec![resource],
        }),
    }
}

/// The task role's inline policy: each bucket and table with the actions of its access.
/// Permissions that do not parse are left out (validation reports them).
pub fn task_policy(permissions: &[Permission]) -> Vec<Statement> {
    let mut statements = Vec::new();
    for permission in permissions {
        let Ok(resource) = data_resource(&permission.resource) else {
            continue;
        };
        let grants = grants(&resource, permission.access);
        let arn = PolicyResource::Arn(permission.resource.clone());
        grant(&mut statements, grants.on_resource, arn);
        match resource {
            DataResource::Bucket { .. } => grant(
                &mut statements,
                grants.on_objects,
                PolicyResource::Arn(format!("{}/*", permission.resource)),
            ),
            DataResource::Table { .. } => grant(
                &mut statements,
                grants.on_resource,
                PolicyResource::Arn(format!("{}/index/*", permission.resource)),
            ),
        }
    }
    statements
}

/// The execution role's inline policy: read exactly the service's secrets and parameters,
/// and decrypt with its customer managed key when it names one.
pub fn execution_policy(app: &Application) -> Vec<Statement> {
    let mut statements = Vec::new();
    for secret in &app.secrets {
        match secret_source(&secret.value_from) {
            Ok(SecretSource::SecretsManager { secret_arn }) => grant(
                &mut statements,
                &[SECRETS_MANAGER_READ],
                PolicyResource::Arn(secret_arn.to_string()),
            ),
            Ok(SecretSource::ParameterArn(arn)) => grant(
                &mut statements,
                &[PARAMETER_STORE_READ],
                PolicyResource::Arn(arn.to_string()),
            ),
            Ok(SecretSource::ParameterName(name)) => grant(
                &mut statements,
                &[PARAMETER_STORE_READ],
                PolicyResource::Sub(SecretSource::parameter_arn_template(name)),
            ),
            Err(_) => {}
        }
    }
    if let (Some(key), false) = (&app.secrets_kms_key_arn, statements.is_empty()) {
        grant(
            &mut statements,
            &[KMS_DECRYPT],
            PolicyResource::Arn(key.clone()),
        );
    }
    statements
}

/// The most characters (whitespace aside) of the inline policies of one role.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
pub const MAX_ROLE_POLICY_CHARACTERS: usize = 10_240;
/// Managed policies a role takes by default, and at most with a raised quota (same page).
pub const DEFAULT_MANAGED_POLICIES_PER_ROLE: usize = 10;
pub const MAX_MANAGED_POLICIES_PER_ROLE: usize = 20;

/// The characters IAM counts of a policy with these statements once CloudFormation has
/// resolved it in `region` (an account id is 12 digits, the partition `aws`).
pub fn policy_characters(statements: &[Statement], region: &str) -> usize {
    let resolve = |resource: &PolicyResource| match resource {
        PolicyResource::Arn(arn) => arn.clone(),
        PolicyResource::Sub(template) => template
            .replace("${AWS::Partition}", "aws")
            .replace("${AWS::Region}", region)
            .replace("${AWS::AccountId}", "123456789012"),
    };
    let quoted = |text: &str| serde_json::Value::String(text.to_string()).to_string();
    let list = |items: Vec<String>| format!("[{}]", items.join(","));
    let statements: Vec<String> = statements
        .iter()
        .map(|s| {
            format!(
                r#"{{"Effect":"Allow","Action":{},"Resource":{}}}"#,
                list(s.actions.iter().map(|a| quoted(a)).collect()),
                list(s.resources.iter().map(|r| quoted(&resolve(r))).collect())
            )
        })
        .collect();
    let document = format!(
        r#"{{"Version":"2012-10-17","Statement":{}}}"#,
        list(statements)
    );
    document.chars().filter(|c| !c.is_whitespace()).count()
}

/// An IAM managed policy ARN: AWS's (`arn:aws:iam::aws:policy/…`) or an account's.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
pub fn check_policy_arn(arn: &str) -> Result<(), Message> {
    let Some(parts) = split_arn(arn) else {
        return Err(Message::policy_arn_invalid());
    };
    let owner_ok = parts.account == "aws" || is_account(parts.account);
    let path = parts.resource.strip_prefix("policy/").unwrap_or_default();
    let path_ok = !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
        });
    if parts.partition == "aws"
        && parts.service == "iam"
        && parts.region.is_empty()
        && owner_ok
        && path_ok
    {
        Ok(())
    } else {
        Err(Message::policy_arn_invalid())
    }
}

/// The policy's name: the last part of its path.
pub fn policy_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

/// AWS managed policies that grant far more than one service's data: administrator,
/// power user, or full access to a whole AWS service.
pub fn is_broad_policy(arn: &str) -> bool {
    let name = policy_name(arn);
    name == "AdministratorAccess" || name == "PowerUserAccess" || name.ends_with("FullAccess")
}

/// A KMS key ARN (`arn:aws:kms:<region>:<account>:key/<id>`): the key IAM grants decrypt on.
pub fn check_kms_key_arn(arn: &str) -> Result<(), Message> {
    let key = split_arn(arn)
        .filter(|a| a.partition == "aws" && a.service == "kms")
        .ok_or_else(Message::kms_key_arn_invalid)?;
    region_and_account(&key)?;
    let id = key.resource.strip_prefix("key/").unwrap_or_default();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(Message::kms_key_arn_invalid());
    }
    Ok(())
}

/// An environment variable's name as ECS and shells take it.
pub fn is_variable_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Variables Amazon ECS sets in every container of a Fargate task: overriding them breaks
/// the task role's credentials, the metadata endpoints or the agent's endpoints.
/// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-environment-variables.html
pub const SET_BY_ECS: [&str; 5] = [
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "ECS_CONTAINER_METADATA_URI",
    "ECS_CONTAINER_METADATA_URI_V4",
    "ECS_AGENT_URI",
    "AWS_EXECUTION_ENV",
];

/// The region variables ECS sets to the task's region (same page).
pub const REGION_SET_BY_ECS: [&str; 2] = ["AWS_REGION", "AWS_DEFAULT_REGION"];

/// Variables the AWS SDKs read for credentials before the container's own (the task role):
/// https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
pub const SDK_CREDENTIALS: [&str; 9] = [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/// Parts of a name that say its value is a secret.
const SECRET_WORDS: [&str; 9] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "ACCESS_KEY",
    "CREDENTIAL",
];

/// Whether a plain variable's name says it holds a secret (`DB_PASSWORD`, `GITHUB_TOKEN`).
pub fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    SECRET_WORDS.iter().any(|word| upper.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_manager_arns_keep_their_suffix_and_lose_ecs_fields() {
        // Shapes from the ECS page: the ARN alone, and with json-key and empty stage/id.
        let arn = "arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:prod/db-AbC123";
        assert_eq!(
            secret_source(arn),
            Ok(SecretSource::SecretsManager { secret_arn: arn })
        );
        let with_key = format!("{arn}:password::");
        assert_eq!(
            secret_source(&with_key),
            Ok(SecretSource::SecretsManager { secret_arn: arn })
        );
        assert_eq!(
            secret_source(&format!("{arn}:password")),
            Err(Message::secret_arn_suffix(1))
        );
        assert_eq!(
            secret_source("arn:aws:secretsmanager:ap-northeast-1:210987654321:secret:prod/db"),
            Err(Message::secret_arn_no_suffix("prod/db"))
        );
        assert_eq!(
            secret_source("arn:aws:secretsmanager:ap-northeast-1:2109:secret:db-AbC123"),
            Err(Message::arn_account("2109"))
        );
        assert_eq!(
            secret_source("arn:aws:secretsmanager:tokyo:210987654321:secret:db-AbC123"),
            Err(Message::arn_region_invalid("tokyo"))
        );
    }

    #[test]
    fn parameters_by_arn_or_name() {
        let arn = "arn:aws:ssm:eu-west-1:210987654321:parameter/app/db-url";
        assert_eq!(secret_source(arn), Ok(SecretSource::ParameterArn(arn)));
        assert_eq!(
            secret_source(arn).unwrap().parameter_name().as_deref(),
            Some("/app/db-url")
        );
        assert_eq!(
            secret_source("/app/db-url"),
            Ok(SecretSource::ParameterName("/app/db-url"))
        );
        assert_eq!(
            secret_source("plain"),
            Ok(SecretSource::ParameterName("plain"))
        );
        assert_eq!(
            SecretSource::parameter_arn_template("/app/db-url"),
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/db-url"
        );
        assert_eq!(
            SecretSource::parameter_arn_template("plain"),
            "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/plain"
        );
        for bad in ["/app/", "a b", "/a//b", "${AWS::Region}"] {
            assert_eq!(
                secret_source(bad),
                Err(Message::parameter_name_invalid(bad)),
                "{bad}"
            );
        }
        assert_eq!(
            secret_source("arn:aws:s3:::bucket"),
            Err(Message::secret_source_invalid())
        );
    }

    #[test]
    fn buckets_follow_s3s_naming_rules() {
        for good in ["my-bucket", "a.b.c", "abc", &"a".repeat(63)] {
            assert!(is_bucket_name(good), "{good}");
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "My-Bucket",
            "-bucket",
            "bucket-",
            "a..b",
            "192.168.5.4",
            "xn--bucket",
            "sthree-bucket",
            "amzn-s3-demo-bucket",
            "bucket-s3alias",
            "bucket--ol-s3",
            "bucket.mrap",
            "bucket--x-s3",
            "bucket--table-s3",
            "under_score",
        ] {
            assert!(!is_bucket_name(bad), "{bad}");
        }
    }

    #[test]
    fn data_resources_are_a_bucket_or_a_table() {
        assert_eq!(
            data_resource("arn:aws:s3:::my-bucket"),
            Ok(DataResource::Bucket { name: "my-bucket" })
        );
        assert_eq!(
            data_resource("arn:aws:s3:::my-bucket/*"),
            Err(Message::bucket_arn_objects("my-bucket"))
        );
        assert_eq!(
            data_resource("arn:aws:dynamodb:us-east-1:210987654321:table/Orders"),
            Ok(DataResource::Table {
                region: "us-east-1",
                name: "Orders"
            })
        );
        assert_eq!(
            data_resource("arn:aws:dynamodb:us-east-1:210987654321:table/Orders/index/ByDate"),
            Err(Message::table_arn_part("Orders"))
        );
        assert_eq!(
            data_resource("arn:aws:dynamodb:us-east-1:210987654321:table/ab"),
            Err(Message::table_name_invalid("ab"))
        );
        assert_eq!(
            data_resource("arn:aws:sqs:us-east-1:210987654321:queue"),
            Err(Message::permission_resource_invalid())
        );
        assert_eq!(
            data_resource("arn:aws-cn:s3:::my-bucket"),
            Err(Message::permission_resource_invalid())
        );
    }

    #[test]
    fn policy_arns_are_aws_or_an_accounts() {
        for good in [
            "arn:aws:iam::aws:policy/AmazonSQSFullAccess",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaRole",
            "arn:aws:iam::210987654321:policy/team/app-extra",
        ] {
            assert_eq!(check_policy_arn(good), Ok(()), "{good}");
        }
        for bad in [
            "arn:aws:iam::aws:role/Admin",
            "arn:aws:iam:us-east-1:aws:policy/X",
            "arn:aws:iam::12345:policy/X",
            "arn:aws:iam::aws:policy/",
            "AdministratorAccess",
        ] {
            assert_eq!(
                check_policy_arn(bad),
                Err(Message::policy_arn_invalid()),
                "{bad}"
            );
        }
        assert!(is_broad_policy(
            "arn:aws:iam::aws:policy/AdministratorAccess"
        ));
        assert!(is_broad_policy(
            "arn:aws:iam::aws:policy/AmazonS3FullAccess"
        ));
        assert!(!is_broad_policy(
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ));
    }

    #[test]
    fn variable_names() {
        for good in ["NODE_ENV", "_x", "a1"] {
            assert!(is_variable_name(good), "{good}");
        }
        for bad in ["", "1A", "A-B", "A B", "É"] {
            assert!(!is_variable_name(bad), "{bad}");
        }
        assert!(looks_secret("db_password"));
        assert!(looks_secret("GITHUB_TOKEN"));
        assert!(!looks_secret("NODE_ENV"));
    }

    #[test]
    fn region_codes() {
        for good in ["ap-northeast-1", "us-gov-west-1", "eu-central-2"] {
            assert!(is_region_code(good), "{good}");
        }
        for bad in ["", "tokyo", "ap-northeast", "AP-NORTHEAST-1", "ap--1"] {
            assert!(!is_region_code(bad), "{bad}");
        }
    }
}
