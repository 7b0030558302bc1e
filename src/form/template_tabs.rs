//! Each template's tab label. (What a template is rendered from is `render::template_inputs`.)

use crate::engine::render::StackId;

/// The label of a template's tab: the stack name and what kind of stack it is.
pub fn stack_role(id: StackId) -> &'static str {
    match id {
        StackId::Global => "global, us-east-1",
        StackId::Network => "network",
        StackId::Service(0) => "initial service",
        StackId::Service(_) => "service",
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_roles() {
        assert_eq!(stack_role(StackId::Network), "network");
        assert_eq!(stack_role(StackId::Service(0)), "initial service");
        assert_eq!(stack_role(StackId::Service(4)), "service");
    }
}
