"""ModifyDBSubnetGroup changes the group in place; a missing group is an error.

AWS: ``ModifyDBSubnetGroup`` replaces the subnets (and the description, if given) of an existing DB subnet group and
answers the modified group; the group keeps its name and moves to the VPC of its new subnets. A name that matches no
group fails with ``DBSubnetGroupNotFoundFault`` (HTTP 404)
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSubnetGroup.html, "Errors").

Moto 5.2.5 pops the group out of its store to modify it and never puts it back: the modified group is answered once,
then ``DescribeDBSubnetGroups`` no longer finds it, so amazon.aws ``rds_subnet_group`` returns no ``subnet_group``
after an update (and its next run creates the group again). A missing name raises ``KeyError`` (HTTP 500), and the
group's ``VpcId`` stays that of its first subnets.
"""

from __future__ import annotations

from typing import Any

from moto.rds.exceptions import DBSubnetGroupNotFoundError
from moto.rds.models import DBSubnetGroup, RDSBackend


def modify_db_subnet_group(
    self: RDSBackend, subnet_name: str, description: str | None, subnets: list[Any]
) -> DBSubnetGroup:
    group = self.subnet_groups.get(subnet_name)
    if group is None:
        raise DBSubnetGroupNotFoundError(subnet_name)
    if subnets:
        group.subnets = subnets
        group.vpc_id = subnets[0].vpc_id
    if description is not None:
        group.description = description
    return group


def apply() -> None:
    RDSBackend.modify_db_subnet_group = modify_db_subnet_group
