//! Reads a design from parsed JSON by hand: exact fields, unknown ones refused by name,
//! every error at the JSON path of the value. (Small in the WebAssembly build, unlike a
//! derived deserializer with path tracking.)

use serde_json::{Map, Value};

use crate::engine::config::{
    Acceptance, Access, Application, CacheMode, CloudFront, Config, Domain, Edge, EnvVar,
    GatewayEndpoint, Nat, Network, Permission, PriceClass, ReviewSettings, Scaling, ScalingMetric,
    SecretVar, Service, Usage, Waf,
};
use crate::engine::error::FieldError;
use crate::engine::message::Message;

type Read<T> = Result<T, FieldError>;

/// A JSON value and where it is in the document.
#[derive(Clone, Copy)]
struct At<'a> {
    value: &'a Value,
    path: &'a str,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// What a value is, for a message that says it is the wrong kind.
fn describe(value: &Value) -> Message {
    match value {
        Value::Null => Message::json_null(),
        Value::Bool(b) => Message::json_boolean(b.to_string()),
        Value::Number(n) => Message::json_number(n.to_string()),
        // Quoted as JSON, as the user wrote it (Debug quoting would link Unicode tables).
        Value::String(s) => {
            let mut shown: String = s.chars().take(40).collect();
            if shown.len() < s.len() {
                shown.push('…');
            }
            Message::json_string(Value::String(shown).to_string())
        }
        Value::Array(_) => Message::json_list(),
        Value::Object(_) => Message::json_object(),
    }
}

fn wrong_type(at: At, expected: Message) -> FieldError {
    FieldError::new(at.path, Message::wrong_type(describe(at.value), expected))
}

/// An object with exactly these keys (`optional` ones may be absent or null).
struct Object<'a> {
    map: &'a Map<String, Value>,
    path: &'a str,
}

impl<'a> Object<'a> {
    fn new(at: At<'a>, required: &[&str], optional: &[&str]) -> Read<Object<'a>> {
        let Value::Object(map) = at.value else {
            return Err(wrong_type(at, Message::expect_object()));
        };
        for key in map.keys() {
            if !required.contains(&key.as_str()) && !optional.contains(&key.as_str()) {
                let expected: Vec<String> = required
                    .iter()
                    .chain(optional)
                    .map(|k| k.to_string())
                    .collect();
                return Err(FieldError::new(
                    join(at.path, key),
                    Message::unknown_field(key.as_str(), expected),
                ));
            }
        }
        for key in required {
            if !map.contains_key(*key) {
                return Err(FieldError::new(at.path, Message::missing_field(*key)));
            }
        }
        Ok(Object { map, path: at.path })
    }

    /// The value at `key` and its path, or `None` when absent or null.
    fn get(&self, key: &str) -> Option<(&'a Value, String)> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some((value, join(self.path, key))),
        }
    }

    fn field<T>(&self, key: &str, read: impl FnOnce(At) -> Read<T>) -> Read<T> {
        let path = join(self.path, key);
        let value = self.map.get(key).unwrap_or(&Value::Null);
        read(At { value, path: &path })
    }

    fn optional<T>(&self, key: &str, read: impl FnOnce(At) -> Read<T>) -> Read<Option<T>> {
        match self.get(key) {
            None => Ok(None),
            Some((value, path)) => read(At { value, path: &path }).map(Some),
        }
    }
}

fn string(at: At) -> Read<String> {
    match at.value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(wrong_type(at, Message::expect_string())),
    }
}

fn boolean(at: At) -> Read<bool> {
    match at.value {
        Value::Bool(b) => Ok(*b),
        _ => Err(wrong_type(at, Message::expect_boolean())),
    }
}

fn whole_number(at: At) -> Read<i64> {
    match at.value {
        Value::Number(n) => n
            .as_i64()
            .ok_or_else(|| wrong_type(at, Message::expect_whole_number())),
        _ => Err(wrong_type(at, Message::expect_whole_number())),
    }
}

fn list<T>(at: At, read: impl Fn(At) -> Read<T>) -> Read<Vec<T>> {
    let Value::Array(items) = at.value else {
        return Err(wrong_type(at, Message::expect_list()));
    };
    items
        .iter()
        .enumerate()
        .map(|(index, value)| {
            let path = format!("{}[{index}]", at.path);
            read(At { value, path: &path })
        })
        .collect()
}

fn choice<T: Copy>(at: At, choices: &[(&str, T)]) -> Read<T> {
    let Value::String(name) = at.value else {
        return Err(wrong_type(at, Message::expect_string()));
    };
    choices
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<String> = choices.iter().map(|(n, _)| n.to_string()).collect();
            FieldError::new(at.path, Message::unknown_choice(name.as_str(), names))
        })
}

