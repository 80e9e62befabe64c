#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: fsbp_controls_info
version_added: 0.8.0
short_description: Judge AWS Foundational Security Best Practices controls on an environment's resources
description:
  - Describes the resources named and judges the AWS Security Hub FSBP controls that cover them as the AWS Config rule
    behind each control does, one finding per resource.
  - A failing finding that an item of O(exceptions) names becomes an C(EXCEPTION) with that item's reason; each control
    then gets one verdict, C(PASS), C(FAIL) or C(EXCEPTION).
  - Read-only; it changes nothing, in check mode or not.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  controls:
    description:
      - The control IDs to judge, in the order to report them.
      - Defaults to every control the module knows.
    type: list
    elements: str
  rds_instance_identifiers:
    description: RDS DB instances (RDS.2, .3, .5, .8, .9, .10, .11, .13, .25).
    type: list
    elements: str
    default: []
  bucket_names:
    description: S3 buckets (S3.5, .8, .9, .13, .14).
    type: list
    elements: str
    default: []
  account_id:
    description:
      - The account whose account-level block public access settings S3.1 judges.
      - When not set, the account of the credentials (C(sts:GetCallerIdentity)).
    type: str
  distribution_ids:
    description: CloudFront distributions (CloudFront.1, .3, .5, .6, .7, .13, .15).
    type: list
    elements: str
    default: []
  repository_names:
    description: ECR private repositories (ECR.1, .2, .3).
    type: list
    elements: str
    default: []
  secret_ids:
    description: Secrets Manager secrets, names or ARNs (SecretsManager.1).
    type: list
    elements: str
    default: []
  kms_key_ids:
    description: KMS keys, IDs, ARNs or aliases; customer managed symmetric keys are judged (KMS.4).
    type: list
    elements: str
    default: []
  topic_arns:
    description: SNS topics (SNS.1).
    type: list
    elements: str
    default: []
  alarm_names:
    description: CloudWatch metric alarms (CloudWatch.15, .17).
    type: list
    elements: str
    default: []
  vpc_ids:
    description: VPCs, with their default security group and subnets (EC2.2, EC2.6, EC2.15).
    type: list
    elements: str
    default: []
  load_balancer_arns:
    description: Application load balancers (ELB.4).
    type: list
    elements: str
    default: []
  exceptions:
    description:
      - Documented choices of the environment that explain a failing finding.
      - A C(FAIL) finding of O(exceptions[].control) whose resource contains one of O(exceptions[].resources) (any
        resource when it is empty) is reported as C(EXCEPTION) with O(exceptions[].reason); an item whose
        O(exceptions[].applies) is false is ignored.
    type: list
    elements: dict
    default: []
    suboptions:
      control:
        description: The control ID.
        type: str
        required: true
      reason:
        description: Why the environment does not meet the control, naming the setting that causes it.
        type: str
        required: true
      resources:
        description: Parts of the names or IDs of the resources the exception is limited to; empty for any.
        type: list
        elements: str
        default: []
      applies:
        description: Whether the exception applies to this environment.
        type: bool
        default: true
notes:
  - The IAM actions are C(rds:DescribeDBInstances), C(s3:GetBucketPublicAccessBlock), C(s3:GetBucketPolicy),
    C(s3:GetBucketLogging), C(s3:GetLifecycleConfiguration), C(s3:GetBucketVersioning), C(s3:ListBucket),
    C(s3:GetAccountPublicAccessBlock), C(sts:GetCallerIdentity), C(cloudfront:GetDistributionConfig),
    C(ecr:DescribeRepositories), C(ecr:GetLifecyclePolicy), C(secretsmanager:DescribeSecret), C(kms:DescribeKey),
    C(kms:GetKeyRotationStatus), C(sns:GetTopicAttributes), C(cloudwatch:DescribeAlarms),
    C(ec2:DescribeSecurityGroups), C(ec2:DescribeFlowLogs), C(ec2:DescribeSubnets),
    C(elasticloadbalancing:DescribeLoadBalancers) and C(elasticloadbalancing:DescribeLoadBalancerAttributes).
  - A resource that does not exist is left out, so its controls judge the others.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Judge the database and the frontend bucket
  appstack.aws.fsbp_controls_info:
    controls: [RDS.2, RDS.5, S3.8]
    rds_instance_identifiers: [smartscheduler-dev]
    bucket_names: [smartscheduler-frontend-dev]
    exceptions:
      - control: RDS.5
        reason: "rds_multi_az is false: dev runs a single-AZ database"
  register: fsbp
"""

RETURN = r"""
controls:
  description: One verdict per control, in the order of O(controls).
  returned: always
  type: list
  elements: dict
  contains:
    control:
      description: The Security Hub control ID.
      returned: always
      type: str
      sample: RDS.5
    title:
      description: The control's title in Security Hub.
      returned: always
      type: str
      sample: RDS DB instances should be configured with multiple Availability Zones
    config_rule:
      description: The AWS Config rule behind the control.
      returned: always
      type: str
      sample: rds-multi-az-support
    status:
      description: C(PASS), C(FAIL) or C(EXCEPTION).
      returned: always
      type: str
      sample: EXCEPTION
    reason:
      description: What was found, or the exception's reason.
      returned: always
      type: str
      sample: "smartscheduler-dev: rds_multi_az is false: dev runs a single-AZ database"
    findings:
      description: One per resource judged, with C(resource), C(status), C(reason) and, when excepted, C(exception).
      returned: always
      type: list
      elements: dict
