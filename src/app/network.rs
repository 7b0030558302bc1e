//! The network, address plan and domain sections.

use leptos::prelude::*;

use super::widgets::{
    card_intro, errors_at, field, field_errors, field_warnings, fold_button, select, select_field,
    warnings_at, About,
};
use super::State;
use crate::engine::address_plan;
use crate::engine::config::{GatewayEndpoint, Nat};
use crate::engine::number_format;
use crate::engine::regions::{self, REGIONS};
use crate::engine::validate::{LOG_RETENTION_DAYS, MAX_SUBNETS, MIN_SUBNETS};
use crate::form::edits;
use crate::form::fields::Field;
use crate::form::notes::field_id;

#[component]
pub fn NetworkSection(state: State) -> impl IntoView {
    view! {
        <section class="card" id="sec-network" tabindex="-1" aria-labelledby="h-network">
            {card_intro(
                "h-network",
                "Network",
                concat!(
                    "One VPC with private subnets only: nothing in it gets a public address and nothing can be reached from the internet directly. ",
                    "Tasks reach the internet through a Regional NAT Gateway; visitors reach your services only through CloudFront.",
                )
            )}
            <div class="grid">
                {field(state, Field::NetworkName.here())}
                {select(state, Field::Region.here(), |_| {
                        REGIONS
                            .iter()
                            .map(|r| (r.code.to_string(), format!("{} · {}", r.code, r.name)))
                            .collect()
                    })}
                {field(state, Field::NetworkCidr.here())}
                {field(state, Field::Ipv6.here())}
            </div>
            <Subnets state=state />
            <NatGateway state=state />
            <Endpoints state=state />
            <FlowLogs state=state />
        </section>
    }
}

#[component]
fn Subnets(state: State) -> impl IntoView {
    let count = move || state.config.with(|c| c.network.subnets.len());
    let group_errors = errors_at(state, "network.subnets".into());
    let add = move |_| {
        state.update(|c| {
            edits::add_subnet(c);
        })
    };
    view! {
        <fieldset class="group" id=field_id("network.subnets") tabindex="-1">
            <legend>"Private subnets"</legend>
            <p class="help">
                {format!("One subnet per Availability Zone, {MIN_SUBNETS} to {MAX_SUBNETS}. ")}
                "The internal load balancer needs at least two zones and a /27 or larger in each. "
                "Pinned to zone IDs, each subnet goes to the zone you choose (the same physical zone in every account); otherwise subnet 1 goes in the zone !GetAZs lists first (AZ index 0), subnet 2 in the second, and so on."
            </p>
            {field(state, Field::ZoneIds.here())}
            {field_errors(group_errors, "network.subnets")}
            {field_warnings(warnings_at(state, "network.subnets".into()), "network.subnets")}
            <ol class="subnets">
                <For each=move || 0..count() key=|i| *i children=move |i| subnet_row(state, i) />
            </ol>
            <button
                type="button"
                id="add-subnet"
                class="secondary"
                disabled=move || { count() >= MAX_SUBNETS }
                on:click=add
            >
                "Add a subnet"
            </button>
            <AutoSplit state=state />
        </fieldset>
    }
}

fn subnet_row(state: State, index: usize) -> impl IntoView {
    let path = format!("network.subnets[{index}]");
    let id = field_id(&path);
    let messages = errors_at(state, path.clone());
    let hint = move || {
        state
            .config
            .with(|c| format!("AZ index {index} · {}", edits::az_hint(&c.region, index)))
    };
    let pinned = move || state.config.with(|c| c.network.az_ids.is_some());
    let remove = move |_| {
        state.update(|c| {
            edits::remove_subnet(c, index);
        })
    };
    let err_id = format!("{id}-err");
    view! {
        <li class="subnet">
            <div class="subnet-line">
                <label for=id.clone()>{format!("Subnet {}", index + 1)}</label>
                <input
                    type="text"
                    id=id.clone()
                    spellcheck="false"
                    autocomplete="off"
                    prop:value=move || {
                        state.config.with(|c| c.network.subnets.get(index).cloned()).unwrap_or_default()
                    }
                    aria-invalid=move || messages.with(|m| !m.is_empty()).then_some("true")
                    aria-describedby=format!("{id}-hint {err_id}")
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        state.update(|c| {
                            if let Some(s) = c.network.subnets.get_mut(index) {
                                *s = value;
                            }
                        });
                    }
                />
                <button
                    type="button"
                    class="icon secondary"
                    aria-label=format!("Remove subnet {}", index + 1)
                    title="Remove this subnet"
                    disabled=move || state.config.with(|c| c.network.subnets.len() <= 1)
                    on:click=remove
                >
                    "Remove"
                </button>
            </div>
            <Show
                when=pinned
                fallback=move || view! { <p class="hint" id=format!("{}-hint", field_id(&format!("network.subnets[{index}]")))>{hint}</p> }
            >
                <p class="hint" id=format!("{}-hint", field_id(&format!("network.subnets[{index}]")))>
                    {format!("Subnet {} goes to the zone below.", index + 1)}
                </p>
                {zone_select(state, index)}
            </Show>
            {field_errors(messages, &path)}
        </li>
    }
}

