//! What the design costs a month, beside the classic public-subnet design of the same
//! services: the estimate of `crate::engine::cost`, the same figures as COST.md and
//! `stackdraft cost`.

use leptos::prelude::*;

use super::widgets::{field, fold_button};
use super::State;
use crate::engine::cost::report::{self, Row, LEFT_OUT};
use crate::engine::cost::{estimate, from_config, prices, Estimate};
use crate::form::fields::Field;

fn design_table(
    rows: Vec<Row>,
    notes: Vec<String>,
    total: String,
    id: &'static str,
) -> impl IntoView {
    let body = rows
        .into_iter()
        .map(|row| {
            let source = report::price_source(row.date, row.confidence);
            view! {
                <tr data-kind=row.kind class:differs=row.differs>
                    <td class="mark" aria-label=if row.differs { "differs" } else { "same" }>
                        {if row.differs { "≠" } else { "" }}
                    </td>
                    <th scope="row">
                        {row.what}
                        {row.note.map(|n| view! { <sup>{format!("[{n}]")}</sup> })}
                        <span class="range">{row.reckoning}</span>
                        <span class="range">{source}</span>
                    </th>
                    <td class="num">{row.monthly}</td>
                </tr>
            }
        })
        .collect_view();
    let notes = notes
        .into_iter()
        .map(|note| view! { <li>{note}</li> })
        .collect_view();
    view! {
        <table class="cost" id=id>
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden">"Differs"</span></th>
                    <th scope="col">"Line: quantity × unit price"</th>
                    <th scope="col" class="num">"Monthly"</th>
                </tr>
            </thead>
            <tbody>{body}</tbody>
            <tfoot>
                <tr>
                    <td></td>
                    <th scope="row">"Total"</th>
                    <td class="num total" id=format!("{id}-total")>{total}</td>
                </tr>
            </tfoot>
        </table>
        <ol class="cost-notes">{notes}</ol>
    }
}

/// One row of the totals: this design's and the classic design's monthly cost, and the
/// difference between them.
fn total_row(
    label: &'static str,
    [this, classic]: [u64; 2],
    difference_id: &'static str,
    difference: String,
) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">{crate::engine::cost::money::dollars(this)}</td>
            <td class="num">{crate::engine::cost::money::dollars(classic)}</td>
            <td class="num" id=difference_id>{difference}</td>
        </tr>
    }
}

fn estimate_view(estimate: Estimate) -> impl IntoView {
    let (this_rows, this_notes) = report::rows(&estimate.this);
    let (classic_rows, classic_notes) = report::rows(&estimate.classic);
    let (diff_min, diff_max) = report::difference(&estimate);
    let unpriced: Vec<String> = estimate
        .designs()
        .iter()
        .flat_map(|cost| {
            report::rows(cost)
                .0
                .into_iter()
                .filter(|r| r.monthly == "not priced")
                .map(move |r| format!("{}: {}: {}", cost.design.title(), r.what, r.reckoning))
        })
        .collect();
    let this_total = report::total(&estimate.this);
    let classic_total = report::total(&estimate.classic);
    view! {
        <table class="cost-totals" id="cost-totals">
            <thead>
                <tr>
                    <th scope="col">
                        <span class="visually-hidden">"Line"</span>
                    </th>
                    <th scope="col" class="num">"This design"</th>
                    <th scope="col" class="num">"Classic design"</th>
                    <th scope="col" class="num">{report::DIFFERENCE_HEADING}</th>
                </tr>
            </thead>
            <tbody>
                {total_row(
                    "At the minimum task counts",
                    [estimate.this.min_micro_usd, estimate.classic.min_micro_usd],
                    "cost-difference-min",
                    diff_min,
                )}
                {total_row(
                    "At the maximum task counts",
                    [estimate.this.max_micro_usd, estimate.classic.max_micro_usd],
                    "cost-difference-max",
                    diff_max,
                )}
            </tbody>
        </table>
        <p class="hint" id="cost-usage">{format!("Usage: {}", report::usage_text(&estimate))}</p>
        {(!unpriced.is_empty()).then(|| view! {
            <div class="note" id="cost-unpriced">
                <p>"Not in the totals: the price table has no figure for these lines yet."</p>
                <ul>{unpriced.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
            </div>
        })}
        <div class="cost-columns">
            <div class="cost-column">
                <h3>{format!("{}: {}", estimate.this.design.title(), estimate.this.design.summary())}</h3>
                {design_table(this_rows, this_notes, this_total, "cost-this")}
            </div>
            <div class="cost-column">
                <h3>{format!("{}: {}", estimate.classic.design.title(), estimate.classic.design.summary())}</h3>
                {design_table(classic_rows, classic_notes, classic_total, "cost-classic")}
            </div>
        </div>
        <details class="cost-more">
            <summary>"What the estimate assumes and leaves out"</summary>
            <ul>
                {report::assumptions(&estimate).into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
            </ul>
            <p>"Left out:"</p>
            <ul>{LEFT_OUT.iter().map(|l| view! { <li>{*l}</li> }).collect_view()}</ul>
        </details>
    }
}

#[component]
pub fn CostSection(state: State) -> impl IntoView {
    // No estimate from figures with errors: they are the estimate's only input that is
    // not checked with the design.
    let estimate = Memo::new(move |_| {
        if !state.usage_problems.with(Vec::is_empty) {
            return None;
        }
        state
            .last_valid
            .with(|c| c.as_ref().map(|c| estimate(&from_config(c))))
    });
    let no_estimate = move || {
        state.usage_problems.with(|problems| {
            (!problems.is_empty()).then(|| {
                let listed = problems
                    .iter()
                    .map(|p| format!("{}: {}", p.path, p.message));
                crate::engine::message::Message::no_estimate(listed.collect()).to_string()
            })
        })
    };
    let stale = move || state.has_errors() && state.last_valid.with(Option::is_some);
    view! {
        <section class="card" id="sec-cost" aria-labelledby="h-cost">
            {fold_button("sec-cost", "h-cost")}
            <h2 id="h-cost">"What it costs"</h2>
            <p class="help">
                {format!(
                    "A monthly estimate of this design beside the classic design of the same services (public subnets in every zone, a zonal NAT gateway per zone, an internet-facing load balancer), from on-demand list prices as of {} (table compiled {}). Each line is quantity × unit price, with the price's date and how sure its source is. The zip's COST.md and `stackdraft cost` give the same figures.",
                    prices::AS_OF,
                    prices::COMPILED_ON,
                )}
            </p>
            <fieldset class="group">
                <legend>"Usage a month"</legend>
                <div class="grid four">
                    {field(state, Field::Requests.here())}
                    {field(state, Field::ViewerGb.here())}
                    {field(state, Field::NatEgressGb.here())}
                    {field(state, Field::LogGb.here())}
                </div>
                {field(state, Field::ClassicEndpoints.here())}
            </fieldset>
            <Show when=stale>
                <p class="stale-note" id="cost-stale">
                    "Out of date: this is the estimate of the last valid design."
                </p>
            </Show>
            <p class="stale-note" id="cost-off" hidden=move || no_estimate().is_none()>
                {no_estimate}
            </p>
            {move || estimate.get().map(estimate_view)}
        </section>
    }
}
