# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.ecs_task_definition, as pure functions: the options checked (the Fargate CPU and
memory table included), the RegisterTaskDefinition request, and the comparison of two task definitions.

A task definition revision is immutable: a change registers a new revision of the family. So the request is
compared with the family's latest ACTIVE revision in a canonical form in which the defaults ECS fills in when it
stores a revision are spelled out on both sides (a container is essential with cpu 0; a port mapping is tcp,
and under awsvpc or host its hostPort is its containerPort; a health check runs every 30 s with a 5 s timeout and
3 retries; the runtime platform is Linux on x86_64; 20 GiB is the default ephemeral storage), environment
variables and secrets are sets keyed by name, containers are keyed by name, and empty values are dropped. Two
definitions that ECS would store alike therefore compare equal, and a re-run registers nothing.

It imports nothing of botocore, so role filters can use FARGATE_CPU_MEMORY and fargate_cpu_memory_problem.
"""

import re
from copy import deepcopy

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

# Fargate task CPU (units) -> the task memory values (MiB) Fargate accepts with it (Amazon ECS Developer Guide,
# "Task CPU and memory", Linux containers on Fargate).
FARGATE_CPU_MEMORY = {
    256: (512, 1024, 2048),
    512: tuple(range(1024, 4096 + 1, 1024)),
    1024: tuple(range(2048, 8192 + 1, 1024)),
    2048: tuple(range(4096, 16384 + 1, 1024)),
    4096: tuple(range(8192, 30720 + 1, 1024)),
    8192: tuple(range(16384, 61440 + 1, 4096)),
    16384: tuple(range(32768, 122880 + 1, 8192)),
}

NETWORK_MODES = ["awsvpc", "bridge", "host", "none"]
COMPATIBILITIES = ["FARGATE", "EC2", "EXTERNAL", "MANAGED_INSTANCES"]
CPU_ARCHITECTURES = ["X86_64", "ARM64"]

# What ECS stores when these are left out (API reference: ContainerDefinition, PortMapping, HealthCheck,
# RuntimePlatform, EphemeralStorage).
CONTAINER_DEFAULTS = {"essential": True, "cpu": 0}
DEFAULT_PROTOCOL = "tcp"
HOST_PORT_IS_CONTAINER_PORT = ("awsvpc", "host")
HEALTH_CHECK_DEFAULTS = {"interval": 30, "timeout": 5, "retries": 3}
RUNTIME_PLATFORM_DEFAULTS = {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"}
DEFAULT_EPHEMERAL_STORAGE_GIB = 20
EPHEMERAL_STORAGE_GIB = (21, 200)
# Container settings ECS takes as integers.
CONTAINER_INT_KEYS = ("cpu", "memory", "memoryReservation", "startTimeout", "stopTimeout")
HEALTH_CHECK_INT_KEYS = ("interval", "timeout", "retries", "startPeriod")

# The RegisterTaskDefinition parameters the module manages; a new revision carries no other.
MANAGED_KEYS = (
    "family",
    "containerDefinitions",
    "networkMode",
    "requiresCompatibilities",
    "cpu",
    "memory",
    "executionRoleArn",
    "taskRoleArn",
    "runtimePlatform",
    "volumes",
    "ephemeralStorage",
)
# Option -> RegisterTaskDefinition parameter, for the task settings an unset option keeps from the latest revision.
KEPT_WHEN_UNSET = {
    "execution_role_arn": "executionRoleArn",
    "task_role_arn": "taskRoleArn",
    "volumes": "volumes",
}
# Keys of the returned task definition whose values are user data: their keys stay as they are.
USER_KEYED = ["options", "dockerLabels", "labels", "driverOpts", "tags"]

# Family and container names: up to 255 letters, numbers, hyphens and underscores (RegisterTaskDefinition).
NAME = re.compile(r"^[A-Za-z0-9_-]{1,255}$")
VCPU = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*vcpu\s*$", re.IGNORECASE)
GB = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*gb\s*$", re.IGNORECASE)


def _units(value, pattern):
    """An integer amount from an int, a numeric string, or '<n> vCPU' / '<n> GB' (times 1024); None if invalid."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip()
    if text.isdigit():
        return int(text)
    match = pattern.match(text)
    if match:
        amount = float(match.group(1)) * 1024
        return int(amount) if amount.is_integer() else None
    return None


def cpu_units(value):
    """Task CPU in units (1024 per vCPU) from 512, '512' or '0.5 vCPU'; None when it is none of those."""
    return _units(value, VCPU)


