//! The smoke tests run against the deployed stacks.

use super::{output_of, push_line};
use crate::engine::config::{Config, Nat};
use crate::engine::exports::{Export, Output};
use crate::engine::kit::shell_quote;
use crate::engine::render::StackId;

const SMOKE_FUNCTIONS: &str = r#"
# GET a URL and print the response headers, retrying while it does not answer or answers 5xx
# (a new service or distribution takes minutes to be reachable). Returns 6 (curl's code) when
# the host name does not resolve, 1 when it never answered.
fetch_headers() {
  local url=$1 attempt headers rc
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    rc=0
    headers=$(curl -sS --max-time 15 -o /dev/null -D - "$url" 2>/dev/null) || rc=$?
    if ((rc == 6)); then return 6; fi
    if ((rc == 0)) && ! grep -qE '^HTTP/[0-9.]+ 5[0-9][0-9]' <<<"$headers"; then break; fi
    if ((rc == 0)); then
      echo "  (attempt $attempt: $url: $(head -n 1 <<<"$headers" | tr -d '\r'))" >&2
    else
      echo "  (attempt $attempt: $url not answering yet)" >&2
    fi
    if ((attempt < 10)); then sleep 15; fi
  done
  ((rc == 0)) || return 1
  printf '%s\n' "$headers"
}

# CloudFront answers 502/504 when the load balancer does not answer its VPC origin.
explain_gateway_error() {
  local url=$1 status=$2 groups=$3 vpc=$4
  fail "$url: CloudFront answered $status: it got no answer from the internal load balancer through the VPC origin"
  echo "  likely cause: the load balancer's security groups ($groups) do not admit HTTPS from CloudFront's VPC origin, whose network interfaces in the VPC carry a security group CloudFront creates (or from CloudFront's origin-facing managed prefix list)" >&2
  echo "  their inbound rules: aws ec2 describe-security-groups --region $REGION --group-ids ${groups//,/ } --query 'SecurityGroups[].[GroupId,IpPermissions]' --output json" >&2
  echo "  the VPC's security groups, CloudFront's among them: aws ec2 describe-security-groups --region $REGION --filters Name=vpc-id,Values=$vpc --query 'SecurityGroups[].[GroupId,GroupName,Description]' --output text" >&2
  echo "  DEPLOY.md ('CloudFront answers 502 or 504') says how to admit it" >&2
}

# A 200 with a 'via: ... (CloudFront)' header on the health check path. Returns 6 when the
# host name does not resolve.
check_cloudfront() {
  local base=$1 path=$2 groups=$3 vpc=$4 headers status rc=0
  echo "--> $base$path"
  headers=$(fetch_headers "$base$path") || rc=$?
  if ((rc == 6)); then return 6; fi
  if ((rc != 0)); then
    fail "$base$path did not answer"
    return 1
  fi
  status=$(head -n 1 <<<"$headers" | sed -E 's/^HTTP\/[0-9.]+ ([0-9]+).*/\1/')
  case "$status" in
    200) ;;
    502 | 504)
      explain_gateway_error "$base$path" "$status" "$groups" "$vpc"
      return 1
      ;;
    *)
      fail "$base$path: $(head -n 1 <<<"$headers" | tr -d '\r')"
      return 1
      ;;
  esac
  if ! grep -qiE '^via: .*\(CloudFront\)' <<<"$headers"; then
    fail "$base$path answered without a 'via: ... (CloudFront)' header"
    return 1
  fi
  echo "ok: 200 through CloudFront"
}

check_distribution() {
  local url=$1 rc=0
  if [[ "$url" == None ]]; then
    echo "skip: the stack has no distribution (deployed with CreateCloudFront=false?)"
    return 0
  fi
  check_cloudfront "$@" || rc=$?
  if ((rc == 6)); then fail "$url does not resolve"; fi
  return "$rc"
}

# An alias answers once its DNS record resolves.
check_alias() {
  local alias=$1 distribution=$2 rc=0
  shift 2
  [[ "$distribution" != None ]] || return 0
  check_cloudfront "$alias" "$@" || rc=$?
  if ((rc == 6)); then
    echo "skip: ${alias#https://} does not resolve yet (its DNS record must point at $distribution)"
    return 0
  fi
  return "$rc"
}

