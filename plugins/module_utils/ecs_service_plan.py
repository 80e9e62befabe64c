# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.ecs_service, as pure functions: the options checked, the CreateService request,
what an existing service must change (as UpdateService parameters), and the service as the modules return it.

Only the settings the user gave are compared, each in a canonical form: subnets, security groups and load
balancers are sets, a task definition named ``family:revision`` equals the ARN ECS reports, and the defaults ECS
applies (propagateTags ``NONE``, strategy ``ROLLING``, ECS Exec and managed tags off, a grace period of 0) are
spelled out. UpdateService replaces a whole network configuration, load balancer list or deployment
configuration, so what is sent for one of them is the service's current value with the options given laid over it.

It imports nothing of botocore.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems

# botocore's ecs model: LaunchType (what the module manages), PropagateTags, DeploymentStrategy (the ones this
# module supports), DeploymentLifecycleHookStage.
LAUNCH_TYPES = ["FARGATE"]
PROPAGATE_TAGS = ["NONE", "SERVICE", "TASK_DEFINITION"]
STRATEGIES = ["ROLLING", "BLUE_GREEN"]
LIFECYCLE_STAGES = [
    "RECONCILE_SERVICE",
    "PRE_SCALE_UP",
    "POST_SCALE_UP",
    "TEST_TRAFFIC_SHIFT",
    "POST_TEST_TRAFFIC_SHIFT",
    "PRODUCTION_TRAFFIC_SHIFT",
    "POST_PRODUCTION_TRAFFIC_SHIFT",
]

# What ECS reports when a setting was never set (API_Service.html, API_DeploymentConfiguration.html).
DEFAULTS = {
    "propagateTags": "NONE",
    "enableExecuteCommand": False,
    "enableECSManagedTags": False,
    "healthCheckGracePeriodSeconds": 0,
}
DEFAULT_STRATEGY = "ROLLING"
DEFAULT_ASSIGN_PUBLIC_IP = "DISABLED"

# CreateService serviceName: up to 255 letters, digits, hyphens and underscores.
SERVICE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
# A task definition as family:revision or as an ARN ending in task-definition/family:revision.
TASK_DEFINITION = re.compile(r"^(arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition/)?[A-Za-z0-9_-]{1,255}:\d+$")
BAKE_TIME_RANGE = (0, 1440)
PERCENT_RANGE = (0, 100)
CAPACITY_PROVIDER_WEIGHT_RANGE = (0, 1000)
CAPACITY_PROVIDER_BASE_RANGE = (0, 100000)
PORT_RANGE = (1, 65535)

# Options compared as they are: module option -> Service key.
SCALAR_SETTINGS = {
    "platform_version": "platformVersion",
    "health_check_grace_period_seconds": "healthCheckGracePeriodSeconds",
    "enable_execute_command": "enableExecuteCommand",
    "enable_ecs_managed_tags": "enableECSManagedTags",
    "propagate_tags": "propagateTags",
}
# The Service keys the diff shows (what the module manages).
CONFIG_KEYS = (
    "serviceName",
    "taskDefinition",
    "desiredCount",
    "launchType",
    "capacityProviderStrategy",
    "networkConfiguration",
    "loadBalancers",
    "deploymentConfiguration",
    *SCALAR_SETTINGS.values(),
)


def _without_none(values):
    return {key: value for key, value in values.items() if value is not None}


def _range_problem(option, value, bounds):
    low, high = bounds
    if value is not None and not low <= value <= high:
        return [f"{option} must be between {low} and {high}, not {value}."]
    return []


def _load_balancer_problems(index, balancer, strategy):
    option = f"load_balancers[{index}]"
    problems = _range_problem(f"{option}.container_port", balancer["container_port"], PORT_RANGE)
    advanced = balancer.get("advanced_configuration")
    if strategy == "BLUE_GREEN":
        missing = [
            key
            for key in ("alternate_target_group_arn", "production_listener_rule", "role_arn")
            if not (advanced or {}).get(key)
        ]
        if missing:
            problems.append(
                f"deployment_configuration.strategy=BLUE_GREEN needs {option}.advanced_configuration with"
                f" {', '.join(missing)}."
            )
    return problems


