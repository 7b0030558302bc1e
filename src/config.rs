//! The design document (config format v1): what a user edits, keeps in git and shares.

use serde::Serialize;

use crate::error::FieldError;

/// The only config format version this build reads and writes.
pub const CONFIG_VERSION: u32 = 1;

/// Largest config document accepted, in bytes. A design with the maximum number of
/// services is a few kilobytes; anything near this is not a design.
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Config {
    pub version: u32,
    pub region: String,
    pub network: Network,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain: Option<Domain>,
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    pub name: String,
    pub cidr: String,
    pub subnets: Vec<String>,
    pub ipv6: bool,
    pub nat: Nat,
    pub gateway_endpoints: Vec<GatewayEndpoint>,
}

/// How the Regional NAT Gateway gets its Elastic IPs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "mode", rename_all = "lowercase")]
pub enum Nat {
    /// AWS expands the gateway to the AZs that have workloads and manages its addresses.
    Auto,
    /// Elastic IPs only in these AZ indices; egress from the other AZs crosses AZs.
    Manual { azs: Vec<i64> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GatewayEndpoint {
    S3,
    Dynamodb,
}

impl GatewayEndpoint {
    pub const ALL: [GatewayEndpoint; 2] = [GatewayEndpoint::S3, GatewayEndpoint::Dynamodb];

    /// The service part of `com.amazonaws.<region>.<service>`.
    pub fn service(self) -> &'static str {
        match self {
            GatewayEndpoint::S3 => "s3",
            GatewayEndpoint::Dynamodb => "dynamodb",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Domain {
    pub zone: String,
    pub certificate_arn: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub name: String,
    pub image: String,
    pub port: i64,
    pub cpu: i64,
    pub memory: i64,
    pub health_check_path: String,
    pub scaling: Scaling,
    pub log_retention_days: i64,
    pub cloudfront: CloudFront,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scaling {
    pub min: i64,
    pub max: i64,
    pub metric: String,
    pub target: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudFront {
    pub enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
}

impl Default for Config {
    /// The field report's design, with AWS's documentation placeholders for the account
    /// and domain.
    fn default() -> Self {
        Config {
            version: CONFIG_VERSION,
            region: "ap-northeast-1".into(),
            network: Network {
                name: "ecs-express-vpc".into(),
                cidr: "192.168.0.0/18".into(),
                subnets: vec![
                    "192.168.0.0/20".into(),
                    "192.168.16.0/20".into(),
                    "192.168.32.0/20".into(),
                ],
                ipv6: true,
                nat: Nat::Manual { azs: vec![0] },
                gateway_endpoints: GatewayEndpoint::ALL.to_vec(),
            },
            domain: Some(Domain {
                zone: "example.com".into(),
                certificate_arn:
                    "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"
                        .into(),
            }),
            services: vec![
                Service {
                    name: "ecs-express-initial".into(),
                    cloudfront: CloudFront {
                        enabled: true,
                        host: Some("ecs-express-initial".into()),
                    },
                    ..Service::example(3)
                },
                Service {
                    name: "ecs-express-secondary".into(),
                    health_check_path: "/".into(),
                    ..Service::example(20)
                },
            ],
        }
    }
}

impl Service {
    /// The field report's container settings: its test image, 1 vCPU / 2 GB on port 3000,
    /// scaling from one task on average CPU 60%, no CloudFront.
    pub fn example(max_tasks: i64) -> Service {
        Service {
            name: "ecs-express-service".into(),
            image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/ecs-express-test:latest"
                .into(),
            port: 3000,
            cpu: 1024,
            memory: 2048,
            health_check_path: "/api/health/".into(),
            scaling: Scaling {
                min: 1,
                max: max_tasks,
                metric: "AVERAGE_CPU".into(),
                target: 60,
            },
            log_retention_days: 14,
            cloudfront: CloudFront {
                enabled: false,
                host: None,
            },
        }
    }
}

impl Config {
    /// Reads a config document. Errors name the JSON path of the offending value.
    pub fn from_json(text: &str) -> Result<Config, FieldError> {
        if text.len() > MAX_CONFIG_BYTES {
            return Err(FieldError::new(
                "",
                format!(
                    "the document is {} bytes; a design is at most {} KiB",
                    text.len(),
                    MAX_CONFIG_BYTES / 1024
                ),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| FieldError::new("", format!("not valid JSON: {e}")))?;
        Config::from_value(value)
    }

    /// Reads a `stackdraft.json` file's bytes: the size cap first (a 50 MB file is refused
    /// without being parsed), then UTF-8 (a byte-order mark is allowed), then the JSON.
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Config, FieldError> {
        if bytes.len() > MAX_CONFIG_BYTES {
            return Err(FieldError::new(
                "",
                format!(
                    "the file is {}.{} MB; a Stackdraft design is at most {} KiB — is it the right file?",
                    bytes.len() / 1_000_000,
                    bytes.len() % 1_000_000 / 100_000,
                    MAX_CONFIG_BYTES / 1024
                ),
            ));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = std::str::from_utf8(bytes).map_err(|_| {
            FieldError::new(
                "",
                "the file is not text (UTF-8); a design is a JSON file such as stackdraft.json",
            )
        })?;
        Config::from_json(text)
    }

    /// Reads a config from parsed JSON, checking the version first so that a file from a
    /// newer Stackdraft says so instead of failing on a field this build does not know.
    pub fn from_value(value: serde_json::Value) -> Result<Config, FieldError> {
        let object = value.as_object().ok_or_else(|| {
            FieldError::new("", "a design is a JSON object ({\"version\": 1, ...})")
        })?;
        match object.get("version") {
            None => {
                return Err(FieldError::new(
                    "version",
                    "missing; this build reads version 1",
                ))
            }
            Some(v) if v.as_u64() == Some(CONFIG_VERSION as u64) => {}
            Some(v) => {
                return Err(FieldError::new(
                    "version",
                    format!("is {v}; this build of Stackdraft reads config version 1 only"),
                ))
            }
        }
        crate::read::config(&value)
    }

    /// The canonical, human-friendly form written to `stackdraft.json`.
    pub fn to_pretty_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a config always serializes");
        text.push('\n');
        text
    }

    /// The compact form carried by share links.
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).expect("a config always serializes")
    }
}