/// The zone ID a pinned subnet goes to, among the region's.
fn zone_select(state: State, index: usize) -> impl IntoView {
    select_field(
        state,
        About {
            path: format!("network.az_ids[{index}]"),
            label: format!("Zone ID of subnet {}", index + 1),
            help: None,
        },
        |c| {
            regions::find(&c.region)
                .map(|r| r.zone_ids().map(|id| (id.clone(), id)).collect())
                .unwrap_or_default()
        },
        move |c| {
            c.network
                .az_ids
                .as_ref()
                .map(|ids| ids.get(index).cloned().unwrap_or_default())
        },
        move |c, v| {
            if let Some(ids) = &mut c.network.az_ids {
                if let Some(id) = ids.get_mut(index) {
                    *id = v;
                }
            }
        },
    )
}

#[component]
fn FlowLogs(state: State) -> impl IntoView {
    let on = move || state.config.with(|c| c.network.flow_logs);
    view! {
        <fieldset class="group" id="flow-logs-group">
            <legend>"Flow logs"</legend>
            {field(state, Field::FlowLogs.here())}
            <Show when=on>
                {select(state, Field::FlowLogDays.here(), |_| {
                        LOG_RETENTION_DAYS
                            .iter()
                            .map(|&d| (d.to_string(), number_format::days_label(d)))
                            .collect()
                    })}
            </Show>
        </fieldset>
    }
}

#[component]
fn AutoSplit(state: State) -> impl IntoView {
    let (count, prefix) = state.config.with_untracked(edits::split_defaults);
    let count = RwSignal::new(count.to_string());
    let prefix = RwSignal::new(prefix.to_string());
    let status = RwSignal::new(None::<Result<String, String>>);
    let split = move |_: ()| {
        let vpc = state.config.with_untracked(|c| c.network.cidr.clone());
        let result = edits::split_as_typed(&vpc, &count.get_untracked(), &prefix.get_untracked())
            .map(|(subnets, said)| {
                state.update(|c| edits::apply_subnets(c, subnets));
                said
            })
            .map_err(|problem| problem.to_string());
        status.set(Some(result));
    };
    // Enter in either field splits, as in a form.
    let enter = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            split(());
            state.commit();
        }
    };
    view! {
        <div class="auto-split" role="group" aria-labelledby="split-title">
            <p class="split-title" id="split-title">
                "Auto-split: carve equal subnets out of the VPC block, from its first address"
            </p>
            <div class="split-line">
                <label for="split-count">"Subnets"</label>
                <input
                    type="text"
                    inputmode="numeric"
                    id="split-count"
                    class="short"
                    prop:value=move || count.get()
                    on:input=move |ev| count.set(event_target_value(&ev))
                    on:keydown=enter
                />
                <label for="split-prefix">"of prefix /"</label>
                <input
                    type="text"
                    inputmode="numeric"
                    id="split-prefix"
                    class="short"
                    prop:value=move || prefix.get()
                    on:input=move |ev| prefix.set(event_target_value(&ev))
                    on:keydown=enter
                />
                <button type="button" id="split-apply" class="secondary" on:click=move |_| split(())>
                    "Split"
                </button>
            </div>
            <p
                id="split-status"
                role="status"
                class=move || match status.get() {
                    Some(Err(_)) => "split-status bad",
                    _ => "split-status",
                }
            >
                {move || match status.get() {
                    Some(Ok(m)) | Some(Err(m)) => m,
                    None => String::new(),
                }}
            </p>
        </div>
    }
}

