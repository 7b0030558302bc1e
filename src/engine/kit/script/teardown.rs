//! The teardown: every stack deleted in reverse order, and what is kept.

use super::{output_of, push_line, stack, Stack};
use crate::engine::config::Config;
use crate::engine::exports::Output;
use crate::engine::kit::shell_quote;
use crate::engine::render::{StackId, GLOBAL_REGION};

const TEARDOWN_FUNCTIONS: &str = r#"
start_delete() {
  echo "==> deleting $2 in $1"
  aws cloudformation delete-stack --region "$1" --stack-name "$2"
}

wait_deleted() {
  if ! aws cloudformation wait stack-delete-complete --region "$1" --stack-name "$2"; then
    fail "$2 was not deleted; its events say why: aws cloudformation describe-stack-events --region $1 --stack-name $2 --max-items 10"
    return 1
  fi
  echo "deleted $2"
}

delete_stack() { start_delete "$1" "$2" && wait_deleted "$1" "$2"; }

empty_bucket() {
  echo "==> emptying s3://$1"
  aws s3 rm "s3://$1" --recursive --region "$REGION" --only-show-errors
}

# Express Mode and CloudFront remove what they created in the VPC (the load balancer's and
# the VPC origin's network interfaces, their security groups) some minutes after the service
# stacks are gone, and the network stack cannot be deleted before. Waits for that, then lists
# what is left and deletes only what the user agrees to. The NAT gateway's own interfaces
# are the network stack's, deleted with it: they are told apart by the gateway's id, which
# their description names ("Interface for NAT Gateway nat-…"), not by RequesterManaged,
# which the load balancer's interfaces share.
release_vpc() {
  local vpc=$1 yes=$2 nat=$3 attempt interfaces groups
  for ((attempt = 1; attempt <= 20; attempt++)); do
    interfaces=$(aws ec2 describe-network-interfaces --region "$REGION" --filters "Name=vpc-id,Values=$vpc" \
      --query 'NetworkInterfaces[].[NetworkInterfaceId,Status,InterfaceType,Description]' --output text)
    if [[ -n "$nat" && "$nat" != None ]]; then
      interfaces=$(grep -v -F -- "$nat" <<<"$interfaces" || true)
    fi
    # Detached interfaces (status available) stay until someone deletes them: no use waiting.
    awk -F '\t' '$1 != "" && $2 != "available" { busy = 1 } END { exit !busy }' <<<"$interfaces" || break
    echo "  waiting for the network interfaces in use in $vpc to be removed (attempt $attempt of 20)"
    if ((attempt < 20)); then sleep 30; fi
  done
  groups=$(aws ec2 describe-security-groups --region "$REGION" --filters "Name=vpc-id,Values=$vpc" \
    --query "SecurityGroups[?GroupName!='default'].[GroupId,GroupName,Description]" --output text)
  if [[ -z "$interfaces" && -z "$groups" ]]; then
    echo "ok: $vpc holds only the network stack's resources"
    return 0
  fi
  {
    echo "Still in $vpc, and not created by this design's stacks (Express Mode, CloudFront's VPC origin or a"
    echo "CloudShell VPC environment created them, or you did); the network stack cannot be deleted while they exist:"
    if [[ -n "$interfaces" ]]; then
      echo "  network interfaces (id, status, type, description):"
      echo "    ${interfaces//$'\n'/$'\n    '}"
    fi
    if [[ -n "$groups" ]]; then
      echo "  security groups (id, name, description):"
      echo "    ${groups//$'\n'/$'\n    '}"
    fi
    echo "  an interface in use is removed by the service that created it once its resource is gone: wait, then run ./deploy.sh teardown again"
    echo "  a detached interface (status available) or a security group can be deleted:"
    echo "    aws ec2 delete-network-interface --region $REGION --network-interface-id ID"
    echo "    aws ec2 delete-security-group --region $REGION --group-id ID"
  } >&2
  local id status rest detached="" in_use="" group_ids=""
  while IFS=$'\t' read -r id status rest; do
    [[ -n "$id" ]] || continue
    if [[ "$status" == available ]]; then detached="$detached $id"; else in_use="$in_use $id"; fi
  done <<<"$interfaces"
  while IFS=$'\t' read -r id rest; do
    [[ -z "$id" ]] || group_ids="$group_ids $id"
  done <<<"$groups"
  if [[ -n "$in_use" ]]; then
    fail "interface(s)$in_use are still in use; the network stack is not deleted"
    return 1
  fi
  if [[ "$yes" == --yes ]]; then
    fail "not deleted: --yes does not cover what the stacks did not create; run ./deploy.sh teardown to be asked, or delete them yourself"
    return 1
  fi
  if ! confirm delete "Delete the interface(s)$detached and security group(s)$group_ids listed above? Type 'delete' to go on: "; then
    echo "left in place; the network stack is not deleted" >&2
    return 1
  fi
  for id in $detached; do
    aws ec2 delete-network-interface --region "$REGION" --network-interface-id "$id"
  done
  # A group that another group's rules name can only be deleted after that one: two passes.
  local pass left
  for pass in 1 2; do
    left=""
    for id in $group_ids; do
      aws ec2 delete-security-group --region "$REGION" --group-id "$id" 2>/dev/null || left="$left $id"
    done
    group_ids=$left
    [[ -n "$group_ids" ]] || break
    echo "  (pass $pass: retrying$group_ids)"
  done
  if [[ -n "$group_ids" ]]; then
    fail "security group(s)$group_ids could not be deleted: aws ec2 delete-security-group --region $REGION --group-id ID says why"
    return 1
  fi
}
"#;

