"""Access logs turn on only where Elastic Load Balancing may write (``emulator/fixes/elbv2_access_logs.py``).

AWS: the bucket must exist in the load balancer's region and its policy must grant s3:PutObject on
prefix/AWSLogs/ACCOUNT/* to the region's Elastic Load Balancing account or to
logdelivery.elasticloadbalancing.amazonaws.com, or ModifyLoadBalancerAttributes fails with
InvalidConfigurationRequest
(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html). The refusals fail
on stock moto 5.2.5, which stores the attributes without looking at the bucket.
"""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient
from tests.emulator.test_elbv2_fixes import create_load_balancer, network

BUCKET = "app-frontend-dev-logs"
US_EAST_1_ELB_ACCOUNT = "arn:aws:iam::127311923021:root"


def bucket_with_policy(emulator: EmulatorClient, principal: dict, resource: str) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket=BUCKET)
    statement = {"Effect": "Allow", "Principal": principal, "Action": "s3:PutObject", "Resource": resource}
    s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))


def enable_access_logs(emulator: EmulatorClient, arn: str) -> None:
    emulator.client("elbv2").modify_load_balancer_attributes(
        LoadBalancerArn=arn,
        Attributes=[
            {"Key": "access_logs.s3.enabled", "Value": "true"},
            {"Key": "access_logs.s3.bucket", "Value": BUCKET},
            {"Key": "access_logs.s3.prefix", "Value": "alb"},
        ],
    )


@pytest.mark.parametrize(
    "principal",
    [{"AWS": US_EAST_1_ELB_ACCOUNT}, {"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}],
    ids=["region-elb-account", "log-delivery-service"],
)
def test_access_logs_turn_on_when_the_bucket_policy_lets_elb_write(emulator: EmulatorClient, principal: dict) -> None:
    bucket_with_policy(emulator, principal, f"arn:aws:s3:::{BUCKET}/alb/AWSLogs/123456789012/*")
    arn = create_load_balancer(emulator, network(emulator))

    enable_access_logs(emulator, arn)

    found = emulator.client("elbv2").describe_load_balancer_attributes(LoadBalancerArn=arn)["Attributes"]
    assert {"Key": "access_logs.s3.enabled", "Value": "true"} in found


@pytest.mark.parametrize(
    ("principal", "resource"),
    [
        ({"Service": "logging.s3.amazonaws.com"}, f"arn:aws:s3:::{BUCKET}/*"),
        ({"AWS": "arn:aws:iam::054676820928:root"}, f"arn:aws:s3:::{BUCKET}/*"),
        ({"AWS": US_EAST_1_ELB_ACCOUNT}, f"arn:aws:s3:::{BUCKET}/other/*"),
    ],
    ids=["other-service", "another-regions-elb-account", "another-prefix"],
)
def test_access_logs_are_refused_when_elb_may_not_write(
    emulator: EmulatorClient, principal: dict, resource: str
) -> None:
    bucket_with_policy(emulator, principal, resource)
    arn = create_load_balancer(emulator, network(emulator))

    with pytest.raises(ClientError) as error:
        enable_access_logs(emulator, arn)

    assert error.value.response["Error"]["Code"] == "InvalidConfigurationRequest"
    assert f"Access Denied for bucket: {BUCKET}" in error.value.response["Error"]["Message"]


def test_access_logs_to_a_missing_bucket_are_refused(emulator: EmulatorClient) -> None:
    arn = create_load_balancer(emulator, network(emulator))

    with pytest.raises(ClientError) as error:
        enable_access_logs(emulator, arn)

    assert error.value.response["Error"]["Code"] == "InvalidConfigurationRequest"
    assert "bucket does not exist" in error.value.response["Error"]["Message"]


def test_turning_access_logs_off_needs_no_bucket(emulator: EmulatorClient) -> None:
    arn = create_load_balancer(emulator, network(emulator))

    emulator.client("elbv2").modify_load_balancer_attributes(
        LoadBalancerArn=arn, Attributes=[{"Key": "access_logs.s3.enabled", "Value": "false"}]
    )