def _deployment_problems(deployment, load_balancers):
    problems = []
    for key in ("minimum_healthy_percent",):
        problems += _range_problem(f"deployment_configuration.{key}", deployment.get(key), PERCENT_RANGE)
    maximum = deployment.get("maximum_percent")
    if maximum is not None and maximum < 100:
        problems.append(f"deployment_configuration.maximum_percent must be at least 100, not {maximum}.")
    minimum = deployment.get("minimum_healthy_percent")
    if maximum is not None and minimum is not None and minimum > maximum:
        problems.append(
            "deployment_configuration.minimum_healthy_percent must not be above maximum_percent"
            f" ({minimum} > {maximum})."
        )
    problems += _range_problem(
        "deployment_configuration.bake_time_in_minutes", deployment.get("bake_time_in_minutes"), BAKE_TIME_RANGE
    )
    strategy = deployment.get("strategy")
    if strategy == "BLUE_GREEN" and load_balancers is not None and not load_balancers:
        problems.append("deployment_configuration.strategy=BLUE_GREEN needs load_balancers.")
    if strategy != "BLUE_GREEN" and (
        deployment.get("bake_time_in_minutes") is not None or deployment.get("lifecycle_hooks")
    ):
        problems.append(
            "deployment_configuration.bake_time_in_minutes and lifecycle_hooks apply to"
            " deployment_configuration.strategy=BLUE_GREEN only."
        )
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if not SERVICE_NAME.match(params["name"] or ""):
        problems.append(f"name must be 1 to 255 letters, digits, hyphens and underscores, not {params['name']!r}.")
    problems += wait_timeout_problems(params.get("wait_timeout"))
    if params["state"] == "absent":
        return problems
    task_definition = params.get("task_definition")
    if task_definition is not None and not TASK_DEFINITION.match(task_definition):
        problems.append(
            "task_definition must be family:revision (app-api-prod:12) or a task definition ARN, not"
            f" {task_definition!r}; a family alone would follow whatever revision is latest."
        )
    desired_count = params.get("desired_count")
    if desired_count is not None and desired_count < 0:
        problems.append(f"desired_count must be 0 or more, not {desired_count}.")
    grace = params.get("health_check_grace_period_seconds")
    if grace is not None and grace < 0:
        problems.append(f"health_check_grace_period_seconds must be 0 or more, not {grace}.")
    for index, item in enumerate(params.get("capacity_provider_strategy") or []):
        option = f"capacity_provider_strategy[{index}]"
        problems += _range_problem(f"{option}.weight", item.get("weight"), CAPACITY_PROVIDER_WEIGHT_RANGE)
        problems += _range_problem(f"{option}.base", item.get("base"), CAPACITY_PROVIDER_BASE_RANGE)
    network = params.get("network_configuration")
    if network is not None and network.get("subnets") is not None and not network["subnets"]:
        problems.append("network_configuration.subnets must name at least one subnet.")
    deployment = params.get("deployment_configuration") or {}
    load_balancers = params.get("load_balancers")
    for index, balancer in enumerate(load_balancers or []):
        problems += _load_balancer_problems(index, balancer, deployment.get("strategy"))
    problems += _deployment_problems(deployment, load_balancers)
    return problems


def creation_problems(params):
    """What a new service needs that an update doesn't (empty: none)."""
    missing = [option for option in ("task_definition", "desired_count") if params.get(option) is None]
    if params.get("network_configuration") is None or not params["network_configuration"].get("subnets"):
        missing.append("network_configuration.subnets")
    if missing:
        return [f"Creating service {params['name']} needs {', '.join(missing)}."]
    return []


# --- options to API shapes ------------------------------------------------------------------------------


def assign_public_ip_to_api(value):
    if value is None:
        return None
    return "ENABLED" if value else "DISABLED"


def load_balancer_to_api(balancer):
    api = _without_none(
        {
            "targetGroupArn": balancer["target_group_arn"],
            "containerName": balancer["container_name"],
            "containerPort": balancer["container_port"],
        }
    )
    advanced = balancer.get("advanced_configuration")
    if advanced:
        api["advancedConfiguration"] = _without_none(
            {
                "alternateTargetGroupArn": advanced.get("alternate_target_group_arn"),
                "productionListenerRule": advanced.get("production_listener_rule"),
                "testListenerRule": advanced.get("test_listener_rule"),
                "roleArn": advanced.get("role_arn"),
            }
        )
    return api


def capacity_provider_item_to_api(item):
    return _without_none(
        {"capacityProvider": item["capacity_provider"], "weight": item.get("weight"), "base": item.get("base")}
    )


def _lifecycle_hook_to_api(hook):
    return _without_none(
        {
            "hookTargetArn": hook["hook_target_arn"],
            "roleArn": hook["role_arn"],
            "lifecycleStages": list(hook["lifecycle_stages"]),
        }
    )


