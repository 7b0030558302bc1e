//! The deploy kit: `deploy.sh` (preflight, deploy in order, smoke tests, teardown),
//! `DEPLOY.md`, and the field report's test app for the design (`test-app/`). User values
//! reach shell scripts only through single-quoted words and JavaScript only through JSON
//! literals.
//!
//! The rules here — which stack needs which capability, which global output each stack
//! takes as a parameter, which images the preflight checks — are the ones the script and
//! the guide are written from; native tests check them against the rendered templates.

mod guide;
mod script;
mod test_app;

pub use guide::deploy_guide;
pub use script::deploy_script;

use crate::engine::config::{Config, ImageSource};
use crate::engine::exports::GlobalOutput;
use crate::engine::render::{
    global_outputs, requested_certificates, stack_ids, stack_name, stack_region, StackId,
};
use crate::engine::update::diff::Prediction;

/// A file of the kit, relative to the bundle's root.
pub struct KitFile {
    pub path: String,
    pub text: String,
    pub executable: bool,
}

/// The update a kit is made for: the design as deployed (the baseline) and Stackdraft's
/// prediction of deploying the kit's design over it. The plan compares CloudFormation's
/// change sets with the prediction, and the deploy offers to delete the baseline's stacks
/// that the design no longer has.
pub struct Update<'a> {
    pub base: &'a Config,
    /// The prediction from `base` to the kit's design.
    pub prediction: &'a Prediction,
}

/// The file that holds the baseline in the bundle.
pub const BASELINE_FILE_NAME: &str = "baseline.json";
/// The prediction, as `stackdraft diff` prints it, in the bundle of a kit with a baseline.
pub const UPDATE_FILE_NAME: &str = "UPDATE.md";

/// The stacks of the baseline that the design no longer has (a stack is its name in its
/// region), in the baseline's deploy order.
pub fn removed_stacks(base: &Config, config: &Config) -> Vec<StackId> {
    let kept: Vec<(String, &str)> = stack_ids(config)
        .into_iter()
        .map(|id| (stack_name(config, id), stack_region(config, id)))
        .collect();
    stack_ids(base)
        .into_iter()
        .filter(|&id| {
            let (name, region) = (stack_name(base, id), stack_region(base, id));
            !kept.iter().any(|(n, r)| *n == name && *r == region)
        })
        .collect()
}

pub fn kit_files(config: &Config, update: Option<&Update>) -> Vec<KitFile> {
    let file = |path: &str, text: String, executable: bool| KitFile {
        path: path.into(),
        text,
        executable,
    };
    let mut files = vec![
        file("deploy.sh", deploy_script(config, update), true),
        file("DEPLOY.md", deploy_guide(config, update), false),
        file(
            "architecture.svg",
            crate::engine::diagram::architecture_svg(config),
            false,
        ),
        file("test-app/server.js", test_app::server(config), false),
        file(
            "test-app/healthcheck.js",
            test_app::healthcheck(config),
            false,
        ),
        file("test-app/package.json", test_app::package(), false),
        file("test-app/Dockerfile", test_app::dockerfile(config), false),
        file(
            "test-app/.dockerignore",
            "*\n!package.json\n!server.js\n!healthcheck.js\n".into(),
            false,
        ),
        file(
            "test-app/push-image.sh",
            test_app::push_script(config),
            true,
        ),
    ];
    if let Some(update) = update {
        files.push(file(
            UPDATE_FILE_NAME,
            update_report(update.prediction),
            false,
        ));
    }
    files
}

/// `UPDATE.md`: the prediction against the baseline, and how the kit uses it.
fn update_report(prediction: &Prediction) -> String {
    format!(
        "# What this update will do\n\nStackdraft's prediction of deploying this design over `{BASELINE_FILE_NAME}`, the design as deployed.\n`./deploy.sh plan` prints CloudFormation's own answer (a change set per stack) beside it and says where they\ndiffer: they differ when `{BASELINE_FILE_NAME}` is not what is deployed in the account.\n\n```text\n{}```\n",
        crate::engine::update::report::text(prediction)
    )
}

/// One shell word holding exactly `text`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The capability CloudFormation needs to create the stacks' unnamed IAM roles.
pub const CAPABILITY_IAM: &str = "CAPABILITY_IAM";

/// The capability a stack must be deployed with: every service stack creates its own
/// execution and task roles (the initial one also the infrastructure role), the network
/// stack the flow-log role when it has flow logs; the global stack creates no IAM resource.
pub fn capabilities(config: &Config, id: StackId) -> Option<&'static str> {
    match id {
        StackId::Global => None,
        StackId::Network => config.network.flow_logs.then_some(CAPABILITY_IAM),
        StackId::Service(_) => Some(CAPABILITY_IAM),
    }
}

