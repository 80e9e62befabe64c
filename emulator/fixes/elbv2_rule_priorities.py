"""SetRulePriorities can reorder the rules of a listener in one call.

AWS: ``SetRulePriorities`` sets the priorities of several rules at once; "you can
reorder the rules as long as there are no priority conflicts in the new order"
(https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_SetRulePriorities.html):
swapping the priorities of two rules in one call succeeds.

Moto 5.2.5 checks each new priority against the current priorities of every rule,
the rules being moved included, so a swap fails with ``PriorityInUse``: amazon.aws
``elb_application_lb`` fails on every run after two rules trade priorities.
"""

from __future__ import annotations

from typing import Any

from moto.elbv2.models import ELBv2Backend


def apply() -> None:
    original = ELBv2Backend.set_rule_priorities

    def set_rule_priorities(self: ELBv2Backend, rule_priorities: list[dict[str, Any]]) -> Any:
        # The rules being moved give up their priorities first; the other rules of the listener still conflict.
        moved = [
            rule
            for item in rule_priorities
            for rule in self.describe_rules(listener_arn=None, rule_arns=[item["RuleArn"]])[:1]
        ]
        previous = [(rule, rule.priority) for rule in moved]
        for rule in moved:
            rule.priority = None
        try:
            return original(self, rule_priorities)
        except Exception:
            for rule, priority in previous:
                rule.priority = priority
            raise

    ELBv2Backend.set_rule_priorities = set_rule_priorities
