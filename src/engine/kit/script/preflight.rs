//! The preflight: tools, credentials, quotas, images and zones checked before anything is
//! deployed.

use super::push_line;
use crate::engine::application::{data_resource, secret_source, DataResource, SecretSource};
use crate::engine::config::{Config, Waf};
use crate::engine::field_path::{entry_path, service_path};
use crate::engine::kit::{hosted_zone, images, shell_quote, Image};
use crate::engine::render::{stack_ids, StackId, GLOBAL_REGION};

const PREFLIGHT_FUNCTIONS: &str = r#"
ACCOUNT=

check_identity() {
  local identity arn
  if ! identity=$(aws sts get-caller-identity --query '[Account,Arn]' --output text 2>&1); then
    fail "no usable AWS credentials: $identity"
    echo "  sign in (aws configure, aws sso login, or open CloudShell), then run ./deploy.sh preflight again" >&2
    return 1
  fi
  read -r ACCOUNT arn <<<"$identity"
  echo "ok: account $ACCOUNT, as $arn"
}

# Subnets pinned to zone IDs: every ID must be a zone this account has in the region (the
# same ID is the same physical zone in every account, but a constrained zone may be missing).
check_zone_ids() {
  local zones id missing=""
  if ! zones=$(aws ec2 describe-availability-zones --region "$REGION" --zone-ids "$@" \
    --query 'AvailabilityZones[].[ZoneId,State]' --output text 2>&1); then
    fail "this account cannot use every zone ID of network.az_ids ($*) in $REGION: $zones"
    missing=all
  else
    for id in "$@"; do
      grep -qE "^${id}[[:space:]]+available" <<<"$zones" || missing="$missing $id"
    done
    [[ -z "$missing" ]] || fail "zone ID(s)$missing of network.az_ids are not available to this account in $REGION"
  fi
  if [[ -n "$missing" ]]; then
    echo "  the zones this account has: aws ec2 describe-availability-zones --region $REGION --query 'AvailabilityZones[].[ZoneId,ZoneName,State]' --output text" >&2
    echo "  pin the subnets to zone IDs from that list (network.az_ids) and download the kit again" >&2
    return 1
  fi
  echo "ok: zones $* are available in $REGION"
}

