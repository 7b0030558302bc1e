//! `DEPLOY.md`: what the user must still provide, what the kit checks for them, each step
//! of `deploy.sh` and its console equivalent, and the AWS documents behind every
//! behaviour the kit relies on.

use super::{
    capabilities, deploy_flags, ecr_parts, hosted_zone, images, parameter_overrides,
    peak_cpu_units, removed_stacks, template_file, Image, Update, BASELINE_FILE_NAME,
    FARGATE_QUOTA_SERVICE, FARGATE_VCPU_QUOTA_CODE, UPDATE_FILE_NAME,
};
use crate::engine::application::{data_resource, secret_source, DataResource, SecretSource};
use crate::engine::config::{Config, ImageSource, Nat, Waf};
use crate::engine::render::{
    design_logs_access, global_outputs, stack_ids, stack_name, stack_region, StackId,
    GLOBAL_REGION, LEGACY_SHARED_ROLES_PARAMETER,
};
use crate::engine::review::{review, WarningKind, DEFAULT_FARGATE_VCPU_QUOTA};

const GET_AZS: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html";
const ZONE_IDS: &str =
    "https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-availability-zones.html";
const EXPRESS_RESOURCES: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-work.html";
const EXPRESS_SHARED_ALB: &str = "https://aws.amazon.com/jp/blogs/news/build-production-ready-applications-without-infrastructure-complexity-using-amazon-ecs-express-mode/";
const EXPRESS_OUTSIDE_CHANGES: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-advanced-customization.html";
const EXPRESS_SECURITY_GROUPS: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-best-practices.html";
const VPC_ORIGINS: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-vpc-origins.html";
const VPC_ORIGIN_ROLE: &str = "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCloudFrontVPCOriginServiceRolePolicy.html";
const ORIGIN_PREFIX_LIST: &str =
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html";
const FARGATE_QUOTAS: &str =
    "https://docs.aws.amazon.com/general/latest/gr/ecs-service.html#service-quotas-fargate";
const DEFAULT_QUOTA_COMMAND: &str =
    "https://docs.aws.amazon.com/cli/latest/reference/service-quotas/get-aws-default-service-quota.html";
const REGIONAL_NAT: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html";
const NAT_ZONE_ADDRESSES: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-natgateway.html";
const NAT_ZONE_ADDRESS_API: &str =
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZoneAddress.html";
const NAT_MANUAL_MODE_CDK: &str = "https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_ec2.RegionalNatGatewayProviderProps.html";
const SECURITY_HEADERS: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html";
const CERTIFICATE_REQUIREMENTS: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html";
const ACM_QUOTAS: &str = "https://docs.aws.amazon.com/acm/latest/userguide/acm-limits.html";
const WAF_LOGS: &str = "https://docs.aws.amazon.com/waf/latest/developerguide/logging-cw-logs.html";
const STANDARD_LOG_DELAY: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html";
const S3_TLS_ONLY: &str =
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html";
const TASK_ROLE_TRUST: &str =
    "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html";
const WAF_REGION: &str =
    "https://docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html";
const ACM_REGION: &str = "https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html";
const DNS_VALIDATION: &str = "https://docs.aws.amazon.com/acm/latest/userguide/dns-validation.html";
const CFN_CERTIFICATE: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-certificate.html";
const CFN_DNS_VALIDATION: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-certificatemanager-certificate-domainvalidationoption.html";
const STANDARD_LOGS: &str = "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html";
const FLOW_LOG_ROLE: &str =
    "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html";
const REQUESTER_MANAGED_ENI: &str =
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/requester-managed-eni.html";
const CLOUDSHELL_VPC: &str =
    "https://docs.aws.amazon.com/cloudshell/latest/userguide/creating-vpc-environment.html";
const CLOUDSHELL_VPC_PERMISSIONS: &str =
    "https://docs.aws.amazon.com/cloudshell/latest/userguide/aws-cloudshell-vpc-permissions-1.html";
const SECRETS_INJECTED: &str = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/secrets-envvar-secrets-manager.html";
const EXPORTS: &str =
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html";
const DELETION_POLICY: &str = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html";

fn code(text: &str) -> String {
    format!("`{text}`")
}

fn join_code(items: &[String]) -> String {
    items.iter().map(|i| code(i)).collect::<Vec<_>>().join(", ")
}

pub fn deploy_guide(config: &Config, update: Option<&Update>) -> String {
    let ids = stack_ids(config);
    let global = ids.contains(&StackId::Global);
    let mut md = String::new();
    md.push_str("# Deploying this design\n\n");
    md.push_str(&format!(
        "The design deploys in `{}`{}. `deploy.sh` does every step below; each step also says how to do it by hand.\n\n",
        config.region,
        if global {
            format!(", with one global stack in `{GLOBAL_REGION}`")
        } else {
            String::new()
        }
    ));
    stacks_table(config, &ids, &mut md);
    provide(config, &mut md);
    application(config, &mut md);
    checked(config, &mut md);
    steps(config, global, &mut md);
    updating(config, update, &mut md);
    migration(config, &mut md);
    shared_roles(config, &mut md);
    if global {
        console(config, &mut md);
    }
    logs(config, &mut md);
    troubleshooting(config, &mut md);
    behaviours(config, global, &mut md);
    md
}

