//! Entry point edits: the web ACL's mode.

use crate::engine::config::{Config, Waf};
/// The web ACL modes, as the form's select offers them: (mode, label).
pub const WAF_MODES: [(&str, &str); 3] = [
    ("off", "None"),
    (
        "managed",
        "Managed web ACL: AWS's managed rules and a rate limit",
    ),
    ("existing", "An existing web ACL of mine"),
];

pub fn waf_mode(waf: &Waf) -> &'static str {
    match waf {
        Waf::Off => "off",
        Waf::Managed { .. } => "managed",
        Waf::Existing { .. } => "existing",
    }
}

/// Switches the web ACL's mode, starting a managed ACL at the default rate limit and an
/// existing one with an empty ARN to fill in; choosing the current mode changes nothing.
pub fn set_waf_mode(config: &mut Config, mode: &str) {
    if waf_mode(&config.edge.waf) == mode {
        return;
    }
    config.edge.waf = match mode {
        "managed" => crate::engine::config::NEW_MANAGED_WAF,
        "existing" => Waf::Existing {
            web_acl_arn: String::new(),
        },
        _ => Waf::Off,
    };
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_web_acl_mode_switches_with_fresh_values() {
        let mut config = Config::default();
        config.edge.waf = Waf::Off;
        set_waf_mode(&mut config, "managed");
        assert_eq!(
            config.edge.waf,
            Waf::Managed {
                rate_limit: 2000,
                allow_large_bodies: true
            }
        );
        if let Waf::Managed { rate_limit, .. } = &mut config.edge.waf {
            *rate_limit = 300;
        }
        set_waf_mode(&mut config, "managed");
        assert!(matches!(
            config.edge.waf,
            Waf::Managed {
                rate_limit: 300,
                ..
            }
        ));
        set_waf_mode(&mut config, "existing");
        assert_eq!(waf_mode(&config.edge.waf), "existing");
        set_waf_mode(&mut config, "off");
        assert_eq!(config.edge.waf, Waf::Off);
        for (mode, _) in WAF_MODES {
            set_waf_mode(&mut config, mode);
            assert_eq!(waf_mode(&config.edge.waf), mode);
        }
    }
}
