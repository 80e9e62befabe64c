#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_distribution
version_added: 0.6.0
short_description: Manage Amazon CloudFront distributions
description:
  - Create, update, disable and delete a CloudFront distribution with S3 origins behind an origin access control
    (OAC), custom origins, a default and ordered cache behaviours, custom error responses, aliases with an ACM
    certificate, logging, a WAF web ACL and tags.
  - On an existing distribution, an option left unset keeps its current value, and settings this module does not
    manage (origin groups, geo restrictions, Lambda@Edge associations...) are kept. A list option replaces the
    distribution's list; each entry is laid over the current entry of the same key (origin C(id), behaviour
    C(path_pattern), response C(error_code)), so its unset suboptions keep their values too.
  - The distribution is compared without regard to the order of aliases, methods, error responses, origins,
    custom headers and TLS protocols, whose order means nothing to CloudFront; the order of O(cache_behaviors)
    decides routing and is compared. A change sends the whole C(DistributionConfig) with the C(ETag) it was
    compared against (C(IfMatch)).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  caller_reference:
    description:
      - The unique reference the distribution is created with, which identifies it; required to create one.
      - The distribution is found by reading the distributions of the account, those whose comment is O(comment)
        first, so that setting O(comment) keeps a run cheap.
    type: str
  distribution_id:
    description: The id of an existing distribution, which identifies it instead of O(caller_reference).
    type: str
    aliases: ["id"]
  state:
    description:
      - Whether the distribution should exist.
      - O(state=absent) disables the distribution, waits until it is C(Deployed) (up to O(wait_timeout)) and
        deletes it.
    type: str
    choices: ["present", "absent"]
    default: present
  comment:
    description: The comment of the distribution (up to 128 characters). A new distribution gets an empty one.
    type: str
  enabled:
    description: Whether the distribution serves requests. A new distribution is enabled.
    type: bool
  aliases:
    description:
      - The domain names (CNAMEs) the distribution serves, compared as a set. They need
        O(viewer_certificate.acm_certificate_arn). A new distribution has none.
    type: list
    elements: str
  default_root_object:
    description: The object returned for the root URL, such as C(index.html) (no leading C(/)).
    type: str
  price_class:
    description: Which edge locations serve the distribution. A new distribution gets V(PriceClass_All).
    type: str
    choices: ["PriceClass_All", "PriceClass_200", "PriceClass_100"]
  http_version:
    description: The highest HTTP version viewers may use. A new distribution gets V(http2).
    type: str
    choices: ["http1.1", "http2", "http3", "http2and3"]
  ipv6_enabled:
    description: Whether the distribution answers over IPv6. A new distribution does.
    type: bool
  web_acl_id:
    description: The ARN of the WAFv2 web ACL (scope C(CLOUDFRONT)) protecting the distribution; an empty string removes it.
    type: str
  viewer_certificate:
    description:
      - The certificate viewers see. Without O(viewer_certificate.acm_certificate_arn), the CloudFront default
        certificate (C(*.cloudfront.net), TLSv1). A new distribution uses the default certificate.
    type: dict
    suboptions:
      acm_certificate_arn:
        description: The ARN of an ACM certificate in us-east-1 covering O(aliases).
        type: str
      minimum_protocol_version:
        description: The oldest TLS version viewers may use; V(TLSv1.2_2021) when a certificate is first set.
        type: str
        choices: ["SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021",
                  "TLSv1.2_2025", "TLSv1.3_2025"]
      ssl_support_method:
        description: How the certificate is served; V(sni-only) when a certificate is first set.
        type: str
        choices: ["sni-only", "vip", "static-ip"]
  logging:
    description: Standard logging. Without O(logging.bucket), logging is turned off. A new distribution logs nothing.
    type: dict
    suboptions:
      bucket:
        description: The domain name of the log bucket, such as C(my-logs.s3.amazonaws.com); it needs ACLs enabled.
        type: str
      prefix:
        description: The prefix of the log objects, such as C(cloudfront/).
        type: str
      include_cookies:
        description: Whether the logs include cookies.
        type: bool
  origins:
    description:
      - The origins; required to create a distribution. An origin without O(origins[].custom_origin) is an S3 origin.
    type: list
    elements: dict
    suboptions:
      id:
        description: The unique id of the origin, which behaviours name in C(target_origin_id).
        type: str
        required: true
      domain_name:
        description: The origin's domain name, such as C(my-bucket.s3.us-east-1.amazonaws.com).
        type: str
        required: true
      origin_path:
        description: A path prefix added to requests to the origin, starting with C(/); an empty string removes it.
        type: str
      origin_access_control_id:
        description:
          - The id of the origin access control (M(appstack.aws.cloudfront_origin_access_control)) that signs
            requests to the origin; an empty string removes it.
        type: str
      s3_origin_access_identity:
        description: The legacy origin access identity of an S3 origin, as C(origin-access-identity/cloudfront/ID).
        type: str
      custom_origin:
        description: Makes the origin a custom (HTTP) origin, such as an App Runner service or a load balancer.
        type: dict
        suboptions:
          http_port:
            description: The HTTP port (80, 443 or 1024 to 65535); 80 for a new origin.
            type: int
          https_port:
            description: The HTTPS port (80, 443 or 1024 to 65535); 443 for a new origin.
            type: int
          origin_protocol_policy:
            description: The protocol CloudFront uses to the origin; V(https-only) for a new origin.
            type: str
            choices: ["http-only", "match-viewer", "https-only"]
          origin_ssl_protocols:
            description: The TLS protocols CloudFront may use to the origin, compared as a set; V(TLSv1.2) for a new origin.
            type: list
            elements: str
            choices: ["SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2"]
          origin_read_timeout:
            description: Seconds (1 to 180) CloudFront waits for a response; 30 for a new origin.
            type: int
          origin_keepalive_timeout:
            description: Seconds (1 to 180) an idle connection to the origin is kept; 5 for a new origin.
            type: int
      custom_headers:
        description: Headers CloudFront adds to requests to the origin, compared as a set.
        type: list
        elements: dict
        suboptions:
          name:
            description: The header name.
            type: str
            required: true
          value:
            description: The header value.
            type: str
            required: true
      connection_attempts:
        description: How many times (1 to 3) CloudFront tries to connect; 3 for a new origin.
        type: int
      connection_timeout:
        description: Seconds (1 to 10) CloudFront waits for a connection; 10 for a new origin.
        type: int
  default_cache_behavior:
    description:
      - The behaviour of the requests no path pattern of O(cache_behaviors) matches; required to create a
        distribution.
      - A behaviour with O(default_cache_behavior.cache_policy_id) takes its TTLs from the cache policy; one
        without uses the legacy settings (O(default_cache_behavior.min_ttl), ...; no query string, cookie or
        header in the cache key).
    type: dict
    suboptions: &behavior
      target_origin_id:
        description: The id of the origin of the requests; required for a new behaviour.
        type: str
      viewer_protocol_policy:
        description: What viewers may use; V(redirect-to-https) for a new behaviour.
        type: str
        choices: ["allow-all", "https-only", "redirect-to-https"]
      allowed_methods:
        description:
          - The methods CloudFront passes on, compared as a set; V([GET, HEAD]) for a new behaviour.
          - CloudFront accepts C([GET, HEAD]), C([GET, HEAD, OPTIONS]) or all seven methods.
        type: list
        elements: str
        choices: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]
      cached_methods:
        description: The methods whose responses are cached, C([GET, HEAD]) or C([GET, HEAD, OPTIONS]).
        type: list
        elements: str
        choices: ["GET", "HEAD", "OPTIONS"]
      compress:
        description: Whether CloudFront compresses responses; true for a new behaviour.
        type: bool
      cache_policy_id:
        description: The id of the cache policy; an empty string goes back to the legacy settings.
        type: str
      origin_request_policy_id:
        description: The id of the origin request policy; an empty string removes it.
        type: str
      response_headers_policy_id:
        description: The id of the response headers policy; an empty string removes it.
        type: str
      function_associations:
        description: The CloudFront Functions run on viewer events, one per event type, compared as a set.
        type: list
        elements: dict
        suboptions:
          event_type:
            description: The event.
            type: str
            required: true
            choices: ["viewer-request", "viewer-response"]
          function_arn:
            description: The ARN of the published function.
            type: str
            required: true
      min_ttl:
        description: Legacy minimum TTL in seconds, without a cache policy; 0 for a new behaviour.
        type: int
      default_ttl:
        description: Legacy default TTL in seconds, without a cache policy; 86400 for a new behaviour.
        type: int
      max_ttl:
        description: Legacy maximum TTL in seconds, without a cache policy; 31536000 for a new behaviour.
        type: int
  cache_behaviors:
    description:
      - The ordered cache behaviours; CloudFront uses the first whose path pattern matches, so order matters.
      - Each takes the suboptions of O(default_cache_behavior), plus O(cache_behaviors[].path_pattern).
    type: list
    elements: dict
    suboptions:
      path_pattern:
        description: The path pattern, such as C(/static/*), of letters, digits, C(_-.$/~"'@:+&) and the wildcards C(*) and C(?).
        type: str
        required: true
      <<: *behavior
  custom_error_responses:
    description: What CloudFront answers for origin errors, compared as a set by O(custom_error_responses[].error_code).
    type: list
    elements: dict
    suboptions:
      error_code:
        description: The HTTP status code (400, 403, 404, 405, 414, 416, 500, 501, 502, 503 or 504).
        type: int
        required: true
      response_code:
        description: The status code returned instead (200 or one of the error codes); with O(custom_error_responses[].response_page_path).
        type: int
      response_page_path:
        description: The object returned instead, starting with C(/), such as C(/index.html).
        type: str
      error_caching_min_ttl:
        description: Seconds the error response is cached; CloudFront uses 10 when not set.
        type: int
  wait:
    description: Wait until the distribution is C(Deployed).
    type: bool
    default: false
  wait_timeout:
    description: How many seconds (above 0) to wait, with O(wait) or O(state=absent).
    type: int
    default: 1800
notes:
  - The options are checked before any API call (path patterns, origin ids named by behaviours, methods, TTL and
    status code ranges, certificate and protocol settings); a failure lists every problem found.
  - Needs C(cloudfront:ListDistributions), C(GetDistribution), C(CreateDistribution), C(CreateDistributionWithTags),
    C(UpdateDistribution), C(DeleteDistribution), C(ListTagsForResource), C(TagResource) and C(UntagResource); an
    unchanged distribution costs C(ListDistributions), C(GetDistribution) and C(ListTagsForResource).
  - Replaces M(community.aws.cloudfront_distribution), which has no check mode, no origin access control and
    compares lists in order.
  - Supports check mode and diff mode; check mode returns the expected distribution and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Serve a private S3 bucket through CloudFront, with the API under /api/*
  appstack.aws.cloudfront_distribution:
    caller_reference: smartscheduler-frontend-prod
    comment: smartscheduler frontend (prod)
    default_root_object: index.html
    price_class: PriceClass_100
    origins:
      - id: frontend
        domain_name: smartscheduler-frontend-prod.s3.us-east-1.amazonaws.com
        origin_access_control_id: E2QWRUHAPOMQZL
      - id: api
        domain_name: abcdefgh.us-east-1.awsapprunner.com
        custom_origin:
          origin_protocol_policy: https-only
          origin_ssl_protocols: [TLSv1.2]
    default_cache_behavior:
      target_origin_id: frontend
      cache_policy_id: 658327ea-f89d-4fab-a63d-7e88639e58f6
      response_headers_policy_id: 67f7725c-6f97-4210-82d7-5512b31e9d03
    cache_behaviors:
      - path_pattern: /api/*
        target_origin_id: api
        allowed_methods: [GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE]
        cache_policy_id: 4135ea2d-6df8-44a3-9df3-4b5a84be39ad
        origin_request_policy_id: b689b0a8-53d0-40ab-baf2-68738e2966ac
    custom_error_responses:
      - {error_code: 403, response_code: 200, response_page_path: /index.html, error_caching_min_ttl: 10}
    tags:
      Environment: prod
  register: distribution

- name: Disable the distribution without touching anything else
  appstack.aws.cloudfront_distribution:
    distribution_id: E1A2B3C4D5E6F7
    enabled: false

- name: Delete a distribution (it is disabled and deployed first)
  appstack.aws.cloudfront_distribution:
    caller_reference: smartscheduler-frontend-dev
    comment: smartscheduler frontend (dev)
    state: absent
"""

RETURN = r"""
distribution:
  description:
    - The distribution; in check mode, the one expected (a new one has no id, arn or domain name yet).
  returned: when O(state=present)
  type: dict
  contains:
    id:
      description: The id of the distribution.
      returned: always
      type: str
      sample: E1A2B3C4D5E6F7
    arn:
      description: The ARN of the distribution.
      returned: always
      type: str
      sample: arn:aws:cloudfront::123456789012:distribution/E1A2B3C4D5E6F7
    domain_name:
      description: The CloudFront domain name of the distribution.
      returned: always
      type: str
      sample: d111111abcdef8.cloudfront.net
    status:
      description: V(InProgress) while a change deploys, then V(Deployed).
      returned: always
      type: str
      sample: Deployed
    e_tag:
      description: The current version of the configuration.
      returned: when the distribution exists
      type: str
    last_modified_time:
      description: When the distribution last changed.
      returned: when the distribution exists
      type: str
    distribution_config:
      description:
        - The whole configuration, as the API's C(DistributionConfig) in snake_case (lists as C(quantity) and
          C(items)), such as C(origins), C(default_cache_behavior), C(cache_behaviors), C(custom_error_responses),
          C(aliases), C(viewer_certificate), C(logging), C(price_class), C(http_version), C(is_ipv6_enabled).
      returned: always
      type: dict
    tags:
      description: The tags of the distribution.
      returned: always
      type: dict
      sample: {"Environment": "prod"}
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_distribution_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_distributions as cfd
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import AnsibleCloudFrontError, to_ansible
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags

REQUIRED_TO_CREATE = ("caller_reference", "origins", "default_cache_behavior")


def read(client, params):
    """(Distribution, ETag, tags) of the distribution the options identify, or (None, None, None)."""
    if params["distribution_id"]:
        distribution, etag = cfd.get_distribution(client, params["distribution_id"])
        reference = params["caller_reference"]
        if distribution and reference and distribution["DistributionConfig"]["CallerReference"] != reference:
            raise AnsibleCloudFrontError(
                message=(
                    f"CloudFront distribution {params['distribution_id']} was created with caller reference"
                    f" {distribution['DistributionConfig']['CallerReference']}, not {reference}; CloudFront can't"
                    " change it. Leave caller_reference unset or name the other distribution."
                )
            )
    else:
        distribution, etag = cfd.find_distribution(client, params["caller_reference"], params["comment"])
    if not distribution:
        return None, None, None
    return distribution, etag, cfd.list_tags(client, distribution["ARN"])


def checked_config(params, current_config, what):
    config = plan.desired_config(params, current_config)
    problems = plan.config_problems(config)
    if problems:
        raise AnsibleCloudFrontError(message=f"Can't {what}: {' '.join(problems)}")
    return config


def create(client, params, check_mode):
    """(Distribution, ETag) of the new distribution, or the expected one in check mode."""
    if params["distribution_id"]:
        raise AnsibleCloudFrontError(message=f"There is no CloudFront distribution {params['distribution_id']}.")
    missing = [option for option in REQUIRED_TO_CREATE if not params.get(option)]
    if missing:
        raise AnsibleCloudFrontError(
            message=(
                f"There is no CloudFront distribution with caller reference {params['caller_reference']}; to create"
                f" it, set {', '.join(missing)}."
            )
        )
    config = checked_config(params, None, "create the distribution")
    if check_mode:
        return plan.predicted_distribution(None, config, params["tags"] or {}), None
    return cfd.create_distribution(client, config, params["tags"])


def ensure_present(client, current, etag, tags, params, check_mode):
    """Bring the distribution to the options; returns (changed, the distribution as the returned dict)."""
    if current is None:
        changed = True
        distribution, etag = create(client, params, check_mode)
        tags = params["tags"] or {}
    else:
        changed = False
        distribution = current
        config = checked_config(params, current["DistributionConfig"], f"update distribution {current['Id']}")
        if not plan.same_config(current["DistributionConfig"], config):
            changed = True
            if check_mode:
                distribution = plan.predicted_distribution(current, config, tags)
            else:
                distribution, etag = cfd.update_distribution(client, current["Id"], config, etag)
    result = cfd.distribution_result(distribution, etag, tags)
    if current is None:
        return changed, result
    tags_changed, result = ensure_tags(
        result,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(cfd.tag_resource, client, current["ARN"]),
        untag=partial(cfd.untag_resource, client, current["ARN"]),
    )
    return changed or tags_changed, result


def ensure_absent(client, current, etag, params, check_mode):
    """Disable the distribution, wait until it is deployed, then delete it; returns changed."""
    if current is None:
        return False
    if check_mode:
        return True
    distribution_id = current["Id"]
    if current["DistributionConfig"]["Enabled"]:
        disabled = dict(current["DistributionConfig"], Enabled=False)
        current, etag = cfd.update_distribution(client, distribution_id, disabled, etag)
    if current.get("Status") != "Deployed":
        cfd.wait_deployed(client, distribution_id, params["wait_timeout"])
    cfd.delete_distribution(client, distribution_id, etag)
    return True


def diff_side(distribution, tags):
    if not distribution:
        return {}
    return {"distribution_config": to_ansible(distribution["DistributionConfig"]), "tags": dict(tags or {})}


def main():
    required_str = dict(type="str", required=True)
    function_spec = dict(
        event_type=dict(type="str", required=True, choices=plan.FUNCTION_EVENT_TYPES), function_arn=required_str
    )
    behavior_spec = dict(
        target_origin_id=dict(type="str"),
        viewer_protocol_policy=dict(type="str", choices=plan.VIEWER_PROTOCOL_POLICIES),
        allowed_methods=dict(type="list", elements="str", choices=plan.METHODS),
        cached_methods=dict(type="list", elements="str", choices=["GET", "HEAD", "OPTIONS"]),
        compress=dict(type="bool"),
        cache_policy_id=dict(type="str"),
        origin_request_policy_id=dict(type="str"),
        response_headers_policy_id=dict(type="str"),
        function_associations=dict(type="list", elements="dict", options=function_spec),
        min_ttl=dict(type="int"),
        default_ttl=dict(type="int"),
        max_ttl=dict(type="int"),
    )
    custom_origin_spec = dict(
        http_port=dict(type="int"),
        https_port=dict(type="int"),
        origin_protocol_policy=dict(type="str", choices=plan.ORIGIN_PROTOCOL_POLICIES),
        origin_ssl_protocols=dict(type="list", elements="str", choices=plan.ORIGIN_SSL_PROTOCOLS),
        origin_read_timeout=dict(type="int"),
        origin_keepalive_timeout=dict(type="int"),
    )
    origin_spec = dict(
        id=required_str,
        domain_name=required_str,
        origin_path=dict(type="str"),
        origin_access_control_id=dict(type="str"),
        s3_origin_access_identity=dict(type="str"),
        custom_origin=dict(type="dict", options=custom_origin_spec),
        custom_headers=dict(type="list", elements="dict", options=dict(name=required_str, value=required_str)),
        connection_attempts=dict(type="int"),
        connection_timeout=dict(type="int"),
    )
    argument_spec = dict(
        caller_reference=dict(type="str"),
        distribution_id=dict(type="str", aliases=["id"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        comment=dict(type="str"),
        enabled=dict(type="bool"),
        aliases=dict(type="list", elements="str"),
        default_root_object=dict(type="str"),
        price_class=dict(type="str", choices=plan.PRICE_CLASSES),
        http_version=dict(type="str", choices=plan.HTTP_VERSIONS),
        ipv6_enabled=dict(type="bool"),
        web_acl_id=dict(type="str"),
        viewer_certificate=dict(
            type="dict",
            options=dict(
                acm_certificate_arn=dict(type="str"),
                minimum_protocol_version=dict(type="str", choices=plan.MINIMUM_PROTOCOL_VERSIONS),
                ssl_support_method=dict(type="str", choices=plan.SSL_SUPPORT_METHODS),
            ),
        ),
        logging=dict(
            type="dict",
            options=dict(bucket=dict(type="str"), prefix=dict(type="str"), include_cookies=dict(type="bool")),
        ),
        origins=dict(type="list", elements="dict", options=origin_spec),
        default_cache_behavior=dict(type="dict", options=behavior_spec),
        cache_behaviors=dict(
            type="list", elements="dict", options=dict(path_pattern=dict(type="str", required=True), **behavior_spec)
        ),
        custom_error_responses=dict(
            type="list",
            elements="dict",
            options=dict(
                error_code=dict(type="int", required=True),
                response_code=dict(type="int"),
                response_page_path=dict(type="str"),
                error_caching_min_ttl=dict(type="int"),
            ),
        ),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=1800),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec, supports_check_mode=True, required_one_of=[["caller_reference", "distribution_id"]]
    )
    params = module.params
    module.fail_on_invalid(plan.validate(params))
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        current, etag, tags = read(client, params)
        if params["state"] == "absent":
            changed = ensure_absent(client, current, etag, params, module.check_mode)
            after = {}
        else:
            changed, distribution = ensure_present(client, current, etag, tags, params, module.check_mode)
            if params["wait"] and not module.check_mode and distribution["status"] != "Deployed":
                cfd.wait_deployed(client, distribution["id"], params["wait_timeout"])
                fresh, fresh_etag = cfd.get_distribution(client, distribution["id"])
                distribution = cfd.distribution_result(fresh, fresh_etag, distribution["tags"])
            after = {"distribution_config": distribution["distribution_config"], "tags": distribution["tags"]}
            result["distribution"] = distribution
    except AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": diff_side(current, tags), "after": after}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