def memory_mib(value):
    """Task memory in MiB from 2048, '2048' or '2 GB'; None when it is none of those."""
    return _units(value, GB)


def fargate_cpu_memory_problem(cpu, memory, cpu_name="cpu", memory_name="memory"):
    """The problem with a task CPU and memory pair under Fargate, naming the variables; None when Fargate takes it."""
    units, mib = cpu_units(cpu), memory_mib(memory)
    if units not in FARGATE_CPU_MEMORY:
        allowed = ", ".join(str(value) for value in FARGATE_CPU_MEMORY)
        return f"{cpu_name} must be one of the Fargate task CPU values {allowed} (units, 1024 per vCPU), not {cpu!r}."
    allowed_memory = FARGATE_CPU_MEMORY[units]
    if mib not in allowed_memory:
        if len(allowed_memory) <= 3:
            allowed = ", ".join(str(value) for value in allowed_memory)
        else:
            step = allowed_memory[1] - allowed_memory[0]
            allowed = f"{allowed_memory[0]} to {allowed_memory[-1]} in steps of {step}"
        return f"{memory_name} must be {allowed} (MiB) with {cpu_name} {units} under Fargate, not {memory!r}."
    return None


def _int_or_none(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _port_problems(option, mapping, network_mode):
    problems = []
    container_port = _int_or_none(mapping.get("containerPort"))
    if container_port is None or not 1 <= container_port <= 65535:
        problems.append(f"{option}.containerPort must be a port from 1 to 65535, not {mapping.get('containerPort')!r}.")
    if mapping.get("hostPort") is not None:
        host_port = _int_or_none(mapping["hostPort"])
        lowest = 0 if network_mode == "bridge" else 1
        if host_port is None or not lowest <= host_port <= 65535:
            problems.append(f"{option}.hostPort must be a port from {lowest} to 65535, not {mapping['hostPort']!r}.")
        elif network_mode in HOST_PORT_IS_CONTAINER_PORT and host_port != container_port:
            problems.append(
                f"{option}.hostPort must be left out or equal to containerPort under network_mode {network_mode}."
            )
    return problems


def _container_problems(index, container, params):
    option = f"containers[{index}]"
    fargate = "FARGATE" in (params.get("requires_compatibilities") or [])
    problems = []
    if not NAME.match(str(container.get("name") or "")):
        problems.append(
            f"{option}.name must be 1 to 255 letters, numbers, hyphens and underscores, not {container.get('name')!r}."
        )
    if not container.get("image"):
        problems.append(f"{option}.image is required.")
    for key in CONTAINER_INT_KEYS:
        if container.get(key) is not None and _int_or_none(container[key]) is None:
            problems.append(f"{option}.{key} must be an integer, not {container[key]!r}.")
    for number, mapping in enumerate(container.get("portMappings") or []):
        problems += _port_problems(f"{option}.portMappings[{number}]", mapping, params.get("network_mode"))
    for key, required in (("environment", ("name",)), ("secrets", ("name", "valueFrom"))):
        entries = container.get(key) or []
        for number, entry in enumerate(entries):
            missing = [field for field in required if not entry.get(field)]
            if missing:
                problems.append(f"{option}.{key}[{number}] needs {' and '.join(missing)}.")
        names = [entry.get("name") for entry in entries]
        repeated = sorted({name for name in names if name and names.count(name) > 1})
        if repeated:
            problems.append(f"{option}.{key} names must be unique; repeated: {', '.join(repeated)}.")
    if fargate and container.get("privileged"):
        problems.append(f"{option}.privileged must not be true: Fargate does not run privileged containers.")
    return problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    if not NAME.match(params["family"] or ""):
        problems.append(f"family must be 1 to 255 letters, numbers, hyphens and underscores, not {params['family']!r}.")
    if params.get("revision") is not None and params["revision"] < 1:
        problems.append(f"revision must be at least 1, not {params['revision']}.")
    if params["state"] == "absent":
        return problems

    containers = params.get("containers") or []
    if not containers:
        problems.append("containers must list at least one container.")
    for index, container in enumerate(containers):
        problems += _container_problems(index, container, params)
    names = [container.get("name") for container in containers]
    repeated = sorted({str(name) for name in names if name and names.count(name) > 1})
    if repeated:
        problems.append(f"containers names must be unique; repeated: {', '.join(repeated)}.")

    if params.get("cpu") is not None and cpu_units(params["cpu"]) is None:
        problems.append(f"cpu must be CPU units (such as 512) or vCPUs (such as '0.5 vCPU'), not {params['cpu']!r}.")
    if params.get("memory") is not None and memory_mib(params["memory"]) is None:
        problems.append(f"memory must be MiB (such as 1024) or GB (such as '1 GB'), not {params['memory']!r}.")
    if "FARGATE" in (params.get("requires_compatibilities") or []):
        if params.get("network_mode") != "awsvpc":
            problems.append(f"network_mode must be awsvpc under Fargate, not {params.get('network_mode')!r}.")
        if params.get("cpu") is None or params.get("memory") is None:
            problems.append("cpu and memory are required under Fargate.")
        elif cpu_units(params["cpu"]) is not None and memory_mib(params["memory"]) is not None:
            problem = fargate_cpu_memory_problem(params["cpu"], params["memory"])
            if problem:
                problems.append(problem)
    storage = params.get("ephemeral_storage")
    low, high = EPHEMERAL_STORAGE_GIB
    if storage is not None and storage != DEFAULT_EPHEMERAL_STORAGE_GIB and not low <= storage <= high:
        problems.append(
            f"ephemeral_storage must be {low} to {high} GiB ({DEFAULT_EPHEMERAL_STORAGE_GIB}, the default,"
            f" sets none), not {storage}."
        )
    return problems


def _env_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else str(value)


def container_to_api(container):
    """A container of the containers option as RegisterTaskDefinition takes it: None values dropped, the integer
    settings and ports as integers, environment values as strings."""
    api = {key: deepcopy(value) for key, value in container.items() if value is not None}
    for key in CONTAINER_INT_KEYS:
        if key in api:
            api[key] = int(api[key])
    for mapping in api.get("portMappings") or []:
        for key in ("containerPort", "hostPort"):
            if mapping.get(key) is not None:
                mapping[key] = int(mapping[key])
    for key in HEALTH_CHECK_INT_KEYS:
        if (api.get("healthCheck") or {}).get(key) is not None:
            api["healthCheck"][key] = int(api["healthCheck"][key])
    for entry in api.get("environment") or []:
        entry["value"] = _env_value(entry.get("value", ""))
    return api


def _cpu_text(value):
    units = cpu_units(value)
    return str(units) if units is not None else value


def _memory_text(value):
    mib = memory_mib(value)
    return str(mib) if mib is not None else value


def desired_definition(current, params):
    """The RegisterTaskDefinition parameters (tags aside) that give the family what params ask for.

    :param current: the family's latest ACTIVE revision as DescribeTaskDefinition returns it, None when none
    :param params: the module's options; execution_role_arn, task_role_arn, volumes, cpu, memory,
        runtime_platform and ephemeral_storage left unset keep the current revision's values
    """
    current = current or {}
    request = {
        "family": params["family"],
        "containerDefinitions": [container_to_api(container) for container in params["containers"]],
        "networkMode": params["network_mode"],
        "requiresCompatibilities": list(params["requires_compatibilities"]),
    }
    for option, key in KEPT_WHEN_UNSET.items():
        value = params.get(option)
        value = deepcopy(current.get(key)) if value is None else value
        if value not in (None, "", []):
            request[key] = deepcopy(value)
    for option, convert in (("cpu", _cpu_text), ("memory", _memory_text)):
        value = params.get(option)
        request_value = convert(value) if value is not None else current.get(option)
        if request_value is not None:
            request[option] = request_value
    platform = params.get("runtime_platform")
    if platform is not None:
        request["runtimePlatform"] = {
            key: value
            for key, value in (
                ("cpuArchitecture", platform.get("cpu_architecture")),
                ("operatingSystemFamily", platform.get("operating_system_family")),
            )
            if value is not None
        }
    elif current.get("runtimePlatform"):
        request["runtimePlatform"] = deepcopy(current["runtimePlatform"])
    storage = params.get("ephemeral_storage")
    if storage is None:
        storage = (current.get("ephemeralStorage") or {}).get("sizeInGiB")
    if storage and storage != DEFAULT_EPHEMERAL_STORAGE_GIB:
        request["ephemeralStorage"] = {"sizeInGiB": storage}
    return request


def _pruned(value):
    """value without None, empty lists and empty dicts, at any depth."""
    if isinstance(value, dict):
        pruned = {key: _pruned(item) for key, item in value.items()}
        return {key: item for key, item in pruned.items() if item not in (None, [], {})}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value


def _port_mapping(mapping, network_mode):
    canonical = {"protocol": DEFAULT_PROTOCOL, **mapping}
    for key in ("containerPort", "hostPort"):
        if canonical.get(key) is not None:
            canonical[key] = int(canonical[key])
    if network_mode in HOST_PORT_IS_CONTAINER_PORT and canonical.get("hostPort") is None:
        canonical["hostPort"] = canonical.get("containerPort")
    return canonical


def _canonical_container(container, network_mode):
    canonical = {**CONTAINER_DEFAULTS, **container_to_api(container)}
    canonical["portMappings"] = sorted(
        (_port_mapping(mapping, network_mode) for mapping in canonical.get("portMappings") or []),
        key=lambda mapping: (mapping.get("containerPort") or 0, mapping["protocol"], mapping.get("hostPort") or 0),
    )
    for key in ("environment", "secrets"):
        canonical[key] = sorted(canonical.get(key) or [], key=lambda entry: entry.get("name") or "")
    if canonical.get("healthCheck"):
        canonical["healthCheck"] = {**HEALTH_CHECK_DEFAULTS, **canonical["healthCheck"]}
    return _pruned(canonical)


def canonical_definition(definition):
    """A task definition (the request, or a revision as ECS returns it) in the form two are compared in, reduced
    to the settings the module manages (MANAGED_KEYS)."""
    network_mode = definition.get("networkMode") or "bridge"
    storage = (definition.get("ephemeralStorage") or {}).get("sizeInGiB")
    canonical = {
        "family": definition.get("family"),
        "networkMode": network_mode,
        "requiresCompatibilities": sorted(definition.get("requiresCompatibilities") or []),
        "cpu": _cpu_text(definition.get("cpu")),
        "memory": _memory_text(definition.get("memory")),
        "executionRoleArn": definition.get("executionRoleArn") or None,
        "taskRoleArn": definition.get("taskRoleArn") or None,
        "runtimePlatform": {**RUNTIME_PLATFORM_DEFAULTS, **(definition.get("runtimePlatform") or {})},
        "volumes": sorted(
            (_pruned(volume) for volume in definition.get("volumes") or []), key=lambda v: v.get("name") or ""
        ),
        "ephemeralStorage": {"sizeInGiB": storage} if storage and storage != DEFAULT_EPHEMERAL_STORAGE_GIB else None,
        "containerDefinitions": {
            container.get("name"): _canonical_container(container, network_mode)
            for container in definition.get("containerDefinitions") or []
        },
    }
    return _pruned(canonical)


def definition_differences(current, desired):
    """The managed settings that differ between two task definitions, sorted (a container as containers.NAME)."""
    before, after = canonical_definition(current or {}), canonical_definition(desired)
    differences = []
    for key in sorted(set(before) | set(after)):
        if key == "containerDefinitions":
            old, new = before.get(key, {}), after.get(key, {})
            differences += [
                f"containers.{name}" for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)
            ]
        elif before.get(key) != after.get(key):
            differences.append(key)
    return differences


