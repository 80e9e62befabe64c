#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: acm_certificate
version_added: 0.6.0
short_description: Request a public AWS Certificate Manager certificate with DNS validation
description:
  - Request a public ACM certificate for a domain name and its other names, validated by DNS, and return the DNS
    records that validate it (RV(certificate.validation_records)), so that a later task can write them (for example
    with M(amazon.aws.route53)). Optionally wait until ACM has issued it.
  - Set its tags, and delete it when it is no longer used.
  - B(Identity.) A certificate has no name; the module adopts an existing ACM-issued certificate of the region
    with the same O(domain_name), the same set of names (O(domain_name) plus O(subject_alternative_names), in any
    order, in any case) and, when O(key_algorithm) is set, the same key algorithm, in status V(ISSUED) or
    V(PENDING_VALIDATION) (an V(ISSUED) one first, then the newest). Failed, expired, revoked and inactive
    certificates are never adopted.
  - B(Names and key algorithm can't change.) ACM can't change the names or the key algorithm of a certificate; asking
    for other O(subject_alternative_names) (or another O(key_algorithm)) requests a B(new) certificate, which needs
    its own DNS validation; the old one is left as it is, still used by whatever uses it. Once nothing uses it any
    more, delete it with O(state=absent) and its old names.
  - B(Shared certificates.) Several environments (say C(dev) and C(prod) behind C(*.example.com)) can share one
    certificate; each run with the same names finds the same certificate. Give them the same O(tags), or set
    O(purge_tags=false), so that the runs don't undo each other's tags.
  - B(CloudFront) only uses certificates of C(us-east-1); set O(region=us-east-1) for a certificate meant for a
    CloudFront distribution. The module does not force a region; a certificate for a load balancer lives in the
    load balancer's region.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  domain_name:
    description:
      - The certificate's main domain name (its common name), such as V(example.com) or V(*.example.com).
      - At most 64 characters; a wildcard C(*) only as the whole leftmost label.
    type: str
    required: true
  subject_alternative_names:
    description:
      - The certificate's other domain names, such as V(www.example.com) or V(*.example.com); compared as a set,
        without O(domain_name) (which ACM adds to the names itself), in any case.
      - Each name has at most 253 characters; a wildcard C(*) only as the whole leftmost label.
      - Part of the certificate's identity; see the description.
    type: list
    elements: str
    default: []
    aliases: ["sans"]
  validation_method:
    description:
      - How ACM validates that the names are yours. Only V(DNS) is supported; ACM keeps renewing a DNS-validated
        certificate in use for as long as the records exist.
    type: str
    choices: ["DNS"]
    default: DNS
  key_algorithm:
    description:
      - The key algorithm of the certificate.
      - When not set, any existing certificate is adopted whatever its algorithm, and a new one gets ACM's default
        V(RSA_2048). When set, it is part of the certificate's identity; see the description.
      - CloudFront accepts V(RSA_2048) and V(EC_prime256v1).
    type: str
    choices: ["RSA_2048", "EC_prime256v1", "EC_secp384r1"]
  domain_names_quota:
    description:
      - The account's ACM quota "Domain names per ACM certificate", which counts O(domain_name) and
        O(subject_alternative_names) together. 10 unless raised through Service Quotas (up to 100).
    type: int
    default: 10
  state:
    description:
      - Whether the certificate should exist.
      - O(state=absent) deletes every certificate that matches the names, only when none of them is in use; when
        one is (its C(InUseBy) isn't empty, say a CloudFront distribution or a load balancer uses it), the module
        fails, listing what uses it, and deletes nothing.
    type: str
    choices: ["present", "absent"]
    default: present
  wait:
    description:
      - Wait until ACM has issued the certificate (status V(ISSUED)). ACM issues it once the records of
        RV(certificate.validation_records) resolve in public DNS, usually minutes after they are written.
      - The result then holds RV(wait_progress). A certificate that ends in another status fails the task.
      - Whatever O(wait) says, the module polls a new certificate briefly (up to a minute) for its validation records,
        which ACM shows a few seconds after the request.
    type: bool
    default: false
  wait_timeout:
    description:
      - How many seconds (above 0) to wait with O(wait). The module fails when the wait runs out, naming the records
        that are still to be validated.
    type: int
    default: 1800
notes:
  - M(community.aws.acm_certificate) can only import certificates; this module requests them from ACM.
  - The options are checked before any API call (the names by ACM's rules, at most O(domain_names_quota) names,
    O(wait_timeout)); a failure lists every problem found.
  - A request carries an C(IdempotencyToken) made from the names and the key algorithm, so that a retry (or a run
    that failed right after the request) never makes a second certificate.
  - Needs C(acm:ListCertificates), C(acm:DescribeCertificate), C(acm:ListTagsForCertificate),
    C(acm:RequestCertificate), C(acm:AddTagsToCertificate), C(acm:RemoveTagsFromCertificate) and
    C(acm:DeleteCertificate).
  - To write the validation records, loop M(amazon.aws.route53) (its C(record), C(type) and C(value), with
    C(overwrite=true)) over RV(certificate.validation_records) of the registered result, then run the module again
    with O(wait=true).
  - Use M(appstack.aws.acm_certificate_info) to read certificates.
  - Supports check mode and diff mode. Check mode returns the expected certificate and makes no change; a
    certificate yet to be requested has no ARN and no validation records then.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Request the certificate of the site's CloudFront distribution
  appstack.aws.acm_certificate:
    region: us-east-1
    domain_name: example.com
    subject_alternative_names: ["*.example.com"]
    tags:
      Name: example.com
      Project: smartscheduler
  register: site_certificate

- name: Wait until ACM has issued the certificate
  appstack.aws.acm_certificate:
    region: us-east-1
    domain_name: example.com
    subject_alternative_names: ["*.example.com"]
    tags:
      Name: example.com
      Project: smartscheduler
    wait: true
    wait_timeout: 1800

- name: Delete an old certificate that nothing uses any more
  appstack.aws.acm_certificate:
    region: us-east-1
    domain_name: example.com
    subject_alternative_names: ["www.example.com"]
    state: absent
"""

RETURN = r"""
certificate:
  description:
    - The certificate, as DescribeCertificate describes it, with its tags and validation records.
    - In check mode, for a certificate yet to be requested, the certificate the request would make.
  returned: when O(state=present)
  type: dict
  contains:
    arn:
      description: The ARN of the certificate (C(None) in check mode for a certificate yet to be requested).
      returned: always
      type: str
      sample: arn:aws:acm:us-east-1:123456789012:certificate/8f6a2f54-1b3c-4c9e-9f7e-0123456789ab
    id:
      description: The same as RV(certificate.arn).
      returned: always
      type: str
    certificate_arn:
      description: The ARN of the certificate.
      returned: when the certificate exists
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
      sample: ["example.com", "*.example.com"]
    status:
      description: The status, such as V(PENDING_VALIDATION) or V(ISSUED).
      returned: always
      type: str
      sample: PENDING_VALIDATION
    type:
      description: V(AMAZON_ISSUED) for a certificate ACM issues.
      returned: always
      type: str
      sample: AMAZON_ISSUED
    key_algorithm:
      description: The key algorithm.
      returned: always
      type: str
      sample: RSA_2048
    in_use_by:
      description: The ARNs of the resources that use the certificate.
      returned: always
      type: list
      elements: str
      sample: ["arn:aws:cloudfront::123456789012:distribution/E2QWRUHEXAMPLE"]
    domain_validation_options:
      description:
        - One entry per name, with C(domain_name), C(validation_method), C(validation_status)
          (V(PENDING_VALIDATION), V(SUCCESS) or V(FAILED)) and C(resource_record) (C(name), C(type), C(value)).
        - C(resource_record) is missing while ACM has not made it yet (a few seconds after the request).
      returned: always
      type: list
      elements: dict
      sample:
        - domain_name: example.com
          validation_method: DNS
          validation_status: PENDING_VALIDATION
          resource_record:
            name: _3f1c0e0a1b2c3d4e5f60718293a4b5c6.example.com.
            type: CNAME
            value: _9a8b7c6d5e4f30211f2e3d4c5b6a7980.jkddzztszm.acm-validations.aws.
    validation_records:
      description:
        - The DNS records that validate the certificate, each once (a wildcard name shares its domain's record),
          as C(name), C(type) and C(value). Write them in the domain's DNS zone.
      returned: always
      type: list
      elements: dict
      sample:
        - name: _3f1c0e0a1b2c3d4e5f60718293a4b5c6.example.com.
          type: CNAME
          value: _9a8b7c6d5e4f30211f2e3d4c5b6a7980.jkddzztszm.acm-validations.aws.
    created_at:
      description: When the certificate was requested.
      returned: when the certificate exists
      type: str
    issued_at:
      description: When ACM issued the certificate.
      returned: when the certificate is issued
      type: str
    not_after:
      description: When the certificate expires (ACM renews it before).
      returned: when the certificate is issued
      type: str
    tags:
      description: The tags of the certificate.
      returned: always
      type: dict
      sample: {"Name": "example.com"}
wait_progress:
  description: With O(wait), what the wait saw, one line per change, with the seconds since it started.
  returned: when the module waited
  type: list
  elements: str
  sample: ["0s: PENDING_VALIDATION: 0 of 2 domain names validated, waiting for example.com, *.example.com", "95s: ISSUED"]
deleted_arns:
  description: With O(state=absent), the ARNs of the certificates deleted (or that would be, in check mode).
  returned: when O(state=absent)
  type: list
  elements: str
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import acm
from ansible_collections.appstack.aws.plugins.module_utils.acm import AnsibleACMError
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    quota = params.get("domain_names_quota")
    problems = []
    if quota is not None and not 1 <= quota <= acm.MAX_DOMAIN_NAMES:
        problems.append(f"domain_names_quota must be 1 to {acm.MAX_DOMAIN_NAMES}, not {quota}.")
        quota = acm.MAX_DOMAIN_NAMES
    problems.extend(acm.names_problems(params["domain_name"], params.get("subject_alternative_names"), quota))
    problems.extend(wait_timeout_problems(params.get("wait_timeout")))
    return problems


def find(client, params):
    """The matching certificates (ListCertificates summaries), best first."""
    return acm.find_certificates(
        client, params["domain_name"], params["subject_alternative_names"], params.get("key_algorithm")
    )


def read_current(client, found):
    """The certificate to adopt (the first of found that ACM still describes) with its tags, or None."""
    for summary in found:
        detail = acm.describe_certificate(client, summary["CertificateArn"])
        if detail:
            return acm.to_ansible(detail, acm.list_tags(client, detail["CertificateArn"]))
    return None


def request(client, params):
    """Request the certificate; returns its detail once ACM shows it (with its records, when it has made them)."""
    timeout = min(acm.RECORDS_TIMEOUT_SECONDS, params["wait_timeout"])
    token = acm.idempotency_token(params["domain_name"], params["subject_alternative_names"], params["key_algorithm"])
    arn = acm.request_certificate(client, params, token)
    detail = acm.wait_for_records(client, arn, timeout)
    if detail is None:
        # Within the hour ACM remembers a token, it answers with the certificate the token made even after that
        # certificate was deleted: request again with a token of its own.
        stale = arn
        token = acm.idempotency_token(
            params["domain_name"], params["subject_alternative_names"], params["key_algorithm"], salt=stale
        )
        arn = acm.request_certificate(client, params, token)
        detail = acm.wait_for_records(client, arn, timeout)
    if detail is None:
        raise AnsibleACMError(
            message=f"ACM answered the request with certificate {arn}, but does not describe it after {timeout}"
            " seconds; run again to find it."
        )
    return detail


def ensure_present(client, current, params, check_mode):
    """Bring the certificate to what params ask for; returns (changed, expected state)."""
    if not current:
        if check_mode:
            return True, acm.predicted_certificate(params)
        return True, acm.to_ansible(request(client, params), dict(params["tags"] or {}))
    arn = current["arn"]
    if not check_mode and acm.records_missing(current):
        detail = acm.wait_for_records(client, arn, min(acm.RECORDS_TIMEOUT_SECONDS, params["wait_timeout"]))
        current = acm.to_ansible(detail, current["tags"]) if detail else current
    return ensure_tags(
        current,
        params["tags"],
        params["purge_tags"],
        check_mode,
        tag=partial(acm.add_tags, client, arn),
        untag=partial(acm.remove_tags, client, arn),
    )


def ensure_absent(client, found, check_mode):
    """Delete the matching certificates when none is in use; returns (changed, the ARNs deleted)."""
    in_use = {}
    for summary in found:
        if summary.get("InUse") or summary.get("InUseBy"):
            detail = acm.describe_certificate(client, summary["CertificateArn"]) or {}
            in_use[summary["CertificateArn"]] = detail.get("InUseBy") or ["(unknown resource)"]
    if in_use:
        users = "; ".join(f"{arn} is used by {', '.join(users)}" for arn, users in in_use.items())
        raise AnsibleACMError(
            message=(
                f"Can't delete a certificate in use: {users}. Point these resources at another certificate (or"
                " delete them) first."
            ),
            in_use_by=in_use,
        )
    arns = [summary["CertificateArn"] for summary in found]
    if not check_mode:
        for arn in arns:
            acm.delete_certificate(client, arn)
    return bool(arns), arns


def main():
    argument_spec = dict(
        domain_name=dict(type="str", required=True),
        subject_alternative_names=dict(type="list", elements="str", default=[], aliases=["sans"]),
        validation_method=dict(type="str", choices=acm.VALIDATION_METHODS, default="DNS"),
        key_algorithm=dict(type="str", choices=acm.KEY_ALGORITHMS),
        domain_names_quota=dict(type="int", default=acm.DEFAULT_DOMAIN_NAMES_QUOTA),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=False),
        wait_timeout=dict(type="int", default=1800),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    client = module.client("acm", retry_decorator=AWSRetry.jittered_backoff())

    result = {}
    try:
        found = find(client, params)
        if params["state"] == "absent":
            current = {"certificate_arns": [summary["CertificateArn"] for summary in found]} if found else None
            changed, result["deleted_arns"] = ensure_absent(client, found, module.check_mode)
            final = None
        else:
            current = read_current(client, found)
            changed, final = ensure_present(client, current, params, module.check_mode)
            if params["wait"] and not module.check_mode and final["status"] != "ISSUED":
                detail, result["wait_progress"] = acm.wait_for_issued(client, final["arn"], params["wait_timeout"])
                final = acm.to_ansible(detail, final["tags"])
            if not module.check_mode and acm.records_missing(final):
                module.warn(
                    f"ACM has not shown every DNS validation record of certificate {final['arn']} yet; run again to"
                    " get them."
                )
            result["certificate"] = final
    except AnsibleACMError as e:
        if e.exception is None:
            module.fail_json(msg=e.message, **e.kwargs)
        module.fail_json_aws_error(e)

    if changed:
        result["diff"] = {"before": current or {}, "after": final or {}}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
