#!/usr/bin/env python3
"""Writes src/engine/update/create_only.rs: for each resource type Stackdraft's
templates emit, the properties whose change makes CloudFormation replace the resource.

The source is the CloudFormation resource provider schemas bundled with the installed
cfn-lint, us-east-1 copy. cfn-lint stores them deduplicated: the module
cfnlint/data/schemas/providers/us_east_1.py maps each type name to a hash, and the
(already patched) schema is cfnlint/data/schemas/resources/<hash>.json; this is what
cfnlint.schema.manager.ProviderSchemaManager.get_resource_schema reads.

Usage: python3 scripts/create-only-table.py [OUTPUT]   (stdout when OUTPUT is omitted)

Fails, naming the type, when a type's schema is missing or holds something the table
cannot express.
"""

import importlib
import json
import os
import subprocess
import sys

REGION = "us_east_1"

# Every resource type Stackdraft's templates emit: the union of
#   grep -rhoE "Type: AWS::[A-Za-z0-9:]+" templates | sort -u
#   grep -rhoE '"AWS::[A-Za-z0-9:]+' src/engine/render | sort -u
# less the two strings there that are not resource types (AWS::AccountId, a pseudo
# parameter; AWS::CloudFormation::Interface, a Metadata key). A type the renderer starts
# emitting belongs here; tests/create_only.rs fails until it is.
TYPES = [
    "AWS::CertificateManager::Certificate",
    "AWS::CloudFront::CachePolicy",
    "AWS::CloudFront::Distribution",
    "AWS::CloudFront::VpcOrigin",
    "AWS::EC2::EIP",
    "AWS::EC2::EgressOnlyInternetGateway",
    "AWS::EC2::FlowLog",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::NatGateway",
    "AWS::EC2::Route",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Subnet",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::VPC",
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::VPCEndpoint",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::ECS::ExpressGatewayService",
    "AWS::IAM::Role",
    "AWS::Logs::LogGroup",
    "AWS::Route53::RecordSet",
    "AWS::S3::Bucket",
    "AWS::S3::BucketPolicy",
    "AWS::WAFv2::LoggingConfiguration",
    "AWS::WAFv2::WebACL",
]

PREFIX = "/properties/"
TAGS = "/properties/Tags"


def fail(message):
    sys.exit(f"create-only-table.py: {message}")


def cfnlint_package():
    try:
        import cfnlint  # noqa: F401  (only its location and data files are used)
    except ImportError as e:
        fail(f"cannot import cfnlint ({e}); install it with `pip install cfn-lint`")
    return os.path.dirname(cfnlint.__file__)


def cfnlint_version():
    try:
        from importlib.metadata import version

        return version("cfn-lint")
    except Exception as e:  # noqa: BLE001
        fail(f"cannot read the installed cfn-lint's version ({e})")


def schemas(package):
    """Yields (type, hash, schema) for every type in TYPES, failing on a missing one."""
    try:
        region = importlib.import_module(f"cfnlint.data.schemas.providers.{REGION}")
    except ImportError as e:
        fail(
            f"this cfn-lint has no cfnlint/data/schemas/providers/{REGION}.py ({e}); "
            "the storage layout changed, read cfnlint/schema/manager.py"
        )
    missing = []
    for resource_type in TYPES:
        schema_hash = region.types.get(resource_type)
        path = os.path.join(package, "data", "schemas", "resources", f"{schema_hash}.json")
        if not schema_hash or not os.path.isfile(path):
            missing.append(resource_type)
            continue
        with open(path, encoding="utf-8") as f:
            schema = json.load(f)
        if schema.get("typeName") != resource_type:
            fail(f"{path} is the schema of {schema.get('typeName')}, not {resource_type}")
        yield resource_type, schema_hash, schema
    if missing:
        fail(
            f"no {REGION} schema in cfn-lint {cfnlint_version()} for: {', '.join(missing)}"
        )


def property_path(resource_type, pointer):
    """`/properties/A/*/B` -> `A/*/B`; anything else the table cannot express fails."""
    if not pointer.startswith(PREFIX) or len(pointer) == len(PREFIX):
        fail(f"{resource_type}: createOnlyProperties entry {pointer!r} is not under {PREFIX}")
    if "~" in pointer or '"' in pointer or "\\" in pointer:
        fail(f"{resource_type}: createOnlyProperties entry {pointer!r} needs unescaping")
    return pointer[len(PREFIX):]


