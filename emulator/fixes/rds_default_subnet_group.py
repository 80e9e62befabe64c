"""A DB instance created without a DB subnet group is placed in the default VPC's ``default`` DB subnet group.

AWS: every DB instance is in a VPC (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html).
Created without ``DBSubnetGroupName``, it goes into the default VPC, in the DB subnet group RDS keeps for it, named
``default`` (description ``default``), holding the default VPC's default subnets; ``DescribeDBInstances`` reports
that group as the instance's ``DBSubnetGroup`` and ``DescribeDBSubnetGroups`` lists it
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBInstance.html, ``DBSubnetGroup``). The name
``default`` can't be taken by ``CreateDBSubnetGroup`` ("Must not be default",
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html).

Moto 5.2.5 leaves such an instance without ``DBSubnetGroup``: amazon.aws ``rds_instance`` reads
``instance["DBSubnetGroup"]["DBSubnetGroupName"]`` on every run against an existing instance and crashes
(``KeyError: 'DBSubnetGroup'``), so no second run on an instance created without a subnet group works.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models import ec2_backends
from moto.rds.models import DBInstance, DBSubnetGroup, RDSBackend

DEFAULT_GROUP_NAME = "default"


def _default_vpc_subnets(account_id: str, region: str) -> list[Any]:
    ec2 = ec2_backends[account_id][region]
    vpc = ec2.get_default_vpc()
    if vpc is None:
        return []
    # Moto marks the first subnet of each zone "default for AZ" whatever its VPC: keep the default VPC's.
    return [subnet for subnet in ec2.get_default_subnets().values() if subnet.vpc_id == vpc.id]


def default_subnet_group(backend: RDSBackend) -> DBSubnetGroup | None:
    """The region's ``default`` DB subnet group, created on first use as RDS does; None without a default VPC."""
    group = backend.subnet_groups.get(DEFAULT_GROUP_NAME)
    if group is not None:
        return group
    subnets = _default_vpc_subnets(backend.account_id, backend.region_name)
    if not subnets:
        return None
    group = DBSubnetGroup(backend, DEFAULT_GROUP_NAME, DEFAULT_GROUP_NAME, subnets, [])
    backend.subnet_groups[DEFAULT_GROUP_NAME] = group
    return group


def _place_in_default_subnet_group(instance: DBInstance) -> None:
    # Instances of a cluster are left as moto has them; so are those given a subnet group.
    if instance.db_cluster_identifier is not None or getattr(instance, "db_subnet_group", None) is not None:
        return
    group = default_subnet_group(instance.backend)
    if group is not None:
        instance.db_subnet_group = group


def apply() -> None:
    # Every new instance (created, or restored from a snapshot or a point in time) goes through
    # create_db_instance; a read replica is a copy of its source, subnet group included.
    if getattr(RDSBackend.create_db_instance, "_appstack_default_subnet_group", False):
        return
    create_before = RDSBackend.create_db_instance

    def create_db_instance(self: RDSBackend, db_kwargs: dict[str, Any]) -> DBInstance:
        instance = create_before(self, db_kwargs)
        _place_in_default_subnet_group(instance)
        return instance

    create_db_instance._appstack_default_subnet_group = True  # type: ignore[attr-defined]
    RDSBackend.create_db_instance = create_db_instance
