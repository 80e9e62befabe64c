"""Make moto's slow resources honour the provisioning delays (``emulator.delays``).

With a delay of N seconds for their kind, resources created from then on
report an in-progress status for N seconds, then their ready status:

* RDS DB instances: ``DBInstanceStatus`` "creating", then "available";
  DB clusters: ``Status`` "creating", then "available" (kind ``rds``).
* NAT gateways: ``State`` "pending", then "available" (kind ``nat_gateway``).
* CloudFront distributions: ``Status`` "InProgress", then "Deployed", through
  moto's state manager (kind ``cloudfront``). With no delay moto's default
  stands: "InProgress" in the create response, "Deployed" when next read.

Only a resource's ready status is masked: a stopped instance or a deleted
gateway reports what moto says.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.nat_gateways import NatGateway
from moto.moto_api import state_manager
from moto.rds.models import DBCluster, DBInstance

from emulator import delays

CLOUDFRONT_MODEL = "cloudfront::distribution"

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


def sync_cloudfront_transition() -> None:
    """Point moto's state manager at the current CloudFront delay."""
    seconds = delays.seconds_for("cloudfront")
    if seconds > 0:
        state_manager.set_transition(CLOUDFRONT_MODEL, {"progression": "time", "seconds": seconds})
    else:
        state_manager.unset_transition(CLOUDFRONT_MODEL)


def apply() -> None:
    """Patch moto once; the CloudFront transition then follows every delay change."""
    global _applied
    if _applied:
        return
    _stamp_deadline_on_init(DBInstance, "rds")
    DBInstance.db_instance_status = property(_db_instance_status)
    _stamp_deadline_on_init(DBCluster, "rds")
    _patch_db_clusters()
    _stamp_deadline_on_init(NatGateway, "nat_gateway")
    NatGateway.state = property(_nat_gateway_state, _set_nat_gateway_state)
    # CloudFront distributions already have a managed state; only its timing changes.
    delays.add_listener(sync_cloudfront_transition)
    sync_cloudfront_transition()
    _applied = True