#[component]
fn NatGateway(state: State) -> impl IntoView {
    let manual = move || {
        state
            .config
            .with(|c| matches!(c.network.nat, Nat::Manual { .. }))
    };
    let set_mode = move |on: bool| state.update(|c| edits::set_nat_manual(c, on));
    let azs_errors = errors_at(state, "network.nat.azs".into());
    let mode_errors = errors_at(state, "network.nat".into());
    view! {
        <fieldset class="group" id="nat-group">
            <legend>"Regional NAT Gateway (internet egress)"</legend>
            <p class="help">
                "One Regional NAT Gateway serves the whole VPC. Automatic mode lets AWS add addresses in each zone where tasks run; manual mode pins its Elastic IPs to the zones you choose."
            </p>
            <div class="radios">
                <div class="radio">
                    <input
                        type="radio"
                        name="nat-mode"
                        id=field_id("network.nat")
                        prop:checked=move || !manual()
                        on:change=move |_| set_mode(false)
                    />
                    <label for=field_id("network.nat")>"Automatic (AWS follows your workloads)"</label>
                </div>
                <div class="radio">
                    <input
                        type="radio"
                        name="nat-mode"
                        id="f-network-nat-manual"
                        prop:checked=manual
                        on:change=move |_| set_mode(true)
                    />
                    <label for="f-network-nat-manual">"Manual (pinned to chosen zones)"</label>
                </div>
            </div>
            {field_errors(mode_errors, "network.nat")}
            {field_warnings(warnings_at(state, "network.nat.azs".into()), "network.nat.azs")}
            <Show when=manual>
                <div class="nat-azs" id=field_id("network.nat.azs") tabindex="-1" role="group" aria-label="Zones with a NAT gateway address">
                    // Made once, one per zone a design may have, and hidden past its
                    // subnets: an edit elsewhere does not make them again.
                    {(0..MAX_SUBNETS).map(|az| nat_az_box(state, az)).collect_view()}
                    <p class="note" id="nat-note">
                        "In manual mode the gateway serves only the zones you check: tasks in an unchecked zone may have no IPv4 egress at all and, with no ECR interface endpoints, cannot pull their images. Check every subnet's zone."
                    </p>
                    {field_errors(azs_errors, "network.nat.azs")}
                </div>
            </Show>
        </fieldset>
    }
}

fn nat_az_box(state: State, az: usize) -> impl IntoView {
    let id = format!("nat-az-{az}");
    let checked = move || {
        state
            .config
            .with(|c| edits::nat_azs(c).is_some_and(|azs| azs.contains(&(az as i64))))
    };
    let label = move || {
        state.config.with(|c| {
            let zone = match c.network.az_ids.as_ref().and_then(|ids| ids.get(az)) {
                Some(id) => id.clone(),
                None => edits::az_hint(&c.region, az),
            };
            format!("AZ index {az} (subnet {}, {zone})", az + 1)
        })
    };
    let hidden = move || state.config.with(|c| az >= c.network.subnets.len());
    view! {
        <div class="check" hidden=hidden>
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    state.update(|c| edits::set_nat_az(c, az as i64, on));
                }
            />
            <label for=id>{label}</label>
        </div>
    }
}

#[component]
fn Endpoints(state: State) -> impl IntoView {
    let messages = errors_at(state, "network.gateway_endpoints".into());
    let boxes = GatewayEndpoint::ALL.map(|endpoint| {
        let id = format!("endpoint-{}", endpoint.service());
        let label = endpoint.label();
        view! {
            <div class="check">
                <input
                    type="checkbox"
                    id=id.clone()
                    prop:checked=move || {
                        state.config.with(|c| c.network.gateway_endpoints.contains(&endpoint))
                    }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.update(|c| edits::set_endpoint(c, endpoint, on));
                    }
                />
                <label for=id>{label}</label>
            </div>
        }
    });
    view! {
        <fieldset class="group" id=field_id("network.gateway_endpoints") tabindex="-1">
            <legend>"Gateway endpoints"</legend>
            <p class="help">
                "Free endpoints that keep S3 and DynamoDB traffic inside AWS: it skips the NAT gateway and its data charges (image layers from ECR come from S3)."
            </p>
            <div class="checks">{boxes.into_iter().collect_view()}</div>
            {field_errors(messages, "network.gateway_endpoints")}
        </fieldset>
    }
}

#[component]
pub fn AddressPlanSection(state: State) -> impl IntoView {
    let plan = Memo::new(move |_| state.config.with(address_plan::address_plan));
    view! {
        <section class="card" id="sec-plan" aria-labelledby="h-plan">
            {fold_button("sec-plan", "h-plan")}
            {card_intro(
                "h-plan",
                "Address plan",
                "How the subnets use the VPC block. AWS keeps 5 addresses in every subnet (network, router, DNS, one for future use, broadcast), so a /20 has 4,091 usable addresses."
            )}
            {move || match plan.get() {
                None => {
                    view! {
                        <p class="empty" id="plan-empty">
                            "Enter a valid VPC CIDR block to see the plan."
                        </p>
                    }
                        .into_any()
                }
                Some(plan) => plan_table(plan).into_any(),
            }}
        </section>
    }
}

