"""Application load balancers answer HTTP at an emulator address, as the ECS tasks behind them would.

``ANY /_appstack/elbv2/http/<DNSName>/<path>`` (the query string is ignored) is answered by the load balancer
whose ``DNSName`` that is, in whatever account and Region. Its listeners are read HTTPS first: the first whose
default action forwards (a plain ``TargetGroupArn``, or the target group of ``ForwardConfig`` with the highest
weight) names the target groups (an HTTP listener that only redirects to HTTPS plays no part). The ECS service
registered with such a target group (``loadBalancers`` of CreateService or UpdateService) answers, as the image
its tasks run: the image of the container named in that ``loadBalancers`` entry, in the task definition of the
service's last deployment that completed (``emulator.fixes.ecs_services``). So answers follow deployments: the
old image answers while a deployment is in progress, and again after a circuit breaker rollback.

What an image answers is what App Runner images answer (``emulator.backends.apprunner.service_http``): ``/health``
and ``/ready`` 200, other paths 404, unless ``POST /_appstack/image-answers`` set other answers.

As an ALB does, it answers 503 when no target can take the request: the load balancer is still provisioning, no
listener forwards, or no ECS service behind it has completed a deployment with tasks to run. An unknown DNS name
answers 404.
"""

from __future__ import annotations

import json
from typing import Any

from moto.ecs.models import ecs_backends
from moto.elbv2.models import FakeLoadBalancer, elbv2_backends
from werkzeug.wrappers import Response

from emulator.backends.apprunner.service_http import image_response
from emulator.fixes import ecs_services


def respond(dns_name: str, path: str) -> Response:
    """The answer of the load balancer whose DNS name is ``dns_name`` to a request for ``path``."""
    found = _load_balancer(dns_name)
    if found is None:
        return _json({"error": f"no load balancer has the DNS name {dns_name!r}"}, 404)
    account_id, region, load_balancer = found
    load_balancer.activate()
    if load_balancer.state != "active":
        return _unavailable(dns_name, f"load balancer {load_balancer.name} is {load_balancer.state}")
    target_groups = _forwarded_target_groups(load_balancer)
    if not target_groups:
        return _unavailable(dns_name, f"no listener of load balancer {load_balancer.name} forwards to a target group")
    image = _serving_image(account_id, region, target_groups)
    if image is None:
        return _unavailable(
            dns_name,
            f"no healthy targets in {', '.join(arn.rsplit(':', 1)[-1] for arn in target_groups)}: no ECS service"
            " registered with them has completed a deployment with tasks to run",
        )
    return image_response(image, path)


def _load_balancer(dns_name: str) -> tuple[str, str, FakeLoadBalancer] | None:
    # Copies: another request may add an account or Region while this one looks.
    for account_id, regions in list(elbv2_backends.items()):
        for region, backend in list(regions.items()):
            for load_balancer in list(backend.load_balancers.values()):
                if load_balancer.dns_name.lower() == dns_name.lower():
                    return account_id, region, load_balancer
    return None


def _forwarded_target_groups(load_balancer: FakeLoadBalancer) -> list[str]:
    """The target groups the first forwarding listener sends requests to, the heaviest first (HTTPS read first)."""
    listeners = sorted(load_balancer.listeners.values(), key=lambda lst: (lst.protocol != "HTTPS", int(lst.port)))
    for listener in listeners:
        for action in listener.default_actions:
            target_groups = _forward_targets(action.data)
            if target_groups:
                return target_groups
    return []


def _forward_targets(action: dict[str, Any]) -> list[str]:
    if action.get("Type") != "forward":
        return []
    weighted = (action.get("ForwardConfig") or {}).get("TargetGroups") or []
    if weighted:
        ordered = sorted(weighted, key=lambda group: -int(group.get("Weight", 1)))
        return [group["TargetGroupArn"] for group in ordered if int(group.get("Weight", 1)) > 0]
    return [action["TargetGroupArn"]] if action.get("TargetGroupArn") else []


def _serving_image(account_id: str, region: str, target_groups: list[str]) -> str | None:
    backend = ecs_backends[account_id][region]
    for target_group in target_groups:
        for service in list(backend.services.values()):
            entry = next((lb for lb in service.load_balancers or [] if lb.get("targetGroupArn") == target_group), None)
            if entry is None or service.status != "ACTIVE" or not service.desired_count:
                continue
            task_definition_arn = ecs_services.serving_task_definition(service)
            if task_definition_arn is None:
                continue
            containers = backend.describe_task_definition(task_definition_arn).container_definitions
            container = next((c for c in containers if c.get("name") == entry.get("containerName")), containers[0])
            return container.get("image")
    return None


def _unavailable(dns_name: str, reason: str) -> Response:
    return _json({"error": reason, "dns_name": dns_name}, 503)


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
