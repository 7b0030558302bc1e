//! The closed set of codes: each with its stable id (in JSON reports, the catalogs and
//! the README), its constructor and its named arguments. An argument is `text`, `int`,
//! `field` (another field's path), `list` or `message` (a message inside this one).

use super::{Arg, ArgKind, Message};

/// Whole numbers of any integer type the engine counts with.
pub trait ToInt {
    fn to_int(self) -> i64;
}

macro_rules! to_int {
    ($($t:ty),*) => {$(
        impl ToInt for $t {
            fn to_int(self) -> i64 {
                i64::try_from(self).unwrap_or(i64::MAX)
            }
        }
    )*};
}
to_int!(i64, i32, u8, u32, u64, usize);

macro_rules! param {
    (text) => { impl Into<String> };
    (field) => { impl Into<String> };
    (int) => { impl ToInt };
    (list) => { Vec<String> };
    (message) => { Message };
}

macro_rules! arg {
    (text, $v:ident) => {
        Arg::Text($v.into())
    };
    (field, $v:ident) => {
        Arg::Field($v.into())
    };
    (int, $v:ident) => {
        Arg::Int($v.to_int())
    };
    (list, $v:ident) => {
        Arg::List($v)
    };
    (message, $v:ident) => {
        Arg::Message(Box::new($v))
    };
}

macro_rules! kind {
    (text) => {
        ArgKind::Text
    };
    (field) => {
        ArgKind::Field
    };
    (int) => {
        ArgKind::Int
    };
    (list) => {
        ArgKind::List
    };
    (message) => {
        ArgKind::Message
    };
}

macro_rules! codes {
    ($( $variant:ident $id:literal $ctor:ident ( $($arg:ident : $kind:ident),* ); )*) => {
        /// Every kind of error and warning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $( $variant, )* }

        impl Code {
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable id: `cidr-host-bits`.
            pub fn id(self) -> &'static str {
                match self { $( Code::$variant => $id, )* }
            }

            pub fn from_id(id: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|code| code.id() == id)
            }

            /// The arguments' names, in the order a message holds them.
            pub fn arg_names(self) -> &'static [&'static str] {
                match self { $( Code::$variant => &[ $( stringify!($arg), )* ], )* }
            }

            pub fn arg_kinds(self) -> &'static [ArgKind] {
                match self { $( Code::$variant => &[ $( kind!($kind), )* ], )* }
            }
        }

        impl Message {
            $(
                #[allow(clippy::new_ret_no_self)]
                pub fn $ctor( $( $arg: param!($kind) ),* ) -> Message {
                    Message { code: Code::$variant, args: vec![ $( arg!($kind, $arg) ),* ] }
                }
            )*
        }
    };
}

