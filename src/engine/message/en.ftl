# Stackdraft's messages in English (src/engine/message/mod.rs says the format).

-list-separator = ", "

at-path = { $path }: { $problem }

## Reading a design

config-too-large = the document is { $bytes } bytes; a design is at most { $max_kib } KiB
file-too-large = the file is { $megabytes } MB, and a Stackdraft design is at most { $max_kib } KiB;
    check that it is the right file
file-not-text = the file is not text (UTF-8); a design is a JSON file such as stackdraft.json
file-unreadable = the browser could not read it
file-not-opened = “{ $name }” could not be opened: { $problem }. You are still seeing your design.
unnamed-file-not-opened = The file could not be opened: { $problem }. You are still seeing your design.
not-json = not valid JSON: { $detail }
not-an-object = a design is a JSON object ({"version": 1, ...})
version-missing = is missing; this build reads version 1
version-unsupported = is { $version }; this build of Stackdraft reads config version 1 only
wrong-type = is { $found }, but must be { $expected }
json-null = null
json-boolean = the boolean { $value }
json-number = the number { $value }
json-string = the string { $value }
json-list = a list
json-object = an object
expect-object = an object
expect-string = a string
expect-boolean = true or false
expect-whole-number = a whole number
expect-list = a list
expect-nat = {"mode": "auto"} or {"mode": "manual", "azs": [0]}
expect-waf = {"mode": "off"}, {"mode": "managed", "rate_limit": 2000, "allow_large_bodies": false}
    or {"mode": "existing", "web_acl_arn": "arn:aws:wafv2:us-east-1:…"}
unknown-field = “{ $key }” is not a field here; the fields are { $expected }
missing-field = needs the field “{ $key }”
missing-mode = needs the field “mode”: { $choices }
unknown-choice = is “{ $value }”; choose { $choices }

## Share links