/// Reads a design whose `version` the caller has checked.
pub fn config(value: &Value) -> Read<Config> {
    let at = At { value, path: "" };
    let o = Object::new(
        at,
        &["version", "region", "network", "services"],
        &["domain", "edge", "usage", "review"],
    )?;
    Ok(Config {
        version: o.field("version", whole_number)? as u32,
        region: o.field("region", string)?,
        network: o.field("network", network)?,
        domain: o.optional("domain", domain)?,
        edge: o.optional("edge", edge)?.unwrap_or_default(),
        services: o.field("services", |at| list(at, service))?,
        usage: o.optional("usage", usage)?.unwrap_or_default(),
        review: o.optional("review", review)?.unwrap_or_default(),
    })
}

fn review(at: At) -> Read<ReviewSettings> {
    let o = Object::new(at, &[], &["accepted"])?;
    Ok(ReviewSettings {
        accepted: o
            .optional("accepted", |at| list(at, acceptance))?
            .unwrap_or_default(),
    })
}

fn acceptance(at: At) -> Read<Acceptance> {
    let o = Object::new(at, &["code", "path", "reason"], &[])?;
    Ok(Acceptance {
        code: o.field("code", string)?,
        path: o.field("path", string)?,
        reason: o.field("reason", string)?,
    })
}

fn network(at: At) -> Read<Network> {
    let o = Object::new(
        at,
        &[
            "name",
            "cidr",
            "subnets",
            "ipv6",
            "nat",
            "gateway_endpoints",
        ],
        &["az_ids", "flow_logs", "flow_log_days"],
    )?;
    Ok(Network {
        name: o.field("name", string)?,
        cidr: o.field("cidr", string)?,
        subnets: o.field("subnets", |at| list(at, string))?,
        az_ids: o.optional("az_ids", |at| list(at, string))?,
        ipv6: o.field("ipv6", boolean)?,
        nat: o.field("nat", nat)?,
        gateway_endpoints: o.field("gateway_endpoints", |at| {
            list(at, |at| {
                choice(
                    at,
                    &[
                        ("s3", GatewayEndpoint::S3),
                        ("dynamodb", GatewayEndpoint::Dynamodb),
                    ],
                )
            })
        })?,
        flow_logs: o.optional("flow_logs", boolean)?.unwrap_or(false),
        flow_log_days: o
            .optional("flow_log_days", whole_number)?
            .unwrap_or(crate::engine::config::DEFAULT_FLOW_LOG_DAYS),
    })
}

fn nat(at: At) -> Read<Nat> {
    let Value::Object(map) = at.value else {
        return Err(wrong_type(at, Message::expect_nat()));
    };
    let mode_path = join(at.path, "mode");
    let mode = match map.get("mode") {
        None => {
            return Err(FieldError::new(
                at.path,
                Message::missing_mode(vec!["auto".into(), "manual".into()]),
            ))
        }
        Some(value) => choice(
            At {
                value,
                path: &mode_path,
            },
            &[("auto", false), ("manual", true)],
        )?,
    };
    if mode {
        let o = Object::new(at, &["mode", "azs"], &[])?;
        Ok(Nat::Manual {
            azs: o.field("azs", |at| list(at, whole_number))?,
        })
    } else {
        Object::new(at, &["mode"], &[])?;
        Ok(Nat::Auto)
    }
}

fn domain(at: At) -> Read<Domain> {
    let o = Object::new(at, &["zone"], &["certificate_arn", "hosted_zone_id"])?;
    Ok(Domain {
        zone: o.field("zone", string)?,
        certificate_arn: o.optional("certificate_arn", string)?,
        hosted_zone_id: o.optional("hosted_zone_id", string)?,
    })
}

fn edge(at: At) -> Read<Edge> {
    let o = Object::new(
        at,
        &[],
        &["waf", "access_logs", "access_log_days", "price_class"],
    )?;
    let defaults = Edge::default();
    Ok(Edge {
        waf: o.optional("waf", waf)?.unwrap_or(defaults.waf),
        access_logs: o
            .optional("access_logs", boolean)?
            .unwrap_or(defaults.access_logs),
        access_log_days: o
            .optional("access_log_days", whole_number)?
            .unwrap_or(defaults.access_log_days),
        price_class: o
            .optional("price_class", |at| {
                choice(
                    at,
                    &[
                        ("PriceClass_All", PriceClass::All),
                        ("PriceClass_200", PriceClass::P200),
                        ("PriceClass_100", PriceClass::P100),
                    ],
                )
            })?
            .unwrap_or(defaults.price_class),
    })
}

#[derive(Clone, Copy)]
enum WafMode {
    Off,
    Managed,
    Existing,
}

fn waf(at: At) -> Read<Waf> {
    let Value::Object(map) = at.value else {
        return Err(wrong_type(at, Message::expect_waf()));
    };
    let mode_path = join(at.path, "mode");
    let Some(value) = map.get("mode") else {
        return Err(FieldError::new(
            at.path,
            Message::missing_mode(vec!["off".into(), "managed".into(), "existing".into()]),
        ));
    };
    let mode = choice(
        At {
            value,
            path: &mode_path,
        },
        &[
            ("off", WafMode::Off),
            ("managed", WafMode::Managed),
            ("existing", WafMode::Existing),
        ],
    )?;
    match mode {
        WafMode::Off => {
            Object::new(at, &["mode"], &[])?;
            Ok(Waf::Off)
        }
        WafMode::Managed => {
            let o = Object::new(at, &["mode"], &["rate_limit", "allow_large_bodies"])?;
            Ok(Waf::Managed {
                rate_limit: o
                    .optional("rate_limit", whole_number)?
                    .unwrap_or(crate::engine::config::DEFAULT_RATE_LIMIT),
                allow_large_bodies: o.optional("allow_large_bodies", boolean)?.unwrap_or(false),
            })
        }
        WafMode::Existing => {
            let o = Object::new(at, &["mode", "web_acl_arn"], &[])?;
            Ok(Waf::Existing {
                web_acl_arn: o.field("web_acl_arn", string)?,
            })
        }
    }
}