fn plan_table(plan: address_plan::AddressPlan) -> impl IntoView {
    let bar_label = format!(
        "{} of {} used by subnets, {} free",
        number_format::percent(plan.vpc_size.saturating_sub(plan.free), plan.vpc_size),
        plan.vpc,
        number_format::percent(plan.free, plan.vpc_size)
    );
    let vpc_size = plan.vpc_size;
    let segments = plan
        .rows
        .iter()
        .filter_map(|row| {
            row.bar.map(|(offset, size)| {
                view! {
                    <div
                        class=format!("seg seg-{}", row.index % 6)
                        style=number_format::bar_style(offset, size, vpc_size)
                        title=format!("Subnet {}: {}", row.index + 1, row.cidr)
                    >
                        <span>{(row.index + 1).to_string()}</span>
                    </div>
                }
            })
        })
        .collect_view();
    let rows = plan
        .rows
        .into_iter()
        .map(|row| {
            let placed = row.bar.is_some();
            let share = if placed {
                format!("{} of the VPC", number_format::percent(row.size, vpc_size))
            } else {
                "outside the VPC or overlapping".to_string()
            };
            view! {
                <tr class:unplaced=!placed>
                    <th scope="row">
                        <span class=format!("swatch seg-{}", row.index % 6)></span>
                        {format!("Subnet {}", row.index + 1)}
                    </th>
                    <td>
                        <code>{row.cidr}</code>
                        <span class="range">{format!("{} – {}", row.first, row.last)}</span>
                    </td>
                    <td class="num">
                        {number_format::thousands(row.usable)}
                        <span class="range">{share}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="plan-bar" role="img" aria-label=bar_label>
            {segments}
        </div>
        <table class="plan" id="address-plan">
            <thead>
                <tr>
                    <th scope="col">"Subnet"</th>
                    <th scope="col">"Block and range"</th>
                    <th scope="col" class="num">"Usable"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row">"Free"</th>
                    <td colspan="2" id="plan-free">
                        {format!(
                            "{} of {} addresses ({}) of {} are in no subnet",
                            number_format::thousands(plan.free),
                            number_format::thousands(plan.vpc_size),
                            number_format::percent(plan.free, plan.vpc_size),
                            plan.vpc,
                        )}
                    </td>
                </tr>
            </tfoot>
        </table>
    }
}

#[component]
pub fn DomainSection(state: State) -> impl IntoView {
    let enabled = move || state.config.with(|c| c.domain.is_some());
    let messages = errors_at(state, "domain".into());
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        if !on {
            state
                .remembered_domain
                .set(state.config.with_untracked(|c| c.domain.clone()));
        }
        let remembered = state.remembered_domain.get_untracked();
        state.update(|c| edits::set_domain_enabled(c, on, remembered));
        let zone = Field::DomainZone.here().path();
        let empty = state
            .config
            .with_untracked(|c| c.domain.as_ref().is_some_and(|d| d.zone.is_empty()));
        state.held.update(|h| {
            h.retain(|path| *path != zone);
            if empty {
                h.push(zone);
            }
        });
    };
    view! {
        <section class="card" id="sec-domain" aria-labelledby="h-domain">
            {fold_button("sec-domain", "h-domain")}
            {card_intro(
                "h-domain",
                "Domain",
                concat!(
                    "Optional. Without a custom domain, each service with CloudFront is reached at its distribution's own name (d1234abcd.cloudfront.net). ",
                    "With one, a service's CloudFront host becomes host.zone on that distribution, served with your certificate.",
                )
            )}
            <div class="field check">
                <input
                    type="checkbox"
                    id=field_id("domain")
                    prop:checked=enabled
                    on:change=toggle
                />
                <label for=field_id("domain")>{Field::Domain.spec().check}</label>
                {field_errors(messages, "domain")}
            </div>
            <Show when=enabled>
                <div class="grid">
                    {field(state, Field::DomainZone.here())}
                    {field(state, Field::CertificateArn.here())}
                    {field(state, Field::HostedZoneId.here())}
                </div>
            </Show>
        </section>
    }
}
