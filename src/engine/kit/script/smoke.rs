//! The smoke tests run against the deployed stacks.

use super::{output_of, push_line};
use crate::engine::config::Config;
use crate::engine::exports::Output;
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
    s.push_str("\nsmoke() {\n  local failures=0 nat_id nat_ips vpc");
    if several {
        s.push_str(" initial_lb");
    }
    if distributions {
        s.push_str(" lb_groups url");
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