def deployment_configuration_to_api(deployment, current=None):
    """The deployment_configuration option as DeploymentConfiguration, laid over current (members not given keep
    their current values)."""
    api = deepcopy(current or {})
    breaker = deployment.get("circuit_breaker")
    if breaker:
        api["deploymentCircuitBreaker"] = {
            **api.get("deploymentCircuitBreaker", {}),
            **_without_none({"enable": breaker.get("enable"), "rollback": breaker.get("rollback")}),
        }
    api.update(
        _without_none(
            {
                "minimumHealthyPercent": deployment.get("minimum_healthy_percent"),
                "maximumPercent": deployment.get("maximum_percent"),
                "strategy": deployment.get("strategy"),
                "bakeTimeInMinutes": deployment.get("bake_time_in_minutes"),
            }
        )
    )
    if deployment.get("lifecycle_hooks") is not None:
        api["lifecycleHooks"] = [_lifecycle_hook_to_api(hook) for hook in deployment["lifecycle_hooks"]]
    return api


def network_configuration_to_api(network, current=None):
    """The network_configuration option as NetworkConfiguration, laid over current."""
    vpc = deepcopy((current or {}).get("awsvpcConfiguration") or {})
    vpc.update(
        _without_none(
            {
                "subnets": list(network["subnets"]) if network.get("subnets") is not None else None,
                "securityGroups": (
                    list(network["security_groups"]) if network.get("security_groups") is not None else None
                ),
                "assignPublicIp": assign_public_ip_to_api(network.get("assign_public_ip")),
            }
        )
    )
    vpc.setdefault("assignPublicIp", DEFAULT_ASSIGN_PUBLIC_IP)
    return {"awsvpcConfiguration": vpc}


def create_request(params):
    """The CreateService parameters for a new service (tags excluded: the caller adds them)."""
    request = {
        "cluster": params["cluster"],
        "serviceName": params["name"],
        "taskDefinition": params["task_definition"],
        "desiredCount": params["desired_count"],
        "networkConfiguration": network_configuration_to_api(params["network_configuration"]),
    }
    if params.get("capacity_provider_strategy"):
        request["capacityProviderStrategy"] = [
            capacity_provider_item_to_api(item) for item in params["capacity_provider_strategy"]
        ]
    else:
        request["launchType"] = params.get("launch_type") or "FARGATE"
    if params.get("load_balancers") is not None:
        request["loadBalancers"] = [load_balancer_to_api(balancer) for balancer in params["load_balancers"]]
    if params.get("deployment_configuration"):
        request["deploymentConfiguration"] = deployment_configuration_to_api(params["deployment_configuration"])
    for option, key in SCALAR_SETTINGS.items():
        if params.get(option) is not None:
            request[key] = params[option]
    return request


# --- comparison -------------------------------------------------------------------------------------------


def task_definition_matches(current_arn, wanted):
    """Whether the service's task definition (an ARN) is the one wanted (family:revision or an ARN)."""
    if not current_arn or not wanted:
        return current_arn == wanted
    if wanted.startswith("arn:"):
        return current_arn == wanted
    return current_arn.split(":task-definition/")[-1] == wanted


def _canonical_network(network):
    vpc = (network or {}).get("awsvpcConfiguration") or {}
    return {
        "subnets": sorted(vpc.get("subnets") or []),
        "securityGroups": sorted(vpc.get("securityGroups") or []),
        "assignPublicIp": vpc.get("assignPublicIp") or DEFAULT_ASSIGN_PUBLIC_IP,
    }


def _balancer_key(balancer):
    advanced = balancer.get("advancedConfiguration") or {}
    return (
        balancer.get("targetGroupArn") or "",
        balancer.get("loadBalancerName") or "",
        balancer.get("containerName") or "",
        balancer.get("containerPort") or 0,
        tuple(sorted(advanced.items())),
    )


def _canonical_load_balancers(balancers):
    return sorted(_balancer_key(balancer) for balancer in balancers or [])


def _canonical_strategy(items):
    return sorted((item["capacityProvider"], item.get("weight") or 0, item.get("base") or 0) for item in items or [])


def _canonical_deployment(deployment):
    canonical = deepcopy(deployment or {})
    canonical.setdefault("strategy", DEFAULT_STRATEGY)
    breaker = canonical.setdefault("deploymentCircuitBreaker", {})
    breaker.setdefault("enable", False)
    breaker.setdefault("rollback", False)
    if canonical.get("strategy") != "BLUE_GREEN":
        canonical.pop("bakeTimeInMinutes", None)
        canonical.pop("lifecycleHooks", None)
    return canonical


def _deployment_differs(current, wanted):
    """Whether the members of wanted (a DeploymentConfiguration laid over current) differ from current."""
    return _canonical_deployment(current) != _canonical_deployment(wanted)


