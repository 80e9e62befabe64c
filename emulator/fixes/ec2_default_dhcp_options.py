"""Every VPC starts with its region's default DHCP option set; option sets outlive the VPCs using them.

AWS: "Each Region has a default DHCP option set. Each VPC uses the default DHCP option set for its Region
unless you either create and associate a custom DHCP option set with the VPC or configure the VPC to use no
DHCP option set." The default set holds ``domain-name-servers: AmazonProvidedDNS`` and ``domain-name``
``ec2.internal`` (us-east-1) or ``<region>.compute.internal``. ``DescribeVpcs`` reports its ``dopt-`` id as
the VPC's ``DhcpOptionsId``, and ``default`` only once ``AssociateDhcpOptions`` has set "no options". One
option set may serve many VPCs; ``DeleteDhcpOptions`` refuses (``DependencyViolation``) while any VPC uses it,
and deleting a VPC leaves its option set in place
(https://docs.aws.amazon.com/vpc/latest/userguide/DHCPOptionSetConcepts.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AssociateDhcpOptions.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteDhcpOptions.html).

Moto 5.2.5 creates no default set: a new VPC reports ``DhcpOptionsId: default``. It links an option set to
one VPC only (associating it with a second VPC unlinks the first, so the set can be deleted while in use),
and deleting a VPC deletes its option set too. amazon.aws's ``ec2_vpc_net`` target expects a new VPC's
``dhcp_options_id`` to start with ``dopt-`` and re-associates that id in its cleanup.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.dhcp_options import DHCPOptionsSet, DHCPOptionsSetBackend
from moto.ec2.models.vpcs import VPCBackend

AMAZON_PROVIDED_DNS = "AmazonProvidedDNS"

_original_create_vpc = VPCBackend.create_vpc
_original_delete_vpc = VPCBackend.delete_vpc


def default_domain_name(region: str) -> str:
    """The domain name AWS puts in a region's default DHCP option set."""
    return "ec2.internal" if region == "us-east-1" else f"{region}.compute.internal"


def default_dhcp_options(backend: Any) -> DHCPOptionsSet:
    """The region's default option set, made on first use (a backend is made per account and region)."""
    options_id = getattr(backend, "_default_dhcp_options_id", None)
    if options_id in backend.dhcp_options_sets:
        return backend.dhcp_options_sets[options_id]
    options = backend.create_dhcp_options(
        domain_name_servers=[AMAZON_PROVIDED_DNS], domain_name=[default_domain_name(backend.region_name)]
    )
    backend._default_dhcp_options_id = options.id
    return options


def _create_vpc(self: Any, *args: Any, **kwargs: Any) -> Any:
    vpc = _original_create_vpc(self, *args, **kwargs)
    vpc.dhcp_options = default_dhcp_options(self)
    return vpc


def _delete_vpc(self: Any, vpc_id: str) -> Any:
    # Moto's delete_vpc deletes the VPC's option set; unlink it first so the set stays, as on AWS,
    # and link it back if the VPC cannot be deleted.
    vpc = self.vpcs.get(vpc_id)
    options = vpc.dhcp_options if vpc else None
    if vpc:
        vpc.dhcp_options = None
    try:
        return _original_delete_vpc(self, vpc_id)
    except Exception:
        if vpc:
            vpc.dhcp_options = options
        raise


def _vpc_using(self: DHCPOptionsSet) -> Any:
    """A VPC using this option set, if any: the VPCs hold the links, so one set may serve many VPCs."""
    return next((vpc for vpc in self.ec2_backend.vpcs.values() if vpc.dhcp_options is self), None)


def _ignore_vpc_link(self: DHCPOptionsSet, value: Any) -> None:
    """Moto's (re)assignments of the single link are superseded by the VPCs' own links."""


def _associate_dhcp_options(self: Any, dhcp_options: DHCPOptionsSet, vpc: Any) -> None:
    vpc.dhcp_options = dhcp_options


def _disassociate_dhcp_options(self: Any, vpc: Any) -> None:
    vpc.dhcp_options = None


def apply() -> None:
    VPCBackend.create_vpc = _create_vpc
    VPCBackend.delete_vpc = _delete_vpc
    DHCPOptionsSet.vpc = property(_vpc_using, _ignore_vpc_link)
    DHCPOptionsSetBackend.associate_dhcp_options = _associate_dhcp_options
    DHCPOptionsSetBackend.disassociate_dhcp_options = _disassociate_dhcp_options
