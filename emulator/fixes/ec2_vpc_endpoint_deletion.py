"""A deleted VPC endpoint is gone; deleting an unknown one is unsuccessful; a deleted route table leaves its endpoints.

AWS: ``DeleteVpcEndpoints`` deletes the given endpoints and answers with an
``Unsuccessful`` list naming, for each endpoint it could not delete, its
``ResourceId`` and an ``Error`` (``InvalidVpcEndpoint.NotFound`` for an id that
does not exist); a deleted gateway endpoint is removed, so ``DescribeVpcEndpoints``
for its id then fails with ``InvalidVpcEndpointId.NotFound``
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpcEndpoints.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UnsuccessfulItem.html).
A route table can be deleted while a gateway endpoint routes through it (only
subnet associations block ``DeleteRouteTable``); the endpoint then no longer
lists it, and the endpoint can still be deleted
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteRouteTable.html).

Moto 5.2.5 keeps a deleted endpoint for ever in state ``deleted``, listed and
described like a live one, and always answers with an empty ``Unsuccessful``
list. amazon.aws ``ec2_vpc_endpoint`` decides whether a deletion changed anything
from that list and whether an endpoint exists from ``DescribeVpcEndpoints``, so
deleting an endpoint twice reports "changed" both times and a deleted endpoint
still "exists". And a deleted route table stays in its endpoints' ``RouteTableIds``,
where ``DeleteVpcEndpoints`` tries to remove the endpoint's route from it and fails
with ``InvalidRouteTableID.NotFound``.
"""

from __future__ import annotations

from typing import Any

from moto.core.responses import ActionResult
from moto.ec2.models.route_tables import RouteBackend
from moto.ec2.models.vpcs import VPCBackend
from moto.ec2.responses.vpcs import VPCs

NOT_FOUND = "InvalidVpcEndpoint.NotFound"


def not_found(vpc_endpoint_id: str) -> dict[str, Any]:
    message = f"The vpcEndpoint ID '{vpc_endpoint_id}' does not exist"
    return {"Error": {"Code": NOT_FOUND, "Message": message}, "ResourceId": vpc_endpoint_id}


def apply() -> None:
    _patch_endpoint_deletion()
    _patch_route_table_deletion()


def _patch_endpoint_deletion() -> None:
    original_delete = VPCBackend.delete_vpc_endpoints

    def delete_vpc_endpoints(self: VPCBackend, vpce_ids: list[str] | None = None) -> list[dict[str, Any]]:
        """Delete the endpoints that exist (moto releases their routes or interfaces); return the unsuccessful items."""
        vpce_ids = list(vpce_ids or [])
        unknown = [vpce_id for vpce_id in vpce_ids if vpce_id not in self.vpc_end_points]
        original_delete(self, [vpce_id for vpce_id in vpce_ids if vpce_id not in unknown])
        for vpce_id in vpce_ids:
            self.vpc_end_points.pop(vpce_id, None)
        return [not_found(vpce_id) for vpce_id in unknown]

    def delete_vpc_endpoints_response(self: VPCs) -> ActionResult:
        unsuccessful = self.ec2_backend.delete_vpc_endpoints(vpce_ids=self._get_param("VpcEndpointIds", []))
        return ActionResult({"Unsuccessful": unsuccessful})

    VPCBackend.delete_vpc_endpoints = delete_vpc_endpoints
    VPCs.delete_vpc_endpoints = delete_vpc_endpoints_response


def _patch_route_table_deletion() -> None:
    original_delete = RouteBackend.delete_route_table

    def delete_route_table(self: RouteBackend, route_table_id: str) -> None:
        original_delete(self, route_table_id)
        for endpoint in self.vpc_end_points.values():  # type: ignore[attr-defined]
            if route_table_id in endpoint.route_table_ids:
                endpoint.route_table_ids = [table for table in endpoint.route_table_ids if table != route_table_id]

    RouteBackend.delete_route_table = delete_route_table
