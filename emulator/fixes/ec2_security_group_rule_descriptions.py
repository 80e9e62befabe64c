"""Updating a security group rule's description without one removes it; the update answers ``Return``, as on AWS.

AWS: ``UpdateSecurityGroupRuleDescriptionsIngress`` / ``...Egress`` replace the
description of each rule given; "you can remove a description for a security group
rule by omitting the description parameter in the request"; the response is
``Return`` ("Returns true if the request succeeds; otherwise, returns an error")
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsIngress.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_UpdateSecurityGroupRuleDescriptionsEgress.html).

Moto 5.2.5 answers both with an empty result, without ``Return``, which amazon.aws
``ec2_security_group`` reads to tell whether the descriptions changed: setting a
rule's ``rule_desc`` fails with ``KeyError: 'Return'``. And moto only ever sets a
description: a rule sent without one keeps its old description, so a rule whose
``rule_desc`` was dropped keeps reporting the old one.
"""

from __future__ import annotations

from collections.abc import Callable

from moto.core.responses import ActionResult
from moto.ec2.models.security_groups import SecurityGroupBackend, SecurityGroupRule
from moto.ec2.responses.security_groups import SecurityGroups

DESCRIPTION = "Description"


def _same_range(requested: dict[str, str], existing: dict[str, str]) -> bool:
    return any(key in existing and existing.get(key) == requested.get(key) for key in ("CidrIp", "CidrIpv6"))


def _same_group(requested: dict[str, str], existing: dict[str, str]) -> bool:
    return any(requested.get(key) and existing.get(key) == requested.get(key) for key in ("GroupId", "GroupName"))


def _replace_description(requested: dict[str, str], existing: dict[str, str]) -> None:
    if DESCRIPTION in requested:
        existing[DESCRIPTION] = requested[DESCRIPTION]
    else:
        existing.pop(DESCRIPTION, None)


def apply() -> None:
    _patch_description_update()
    _patch_update_responses()


def _patch_description_update() -> None:
    def update_description(
        self: SecurityGroupBackend, security_rule: SecurityGroupRule, rule: SecurityGroupRule
    ) -> None:
        """Give ``rule`` the description of the matching ``security_rule`` from the request, or none."""
        if security_rule.ip_range and _same_range(security_rule.ip_range, rule.ip_range):
            _replace_description(security_rule.ip_range, rule.ip_range)
        if security_rule.source_group and _same_group(security_rule.source_group, rule.source_group):
            _replace_description(security_rule.source_group, rule.source_group)

    SecurityGroupBackend._sg_update_description = update_description


def _patch_update_responses() -> None:
    for direction in ("ingress", "egress"):
        operation = f"update_security_group_rule_descriptions_{direction}"
        setattr(SecurityGroups, operation, _answering_return(getattr(SecurityGroups, operation)))


def _answering_return(original: Callable[[SecurityGroups], object]) -> Callable[[SecurityGroups], ActionResult]:
    def update_descriptions(self: SecurityGroups) -> ActionResult:
        original(self)  # raises the operation's errors; its empty result is replaced
        return ActionResult({"Return": True})

    return update_descriptions