# The test app's /api/ipify/ returns the task's public egress IP: it must be a NAT address.
check_egress() {
  local base=$1 nat_ips=$2 body ip
  [[ "$base" != None ]] || return 0
  body=$(curl -sS --max-time 20 "$base/api/ipify/") || { fail "$base/api/ipify/ did not answer"; return 1; }
  ip=$(sed -n 's/.*"ip" *: *"\([0-9a-fA-F.:]*\)".*/\1/p' <<<"$body")
  if [[ -z "$ip" ]]; then
    echo "skip: $base/api/ipify/ is not the Stackdraft test app (answer: ${body:0:80})"
    return 0
  fi
  if [[ " $nat_ips " == *" $ip "* ]]; then
    echo "ok: egress through the NAT gateway ($ip)"
  else
    fail "egress IP $ip is not one of the NAT gateway's ($nat_ips)"
    return 1
  fi
}

# The test app's /api/config/ lists the names of the variables its task got (never their
# values): each of the service's environment variables and secrets must be among them.
check_config() {
  local base=$1 body name missing=""
  shift
  [[ "$base" != None ]] || return 0
  body=$(curl -sS --max-time 20 "$base/api/config/") || { fail "$base/api/config/ did not answer"; return 1; }
  if [[ "$body" != *'"variables"'* ]]; then
    echo "skip: $base/api/config/ is not the Stackdraft test app (answer: ${body:0:80})"
    return 0
  fi
  for name in "$@"; do
    [[ "$body" == *"\"$name\""* ]] || missing="$missing $name"
  done
  if [[ -n "$missing" ]]; then
    fail "the task did not get$missing: a secret the execution role cannot read stops the task before it starts (its reason: aws ecs describe-tasks --query 'tasks[].stoppedReason')"
    return 1
  fi
  echo "ok: the task got its variables and secrets ($*)"
}