# Subnets placed with !GetAZs: Fn::GetAZs lists only the zones where the default VPC has a
# subnet (every zone when it has none), and subnet i goes to the zone at index i.
check_default_zones() {
  local needed=$1 zones defaults
  zones=$(aws ec2 describe-availability-zones --region "$REGION" \
    --filters Name=state,Values=available Name=zone-type,Values=availability-zone \
    --query 'AvailabilityZones[].ZoneName' --output text)
  defaults=$(aws ec2 describe-subnets --region "$REGION" --filters Name=default-for-az,Values=true \
    --query 'Subnets[].AvailabilityZone' --output text)
  local -a zone_list default_list
  read -r -a zone_list <<<"${zones/None/}"
  read -r -a default_list <<<"${defaults/None/}"
  if ((${#default_list[@]} > 0 && ${#default_list[@]} < needed)); then
    fail "!GetAZs lists only the ${#default_list[@]} zone(s) where the default VPC has a subnet (${default_list[*]}), and the design places $needed subnets by zone index"
    echo "  pin the subnets to zone IDs (network.az_ids): aws ec2 describe-availability-zones --region $REGION --query 'AvailabilityZones[].[ZoneId,ZoneName]' --output text" >&2
    echo "  or give the default VPC a subnet in each zone: aws ec2 create-default-subnet --region $REGION --availability-zone ZONE" >&2
    return 1
  fi
  if ((${#default_list[@]} == 0 && ${#zone_list[@]} < needed)); then
    fail "$REGION has ${#zone_list[@]} zone(s) available to this account, and the design places $needed subnets"
    return 1
  fi
  echo "ok: !GetAZs gives the $needed subnets a zone each in $REGION"
}

# The account's Fargate On-Demand vCPU quota (AWS's default where the account never changed
# it) against the vCPUs of every service at its maximum task count.
check_fargate_quota() {
  local quota source="this account's" peak
  quota=$(aws service-quotas get-service-quota --region "$REGION" --service-code "$FARGATE_QUOTA_SERVICE" \
    --quota-code "$FARGATE_VCPU_QUOTA" --query 'Quota.Value' --output text 2>/dev/null) || quota=
  if [[ -z "$quota" || "$quota" == None ]]; then
    source="AWS's default"
    quota=$(aws service-quotas get-aws-default-service-quota --region "$REGION" --service-code "$FARGATE_QUOTA_SERVICE" \
      --quota-code "$FARGATE_VCPU_QUOTA" --query 'Quota.Value' --output text 2>/dev/null) || quota=
  fi
  peak=$(awk -v units="$PEAK_CPU_UNITS" 'BEGIN { printf "%g", units / 1024 }')
  if [[ -z "$quota" || "$quota" == None ]]; then
    echo "warn: could not read the Fargate vCPU quota (it needs servicequotas:GetServiceQuota); the services need $peak vCPUs at their maximum task counts"
    return 0
  fi
  if awk -v quota="$quota" -v units="$PEAK_CPU_UNITS" 'BEGIN { exit !(quota * 1024 >= units) }'; then
    echo "ok: the Fargate vCPU quota in $REGION ($source: $quota) covers the services' $peak vCPUs at their maximum task counts"
    return 0
  fi
  fail "the services need $peak vCPUs at their maximum task counts, above $source Fargate On-Demand vCPU quota in $REGION ($quota): tasks beyond it are not placed"
  echo "  ask for more: aws service-quotas request-service-quota-increase --region $REGION --service-code $FARGATE_QUOTA_SERVICE --quota-code $FARGATE_VCPU_QUOTA --desired-value $PEAK_VCPUS" >&2
  echo "  or lower services[].scaling.max and download the kit again" >&2
  return 1
}

# An image in this account's ECR must exist before its service deploys, or its tasks never start.
check_ecr_image() {
  local region=$1 repository=$2 tag=$3 out registry
  registry="$ACCOUNT.dkr.ecr.$region.amazonaws.com"
  if out=$(aws ecr describe-images --region "$region" --repository-name "$repository" \
    --image-ids "imageTag=$tag" --query 'imageDetails[0].imageDigest' --output text 2>&1); then
    echo "ok: image $registry/$repository:$tag exists"
    return 0
  fi
  if grep -qE 'ImageNotFoundException|RepositoryNotFoundException' <<<"$out"; then
    fail "image $registry/$repository:$tag is not in ECR: the service's tasks could not start"
    echo "  push the test app there: test-app/push-image.sh" >&2
    echo "  or push your own image: aws ecr create-repository --region $region --repository-name $repository --image-scanning-configuration scanOnPush=true; aws ecr get-login-password --region $region | docker login --username AWS --password-stdin $registry; docker tag YOUR_IMAGE $registry/$repository:$tag; docker push $registry/$repository:$tag" >&2
  else
    fail "could not look for image $registry/$repository:$tag: $out"
  fi
  return 1
}

# A literal ECR image: checked when it is in this account, only named otherwise.
check_account_image() {
  local account=$1 region=$2 repository=$3 tag=$4
  if [[ "$account" == "$ACCOUNT" ]]; then
    check_ecr_image "$region" "$repository" "$tag"
    return
  fi
  echo "skip: $account.dkr.ecr.$region.amazonaws.com/$repository:$tag is in another account's ECR: not checked; its repository policy must let account $ACCOUNT pull it"
}

# A certificate of the user's (domain.certificate_arn): CloudFront takes it only from
# us-east-1, issued, with an RSA (1024 to 4096 bits) or ECDSA P-256 key, covering every
# alias; a wildcard covers one label. It must be in this account, where the stacks are.
# https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
check_certificate() {
  local arn=$1 out status algorithm names alias name covered missing=""
  shift
  local owner
  IFS=: read -r _ _ _ _ owner _ <<<"$arn"
  if [[ "$owner" != "$ACCOUNT" ]]; then
    fail "certificate $arn (domain.certificate_arn) is in account $owner, not in $ACCOUNT where the stacks deploy: CloudFront refuses it, after the service and its VPC origin are built"
    echo "  request or import the certificate in this account, in us-east-1: aws acm request-certificate --region us-east-1 --domain-name ALIAS --validation-method DNS" >&2
    return 1
  fi
  if ! out=$(aws acm describe-certificate --region us-east-1 --certificate-arn "$arn"     --query '[Certificate.Status,Certificate.KeyAlgorithm,join(`" "`,Certificate.SubjectAlternativeNames || `[]`)]'     --output text 2>&1); then
    fail "certificate $arn (domain.certificate_arn) cannot be read in us-east-1: $out"
    echo "  the certificates this account has there: aws acm list-certificates --region us-east-1" >&2
    return 1
  fi
  IFS=$'\t' read -r status algorithm names <<<"$out"
  if [[ "$status" != ISSUED ]]; then
    fail "certificate $arn is $status, not ISSUED: CloudFront takes only issued certificates"
    echo "  its validation: aws acm describe-certificate --region us-east-1 --certificate-arn $arn --query 'Certificate.DomainValidationOptions'" >&2
    return 1
  fi
  case "$algorithm" in
    RSA_1024 | RSA_2048 | RSA_3072 | RSA_4096 | EC_prime256v1) ;;
    *)
      fail "certificate $arn has a $algorithm key: CloudFront takes RSA keys of 1024 to 4096 bits and ECDSA P-256 (prime256v1) only"
      return 1
      ;;
  esac
  for alias in "$@"; do
    covered=no
    for name in $names; do
      if [[ "$name" == "$alias" || ("$name" == "*."* && "${alias#*.}" == "${name#\*.}") ]]; then covered=yes; fi
    done
    [[ "$covered" == yes ]] || missing="$missing $alias"
  done
  if [[ -n "$missing" ]]; then
    fail "certificate $arn does not cover$missing (it names: $names): CloudFront refuses an alias its certificate does not cover"
    return 1
  fi
  echo "ok: certificate $arn is issued, $algorithm, and covers $*"
}

# An existing web ACL (edge.waf.web_acl_arn): it must be readable from this account in
# us-east-1 with scope CLOUDFRONT, or the distributions fail to attach it.
check_web_acl() {
  local arn=$1 resource name id out
  resource=${arn#*:global/webacl/}
  name=${resource%/*}
  id=${resource##*/}
  if ! out=$(aws wafv2 get-web-acl --region us-east-1 --scope CLOUDFRONT --name "$name" --id "$id"     --query 'WebACL.ARN' --output text 2>&1); then
    fail "web ACL $arn (edge.waf.web_acl_arn) cannot be read from account $ACCOUNT in us-east-1: $out"
    echo "  the CloudFront web ACLs this account can use: aws wafv2 list-web-acls --region us-east-1 --scope CLOUDFRONT" >&2
    return 1
  fi
  echo "ok: web ACL $name (scope CLOUDFRONT) is readable in us-east-1"
}

# A Secrets Manager secret a service reads (services[].secrets). Described, never read: the
# preflight sees no value. A secret of another account is only named (its resource policy
# must let the service's execution role read it).
check_secret() {
  local arn=$1 variable=$2 region owner out
  IFS=: read -r _ _ _ region owner _ <<<"$arn"
  if [[ "$owner" != "$ACCOUNT" ]]; then
    echo "skip: secret $arn ($variable) is in account $owner: not checked; its resource policy must let this service's execution role read it"
    return 0
  fi
  if ! out=$(aws secretsmanager describe-secret --region "$region" --secret-id "$arn" \
    --query 'ARN' --output text 2>&1); then
    fail "secret $arn ($variable) cannot be found in $region: $out"
    echo "  the secrets this account has there: aws secretsmanager list-secrets --region $region --query 'SecretList[].ARN'" >&2
    return 1
  fi
  echo "ok: secret $arn ($variable) exists"
}

# A Parameter Store parameter a service reads, found by name with describe-parameters,
# which never prints a value (get-parameters would print a String parameter's).
check_parameter() {
  local region=$1 name=$2 variable=$3 out
  if ! out=$(aws ssm describe-parameters --region "$region" \
    --parameter-filters "Key=Name,Option=Equals,Values=$name" \
    --query 'Parameters[].Name' --output text 2>&1); then
    fail "could not look for parameter $name ($variable) in $region: $out"
    return 1
  fi
  if [[ -z "$out" || "$out" == None ]]; then
    fail "parameter $name ($variable) does not exist in $region: the service's tasks could not start"
    echo "  create it: aws ssm put-parameter --region $region --name $name --type SecureString --value VALUE" >&2
    return 1
  fi
  echo "ok: parameter $name ($variable) exists in $region"
}

# A bucket a service may use (services[].permissions): it must exist and be this account's.
check_bucket() {
  local bucket=$1 out
  if out=$(aws s3api head-bucket --bucket "$bucket" --expected-bucket-owner "$ACCOUNT" 2>&1); then
    echo "ok: bucket $bucket exists in account $ACCOUNT"
    return 0
  fi
  fail "bucket $bucket (services[].permissions) is not a bucket of account $ACCOUNT: $out"
  echo "  create it: aws s3 mb s3://$bucket --region $REGION" >&2
  return 1
}

# A table a service may use: it must exist, in this account.
check_table() {
  local arn=$1 region owner name out
  IFS=: read -r _ _ _ region owner name <<<"$arn"
  if [[ "$owner" != "$ACCOUNT" ]]; then
    fail "table $arn (services[].permissions) is in account $owner, not in $ACCOUNT where the service runs"
    return 1
  fi
  if ! out=$(aws dynamodb describe-table --region "$region" --table-name "${name#table/}" \
    --query 'Table.TableArn' --output text 2>&1); then
    fail "table $arn (services[].permissions) cannot be found in $region: $out"
    echo "  the tables this account has there: aws dynamodb list-tables --region $region" >&2
    return 1
  fi
  echo "ok: table $arn exists"
}

lowercase_names() { tr '[:upper:]' '[:lower:]' | sed 's/\.$//' | sort | tr '\n' ' ' | sed 's/ $//'; }

# The hosted zone must be public, in this account, and the one the domain is delegated to:
# the alias records go there, and ACM's DNS validation waits for its records to resolve.
check_hosted_zone() {
  local zone_id=$1 zone=$2 out name private servers delegated expected
  if ! out=$(aws route53 get-hosted-zone --id "$zone_id" \
    --query '[HostedZone.Name,HostedZone.Config.PrivateZone,join(`","`,DelegationSet.NameServers || `[]`)]' \
    --output text 2>&1); then
    fail "hosted zone $zone_id (domain.hosted_zone_id) cannot be read in account $ACCOUNT: $out"
    echo "  it must be a public hosted zone of $zone in this account: aws route53 list-hosted-zones-by-name --dns-name $zone" >&2
    return 1
  fi
  IFS=$'\t' read -r name private servers <<<"$out"
  if [[ "${name%.}" != "$zone" ]]; then
    fail "hosted zone $zone_id holds ${name%.}, not domain.zone $zone"
    return 1
  fi
  if [[ "$private" != False ]]; then
    fail "hosted zone $zone_id is private: the aliases and the certificate's DNS validation need a public hosted zone of $zone"
    return 1
  fi
  echo "ok: hosted zone $zone_id is a public zone of $zone in this account"
  if ! command -v dig >/dev/null 2>&1; then
    echo "skip: dig is not installed, so the delegation of $zone is not checked; its NS records must be ${servers//,/ }"
    return 0
  fi
  delegated=$(dig +short NS "$zone" | lowercase_names)
  expected=$(tr ',' '\n' <<<"$servers" | lowercase_names)
  if [[ "$delegated" != "$expected" ]]; then
    fail "$zone is delegated to [${delegated:-no name servers}], not to hosted zone $zone_id's name servers: the aliases would not resolve, and ACM's DNS validation would wait until it times out"
    echo "  set the NS records of $zone, at its registrar or in its parent zone, to: $expected" >&2
    return 1
  fi
  echo "ok: $zone is delegated to the hosted zone's name servers"
}
"#;

pub(super) fn section(config: &Config, s: &mut String) {
    s.push_str(PREFLIGHT_FUNCTIONS);
    s.push_str("\npreflight() {\n  local failures=0\n");
    push_line(
        s,
        &format!(
            "  echo {}",
            shell_quote(&format!(
                "==> preflight in {}{}: nothing is deployed",
                config.region,
                if stack_ids(config).contains(&StackId::Global) {
                    format!(" (and {GLOBAL_REGION} for the global stack)")
                } else {
                    String::new()
                }
            ))
        ),
    );
    s.push_str("  check_identity || return 1\n");
    let count = "|| failures=$((failures + 1))";
    match &config.network.az_ids {
        Some(ids) => {
            let words: Vec<String> = ids.iter().map(|id| shell_quote(id)).collect();
            push_line(s, &format!("  check_zone_ids {} {count}", words.join(" ")));
        }
        None => push_line(
            s,
            &format!(
                "  check_default_zones {} {count}",
                config.network.subnets.len()
            ),
        ),
    }
    push_line(s, &format!("  check_fargate_quota {count}"));
    for image in images(config) {
        let words = image.shell_words();
        match image {
            Image::OwnEcr { .. } => push_line(s, &format!("  check_ecr_image {words} {count}")),
            Image::AccountEcr { .. } => {
                push_line(s, &format!("  check_account_image {words} {count}"))
            }
            Image::Elsewhere(uri) => push_line(
                s,
                &format!(
                    "  echo {}",
                    shell_quote(&format!(
                        "skip: {uri} is not in ECR: not checked (the tasks must be able to pull it)"
                    ))
                ),
            ),
        }
    }
    if let Some((zone_id, zone)) = hosted_zone(config) {
        push_line(
            s,
            &format!(
                "  check_hosted_zone {} {} {count}",
                shell_quote(zone_id),
                shell_quote(zone)
            ),
        );
    }
    if let Some(domain) = &config.domain {
        let aliases: Vec<String> = config
            .services
            .iter()
            .filter(|s| s.cloudfront.enabled)
            .filter_map(|s| s.alias(Some(domain)))
            .map(|alias| shell_quote(&alias))
            .collect();
        if let (Some(arn), false) = (&domain.certificate_arn, aliases.is_empty()) {
            push_line(
                s,
                &format!(
                    "  check_certificate {} {} {count}",
                    shell_quote(arn),
                    aliases.join(" ")
                ),
            );
        }
    }
    application_checks(config, s, count);
    let distributions = config.services.iter().any(|s| s.cloudfront.enabled);
    if let (Waf::Existing { web_acl_arn }, true) = (&config.edge.waf, distributions) {
        push_line(
            s,
            &format!("  check_web_acl {} {count}", shell_quote(web_acl_arn)),
        );
    }
    s.push_str("  if ((failures > 0)); then\n    echo \"preflight: $failures check(s) failed; nothing was deployed\" >&2\n    return 1\n  fi\n  echo 'preflight: ok'\n}\n");
}

/// Each secret, parameter, bucket and table the services are given, checked once (the first
/// variable that names it says which it is).
fn application_checks(config: &Config, s: &mut String, count: &str) {
    let mut seen: Vec<String> = Vec::new();
    let mut once = |line: String, s: &mut String| {
        let key = line
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        if !seen.contains(&key) {
            push_line(s, &format!("{line} {count}"));
            seen.push(key);
        }
    };
    for (index, service) in config.services.iter().enumerate() {
        for (j, secret) in service.app.secrets.iter().enumerate() {
            let variable = shell_quote(&format!(
                "{}, {}",
                entry_path(&service_path(index, "secrets"), j, ""),
                secret.name
            ));
            match secret_source(&secret.value_from) {
                Ok(SecretSource::SecretsManager { secret_arn }) => once(
                    format!("  check_secret {} {variable}", shell_quote(secret_arn)),
                    s,
                ),
                Ok(source @ SecretSource::ParameterArn(arn)) => {
                    let region = arn.split(':').nth(3).unwrap_or(&config.region);
                    let name = source.parameter_name().unwrap_or_default();
                    once(
                        format!(
                            "  check_parameter {} {} {variable}",
                            shell_quote(region),
                            shell_quote(&name)
                        ),
                        s,
                    )
                }
                Ok(SecretSource::ParameterName(name)) => once(
                    format!(
                        "  check_parameter \"$REGION\" {} {variable}",
                        shell_quote(name)
                    ),
                    s,
                ),
                Err(_) => {}
            }
        }
        for permission in &service.app.permissions {
            match data_resource(&permission.resource) {
                Ok(DataResource::Bucket { name }) => {
                    once(format!("  check_bucket {}", shell_quote(name)), s)
                }
                Ok(DataResource::Table { .. }) => once(
                    format!("  check_table {}", shell_quote(&permission.resource)),
                    s,
                ),
                Err(_) => {}
            }
        }
    }
}