fn stacks_table(config: &Config, ids: &[StackId], md: &mut String) {
    md.push_str("| order | stack | region | template | deployed with |\n|---|---|---|---|---|\n");
    for (position, &id) in ids.iter().enumerate() {
        let role = match id {
            StackId::Global => format!(" (global: {})", {
                let certificates = crate::engine::render::requested_certificates(config).len();
                let mut parts = Vec::new();
                if crate::engine::render::creates_web_acl(config) {
                    parts.push("web ACL".to_string());
                }
                match certificates {
                    0 => {}
                    1 => parts.push("certificate".to_string()),
                    n => parts.push(format!("{n} certificates")),
                }
                parts.join(", ")
            }),
            StackId::Network => " (network)".to_string(),
            StackId::Service(0) => " (initial service)".to_string(),
            StackId::Service(_) => " (service)".to_string(),
        };
        let mut with = Vec::new();
        if let Some(capability) = capabilities(config, id) {
            with.push(format!(
                "`{capability}` ({})",
                if id == StackId::Network {
                    "the flow-log role"
                } else {
                    "its unnamed IAM roles"
                }
            ));
        }
        let overrides = parameter_overrides(config, id);
        if !overrides.is_empty() {
            let names: Vec<String> = overrides
                .iter()
                .map(|o| o.parameter().to_string())
                .collect();
            with.push(format!(
                "{} from the global stack's outputs",
                join_code(&names)
            ));
        }
        if id == StackId::Global {
            let outputs: Vec<String> = global_outputs(config)
                .iter()
                .map(|o| o.key().to_string())
                .collect();
            with.push(format!("outputs {}", join_code(&outputs)));
        }
        md.push_str(&format!(
            "| {} | `{}`{role} | `{}` | `{}` | {} |\n",
            position + 1,
            stack_name(config, id),
            stack_region(config, id),
            template_file(config, id),
            if with.is_empty() {
                "—".to_string()
            } else {
                with.join("; ")
            }
        ));
    }
    md.push('\n');
}

fn provide(config: &Config, md: &mut String) {
    md.push_str("## What you provide\n\n");
    md.push_str("- An AWS account, and a shell signed in to it with the AWS CLI v2, `bash` and `curl` (AWS CloudShell has them).\n  `dig` is optional: with it the preflight also checks the domain's delegation. Docker, for the test app only.\n");
    md.push_str("- **The images.** Each service runs its image; a missing one keeps its deployment from ever turning healthy:\n");
    for service in &config.services {
        md.push_str(&format!(
            "  - `{}`: {}\n",
            service.name,
            image_text(config, service)
        ));
    }
    md.push_str("  `test-app/push-image.sh` builds the field report's test app (it answers every service's port and health check\n  path) and pushes it to each image of the design in the ECR of the account you are signed in to (it finds the account\n  with `aws sts get-caller-identity` and creates the repositories).\n");
    if let Some(domain) = &config.domain {
        let aliases: Vec<String> = config
            .services
            .iter()
            .filter(|s| s.cloudfront.enabled)
            .filter_map(|s| s.alias(Some(domain)))
            .collect();
        if !aliases.is_empty() {
            match (&domain.hosted_zone_id, &domain.certificate_arn) {
                (Some(zone_id), certificate) => {
                    md.push_str(&format!(
                        "- **The domain.** `{zone_id}` must be a public Route 53 hosted zone of `{}` in this account, and the domain must be\n  delegated to its name servers. The service stacks create the A/AAAA alias records of {}",
                        domain.zone,
                        join_code(&aliases)
                    ));
                    match certificate {
                        Some(_) => md.push_str(" and use your certificate (`domain.certificate_arn`, in us-east-1, covering them).\n"),
                        None => md.push_str(
                            "; the global stack requests a certificate for each, validated by DNS in that zone.\n",
                        ),
                    }
                }
                (None, _) => md.push_str(&format!(
                    "- **The domain.** Your certificate (`domain.certificate_arn`, in us-east-1) must cover {}; after deploying, point\n  each at its distribution's domain name (`./deploy.sh outputs`, `CloudFrontDomainName`) with a DNS record.\n",
                    join_code(&aliases)
                )),
            }
        }
    }
    md.push_str(if global_outputs(config).is_empty() {
        "- Nothing else: every template parameter defaults to the design's value.\n\n"
    } else {
        "- Nothing else: every template parameter defaults to the design's value, except the ones `deploy.sh` passes from\n  the global stack's outputs.\n\n"
    });
}

