//! What a design costs a month, beside the classic public-subnet design of the same
//! services (issue 13). Pure: a [`CostInput`] and the dated price table compiled into the
//! build give an [`Estimate`]; [`report`] renders it as `COST.md` and as the CLI's JSON.
//! Money is integer micro-dollars throughout; nothing here parses or formats a float.

#[cfg(not(target_arch = "wasm32"))]
pub mod generate;
mod lines;
mod model;
pub mod money;
#[rustfmt::skip]
pub mod prices;
pub mod report;
pub mod table;

pub use model::{
    estimate, from_config, CostInput, Design, DesignCost, Estimate, Line, LineAmount, LineKind,
    NatPlan, Quantity, ServiceLoad, Usage, WafPlan, HOURS_PER_MONTH,
};
pub use table::{lookup, Confidence, Price, PriceClass, PriceKey};
