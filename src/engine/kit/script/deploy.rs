//! The deployment in order, the global stack's outputs passed on, and the outputs shown.

use super::{output_of, push_line, stack, variable};
use crate::engine::config::Config;
use crate::engine::kit::{
    deploy_flags, removed_stacks, shell_quote, template_file, Update, BASELINE_FILE_NAME,
    UPDATE_FILE_NAME,
};
use crate::engine::render::{stack_name, stack_region, StackId, LEGACY_SHARED_ROLES_PARAMETER};
use crate::engine::update::diff::{Prediction, StackChange};

/// Whether a stack still imports the IAM roles every service shared before each had its
/// own (a stack rendered by an earlier build): `true` keeps them for this deploy. An export
/// that no stack imports makes `list-imports` fail with "Export '…' is not imported by any
/// stack." (AWS's message as CloudFormation returns it; the API reference names no error
/// for it), so any other failure keeps them too, which is always safe.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ListImports.html
const LEGACY_SHARED_ROLES_FUNCTION: &str = r#"legacy_shared_roles() {
  local initial=$1 name out
  for name in "$initial-TaskRoleArn" "$initial-TaskExecutionRoleArn"; do
    if ! out=$(aws cloudformation list-exports --region "$REGION" \
      --query "Exports[?Name=='$name'].Name" --output text 2>&1); then
      echo "note: could not list the exports in $REGION ($out); keeping the shared roles of earlier builds" >&2
      echo true
      return 0
    fi
    [[ -z "$out" || "$out" == None ]] && continue
    if out=$(aws cloudformation list-imports --region "$REGION" --export-name "$name" \
      --query 'Imports' --output text 2>&1); then
      if [[ -n "$out" && "$out" != None ]]; then
        echo "note: $name of an earlier build is imported by: $out" >&2
        echo true
        return 0
      fi
    elif [[ "$out" != *"is not imported by any stack"* ]]; then
      echo "note: could not list the stacks that import $name ($out); keeping the shared roles" >&2
      echo true
      return 0
    fi
  done
  echo false
}

"#;

/// Deploys one stack. A stack that exists is updated through a change set made exactly as
/// the deploy makes it; when it replaces or removes a resource (DescribeChangeSet's
/// `Replacement` `True` or `Conditional`, or `Action` `Remove`) the script lists them and
/// asks before executing it, unless `./deploy.sh --yes`. A new stack, and every stack with
/// `--yes`, is deployed at once.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html
const DEPLOY_STACK_FUNCTION: &str = r#"
deploy_stack() {
  local region=$1 stack=$2 template=$3 out changeset risky line
  shift 3
  echo "==> deploying $stack in $region"
  if [[ $ASSUME_YES == true ]] || ! aws cloudformation describe-stacks --region "$region" \
    --stack-name "$stack" --query 'Stacks[0].StackStatus' --output text >/dev/null 2>&1; then
    aws cloudformation deploy --region "$region" --stack-name "$stack" \
      --template-file "$template" --no-fail-on-empty-changeset "$@"
    return
  fi
  if ! out=$(aws cloudformation deploy --region "$region" --stack-name "$stack" \
    --template-file "$template" --no-execute-changeset --no-fail-on-empty-changeset "$@" 2>&1); then
    fail "CloudFormation could not make a change set for $stack: $out"
    return 1
  fi
  changeset=$(grep -o 'arn:aws[a-z-]*:cloudformation:[^[:space:]]*' <<<"$out" | head -n 1 || true)
  if [[ -z "$changeset" ]]; then
    echo "   no changes"
    return 0
  fi
  risky=$(aws cloudformation describe-change-set --region "$region" --change-set-name "$changeset" \
    --query "Changes[?ResourceChange.Action=='Remove' || ResourceChange.Replacement=='True' || ResourceChange.Replacement=='Conditional'].ResourceChange.[Action,LogicalResourceId,ResourceType,Replacement]" \
    --output text)
  if [[ -n "$risky" ]]; then
    echo "This update of $stack replaces or removes (Action LogicalResourceId ResourceType Replacement):"
    while IFS= read -r line; do echo "   $line"; done <<<"$risky"
    if ! confirm yes "Type yes to update $stack (anything else stops here): "; then
      aws cloudformation delete-change-set --region "$region" --change-set-name "$changeset" >/dev/null || true
      fail "$stack was not updated; nothing after it was deployed (./deploy.sh --yes does not ask)"
      return 1
    fi
  fi
  aws cloudformation execute-change-set --region "$region" --change-set-name "$changeset"
  if ! aws cloudformation wait stack-update-complete --region "$region" --stack-name "$stack"; then
    fail "CloudFormation did not update $stack (it rolled back; nothing after it was deployed); its events say why: aws cloudformation describe-stack-events --region $region --stack-name $stack --max-items 10"
    return 1
  fi
}