codes! {
    // A message about a field, where only a message fits (a link's or a file's problem).
    AtPath "at-path" at_path(path: text, problem: message);

    // Reading a design (a file, a document, JSON).
    ConfigTooLarge "config-too-large" config_too_large(bytes: int, max_kib: int);
    FileTooLarge "file-too-large" file_too_large(megabytes: text, max_kib: int);
    FileNotText "file-not-text" file_not_text();
    FileUnreadable "file-unreadable" file_unreadable();
    FileNotOpened "file-not-opened" file_not_opened(name: text, problem: message);
    UnnamedFileNotOpened "unnamed-file-not-opened" unnamed_file_not_opened(problem: message);
    NotJson "not-json" not_json(detail: text);
    NotAnObject "not-an-object" not_an_object();
    VersionMissing "version-missing" version_missing();
    VersionUnsupported "version-unsupported" version_unsupported(version: text);
    WrongType "wrong-type" wrong_type(found: message, expected: message);
    JsonNull "json-null" json_null();
    JsonBoolean "json-boolean" json_boolean(value: text);
    JsonNumber "json-number" json_number(value: text);
    JsonString "json-string" json_string(value: text);
    JsonList "json-list" json_list();
    JsonObject "json-object" json_object();
    ExpectObject "expect-object" expect_object();
    ExpectString "expect-string" expect_string();
    ExpectBoolean "expect-boolean" expect_boolean();
    ExpectWholeNumber "expect-whole-number" expect_whole_number();
    ExpectList "expect-list" expect_list();
    ExpectNat "expect-nat" expect_nat();
    ExpectWaf "expect-waf" expect_waf();
    UnknownField "unknown-field" unknown_field(key: text, expected: list);
    MissingField "missing-field" missing_field(key: text);
    MissingMode "missing-mode" missing_mode(choices: list);
    UnknownChoice "unknown-choice" unknown_choice(value: text, choices: list);

    // Share links.
    LinkNoDesign "link-no-design" link_no_design(prefix: text);
    LinkUnknownVersion "link-unknown-version" link_unknown_version(version: text, known: list);
    LinkTooLong "link-too-long" link_too_long(length: int);
    LinkBadBase64 "link-bad-base64" link_bad_base64();
    LinkBadCompression "link-bad-compression" link_bad_compression();
    LinkTooLarge "link-too-large" link_too_large(max_kib: int);
    LinkNotText "link-not-text" link_not_text();
    LinkBadJson "link-bad-json" link_bad_json(detail: text);
    LinkNotAnObject "link-not-an-object" link_not_an_object();
    LinkBadDesign "link-bad-design" link_bad_design(problem: message);

    // The design as a whole.
    RegionUnknown "region-unknown" region_unknown(region: text);
    StackNameEmpty "stack-name-empty" stack_name_empty();
    StackNameInvalid "stack-name-invalid" stack_name_invalid(name: text);
    StackNameTooLong "stack-name-too-long" stack_name_too_long(length: int, max: int);
    UsageOutOfRange "usage-out-of-range" usage_out_of_range(value: int, max: int);
    AcceptanceUnknownCode "acceptance-unknown-code" acceptance_unknown_code(code: text);
    AcceptanceNoReason "acceptance-no-reason" acceptance_no_reason();
    AcceptanceTwice "acceptance-twice" acceptance_twice(code: text, path: text);
    AcceptanceStale "acceptance-stale" acceptance_stale(code: text, path: text);

    // IPv4 CIDR blocks.
    CidrEmpty "cidr-empty" cidr_empty();
    CidrSpaces "cidr-spaces" cidr_spaces(fixed: text);
    CidrIpv6 "cidr-ipv6" cidr_ipv6();
    CidrNoPrefix "cidr-no-prefix" cidr_no_prefix();
    CidrBadPrefix "cidr-bad-prefix" cidr_bad_prefix(prefix: text);
    CidrNotFourNumbers "cidr-not-four-numbers" cidr_not_four_numbers(address: text);
    CidrLeadingZero "cidr-leading-zero" cidr_leading_zero(octet: text, fixed: int);
    CidrBadOctet "cidr-bad-octet" cidr_bad_octet(octet: text, address: text);
    CidrHostBits "cidr-host-bits" cidr_host_bits(address: text, network: text);

    // The network.
    VpcPrefixOutOfRange "vpc-prefix-out-of-range" vpc_prefix_out_of_range(prefix: int, low: int, low_addresses: text, high: int, high_addresses: text);
    SubnetCount "subnet-count" subnet_count(count: int, min: int, max: int);
    SubnetsExceedZones "subnets-exceed-zones" subnets_exceed_zones(count: int, region: text, zones: int, first_without: int);
    SubnetTooSmall "subnet-too-small" subnet_too_small(prefix: int, usable: int, smallest: int);
    SubnetTooLarge "subnet-too-large" subnet_too_large(prefix: int, low: int, high: int);
    SubnetOutsideVpc "subnet-outside-vpc" subnet_outside_vpc(subnet: text, vpc: text);
    SubnetOverlap "subnet-overlap" subnet_overlap(subnet: text, other: field, other_block: text);
    NatAzsEmpty "nat-azs-empty" nat_azs_empty();
    NatAzNoSubnet "nat-az-no-subnet" nat_az_no_subnet(az: int, last: int);
    NatAzTwice "nat-az-twice" nat_az_twice(az: int);
    LogRetentionInvalid "log-retention-invalid" log_retention_invalid(days: int, choices: list);
    EndpointTwice "endpoint-twice" endpoint_twice(endpoint: text);
    ZoneIdsCount "zone-ids-count" zone_ids_count(count: int, subnets: int);
    ZoneIdMalformed "zone-id-malformed" zone_id_malformed(id: text);
    ZoneIdOtherRegion "zone-id-other-region" zone_id_other_region(id: text, region: text, prefix: text, zones: list);
    ZoneIdTwice "zone-id-twice" zone_id_twice(id: text);

    // Services.
    ServicesEmpty "services-empty" services_empty();
    ServicesTooMany "services-too-many" services_too_many(count: int, max: int);
    NameTakenByNetwork "name-taken-by-network" name_taken_by_network(name: text);
    NameTakenByGlobalStack "name-taken-by-global-stack" name_taken_by_global_stack(name: text);
    NameTakenByService "name-taken-by-service" name_taken_by_service(name: text, other: field);
    HostTaken "host-taken" host_taken(host: text, other: field);
    PortOutOfRange "port-out-of-range" port_out_of_range(port: int);
    CpuInvalid "cpu-invalid" cpu_invalid(cpu: int, choices: list);
    MemoryNotOffered "memory-not-offered" memory_not_offered(memory: int, cpu: int, choices: list);
    MemoryNotInRange "memory-not-in-range" memory_not_in_range(memory: int, cpu: int, from_gb: int, to_gb: int, step_gb: int, from_mib: int, to_mib: int);
    HealthPathNoSlash "health-path-no-slash" health_path_no_slash(path: text);
    HealthPathTooLong "health-path-too-long" health_path_too_long(length: int, max: int);
    HealthPathBadPercent "health-path-bad-percent" health_path_bad_percent();
    HealthPathQuery "health-path-query" health_path_query();
    HealthPathBadCharacter "health-path-bad-character" health_path_bad_character(character: text);
    ScalingMinBelowOne "scaling-min-below-one" scaling_min_below_one(min: int);
    ScalingMaxTooMany "scaling-max-too-many" scaling_max_too_many(max: int, limit: int);
    ScalingMaxBelowMin "scaling-max-below-min" scaling_max_below_min(max: int, min: int);
    ScalingTargetPercent "scaling-target-percent" scaling_target_percent(target: int, metric: text, low: int, high: int);
    ScalingTargetRequests "scaling-target-requests" scaling_target_requests(target: int, metric: text, low: int, high: int);
    HostInvalid "host-invalid" host_invalid(host: text, problem: message);
    HostNeedsDomain "host-needs-domain" host_needs_domain();
    AliasTooLong "alias-too-long" alias_too_long(alias: text, max: int);
    AliasTooLongToCertify "alias-too-long-to-certify" alias_too_long_to_certify(alias: text, max: int);
    HostNeedsCertificate "host-needs-certificate" host_needs_certificate();

    // Container images.
    ImageEmpty "image-empty" image_empty();
    ImageTooLong "image-too-long" image_too_long(length: int, max: int);
    ImageSpaces "image-spaces" image_spaces();
    ImageSubstitution "image-substitution" image_substitution(registry: text);
    ImageBadDigest "image-bad-digest" image_bad_digest();
    ImageBadTag "image-bad-tag" image_bad_tag(tag: text);
    ImageBadRegistry "image-bad-registry" image_bad_registry(registry: text);
    ImageBadRepository "image-bad-repository" image_bad_repository(part: text);
    OwnEcrNoRepository "own-ecr-no-repository" own_ecr_no_repository(registry: text);
    OwnEcrDigest "own-ecr-digest" own_ecr_digest();
    OwnEcrSubstitution "own-ecr-substitution" own_ecr_substitution();
    OwnEcrRepositoryLength "own-ecr-repository-length" own_ecr_repository_length(repository: text, min: int, max: int);

    // The domain and the entry point.
    DnsNameEmpty "dns-name-empty" dns_name_empty();
    DnsNameTrailingDot "dns-name-trailing-dot" dns_name_trailing_dot(fixed: text);
    DnsNameTooLong "dns-name-too-long" dns_name_too_long(length: int, max: int);
    DnsNameOneLabel "dns-name-one-label" dns_name_one_label(zone: text);
    DnsNameLabel "dns-name-label" dns_name_label(label: text, problem: message);
    DnsLabelEmpty "dns-label-empty" dns_label_empty();
    DnsLabelTooLong "dns-label-too-long" dns_label_too_long(length: int, max: int);
    DnsLabelCharacters "dns-label-characters" dns_label_characters();
    DnsLabelHyphen "dns-label-hyphen" dns_label_hyphen();
    HostedZoneIdInvalid "hosted-zone-id-invalid" hosted_zone_id_invalid(id: text);
    ArnAccount "arn-account" arn_account(account: text);
    CertificateArnNotArn "certificate-arn-not-arn" certificate_arn_not_arn();
    CertificateArnRegion "certificate-arn-region" certificate_arn_region(region: text);
    CertificateArnNoRegion "certificate-arn-no-region" certificate_arn_no_region();
    CertificateArnId "certificate-arn-id" certificate_arn_id();
    WebAclArnNotArn "web-acl-arn-not-arn" web_acl_arn_not_arn();
    WebAclArnRegion "web-acl-arn-region" web_acl_arn_region(region: text);
    WebAclArnNoRegion "web-acl-arn-no-region" web_acl_arn_no_region();
    WebAclArnNotCloudFront "web-acl-arn-not-cloudfront" web_acl_arn_not_cloudfront();
    WebAclArnNameAndId "web-acl-arn-name-and-id" web_acl_arn_name_and_id();
    WebAclArnIdNotHex "web-acl-arn-id-not-hex" web_acl_arn_id_not_hex(id: text);
    RateLimitOutOfRange "rate-limit-out-of-range" rate_limit_out_of_range(rate_limit: int, low: int, high: int);
    AccessLogsRegion "access-logs-region" access_logs_region(region: text);
    AccessLogDaysOutOfRange "access-log-days-out-of-range" access_log_days_out_of_range(days: int, low: int, high: int);

    // What a service's application is given.
    ArnRegionInvalid "arn-region-invalid" arn_region_invalid(region: text);
    SecretSourceInvalid "secret-source-invalid" secret_source_invalid();
    SecretArnSuffix "secret-arn-suffix" secret_arn_suffix(count: int);
    SecretArnNoSuffix "secret-arn-no-suffix" secret_arn_no_suffix(name: text);
    ParameterNameInvalid "parameter-name-invalid" parameter_name_invalid(name: text);
    PermissionResourceInvalid "permission-resource-invalid" permission_resource_invalid();
    BucketArnObjects "bucket-arn-objects" bucket_arn_objects(bucket: text);
    BucketNameInvalid "bucket-name-invalid" bucket_name_invalid(name: text);
    TableArnPart "table-arn-part" table_arn_part(table: text);
    TableNameInvalid "table-name-invalid" table_name_invalid(name: text);
    PolicyArnInvalid "policy-arn-invalid" policy_arn_invalid();
    KmsKeyArnInvalid "kms-key-arn-invalid" kms_key_arn_invalid();
    VariableNameInvalid "variable-name-invalid" variable_name_invalid(name: text);
    VariableNameTaken "variable-name-taken" variable_name_taken(name: text, other: field);
    VariableSetByEcs "variable-set-by-ecs" variable_set_by_ecs(name: text);
    VariableValueMissing "variable-value-missing" variable_value_missing(name: text);
    PermissionTaken "permission-taken" permission_taken(other: field);
    PolicyArnTaken "policy-arn-taken" policy_arn_taken(other: field);
    PolicyArnsTooMany "policy-arns-too-many" policy_arns_too_many(count: int, max: int);
    TaskPolicyTooLarge "task-policy-too-large" task_policy_too_large(characters: int, max: int);
    ExecutionPolicyTooLarge "execution-policy-too-large" execution_policy_too_large(characters: int, max: int);
    TemplateTooLarge "template-too-large" template_too_large(stack: text, bytes: int, max: int);

    // Numbers typed into the form.
    NumberEmpty "number-empty" number_empty();
    NumberNotWhole "number-not-whole" number_not_whole(text: text);
    NumberNotWholeSeparators "number-not-whole-separators" number_not_whole_separators(text: text);
    NumberTooLarge "number-too-large" number_too_large(text: text);
    QuantityCount "quantity-count" quantity_count(text: text);
    QuantityData "quantity-data" quantity_data(text: text);
    QuantityFraction "quantity-fraction" quantity_fraction(text: text);
    NoEstimate "no-estimate" no_estimate(problems: list);

    // The form's list editors: pasted NAME=value lines, a command line split into words.
    PastedLineWithoutEquals "pasted-line-without-equals" pasted_line_without_equals(line: int, text: text);
    CommandUnclosedQuote "command-unclosed-quote" command_unclosed_quote(quote: text);
    CommandTrailingBackslash "command-trailing-backslash" command_trailing_backslash();

    // The form's auto-split of the VPC block.
    SplitVpcInvalid "split-vpc-invalid" split_vpc_invalid(problem: message);
    SplitCountTyped "split-count-typed" split_count_typed(problem: message);
    SplitPrefixTyped "split-prefix-typed" split_prefix_typed(problem: message);
    SplitCount "split-count" split_count(min: int, max: int);
    SplitPrefixLargerThanVpc "split-prefix-larger-than-vpc" split_prefix_larger_than_vpc(prefix: int, vpc: text, suggestion: int);
    SplitPrefixTooSmall "split-prefix-too-small" split_prefix_too_small(prefix: int, smallest: int);
    SplitDoesNotFit "split-does-not-fit" split_does_not_fit(count: int, prefix: int, needed: int, vpc: text, size: int, suggestion: int);

    // The review's warnings.
    NatUnlistedZones "nat-unlisted-zones" nat_unlisted_zones(listed: list, unlisted: list);
    NatUnlistedZonesPriced "nat-unlisted-zones-priced" nat_unlisted_zones_priced(listed: list, unlisted: list, zones: int, monthly: text, zone_hour: text, address_hour: text);
    ZoneCoverage "zone-coverage" zone_coverage(subnets: int, region: text, zones: list);
    UnlistedZone "unlisted-zone" unlisted_zone(id: text, region: text, listed: list);
    ExampleZone "example-zone" example_zone(zone: text);
    ExampleCertificateAccount "example-certificate-account" example_certificate_account(account: text);
    ExampleCertificateId "example-certificate-id" example_certificate_id();
    ExampleWebAclAccount "example-web-acl-account" example_web_acl_account(account: text);
    ExampleImageAccount "example-image-account" example_image_account(account: text);
    ExampleArnAccount "example-arn-account" example_arn_account(account: text);
    NoWebAcl "no-web-acl" no_web_acl();
    LargeBodiesBlocked "large-bodies-blocked" large_bodies_blocked();
    NoAccessLogs "no-access-logs" no_access_logs();
    SingleTask "single-task" single_task();
    DefaultCertificate "default-certificate" default_certificate();
    SharedCache "shared-cache" shared_cache();
    FargateQuota "fargate-quota" fargate_quota(peak_vcpus: text, quota: int);
    VariableLooksSecret "variable-looks-secret" variable_looks_secret(name: text);
    VariableOverridesCredentials "variable-overrides-credentials" variable_overrides_credentials(name: text);
    VariableOverridesRegion "variable-overrides-region" variable_overrides_region(name: text);
    TableInOtherRegion "table-in-other-region" table_in_other_region(table: text, table_region: text, region: text);
    DataThroughNat "data-through-nat" data_through_nat(endpoint: text, price: text, gb: int, monthly: text);
    DataThroughNatUnpriced "data-through-nat-unpriced" data_through_nat_unpriced(endpoint: text);
    BroadPolicy "broad-policy" broad_policy(name: text);
    PolicyArnsOverQuota "policy-arns-over-quota" policy_arns_over_quota(count: int, quota: int, max: int);
    KmsKeyUnused "kms-key-unused" kms_key_unused();

    // What an update will do: why a resource changes, what CloudFormation refuses.
    UpdateTypeChanged "update-type-changed" update_type_changed(from: text, to: text);
    UpdateCreateOnly "update-create-only" update_create_only(property: text);
    UpdateRefersToReplaced "update-refers-to-replaced" update_refers_to_replaced(property: text, target: text);
    UpdateValueFollows "update-value-follows" update_value_follows(target: text);
    UpdateExportInUse "export-in-use" update_export_in_use(export: text, stacks: list);
    UpdateExportRemovedInUse "export-removed-in-use" update_export_removed_in_use(export: text, stacks: list);
    UpdateCustomName "custom-name-replacement" update_custom_name(resource: text, property: text);
    UpdateHeldByOld "held-by-old" update_held_by_old(name: text, resource: text, stack: text, holder: text);
    UpdateNewCloudfrontDomain "new-cloudfront-domain" update_new_cloudfront_domain(resource: text);
    UpdateStackLeft "stack-left-behind" update_stack_left(stack: text, count: int);
    UpdateDrift "update-drift" update_drift();
}