def immutable_problems(service, params):
    """Options asking for what UpdateService cannot change, as messages (empty: none)."""
    problems = []
    current_launch_type = service.get("launchType")
    current_strategy = service.get("capacityProviderStrategy") or []
    if params.get("launch_type") and current_strategy:
        problems.append(
            f"launch_type={params['launch_type']} on a service that runs on a capacity provider strategy: this"
            " module does not switch a service between a launch type and capacity providers; delete the service"
            " (state=absent) and create it again, or keep capacity_provider_strategy."
        )
    elif params.get("launch_type") and current_launch_type and params["launch_type"] != current_launch_type:
        problems.append(
            f"launch_type cannot change from {current_launch_type} to {params['launch_type']} with UpdateService;"
            " delete the service (state=absent) and create it again."
        )
    if params.get("capacity_provider_strategy") and current_launch_type:
        problems.append(
            f"capacity_provider_strategy on a service that runs on the {current_launch_type} launch type: this"
            " module does not switch a service between a launch type and capacity providers; delete the service"
            " (state=absent) and create it again, or set launch_type."
        )
    return problems


def update_request(service, params):
    """The UpdateService parameters that bring an existing service to what params ask for.

    :param service: the service as DescribeServices returns it
    :return: a dict of UpdateService parameters without cluster and service; empty when nothing differs
             (forceNewDeployment alone when force_new_deployment is set)
    """
    request = {}
    wanted_task_definition = params.get("task_definition")
    if wanted_task_definition and not task_definition_matches(service.get("taskDefinition"), wanted_task_definition):
        request["taskDefinition"] = wanted_task_definition
    if (
        params.get("desired_count") is not None
        and not params.get("keep_desired_count")
        and params["desired_count"] != service.get("desiredCount")
    ):
        request["desiredCount"] = params["desired_count"]
    if params.get("capacity_provider_strategy") and service.get("capacityProviderStrategy"):
        wanted = [capacity_provider_item_to_api(item) for item in params["capacity_provider_strategy"]]
        if _canonical_strategy(wanted) != _canonical_strategy(service["capacityProviderStrategy"]):
            request["capacityProviderStrategy"] = wanted
    if params.get("network_configuration") is not None:
        wanted = network_configuration_to_api(params["network_configuration"], service.get("networkConfiguration"))
        if _canonical_network(wanted) != _canonical_network(service.get("networkConfiguration")):
            request["networkConfiguration"] = wanted
    if params.get("load_balancers") is not None:
        wanted = [load_balancer_to_api(balancer) for balancer in params["load_balancers"]]
        if _canonical_load_balancers(wanted) != _canonical_load_balancers(service.get("loadBalancers")):
            request["loadBalancers"] = wanted
    if params.get("deployment_configuration"):
        current = service.get("deploymentConfiguration") or {}
        wanted = deployment_configuration_to_api(params["deployment_configuration"], current)
        if _deployment_differs(current, wanted):
            request["deploymentConfiguration"] = wanted
    for option, key in SCALAR_SETTINGS.items():
        wanted = params.get(option)
        current = service.get(key)
        if current is None:
            current = DEFAULTS.get(key)
        if wanted is not None and wanted != current:
            request[key] = wanted
    if params.get("force_new_deployment"):
        request["forceNewDeployment"] = True
    return request


def apply_update(service, request):
    """The service as it is expected to be once UpdateService has taken request (for check mode and the diff)."""
    updated = deepcopy(service)
    for key, value in request.items():
        if key == "forceNewDeployment":
            continue
        if key == "taskDefinition" and not value.startswith("arn:") and service.get("taskDefinition"):
            prefix = service["taskDefinition"].split(":task-definition/")[0]
            value = f"{prefix}:task-definition/{value}"
        updated[key] = deepcopy(value)
    if request.get("capacityProviderStrategy") is not None:
        updated.pop("launchType", None)
    return updated


def predicted_service(request):
    """A new service as it is expected to be, from its CreateService request (check mode, diff)."""
    service = {key: deepcopy(value) for key, value in request.items() if key not in ("cluster", "tags")}
    service["status"] = "ACTIVE"
    return service


# --- results ----------------------------------------------------------------------------------------------


def primary_deployment(service):
    return next((d for d in (service or {}).get("deployments") or [] if d.get("status") == "PRIMARY"), None)


def config_view(service, tags):
    """The settings the module manages and the tags, snake_case, for the diff ({} for no service)."""
    if not service:
        return {}
    config = {key: deepcopy(service[key]) for key in CONFIG_KEYS if service.get(key) is not None}
    view = camel_dict_to_snake_dict(config)
    view["tags"] = dict(tags or {})
    return view


def service_to_result(service, tags):
    """A service (as DescribeServices returns it, dates as strings, or as predicted) as the modules return it:
    snake_case keys, tags as a dict, the primary deployment's rollout under ``rollout_state``; events left out."""
    result = camel_dict_to_snake_dict({key: value for key, value in service.items() if key not in ("tags", "events")})
    result["tags"] = dict(tags or {})
    primary = primary_deployment(service)
    if primary:
        result["rollout_state"] = primary.get("rolloutState")
        result["rollout_state_reason"] = primary.get("rolloutStateReason")
    return result
