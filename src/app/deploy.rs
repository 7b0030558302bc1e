//! The deploy panel: how to use the kit in the zip, and its deploy.sh and DEPLOY.md.

use leptos::prelude::*;

use super::output::{button_with_status, flash, problems_note};
use super::widgets::{card_intro, fold_button};
use super::{browser, State};
use crate::engine::config::Config;
use crate::engine::kit::{deploy_guide, deploy_script, Update as KitUpdate};

/// One command of the kit and what it does.
fn kit_step(command: &'static str, what: &'static str) -> impl IntoView {
    view! {
        <li>
            <code>{command}</code>
            {what}
        </li>
    }
}

#[component]
pub fn DeploySection(state: State) -> impl IntoView {
    view! {
        <section class="card" id="sec-deploy" aria-labelledby="h-deploy">
            {fold_button("sec-deploy", "h-deploy")}
            {card_intro(
                "h-deploy",
                "Deploy",
                "The zip carries a deploy kit for this design. In a shell signed in to the AWS account (the AWS CLI, bash, curl):"
            )}
            <ol class="steps">
                <li>"Download the zip above and unzip it."</li>
                {kit_step(
                    "test-app/push-image.sh",
                    " (optional) builds the test app and pushes it to the ECR repositories your image URIs name.",
                )}
                {kit_step(
                    "./deploy.sh plan",
                    " (stacks deployed before) prints CloudFormation's change sets, compared with the Update impact prediction when the zip was made against a baseline.",
                )}
                {kit_step(
                    "./deploy.sh",
                    " deploys the stacks in order: the network, the initial service, the others; then offers to delete the baseline's stacks the design no longer has.",
                )}
                {kit_step(
                    "./deploy.sh smoke",
                    " checks CloudFront → VPC origin → load balancer → task, and task → NAT → internet.",
                )}
                {kit_step("./deploy.sh teardown", " deletes every stack in the safe order (it asks first).")}
            </ol>
            {problems_note(state, "blocked", "deploy-blocked", |problems| format!(
                "The design has {problems}: what is shown below is the last valid version, and copying is off until the design is valid again."
            ))}
            {kit_file(state, "deploy.sh", "deploy-sh", deploy_script)}
            {kit_file(state, "DEPLOY.md", "deploy-md", deploy_guide)}
        </section>
    }
}

/// One file of the kit: its name, "Show" and "Copy" buttons, and its text once shown.
/// The text is a memo of the last valid design, computed only when shown or copied.
fn kit_file(
    state: State,
    name: &'static str,
    id: &'static str,
    make: fn(&Config, Option<&KitUpdate>) -> String,
) -> impl IntoView {
    // As the zip has it: made against the baseline, when there is one.
    let text = Memo::new(move |_| {
        let base = state.baseline.get();
        state
            .last_valid
            .with(|c| {
                c.as_ref().map(|config| {
                    super::update::with_update(base.as_deref(), config, |update| {
                        make(config, update)
                    })
                })
            })
            .unwrap_or_default()
    });
    let shown = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let blocked = move || state.has_errors() || state.last_valid.with(Option::is_none);
    let stale = move || state.has_errors();
    let copy = move |_| {
        if blocked() {
            return;
        }
        browser::copy_text(text.get_untracked(), move |ok| {
            flash(
                status,
                &if ok {
                    format!("Copied {name}.")
                } else {
                    "Could not copy: show the text, select it and copy it.".to_string()
                },
            )
        });
    };
    let pre_id = format!("{id}-text");
    view! {
        <div class="kit-file">
            <div class="panel-bar">
                <code class="file-name">{name}</code>
                <button
                    type="button"
                    class="secondary"
                    id=format!("{id}-show")
                    aria-expanded=move || shown.get().to_string()
                    aria-label=move || format!("{} {name}", if shown.get() { "Hide" } else { "Show" })
                    aria-controls=pre_id.clone()
                    on:click=move |_| shown.update(|s| *s = !*s)
                >
                    {move || if shown.get() { "Hide" } else { "Show" }}
                </button>
                {button_with_status(
                    format!("{id}-copy"),
                    "Copy",
                    Some(format!("Copy {name}")),
                    blocked,
                    copy,
                    status,
                )}
            </div>
            <pre
                id=pre_id
                class="file-text"
                class:stale=stale
                hidden=move || !shown.get()
                tabindex="0"
                aria-label=name
            >
                <code>{move || if shown.get() { text.get() } else { String::new() }}</code>
            </pre>
        </div>
    }
}
