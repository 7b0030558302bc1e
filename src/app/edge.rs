//! The entry point: the web ACL, access logs and price class shared by every
//! distribution of the design.

use leptos::prelude::*;

use super::widgets::{card_intro, field, fold_button, select};
use super::State;
use crate::engine::config::PriceClass;
use crate::form::edits;
use crate::form::fields::Field;

fn price_class_label(class: PriceClass) -> &'static str {
    match class {
        PriceClass::All => "All edge locations (best latency)",
        PriceClass::P200 => "Most locations, not the most expensive ones",
        PriceClass::P100 => "North America, Europe and Israel only (lowest prices)",
    }
}

#[component]
pub fn EdgeSection(state: State) -> impl IntoView {
    let mode = move || state.config.with(|c| edits::waf_mode(&c.edge.waf));
    let logs = move || state.config.with(|c| c.edge.access_logs);
    view! {
        <section class="card" id="sec-edge" tabindex="-1" aria-labelledby="h-edge">
            {fold_button("sec-edge", "h-edge")}
            {card_intro(
                "h-edge",
                "Entry point",
                concat!(
                    "CloudFront is the only way into the design, so what you set here protects every service at once. ",
                    "A managed web ACL and the certificates it requests live in a global stack in us-east-1, where CloudFront takes them from; ",
                    "deploy.sh deploys it first and passes its outputs to the service stacks.",
                )
            )}
            <div class="grid">
                {select(state, Field::Waf.here(), |_| {
                        edits::WAF_MODES
                            .iter()
                            .map(|(mode, label)| (mode.to_string(), label.to_string()))
                            .collect()
                    })}
                {select(state, Field::PriceClass.here(), |_| {
                        PriceClass::ALL
                            .iter()
                            .map(|c| (c.code().to_string(), price_class_label(*c).to_string()))
                            .collect()
                    })}
            </div>
            <Show when=move || mode() == "managed">
                <div class="grid">
                    {field(state, Field::RateLimit.here())}
                    {field(state, Field::AllowLargeBodies.here())}
                </div>
            </Show>
            <Show when=move || mode() == "existing">
                <div class="grid one">
                    {field(state, Field::WebAclArn.here())}
                </div>
            </Show>
            {field(state, Field::AccessLogs.here())}
            <Show when=logs>
                <div class="grid">
                    {field(state, Field::AccessLogDays.here())}
                </div>
            </Show>
        </section>
    }
}