"#;

pub(super) fn section(config: &Config, ids: &[StackId], update: Option<&Update>, s: &mut String) {
    s.push_str(DEPLOY_STACK_FUNCTION);
    s.push_str("require_output() {\n  [[ -n \"$2\" && \"$2\" != None ]] || { fail \"the global stack has no $1 output\"; return 1; }\n}\n\n");
    s.push_str(LEGACY_SHARED_ROLES_FUNCTION);
    let initial = StackId::Service(0);
    let initial_name = shell_quote(&stack_name(config, initial));
    s.push_str("deploy_all() {\n  if [[ \"${1:-}\" == --yes ]]; then ASSUME_YES=true; fi\n  preflight || return 1\n");
    if let Some(update) = update.filter(|u| !u.prediction.blockers.is_empty()) {
        refused(update, s);
    }
    each_stack(config, ids, "deploy_stack", None, true, s);
    // Once the service stacks no longer import the shared roles of an earlier build, the
    // initial stack drops them (CloudFormation refuses while a stack imports them).
    push_line(s, "  if [[ $legacy_roles == true ]]; then");
    push_line(
        s,
        &format!("    legacy_roles=$(legacy_shared_roles {initial_name})"),
    );
    push_line(s, "    if [[ $legacy_roles == true ]]; then");
    push_line(
        s,
        &format!(
            "      echo \"note: a stack outside this design still imports the shared roles of {}; they stay until it no longer does (then run ./deploy.sh again)\"",
            stack_name(config, initial)
        ),
    );
    push_line(s, "    else");
    push_line(
        s,
        "      echo '==> no stack imports the shared roles of an earlier build any more: removing them'",
    );
    push_line(
        s,
        &format!(
            "    {}",
            stack_line(config, initial, "deploy_stack", "false")
        ),
    );
    push_line(s, "    fi\n  fi");
    if update.is_some_and(|u| !removed_stacks(u.base, config).is_empty()) {
        push_line(s, "  if [[ $ASSUME_YES == true ]]; then\n    local existing\n    existing=$(removed_existing)");
        push_line(s, &format!("    [[ -z \"$existing\" ]] || echo \"note: --yes deletes no stack; these of {BASELINE_FILE_NAME} are not in this design: ${{existing//$'\\n'/ }} (./deploy.sh prune deletes them, asking first)\""));
        push_line(s, "  elif ! prune; then\n    fail 'the stacks of the design are deployed; deleting those it no longer has did not finish (above): ./deploy.sh prune tries again'\n    return 1\n  fi");
    }
    push_line(
        s,
        &format!(
            "  echo 'deployed {} stack(s); next: ./deploy.sh smoke'\n}}",
            ids.len()
        ),
    );
}

/// What the prediction says CloudFormation will refuse, told before anything is deployed;
/// the user may go on (the baseline may not be what is deployed), `--yes` goes on.
fn refused(update: &Update, s: &mut String) {
    push_line(
        s,
        &format!("  echo 'Stackdraft predicts that CloudFormation refuses this update as it stands (from {BASELINE_FILE_NAME}, the design as deployed; {UPDATE_FILE_NAME} says what to do):'"),
    );
    for line in blocker_lines(update) {
        push_line(s, &format!("  echo {}", shell_quote(&line)));
    }
    push_line(s, "  if [[ $ASSUME_YES != true ]] && ! confirm yes 'Type yes to deploy anyway (anything else stops here): '; then\n    echo 'nothing deployed'\n    return 1\n  fi");
}

/// Each blocker of the prediction as one line: its stack, its code, its message.
fn blocker_lines(update: &Update) -> Vec<String> {
    update
        .prediction
        .blockers
        .iter()
        .map(|b| format!("   {} ({}): {}", b.stack, b.kind.id(), b.message))
        .collect()
}

/// The lines of `deploy_all` and `plan_all` that run `command` for every stack in deploy
/// order: the shared roles' switch decided first, the global stack's outputs read right
/// after it (and, with `require`, checked: `plan_stack` says itself what it cannot plan).
fn each_stack(
    config: &Config,
    ids: &[StackId],
    command: &str,
    update: Option<&Update>,
    require: bool,
    s: &mut String,
) {
    let initial_name = shell_quote(&stack_name(config, StackId::Service(0)));
    push_line(
        s,
        &format!("  local legacy_roles\n  legacy_roles=$(legacy_shared_roles {initial_name})"),
    );
    let globals = crate::engine::render::global_outputs(config);
    if !globals.is_empty() {
        let names: Vec<String> = globals.iter().map(variable).collect();
        push_line(s, &format!("  local {}", names.join(" ")));
    }
    for &id in ids {
        if let Some(update) = update {
            push_line(s, &expect_line(config, id, update.prediction));
        }
        push_line(s, &stack_line(config, id, command, "$legacy_roles"));
        if id != StackId::Global {
            continue;
        }
        for output in &globals {
            push_line(
                s,
                &format!(
                    "  {}=$({})",
                    variable(output),
                    output_of(config, id, &output.key())
                ),
            );
            if require {
                push_line(
                    s,
                    &format!(
                        "  require_output {} \"${}\" || return 1",
                        output.key(),
                        variable(output)
                    ),
                );
            }
        }
    }
}

