//! Names derived from the user's stack names, shared by validation and rendering so the
//! limits checked are the names deployed.

use crate::engine::exports::{Export, Producer};

/// CloudFormation stack names: a letter, then letters, digits and hyphens, at most 128.
pub const STACK_NAME_MAX: usize = 128;

/// Every valid stack name up to this length renders names that fit all AWS limits.
pub const GUARANTEED_NAME_LEN: usize = 40;

pub fn is_valid_stack_name(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
        && name.len() <= STACK_NAME_MAX
}

/// A name AWS derives from a stack name, with the limit it must respect.
pub struct DerivedName {
    pub what: &'static str,
    pub name: String,
    pub max: usize,
}

// The `!Sub` templates the service stacks give AWS; validation fills them in to check
// the limits, so the names checked are the names deployed.
pub const ECS_SERVICE_NAME: &str = "${ServiceName}-service";
pub const LOG_GROUP_NAME: &str = "/aws/ecs/default/${ServiceName}-service";
/// CloudFront names are global: the region keeps the same design deployable in two regions.
pub const VPC_ORIGIN_NAME: &str = "${ServiceName}-${AWS::Region}-origin";
pub const CACHE_POLICY_NAME: &str = "${ServiceName}-${AWS::Region}-short-ttl";
/// The global stack's web ACL.
pub const WEB_ACL_NAME: &str = "${AWS::StackName}-web-acl";
/// AWS WAF logs only to log groups whose names start with `aws-waf-logs-`:
/// https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html
pub const WAF_LOG_GROUP_NAME: &str = "aws-waf-logs-${AWS::StackName}";
pub const DISTRIBUTION_COMMENT: &str = "${ServiceName} through a CloudFront VPC origin";

/// Region codes are at most this long (`ap-southeast-7`).
const LONGEST_REGION: &str = "ap-northeast-1";

/// A `!Sub` template above as AWS fills it in for `service` in `region`.
pub fn deployed(template: &str, service: &str, region: &str) -> String {
    template
        .replace("${ServiceName}", service)
        .replace("${AWS::Region}", region)
}

/// The same in the region with the longest code: what the limits are checked against.
pub fn fill(template: &str, service: &str) -> String {
    deployed(template, service, LONGEST_REGION)
}

/// The longest export name a stack called `stack` declares, with `-` and a suffix of
/// the given length (CloudFormation export names are at most 255 characters).
fn export_name(stack: &str, producer: Producer) -> DerivedName {
    DerivedName {
        what: "export name",
        name: format!("{stack}-{}", "x".repeat(Export::longest_suffix(producer))),
        max: 255,
    }
}

pub fn network_derived_names(network: &str) -> Vec<DerivedName> {
    vec![
        export_name(network, Producer::Network),
        DerivedName {
            what: "global stack name",
            name: global_stack_name(network, LONGEST_REGION),
            max: STACK_NAME_MAX,
        },
        DerivedName {
            what: "web ACL name",
            name: WEB_ACL_NAME.replace(
                "${AWS::StackName}",
                &global_stack_name(network, LONGEST_REGION),
            ),
            max: 128,
        },
        DerivedName {
            what: "web ACL log group name",
            name: WAF_LOG_GROUP_NAME.replace(
                "${AWS::StackName}",
                &global_stack_name(network, LONGEST_REGION),
            ),
            max: 512,
        },
    ]
}

/// The stack deployed in us-east-1 for CloudFront's web ACL and certificate, named after
/// the network stack and its region, so the same design deployed in two regions has two.
pub fn global_stack_name(network: &str, region: &str) -> String {
    format!("{network}-{region}-global")
}

pub fn service_derived_names(service: &str, initial: bool) -> Vec<DerivedName> {
    let mut names = vec![
        DerivedName {
            what: "ECS service name",
            name: fill(ECS_SERVICE_NAME, service),
            max: 255,
        },
        DerivedName {
            what: "log group name",
            name: fill(LOG_GROUP_NAME, service),
            max: 512,
        },
        DerivedName {
            what: "CloudFront distribution comment",
            name: fill(DISTRIBUTION_COMMENT, service),
            max: 128,
        },
        export_name(
            service,
            if initial {
                Producer::InitialService
            } else {
                Producer::EveryService
            },
        ),
    ];
    if initial {
        names.push(DerivedName {
            what: "CloudFront VPC origin name",
            name: fill(VPC_ORIGIN_NAME, service),
            max: 64,
        });
        names.push(DerivedName {
            what: "CloudFront cache policy name",
            name: fill(CACHE_POLICY_NAME, service),
            max: 128,
        });
    }
    names
}

/// The longest service name whose derived names all fit.
pub fn max_service_name_len(initial: bool) -> usize {
    service_derived_names("", initial)
        .iter()
        .map(|d| d.max - d.name.len())
        .min()
        .unwrap_or(STACK_NAME_MAX)
        .min(STACK_NAME_MAX)
}

pub fn max_network_name_len() -> usize {
    network_derived_names("")
        .iter()
        .map(|d| d.max - d.name.len())
        .min()
        .unwrap_or(STACK_NAME_MAX)
        .min(STACK_NAME_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_forty_character_name_fits_every_limit() {
        assert!(max_service_name_len(true) >= GUARANTEED_NAME_LEN);
        assert!(max_service_name_len(false) >= GUARANTEED_NAME_LEN);
        assert!(max_network_name_len() >= GUARANTEED_NAME_LEN);
        let name = "a".repeat(GUARANTEED_NAME_LEN);
        for derived in service_derived_names(&name, true) {
            assert!(derived.name.len() <= derived.max, "{}", derived.what);
        }
    }

    #[test]
    fn stack_name_rules() {
        assert!(is_valid_stack_name("ecs-express-vpc"));
        assert!(is_valid_stack_name("A1"));
        assert!(!is_valid_stack_name("1abc"));
        assert!(!is_valid_stack_name("my_stack"));
        assert!(!is_valid_stack_name(""));
        assert!(!is_valid_stack_name(&"a".repeat(129)));
        assert!(!is_valid_stack_name("naïve"));
    }
}
