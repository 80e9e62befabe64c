# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Planning of appstack.aws.apprunner_service (and the results of its _info twin): pure functions, no API call.

It checks the module's options, turns them into CreateService and UpdateService requests, compares
them with a described service, orders the steps a change takes (``plan_steps``) and predicts the
service a change leads to. It works on boto3-shaped dicts (CamelCase, as DescribeService returns
them), so a request section and the matching section of a described service compare directly.
The API calls and waits are in ``apprunner.py``; this file imports nothing of botocore, since the
apprunner_service_drift filter plans with it and Ansible imports every filter file (and what it uses)
in the process of every task.

App Runner replaces a configuration section (SourceConfiguration, InstanceConfiguration, ...) as a
whole on UpdateService. An update therefore sends only the sections that differ, each one complete:
the described section with the asked values merged in. Options left unset keep their current value.
"""

import copy
import json
import re

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import AnsibleAppRunnerError, name_problems
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems

# vCPU units and memory MiB that App Runner accepts, with the memory sizes each CPU size allows.
CPU_MEMORY = {
    "256": ("512", "1024"),
    "512": ("1024",),
    "1024": ("2048", "3072", "4096"),
    "2048": ("4096", "6144"),
    "4096": ("8192", "10240", "12288"),
}
CPU_UNITS = tuple(CPU_MEMORY)
MEMORY_MIB = ("512", "1024", "2048", "3072", "4096", "6144", "8192", "10240", "12288")
# What a new service gets when cpu, memory or port are not set.
DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_PORT = "1024", "2048", "8080"

SECRET_ARN = re.compile(
    r"^arn:aws[\w-]*:(secretsmanager:[a-z0-9-]+:\d{12}:secret:|ssm:[a-z0-9-]+:\d{12}:parameter/)\S+$"
)
HEALTH_CHECK_LIMITS = {
    "interval": (1, 20),
    "timeout": (1, 20),
    "healthy_threshold": (1, 20),
    "unhealthy_threshold": (1, 20),
}
# Maps whose keys are the user's own (environment variable names): kept as they are, replaced as a whole.
USER_MAPS = ("RuntimeEnvironmentVariables", "RuntimeEnvironmentSecrets")
SECTIONS = (
    "SourceConfiguration",
    "InstanceConfiguration",
    "HealthCheckConfiguration",
    "NetworkConfiguration",
    "ObservabilityConfiguration",
)
PUBLIC_ECR_PREFIX = "public.ecr.aws/"
# ARNs given without revision that match any revision of that resource (path in the sections).
REVISIONED_ARNS = (
    ("NetworkConfiguration", "EgressConfiguration", "VpcConnectorArn"),
    ("ObservabilityConfiguration", "ObservabilityConfigurationArn"),
)

# The steps of plan_steps: App Runner operation types, and the tag change, which is no operation.
CREATE, UPDATE, DEPLOY = "CREATE_SERVICE", "UPDATE_SERVICE", "START_DEPLOYMENT"
PAUSE, RESUME, DELETE = "PAUSE_SERVICE", "RESUME_SERVICE", "DELETE_SERVICE"
TAG = "TAG_RESOURCE"


# Normalisation and validation


def normalize_cpu(value):
    """CPU as App Runner's vCPU units ("1024"), from "1024", 1024, "1 vCPU" or "1vcpu"; ValueError otherwise."""
    text = str(value).strip().lower().replace(" ", "")
    try:
        units = round(float(text[:-4]) * 1024) if text.endswith("vcpu") else int(text)
    except ValueError:
        units = None
    if str(units) not in CPU_UNITS:
        raise ValueError(
            f"instance.cpu must be one of {', '.join(CPU_UNITS)} (vCPU units) or 0.25|0.5|1|2|4 vCPU; got {value!r}."
        )
    return str(units)


def normalize_memory(value):
    """Memory in MiB ("2048"), from "2048", 2048, "2 GB" or "2048 MB"; ValueError otherwise."""
    text = str(value).strip().lower().replace(" ", "")
    try:
        mib = round(float(text[:-2]) * 1024) if text.endswith("gb") else int(text.removesuffix("mb"))
    except ValueError:
        mib = None
    if str(mib) not in MEMORY_MIB:
        raise ValueError(
            f"instance.memory must be one of {', '.join(MEMORY_MIB)} (MB) or 0.5|1|2|3|4|6|8|10|12 GB; got {value!r}."
        )
    return str(mib)


