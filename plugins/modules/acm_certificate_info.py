#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: acm_certificate_info
version_added: 0.6.0
short_description: Read AWS Certificate Manager certificates
description:
  - Read one ACM certificate by ARN, or the certificates of the region, optionally only those with a domain name or
    in some statuses, with their tags and DNS validation records.
  - Certificates of every key algorithm are returned (ACM's C(ListCertificates) alone returns only RSA ones).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  certificate_arn:
    description:
      - The ARN of the certificate to read. When set, O(domain_name) is ignored.
    type: str
    aliases: ["arn"]
  domain_name:
    description:
      - Only the certificates that have this name, as their main domain name or as another of their names (the
        exact name, in any case; V(*.example.com) is a name of its own).
    type: str
  statuses:
    description:
      - Only the certificates in these statuses. All statuses when not set.
    type: list
    elements: str
    choices: ["PENDING_VALIDATION", "ISSUED", "INACTIVE", "EXPIRED", "VALIDATION_TIMED_OUT", "REVOKED", "FAILED"]
notes:
  - The info twin of M(appstack.aws.acm_certificate); it returns certificates in the same form.
  - ACM certificates are regional; CloudFront uses those of C(us-east-1).
  - Needs C(acm:ListCertificates), C(acm:DescribeCertificate) and C(acm:ListTagsForCertificate).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Read the issued certificates of example.com in us-east-1
  appstack.aws.acm_certificate_info:
    region: us-east-1
    domain_name: example.com
    statuses: [ISSUED]
  register: example_certificates

- name: Read a certificate by ARN
  appstack.aws.acm_certificate_info:
    region: us-east-1
    certificate_arn: arn:aws:acm:us-east-1:123456789012:certificate/8f6a2f54-1b3c-4c9e-9f7e-0123456789ab
"""

RETURN = r"""
certificates:
  description:
    - The certificates found, in the form M(appstack.aws.acm_certificate) returns as
      RV(appstack.aws.acm_certificate#module:certificate); empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    arn:
      description: The ARN of the certificate.
      returned: always
      type: str
      sample: arn:aws:acm:us-east-1:123456789012:certificate/8f6a2f54-1b3c-4c9e-9f7e-0123456789ab
    id:
      description: The same as C(arn).
      returned: always
      type: str
    domain_name:
      description: The main domain name.
      returned: always
      type: str
      sample: example.com
    subject_alternative_names:
      description: All the names of the certificate, the main domain name first.
      returned: always
      type: list
      elements: str
    status:
      description: The status, such as V(PENDING_VALIDATION) or V(ISSUED).
      returned: always
      type: str
    type:
      description: V(AMAZON_ISSUED), V(IMPORTED) or V(PRIVATE).
      returned: always
      type: str
    key_algorithm:
      description: The key algorithm.
      returned: always
      type: str
    in_use_by:
      description: The ARNs of the resources that use the certificate.
      returned: always
      type: list
      elements: str
    domain_validation_options:
      description: One entry per name, with its validation status and, for DNS validation, its C(resource_record).
      returned: when ACM validates the certificate
      type: list
      elements: dict
    validation_records:
      description: The DNS records that validate the certificate, each once, as C(name), C(type) and C(value).
      returned: always
      type: list
      elements: dict
    tags:
      description: The tags of the certificate.
      returned: always
      type: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import acm
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    if params.get("domain_name") is None:
        return []
    return acm.domain_name_problems(params["domain_name"], "domain_name")


def main():
    argument_spec = dict(
        certificate_arn=dict(type="str", aliases=["arn"]),
        domain_name=dict(type="str"),
        statuses=dict(type="list", elements="str", choices=acm.STATUSES),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("acm", retry_decorator=AWSRetry.jittered_backoff())

    try:
        certificates = acm.list_certificates(
            client, arn=params["certificate_arn"], domain_name=params["domain_name"], statuses=params["statuses"]
        )
    except acm.AnsibleACMError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, certificates=certificates)


if __name__ == "__main__":
    main()
