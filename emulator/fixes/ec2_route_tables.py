"""Route tables list their gateway associations, past ones too, and their (empty) propagating gateways.

AWS: every ``RouteTable`` in ``CreateRouteTable`` and ``DescribeRouteTables`` answers carries
``PropagatingVgws`` ("Any virtual private gateway (VGW) propagating routes"), an empty ``propagatingVgwSet``
when no gateway propagates routes into it. ``DescribeRouteTables`` filters on
``association.gateway-id`` (the internet or virtual private gateway a gateway route table is associated
with), ``association.subnet-id``, ``owner-id`` and, per route, ``route.destination-ipv6-cidr-block``,
``route.destination-prefix-list-id``, ``route.egress-only-internet-gateway-id``, ``route.instance-id``,
``route.origin`` and ``route.state``. A gateway route table's association with an internet or virtual private gateway names the gateway
(``GatewayId``); once disassociated (``DisassociateRouteTable``) it stays listed in ``Associations`` with
``AssociationState.State`` ``disassociated`` until that gateway is associated with the table again
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTable.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RouteTableAssociation.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRouteTables.html).

Moto 5.2.5 has no ``PropagatingVgws`` attribute, so the element is missing and boto3 gives no
``PropagatingVgws`` key (moto implements no route propagation, so the set is always empty here). It raises
FilterNotImplementedError (no answer but an error) for the filters above, and its ``association.subnet-id``
also matches the gateway a table is associated with. It names only internet gateways in associations (a
virtual private gateway's association has no ``GatewayId``), and drops a gateway association at once on
disassociation. amazon.aws's ``ec2_vpc_route_table`` target expects ``route_table.propagating_vgws | length
== 0``; the module finds a gateway route table by its ``association.gateway-id``, and the target expects a
table moved from an internet gateway to a virtual private gateway to list two associations, one of them
``associated``.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.route_tables import RouteBackend, RouteTable

# DescribeRouteTables route.* filter -> the Route attribute it reads.
ROUTE_FILTERS = {
    "route.destination-ipv6-cidr-block": "destination_ipv6_cidr_block",
    "route.destination-prefix-list-id": "destination_prefix_list_id",
    "route.egress-only-internet-gateway-id": "egress_only_internet_gateway_id",
    "route.instance-id": "instance_id",
    "route.origin": "origin",
    "route.state": "state",
}
# Association targets that are gateways (edge associations), not subnets.
GATEWAY_PREFIXES = ("igw-", "vgw-")

_original_get_filter_value = RouteTable.get_filter_value
_original_disassociate_route_table = RouteBackend.disassociate_route_table
_original_associate_route_table = RouteBackend.associate_route_table


def _propagating_vgws(self: RouteTable) -> list[dict[str, Any]]:
    return []


def _is_gateway(target_id: str) -> bool:
    return target_id.startswith(GATEWAY_PREFIXES)


def _past_gateway_associations(route_table: RouteTable) -> dict[str, str]:
    """Association id -> gateway id, for the gateway associations this table had (kept on the table)."""
    if not hasattr(route_table, "_past_gateway_associations"):
        route_table._past_gateway_associations = {}
    return route_table._past_gateway_associations


def _association(route_table: RouteTable, association_id: str, target_id: str, state: str) -> dict[str, Any]:
    association: dict[str, Any] = {
        "RouteTableAssociationId": association_id,
        "RouteTableId": route_table.id,
        "Main": False,
        "AssociationState": {"State": state},
    }
    association["GatewayId" if _is_gateway(target_id) else "SubnetId"] = target_id
    return association


def _associations(self: RouteTable) -> list[dict[str, Any]]:
    result = []
    if self.main_association_id is not None:
        result.append(
            {
                "RouteTableAssociationId": self.main_association_id,
                "RouteTableId": self.id,
                "Main": True,
                "AssociationState": {"State": "associated"},
            }
        )
    for association_id, gateway_id in _past_gateway_associations(self).items():
        result.append(_association(self, association_id, gateway_id, "disassociated"))
    for association_id, target_id in self._associations.items():
        result.append(_association(self, association_id, target_id, "associated"))
    return result


def _disassociate_route_table(self: Any, association_id: str) -> str | None:
    for route_table in self.route_tables.values():
        target_id = route_table._associations.get(association_id)
        if target_id is not None and _is_gateway(target_id):
            _past_gateway_associations(route_table)[association_id] = target_id
    return _original_disassociate_route_table(self, association_id)


def _associate_route_table(
    self: Any, route_table_id: str, gateway_id: str | None = None, subnet_id: str | None = None
) -> str:
    association_id = _original_associate_route_table(self, route_table_id, gateway_id, subnet_id)
    if gateway_id:
        # The gateway's association with this table is current again: its past one is no longer listed.
        past = _past_gateway_associations(self.get_route_table(route_table_id))
        for past_id in [key for key, value in past.items() if value == gateway_id]:
            del past[past_id]
    return association_id


def _association_targets(route_table: RouteTable, gateways: bool) -> list[str]:
    return [target for target in route_table._associations.values() if _is_gateway(target) == gateways]


def _route_values(route_table: RouteTable, attribute: str) -> list[Any]:
    values = (getattr(route, attribute) for route in route_table._routes.values())
    return [value for value in values if value is not None]


def _get_filter_value(self: RouteTable, filter_name: str, method_name: str | None = None) -> Any:
    if filter_name == "association.gateway-id":
        return _association_targets(self, gateways=True)
    if filter_name == "association.subnet-id":
        return _association_targets(self, gateways=False)
    if filter_name == "owner-id":
        return self.owner_id
    if filter_name in ROUTE_FILTERS:
        return _route_values(self, ROUTE_FILTERS[filter_name])
    return _original_get_filter_value(self, filter_name, method_name)


def apply() -> None:
    RouteTable.propagating_vgws = property(_propagating_vgws)
    RouteTable.associations = property(_associations)
    RouteBackend.disassociate_route_table = _disassociate_route_table
    RouteBackend.associate_route_table = _associate_route_table
    RouteTable.get_filter_value = _get_filter_value