/// `COMMAND REGION STACK TEMPLATE FLAGS…` for stack `id`: the global stack's outputs from
/// their shell variables, every other parameter with the design's value, and for the
/// initial stack the shared roles' switch `legacy`.
fn stack_line(config: &Config, id: StackId, command: &str, legacy: &str) -> String {
    let stack = stack(config, id);
    let mut line = format!(
        "  {command} {} {} {}",
        stack.region,
        stack.name,
        shell_quote(&template_file(config, id))
    );
    line.push_str(&deploy_flags(config, id, &|output| {
        format!("\"{}=${}\"", output.parameter(), variable(&output))
    }));
    if id == StackId::Service(0) {
        if !line.contains(" --parameter-overrides") {
            line.push_str(" --parameter-overrides");
        }
        line.push_str(&format!(" \"{LEGACY_SHARED_ROLES_PARAMETER}={legacy}\""));
    }
    line
}

/// `./deploy.sh plan`: CloudFormation's own answer for each stack that exists, in deploy
/// order: a change set made exactly as the deploy would make it (`aws cloudformation deploy
/// --no-execute-changeset`, the same parameters), printed as Action, LogicalResourceId,
/// ResourceType and Replacement per change, then deleted. A stack that does not exist is
/// listed as to be created, without a change set: a CREATE change set leaves an empty stack
/// in REVIEW_IN_PROGRESS, and a service stack cannot be planned before the exports it
/// imports exist.
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html
pub(super) fn plan(config: &Config, ids: &[StackId], update: Option<&Update>, s: &mut String) {
    s.push_str(PLAN_STACK_FUNCTION);
    s.push_str("plan_all() {\n");
    each_stack(config, ids, "plan_stack", update, false, s);
    let Some(update) = update else {
        push_line(
            s,
            "  echo 'note: a change set does not report an export another stack imports, nor a name (a CloudFront alias, a DNS record) another stack holds; this kit was made without a baseline, so it predicts none: stackdraft diff DEPLOYED.json stackdraft.json, or the Update impact section of the page, predicts those'\n}",
        );
        return;
    };
    if !removed_stacks(update.base, config).is_empty() {
        push_line(
            s,
            "  local existing name\n  existing=$(removed_existing)\n  while IFS= read -r name; do",
        );
        push_line(s, &format!("    [[ -z \"$name\" ]] || echo \"== $name: in {BASELINE_FILE_NAME}, not in this design: ./deploy.sh deletes it once the rest is deployed, if you agree (./deploy.sh prune on its own)\""));
        push_line(s, "  done <<<\"$existing\"");
    }
    if update.prediction.blockers.is_empty() {
        push_line(s, &format!("  echo 'Stackdraft predicts no refusal that a change set cannot show (an export in use, a fixed name to replace, a name an old resource holds), from {BASELINE_FILE_NAME}'"));
    } else {
        push_line(s, &format!("  echo 'Stackdraft predicts that CloudFormation refuses, which a change set does not show (from {BASELINE_FILE_NAME}; {UPDATE_FILE_NAME} says what to do):'"));
        for line in blocker_lines(update) {
            push_line(s, &format!("  echo {}", shell_quote(&line)));
        }
    }
    push_line(s, "}");
}

/// `expect CHANGE 'LogicalId change'…`: the prediction for the stack `plan_stack` plans
/// next: the stack's change, then each resource's.
fn expect_line(config: &Config, id: StackId, prediction: &Prediction) -> String {
    let (name, region) = (stack_name(config, id), stack_region(config, id));
    let Some(stack) = prediction
        .stacks
        .iter()
        .find(|s| s.stack == name && s.region == region)
    else {
        return "  expect none".into();
    };
    let mut line = format!("  expect {}", stack.change.id());
    if stack.change == StackChange::Update {
        for resource in &stack.resources {
            line.push(' ');
            line.push_str(&shell_quote(&format!(
                "{} {}",
                resource.id,
                resource.change.id()
            )));
        }
    }
    line
}