/// The global stack's outputs a stack takes as parameters, in the global stack's order:
/// a distribution takes the web ACL the global stack creates, and an aliased distribution
/// the certificate it requests for that alias. A template declares exactly these without a default, and
/// `aws cloudformation deploy` refuses a parameter the template does not declare.
pub fn parameter_overrides(config: &Config, id: StackId) -> Vec<GlobalOutput> {
    let StackId::Service(index) = id else {
        return Vec::new();
    };
    let Some(service) = config.services.get(index) else {
        return Vec::new();
    };
    let distribution = service.cloudfront.enabled;
    let certificate = requested_certificates(config)
        .into_iter()
        .find(|c| c.service == index)
        .map(|c| c.id);
    global_outputs(config)
        .into_iter()
        .filter(|output| match output {
            GlobalOutput::WebAclArn => distribution,
            GlobalOutput::CertificateArn(id) => certificate.as_ref() == Some(id),
        })
        .collect()
}

/// Every parameter of template `id` that has a default, with it, by name: the design's
/// values. `aws cloudformation deploy` updates a stack with the previous value of every
/// parameter it is not given (`UsePreviousValue`, awscli's
/// `customizations/cloudformation/deploy.py`, `merge_parameters`), so a design whose image
/// tag or port changed would deploy the old one unless each is passed. The shared roles'
/// switch is left out: `deploy.sh` decides it at deploy time.
pub fn parameter_values(config: &Config, id: StackId) -> Vec<(String, String)> {
    let Some(template) = crate::engine::render::template_json(config, id) else {
        return Vec::new();
    };
    let Some(serde_json::Value::Object(parameters)) = template.get("Parameters") else {
        return Vec::new();
    };
    parameters
        .iter()
        .filter(|(name, _)| name.as_str() != crate::engine::render::LEGACY_SHARED_ROLES_PARAMETER)
        .filter_map(|(name, spec)| {
            let value = match spec.get("Default")? {
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            Some((name.clone(), value))
        })
        .collect()
}

/// The flags after `aws cloudformation deploy … --template-file …` for stack `id`: its
/// capability, then its parameter overrides: the global stack's outputs, each written by
/// `value` (the deploy script passes the outputs, the guide a placeholder), then every
/// parameter with a default, as one single-quoted `Name=value` word each.
pub fn deploy_flags(
    config: &Config,
    id: StackId,
    value: &dyn Fn(GlobalOutput) -> String,
) -> String {
    let mut flags = String::new();
    if let Some(capability) = capabilities(config, id) {
        flags.push_str(&format!(" --capabilities {capability}"));
    }
    let overrides = parameter_overrides(config, id);
    let values = parameter_values(config, id);
    if !overrides.is_empty() || !values.is_empty() {
        flags.push_str(" --parameter-overrides");
        for output in overrides {
            flags.push(' ');
            flags.push_str(&value(output));
        }
        for (name, value) in values {
            flags.push(' ');
            flags.push_str(&shell_quote(&format!("{name}={value}")));
        }
    }
    flags
}

/// The template file of a stack in the bundle (the name `render` gives it).
pub fn template_file(config: &Config, id: StackId) -> String {
    crate::engine::render::file_name(config, id)
}

pub use crate::engine::review::{peak_cpu_units, FARGATE_QUOTA_SERVICE, FARGATE_VCPU_QUOTA_CODE};

/// The public Route 53 hosted zone the design's stacks write to (alias records, the
/// certificate's validation records), when some distribution has an alias in it.
pub fn hosted_zone(config: &Config) -> Option<(&str, &str)> {
    let domain = config.domain.as_ref()?;
    let zone_id = domain.hosted_zone_id.as_deref()?;
    config
        .services
        .iter()
        .any(|s| s.cloudfront.enabled && s.alias(Some(domain)).is_some())
        .then_some((zone_id, domain.zone.as_str()))
}

/// A service's image, as the preflight checks it and `push-image.sh` pushes it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Image<'a> {
    /// In the deploying account's ECR, in the design's region.
    OwnEcr { repository: &'a str, tag: &'a str },
    /// A literal ECR URI: checked and pushed only when its account is the caller's.
    AccountEcr {
        account: &'a str,
        region: &'a str,
        repository: &'a str,
        tag: &'a str,
    },
    /// Any other registry: used as written, not checked.
    Elsewhere(&'a str),
}

impl Image<'_> {
    /// Where the image is, as the scripts' shell words: `"$REGION" 'repository' 'tag'` in
    /// the deploying account's ECR, `'account' 'region' 'repository' 'tag'` for a literal
    /// ECR URI, the quoted URI for any other registry.
    pub fn shell_words(&self) -> String {
        match self {
            Image::OwnEcr { repository, tag } => format!(
                "\"$REGION\" {} {}",
                shell_quote(repository),
                shell_quote(tag)
            ),
            Image::AccountEcr {
                account,
                region,
                repository,
                tag,
            } => format!(
                "{} {} {} {}",
                shell_quote(account),
                shell_quote(region),
                shell_quote(repository),
                shell_quote(tag)
            ),
            Image::Elsewhere(uri) => shell_quote(uri),
        }
    }
}