pub(super) fn section(config: &Config, ids: &[StackId], s: &mut String) {
    s.push_str(TEARDOWN_FUNCTIONS);
    let initial = StackId::Service(0);
    let initial_stack = stack(config, initial);
    let logs = crate::engine::render::design_logs_access(config);
    s.push_str("\n# Safe order: the other services (they import the initial stack's exports), the initial\n# service (its distribution, VPC origin and roles), what Express Mode and CloudFront leave in\n# the VPC, the network, and the global stack last (the distributions used its web ACL and\n# certificate). CloudFront distributions take minutes to delete.\n");
    s.push_str("teardown() {\n  local yes=${1:-} vpc nat");
    if logs {
        s.push_str(" bucket");
    }
    s.push_str("\n  if [[ \"$yes\" != --yes ]]; then\n");
    let what = if ids.contains(&StackId::Global) {
        format!(
            "Delete every stack of this design in {} and {}? Type 'delete' to go on: ",
            config.region, GLOBAL_REGION
        )
    } else {
        format!(
            "Delete every stack of this design in {}? Type 'delete' to go on: ",
            config.region
        )
    };
    push_line(
        s,
        &format!(
            "    confirm delete {} || {{ echo 'nothing deleted'; return 1; }}\n  fi",
            shell_quote(&what)
        ),
    );
    if logs {
        push_line(
            s,
            &format!(
                "  bucket=$({})",
                output_of(config, initial, Output::AccessLogBucketName.key())
            ),
        );
        s.push_str("  if [[ \"$bucket\" != None ]]; then\n");
        s.push_str("    echo \"s3://$bucket holds the distributions' access logs. The initial stack deletes the bucket with it, and only an empty bucket can be deleted.\"\n");
        s.push_str("    echo \"  to keep the logs, download them first: aws s3 sync s3://$bucket ./access-logs --region $REGION\"\n");
        s.push_str("    if [[ \"$yes\" != --yes ]] && ! confirm empty \"Empty s3://$bucket now (its logs are deleted)? Type 'empty' to go on: \"; then\n");
        s.push_str("      echo 'nothing deleted: the bucket keeps its logs (download them, then run ./deploy.sh teardown again)'\n      return 1\n    fi\n  fi\n");
    }
    let secondaries: Vec<Stack> = (1..config.services.len())
        .rev()
        .map(|index| stack(config, StackId::Service(index)))
        .collect();
    for secondary in &secondaries {
        push_line(
            s,
            &format!("  start_delete {} {}", secondary.region, secondary.name),
        );
    }
    for secondary in &secondaries {
        push_line(
            s,
            &format!(
                "  wait_deleted {} {} || return 1",
                secondary.region, secondary.name
            ),
        );
    }
    let delete_initial = format!(
        "delete_stack {} {}",
        initial_stack.region, initial_stack.name
    );
    if logs {
        s.push_str("  if [[ \"$bucket\" != None ]]; then empty_bucket \"$bucket\"; fi\n");
        push_line(s, &format!("  if ! {delete_initial}; then"));
        s.push_str("    [[ \"$bucket\" != None ]] || return 1\n");
        s.push_str("    echo 'CloudFront may have delivered more logs while its distributions were deleted: emptying the bucket again'\n");
        push_line(
            s,
            &format!("    empty_bucket \"$bucket\"\n    {delete_initial} || return 1\n  fi"),
        );
    } else {
        push_line(s, &format!("  {delete_initial} || return 1"));
    }
    let network = stack(config, StackId::Network);
    push_line(
        s,
        &format!(
            "  vpc=$({})",
            output_of(config, StackId::Network, Output::VpcId.key())
        ),
    );
    push_line(
        s,
        &format!(
            "  nat=$({})",
            output_of(config, StackId::Network, Output::RegionalNatGatewayId.key())
        ),
    );
    s.push_str("  if [[ \"$vpc\" != None ]]; then release_vpc \"$vpc\" \"$yes\" \"$nat\" || return 1; fi\n");
    push_line(
        s,
        &format!(
            "  delete_stack {} {} || return 1",
            network.region, network.name
        ),
    );
    if ids.contains(&StackId::Global) {
        let global = stack(config, StackId::Global);
        push_line(
            s,
            &format!(
                "  delete_stack {} {} || return 1",
                global.region, global.name
            ),
        );
    }
    s.push_str("  echo 'teardown complete (the ECR repositories and their images are kept)'\n}\n");
}