fn usage(at: At) -> Read<Usage> {
    let o = Object::new(
        at,
        &[],
        &[
            "requests_per_month",
            "viewer_gb_per_month",
            "nat_egress_gb_per_month",
            "log_gb_per_month",
            "classic_interface_endpoints",
        ],
    )?;
    let defaults = Usage::default();
    let number = |key: &str, default: i64| -> Read<i64> {
        Ok(o.optional(key, whole_number)?.unwrap_or(default))
    };
    Ok(Usage {
        requests_per_month: number("requests_per_month", defaults.requests_per_month)?,
        viewer_gb_per_month: number("viewer_gb_per_month", defaults.viewer_gb_per_month)?,
        nat_egress_gb_per_month: number(
            "nat_egress_gb_per_month",
            defaults.nat_egress_gb_per_month,
        )?,
        log_gb_per_month: number("log_gb_per_month", defaults.log_gb_per_month)?,
        classic_interface_endpoints: o
            .optional("classic_interface_endpoints", boolean)?
            .unwrap_or(defaults.classic_interface_endpoints),
    })
}

fn service(at: At) -> Read<Service> {
    let o = Object::new(
        at,
        &[
            "name",
            "image",
            "port",
            "cpu",
            "memory",
            "health_check_path",
            "scaling",
            "log_retention_days",
            "cloudfront",
        ],
        &[
            "environment",
            "secrets",
            "command",
            "permissions",
            "policy_arns",
            "secrets_kms_key_arn",
        ],
    )?;
    Ok(Service {
        name: o.field("name", string)?,
        image: o.field("image", string)?,
        port: o.field("port", whole_number)?,
        cpu: o.field("cpu", whole_number)?,
        memory: o.field("memory", whole_number)?,
        health_check_path: o.field("health_check_path", string)?,
        scaling: o.field("scaling", scaling)?,
        log_retention_days: o.field("log_retention_days", whole_number)?,
        cloudfront: o.field("cloudfront", cloudfront)?,
        app: Application {
            environment: o
                .optional("environment", |at| list(at, env_var))?
                .unwrap_or_default(),
            secrets: o
                .optional("secrets", |at| list(at, secret_var))?
                .unwrap_or_default(),
            command: o
                .optional("command", |at| list(at, string))?
                .unwrap_or_default(),
            permissions: o
                .optional("permissions", |at| list(at, permission))?
                .unwrap_or_default(),
            policy_arns: o
                .optional("policy_arns", |at| list(at, string))?
                .unwrap_or_default(),
            secrets_kms_key_arn: o.optional("secrets_kms_key_arn", string)?,
        },
    })
}

/// A variable whose value may be absent or null: a share link without values leaves it
/// out, and validation asks for it at its path.
fn env_var(at: At) -> Read<EnvVar> {
    let o = Object::new(at, &["name"], &["value"])?;
    Ok(EnvVar {
        name: o.field("name", string)?,
        value: o.optional("value", string)?,
    })
}

fn secret_var(at: At) -> Read<SecretVar> {
    let o = Object::new(at, &["name", "value_from"], &[])?;
    Ok(SecretVar {
        name: o.field("name", string)?,
        value_from: o.field("value_from", string)?,
    })
}

fn permission(at: At) -> Read<Permission> {
    let o = Object::new(at, &["resource", "access"], &[])?;
    Ok(Permission {
        resource: o.field("resource", string)?,
        access: o.field("access", |at| {
            choice(at, &Access::ALL.map(|access| (access.code(), access)))
        })?,
    })
}

fn scaling(at: At) -> Read<Scaling> {
    let o = Object::new(at, &["min", "max", "metric", "target"], &[])?;
    Ok(Scaling {
        min: o.field("min", whole_number)?,
        max: o.field("max", whole_number)?,
        metric: o.field("metric", |at| {
            choice(
                at,
                &ScalingMetric::ALL.map(|metric| (metric.code(), metric)),
            )
        })?,
        target: o.field("target", whole_number)?,
    })
}

fn cloudfront(at: At) -> Read<CloudFront> {
    let o = Object::new(at, &["enabled"], &["host", "cache"])?;
    Ok(CloudFront {
        enabled: o.field("enabled", boolean)?,
        host: o.optional("host", string)?,
        cache: o
            .optional("cache", |at| {
                choice(at, &[("off", CacheMode::Off), ("short", CacheMode::Short)])
            })?
            .unwrap_or(CacheMode::Off),
    })
}
