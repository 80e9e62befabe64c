# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The describe calls that appstack.aws.fsbp_controls_info judges from, one helper per resource kind.

Every helper takes clients created with ``retry_decorator=AWSRetry.jittered_backoff()`` and returns what
``fsbp.py``'s judges take. A setting that is not configured (no bucket policy, no lifecycle rules, no block public
access configuration) reads as None or empty, as AWS Config sees it; any other error raises FSBPReadError, which the module reports
with ``fail_json_aws_error``.
"""

import ipaddress
from urllib.parse import urlsplit

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError


class FSBPReadError(AnsibleAWSError):
    pass


class ReadErrorHandler(AWSErrorHandler):
    _CUSTOM_EXCEPTION = FSBPReadError


# S3 answers a setting that was never configured with these codes.
S3_NOT_CONFIGURED = (
    "NoSuchPublicAccessBlockConfiguration",
    "NoSuchBucketPolicy",
    "NoSuchLifecycleConfiguration",
)


@ReadErrorHandler.common_error_handler("find the account ID with sts:GetCallerIdentity")
def caller_account_id(client):
    return client.get_caller_identity(aws_retry=True)["Account"]


@ReadErrorHandler.common_error_handler("describe rds instance")
def rds_instance(client, identifier):
    """The DBInstance, or None when it does not exist."""
    try:
        return client.describe_db_instances(aws_retry=True, DBInstanceIdentifier=identifier)["DBInstances"][0]
    except is_boto3_error_code("DBInstanceNotFound"):
        return None


def _s3_optional(call, key, **kwargs):
    try:
        return call(aws_retry=True, **kwargs).get(key)
    except is_boto3_error_code(list(S3_NOT_CONFIGURED)):
        return None


@ReadErrorHandler.common_error_handler("describe bucket")
def bucket(client, name):
    """The settings S3.5/8/9/13/14 judge, or None when the bucket does not exist."""
    try:
        client.head_bucket(aws_retry=True, Bucket=name)
    except is_boto3_error_code(["404", "NoSuchBucket", "NotFound"]):
        return None
    return {
        "name": name,
        "public_access_block": _s3_optional(
            client.get_public_access_block, "PublicAccessBlockConfiguration", Bucket=name
        ),
        "policy": _s3_optional(client.get_bucket_policy, "Policy", Bucket=name),
        "logging": client.get_bucket_logging(aws_retry=True, Bucket=name).get("LoggingEnabled"),
        "lifecycle_rules": _s3_optional(client.get_bucket_lifecycle_configuration, "Rules", Bucket=name) or [],
        "versioning": client.get_bucket_versioning(aws_retry=True, Bucket=name).get("Status"),
    }


def _is_local_host(host):
    if host == "localhost":
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def address_local_endpoint(client, account_id):
    """S3 Control names the account in the host (ACCOUNT.s3-control.REGION.amazonaws.com), also under an endpoint URL
    the user gave. An IP address or localhost (a local endpoint) takes no such label: send those requests to the host
    itself, which reads the account from the x-amz-account-id header as the path-style S3 Control API does."""
    host = urlsplit(client.meta.endpoint_url).hostname or ""
    if not _is_local_host(host):
        return

    def drop_account_label(request, **kwargs):
        request.url = request.url.replace(f"//{account_id}.", "//", 1)

    client.meta.events.register("before-sign.s3-control.*", drop_account_label)


@ReadErrorHandler.common_error_handler("describe account public access block")
def account_public_access_block(client, account_id):
    """The account-level block public access configuration (s3control), or None when it was never set."""
    address_local_endpoint(client, account_id)
    try:
        return client.get_public_access_block(aws_retry=True, AccountId=account_id)["PublicAccessBlockConfiguration"]
    except is_boto3_error_code("NoSuchPublicAccessBlockConfiguration"):
        return None


@ReadErrorHandler.common_error_handler("describe distribution")
def distribution(client, distribution_id):
    """{Id, DistributionConfig} of GetDistributionConfig, or None when it does not exist."""
    try:
        config = client.get_distribution_config(aws_retry=True, Id=distribution_id)["DistributionConfig"]
    except is_boto3_error_code("NoSuchDistribution"):
        return None
    return {"Id": distribution_id, "DistributionConfig": config}


@ReadErrorHandler.common_error_handler("describe repository")
def repository(client, name):
    """(repository, lifecycle policy text or None), or (None, None) when it does not exist."""
    try:
        found = client.describe_repositories(aws_retry=True, repositoryNames=[name])["repositories"][0]
    except is_boto3_error_code("RepositoryNotFoundException"):
        return None, None
    try:
        policy = client.get_lifecycle_policy(aws_retry=True, repositoryName=name)["lifecyclePolicyText"]
    except is_boto3_error_code("LifecyclePolicyNotFoundException"):
        policy = None
    return found, policy


@ReadErrorHandler.common_error_handler("describe secret")
def secret(client, secret_id):
    """DescribeSecret, or None when the secret does not exist or is scheduled for deletion."""
    try:
        found = client.describe_secret(aws_retry=True, SecretId=secret_id)
    except is_boto3_error_code("ResourceNotFoundException"):
        return None
    return None if found.get("DeletedDate") else found


@ReadErrorHandler.common_error_handler("describe kms key")
def kms_key(client, key_id):
    """(KeyMetadata, rotation enabled) of a customer managed symmetric key, or (None, None) when there is none."""
    try:
        metadata = client.describe_key(aws_retry=True, KeyId=key_id)["KeyMetadata"]
    except is_boto3_error_code("NotFoundException"):
        return None, None
    # cmk-backing-key-rotation-enabled judges enabled customer managed symmetric keys only.
    if metadata.get("KeyManager") != "CUSTOMER" or metadata.get("KeySpec", "SYMMETRIC_DEFAULT") != "SYMMETRIC_DEFAULT":
        return None, None
    if metadata.get("KeyState") != "Enabled":
        return None, None
    rotation = client.get_key_rotation_status(aws_retry=True, KeyId=metadata["KeyId"])["KeyRotationEnabled"]
    return metadata, rotation


@ReadErrorHandler.common_error_handler("describe topic attributes")
def topic_attributes(client, topic_arn):
    """GetTopicAttributes, or None when the topic does not exist."""
    try:
        return client.get_topic_attributes(aws_retry=True, TopicArn=topic_arn)["Attributes"]
    except is_boto3_error_code("NotFound"):
        return None


@ReadErrorHandler.common_error_handler("describe alarms")
def alarms(client, names):
    """The metric alarms of those names that exist."""
    found = []
    for start in range(0, len(names), 100):
        paginator = client.get_paginator("describe_alarms")
        for page in paginator.paginate(AlarmNames=names[start : start + 100], AlarmTypes=["MetricAlarm"]):
            found.extend(page.get("MetricAlarms", []))
    return found


@ReadErrorHandler.common_error_handler("describe vpc")
def vpc(client, vpc_id):
    """(default security group, flow logs, subnets) of a VPC."""
    groups = client.describe_security_groups(
        aws_retry=True,
        Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]}],
    )["SecurityGroups"]
    flow_logs = client.describe_flow_logs(aws_retry=True, Filters=[{"Name": "resource-id", "Values": [vpc_id]}])[
        "FlowLogs"
    ]
    subnets = client.describe_subnets(aws_retry=True, Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    return (groups[0] if groups else None), flow_logs, subnets


@ReadErrorHandler.common_error_handler("describe load balancer")
def load_balancer(client, arn):
    """(LoadBalancer, attributes as a dict) of an application load balancer, or (None, None)."""
    try:
        found = client.describe_load_balancers(aws_retry=True, LoadBalancerArns=[arn])["LoadBalancers"][0]
    except is_boto3_error_code("LoadBalancerNotFound"):
        return None, None
    if found.get("Type") != "application":
        return None, None
    attributes = client.describe_load_balancer_attributes(aws_retry=True, LoadBalancerArn=arn)["Attributes"]
    return found, {item["Key"]: item["Value"] for item in attributes}
