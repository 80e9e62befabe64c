"""ElastiCache cache subnet groups: real subnets, modify, delete, tags of a missing group.

AWS (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/):

* ``CreateCacheSubnetGroup`` takes subnets of one VPC: an unknown subnet fails
  with ``InvalidSubnet`` ("An invalid subnet identifier was specified"), as do
  subnets of more than one VPC; an existing name fails with
  ``CacheSubnetGroupAlreadyExists`` (API_CreateCacheSubnetGroup.html).
* A group reports its ``VpcId`` and each subnet's ``SubnetIdentifier``,
  ``SubnetAvailabilityZone`` ``{"Name": zone}`` and ``SupportedNetworkTypes``,
  and the group's ``SupportedNetworkTypes`` (API_CacheSubnetGroup.html,
  API_Subnet.html).
* ``ModifyCacheSubnetGroup`` changes the description and replaces the subnets
  (the same checks as on create; a group in use cannot move to another VPC)
  (API_ModifyCacheSubnetGroup.html).
* ``DeleteCacheSubnetGroup`` fails with ``CacheSubnetGroupInUse`` while a
  cluster or replication group uses the group, and with
  ``CacheSubnetGroupNotFoundFault`` for a missing one
  (API_DeleteCacheSubnetGroup.html: "You cannot delete a default cache subnet
  group or one that is associated with any clusters").
* Names are stored in lower case ("This value is stored as a lowercase
  string", API_CreateCacheSubnetGroup.html) and found whatever the case.
* ``ListTagsForResource``, ``AddTagsToResource`` and ``RemoveTagsFromResource``
  on the ARN of a missing group fail with ``CacheSubnetGroupNotFoundFault``
  (API_ListTagsForResource.html, "Errors").

Moto 5.2.5 accepts unknown subnets (inventing a VPC ``vpc-0123456789abcdef0``
and zone for them), returns an empty ``SubnetAvailabilityZone``, lists network
types in random order, and has neither ``ModifyCacheSubnetGroup`` nor
``DeleteCacheSubnetGroup``: appstack.aws ``elasticache_subnet_group`` could
neither change nor delete a group, and a wrong subnet id would only fail on AWS.
"""

from __future__ import annotations

import re
from typing import Any

from moto.core.responses import ActionResult, EmptyResult
from moto.ec2.exceptions import InvalidSubnetIdError
from moto.ec2.models import ec2_backends
from moto.elasticache.exceptions import (
    CacheSubnetGroupNotFound,
    ElastiCacheException,
    InvalidParameterValueException,
    InvalidSubnet,
)
from moto.elasticache.models import CacheSubnetGroup, ElastiCacheBackend
from moto.elasticache.responses import ElastiCacheResponse

SUBNET_GROUP_ARN = re.compile(r"^arn:[^:]+:elasticache:[^:]*:[0-9]*:subnetgroup:(?P<name>.+)$")
NETWORK_TYPES_ORDER = ("ipv4", "ipv6", "dual_stack")


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"


def _subnet_group_init(
    self: CacheSubnetGroup,
    account_id: str,
    region_name: str,
    cache_subnet_group_name: str,
    cache_subnet_group_description: str,
    subnet_ids: list[str],
    tags: list[dict[str, str]] | None,
) -> None:
    self.cache_subnet_group_name = cache_subnet_group_name
    self.cache_subnet_group_description = cache_subnet_group_description
    self.tags = tags or []
    self.account_id, self.region_name = account_id, region_name
    self.arn = f"arn:aws:elasticache:{region_name}:{account_id}:subnetgroup:{cache_subnet_group_name}"
    _set_subnets(self, subnet_ids)


def _network_types(subnet: Any) -> list[str]:
    if subnet.ipv6_native:
        return ["ipv6"]
    types = ["ipv4"] if subnet.cidr_block else []
    if subnet.ipv6_cidr_block_associations and subnet.cidr_block:
        types.append("dual_stack")
    return types


def _ec2_subnets(account_id: str, region_name: str, subnet_ids: list[str]) -> list[Any]:
    if not subnet_ids:
        raise InvalidParameterValueException("The request must contain the parameter SubnetIds.")
    ec2 = ec2_backends[account_id][region_name]
    subnets = []
    for subnet_id in dict.fromkeys(subnet_ids):
        try:
            (subnet,) = ec2.describe_subnets(subnet_ids=[subnet_id])
        except InvalidSubnetIdError as error:
            raise InvalidSubnet(subnet_id=subnet_id) from error
        subnets.append(subnet)
    vpcs = sorted({subnet.vpc_id for subnet in subnets})
    if len(vpcs) > 1:
        raise ElastiCacheException(
            "InvalidSubnet",
            f"The subnets of a cache subnet group must all be in one VPC; they are in {', '.join(vpcs)}.",
        )
    return subnets


