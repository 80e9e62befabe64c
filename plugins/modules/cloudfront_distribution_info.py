#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: cloudfront_distribution_info
version_added: 0.6.0
short_description: Read Amazon CloudFront distributions
description:
  - Read one CloudFront distribution, by id or by caller reference, with its whole configuration, ETag and tags;
    or the summaries of every distribution of the account.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  distribution_id:
    description: The id of the distribution.
    type: str
    aliases: ["id"]
  caller_reference:
    description:
      - The caller reference the distribution was created with.
      - The distributions are read one by one until it is found, those whose comment is O(comment) first.
    type: str
  comment:
    description:
      - With O(caller_reference), the comment of the distribution, read first.
      - Alone, only the summaries of the distributions with this comment are returned.
    type: str
notes:
  - The info twin of M(appstack.aws.cloudfront_distribution); one distribution is returned in the same form.
  - Needs C(cloudfront:ListDistributions), C(cloudfront:GetDistribution) and C(cloudfront:ListTagsForResource).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read a distribution by caller reference
  appstack.aws.cloudfront_distribution_info:
    caller_reference: smartscheduler-frontend-prod
    comment: smartscheduler frontend (prod)
  register: frontend

- name: Read a distribution by id
  appstack.aws.cloudfront_distribution_info:
    distribution_id: E1A2B3C4D5E6F7

- name: List every distribution
  appstack.aws.cloudfront_distribution_info:
"""

RETURN = r"""
distributions:
  description:
    - With O(distribution_id) or O(caller_reference), the distribution found (none when there is none), in the
      form M(appstack.aws.cloudfront_distribution) returns as RV(appstack.aws.cloudfront_distribution#module:distribution).
    - Otherwise the C(DistributionSummary) of each distribution, in snake_case (id, arn, domain_name, status,
      comment, enabled, aliases, origins, ...), without tags.
  returned: always
  type: list
  elements: dict
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
      description: V(InProgress) or V(Deployed).
      returned: always
      type: str
      sample: Deployed
    e_tag:
      description: The current version of the configuration.
      returned: for one distribution
      type: str
    distribution_config:
      description: The whole configuration, in snake_case.
      returned: for one distribution
      type: dict
    tags:
      description: The tags of the distribution.
      returned: for one distribution
      type: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_distributions as cfd
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import AnsibleCloudFrontError, to_ansible
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def read(client, params):
    if params["distribution_id"]:
        distribution, etag = cfd.get_distribution(client, params["distribution_id"])
        reference = params["caller_reference"]
        if distribution and reference and distribution["DistributionConfig"]["CallerReference"] != reference:
            distribution = None
    elif params["caller_reference"]:
        distribution, etag = cfd.find_distribution(client, params["caller_reference"], params["comment"])
    else:
        summaries = cfd.list_distributions(client)
        if params["comment"] is not None:
            summaries = [summary for summary in summaries if summary.get("Comment") == params["comment"]]
        return [to_ansible(summary) for summary in summaries]
    if not distribution:
        return []
    return [cfd.distribution_result(distribution, etag, cfd.list_tags(client, distribution["ARN"]))]


def main():
    argument_spec = dict(
        distribution_id=dict(type="str", aliases=["id"]),
        caller_reference=dict(type="str"),
        comment=dict(type="str"),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())
    try:
        distributions = read(client, module.params)
    except AnsibleCloudFrontError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, distributions=distributions)


if __name__ == "__main__":
    main()
