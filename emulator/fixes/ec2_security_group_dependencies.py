"""A security group that another group's rule names, or that a network interface uses, cannot be deleted.

AWS (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteSecurityGroup.html): "If you attempt to
delete a security group that is associated with an instance or network interface, is referenced by another
security group in the same VPC, or has a VPC association, the operation fails with ``DependencyViolation``."

Moto 5.2.5 deletes any group at once, and the rules of the other groups keep naming it. Without this fix, a
teardown that deletes the environment's groups in the wrong order passes on the emulator (and then fails to revoke
the dangling rules of the groups left), while AWS refuses the first deletion: the teardown must revoke the groups'
rules that name each other first, as it does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from moto.ec2.exceptions import DependencyViolationError
from moto.ec2.models import EC2Backend


def _referencing_groups(backend: EC2Backend, group_id: str) -> list[str]:
    referencing = []
    for groups in backend.groups.values():
        for group in groups.values():
            if group.id == group_id:
                continue
            rules = list(group.ingress_rules) + list(group.egress_rules)
            if any((rule.source_group or {}).get("GroupId") == group_id for rule in rules):
                referencing.append(group.id)
    return referencing


def _interfaces_using(backend: EC2Backend, group_id: str) -> list[str]:
    return [eni.id for eni in list(backend.enis.values()) if any(group.id == group_id for group in eni.group_set)]


def _refusing_dependents(delete: Callable[..., Any]) -> Callable[..., Any]:
    def delete_security_group(self: EC2Backend, name: str | None = None, group_id: str | None = None) -> Any:
        if group_id and (_referencing_groups(self, group_id) or _interfaces_using(self, group_id)):
            raise DependencyViolationError(f"resource {group_id} has a dependent object")
        return delete(self, name=name, group_id=group_id)

    return delete_security_group


def apply() -> None:
    # Wraps what is in place when applied, so that another fix of the same method keeps its part.
    EC2Backend.delete_security_group = _refusing_dependents(EC2Backend.delete_security_group)
