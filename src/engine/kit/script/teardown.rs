//! The teardown: every stack deleted in reverse order, and what is kept.

use super::{output_of, push_line, stack, Stack};
use crate::engine::config::Config;
use crate::engine::exports::Output;
use crate::engine::kit::{removed_stacks, shell_quote, Update, BASELINE_FILE_NAME};
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
    s.push_str("\n# Safe order: the other services (they import the initial stack's exports), the initial\n# service (its distribution, VPC origin and roles), what Express Mode and CloudFront leave in\n# the VPC, the network, and the global stack last (the distributions used its web ACL and\n# certificate). CloudFront distributions take minutes to delete.\n");
    s.push_str("teardown() {\n  local yes=${1:-}\n  if [[ \"$yes\" != --yes ]]; then\n");
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
    delete_in_order(config, ids, false, s);
    s.push_str("  echo 'teardown complete (the ECR repositories and their images are kept)'\n}\n");
}

/// `./deploy.sh prune`: the stacks of the baseline that the design no longer has and that
/// exist, deleted in the teardown's order after the user agrees. Without a baseline, it
/// says that the kit knows none.
pub(super) fn prune(config: &Config, update: Option<&Update>, s: &mut String) {
    let Some(update) = update else {
        s.push_str("\nprune() {\n  echo 'this kit was made without a baseline (the design as deployed), so it knows no stack the design no longer has: download the zip from the page with the deployed design as its baseline, or run stackdraft zip stackdraft.json --base DEPLOYED.json --out FILE'\n}\n");
        return;
    };
    let base = update.base;
    let removed = removed_stacks(base, config);
    // The baseline's stacks are in its region, which may not be the design's.
    let region = if base.region == config.region {
        String::new()
    } else {
        format!("  local REGION={}\n", shell_quote(&base.region))
    };
    s.push_str(&format!("\n# The stacks of {BASELINE_FILE_NAME} that this design no longer has and that exist, one name per line.\nremoved_existing() {{\n{region}"));
    for &id in &removed {
        let stack = stack(base, id);
        push_line(
            s,
            &format!(
                "  if stack_exists {} {}; then echo {}; fi",
                stack.region, stack.name, stack.name
            ),
        );
    }
    s.push_str("  return 0\n}\n\n# Whether stack $1 is one of $existing.\nin_existing() { [[ $'\\n'\"$existing\"$'\\n' == *$'\\n'\"$1\"$'\\n'* ]]; }\n\n");
    s.push_str(&format!("prune() {{\n  local yes=${{1:-}} existing\n{region}  existing=$(removed_existing)\n  if [[ -z \"$existing\" ]]; then\n    echo 'no stack that {BASELINE_FILE_NAME} has and this design does not exists here'\n    return 0\n  fi\n  echo 'In {BASELINE_FILE_NAME} (the design as deployed) and not in this design; deleting a stack deletes what it created:'\n  echo \"   ${{existing//$'\\n'/$'\\n   '}}\"\n  if [[ \"$yes\" != --yes ]] && ! confirm delete \"Delete them (services first, the global stack last)? Type 'delete' to go on: \"; then\n    echo 'left in place: ./deploy.sh prune deletes them later'\n    return 0\n  fi\n"));
    delete_in_order(base, &removed, true, s);
    s.push_str("  echo 'the stacks the design no longer has are deleted'\n}\n");
}

/// The lines that delete stacks `ids` of `config` in the safe order. With `guard`, each
/// stack is deleted only when its name is in `$existing`.
fn delete_in_order(config: &Config, ids: &[StackId], guard: bool, s: &mut String) {
    let initial = StackId::Service(0);
    let initial_stack = stack(config, initial);
    let guarded = |stack: &Stack, line: String| -> String {
        if guard {
            format!("  if in_existing {}; then{line}; fi", stack.name)
        } else {
            format!(" {line}")
        }
    };
    let logs = crate::engine::render::design_logs_access(config) && ids.contains(&initial);
    s.push_str("  local vpc nat");
    if logs {
        s.push_str(" bucket");
    }
    s.push('\n');
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
        let again = if guard { "prune" } else { "teardown" };
        push_line(s, &format!("      echo 'nothing deleted: the bucket keeps its logs (download them, then run ./deploy.sh {again} again)'\n      return 1\n    fi\n  fi"));
    }
    let secondaries: Vec<Stack> = ids
        .iter()
        .rev()
        .filter(|id| matches!(id, StackId::Service(index) if *index > 0))
        .map(|&id| stack(config, id))
        .collect();
    for secondary in &secondaries {
        let line = format!(" start_delete {} {}", secondary.region, secondary.name);
        push_line(s, &guarded(secondary, line));
    }
    for secondary in &secondaries {
        let line = format!(
            " wait_deleted {} {} || return 1",
            secondary.region, secondary.name
        );
        push_line(s, &guarded(secondary, line));
    }
    if ids.contains(&initial) {
        let delete_initial = format!(
            "delete_stack {} {}",
            initial_stack.region, initial_stack.name
        );
        if logs {
            if guard {
                push_line(s, &format!("  if in_existing {}; then", initial_stack.name));
            }
            s.push_str("  if [[ \"$bucket\" != None ]]; then empty_bucket \"$bucket\"; fi\n");
            push_line(s, &format!("  if ! {delete_initial}; then"));
            s.push_str("    [[ \"$bucket\" != None ]] || return 1\n");
            s.push_str("    echo 'CloudFront may have delivered more logs while its distributions were deleted: emptying the bucket again'\n");
            push_line(
                s,
                &format!("    empty_bucket \"$bucket\"\n    {delete_initial} || return 1\n  fi"),
            );
            if guard {
                push_line(s, "  fi");
            }
        } else {
            push_line(
                s,
                &guarded(&initial_stack, format!(" {delete_initial} || return 1")),
            );
        }
    }
    if ids.contains(&StackId::Network) {
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
        let line = format!(
            " delete_stack {} {} || return 1",
            network.region, network.name
        );
        push_line(s, &guarded(&network, line));
    }
    if ids.contains(&StackId::Global) {
        let global = stack(config, StackId::Global);
        let line = format!(
            " delete_stack {} {} || return 1",
            global.region, global.name
        );
        push_line(s, &guarded(&global, line));
    }
}
