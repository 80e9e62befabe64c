"""Make moto's slow resources honour the provisioning delays (``emulator.delays``).

With a delay of N seconds for their kind, resources created from then on
report an in-progress status for N seconds, then their ready status:

* RDS DB instances: ``DBInstanceStatus`` "creating", then "available";
  DB clusters: ``Status`` "creating", then "available" (kind ``rds``).
* NAT gateways: ``State`` "pending", then "available" (kind ``nat_gateway``).
* CloudFront distributions and invalidations (kind ``cloudfront``) follow the
  delay in their own fixes, after every create and update
  (``emulator.fixes.cloudfront_distributions``, ``cloudfront_invalidations``).
* ElastiCache replication groups (kind ``elasticache``) follow the delay in their
  own fix after every create, modify, replica count change and delete
  (``emulator.fixes.elasticache_replication_groups``).

Only a resource's ready status is masked: a stopped instance or a deleted
gateway reports what moto says.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.nat_gateways import NatGateway
from moto.rds.models import DBCluster, DBInstance

from emulator import delays

_applied = False


def _stamp_deadline_on_init(model: type, kind: str) -> None:
    """Make ``model.__init__`` record when the new resource is ready."""
    original_init = model.__init__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        self._appstack_ready_at = delays.provisioning_deadline(kind)

    model.__init__ = __init__


def _provisioning(resource: Any) -> bool:
    return delays.still_provisioning(getattr(resource, "_appstack_ready_at", None))


def _db_instance_status(self: DBInstance) -> str:
    # Serialized as DBInstanceStatus ahead of moto's `status`, which stays the truth.
    if self.status == "available" and _provisioning(self):
        return "creating"
    return self.status


def _patch_db_clusters() -> None:
    moto_status = DBCluster.status

    def status(self: DBCluster) -> str:
        if self._status in ("creating", "available") and _provisioning(self):
            # Moto answers "creating" once, then "available": spend that one
            # here so that the cluster is "available" once the delay is over.
            self._status = "available"
            return "creating"
        return moto_status.fget(self)

    DBCluster.status = property(status, moto_status.fset)


def _nat_gateway_state(self: NatGateway) -> str:
    state = self._appstack_state
    if state == "available" and _provisioning(self):
        return "pending"
    return state


def _set_nat_gateway_state(self: NatGateway, value: str) -> None:
    self._appstack_state = value


def apply() -> None:
    """Patch moto once."""
    global _applied
    if _applied:
        return
    _stamp_deadline_on_init(DBInstance, "rds")
    DBInstance.db_instance_status = property(_db_instance_status)
    _stamp_deadline_on_init(DBCluster, "rds")
    _patch_db_clusters()
    _stamp_deadline_on_init(NatGateway, "nat_gateway")
    NatGateway.state = property(_nat_gateway_state, _set_nat_gateway_state)
    _applied = True