findings:
  description: Every finding of every control.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import fsbp, fsbp_reads
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages (empty: none)."""
    known = ", ".join(fsbp.CONTROLS)
    problems = [
        f"controls: {control!r} is not a control this module judges; allowed: {known}."
        for control in params["controls"] or []
        if control not in fsbp.CONTROLS
    ]
    problems.extend(
        f"exceptions: {item['control']!r} is not a control this module judges; allowed: {known}."
        for item in params["exceptions"]
        if item["control"] not in fsbp.CONTROLS
    )
    return problems


def gather(module, params):
    """Every finding of the resources named."""
    retry = AWSRetry.jittered_backoff()
    findings = []
    if params["rds_instance_identifiers"]:
        rds = module.client("rds", retry_decorator=retry)
        for identifier in params["rds_instance_identifiers"]:
            db = fsbp_reads.rds_instance(rds, identifier)
            findings += fsbp.judge_rds_instance(db) if db else []
    if params["bucket_names"]:
        s3 = module.client("s3", retry_decorator=retry)
        account_id = params["account_id"] or fsbp_reads.caller_account_id(module.client("sts", retry_decorator=retry))
        block = fsbp_reads.account_public_access_block(module.client("s3control", retry_decorator=retry), account_id)
        findings += fsbp.judge_account_public_access_block(account_id, block)
        for name in params["bucket_names"]:
            bucket = fsbp_reads.bucket(s3, name)
            findings += fsbp.judge_bucket(bucket) if bucket else []
    if params["distribution_ids"]:
        cloudfront = module.client("cloudfront", retry_decorator=retry)
        for distribution_id in params["distribution_ids"]:
            distribution = fsbp_reads.distribution(cloudfront, distribution_id)
            findings += fsbp.judge_distribution(distribution) if distribution else []
    if params["repository_names"]:
        ecr = module.client("ecr", retry_decorator=retry)
        for name in params["repository_names"]:
            repository, policy = fsbp_reads.repository(ecr, name)
            findings += fsbp.judge_repository(repository, policy) if repository else []
    if params["secret_ids"]:
        secretsmanager = module.client("secretsmanager", retry_decorator=retry)
        for secret_id in params["secret_ids"]:
            secret = fsbp_reads.secret(secretsmanager, secret_id)
            findings += fsbp.judge_secret(secret) if secret else []
    if params["kms_key_ids"]:
        kms = module.client("kms", retry_decorator=retry)
        for key_id in params["kms_key_ids"]:
            metadata, rotation = fsbp_reads.kms_key(kms, key_id)
            findings += fsbp.judge_kms_key(metadata["KeyId"], metadata, rotation) if metadata else []
    if params["topic_arns"]:
        sns = module.client("sns", retry_decorator=retry)
        for topic_arn in params["topic_arns"]:
            attributes = fsbp_reads.topic_attributes(sns, topic_arn)
            findings += fsbp.judge_topic(topic_arn, attributes) if attributes is not None else []
    if params["alarm_names"]:
        cloudwatch = module.client("cloudwatch", retry_decorator=retry)
        for alarm in fsbp_reads.alarms(cloudwatch, params["alarm_names"]):
            findings += fsbp.judge_alarm(alarm)
    if params["vpc_ids"]:
        ec2 = module.client("ec2", retry_decorator=retry)
        for vpc_id in params["vpc_ids"]:
            group, flow_logs, subnets = fsbp_reads.vpc(ec2, vpc_id)
            findings += fsbp.judge_vpc(vpc_id, group, flow_logs)
            for subnet in subnets:
                findings += fsbp.judge_subnet(subnet)
    if params["load_balancer_arns"]:
        elbv2 = module.client("elbv2", retry_decorator=retry)
        for arn in params["load_balancer_arns"]:
            load_balancer, attributes = fsbp_reads.load_balancer(elbv2, arn)
            findings += fsbp.judge_load_balancer(load_balancer, attributes) if load_balancer else []
    return findings


def main():
    argument_spec = dict(
        controls=dict(type="list", elements="str"),
        rds_instance_identifiers=dict(type="list", elements="str", default=[]),
        bucket_names=dict(type="list", elements="str", default=[]),
        account_id=dict(type="str"),
        distribution_ids=dict(type="list", elements="str", default=[]),
        repository_names=dict(type="list", elements="str", default=[]),
        secret_ids=dict(type="list", elements="str", default=[]),
        kms_key_ids=dict(type="list", elements="str", default=[]),
        topic_arns=dict(type="list", elements="str", default=[]),
        alarm_names=dict(type="list", elements="str", default=[]),
        vpc_ids=dict(type="list", elements="str", default=[]),
        load_balancer_arns=dict(type="list", elements="str", default=[]),
        exceptions=dict(
            type="list",
            elements="dict",
            default=[],
            options=dict(
                control=dict(type="str", required=True),
                reason=dict(type="str", required=True),
                resources=dict(type="list", elements="str", default=[]),
                applies=dict(type="bool", default=True),
            ),
        ),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    controls = params["controls"] or list(fsbp.CONTROLS)
    exceptions = [item for item in params["exceptions"] if item["applies"]]
    try:
        findings = gather(module, params)
    except AnsibleAWSError as e:
        module.fail_json_aws_error(e)
    findings = fsbp.apply_exceptions([item for item in findings if item["control"] in controls], exceptions)
    module.exit_json(changed=False, controls=fsbp.summarise(findings, controls, exceptions), findings=findings)


if __name__ == "__main__":
    main()