link-no-design = the link holds no Stackdraft design (it should contain #{ $prefix }…)
link-unknown-version = the link is in format '{ $version }', which this version of Stackdraft cannot
    read (it reads { $known }); it may come from a newer Stackdraft
link-too-long = the link's design is { $length } characters long, more than a design can be; it is not
    a Stackdraft link
link-bad-base64 = the link is damaged: its design part has characters that do not belong there
    (was it cut or edited?)
link-bad-compression = the link is damaged or cut short: its design cannot be unpacked
link-too-large = the link unpacks to more than { $max_kib } KiB, more than any design; it was refused
link-not-text = the link's design is not readable JSON (not UTF-8 text)
link-bad-json = the link's design is not readable JSON ({ $detail })
link-not-an-object = the link's design is not readable JSON (the design is not a JSON object)
link-bad-design = the link's design cannot be read: { $problem }

## The design as a whole

region-unknown = '{ $region }' is not an AWS commercial region code such as ap-northeast-1 or us-east-1
stack-name-empty = is empty; a stack name starts with a letter and uses letters, digits and hyphens
stack-name-invalid = '{ $name }' is not a valid CloudFormation stack name: start with a letter and use
    only letters (A–Z), digits and hyphens
stack-name-too-long = is { $length } characters; names derived from it would exceed AWS's limits,
    so use at most { $max }
usage-out-of-range = is { $value }; give a whole number from 0 to { $max }
acceptance-unknown-code = is “{ $code }”, which is no warning's code: stackdraft check --format json
    gives each warning's code, and the README lists them
acceptance-no-reason = is empty; say why the warning is accepted (the reason is what a reader of
    the design sees beside it)
acceptance-twice = accepts { $code } at { $path } again; keep one acceptance for it
acceptance-stale = accepts { $code } at { $path }, which the review no longer raises: the
    acceptance can go

## IPv4 CIDR blocks

cidr-empty = is empty; write an IPv4 CIDR block such as 10.0.0.0/16
cidr-spaces = contains spaces; write it without them, as { $fixed }
cidr-ipv6 = looks like an IPv6 block; write an IPv4 CIDR block such as 10.0.0.0/16 (with IPv6 on,
    Amazon assigns the IPv6 blocks itself)
cidr-no-prefix = has no prefix length; write it as address/prefix, e.g. 10.0.0.0/16
cidr-bad-prefix = has prefix length '/{ $prefix }'; it must be a number from 0 to 32
cidr-not-four-numbers = '{ $address }' is not an IPv4 address: it needs four numbers separated by dots
cidr-leading-zero = '{ $octet }' has a leading zero, which some tools read as octal; write { $fixed }
cidr-bad-octet = '{ $octet }' is not a number from 0 to 255 in address '{ $address }'
cidr-host-bits = has host bits set: { $address } is inside the network { $network }; write that

## The network

vpc-prefix-out-of-range = is a /{ $prefix }; a VPC block must be between /{ $low } ({ $low_addresses }
    addresses) and /{ $high } ({ $high_addresses } addresses)
subnet-count = has { $count } subnets; give { $min } to { $max }, one per Availability Zone (the
    internal ALB needs at least two zones)
subnets-exceed-zones = has { $count } subnets but { $region } usually offers { $zones } Availability
    Zones; subnet { $first_without } would have no zone
subnet-too-small = is a /{ $prefix } with { $usable } usable addresses; the internal ALB needs a
    /{ $smallest } or larger (AWS keeps 5 addresses per subnet and the ALB needs 8 free)
subnet-too-large = is a /{ $prefix }; AWS subnets are /{ $low } to /{ $high }
subnet-outside-vpc = { $subnet } is not inside the VPC block { $vpc }
subnet-overlap = { $subnet } overlaps { $other } ({ $other_block }); subnets must not share addresses
nat-azs-empty = is empty; list at least one AZ index for the NAT gateway's Elastic IPs, or make the
    `network.nat` automatic ({"mode": "auto"})
nat-az-no-subnet = AZ index { $az } has no subnet; indices run from 0 to { $last }
nat-az-twice = AZ index { $az } is listed twice
log-retention-invalid = is { $days }; CloudWatch Logs keeps logs for one of { $choices } days
endpoint-twice = "{ $endpoint }" is listed twice
zone-ids-count = lists { $count } zone IDs for { $subnets } subnets; give one zone ID per subnet, in
    the subnets' order
zone-id-malformed = '{ $id }' is not a zone ID such as apne1-az4 (a region prefix, -az and a number)
zone-id-other-region = '{ $id }' is a zone of another region; zone IDs in { $region } start with
    { $prefix }- ({ $zones })
zone-id-twice = '{ $id }' is listed twice; each subnet needs a zone of its own

## Services

services-empty = is empty; describe at least the initial service
services-too-many = has { $count } services; one Express Mode ALB serves at most { $max }, so split the
    design
name-taken-by-network = '{ $name }' is already used by the `network.name`; every stack name must be
    unique
name-taken-by-global-stack = '{ $name }' is already used by the global stack (named after the
    `network.name` and the region); every stack name must be unique
name-taken-by-service = '{ $name }' is already used by { $other }; every stack name must be unique
host-taken = '{ $host }' is already the host of { $other }; two CloudFront distributions cannot share
    an alias
port-out-of-range = is { $port }; a container port is 1 to 65535
cpu-invalid = is { $cpu }; Fargate CPU units are one of { $choices }
memory-not-offered = is { $memory } MiB; with { $cpu } CPU units Fargate takes one of { $choices } MiB
memory-not-in-range = is { $memory } MiB; with { $cpu } CPU units Fargate takes { $from_gb } to
    { $to_gb } GB in { $step_gb } GB steps ({ $from_mib } to { $to_mib } MiB)
health-path-no-slash = '{ $path }' must start with /, e.g. /health
health-path-too-long = is { $length } characters; at most { $max }
health-path-bad-percent = has a % that is not followed by two hex digits
health-path-query = is a path only: remove the query (?) or fragment (#)
health-path-bad-character = contains '{ $character }', which a URL path cannot hold unescaped;
    use %-encoding
scaling-min-below-one = is { $min }; run at least 1 task
scaling-max-too-many = is { $max }; ECS runs at most { $limit } tasks per service
scaling-max-below-min = is { $max } but min is { $min }; max must be at least min
scaling-target-percent = is { $target }; for { $metric } the target is a percentage from { $low } to
    { $high }
scaling-target-requests = is { $target }; for { $metric } the target is requests per task per
    minute, { $low } to { $high }
host-invalid = '{ $host }' { $problem }
host-needs-domain = needs a `domain`: its `domain.zone`, and a certificate (`domain.certificate_arn`)
    or the zone's `domain.hosted_zone_id` (Stackdraft then requests one); or remove the host to use
    the CloudFront domain name
alias-too-long = makes the alias { $alias } longer than { $max } characters
alias-too-long-to-certify = makes the alias { $alias }, longer than the { $max } characters ACM takes
    as a certificate's first name; shorten the host, or give a certificate of yours
    (`domain.certificate_arn`) that covers it
host-needs-certificate = needs a certificate: set `domain.certificate_arn`, or
    `domain.hosted_zone_id` so that Stackdraft requests one validated by DNS

## Container images

image-empty = is empty; give an image reference such as public.ecr.aws/nginx/nginx:latest or
    ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0
image-too-long = is { $length } characters; an image reference is at most { $max }
image-spaces = contains spaces; an image reference has none
image-substitution = has a ${...} that Stackdraft cannot fill in; the only one accepted is the
    registry { $registry } (this account's ECR in the stack's region)
image-bad-digest = has a digest that is not sha256: followed by 64 lowercase hex digits
image-bad-tag = has tag '{ $tag }'; a tag is up to 128 letters, digits, _, . and -, not starting
    with . or -
image-bad-registry = has registry '{ $registry }', which is not a host name with an optional port;
    give an image reference such as public.ecr.aws/nginx/nginx:latest or
    ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0
image-bad-repository = has repository part '{ $part }'; repository names use lowercase letters,
    digits and . _ - between them; give an image reference such as
    public.ecr.aws/nginx/nginx:latest or ${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com/app:1.0
own-ecr-no-repository = needs /<repository>:<tag> after { $registry }
own-ecr-digest = uses a digest; an image in this account's ECR is written with a tag (…/app:1.0),
    which the template takes as its ContainerTag parameter
own-ecr-substitution = has a ${...} after the registry; only ${AWS::AccountId} and ${AWS::Region}
    in the registry are filled in
own-ecr-repository-length = has repository '{ $repository }'; an ECR repository name is { $min } to
    { $max } characters

## The domain and the entry point

dns-name-empty = is empty; write a DNS zone such as example.com
dns-name-trailing-dot = ends with a dot; write { $fixed }
dns-name-too-long = is { $length } characters; a DNS name is at most { $max }
dns-name-one-label = '{ $zone }' needs at least two labels, such as example.com
dns-name-label = label '{ $label }' { $problem }
dns-label-empty = is empty (two dots in a row?)
dns-label-too-long = is { $length } characters; a DNS label is at most { $max }
dns-label-characters = may use only lowercase letters a–z, digits and hyphens
dns-label-hyphen = must not start or end with a hyphen
hosted-zone-id-invalid = '{ $id }' is not a Route 53 hosted zone ID such as Z0123456789ABCDEFGHIJ
    (a Z, then uppercase letters and digits; without /hostedzone/)
arn-account = has account '{ $account }'; an account id is 12 digits
certificate-arn-not-arn = is not an ACM certificate ARN; it looks like
    arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
certificate-arn-region = is in { $region }; CloudFront only accepts ACM certificates from us-east-1,
    so request or import the certificate there
certificate-arn-no-region = is in no region; CloudFront only accepts ACM certificates from
    us-east-1, so request or import the certificate there
certificate-arn-id = must end in certificate/<id> with a lowercase hexadecimal id, as in
    arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012
web-acl-arn-not-arn = is not an AWS WAF web ACL ARN; it looks like
    arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-web-acl/a1b2c3d4-5678-90ab-cdef-111122223333
web-acl-arn-region = is in { $region }; CloudFront takes web ACLs of scope CLOUDFRONT, which live in
    us-east-1
web-acl-arn-no-region = is in no region; CloudFront takes web ACLs of scope CLOUDFRONT, which live in
    us-east-1
web-acl-arn-not-cloudfront = is not a web ACL of scope CLOUDFRONT: the resource must start with
    global/webacl/, as in arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-web-acl/a1b2c3d4-5678-90ab-cdef-111122223333
web-acl-arn-id-not-hex = ends in the id '{ $id }', but a web ACL's id is hexadecimal digits and
    hyphens, as in arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-web-acl/a1b2c3d4-5678-90ab-cdef-111122223333
web-acl-arn-name-and-id = must end in global/webacl/<name>/<id>, as in
    arn:aws:wafv2:us-east-1:111122223333:global/webacl/my-web-acl/a1b2c3d4-5678-90ab-cdef-111122223333
rate-limit-out-of-range = is { $rate_limit }; AWS WAF takes a rate limit of { $low } to { $high }
    requests per 5 minutes per client IP
access-logs-region = cannot be on in { $region }: CloudFront does not deliver standard logs to buckets
    in that region (an opt-in region); deploy in another region or leave access logs off
access-log-days-out-of-range = is { $days }; keep access logs { $low } to { $high } days

## What a service's application is given

arn-region-invalid = names the region '{ $region }', which is not a region code such as ap-northeast-1
secret-source-invalid = is not a Secrets Manager secret ARN
    (arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:prod/db-AbC123), a Parameter Store
    parameter ARN (arn:aws:ssm:ap-northeast-1:111122223333:parameter/prod/db-url) or a parameter
    name (/prod/db-url)
secret-arn-suffix = has { $count } field(s) after the secret's name; ECS takes none, or exactly
    json-key:version-stage:version-id, where each may be empty (…:secret:prod/db-AbC123:password::)
secret-arn-no-suffix = names the secret '{ $name }' without the hyphen and six characters Secrets
    Manager adds to its ARN, and IAM grants only the whole ARN; give the secret's full ARN (aws
    secretsmanager describe-secret --secret-id { $name } --query ARN)
parameter-name-invalid = '{ $name }' is not a Parameter Store name: letters, digits and _ . -,
    with / between the levels of a hierarchy, at most 1011 characters
permission-resource-invalid = is not an S3 bucket ARN (arn:aws:s3:::my-bucket) or a DynamoDB table
    ARN (arn:aws:dynamodb:ap-northeast-1:111122223333:table/Orders)
bucket-arn-objects = names objects in the bucket { $bucket }; give the bucket itself
    (arn:aws:s3:::{ $bucket }): the permission covers its objects
bucket-name-invalid = '{ $name }' is not an S3 bucket name: 3 to 63 lowercase letters, digits, dots
    and hyphens, starting and ending with a letter or digit, no two dots in a row, not an IP
    address, and none of S3's reserved prefixes (xn--, sthree-, amzn-s3-demo-) or suffixes
    (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)
table-arn-part = names a part of the table { $table }; give the table itself
    (…:table/{ $table }): the permission covers its indexes
table-name-invalid = '{ $name }' is not a DynamoDB table name: 3 to 255 letters, digits, _ - and .
policy-arn-invalid = is not an IAM managed policy ARN; it looks like
    arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess or arn:aws:iam::111122223333:policy/my-app-extra
kms-key-arn-invalid = is not a KMS key ARN; it looks like
    arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
variable-name-invalid = '{ $name }' is not an environment variable name: a letter or _, then
    letters, digits and _
variable-name-taken = '{ $name }' is already set at { $other }; a container gets each variable once
variable-set-by-ecs = '{ $name }' is set by Amazon ECS in every container (the task role's
    credentials, the metadata and agent endpoints, the platform); the service needs ECS's value
variable-value-missing = '{ $name }' has no value (a link shared without values leaves them out);
    give it its value
permission-taken = names the same resource as { $other }; give each bucket or table once, with the
    access it needs
policy-arn-taken = is already attached at { $other }
policy-arns-too-many = lists { $count } policies; IAM attaches at most { $max } managed policies
    to a role
task-policy-too-large = would make the task role's inline policy { $characters } characters; IAM
    allows { $max } per role: give fewer buckets and tables, or move some to a managed policy
execution-policy-too-large = would make the execution role's inline policy { $characters }
    characters; IAM allows { $max } per role: fetch fewer secrets, or keep several values in one
    secret (JSON keys)
template-too-large = makes the template of stack { $stack } { $bytes } bytes; aws cloudformation
    deploy takes at most { $max } bytes from a file: keep long values in Parameter Store or Secrets
    Manager

## Numbers typed into the form

number-empty = is empty; enter a whole number
number-not-whole = '{ $text }' is not a whole number
number-not-whole-separators = '{ $text }' is not a whole number (no decimals or thousands separators)
number-too-large = '{ $text }' is far too large a number
quantity-count = '{ $text }' is not a count; write 10000000, 10,000,000 or 10M (k, M and G for
    thousands, millions and billions)
quantity-data = '{ $text }' is not an amount of data; write 500, 500 GB or 2 TB (a TB is read as
    1,000 GB)
quantity-fraction = '{ $text }' is not a whole number once its unit is applied
no-estimate = No estimate while a usage figure has an error: { $problems }. The templates and the
    zip do not depend on these figures.

## The form's list editors

pasted-line-without-equals = Line { $line } is not NAME=value: “{ $text }”
command-unclosed-quote = The { $quote } quote is not closed: close it, or put a \ before it to keep it
command-trailing-backslash = The line ends with a \, which escapes nothing: remove it, or put it in quotes

## The form's auto-split of the VPC block

split-vpc-invalid = Fix the VPC CIDR block first: it { $problem }
split-count-typed = The number of subnets { $problem }
split-prefix-typed = The prefix { $problem }
split-count = Choose { $min } to { $max } subnets, one per Availability Zone
split-prefix-larger-than-vpc = A /{ $prefix } is larger than the VPC block { $vpc }; choose
    /{ $suggestion } or a longer prefix
split-prefix-too-small = A /{ $prefix } is too small: the internal ALB needs /{ $smallest } or larger
    subnets
split-does-not-fit = { $count } subnets of /{ $prefix } need { $needed } addresses but { $vpc } has
    { $size }; choose /{ $suggestion } or a longer prefix

## The review's warnings

nat-unlisted-zones = the NAT gateway has addresses only in AZ index { $listed }, and in manual mode a
    Regional NAT Gateway serves only the zones it lists: tasks in AZ index { $unlisted } may have no
    IPv4 egress at all (and, with no ECR interface endpoints, cannot pull their images); list every
    subnet's zone, or use automatic mode
nat-unlisted-zones-priced = the NAT gateway has addresses only in AZ index { $listed }, and in manual
    mode a Regional NAT Gateway serves only the zones it lists: tasks in AZ index { $unlisted } may have
    no IPv4 egress at all (and, with no ECR interface endpoints, cannot pull their images); list every
    subnet's zone, or use automatic mode. Listing them adds about { $monthly } a month: { $zones } more
    zones × 730 hours × ({ $zone_hour } a zone-hour + { $address_hour } for its Elastic IP), as the
    cost panel reckons the NAT
zone-coverage = { $subnets } subnets placed with !GetAZs use every zone { $region } usually has: in an
    account whose default VPC lacks a subnet in one zone, !GetAZs returns fewer zones and the stack
    fails; pin the subnets to zone IDs ({ $zones })
unlisted-zone = '{ $id }' is not among the zone IDs AWS lists for { $region } ({ $listed }); check it
    with `aws ec2 describe-availability-zones --region { $region }` (the deploy kit's preflight does)
example-zone = '{ $zone }' is reserved for documentation: no one can own it, so its aliases never
    resolve and no certificate covers them; use your own zone
example-certificate-account = names AWS's documentation account { $account }: CloudFront will refuse it
    and the service stack will roll back; give your certificate's ARN (in us-east-1)
example-certificate-id = ends in AWS's example certificate id: no such certificate exists; give your
    certificate's ARN (in us-east-1)
example-web-acl-account = names AWS's documentation account { $account }: give your web ACL's ARN
example-image-account = names AWS's documentation account { $account }: the tasks cannot pull it and
    the deployment never turns healthy; use ${AWS::AccountId} for your own account's ECR, or another
    registry
example-arn-account = names AWS's documentation account { $account }, which holds no real resource:
    ECS or IAM will find nothing there; give your own account's ARN
no-web-acl = no web ACL: CloudFront is the design's only entry point, and every request reaches the
    services unfiltered and unlimited; choose the managed web ACL
large-bodies-blocked = the Common rule set blocks request bodies over 8 KB (SizeRestrictions_BODY):
    uploads and large form or JSON posts get a 403; allow large bodies if the services take them
no-access-logs = no access logs: requests through CloudFront leave no record to investigate an
    incident with; turn access logs on
single-task = one task at most: during a deployment or a zone failure the service has no spare
    capacity; allow at least 2
default-certificate = the distribution answers on its *.cloudfront.net name with CloudFront's default
    certificate, whose security policy lets viewers negotiate TLS below 1.2; give it a host under your
    own domain
shared-cache = GET responses are cached for up to 2 minutes and served to every visitor alike, and the
    service sees no cookies or viewer headers; use it only for content that is the same for everyone
fargate-quota = at their maximum task counts the services run { $peak_vcpus } vCPUs, above the
    { $quota } vCPUs AWS gives an account by default (Fargate On-Demand vCPU resource count): tasks
    beyond it are not placed; request a quota increase (./deploy.sh preflight reads your account's
    quota) or lower the maximums
variable-looks-secret = '{ $name }' looks like a secret, and a plain variable's value is written in
    the template, the design and its share link; move it to secrets (Secrets Manager or Parameter
    Store)
variable-overrides-credentials = '{ $name }' is read by the AWS SDKs before the container's own
    credentials: the service would act with these, not with its task role and the permissions given
    here
variable-overrides-region = '{ $name }' is set by Amazon ECS to the task's region; another value
    sends the SDKs' calls to another region
table-in-other-region = the table { $table } is in { $table_region }, not in { $region } where the
    service runs: a gateway endpoint serves its own region only, so these requests go through the
    NAT gateway (billed per GB processed) and across regions; keep the table in { $region } if you
    can
data-through-nat = the design has no { $endpoint } gateway endpoint, so this traffic goes through the
    NAT gateway, billed at { $price } per GB processed ({ $monthly } a month if it is the usage's
    { $gb } GB of NAT traffic); add the gateway endpoint, which is free
data-through-nat-unpriced = the design has no { $endpoint } gateway endpoint, so this traffic goes
    through the NAT gateway and is billed per GB processed; add the gateway endpoint, which is free
broad-policy = { $name } grants far more than this service's data (a whole AWS service, or the
    account); grant what the application uses instead
policy-arns-over-quota = attaches { $count } managed policies; IAM allows { $quota } per role unless
    the account's quota was raised (at most { $max }): request the increase first
kms-key-unused = a KMS key for secrets, but the service has no secrets: nothing uses it

## What an update will do

update-type-changed = its type changes from { $from } to { $to }: CloudFormation creates the new
    resource and deletes the old one
update-create-only = { $property } cannot change in place (a create-only property in
    CloudFormation's resource schema): the resource is created anew and the old one deleted
update-refers-to-replaced = { $property } names { $target }, which changes: the resource is
    created anew and the old one deleted
update-value-follows = the template text is the same, but { $target } changes, so the value
    it gives changes on deploy
export-in-use = the export { $export } changes while { $stacks } import it, and CloudFormation
    refuses to change an export another stack imports; delete the importing stacks first and
    deploy again, or keep the old export beside the new one for one deploy
export-removed-in-use = the export { $export } goes while { $stacks } import it, and
    CloudFormation refuses to remove an export another stack imports; update or delete the
    importing stacks first
custom-name-replacement = { $resource } must be replaced but keeps its fixed { $property }, and
    CloudFormation cannot replace a resource with a custom name; change the name (the new one
    is created beside the old) or delete the stack and deploy it again
held-by-old = { $resource } needs the { $name } that { $holder } in the stack { $stack } still
    holds: the new one is created before the old one is deleted, and the name cannot be on two
    at once; delete the old stack (or the old resource) first, or keep the old name for one
    deploy
new-cloudfront-domain = { $resource } is replaced: the new distribution has a new
    *.cloudfront.net domain; records Stackdraft manages follow it, a record kept anywhere else
    must be changed by hand
stack-left-behind = the stack { $stack } is not in the new design: it stands, with its { $count }
    resources, until it is deleted; the kit made against this baseline asks to delete it once the
    rest is deployed (./deploy.sh prune deletes it on its own)
update-drift = The prediction compares templates with templates: a change made in the console
    since the deploy (drift) is not seen; CloudFormation's drift detection finds them (aws
    cloudformation detect-stack-drift)