def check_cpu_memory(cpu, memory):
    if memory not in CPU_MEMORY[cpu]:
        allowed = ", ".join(CPU_MEMORY[cpu])
        raise ValueError(
            f"instance.memory {memory} MB is not allowed with instance.cpu {cpu}; App Runner allows {allowed}."
        )


def _options(params, group):
    return params.get(group) or {}


def validate(params):
    """Check the options before any API call; returns a list of messages naming the option and what is allowed."""
    errors = name_problems(params["name"], 40)
    source, instance = _options(params, "source"), _options(params, "instance")
    health, network = _options(params, "health_check"), _options(params, "network")
    observability = _options(params, "observability")
    if source.get("port") is not None and not 1 <= source["port"] <= 65535:
        errors.append(f"source.port must be between 1 and 65535; got {source['port']}.")
    for key, value in (source.get("runtime_environment_secrets") or {}).items():
        if str(value).startswith("arn:") and not SECRET_ARN.match(str(value)):
            errors.append(
                f"source.runtime_environment_secrets.{key} must be the ARN of a Secrets Manager secret"
                " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME[:JSON_KEY::]) or of an SSM parameter"
                f" (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME), or an SSM parameter name; got {value!r}."
            )
    cpu = memory = None
    try:
        cpu = normalize_cpu(instance["cpu"]) if instance.get("cpu") is not None else None
    except ValueError as e:
        errors.append(str(e))
    try:
        memory = normalize_memory(instance["memory"]) if instance.get("memory") is not None else None
    except ValueError as e:
        errors.append(str(e))
    if cpu and memory:
        try:
            check_cpu_memory(cpu, memory)
        except ValueError as e:
            errors.append(str(e))
    for option, (low, high) in HEALTH_CHECK_LIMITS.items():
        value = health.get(option)
        if value is not None and not low <= value <= high:
            errors.append(f"health_check.{option} must be between {low} and {high}; got {value}.")
    if health.get("path") is not None and not health["path"].startswith("/"):
        errors.append(f"health_check.path must start with /; got {health['path']!r}.")
    if network.get("egress_type") == "DEFAULT" and network.get("vpc_connector_arn"):
        errors.append("network.vpc_connector_arn needs network.egress_type=VPC (or unset); got egress_type=DEFAULT.")
    if observability.get("enabled") is False and observability.get("configuration_arn"):
        errors.append("observability.configuration_arn needs observability.enabled=true (or unset); got enabled=false.")
    errors.extend(wait_timeout_problems(params.get("wait_timeout")))
    return errors


def _env_value(value):
    return str(value).lower() if isinstance(value, bool) else str(value)


def _compact(mapping):
    return {key: value for key, value in mapping.items() if value is not None}


def image_repository_type(image_identifier):
    return "ECR_PUBLIC" if image_identifier.startswith(PUBLIC_ECR_PREFIX) else "ECR"


# Requests