/// What each service is given: its variables by name, its secrets by name and source, its
/// data and policies. Values appear nowhere but the templates.
fn application(config: &Config, md: &mut String) {
    if config.services.iter().all(|s| s.app.is_empty()) {
        return;
    }
    md.push_str(
        "## What each service is given
\n",
    );
    md.push_str("Each service has its own execution role (it pulls the image, writes the logs and reads exactly the secrets below)
and its own task role (exactly the data and policies below): no role of one service reaches another's secrets or data.
Variable values are in the templates only, not here.
\n");
    for service in &config.services {
        let app = &service.app;
        if app.is_empty() {
            continue;
        }
        md.push_str(&format!("- **`{}`**\n", service.name));
        if !app.environment.is_empty() {
            let names: Vec<String> = app.environment.iter().map(|v| v.name.clone()).collect();
            md.push_str(&format!("  - variables: {}\n", join_code(&names)));
        }
        for secret in &app.secrets {
            let source = match secret_source(&secret.value_from) {
                Ok(SecretSource::SecretsManager { secret_arn }) => {
                    format!("Secrets Manager secret `{secret_arn}`")
                }
                Ok(SecretSource::ParameterArn(arn)) => format!("Parameter Store parameter `{arn}`"),
                Ok(SecretSource::ParameterName(name)) => format!(
                    "Parameter Store parameter `{name}` in this account and `{}`",
                    config.region
                ),
                Err(_) => format!("`{}`", secret.value_from),
            };
            md.push_str(&format!("  - secret `{}`: {source}\n", secret.name));
        }
        if let Some(key) = &app.secrets_kms_key_arn {
            md.push_str(&format!("  - decrypts its secrets with KMS key `{key}`\n"));
        }
        if !app.command.is_empty() {
            md.push_str(&format!(
                "  - a command of {} argument(s), in place of the image's `CMD`\n",
                app.command.len()
            ));
        }
        for permission in &app.permissions {
            md.push_str(&format!(
                "  - {} `{}`\n",
                permission.access.code(),
                permission.resource
            ));
        }
        if !app.policy_arns.is_empty() {
            md.push_str(&format!(
                "  - managed policies: {}\n",
                join_code(&app.policy_arns)
            ));
        }
    }
    md.push_str(&format!(
        "
**Rotating a secret.** ECS fetches a secret's value when a task starts ({SECRETS_INJECTED}): after you change it,
start new tasks (`aws ecs update-service --cluster default --service SERVICE --force-new-deployment`, or the next
deployment) and the service reads the new value.
\n"
    ));
}

/// How the roles every service shared before each had its own go away.
fn shared_roles(config: &Config, md: &mut String) {
    let initial = stack_name(config, StackId::Service(0));
    md.push_str(
        "## Updating stacks of an earlier build
\n",
    );
    md.push_str(&format!(
        "Stackdraft's earlier builds gave every service the initial stack's task and execution roles, which the other
service stacks imported. Each service now has its own, and CloudFormation refuses to remove an export another stack
imports ({EXPORTS}). So the initial stack keeps those two roles and their exports while the parameter
`{LEGACY_SHARED_ROLES_PARAMETER}` is `true`. `./deploy.sh` looks for stacks that import
`{initial}-TaskRoleArn` or `{initial}-TaskExecutionRoleArn` (`aws cloudformation list-imports`): when
some do, it deploys the initial stack with `true`, then the other service stacks (now on their own roles), then the
initial stack again with `false`, which deletes them. A stack outside this design that still imports them keeps them
(the script names it); update or delete that stack and run `./deploy.sh` again. By hand, do the same three deploys.
\n"
    ));
}

fn image_text(config: &Config, service: &crate::engine::config::Service) -> String {
    match service.image_source() {
        ImageSource::OwnEcr { repository, tag } => format!(
            "`{repository}:{tag}` in the deploying account's ECR in `{}` (the template builds the URI from `${{AWS::AccountId}}`)",
            config.region
        ),
        ImageSource::Reference(uri) => match ecr_parts(uri) {
            Some(Image::AccountEcr { account, .. }) => format!(
                "`{uri}`, in account {account}'s ECR: checked and pushed only when you deploy in that account; from another\n    account its repository policy must allow the pull"
            ),
            _ => format!(
                "`{uri}`, used as written and not checked: the tasks pull it from the private subnets through the NAT gateway"
            ),
        },
    }
}

fn checked(config: &Config, md: &mut String) {
    md.push_str("## What is checked for you\n\n");
    md.push_str("`./deploy.sh preflight` reads the account and changes nothing; `./deploy.sh` runs it first and deploys nothing when a\ncheck fails. Each failure says what to do.\n\n");
    md.push_str("| check | how |\n|---|---|\n");
    md.push_str("| who you are | `aws sts get-caller-identity`: the account and identity the stacks are deployed with |\n");
    match &config.network.az_ids {
        Some(ids) => md.push_str(&format!(
            "| the zones | `aws ec2 describe-availability-zones --zone-ids {}`: every pinned zone ID is available to the account (a constrained zone may be missing) |\n",
            ids.join(" ")
        )),
        None => md.push_str(&format!(
            "| the zones | `aws ec2 describe-availability-zones` and the default VPC's subnets (`aws ec2 describe-subnets`): `!GetAZs` lists only the zones where the default VPC has a subnet, and the {} subnets need one zone each |\n",
            config.network.subnets.len()
        )),
    }
    let peak = peak_cpu_units(config);
    md.push_str(&format!(
        "| the Fargate quota | `aws service-quotas get-service-quota --service-code {FARGATE_QUOTA_SERVICE} --quota-code {FARGATE_VCPU_QUOTA_CODE}` (On-Demand vCPUs; AWS's default is {DEFAULT_FARGATE_VCPU_QUOTA}, read with `get-aws-default-service-quota` when the account never changed it) against the services at their maximum task counts: {peak} CPU units (1024 per vCPU) |\n"
    ));
    let own: Vec<String> = images(config)
        .into_iter()
        .filter_map(|image| match image {
            Image::OwnEcr { repository, tag } => Some(format!("{repository}:{tag}")),
            Image::AccountEcr {
                account,
                region,
                repository,
                tag,
            } => Some(format!(
                "{account}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"
            )),
            Image::Elsewhere(_) => None,
        })
        .collect();
    if !own.is_empty() {
        md.push_str(&format!(
            "| the images | `aws ecr describe-images` for {}: each exists (another account's ECR image is only named); a missing one comes with the command that pushes it |\n",
            join_code(&own)
        ));
    }
    if let Some((zone_id, zone)) = hosted_zone(config) {
        md.push_str(&format!(
            "| the hosted zone | `aws route53 get-hosted-zone --id {zone_id}`: public, of `{zone}`, readable in this account; and `dig +short NS {zone}` names its name servers (skipped, with a note, when `dig` is missing) |\n"
        ));
    }
    if let Some(domain) = &config.domain {
        let aliases: Vec<String> = config
            .services
            .iter()
            .filter(|s| s.cloudfront.enabled)
            .filter_map(|s| s.alias(Some(domain)))
            .collect();
        if let (Some(arn), false) = (&domain.certificate_arn, aliases.is_empty()) {
            md.push_str(&format!(
                "| your certificate | `aws acm describe-certificate --region us-east-1 --certificate-arn {arn}`: in this account, `ISSUED`, an RSA (1024 to 4096 bits) or ECDSA P-256 key as CloudFront requires ({CERTIFICATE_REQUIREMENTS}), and covering {} (a wildcard covers one label) |\n",
                join_code(&aliases)
            ));
        }
    }
    if let (Waf::Existing { web_acl_arn }, true) = (
        &config.edge.waf,
        config.services.iter().any(|s| s.cloudfront.enabled),
    ) {
        md.push_str(&format!(
            "| your web ACL | `aws wafv2 get-web-acl --region us-east-1 --scope CLOUDFRONT --name … --id …` for `{web_acl_arn}`: readable from this account |\n"
        ));
    }
    let app = |f: &dyn Fn(&crate::engine::config::Service) -> bool| config.services.iter().any(f);
    if app(&|s| !s.app.secrets.is_empty()) {
        md.push_str("| the secrets | `aws secretsmanager describe-secret` for each secret and `aws ssm describe-parameters` (by name) for each parameter: each exists; no value is read or printed |\n");
    }
    if app(&|s| {
        s.app
            .permissions
            .iter()
            .any(|p| matches!(data_resource(&p.resource), Ok(DataResource::Bucket { .. })))
    }) {
        md.push_str("| the buckets | `aws s3api head-bucket --expected-bucket-owner ACCOUNT`: each bucket exists and is this account's |\n");
    }
    if app(&|s| {
        s.app
            .permissions
            .iter()
            .any(|p| matches!(data_resource(&p.resource), Ok(DataResource::Table { .. })))
    }) {
        md.push_str(
            "| the tables | `aws dynamodb describe-table`: each table exists, in this account |\n",
        );
    }
    md.push_str(
        "\n`./deploy.sh smoke`, after deploying, checks what only the running stacks can show:\n\n",
    );
    md.push_str("- each distribution answers its service's health check path with `200` and a `via: … (CloudFront)` header\n  (CloudFront → VPC origin → internal load balancer → task), on its `*.cloudfront.net` name and on its alias once that\n  resolves; a `502` or `504` names the likely cause and the command that shows the load balancer's rules;\n- the test app's `/api/ipify/` answers with one of the NAT gateway's public IPs (task → NAT gateway → internet);\n");
    if config.services.len() > 1 {
        md.push_str("- every service is on the initial service's load balancer (each stack outputs `LoadBalancerArn`);\n");
    }
    if config.services.iter().any(|s| {
        s.cloudfront.enabled && (!s.app.environment.is_empty() || !s.app.secrets.is_empty())
    }) {
        md.push_str("- the test app's `/api/config/` lists the names of the variables its task got (never a value): every variable and secret\n  of the service must be there;\n");
    }
    if matches!(config.network.nat, Nat::Manual { .. }) {
        md.push_str("- every task runs in a zone the NAT gateway lists (`aws ecs describe-tasks` names the tasks' zones, mapped to zone IDs\n  in this account, beside the zones of the NAT's subnets);\n");
    }
    if config.network.flow_logs {
        md.push_str("- the VPC's flow log delivers (`DeliverLogsStatus` is `SUCCESS`);\n");
    }
    if design_logs_access(config) {
        md.push_str(&format!(
            "- whether an access log has arrived under each service's prefix yet: CloudFront delivers them usually within an hour,\n  sometimes up to 24 hours later ({STANDARD_LOG_DELAY}), so it says how to look again instead of waiting;\n"
        ));
    }
    md.push_str(
        "- and it prints the `curl` to run inside the VPC against each Express endpoint.\n\n",
    );
}

fn steps(config: &Config, global: bool, md: &mut String) {
    md.push_str("## Steps\n\n");
    md.push_str("1. **Images.** Push each service's image (above), or run `test-app/push-image.sh` for the test app.\n");
    md.push_str("2. **Preflight.** `./deploy.sh preflight`; fix what it reports.\n");
    md.push_str("3. **Deploy.** `./deploy.sh` runs the preflight, then `aws cloudformation deploy` for each stack in the order of the\n   table above, with the capabilities it lists. The service stacks import the network stack's exports and the other\n   services import the initial stack's, so the order matters.");
    if global {
        md.push_str(&format!(
            " The global stack goes first, in `{GLOBAL_REGION}`; `deploy.sh` reads its\n   outputs and passes them to the service stacks with `--parameter-overrides` (exports do not cross regions)."
        ));
    }
    md.push('\n');
    md.push_str("   A stack that exists is updated through a change set: when it replaces or removes a resource, `deploy.sh` lists\n   them and asks before executing it (`./deploy.sh deploy --yes` does not ask).\n");
    md.push_str("   Every parameter is passed with the design's value: on an update, `aws cloudformation deploy` keeps the previous\n   value of any parameter it is not given, so a new image tag or port would not reach the stack otherwise.\n");
    md.push_str("   By hand, from the unzipped folder:\n\n   ```sh\n");
    for id in stack_ids(config) {
        let mut line = format!(
            "   aws cloudformation deploy --region {} --stack-name {} --template-file {}",
            stack_region(config, id),
            stack_name(config, id),
            template_file(config, id)
        );
        line.push_str(&deploy_flags(config, id, &|output| {
            format!("{}=…", output.parameter())
        }));
        md.push_str(&line);
        md.push('\n');
    }
    md.push_str("   ```\n");
    if global {
        md.push_str(&format!(
            "   The `…` values are the global stack's outputs: `aws cloudformation describe-stacks --region {GLOBAL_REGION} --stack-name {} --query 'Stacks[0].Outputs'`.\n",
            stack_name(config, StackId::Global)
        ));
    }
    let dns = match (&config.domain, hosted_zone(config)) {
        (_, Some(_)) => "4. **DNS.** Nothing to do: the service stacks create the aliases' records in the hosted zone.\n".to_string(),
        (Some(domain), None)
            if config
                .services
                .iter()
                .any(|s| s.cloudfront.enabled && s.alias(Some(domain)).is_some()) =>
        {
            "4. **DNS.** Point each alias at its distribution's domain name (`./deploy.sh outputs`, `CloudFrontDomainName`)\n   with a Route 53 alias record or a CNAME.\n".to_string()
        }
        _ => "4. **DNS.** Nothing to do: the distributions answer on their `*.cloudfront.net` names.\n".to_string(),
    };
    md.push_str(&dns);
    md.push_str("5. **Smoke tests.** `./deploy.sh smoke` (above).\n");
    md.push_str(&format!(
        "6. **Inside the VPC.** The load balancer is internal: the Express endpoints answer only from inside the VPC. Create a\n   CloudShell **VPC environment** in this VPC, on one of its private subnets, with a security group that the load\n   balancer's security groups admit on HTTPS (the commands `./deploy.sh smoke` prints for a 502/504 show their rules),\n   and run there the `curl` that `./deploy.sh smoke` prints. How, and the permissions it needs: {CLOUDSHELL_VPC},\n   {CLOUDSHELL_VPC_PERMISSIONS}. CloudShell puts a network interface in the subnet (tagged `ManagedByCloudShell`):\n   delete the VPC environment when you are done, or the network stack cannot be deleted.\n"
    ));
    md.push_str("7. **Teardown.** `./deploy.sh teardown` (below, 'Logs and teardown').\n\n");
}

/// How an update of deployed stacks is checked before it runs: CloudFormation's change
/// sets (`./deploy.sh plan`), compared with Stackdraft's prediction when the kit was made
/// against a baseline, and the baseline's stacks that the design no longer has.
fn updating(config: &Config, update: Option<&Update>, md: &mut String) {
    md.push_str("**Updating deployed stacks.** Before `./deploy.sh` updates stacks that exist, `./deploy.sh plan` prints CloudFormation's\nown answer for each: a change set made exactly as the deploy makes it (`aws cloudformation deploy --no-execute-changeset`,\nthe same parameters), listed as Action, LogicalResourceId, ResourceType and Replacement (`True`: the resource is created\nanew and the old one deleted), then deleted; it changes nothing. A stack that does not exist yet is listed as to be\ncreated. `./deploy.sh` asks before it executes an update that replaces or removes a resource (`--yes` does not ask).\n");
    let Some(update) = update else {
        md.push_str("A change set does not report an export another stack imports, nor a CloudFront alias or DNS record another\nstack holds, and this kit was made without a baseline (the design as deployed), so it knows no prediction of them and\nno stack the design no longer has. Download the zip from the page with the deployed design as its baseline (the\nUpdate impact section), or run `stackdraft zip stackdraft.json --base DEPLOYED.json --out FILE`: `./deploy.sh plan`\nthen compares CloudFormation's answer with Stackdraft's prediction, and `./deploy.sh` offers to delete the stacks\nthe design no longer has.\n\n");
        return;
    };
    md.push_str(&format!("This kit was made against `{BASELINE_FILE_NAME}`, the design as deployed; `{UPDATE_FILE_NAME}` holds Stackdraft's\nprediction of the update. `./deploy.sh plan` prints it beside each change set and says where CloudFormation's answer\ndiffers (it differs when `{BASELINE_FILE_NAME}` is not what is deployed in this account), then lists what a change set\ncannot tell: an export in use, a fixed name to replace, a name an old resource still holds. When the prediction finds\none, `./deploy.sh` says so and asks before it deploys anything.\n"));
    let removed = removed_stacks(update.base, config);
    if removed.is_empty() {
        md.push('\n');
        return;
    }
    let names: Vec<String> = removed
        .iter()
        .map(|&id| {
            format!(
                "`{}` ({})",
                stack_name(update.base, id),
                stack_region(update.base, id)
            )
        })
        .collect();
    md.push_str(&format!("\n**Stacks the design no longer has.** {} {} in `{BASELINE_FILE_NAME}` and not in this design. Once the rest is\ndeployed, `./deploy.sh` lists those that exist and asks before it deletes them, in the teardown's order (services\nbefore the network, the global stack last); deleting a stack deletes what it created. `./deploy.sh deploy --yes`\nleaves them; `./deploy.sh prune` deletes them on its own (it asks first; `--yes` does not).\nhttps://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html\n\n",
        join_plain(&names),
        if names.len() == 1 { "is" } else { "are" }));
}

fn join_plain(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// For the default design only: what deploying it over Stackdraft's earlier default (the
/// field report's NAT in one zone, no web ACL, no access logs) changes, and what the update
/// costs a month, line by line from the price table.
fn migration(config: &Config, md: &mut String) {
    if *config != Config::default() {
        return;
    }
    let Ok(before) = Config::from_json(crate::engine::link::DEFAULTS_V3) else {
        return;
    };
    md.push_str("## Updating from Stackdraft's earlier default\n\n");
    md.push_str("Stackdraft's default design was the field report's as published: the NAT gateway with an Elastic IP in AZ index 0\nonly, no web ACL, no access logs (that design is the example `templates/field-report/`, and links made then, `#v3=…`,\nstill open to it). If you deployed it and now deploy this design over it with `./deploy.sh`:\n\n");
    md.push_str(&format!("- **Egress addresses.** The NAT gateway gets an Elastic IP in each subnet's zone, and each zone's outbound traffic\n  leaves through its own ({NAT_ZONE_ADDRESS_API}): add the new addresses wherever a third party allowlists yours\n  (`./deploy.sh smoke` prints them all).\n"));
    md.push_str(&format!(
        "- **The global stack** is new, in `{GLOBAL_REGION}`: the web ACL and its logs. `./deploy.sh` deploys it first and passes\n  the web ACL to the initial service's distribution; the access log bucket is new in the initial stack.\n"
    ));
    let before = crate::engine::cost::estimate(&crate::engine::cost::from_config(&before)).this;
    let after = crate::engine::cost::estimate(&crate::engine::cost::from_config(config)).this;
    let amount = |lines: &[crate::engine::cost::Line], kind, service: &Option<usize>| {
        lines
            .iter()
            .find(|l| l.kind == kind && &l.service == service)
            .and_then(|l| match &l.amount {
                crate::engine::cost::LineAmount::Priced { min_micro_usd, .. } => {
                    Some(*min_micro_usd)
                }
                _ => None,
            })
    };
    md.push_str("- **What it adds a month**, from this kit's price table at the design's usage (`COST.md` has every line):\n");
    let mut total: i128 = 0;
    for line in &after.lines {
        let now = amount(&after.lines, line.kind, &line.service);
        let was = amount(&before.lines, line.kind, &line.service);
        if let Some(now) = now.filter(|now| *now != was.unwrap_or(0)) {
            let delta = i128::from(now) - i128::from(was.unwrap_or(0));
            total += delta;
            md.push_str(&format!(
                "  - {}: {} → {} ({})\n",
                line.what,
                crate::engine::cost::money::dollars(was.unwrap_or(0)),
                crate::engine::cost::money::dollars(now),
                plus(delta)
            ));
        }
    }
    md.push_str(&format!("  - in all: {} a month.\n\n", plus(total)));
}

/// `+$1.50`, `−$0.20`.
fn plus(micro_usd: i128) -> String {
    let text = crate::engine::cost::money::signed_dollars(micro_usd);
    if micro_usd > 0 {
        format!("+{text}")
    } else {
        text
    }
}

fn console(config: &Config, md: &mut String) {
    let global = stack_name(config, StackId::Global);
    md.push_str("## From the CloudFormation console\n\n");
    md.push_str(&format!(
        "1. Switch the console to **US East (N. Virginia) `{GLOBAL_REGION}`** and create the stack `{global}` from\n   `{}`. Wait for `CREATE_COMPLETE`",
        template_file(config, StackId::Global)
    ));
    if !crate::engine::render::requested_certificates(config).is_empty() {
        md.push_str(" (the certificate's DNS validation takes a few minutes)");
    }
    md.push_str(", then open its **Outputs** tab.\n");
    md.push_str(&format!(
        "2. Switch to `{}` and create the other stacks in the order of the table. For each service stack, paste the global\n   stack's outputs into the parameters of the same name ({}): they have no default, so the console asks for them.\n   Acknowledge the IAM capability where the table lists it.\n\n",
        config.region,
        join_code(
            &global_outputs(config)
                .iter()
                .map(|o| o.parameter().to_string())
                .collect::<Vec<_>>()
        )
    ));
}

fn logs(config: &Config, md: &mut String) {
    md.push_str("## Logs and teardown\n\n");
    md.push_str(&format!(
        "Every log group{} states `DeletionPolicy: Delete` and `UpdateReplacePolicy: Delete` ({DELETION_POLICY}): **logs are\ndeleted with their stacks.** Download what you want to keep first:\n\n",
        if design_logs_access(config) {
            " and the access log bucket"
        } else {
            ""
        }
    ));
    for service in &config.services {
        md.push_str(&format!(
            "- `{}`: `aws logs tail /aws/ecs/default/{}-service --since 30d --region {} > {}.log`\n",
            service.name, service.name, config.region, service.name
        ));
    }
    if config.network.flow_logs {
        md.push_str(&format!(
            "- the VPC's flow logs: the network stack's `FlowLogGroup` (`aws logs describe-log-groups --region {}`), the same way\n",
            config.region
        ));
    }
    if design_logs_access(config) && crate::engine::render::creates_web_acl(config) {
        md.push_str(&format!(
            "- the web ACL's logs: `aws logs tail aws-waf-logs-{} --since 30d --region us-east-1 > waf.log` (deleted with the\n  global stack)\n",
            stack_name(config, StackId::Global)
        ));
    }
    if design_logs_access(config) {
        md.push_str(&format!(
            "- CloudFront's access logs: `aws s3 sync s3://BUCKET ./access-logs --region {}`, where `BUCKET` is the initial stack's\n  `AccessLogBucketName` output. `./deploy.sh teardown` prints this command, then asks before it empties the bucket (a\n  bucket is deleted only empty); answering anything but `empty` deletes nothing. `--yes` empties it without asking.\n",
            config.region
        ));
    }
    md.push_str(&format!(
        "\n`./deploy.sh teardown` asks first, then deletes the other services, the initial service and the network{}. Before\nthe network stack it waits for the network interfaces that Express Mode and CloudFront's VPC origin leave in the VPC\n(up to 10 minutes), then lists the interfaces and security groups still there: the stacks did not create them and\nthe network stack cannot be deleted while they exist. An interface in use is removed by the service that created it\nonce its resource is gone ({REQUESTER_MANAGED_ENI}); the script deletes detached interfaces and those security\ngroups only when you type `delete` (never with `--yes`). CloudFront distributions take minutes to delete. The ECR\nrepositories are kept.\n\n",
        if stack_ids(config).contains(&StackId::Global) {
            ", and the global stack last"
        } else {
            ""
        }
    ));
}

fn troubleshooting(config: &Config, md: &mut String) {
    md.push_str("## When something fails\n\n");
    md.push_str(&format!(
        "**CloudFront answers 502 or 504.** CloudFront reaches the internal load balancer through network interfaces that the\nVPC origin places in the subnets, with a security group CloudFront creates there ({VPC_ORIGINS}; its service-linked\nrole creates both: {VPC_ORIGIN_ROLE}). The load balancer's security groups — the initial stack's\n`LoadBalancerSecurityGroups` output — must admit HTTPS (443) from that security group, or from CloudFront's\norigin-facing managed prefix list `com.amazonaws.global.cloudfront.origin-facing` ({ORIGIN_PREFIX_LIST}). `./deploy.sh\nsmoke` prints the commands that show their rules and the VPC's security groups. Adding the rule to Express Mode's\nsecurity group is a change outside Express Mode: AWS documents editing its rules directly ({EXPRESS_SECURITY_GROUPS}) and\nthat Express Mode keeps such changes unless an Express Mode update of the service changes them ({EXPRESS_OUTSIDE_CHANGES}).\n\n"
    ));
    if config.services.len() > 1 {
        md.push_str(&format!(
            "**One load balancer.** Express Mode creates the load balancer, listener rules and security groups of a service\n({EXPRESS_RESOURCES}) and shares a load balancer among up to 25 services with host-header rules (AWS's announcement,\n{EXPRESS_SHARED_ALB}); which one a service joins is Express Mode's choice. Every distribution of this design goes\nthrough the initial stack's VPC origin, which points at the initial service's load balancer, so a service on another\nload balancer would get requests its load balancer does not route. `./deploy.sh smoke` compares the stacks'\n`LoadBalancerArn` outputs and, when one differs, says to delete that service's stack and deploy it again.\n\n"
        ));
    }
    md.push_str(&format!(
        "**The in-VPC check, not ECS Exec.** The task role has no permissions (add what your application needs), so ECS Exec\nis not set up, and `AWS::ECS::ExpressGatewayService` has no property to enable it. Turning it on with the ECS API\nwould be a change outside Express Mode, which AWS leaves to you to reconcile with later Express Mode updates\n({EXPRESS_OUTSIDE_CHANGES}). Use the CloudShell VPC environment of step 6 instead.\n\n"
    ));
    if let Some(warning) = nat_warning(config) {
        md.push_str(&format!(
            "**NAT in manual mode.** This design's review says: {warning}. AWS documents that a Regional NAT Gateway given\nzone addresses stops expanding to other zones (\"auto-expansion is disabled and you must manually manage AZ\ncoverage\", {NAT_ZONE_ADDRESSES}), that each zone has its own configuration for the outbound traffic from that zone\n({NAT_ZONE_ADDRESS_API}), and, in the CDK's words, that \"in manual mode the gateway only serves the listed\nAvailability Zones\" ({NAT_MANUAL_MODE_CDK}). `./deploy.sh smoke` names any task running in an unlisted zone.\n\n"
        ));
    }
    if config.services.iter().any(|s| s.port < 1024) {
        md.push_str("**Ports below 1024.** The test app runs as the non-root `node` user; it can bind low ports on Fargate,\nwhere unprivileged port binding starts at 0, but not on every local Docker set-up.\n\n");
    }
}

/// The review's words about a manual NAT that lists fewer zones than the subnets have.
fn nat_warning(config: &Config) -> Option<String> {
    review(config)
        .into_iter()
        .find(|w| w.kind == WarningKind::NatUnlistedZones)
        .map(|w| w.message.to_string())
}

fn behaviours(config: &Config, global: bool, md: &mut String) {
    md.push_str("## What the kit relies on\n\n");
    md.push_str("Each behaviour of AWS this design depends on, its source, and where the kit checks it:\n\n");
    match &config.network.az_ids {
        Some(_) => md.push_str(&format!(
            "- **Zones.** The subnets are pinned to zone IDs, which name the same physical zone in every account ({ZONE_IDS});\n  whether this account has each one is the preflight's check. (`Fn::GetAZs` would list only the zones where the\n  default VPC has a subnet: {GET_AZS}.)\n"
        )),
        None => md.push_str(&format!(
            "- **Zones.** Subnet `i` goes to `!Select [i, !GetAZs '']`; `Fn::GetAZs` lists only the zones where the default VPC\n  has a subnet, unless it has none ({GET_AZS}). The preflight counts them; pinning the subnets to zone IDs\n  (`network.az_ids`, {ZONE_IDS}) removes the dependency.\n"
        )),
    }
    md.push_str(&format!(
        "- **Express Mode.** It creates the load balancer (internal, on these private subnets), its listener rules and\n  security groups ({EXPRESS_RESOURCES}) and shares the load balancer among services ({EXPRESS_SHARED_ALB}):\n  checked by `./deploy.sh smoke`.\n- **VPC origins.** CloudFront reaches the internal load balancer through the VPC origin's network interfaces and\n  security group in the VPC ({VPC_ORIGINS}, {VPC_ORIGIN_ROLE}): a 502/504 in `./deploy.sh smoke` points there.\n- **Fargate quota.** Accounts have a per-region quota of On-Demand vCPUs ({FARGATE_QUOTAS}); the preflight reads it, or\n  AWS's default where the account never changed it ({DEFAULT_QUOTA_COMMAND}).\n- **Regional NAT Gateway.** One gateway for the VPC ({REGIONAL_NAT}). In automatic mode it expands to the zones with\n  workloads; in manual mode (Elastic IPs per zone) it serves only the zones it lists ({NAT_ZONE_ADDRESSES},\n  {NAT_ZONE_ADDRESS_API}, {NAT_MANUAL_MODE_CDK}). `./deploy.sh smoke` checks that egress leaves through its addresses\n  and, in manual mode, that every task runs in a listed zone.\n- **Security headers.** Every distribution adds CloudFront's managed `SecurityHeadersPolicy` (HSTS for a year,\n  `X-Content-Type-Options: nosniff`, `X-Frame-Options: SAMEORIGIN`, a referrer policy); where your application sends\n  one of these headers itself, its value is kept, except `X-Content-Type-Options` ({SECURITY_HEADERS}).\n- **Trust.** The task role may be assumed only by ECS tasks of this account and region (`aws:SourceAccount`,\n  `aws:SourceArn`), as AWS recommends for it ({TASK_ROLE_TRUST}){}.\n",
        if config.network.flow_logs {
            format!("; the flow-log role only by this account's VPC flow logs, as AWS documents for it ({FLOW_LOG_ROLE})")
        } else {
            String::new()
        }
    ));
    if global {
        md.push_str(&format!(
            "- **us-east-1.** CloudFront takes web ACLs ({WAF_REGION}) and ACM certificates ({ACM_REGION}) from us-east-1 only, so\n  the global stack deploys there and its outputs reach the service stacks as parameters.\n"
        ));
    }
    if !crate::engine::render::requested_certificates(config).is_empty() {
        md.push_str(&format!(
            "- **A certificate per alias.** The global stack requests one certificate for each alias, naming only it: ACM takes 10\n  names a certificate by default and a first name of at most 64 characters ({ACM_QUOTAS}), and a new host adds a\n  certificate instead of replacing one every distribution uses.\n"
        ));
        md.push_str(&format!(
            "- **DNS validation.** With the hosted zone in `DomainValidationOptions`, ACM adds its validation record to the zone\n  and the stack waits in `CREATE_IN_PROGRESS` until the certificate is issued ({CFN_DNS_VALIDATION},\n  {CFN_CERTIFICATE}, {DNS_VALIDATION}); it is issued only\n  when the record resolves publicly, hence the preflight's delegation check.\n"
        ));
    }
    if design_logs_access(config) {
        md.push_str(&format!(
            "- **Standard logs.** CloudFront writes them into the bucket with ACLs, so the bucket keeps ACLs enabled\n  (`BucketOwnerPreferred`), and not every region receives them ({STANDARD_LOGS}). The bucket refuses every request\n  that does not use TLS, as AWS's S3 security best practices advise ({S3_TLS_ONLY}); `./deploy.sh smoke` shows that\n  CloudFront's logs still arrive.\n"
        ));
        if crate::engine::render::creates_web_acl(config) {
            md.push_str(&format!(
                "- **Web ACL logs.** With access logs on, the web ACL logs every request it inspects to the log group\n  `aws-waf-logs-{}` in us-east-1 (AWS WAF requires that prefix and the web ACL's region; it writes the log group's\n  resource policy itself: {WAF_LOGS}), with the `authorization` and `cookie` headers redacted.\n",
                stack_name(config, StackId::Global)
            ));
        }
    }
    if config.network.flow_logs {
        md.push_str(&format!(
            "- **Flow logs.** Delivery to CloudWatch Logs needs a role the flow logs service assumes ({FLOW_LOG_ROLE}): hence\n  `CAPABILITY_IAM` on the network stack.\n"
        ));
    }
    md.push_str(&format!(
        "- **What is left in the VPC.** Interfaces that a service created for its resource are removed by that service after\n  the resource is deleted ({REQUESTER_MANAGED_ENI}): the teardown waits for them before the network stack.\n"
    ));
}
