//! What a stack update will do: which property changes make CloudFormation replace a resource.
pub mod create_only;
pub mod diff;
pub mod report;