def desired_sections(params):
    """The sections the options ask for, boto3-shaped, with only the values that were set."""
    source, instance = _options(params, "source"), _options(params, "instance")
    health, network = _options(params, "health_check"), _options(params, "network")
    observability = _options(params, "observability")
    sections = {}

    env = source.get("runtime_environment_variables")
    secrets = source.get("runtime_environment_secrets")
    image_configuration = _compact(
        {
            "Port": str(source["port"]) if source.get("port") is not None else None,
            "StartCommand": source.get("start_command"),
            "RuntimeEnvironmentVariables": None if env is None else {k: _env_value(v) for k, v in env.items()},
            "RuntimeEnvironmentSecrets": None if secrets is None else {k: str(v) for k, v in secrets.items()},
        }
    )
    repository_type = source.get("image_repository_type")
    if repository_type is None and source.get("image_identifier"):
        repository_type = image_repository_type(source["image_identifier"])
    image_repository = _compact(
        {
            "ImageIdentifier": source.get("image_identifier"),
            "ImageRepositoryType": repository_type,
            "ImageConfiguration": image_configuration or None,
        }
    )
    access_role = source.get("access_role_arn")
    source_configuration = _compact(
        {
            "ImageRepository": image_repository or None,
            "AutoDeploymentsEnabled": source.get("auto_deployments_enabled"),
            "AuthenticationConfiguration": {"AccessRoleArn": access_role} if access_role else None,
        }
    )
    if source_configuration:
        sections["SourceConfiguration"] = source_configuration

    instance_configuration = _compact(
        {
            "Cpu": normalize_cpu(instance["cpu"]) if instance.get("cpu") is not None else None,
            "Memory": normalize_memory(instance["memory"]) if instance.get("memory") is not None else None,
            "InstanceRoleArn": instance.get("instance_role_arn"),
        }
    )
    if instance_configuration:
        sections["InstanceConfiguration"] = instance_configuration

    health_check = _compact(
        {
            "Protocol": health.get("protocol"),
            "Path": health.get("path"),
            "Interval": health.get("interval"),
            "Timeout": health.get("timeout"),
            "HealthyThreshold": health.get("healthy_threshold"),
            "UnhealthyThreshold": health.get("unhealthy_threshold"),
        }
    )
    if health_check:
        sections["HealthCheckConfiguration"] = health_check

    egress_type = network.get("egress_type")
    if egress_type is None and network.get("vpc_connector_arn"):
        egress_type = "VPC"
    egress = _compact({"EgressType": egress_type, "VpcConnectorArn": network.get("vpc_connector_arn")})
    public = network.get("is_publicly_accessible")
    network_configuration = _compact(
        {
            "EgressConfiguration": egress or None,
            "IngressConfiguration": None if public is None else {"IsPubliclyAccessible": public},
            "IpAddressType": network.get("ip_address_type"),
        }
    )
    if network_configuration:
        sections["NetworkConfiguration"] = network_configuration

    enabled = observability.get("enabled")
    if enabled is None and observability.get("configuration_arn"):
        enabled = True
    if enabled is not None:
        sections["ObservabilityConfiguration"] = _compact(
            {"ObservabilityEnabled": enabled, "ObservabilityConfigurationArn": observability.get("configuration_arn")}
        )

    if params.get("auto_scaling_configuration_arn"):
        sections["AutoScalingConfigurationArn"] = params["auto_scaling_configuration_arn"]
    return sections


def _tidy(sections):
    """Drop what App Runner ignores or refuses in a consistent request; check what a request needs."""
    network = sections.get("NetworkConfiguration", {})
    egress = network.get("EgressConfiguration", {})
    if egress.get("EgressType") == "DEFAULT":
        egress.pop("VpcConnectorArn", None)
    elif egress.get("EgressType") == "VPC" and not egress.get("VpcConnectorArn"):
        raise AnsibleAppRunnerError(message="network.egress_type=VPC needs network.vpc_connector_arn")
    observability = sections.get("ObservabilityConfiguration", {})
    if observability.get("ObservabilityEnabled") is False:
        observability.pop("ObservabilityConfigurationArn", None)
    elif observability and not observability.get("ObservabilityConfigurationArn"):
        raise AnsibleAppRunnerError(message="observability.enabled=true needs observability.configuration_arn")
    instance = sections.get("InstanceConfiguration", {})
    if instance.get("Cpu") and instance.get("Memory"):
        try:
            check_cpu_memory(normalize_cpu(instance["Cpu"]), normalize_memory(instance["Memory"]))
        except ValueError as e:
            raise AnsibleAppRunnerError(message=str(e)) from e
    return sections


def create_request(params, tags):
    """The CreateService request (kwargs), or an error naming what a new service needs."""
    sections = copy.deepcopy(desired_sections(params))
    image = sections.get("SourceConfiguration", {}).get("ImageRepository", {})
    if not image.get("ImageIdentifier"):
        raise AnsibleAppRunnerError(
            message=f"App Runner service {params['name']} does not exist; creating it needs source.image_identifier"
        )
    source = sections["SourceConfiguration"]
    if image["ImageRepositoryType"] == "ECR" and not source.get("AuthenticationConfiguration"):
        raise AnsibleAppRunnerError(
            message="An image in a private ECR repository needs source.access_role_arn, a role App Runner assumes to pull it"
        )
    request = {"ServiceName": params["name"], **_tidy(sections)}
    if params.get("encryption_kms_key"):
        request["EncryptionConfiguration"] = {"KmsKey": params["encryption_kms_key"]}
    if tags:
        request["Tags"] = tags
    return request


def predicted_new_service(request, state):
    """The service CreateService is expected to make (what only AWS knows, such as the ARN, is missing)."""
    service = {key: copy.deepcopy(value) for key, value in request.items() if key not in ("Tags",)}
    service["Status"] = "PAUSED" if state == "paused" else "RUNNING"
    service["InstanceConfiguration"] = {
        "Cpu": DEFAULT_CPU,
        "Memory": DEFAULT_MEMORY,
        **request.get("InstanceConfiguration", {}),
    }
    image_configuration = service["SourceConfiguration"]["ImageRepository"].setdefault("ImageConfiguration", {})
    image_configuration.setdefault("Port", DEFAULT_PORT)
    asc = service.pop("AutoScalingConfigurationArn", None)
    service["AutoScalingConfigurationSummary"] = {"AutoScalingConfigurationArn": asc} if asc else {}
    return service


