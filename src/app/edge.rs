//! The entry point: the web ACL, access logs and price class shared by every
//! distribution of the design.

use leptos::prelude::*;

use super::widgets::{checkbox_field, number_field, select_field, text_field};
use super::State;
use crate::config::{PriceClass, Waf};
use crate::edits;

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
        <section class="card" id="sec-edge" aria-labelledby="h-edge">
            <h2 id="h-edge">"Entry point"</h2>
            <p class="help">
                "CloudFront is the only way into the design, so what you set here protects every service at once. "
                "A managed web ACL and a requested certificate live in a global stack in us-east-1, where CloudFront takes them from; "
                "deploy.sh deploys it first and passes its outputs to the service stacks."
            </p>
            <div class="grid">
                {select_field(
                    state,
                    "edge.waf".into(),
                    "Web ACL (AWS WAF)".into(),
                    Some("In front of every distribution. The managed one uses AWS's Common, Known Bad Inputs and IP Reputation rule groups and blocks clients over the rate limit."),
                    |_| {
                        edits::WAF_MODES
                            .iter()
                            .map(|(mode, label)| (mode.to_string(), label.to_string()))
                            .collect()
                    },
                    |c| Some(edits::waf_mode(&c.edge.waf).to_string()),
                    |c, v: String| edits::set_waf_mode(c, &v),
                )}
                {select_field(
                    state,
                    "edge.price_class".into(),
                    "Price class".into(),
                    Some("Which edge locations serve your visitors; fewer locations cost less per GB and may be slower far away."),
                    |_| {
                        PriceClass::ALL
                            .iter()
                            .map(|c| (c.code().to_string(), price_class_label(*c).to_string()))
                            .collect()
                    },
                    |c| Some(c.edge.price_class.code().to_string()),
                    |c, v: String| {
                        if let Some(class) = PriceClass::from_code(&v) {
                            c.edge.price_class = class;
                        }
                    },
                )}
            </div>
            <Show when=move || mode() == "managed">
                <div class="grid">
                    {number_field(
                        state,
                        "edge.waf.rate_limit".into(),
                        "Rate limit".into(),
                        Some("Requests per 5 minutes from one client IP before it is blocked."),
                        |c| match c.edge.waf {
                            Waf::Managed { rate_limit, .. } => Some(rate_limit),
                            _ => None,
                        },
                        |c, v| {
                            if let Waf::Managed { rate_limit, .. } = &mut c.edge.waf {
                                *rate_limit = v;
                            }
                        },
                    )}
                    {checkbox_field(
                        state,
                        "edge.waf.allow_large_bodies".into(),
                        "Allow request bodies over 8 KB".into(),
                        Some("The Common rule set blocks them (SizeRestrictions_BODY); turn this on for uploads or large posts, and that one rule only counts."),
                        |c| matches!(c.edge.waf, Waf::Managed { allow_large_bodies: true, .. }),
                        |c, on| {
                            if let Waf::Managed { allow_large_bodies, .. } = &mut c.edge.waf {
                                *allow_large_bodies = on;
                            }
                        },
                    )}
                </div>
            </Show>
            <Show when=move || mode() == "existing">
                <div class="grid one">
                    {text_field(
                        state,
                        "edge.waf.web_acl_arn".into(),
                        "Web ACL ARN".into(),
                        Some("A web ACL of scope CLOUDFRONT, in us-east-1: arn:aws:wafv2:us-east-1:ACCOUNT:global/webacl/NAME/ID."),
                        |c| match &c.edge.waf {
                            Waf::Existing { web_acl_arn } => Some(web_acl_arn.clone()),
                            _ => None,
                        },
                        |c, v| {
                            if let Waf::Existing { web_acl_arn } = &mut c.edge.waf {
                                *web_acl_arn = v;
                            }
                        },
                    )}
                </div>
            </Show>
            {checkbox_field(
                state,
                "edge.access_logs".into(),
                "Keep CloudFront's access logs".into(),
                Some("Standard logs of every distribution, in one private bucket the initial stack creates (a prefix per service). ./deploy.sh teardown empties it, after asking."),
                |c| c.edge.access_logs,
                |c, on| c.edge.access_logs = on,
            )}
            <Show when=logs>
                <div class="grid">
                    {number_field(
                        state,
                        "edge.access_log_days".into(),
                        "Keep access logs for (days)".into(),
                        None,
                        |c| Some(c.edge.access_log_days),
                        |c, v| c.edge.access_log_days = v,
                    )}
                </div>
            </Show>
        </section>
    }
}
