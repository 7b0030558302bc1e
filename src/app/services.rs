//! The service cards.

use leptos::prelude::*;

use super::widgets::{
    card_intro, errors_at, field, field_errors, field_notes, field_warnings, select, warnings_at,
};
use super::{browser, State};
use crate::engine::config::{CacheMode, ScalingMetric};
use crate::engine::field_path::service_path;
use crate::engine::number_format;
use crate::engine::validate::{
    fargate_memory_choices, FARGATE_CPUS, LOG_RETENTION_DAYS, MAX_SERVICES,
};
use crate::form::edits;
use crate::form::fields::Field;
use crate::form::notes::field_id;
use crate::form::number_drafts;

#[component]
pub fn ServicesSection(state: State) -> impl IntoView {
    let count = move || state.config.with(|c| c.services.len());
    let messages = errors_at(state, "services".into());
    let add = move |_| {
        let mut added = None;
        state.update(|c| added = edits::add_service(c));
        if let Some(index) = added {
            request_animation_frame(move || {
                browser::focus_id(&field_id(&service_path(index, "name")))
            });
        }
    };
    view! {
        <section class="card" id=field_id("services") tabindex="-1" aria-labelledby="h-services">
            {card_intro(
                "h-services",
                "Services",
                concat!(
                    "Each service is an ECS Express Mode service: Fargate tasks in your private subnets behind an internal Application Load Balancer that Express Mode creates and shares between them. ",
                    "The first, initial service's stack also creates the Express Mode infrastructure role and the CloudFront VPC origin that lets CloudFront reach that internal ALB; further services reuse both and share the ALB. Every service has IAM roles of its own. ",
                    "Each service with CloudFront on gets its own distribution.",
                )
            )}
            {field_errors(messages, "services")}
            {field_warnings(warnings_at(state, "services".into()), "services")}
            <Show when=move || { count() > MAX_SERVICES }>
                <div class="note" id="too-many-services">
                    <p>
                        {move || {
                            format!(
                                "This design has {} services; only the first {MAX_SERVICES} are shown here.",
                                count(),
                            )
                        }}
                    </p>
                    <button
                        type="button"
                        id="keep-first-services"
                        class="secondary"
                        on:click=move |_| state.update(|c| c.services.truncate(MAX_SERVICES))
                    >
                        {format!("Keep only the first {MAX_SERVICES} services")}
                    </button>
                </div>
            </Show>
            // A design opened from a file may hold any number of services: draw a card for
            // at most as many as a design can have, so the page stays responsive.
            <For
                each=move || 0..count().min(MAX_SERVICES)
                key=|i| *i
                children=move |i| service_card(state, i)
            />
            <button
                type="button"
                id="add-service"
                disabled=move || { count() >= MAX_SERVICES }
                on:click=add
            >
                "Add a service"
            </button>
            <Show when=move || { count() >= MAX_SERVICES }>
                <p class="hint">{format!("One ALB serves at most {MAX_SERVICES} services.")}</p>
            </Show>
        </section>
    }
}

fn cpu_label(cpu: i64) -> String {
    format!("{} vCPU ({cpu})", number_format::vcpus(cpu))
}

fn memory_label(memory: i64) -> String {
    if memory % 1024 == 0 {
        format!("{} GB ({memory} MiB)", memory / 1024)
    } else {
        format!("{memory} MiB")
    }
}

fn cache_label(mode: CacheMode) -> &'static str {
    match mode {
        CacheMode::Off => "Off: nothing cached",
        CacheMode::Short => "Short: the same response for everyone, up to 2 minutes",
    }
}