# Comparing with the described service


def arn_matches(asked, current):
    """An ARN given without revision (name only, or name/revision) matches the revision App Runner reports."""
    return bool(current) and (asked == current or current.startswith(asked.rstrip("/") + "/"))


def _dig(mapping, path):
    for key in path:
        mapping = (mapping or {}).get(key)
    return mapping


def _merge(current, asked):
    merged = copy.deepcopy(current) if isinstance(current, dict) else {}
    for key, value in asked.items():
        if isinstance(value, dict) and key not in USER_MAPS:
            merged[key] = _merge(merged.get(key), value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _normalized(section):
    """A section as compared: CPU and memory in units, ports as strings, empty maps as missing."""
    section = copy.deepcopy(section or {})
    if section.get("Cpu"):
        section["Cpu"] = normalize_cpu(section["Cpu"])
    if section.get("Memory"):
        section["Memory"] = normalize_memory(section["Memory"])
    image_configuration = section.get("ImageRepository", {}).get("ImageConfiguration", {})
    if image_configuration.get("Port") is not None:
        image_configuration["Port"] = str(image_configuration["Port"])
    for key in USER_MAPS:
        if image_configuration.get(key) == {}:
            image_configuration.pop(key)
    return section


def current_sections(service):
    sections = {key: copy.deepcopy(service.get(key) or {}) for key in SECTIONS}
    sections["AutoScalingConfigurationArn"] = (service.get("AutoScalingConfigurationSummary") or {}).get(
        "AutoScalingConfigurationArn"
    )
    return sections


def check_replaceable(service, params):
    """Refuse a change App Runner can't make to an existing service, saying how to replace the service."""
    name = service["ServiceName"]
    replace = (
        f"To change it, replace the service: delete it with state=absent and create it again (its URL changes),"
        f" or create a new service under another name, move traffic to it, then delete {name}."
    )
    asked_key = params.get("encryption_kms_key")
    current_key = (service.get("EncryptionConfiguration") or {}).get("KmsKey")
    if asked_key and asked_key != current_key:
        raise AnsibleAppRunnerError(
            message=(
                f"encryption_kms_key can't change after App Runner service {name} is created: it is encrypted with"
                f" {current_key or 'an AWS owned key'}, and {asked_key} was asked. {replace}"
            )
        )
    if params.get("source") and (service.get("SourceConfiguration") or {}).get("CodeRepository"):
        raise AnsibleAppRunnerError(
            message=(
                f"App Runner service {name} deploys from a source code repository, and App Runner can't switch a"
                f" service to an ECR image. {replace}"
            )
        )


def plan_update(service, params):
    """(UpdateService sections that differ, each complete; the service expected afterwards).

    An empty dict of sections means the service already is as asked.
    """
    check_replaceable(service, params)
    asked = desired_sections(params)
    current = current_sections(service)
    for *parents, key in REVISIONED_ARNS:
        asked_parent, current_arn = _dig(asked, parents), _dig(current, [*parents, key])
        if asked_parent and asked_parent.get(key) and arn_matches(asked_parent[key], current_arn):
            asked_parent[key] = current_arn

    changes = {}
    for key in SECTIONS:
        if key in asked:
            merged = _tidy({key: _merge(current[key], asked[key])})[key]
            if _normalized(merged) != _normalized(current[key]):
                changes[key] = _normalized(merged) if key == "InstanceConfiguration" else merged
    if service.get("Status") == "CREATE_FAILED" and not changes:
        # App Runner rebuilds a service that failed to create on UpdateService (after the cause is fixed).
        changes["SourceConfiguration"] = _merge(current["SourceConfiguration"], asked.get("SourceConfiguration", {}))
    asked_asc = asked.get("AutoScalingConfigurationArn")
    if asked_asc and not arn_matches(asked_asc, current["AutoScalingConfigurationArn"]):
        changes["AutoScalingConfigurationArn"] = asked_asc
    if "InstanceConfiguration" in changes:
        _tidy({"InstanceConfiguration": changes["InstanceConfiguration"]})

    predicted = copy.deepcopy(service)
    for key, value in changes.items():
        if key == "AutoScalingConfigurationArn":
            predicted["AutoScalingConfigurationSummary"] = {"AutoScalingConfigurationArn": value}
        else:
            predicted[key] = copy.deepcopy(value)
    return changes, predicted


# Steps


def plan_steps(status, state, settings_differ, start_deployment, tags_differ=False):
    """The steps that bring the service to what was asked, in the order they must run.

    :param status: the service's status now, None when there is no service
    :param state: the O(state) option
    :param settings_differ: whether an UpdateService is needed (plan_update found changes)
    :param start_deployment: the O(start_deployment) option
    :param tags_differ: whether the tags must change
    :return: a list of steps: TAG and the operation types CREATE, UPDATE, DEPLOY, RESUME, PAUSE, DELETE

    App Runner updates and deploys only a running service: a paused one is resumed for it, then paused
    again unless state=running. An update deploys already, so start_deployment adds no deployment to it.
    A new service gets its tags with CreateService; an existing one's change before any operation.
    """
    if state == "absent":
        return [DELETE] if status is not None else []
    if status is None:
        return [CREATE, PAUSE] if state == "paused" else [CREATE]
    work = [UPDATE] if settings_differ else [DEPLOY] if start_deployment else []
    paused = status == "PAUSED"
    stay_paused = state == "paused" or (state == "present" and paused)
    steps = [TAG] if tags_differ else []
    if paused and (work or not stay_paused):
        steps.append(RESUME)
    steps.extend(work)
    if stay_paused and (work or not paused):
        steps.append(PAUSE)
    return steps


def operations_of(steps):
    """The steps that are App Runner operations (all but the tag change)."""
    return [step for step in steps if step != TAG]


def status_after(steps, status):
    """The service's status once the steps have run."""
    operations = operations_of(steps)
    if not operations:
        return status
    return {PAUSE: "PAUSED", DELETE: "DELETED"}.get(operations[-1], "RUNNING")


def operation_failure_message(service_name, operation, service):
    """Why an operation that ended FAILED or rolled back fails the task, and what to do about it."""
    service_status = (service or {}).get("Status", "gone")
    message = (
        f"App Runner operation {operation['Type']} {operation['Id']} on service {service_name} ended"
        f" {operation['Status']}; the service is {service_status}."
    )
    if operation["Status"] == "ROLLBACK_SUCCEEDED":
        message += " App Runner rolled it back to its previous configuration; its logs tell why."
    elif service_status == "CREATE_FAILED":
        message += " Fix the cause (see its logs) and run the task again: an update rebuilds it."
    return message


# Results


def _iso_date(value):
    """Dates as ISO 8601 text, for json.dumps: boto3 returns datetimes, and the modules return them as text."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def resource_to_ansible(resource, force_tags=True, nested_transforms=None):
    """A described resource as a snake_case dict, made as amazon.aws's boto3_resource_to_ansible_dict makes it.

    That function's module imports botocore, which the drift filters that use this file must not import. Dates
    become ISO 8601 text, a Tags list becomes a ``tags`` dict ({} without one, when force_tags), and the value of
    each key of nested_transforms is converted by its own function instead of snake-cased.
    """
    nested_transforms = nested_transforms or {}
    result = json.loads(json.dumps(resource, default=_iso_date))
    for key, transform in nested_transforms.items():
        if key in result:
            result[key] = transform(result[key])
    snake = camel_dict_to_snake_dict(result, ignore_list=list(nested_transforms))
    if "Tags" in resource:
        snake["tags"] = boto3_tag_list_to_ansible_dict(resource["Tags"])
    elif force_tags:
        snake["tags"] = {}
    return snake


def _snake_keeping_user_maps(value):
    """snake_case keys, level by level, leaving the content of USER_MAPS (variable names) as it is."""
    if not isinstance(value, dict):
        return value
    snake = camel_dict_to_snake_dict(value, ignore_list=list(value))
    return {
        snake_key: snake[snake_key] if key in USER_MAPS else _snake_keeping_user_maps(snake[snake_key])
        for key, snake_key in zip(value, snake, strict=True)
    }


def service_to_ansible(service, tags=None):
    """A described service as a snake_case dict; environment variable names keep their case.

    The tags come from tags, else from the service's Tags list (``apprunner.get_service``), else are {}.
    """
    if not service:
        return {}
    result = resource_to_ansible(service, nested_transforms={"SourceConfiguration": _snake_keeping_user_maps})
    if tags is not None:
        result["tags"] = tags
    return result


def operation_to_ansible(operation):
    return resource_to_ansible(operation, force_tags=False) if operation else {}