def _set_subnets(group: CacheSubnetGroup, subnet_ids: list[str]) -> None:
    subnets = _ec2_subnets(group.account_id, group.region_name, subnet_ids)
    group.subnet_ids = [subnet.id for subnet in subnets]
    group.vpc_id = subnets[0].vpc_id
    group.subnets = [
        {
            "SubnetIdentifier": subnet.id,
            "SubnetAvailabilityZone": {"Name": subnet.availability_zone},
            "SupportedNetworkTypes": _network_types(subnet),
        }
        for subnet in subnets
    ]
    found = {network_type for subnet in group.subnets for network_type in subnet["SupportedNetworkTypes"]}
    group.supported_network_types = [network_type for network_type in NETWORK_TYPES_ORDER if network_type in found]


def _users(backend: ElastiCacheBackend, name: str) -> list[str]:
    users = [
        f"replication group {group_id}"
        for group_id, group in backend.replication_groups.items()
        if (getattr(group, "cache_subnet_group_name", None) or "").lower() == name
    ]
    users += [
        f"cache cluster {cluster_id}"
        for cluster_id, cluster in backend.cache_clusters.items()
        if (getattr(cluster, "cache_subnet_group_name", None) or "").lower() == name
        and getattr(cluster, "cache_cluster_status", None) != "deleting"
    ]
    return users


def _require_group(backend: ElastiCacheBackend, name: str | None) -> CacheSubnetGroup:
    group = backend.cache_subnet_groups.get((name or "").lower())
    if group is None:
        raise CacheSubnetGroupNotFound(name)
    return group


def _lower_case_name(original: Any) -> Any:
    def method(self: ElastiCacheBackend, cache_subnet_group_name: str | None = None, **kwargs: Any) -> Any:
        return original(self, cache_subnet_group_name=(cache_subnet_group_name or "").lower() or None, **kwargs)

    return method


def modify_cache_subnet_group(
    self: ElastiCacheBackend, name: str, description: str | None, subnet_ids: list[str] | None
) -> CacheSubnetGroup:
    group = _require_group(self, name)
    name = group.cache_subnet_group_name
    if subnet_ids:
        users = _users(self, name)
        new_vpc = _ec2_subnets(self.account_id, self.region_name, subnet_ids)[0].vpc_id
        if users and new_vpc != group.vpc_id:
            raise ElastiCacheException(
                "InvalidSubnet",
                f"Cache subnet group {name} is in use by {', '.join(users)}: its subnets must stay in {group.vpc_id}.",
            )
        _set_subnets(group, subnet_ids)
    if description is not None:
        group.cache_subnet_group_description = description
    return group


def delete_cache_subnet_group(self: ElastiCacheBackend, name: str) -> None:
    group = _require_group(self, name)
    name = group.cache_subnet_group_name
    users = _users(self, name)
    if users:
        raise CacheSubnetGroupInUse(f"Cache subnet group {name} is in use by {', '.join(users)}.")
    del self.cache_subnet_groups[name]
    self.tagging_service.delete_all_tags_for_resource(group.arn)


def _checking_arn(original: Any) -> Any:
    def method(self: ElastiCacheBackend, arn: str, *args: Any, **kwargs: Any) -> Any:
        match = SUBNET_GROUP_ARN.match(arn or "")
        if match:
            _require_group(self, match.group("name"))
        return original(self, arn, *args, **kwargs)

    return method


def _modify_response(self: ElastiCacheResponse) -> ActionResult:
    group = self.elasticache_backend.modify_cache_subnet_group(
        self._get_param("CacheSubnetGroupName"),
        self._get_param("CacheSubnetGroupDescription"),
        self._get_param("SubnetIds", []),
    )
    return ActionResult({"CacheSubnetGroup": group})


def _delete_response(self: ElastiCacheResponse) -> EmptyResult:
    self.elasticache_backend.delete_cache_subnet_group(self._get_param("CacheSubnetGroupName"))
    return EmptyResult()


def apply() -> None:
    CacheSubnetGroup.__init__ = _subnet_group_init
    for method_name in ("list_tags_for_resource", "add_tags_to_resource", "remove_tags_from_resource"):
        setattr(ElastiCacheBackend, method_name, _checking_arn(getattr(ElastiCacheBackend, method_name)))
    for method_name in ("create_cache_subnet_group", "describe_cache_subnet_groups"):
        setattr(ElastiCacheBackend, method_name, _lower_case_name(getattr(ElastiCacheBackend, method_name)))
    ElastiCacheBackend.modify_cache_subnet_group = modify_cache_subnet_group
    ElastiCacheBackend.delete_cache_subnet_group = delete_cache_subnet_group
    ElastiCacheResponse.modify_cache_subnet_group = _modify_response
    ElastiCacheResponse.delete_cache_subnet_group = _delete_response