/// The design's images, each once, in the order of the services. Deduplicated by
/// comparison rather than a sort: a sort would add its code to the page per item type.
pub fn images(config: &Config) -> Vec<Image<'_>> {
    let mut images = Vec::new();
    for service in &config.services {
        let image = match service.image_source() {
            ImageSource::OwnEcr { repository, tag } => Image::OwnEcr { repository, tag },
            ImageSource::Reference(uri) => ecr_parts(uri).unwrap_or(Image::Elsewhere(uri)),
        };
        if !images.contains(&image) {
            images.push(image);
        }
    }
    images
}

/// A literal ECR image (`<12 digits>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag]`).
pub fn ecr_parts(image: &str) -> Option<Image<'_>> {
    let (registry, rest) = image.split_once('/')?;
    let mut labels = registry.split('.');
    let account = labels.next()?;
    let (dkr, ecr, region) = (labels.next()?, labels.next()?, labels.next()?);
    if dkr != "dkr"
        || ecr != "ecr"
        || account.len() != 12
        || !account.bytes().all(|b| b.is_ascii_digit())
        || rest.contains('@')
    {
        return None;
    }
    let (repository, tag) = rest.rsplit_once(':').unwrap_or((rest, "latest"));
    Some(Image::AccountEcr {
        account,
        region,
        repository,
        tag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quote_keeps_one_word() {
        assert_eq!(shell_quote("a'b"), r"'a'\''b'");
        assert_eq!(shell_quote("$(rm -rf /)"), "'$(rm -rf /)'");
    }

    #[test]
    fn ecr_images_are_recognised() {
        assert!(matches!(
            ecr_parts("210987654321.dkr.ecr.ap-northeast-1.amazonaws.com/team/app:1.2"),
            Some(Image::AccountEcr {
                account: "210987654321",
                region: "ap-northeast-1",
                repository: "team/app",
                tag: "1.2"
            })
        ));
        assert!(matches!(
            ecr_parts("210987654321.dkr.ecr.us-east-1.amazonaws.com/app"),
            Some(Image::AccountEcr { tag: "latest", .. })
        ));
        assert!(ecr_parts("public.ecr.aws/nginx/nginx:1").is_none());
        assert!(ecr_parts("210987654321.dkr.ecr.us-east-1.amazonaws.com/app@sha256:ab").is_none());
        assert!(ecr_parts("nginx").is_none());
    }

    #[test]
    fn images_are_listed_once_in_service_order() {
        let mut config = Config::default();
        config.services[1].image = "public.ecr.aws/nginx/nginx:1".into();
        let mut third = config.services[0].clone();
        third.name = "third".into();
        config.services.push(third);
        let images = images(&config);
        assert_eq!(images.len(), 2);
        assert!(matches!(
            images[0],
            Image::OwnEcr {
                repository: "ecs-express-test",
                tag: "latest"
            }
        ));
        assert!(matches!(
            images[1],
            Image::Elsewhere("public.ecr.aws/nginx/nginx:1")
        ));
    }

    #[test]
    fn the_peak_is_every_service_at_its_maximum() {
        let mut config = Config::default();
        config.services[0].cpu = 512;
        config.services[0].scaling.max = 3;
        config.services[1].cpu = 2048;
        config.services[1].scaling.max = 5;
        assert_eq!(peak_cpu_units(&config), 512 * 3 + 2048 * 5);
    }

    #[test]
    fn every_service_stack_and_a_network_with_flow_logs_need_iam() {
        let mut config = Config::default();
        assert_eq!(capabilities(&config, StackId::Global), None);
        assert_eq!(capabilities(&config, StackId::Network), None);
        for index in 0..config.services.len() {
            assert_eq!(
                capabilities(&config, StackId::Service(index)),
                Some(CAPABILITY_IAM)
            );
        }
        config.network.flow_logs = true;
        assert_eq!(
            capabilities(&config, StackId::Network),
            Some(CAPABILITY_IAM)
        );
    }
}
