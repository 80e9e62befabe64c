"""Every service the roles use answers an operation the emulator lacks with an AWS error, never an HTML page.

Without ``emulator/errors.py`` moto answers such a call with Flask's HTML "500 Internal Server Error" page (or, for
a REST path it has no route for, an HTML 404): botocore cannot parse it, and retries the 500 four times first.
Each operation below is one moto 5.2.5 lacks; the answer must parse as a ``NotImplemented`` error with HTTP 501,
in the service's own protocol (EC2, query, JSON, Smithy RPC v2 CBOR, REST-XML).
"""

from __future__ import annotations

from typing import Any

import botocore.exceptions
import pytest

from emulator.client import EmulatorClient

# service -> a read-only operation moto 5.2.5 does not implement. S3 is not listed: moto routes every S3 path to
# a bucket or object handler, so no S3 request reaches the "not implemented" path.
UNIMPLEMENTED = {
    "acm": "DescribeAcmeAccount",
    "application-autoscaling": "GetPredictiveScalingForecast",
    "apprunner": "DescribeCustomDomains",
    "budgets": "DescribeBudgetActionHistories",
    "cloudfront": "ListDistributionsByOwnedResource",
    "cloudwatch": "DescribeAlarmContributors",
    "ec2": "DescribeAddressTransfers",
    "ecr": "DescribeImageReplicationStatus",
    "ecs": "DescribeDaemon",
    "elasticache": "DescribeCacheSecurityGroups",
    "elbv2": "DescribeTrustStoreAssociations",
    "iam": "GetAccountProperties",
    "kms": "DescribeCustomKeyStores",
    "logs": "DescribeAccountPolicies",
    "rds": "DescribeCertificates",
    "route53": "GetCheckerIpRanges",
    "secretsmanager": "ListResourcePolicies",
    "sns": "GetSMSSandboxAccountStatus",
    "sts": "GetDelegatedAccessToken",
    "wafv2": "DescribeAllManagedProducts",
}


def placeholder(shape: Any) -> Any:
    """A value botocore accepts for a required input: the emulator must refuse the operation, not the input."""
    kind = shape.type_name
    if kind == "structure":
        return {name: placeholder(shape.members[name]) for name in shape.required_members}
    if kind == "list":
        return [placeholder(shape.member)]
    if kind in ("integer", "long"):
        return max(1, shape.metadata.get("min", 1))
    if kind == "boolean":
        return True
    if kind == "timestamp":
        return "2026-01-01T00:00:00Z"
    if getattr(shape, "enum", None):
        return shape.enum[0]
    # Long enough for any minimum length; AWS resource names and ARNs alike accept it.
    return "a" * max(1, shape.metadata.get("min", 1))


@pytest.mark.parametrize("service", sorted(UNIMPLEMENTED))
def test_an_unimplemented_operation_is_a_parseable_not_implemented_error(emulator: EmulatorClient, service: str):
    client = emulator.client(service)
    operation = client.meta.service_model.operation_model(UNIMPLEMENTED[service])
    params = placeholder(operation.input_shape) if operation.input_shape else {}

    with pytest.raises(botocore.exceptions.ClientError) as raised:
        getattr(client, botocore.xform_name(operation.name))(**params)

    response = raised.value.response
    assert response["Error"]["Code"] == "NotImplemented", response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    assert "does not implement" in response["Error"]["Message"]
