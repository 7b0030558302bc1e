//! The deployment in order, the global stack's outputs passed on, and the outputs shown.

use super::{output_of, push_line, stack, variable};
use crate::engine::config::Config;
use crate::engine::kit::{deploy_flags, shell_quote, template_file};
use crate::engine::render::StackId;

pub(super) fn section(config: &Config, ids: &[StackId], s: &mut String) {
    s.push_str("\ndeploy_stack() {\n  local region=$1 stack=$2 template=$3\n  shift 3\n  echo \"==> deploying $stack in $region\"\n  aws cloudformation deploy --region \"$region\" --stack-name \"$stack\" \\\n    --template-file \"$template\" --no-fail-on-empty-changeset \"$@\"\n}\n\n");
    s.push_str("require_output() {\n  [[ -n \"$2\" && \"$2\" != None ]] || { fail \"the global stack has no $1 output\"; return 1; }\n}\n\n");
    s.push_str("deploy_all() {\n  preflight || return 1\n");
    let globals = crate::engine::render::global_outputs(config);
    if !globals.is_empty() {
        let names: Vec<String> = globals.iter().map(variable).collect();
        push_line(s, &format!("  local {}", names.join(" ")));
    }
    for &id in ids {
        let stack = stack(config, id);
        let mut line = format!(
            "  deploy_stack {} {} {}",
            stack.region,
            stack.name,
            shell_quote(&template_file(config, id))
        );
        line.push_str(&deploy_flags(config, id, &|output| {
            format!("\"{}=${}\"", output.parameter(), variable(&output))
        }));
        push_line(s, &line);
        if id == StackId::Global {
            for output in &globals {
                push_line(
                    s,
                    &format!(
                        "  {}=$({})",
                        variable(output),
                        output_of(config, id, &output.key())
                    ),
                );
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
    push_line(
        s,
        &format!(
            "  echo 'deployed {} stack(s); next: ./deploy.sh smoke'\n}}",
            ids.len()
        ),
    );
}

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
