"""Security group rules for protocols without ports (GRE, ESP, ...) cover all ports, as on AWS.

AWS: a rule's ``IpProtocol`` is a name (``tcp``, ``udp``, ``icmp``, ``icmpv6``) or
any protocol number; "if you specify a protocol other than tcp, udp, icmp, or
icmpv6, traffic on all ports is allowed, regardless of any ports you specify"
(https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html).
Such a rule needs no ``FromPort``/``ToPort``, and ``DescribeSecurityGroups``
reports it without them, like a ``-1`` (all protocols) rule.

Moto 5.2.5 converts the ports of every protocol but ``-1`` to integers, so
authorizing a GRE rule (``IpProtocol: "47"``) without ports fails with an HTTP
500 (``int(None)``), and one sent with ports reports them back. amazon.aws
``ec2_security_group`` sends numbered protocols without ports, so creating a group
with a GRE rule fails.
"""

from __future__ import annotations

from typing import Any

from moto.ec2.models.security_groups import SecurityGroupRule

# Protocols whose rules have a port range (TCP, UDP) or ICMP type/code, by name and by number.
PROTOCOLS_WITH_PORTS = frozenset({"tcp", "6", "udp", "17", "icmp", "1", "icmpv6", "58"})


def has_ports(ip_protocol: Any) -> bool:
    return str(ip_protocol).lower() in PROTOCOLS_WITH_PORTS


def apply() -> None:
    original_init = SecurityGroupRule.__init__

    def init_ignoring_ports(
        self: SecurityGroupRule,
        ec2_backend: Any,
        ip_protocol: str,
        group_id: str,
        from_port: str | None,
        to_port: str | None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if ip_protocol and not has_ports(ip_protocol):
            # AWS ignores the ports of such a rule; moto would convert them (None fails).
            from_port = to_port = "-1"
        original_init(self, ec2_backend, ip_protocol, group_id, from_port, to_port, *args, **kwargs)
        if self.ip_protocol and not has_ports(self.ip_protocol):
            self.from_port = self.to_port = None

    SecurityGroupRule.__init__ = init_ignoring_ports