def predicted_definition(request, revision):
    """The revision RegisterTaskDefinition would create from request (check mode): its ARN is unknown."""
    return {**deepcopy(request), "revision": revision, "taskDefinitionArn": None, "status": "ACTIVE"}


def definition_to_result(definition, tags):
    """A task definition (as ECS returns it, dates as strings, or a predicted one) as the modules return it:
    snake_case keys (user-keyed maps such as log options kept as they are), arn and tags as a dict."""
    result = camel_dict_to_snake_dict(deepcopy(definition), ignore_list=USER_KEYED)
    result["arn"] = definition.get("taskDefinitionArn")
    result["tags"] = dict(tags or {})
    return result


def definition_view(definition, tags):
    """A task definition and its tags as the diff shows them ({} for none): the managed settings in the canonical
    form they are compared in (ECS's defaults filled in, containers by name, environment and secrets by name), so
    that the diff shows only what differs."""
    if not definition:
        return {}
    canonical = canonical_definition(definition)
    containers = canonical.pop("containerDefinitions", {})
    canonical["containerDefinitions"] = [containers[name] for name in sorted(containers)]
    view = camel_dict_to_snake_dict(canonical, ignore_list=USER_KEYED)
    view["revision"] = definition.get("revision")
    view["tags"] = dict(tags or {})
    return view
