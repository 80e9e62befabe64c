"""VPC endpoints default to the Gateway type; gateway endpoints have no private DNS; yours are not requester-managed.

AWS: ``CreateVpcEndpoint`` without ``VpcEndpointType`` creates a ``Gateway``
endpoint ("Default: Gateway"), and ``PrivateDnsEnabled`` applies to interface
endpoints only: gateway endpoints report ``false``. Every endpoint reports
``RequesterManaged``, "indicates whether the VPC endpoint is being managed by its
service": ``false`` for one you created with ``CreateVpcEndpoint``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html).

Moto 5.2.5 stores no type at all when none is given, so the endpoint has no
``VpcEndpointType`` and ``DeleteVpcEndpoints`` fails on it with an HTTP 500;
it reports ``PrivateDnsEnabled: true`` for gateway endpoints; and it omits
``RequesterManaged``, which amazon.aws's ``ec2_vpc_endpoint`` target checks in
every result.
"""

from __future__ import annotations

from moto.ec2.models.vpcs import VPCEndPoint

DEFAULT_TYPE = "Gateway"
# Endpoints made through CreateVpcEndpoint belong to the caller, never to an AWS service.
REQUESTER_MANAGED = False


def _get_type(self: VPCEndPoint) -> str:
    return getattr(self, "_endpoint_type", None) or DEFAULT_TYPE


def _set_type(self: VPCEndPoint, value: str | None) -> None:
    self._endpoint_type = value


def _get_private_dns_enabled(self: VPCEndPoint) -> bool | None:
    if self.vpc_endpoint_type.lower() == "gateway":
        return False
    return getattr(self, "_private_dns_enabled", None)


def _set_private_dns_enabled(self: VPCEndPoint, value: bool | None) -> None:
    self._private_dns_enabled = value


def apply() -> None:
    VPCEndPoint.vpc_endpoint_type = property(_get_type, _set_type)
    VPCEndPoint.private_dns_enabled = property(_get_private_dns_enabled, _set_private_dns_enabled)
    VPCEndPoint.requester_managed = REQUESTER_MANAGED
