"""Turning on a load balancer's access logs checks that Elastic Load Balancing may write to the bucket.

AWS: "When you enable access logging, you must specify an S3 bucket for the access logs. The bucket must meet the
following requirements": it exists, is in the load balancer's region, and its bucket policy grants
``s3:PutObject`` on ``bucket/prefix/AWSLogs/aws-account-id/*`` to the region's Elastic Load Balancing account
(``arn:aws:iam::elb-account-id:root``, regions available before August 2022) or to the
``logdelivery.elasticloadbalancing.amazonaws.com`` service principal (newer regions)
(https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html). Otherwise
``ModifyLoadBalancerAttributes`` fails with ``InvalidConfigurationRequest``: "Access Denied for bucket: NAME.
Please check S3bucket permission".

Moto 5.2.5 stores ``access_logs.s3.*`` without looking at the bucket, so a bucket policy that would fail on AWS
(the wrong principal, the wrong prefix) passes here. This reads the bucket's policy as IAM would: an Allow
statement with either principal (a string or a list; a bare account id counts as its root), ``s3:PutObject`` or a
wildcard covering it, and a resource covering an object under the prefix.
"""

from __future__ import annotations

import fnmatch
import json
from typing import Any

from moto.elbv2.exceptions import InvalidConfigurationRequest
from moto.elbv2.models import ELBv2Backend
from moto.s3.exceptions import MissingBucket
from moto.s3.models import s3_backends

SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com"
# The Elastic Load Balancing account of each region available before August 2022 (enable-access-logging.html).
ELB_ACCOUNTS = {
    "us-east-1": "127311923021",
    "us-east-2": "033677994240",
    "us-west-1": "027434742980",
    "us-west-2": "797873946194",
    "af-south-1": "098369216593",
    "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580",
    "ap-south-1": "718504428378",
    "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887",
    "ap-southeast-1": "114774131450",
    "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864",
    "ca-central-1": "985666609251",
    "eu-central-1": "054676820928",
    "eu-west-1": "156460612806",
    "eu-west-2": "652711504416",
    "eu-south-1": "635631232127",
    "eu-west-3": "009996457667",
    "eu-north-1": "897822967062",
    "me-south-1": "076674570225",
    "sa-east-1": "507241528517",
    "us-gov-west-1": "048591011584",
    "us-gov-east-1": "190560391635",
}


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _principals(statement: dict) -> tuple[list, list]:
    principal = statement.get("Principal")
    if not isinstance(principal, dict):
        return [], []
    return _as_list(principal.get("AWS")), _as_list(principal.get("Service"))


def _grants_delivery(statement: dict, object_arn: str, elb_account: str | None) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    accounts, services = _principals(statement)
    by_account = elb_account is not None and any(
        principal == elb_account or principal.endswith(f":iam::{elb_account}:root") for principal in accounts
    )
    if not by_account and SERVICE_PRINCIPAL not in services:
        return False
    if not any(fnmatch.fnmatchcase("s3:PutObject", action) for action in _as_list(statement.get("Action"))):
        return False
    return any(fnmatch.fnmatchcase(object_arn, resource) for resource in _as_list(statement.get("Resource")))


def delivery_problem(backend: ELBv2Backend, bucket_name: str, prefix: str) -> str | None:
    """Why Elastic Load Balancing could not write this load balancer's access logs there (None: it could)."""
    try:
        bucket = s3_backends[backend.account_id][backend.partition].get_bucket(bucket_name)
    except MissingBucket:
        return f"The specified bucket does not exist: {bucket_name}"
    if bucket.region_name != backend.region_name:
        return (
            f"Bucket {bucket_name} is in {bucket.region_name}, not in the load balancer's region {backend.region_name}"
        )
    document = json.loads(bucket.policy.decode()) if bucket.policy else {}
    path = f"{prefix.strip('/')}/" if prefix else ""
    object_arn = f"arn:{backend.partition}:s3:::{bucket_name}/{path}AWSLogs/{backend.account_id}/log-object"
    elb_account = ELB_ACCOUNTS.get(backend.region_name)
    if any(_grants_delivery(statement, object_arn, elb_account) for statement in _as_list(document.get("Statement"))):
        return None
    return f"Access Denied for bucket: {bucket_name}. Please check S3bucket permission"


def apply() -> None:
    original = ELBv2Backend.modify_load_balancer_attributes

    def modify_load_balancer_attributes(self: ELBv2Backend, arn: str, attrs: dict[str, Any]) -> dict[str, Any]:
        balancer = self.load_balancers.get(arn)
        if balancer is not None:
            merged = {**balancer.attrs, **attrs}
            if merged.get("access_logs.s3.enabled") == "true":
                problem = delivery_problem(
                    self, merged.get("access_logs.s3.bucket", ""), merged.get("access_logs.s3.prefix", "")
                )
                if problem:
                    raise InvalidConfigurationRequest(problem)
        return original(self, arn, attrs)

    ELBv2Backend.modify_load_balancer_attributes = modify_load_balancer_attributes
