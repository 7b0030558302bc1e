//! Container image references, as Docker and ECS accept them, and images in the
//! deploying account's own ECR.

use crate::engine::config::OWN_ECR_REGISTRY;
use crate::engine::message::Message;

/// Accepts the references Docker and ECS accept: `[registry[:port]/]name[:tag][@digest]`,
/// and an image in the deploying account's own ECR written with CloudFormation's pseudo
/// parameters (`${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0`), which the
/// template fills in at deploy time. No other `${...}` is accepted: the image reaches the
/// template as a parameter, where it would be text, not a substitution.
pub fn check_image(image: &str) -> Result<(), Message> {
    if let Some(rest) = image.strip_prefix(OWN_ECR_REGISTRY) {
        let Some(rest) = rest.strip_prefix('/') else {
            return Err(Message::own_ecr_no_repository(OWN_ECR_REGISTRY));
        };
        if rest.contains('@') {
            return Err(Message::own_ecr_digest());
        }
        if rest.contains('$') {
            return Err(Message::own_ecr_substitution());
        }
        // ECR's repository names: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html
        let repository = rest
            .rsplit_once(':')
            .map_or(rest, |(repository, _)| repository);
        if !ECR_REPOSITORY_LENGTH.contains(&repository.len()) {
            return Err(Message::own_ecr_repository_length(
                repository,
                *ECR_REPOSITORY_LENGTH.start(),
                *ECR_REPOSITORY_LENGTH.end(),
            ));
        }
        // The rest is checked as the name and tag of an image in any registry.
        return check_name_and_tag(rest, false);
    }
    if image.contains("${") {
        return Err(Message::image_substitution(OWN_ECR_REGISTRY));
    }
    if image.is_empty() {
        return Err(Message::image_empty());
    }
    if image.len() > MAX_IMAGE_REFERENCE {
        return Err(Message::image_too_long(image.len(), MAX_IMAGE_REFERENCE));
    }
    if image.contains(char::is_whitespace) {
        return Err(Message::image_spaces());
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
            return Err(Message::image_bad_digest());
        }
    }
    check_name_and_tag(rest, true)
}

/// An ECR repository name is 2 to 256 characters.
const ECR_REPOSITORY_LENGTH: std::ops::RangeInclusive<usize> = 2..=256;
/// An image reference is at most 255 characters.
const MAX_IMAGE_REFERENCE: usize = 255;

/// `[registry[:port]/]name[:tag]` (with `may_have_registry`), or `name[:tag]`.
fn check_name_and_tag(rest: &str, may_have_registry: bool) -> Result<(), Message> {
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
            return Err(Message::image_bad_tag(tag));
        }
    }
    let mut components: Vec<&str> = name.split('/').collect();
    if may_have_registry && components.len() > 1 {
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
                return Err(Message::image_bad_registry(first));
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
            return Err(Message::image_bad_repository(component));
        }
    }
    Ok(())
}