# A manual NAT gateway serves only the zones it lists. ECS names a task's zone by name,
# which maps to a zone ID differently in each account, so both sides are compared as IDs:
# the zones of the subnets at the listed indices, and the zones the tasks run in.
check_nat_zones() {
  local listed=$1 services=$2 served service tasks names ids id missing=""
  # shellcheck disable=SC2086
  served=$(aws ec2 describe-subnets --region "$REGION" --subnet-ids ${listed//,/ } \
    --query 'Subnets[].AvailabilityZoneId' --output text 2>/dev/null) || served=
  if [[ -z "$served" || "$served" == None ]]; then
    echo "warn: could not read the zones of the NAT gateway's subnets ($listed)"
    return 0
  fi
  served=${served//$'\t'/ }
  for service in $services; do
    tasks=$(aws ecs list-tasks --region "$REGION" --cluster default --service-name "$service" \
      --query 'taskArns' --output text 2>/dev/null) || tasks=
    [[ -n "$tasks" && "$tasks" != None ]] || continue
    # shellcheck disable=SC2086
    names=$(aws ecs describe-tasks --region "$REGION" --cluster default --tasks $tasks \
      --query 'tasks[].availabilityZone' --output text 2>/dev/null) || names=
    [[ -n "$names" && "$names" != None ]] || continue
    # shellcheck disable=SC2086
    ids=$(aws ec2 describe-availability-zones --region "$REGION" --zone-names $names \
      --query 'AvailabilityZones[].ZoneId' --output text 2>/dev/null) || ids=
    for id in $ids; do
      [[ " $served " == *" $id "* ]] || missing="$missing $service:$id"
    done
  done
  if [[ -n "$missing" ]]; then
    fail "tasks run in zones the NAT gateway does not list (service:zone$missing; it serves $served): in manual mode a Regional NAT Gateway serves only the zones it lists, so those tasks may have no IPv4 egress"
    echo "  list every subnet's zone in network.nat.azs (or use automatic mode) and deploy the network stack again" >&2
    return 1
  fi
  echo "ok: every task runs in a zone the NAT gateway lists ($served)"
}

# The VPC's flow log delivers to CloudWatch Logs (DeliverLogsStatus SUCCESS).
check_flow_logs() {
  local vpc=$1 status
  status=$(aws ec2 describe-flow-logs --region "$REGION" --filter "Name=resource-id,Values=$vpc" \
    --query 'FlowLogs[0].DeliverLogsStatus' --output text 2>/dev/null) || status=
  if [[ "$status" == SUCCESS ]]; then
    echo "ok: the VPC's flow log delivers to CloudWatch Logs"
    return 0
  fi
  fail "the VPC's flow log delivery status is ${status:-unknown}, not SUCCESS"
  echo "  its error: aws ec2 describe-flow-logs --region $REGION --filter Name=resource-id,Values=$vpc --query 'FlowLogs[0].DeliverLogsErrorMessage'" >&2
  return 1
}

# CloudFront delivers a distribution's standard logs usually within an hour, sometimes up to
# 24 hours later: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logs-reference.html
# The smoke test does not wait that long: it says whether a log has arrived yet, and how to
# look again.
check_access_logs() {
  local bucket=$1 prefix=$2 count
  if [[ "$bucket" == None ]]; then
    fail "the initial stack outputs no access log bucket: is it deployed? (./deploy.sh)"
    return 1
  fi
  count=$(aws s3api list-objects-v2 --bucket "$bucket" --prefix "$prefix" --max-items 1 \
    --query 'length(Contents || `[]`)' --output text 2>/dev/null) || count=
  if [[ "$count" =~ ^[1-9] ]]; then
    echo "ok: access logs arrive in s3://$bucket/$prefix"
    return 0
  fi
  echo "skip: no access log in s3://$bucket/$prefix yet: CloudFront delivers standard logs usually within an hour of the requests (sometimes up to 24 hours); look again later: aws s3api list-objects-v2 --bucket $bucket --prefix $prefix --max-items 1"
}

# Every service must be on the initial service's load balancer: the distributions reach
# their services through the initial stack's VPC origin, which points at that one.
check_load_balancer() {
  local stack=$1 arn=$2 initial=$3 distribution=$4
  if [[ "$arn" == None || "$initial" == None ]]; then
    fail "$stack or the initial stack outputs no load balancer: are both deployed? (./deploy.sh)"
    return 1
  fi
  if [[ "$arn" == "$initial" ]]; then
    echo "ok: $stack shares the initial service's load balancer"
    return 0
  fi
  if [[ "$distribution" != yes ]]; then
    echo "warn: $stack is on load balancer $arn, not the initial service's ($initial): it has no distribution, so nothing breaks, but the design pays for a second load balancer"
    return 0
  fi
  fail "$stack is on load balancer $arn, not on the initial service's ($initial)"
  echo "  its distribution reaches it through the initial stack's VPC origin, which points at the initial service's load balancer: its requests would reach a load balancer that does not route its endpoint" >&2
  echo "  Express Mode picks the load balancer when it creates a service, and shares one among services on the same subnets; to have it placed again, delete the stack and deploy again:" >&2
  echo "    aws cloudformation delete-stack --region $REGION --stack-name $stack && aws cloudformation wait stack-delete-complete --region $REGION --stack-name $stack && ./deploy.sh" >&2
  echo "  if it lands on another load balancer again, the initial service's may be full (DEPLOY.md, 'One load balancer')" >&2
  return 1
}
"#;

pub(super) fn section(config: &Config, s: &mut String) {
    s.push_str(SMOKE_FUNCTIONS);
    let network = StackId::Network;
    let initial = StackId::Service(0);
    let several = config.services.len() > 1;
    let distributions = config.services.iter().any(|s| s.cloudfront.enabled);
    let access_logs = crate::engine::render::design_logs_access(config);
    s.push_str("\nsmoke() {\n  local failures=0 nat_id nat_ips vpc");
    if several {
        s.push_str(" initial_lb");
    }
    if distributions {
        s.push_str(" lb_groups url");
    }
    if access_logs {
        s.push_str(" bucket");
    }
    s.push('\n');
    push_line(
        s,
        &format!(
            "  nat_id=$({})",
            output_of(config, network, Output::RegionalNatGatewayId.key())
        ),
    );
    s.push_str("  nat_ips=$(aws ec2 describe-nat-gateways --region \"$REGION\" --nat-gateway-ids \"$nat_id\" \\\n    --query 'NatGateways[0].NatGatewayAddresses[].PublicIp' --output text 2>/dev/null) || nat_ips=\n");
    s.push_str("  echo \"NAT gateway public IPs: $nat_ips\"\n");
    push_line(
        s,
        &format!(
            "  vpc=$({})",
            output_of(config, network, Output::VpcId.key())
        ),
    );
    if several {
        push_line(
            s,
            &format!(
                "  initial_lb=$({})",
                output_of(config, initial, Output::LoadBalancerArn.key())
            ),
        );
    }
    if distributions {
        push_line(
            s,
            &format!(
                "  lb_groups=$({})",
                output_of(config, initial, Output::LoadBalancerSecurityGroups.key())
            ),
        );
    }
    let count = "|| failures=$((failures + 1))";
    if config.network.flow_logs {
        push_line(s, &format!("  check_flow_logs \"$vpc\" {count}"));
    }
    if let Nat::Manual { azs } = &config.network.nat {
        let listed: Vec<String> = azs
            .iter()
            .map(|&az| {
                format!(
                    "$({})",
                    output_of(
                        config,
                        network,
                        &Export::PrivateSubnet(az as usize).suffix()
                    )
                )
            })
            .collect();
        let services: Vec<String> = config
            .services
            .iter()
            .map(|s| {
                crate::engine::derived_names::deployed(
                    crate::engine::derived_names::ECS_SERVICE_NAME,
                    &s.name,
                    &config.region,
                )
            })
            .collect();
        push_line(
            s,
            &format!(
                "  check_nat_zones \"{}\" {} {count}",
                listed.join(","),
                shell_quote(&services.join(" "))
            ),
        );
    }
    if access_logs {
        push_line(
            s,
            &format!(
                "  bucket=$({})",
                output_of(config, initial, Output::AccessLogBucketName.key())
            ),
        );
    }
    for (index, service) in config.services.iter().enumerate() {
        let id = StackId::Service(index);
        let name = shell_quote(&service.name);
        let health = shell_quote(&service.health_check_path);
        push_line(
            s,
            &format!("  echo {}", shell_quote(&format!("-- {}", service.name))),
        );
        if index > 0 {
            push_line(
                s,
                &format!(
                    "  check_load_balancer {name} \"$({})\" \"$initial_lb\" {} {count}",
                    output_of(config, id, Output::LoadBalancerArn.key()),
                    if service.cloudfront.enabled {
                        "yes"
                    } else {
                        "no"
                    }
                ),
            );
        }
        if service.cloudfront.enabled {
            push_line(
                s,
                &format!(
                    "  url=$({})",
                    output_of(config, id, Output::CloudFrontUrl.key())
                ),
            );
            push_line(
                s,
                &format!("  check_distribution \"$url\" {health} \"$lb_groups\" \"$vpc\" {count}"),
            );
            push_line(s, &format!("  check_egress \"$url\" \"$nat_ips\" {count}"));
            let names = variable_names(service);
            if !names.is_empty() {
                push_line(
                    s,
                    &format!("  check_config \"$url\" {} {count}", names.join(" ")),
                );
            }
            if access_logs {
                push_line(
                    s,
                    &format!(
                        "  check_access_logs \"$bucket\" {} {count}",
                        shell_quote(&format!("{}/", service.name))
                    ),
                );
            }
            if let Some(alias) = service.alias(config.domain.as_ref()) {
                push_line(
                    s,
                    &format!(
                        "  check_alias {} \"$url\" {health} \"$lb_groups\" \"$vpc\" {count}",
                        shell_quote(&format!("https://{alias}"))
                    ),
                );
            }
        } else {
            push_line(
                s,
                &format!(
                    "  echo {}",
                    shell_quote(&format!(
                        "skip: {} has no CloudFront distribution",
                        service.name
                    ))
                ),
            );
        }
        push_line(
            s,
            &format!(
                "  echo \"in-VPC check, from a CloudShell VPC environment in $vpc (DEPLOY.md): curl -sv https://$({})\"{health}",
                output_of(config, id, Output::ServiceEndpoint.key())
            ),
        );
    }
    s.push_str("  if ((failures > 0)); then\n    echo \"smoke: $failures check(s) failed\" >&2\n    return 1\n  fi\n  echo 'smoke: all checks passed'\n}\n");
}

/// The names of a service's variables and secrets, as shell words, for `check_config`.
fn variable_names(service: &crate::engine::config::Service) -> Vec<String> {
    let app = &service.app;
    app.environment
        .iter()
        .map(|v| v.name.as_str())
        .chain(app.secrets.iter().map(|v| v.name.as_str()))
        .map(shell_quote)
        .collect()
}