const PLAN_STACK_FUNCTION: &str = r#"
# Stackdraft's prediction for the next plan_stack, from baseline.json: the stack's change
# (create, update, none), then one "LogicalId change" line per resource; none without a baseline.
PREDICTED_STACK=
PREDICTED=
expect() {
  PREDICTED_STACK=$1
  shift
  PREDICTED=$(printf '%s\n' "$@")
}

# Compares CloudFormation's changes (Action LogicalResourceId ResourceType Replacement per
# line, on standard input) with the prediction, and says where they differ. Replacement
# Conditional (CloudFormation cannot tell before it runs) and Action Dynamic agree with either.
compare_prediction() {
  local action id replacement got want pid pchange seen=" " differ=false
  [[ -n "$PREDICTED_STACK" ]] || return 0
  while read -r action id _ replacement; do
    [[ -n "$id" ]] || continue
    case "$action/$replacement" in
      Add/*) got=add ;;
      Remove/*) got=remove ;;
      Modify/True) got=replace ;;
      Modify/False) got=modify ;;
      *) got=either ;;
    esac
    want=
    while read -r pid pchange; do
      if [[ "$pid" == "$id" ]]; then want=$pchange; fi
    done <<<"$PREDICTED"
    seen="$seen$id "
    if [[ "$got" == "$want" || ( "$got" == either && ( "$want" == modify || "$want" == replace ) ) ]]; then
      continue
    fi
    echo "   differs: CloudFormation: $action $id (Replacement $replacement); Stackdraft predicted ${want:-no change}"
    differ=true
  done
  while read -r pid pchange; do
    [[ -n "$pid" && "$seen" != *" $pid "* ]] || continue
    echo "   differs: Stackdraft predicted $pchange $pid; CloudFormation reports no change to it"
    differ=true
  done <<<"$PREDICTED"
  if [[ $differ == true ]]; then
    echo "   (they differ when baseline.json is not what is deployed here; CloudFormation's answer is the one that runs)"
  else
    echo "   as Stackdraft predicted"
  fi
}

# Prints CloudFormation's change set for one stack that exists, compared with the
# prediction when there is one, then deletes it.
plan_stack() {
  local region=$1 stack=$2 template=$3 out changeset changes
  shift 3
  if ! stack_exists "$region" "$stack"; then
    echo "== $stack ($region): to be created (no change set before it exists)"
    if [[ "$PREDICTED_STACK" == update || "$PREDICTED_STACK" == none ]]; then
      echo "   differs: baseline.json has $stack, but it does not exist here: baseline.json is not what is deployed in this account"
    fi
    return 0
  fi
  if [[ " $* " == *"=None "* ]]; then
    echo "== $stack ($region): cannot be planned until the global stack has its outputs"
    return 0
  fi
  echo "== $stack ($region)"
  if [[ "$PREDICTED_STACK" == create ]]; then
    echo "   differs: baseline.json has no $stack, yet a stack of that name exists here; deploying updates it (is it another design's?)"
    PREDICTED_STACK=
  fi
  if ! out=$(aws cloudformation deploy --region "$region" --stack-name "$stack" \
    --template-file "$template" --no-execute-changeset --no-fail-on-empty-changeset "$@" 2>&1); then
    fail "CloudFormation could not make a change set for $stack: $out"
    return 1
  fi
  changeset=$(grep -o 'arn:aws[a-z-]*:cloudformation:[^[:space:]]*' <<<"$out" | head -n 1 || true)
  if [[ -z "$changeset" ]]; then
    echo "   no changes"
    compare_prediction </dev/null
    return 0
  fi
  changes=$(aws cloudformation describe-change-set --region "$region" --change-set-name "$changeset" \
    --query 'Changes[].ResourceChange.[Action,LogicalResourceId,ResourceType,Replacement]' \
    --output text)
  echo "   Action  LogicalResourceId  ResourceType  Replacement"
  echo "   ${changes//$'\n'/$'\n   '}"
  compare_prediction <<<"$changes"
  aws cloudformation delete-change-set --region "$region" --change-set-name "$changeset" >/dev/null ||
    echo "note: could not delete the change set $changeset (it expires with the next update)" >&2
}

"#;

pub(super) fn outputs(config: &Config, ids: &[StackId], s: &mut String) {
    s.push_str("\nprint_outputs() {\n  echo \"== $2 ($1)\"\n  aws cloudformation describe-stacks --region \"$1\" --stack-name \"$2\" \\\n    --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text || true\n}\n\noutputs() {\n");
    for &id in ids {
        let stack = stack(config, id);
        push_line(
            s,
            &format!("  print_outputs {} {}", stack.region, stack.name),
        );
    }
    s.push_str("}\n");
}