/// The card's title with its Duplicate and Remove buttons, and the question Remove asks
/// before it removes the initial service.
fn card_head(state: State, index: usize) -> impl IntoView {
    let title = move || {
        state
            .with_service(index, |s| s.name.clone())
            .unwrap_or_default()
    };
    let many = move || state.service_count(index) > 1;
    let full = move || state.service_count(index) >= MAX_SERVICES;
    let duplicate = move |_| {
        let mut copy = None;
        state.update(|c| copy = edits::duplicate_service(c, index));
        if let Some(copy) = copy {
            state
                .drafts
                .update(|d| number_drafts::after_duplicate(d, copy));
            request_animation_frame(move || {
                browser::focus_id(&field_id(&service_path(copy, "name")))
            });
        }
    };
    let remove = move |_| {
        let mut removed = false;
        state.update(|c| removed = edits::remove_service(c, index));
        if removed {
            state
                .drafts
                .update(|d| number_drafts::after_remove(d, index));
            browser::focus_id("add-service");
        }
    };
    // Removing the initial service moves the shared IAM roles and VPC origin to the next
    // one: the card asks first, in the page.
    let asking = RwSignal::new(false);
    let remove_click = move |ev| {
        if index == 0 && !asking.get_untracked() {
            asking.set(true);
            request_animation_frame(|| browser::focus_id("confirm-remove-initial"));
        } else {
            asking.set(false);
            remove(ev);
        }
    };
    let warning = move || {
        state
            .config
            .with(crate::form::follow::initial_removal_warning)
            .unwrap_or_default()
    };
    view! {
        <header class="card-head">
            <h3 id=format!("service-{index}-title")>
                <span class="service-number">{format!("Service {}", index + 1)}</span>
                {(index == 0).then(|| view! { <span class="badge">"initial service"</span> })}
                <span class="service-name">{title}</span>
            </h3>
            <div class="card-actions">
                <button
                    type="button"
                    class="secondary"
                    data-testid=format!("duplicate-service-{index}")
                    aria-label=format!("Duplicate service {}", index + 1)
                    disabled=full
                    on:click=duplicate
                >
                    "Duplicate"
                </button>
                <button
                    type="button"
                    class="secondary danger"
                    data-testid=format!("remove-service-{index}")
                    aria-label=format!("Remove service {}", index + 1)
                    disabled=move || !many()
                    aria-expanded=move || (index == 0).then(|| asking.get().to_string())
                    on:click=remove_click
                >
                    "Remove"
                </button>
            </div>
        </header>
        <Show when=move || asking.get()>
            <div class="confirm-remove" role="group" aria-labelledby="confirm-remove-text">
                <p id="confirm-remove-text">{warning}</p>
                <button
                    type="button"
                    class="secondary danger"
                    id="confirm-remove-initial"
                    on:click=remove_click
                >
                    {move || format!("Remove {}", title())}
                </button>
                <button
                    type="button"
                    class="secondary"
                    id="keep-initial"
                    on:click=move |_| asking.set(false)
                >
                    "Keep it"
                </button>
            </div>
        </Show>
    }
}

/// The card of service `index`. Like its head, it reads its own service and the count
/// only, never the whole design.
fn service_card(state: State, index: usize) -> impl IntoView {
    let cloudfront_shown = move || {
        state
            .with_service(index, |s| {
                s.cloudfront.enabled || s.cloudfront.host.is_some()
            })
            .unwrap_or(false)
    };
    let target_hint = move || {
        state
            .with_service(index, |s| s.scaling.metric.target_range().2)
            .map(|what| format!("The target is {what}."))
            .unwrap_or_default()
    };
    view! {
        <article
            class="service-card"
            id=field_id(&service_path(index, ""))
            tabindex="-1"
            data-testid=format!("service-{index}")
            aria-labelledby=format!("service-{index}-title")
        >
            {card_head(state, index)}
            {(index == 0)
                .then(|| {
                    view! {
                        <p class="help">
                            "Deployed right after the network: its stack also holds the Express Mode infrastructure role and the CloudFront VPC origin the other services use."
                        </p>
                    }
                })}
            <div class="grid">
                {field(state, Field::ServiceName.at(index))}
                {field(state, Field::ServicePort.at(index))}
            </div>
            <div class="grid one">
                {field(state, Field::ServiceImage.at(index))}
            </div>
            <div class="grid">
                {select(state, Field::ServiceCpu.at(index), |_| FARGATE_CPUS.iter().map(|&c| (c.to_string(), cpu_label(c))).collect())}
                {select(state, Field::ServiceMemory.at(index), move |c| {
                        c.services
                            .get(index)
                            .map(|s| {
                                fargate_memory_choices(s.cpu)
                                    .into_iter()
                                    .map(|m| (m.to_string(), memory_label(m)))
                                    .collect()
                            })
                            .unwrap_or_default()
                    })}
                {field(state, Field::HealthCheckPath.at(index))}
                {select(state, Field::LogRetention.at(index), |_| {
                        LOG_RETENTION_DAYS
                            .iter()
                            .map(|&d| (d.to_string(), number_format::days_label(d)))
                            .collect()
                    })}
            </div>
            <fieldset class="group scaling">
                <legend>"Scaling"</legend>
                <div class="grid four">
                    {field(state, Field::ScalingMin.at(index))}
                    {field(state, Field::ScalingMax.at(index))}
                    {select(state, Field::ScalingMetric.at(index), |_| {
                            ScalingMetric::ALL
                                .iter()
                                .map(|m| (m.code().to_string(), m.label().to_string()))
                                .collect()
                        })}
                    {field(state, Field::ScalingTarget.at(index))}
                </div>
                <p class="hint">{target_hint}</p>
            </fieldset>
            <fieldset class="group">
                <legend>"CloudFront"</legend>
                {field(state, Field::CloudFront.at(index))}
                <Show when=cloudfront_shown>
                    {select(state, Field::CloudFrontCache.at(index), |_| {
                            CacheMode::ALL
                                .iter()
                                .map(|m| (m.code().to_string(), cache_label(*m).to_string()))
                                .collect()
                        })}
                    {field(state, Field::CloudFrontHost.at(index))}
                </Show>
            </fieldset>
            {super::application::application_settings(state, index)}
            {service_errors(state, index)}
        </article>
    }
}

/// Errors and warnings about the service as a whole.
fn service_errors(state: State, index: usize) -> impl IntoView {
    field_notes(state, &service_path(index, ""))
}
