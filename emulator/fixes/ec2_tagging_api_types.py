"""The Resource Groups Tagging API lists EC2 flow logs, Elastic IP addresses and VPC endpoints as AWS does.

AWS: ``GetResources`` supports all resource types
(https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html); EC2's ARNs are
``arn:aws:ec2:<region>:<account>:vpc-flow-log/fl-…``, ``…:elastic-ip/eipalloc-…`` and ``…:vpc-endpoint/vpce-…``
(https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html#amazonec2-resources-for-iam-policies),
and ``ResourceTypeFilters`` takes ``ec2:vpc-flow-log``, ``ec2:elastic-ip`` and ``ec2:vpc-endpoint``.

Moto 5.2.5 names flow logs ``flow-logs`` (``arn:…:flow-logs/fl-…``, type ``ec2:flow-logs``) and does not list
Elastic IP addresses or VPC endpoints at all. Without this fix, a run's search for what no run plans any more
(``appstack.aws.environment_resources_info``) misses a flow log left running after flow logs were turned off, and
the address of a NAT gateway left behind; and a check that a teardown left nothing tagged misses both kinds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from moto.core.resource_tagging import TaggedResource
from moto.ec2.models import EC2Backend


def _arn(backend: EC2Backend, resource_type: str, resource_id: str) -> str:
    return f"arn:{backend.partition}:ec2:{backend.region_name}:{backend.account_id}:{resource_type}/{resource_id}"


def _tagged(backend: EC2Backend, resource_type: str, resource_id: str) -> TaggedResource:
    return TaggedResource(
        arn=_arn(backend, resource_type, resource_id),
        tags=dict(backend.tags.get(resource_id, {})),
        resource_type=f"ec2:{resource_type}",
    )


def _with_aws_types(iterate: Callable[[EC2Backend], Iterator[TaggedResource]]):
    def iter_tagged_resources(self: EC2Backend) -> Iterator[TaggedResource]:
        for resource in iterate(self):
            if resource.resource_type == "ec2:flow-logs":
                yield _tagged(self, "vpc-flow-log", resource.arn.rsplit("/", 1)[-1])
            else:
                yield resource
        for address in list(self.addresses):
            if address.allocation_id:
                yield _tagged(self, "elastic-ip", address.allocation_id)
        for endpoint in list(self.vpc_end_points.values()):
            if str(getattr(endpoint, "state", "")).lower() != "deleted":
                yield _tagged(self, "vpc-endpoint", endpoint.id)

    return iter_tagged_resources


def apply() -> None:
    # Wraps what is in place when applied, so that another fix of the same method keeps its part.
    EC2Backend.iter_tagged_resources = _with_aws_types(EC2Backend.iter_tagged_resources)
