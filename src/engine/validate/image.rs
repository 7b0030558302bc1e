//! Container image references, as Docker and ECS accept them, and images in the
//! deploying account's own ECR.

use crate::engine::config::OWN_ECR_REGISTRY;

/// Accepts the references Docker and ECS accept: `[registry[:port]/]name[:tag][@digest]`,
/// and an image in the deploying account's own ECR written with CloudFormation's pseudo
/// parameters (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0`), which the
/// template fills in at deploy time. No other `${...}` is accepted: the image reaches the
/// template as a parameter, where it would be text, not a substitution.
pub fn check_image(image: &str) -> Result<(), String> {
    const HINT: &str = "an image reference such as public.ecr.aws/nginx/nginx:latest or ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0";
    if let Some(rest) = image.strip_prefix(OWN_ECR_REGISTRY) {
        let Some(rest) = rest.strip_prefix('/') else {
            return Err(format!(
                "needs /<repository>:<tag> after {OWN_ECR_REGISTRY}"
            ));
        };
        if rest.contains('@') {
            return Err("uses a digest; an image in this account's ECR is written with a tag (…/app:1.0), which the template takes as its ContainerTag parameter".into());
        }
        if rest.contains('$') {
            return Err("has a ${...} after the registry; only ${AWS::AccountId} and ${AWS::Region} in the registry are filled in".into());
        }
        // ECR's repository names: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
        let repository = rest
            .rsplit_once(':')
            .map_or(rest, |(repository, _)| repository);
        if !(2..=256).contains(&repository.len()) {
            return Err(format!(
                "has repository '{repository}'; an ECR repository name is 2 to 256 characters"
            ));
        }
        // The rest is checked as an image in a plain registry.
        return check_image(&format!("registry.invalid/{rest}"))
            .map_err(|message| message.replace("registry.invalid/", ""));
    }
    if image.contains("${") {
        return Err(format!(
            "has a ${{...}} that Stackdraft cannot fill in; the only one accepted is the registry {OWN_ECR_REGISTRY} (this account's ECR in the stack's region)"
        ));
    }
    if image.is_empty() {
        return Err(format!("is empty; give {HINT}"));
    }
    if image.len() > 255 {
        return Err(format!(
            "is {} characters; an image reference is at most 255",
            image.len()
        ));
    }
    if image.contains(char::is_whitespace) {
        return Err("contains spaces; an image reference has none".into());
    }
    let (rest, digest) = match image.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (image, None),
    };
    if let Some(digest) = digest {
        let ok = digest.strip_prefix("sha256:").is_some_and(|hex| {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
        if !ok {
            return Err(
                "has a digest that is not sha256: followed by 64 lowercase hex digits".into(),
            );
        }
    }
    // A tag is what follows the last colon, unless that colon is a registry port.
    let (name, tag) = match rest.rfind(':') {
        Some(at) if !rest[at..].contains('/') => (&rest[..at], Some(&rest[at + 1..])),
        _ => (rest, None),
    };
    if let Some(tag) = tag {
        let valid = !tag.is_empty()
            && tag.len() <= 128
            && tag
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
            && tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-');
        if !valid {
            return Err(format!("has tag '{tag}'; a tag is up to 128 letters, digits, _, . and -, not starting with . or -"));
        }
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if components.len() > 1 {
        let first = components[0];
        let is_registry = first.contains('.') || first.contains(':') || first == "localhost";
        if is_registry {
            let (host, port) = first.split_once(':').unwrap_or((first, ""));
            let host_ok = !host.is_empty()
                && host.split('.').all(|l| {
                    !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            let port_ok = port.is_empty() && !first.contains(':')
                || (!port.is_empty() && port.parse::<u16>().is_ok());
            if !host_ok || !port_ok {
                return Err(format!("has registry '{first}', which is not a host name with an optional port; give {HINT}"));
            }
            components.remove(0);
        }
    }
    for component in components {
        let valid = !component.is_empty()
            && component
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
            && component
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphanumeric())
            && component
                .bytes()
                .last()
                .is_some_and(|b| b.is_ascii_alphanumeric());
        if !valid {
            return Err(format!(
                "has repository part '{component}'; repository names use lowercase letters, digits and . _ - between them; give {HINT}"
            ));
        }
    }
    Ok(())
}
