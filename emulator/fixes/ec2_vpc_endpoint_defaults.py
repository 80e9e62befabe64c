"""VPC endpoints default to the Gateway type; gateway endpoints have no private DNS.

AWS: ``CreateVpcEndpoint`` without ``VpcEndpointType`` creates a ``Gateway``
endpoint ("Default: Gateway"), and ``PrivateDnsEnabled`` applies to interface
endpoints only: gateway endpoints report ``false``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcEndpoint.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html).

Moto 5.2.5 stores no type at all when none is given, so the endpoint has no
``VpcEndpointType`` and ``DeleteVpcEndpoints`` fails on it with an HTTP 500;
and it reports ``PrivateDnsEnabled: true`` for gateway endpoints.
"""

from __future__ import annotations

from moto.ec2.models.vpcs import VPCEndPoint

DEFAULT_TYPE = "Gateway"


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