def row(resource_type, schema):
    pointers = schema.get("createOnlyProperties", [])
    properties = [property_path(resource_type, p) for p in pointers]
    if len(set(properties)) != len(properties):
        fail(f"{resource_type}: createOnlyProperties repeats an entry: {pointers}")
    tagging = schema.get("tagging", {})
    tag_property = tagging.get("tagProperty", TAGS)
    if tag_property != TAGS:
        fail(f"{resource_type}: tags live at {tag_property}, not {TAGS}")
    has_tags = "Tags" in schema.get("properties", {})
    # tagUpdatable defaults to true in the provider schema meta-schema. A type with no
    # Tags property cannot have its tags changed at all, so its flag is false even when
    # its schema says tagUpdatable: false (as non-taggable types often do).
    tags_create_only = has_tags and (
        tagging.get("tagUpdatable", True) is False or TAGS in pointers
    )
    return properties, tags_create_only


def rust(version, rows):
    out = [
        "//! Generated by scripts/create-only-table.py from cfn-lint "
        f"{version}'s bundled CloudFormation resource provider schemas, us-east-1 copy "
        f"(cfnlint/data/schemas/providers/{REGION}.py maps a type to a hash; the schema "
        "is cfnlint/data/schemas/resources/<hash>.json). Do not edit: run "
        "`python3 scripts/create-only-table.py src/engine/update/create_only.rs`.",
        "",
        "/// One resource type's create-only properties: changing any of them makes",
        "/// CloudFormation replace the resource.",
        "#[derive(Debug)]",
        "pub struct CreateOnly {",
        "    /// The CloudFormation type name, such as `AWS::EC2::VPC`.",
        "    pub resource_type: &'static str,",
        "    /// The schema's `createOnlyProperties` in its order, each JSON pointer without its",
        "    /// `/properties/` prefix: property names joined by `/` (`CidrBlock`,",
        "    /// `DnsOptions/PrivateDnsPreference`), `*` standing for any item of an array, as",
        "    /// the schema writes it. A change at or below one of these paths replaces the",
        "    /// resource. `Tags` appears here only when the schema lists it.",
        "    pub properties: &'static [&'static str],",
        "    /// Whether changing `Tags` replaces the resource: the type has a `Tags` property",
        "    /// and its schema says `tagging.tagUpdatable: false` or lists `/properties/Tags`",
        "    /// as create-only.",
        "    pub tags_create_only: bool,",
        "}",
        "",
        "/// Every resource type Stackdraft emits, sorted by type name.",
        "pub static CREATE_ONLY: &[CreateOnly] = &[",
    ]
    for resource_type, schema_hash, properties, tags_create_only in rows:
        out.append(f"    // cfnlint/data/schemas/resources/{schema_hash}.json")
        out.append("    CreateOnly {")
        out.append(f"        resource_type: {json.dumps(resource_type)},")
        listed = ", ".join(json.dumps(p) for p in properties)
        out.append(f"        properties: &[{listed}],")
        out.append(f"        tags_create_only: {'true' if tags_create_only else 'false'},")
        out.append("    },")
    out += [
        "];",
        "",
        "/// The create-only properties of `resource_type`; `None` for a type not in the table.",
        "pub fn create_only(resource_type: &str) -> Option<&'static CreateOnly> {",
        "    CREATE_ONLY",
        "        .binary_search_by(|row| row.resource_type.cmp(resource_type))",
        "        .ok()",
        "        .map(|index| &CREATE_ONLY[index])",
        "}",
        "",
    ]
    return "\n".join(out)


def rustfmt(source):
    try:
        result = subprocess.run(
            ["rustfmt", "--edition", "2021", "--emit", "stdout"],
            input=source.encode(),
            capture_output=True,
            check=False,
        )
    except OSError as e:
        fail(f"cannot run rustfmt ({e})")
    if result.returncode != 0:
        fail(f"rustfmt failed:\n{result.stderr.decode(errors='replace')}")
    return result.stdout.decode()


def main():
    if len(sys.argv) > 2:
        fail("usage: create-only-table.py [OUTPUT]")
    package = cfnlint_package()
    version = cfnlint_version()
    rows = []
    for resource_type, schema_hash, schema in schemas(package):
        properties, tags_create_only = row(resource_type, schema)
        rows.append((resource_type, schema_hash, properties, tags_create_only))
    # Byte order, which is what str::cmp and so the binary search use.
    rows.sort(key=lambda r: r[0].encode())
    text = rustfmt(rust(version, rows))
    if len(sys.argv) == 2:
        with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
