"""Application load balancers report every attribute, and stay ``provisioning`` for the delay.

AWS: ``DescribeLoadBalancerAttributes`` returns every attribute of the load
balancer's type, with its default when it was never set
(https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeLoadBalancerAttributes.html,
defaults in
https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes):
``access_logs.s3.enabled`` "false", ``idle_timeout.timeout_seconds`` "60",
``routing.http.drop_invalid_header_fields.enabled`` "false", ``routing.http2.enabled`` "true",
``load_balancing.cross_zone.enabled`` "true" (always on for an application load balancer), and so on.

Moto 5.2.5 returns five of them, leaves out ``access_logs.s3.enabled`` and
``idle_timeout.timeout_seconds`` and says cross-zone is "false": amazon.aws
``elb_application_lb`` fails with a KeyError on ``access_logs_s3_enabled`` and a
module comparing attributes sees drift that AWS never reports.

AWS: a new load balancer is ``provisioning`` until it can route traffic, then
``active`` (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_LoadBalancerState.html).
Moto turns it ``active`` on the first describe; here it stays ``provisioning``
for the ``load_balancer`` provisioning delay (``emulator.delays``), so that a
module's wait can be exercised.

AWS: ``CanonicalHostedZoneId`` is the Route 53 zone of the region's load balancers
(https://docs.aws.amazon.com/general/latest/gr/elb.html, "Application Load Balancers");
moto answers "Z2P70J7EXAMPLE" everywhere, which no alias record accepts.

AWS: ``SslPolicy`` belongs to HTTPS and TLS listeners only
(https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html);
moto gives an HTTP listener ``ELBSecurityPolicy-2016-08``.
"""

from __future__ import annotations

from typing import Any

from moto.elbv2.models import FakeListener, FakeLoadBalancer

from emulator import delays

KIND = "load_balancer"

# Application load balancer hosted zones, by region (the AWS general reference, elb.html).
HOSTED_ZONE_IDS = {
    "us-east-1": "Z35SXDOTRQ7X7K",
    "us-east-2": "Z3AADJGX6KTTL2",
    "us-west-1": "Z368ELLRRE2KJ0",
    "us-west-2": "Z1H1FL5HABSF5",
    "eu-west-1": "Z32O12XQLNTSW2",
    "eu-west-2": "ZHURV8PSTC4K8",
    "eu-central-1": "Z215JYRZR1TBD5",
    "ap-northeast-1": "Z14GRHDCWA56QT",
    "ap-southeast-1": "Z1LMS91P8CMLE5",
}
TLS_PROTOCOLS = ("HTTPS", "TLS")

APPLICATION_DEFAULTS = {
    "access_logs.s3.enabled": "false",
    "access_logs.s3.bucket": "",
    "access_logs.s3.prefix": "",
    "client_keep_alive.seconds": "3600",
    "connection_logs.s3.enabled": "false",
    "connection_logs.s3.bucket": "",
    "connection_logs.s3.prefix": "",
    "deletion_protection.enabled": "false",
    "idle_timeout.timeout_seconds": "60",
    "load_balancing.cross_zone.enabled": "true",
    "routing.http.desync_mitigation_mode": "defensive",
    "routing.http.drop_invalid_header_fields.enabled": "false",
    "routing.http.preserve_host_header.enabled": "false",
    "routing.http.x_amzn_tls_version_and_cipher_suite.enabled": "false",
    "routing.http.xff_client_port.enabled": "false",
    "routing.http.xff_header_processing.mode": "append",
    "routing.http2.enabled": "true",
    "waf.fail_open.enabled": "false",
    "zonal_shift.config.enabled": "false",
}


def apply() -> None:
    original_init = FakeLoadBalancer.__init__

    def __init__(self: FakeLoadBalancer, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        if self.type == "application":
            self.attrs = {**APPLICATION_DEFAULTS}
            region = self.arn.split(":")[3]
            self.canonical_hosted_zone_id = HOSTED_ZONE_IDS.get(region, self.canonical_hosted_zone_id)
        self._appstack_ready_at = delays.provisioning_deadline(KIND)

    original_activate = FakeLoadBalancer.activate

    def activate(self: FakeLoadBalancer) -> None:
        if delays.still_provisioning(getattr(self, "_appstack_ready_at", None)):
            return
        original_activate(self)

    FakeLoadBalancer.__init__ = __init__
    FakeLoadBalancer.activate = activate
    FakeListener.ssl_policy = property(_ssl_policy, _set_ssl_policy)


def _ssl_policy(self: FakeListener) -> str | None:
    return self._appstack_ssl_policy if self.protocol in TLS_PROTOCOLS else None


def _set_ssl_policy(self: FakeListener, value: str | None) -> None:
    self._appstack_ssl_policy = value
