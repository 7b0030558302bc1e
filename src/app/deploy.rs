//! The deploy panel: how to use the kit in the zip, and its deploy.sh and DEPLOY.md.

use leptos::prelude::*;

use super::output::{flash, problems_note};
use super::{browser, State};
use crate::config::Config;
use crate::kit::{deploy_guide, deploy_script};

#[component]
pub fn DeploySection(state: State) -> impl IntoView {
    view! {
        <section class="card" id="sec-deploy" aria-labelledby="h-deploy">
            <h2 id="h-deploy">"Deploy"</h2>
            <p class="help">
                "The zip carries a deploy kit for this design. In a shell signed in to the AWS account (the AWS CLI, bash, curl):"
            </p>
            <ol class="steps">
                <li>"Download the zip above and unzip it."</li>
                <li>
                    <code>"test-app/push-image.sh"</code>
                    " (optional) builds the test app and pushes it to the ECR repositories your image URIs name."
                </li>
                <li>
                    <code>"./deploy.sh"</code>
                    " deploys the stacks in order: the network, the initial service, the others."
                </li>
                <li>
                    <code>"./deploy.sh smoke"</code>
                    " checks CloudFront → VPC origin → load balancer → task, and task → NAT → internet."
                </li>
                <li>
                    <code>"./deploy.sh teardown"</code>
                    " deletes every stack in the safe order (it asks first)."
                </li>
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
    make: fn(&Config) -> String,
) -> impl IntoView {
    let text = Memo::new(move |_| {
        state
            .last_valid
            .with(|c| c.as_ref().map(make))
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
                <button
                    type="button"
                    class="secondary"
                    id=format!("{id}-copy")
                    aria-label=format!("Copy {name}")
                    disabled=blocked
                    on:click=copy
                >
                    "Copy"
                </button>
                <span class="status" role="status">{move || status.get()}</span>
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
