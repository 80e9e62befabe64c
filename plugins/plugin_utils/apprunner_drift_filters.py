"""The App Runner drift filters' implementation (plugins/filter/apprunner_drift.py documents and registers them).

They plan with the modules' own functions, from the module_utils files that hold the modules' planning and import
nothing of botocore: Ansible imports every filter file of a collection, and what it imports, in the process of every
task to find one filter by name.
"""

from ansible_collections.appstack.aws.plugins.module_utils import apprunner_auto_scaling_plan as scaling_plan
from ansible_collections.appstack.aws.plugins.module_utils import apprunner_observability_plan as observability
from ansible_collections.appstack.aws.plugins.module_utils import apprunner_service_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils import apprunner_vpc_connector_plan as connector_plan
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_drift import service_from_ansible
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    ACTIVE,
    latest_active_revision,
    name_arn,
    parse_revision_arn,
    superseded_revisions,
)
from ansible_collections.appstack.aws.plugins.plugin_utils.drift import converted_options, tag_differences

# The service module's options that its argument spec converts, by group (None: the top level).
SERVICE_INTEGERS = {
    "source": ("port",),
    "health_check": ("interval", "timeout", "healthy_threshold", "unhealthy_threshold"),
    None: ("wait_timeout",),
}
SERVICE_BOOLEANS = {
    "source": ("auto_deployments_enabled",),
    "network": ("is_publicly_accessible",),
    "observability": ("enabled",),
    None: ("start_deployment", "wait", "purge_tags"),
}
SERVICE_DEFAULTS = {
    "state": "present",
    "start_deployment": False,
    "wait": True,
    "wait_timeout": 1200,
    "purge_tags": True,
}
# The option of the service module that sets each configuration group UpdateService sends.
SERVICE_GROUPS = {
    "SourceConfiguration": "source",
    "InstanceConfiguration": "instance",
    "HealthCheckConfiguration": "health_check",
    "NetworkConfiguration": "network",
    "ObservabilityConfiguration": "observability",
    "AutoScalingConfigurationArn": "auto_scaling_configuration_arn",
}
SCALING_INTEGERS = ("min_size", "max_size", "max_concurrency")
# The argument specs' defaults; the options without one are None when left out, as AnsibleModule makes them.
SCALING_DEFAULTS = {
    "state": "present",
    "min_size": None,
    "max_size": None,
    "max_concurrency": None,
    "purge_revisions": False,
    "tags": None,
    "purge_tags": True,
}
CONNECTOR_DEFAULTS = {"state": "present", "subnets": None, "security_groups": None, "tags": None, "purge_tags": True}


# The options, as the modules' argument specs would convert them


def _with_defaults(wanted, defaults):
    """The argument spec's defaults fill options left out; an option given as null stays null, as there."""
    return {**defaults, **wanted}


def service_params(wanted):
    params = converted_options(_with_defaults(wanted, SERVICE_DEFAULTS), SERVICE_INTEGERS[None], SERVICE_BOOLEANS[None])
    for group in ("source", "instance", "health_check", "network", "observability"):
        if params.get(group) is not None:
            params[group] = converted_options(
                params[group], SERVICE_INTEGERS.get(group, ()), SERVICE_BOOLEANS.get(group, ())
            )
    return params


def scaling_params(wanted):
    return converted_options(
        _with_defaults(wanted, SCALING_DEFAULTS), SCALING_INTEGERS, ("purge_revisions", "purge_tags")
    )


def connector_params(wanted):
    params = converted_options(_with_defaults(wanted, CONNECTOR_DEFAULTS), booleans=("purge_tags",))
    # As the module's main(): an empty list of security groups is not compared.
    params["security_groups"] = params["security_groups"] or None
    return params


def _failures(what, problems):
    return [f"{what}: the module would fail: {problem}" for problem in problems]


def _active_named(items, name_key, name):
    return [item for item in items or [] if item.get(name_key) == name and item.get("status", ACTIVE) == ACTIVE]


def _revisioned_opening(what, problems, active, revision_key, state, deletion):
    """How the drift of a resource App Runner keeps in revisions opens: with options the module refuses, with
    state absent, or with nothing to compare, that is the whole answer. (answer, None) then; else (None, the
    latest active revision), for the caller to compare."""
    if problems:
        return _failures(what, problems), None
    if state == "absent":
        return ([f"{what} exists; the module would {deletion}"] if active else []), None
    latest = latest_active_revision(active, revision_key)
    if latest is None:
        return [f"{what} does not exist"], None
    return None, latest


# Services


def _leaves(value, path=""):
    """A nested dict as {dotted path: value}, to name the fields of a group that differ.

    An empty map has no leaf: App Runner reports no variables as no map, and the module compares them so.
    """
    if not isinstance(value, dict):
        return {path: value}
    leaves = {}
    for key, item in value.items():
        leaves.update(_leaves(item, f"{path}.{key}" if path else key))
    return leaves


def _differing_fields(current, changed):
    if not isinstance(changed, dict):
        return []
    before, after = _leaves(current or {}), _leaves(changed)
    return sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))


def _latest_auto_scaling(params, configurations):
    """The module's resolve_auto_scaling_configuration, on a read: (params, a sentence when it can't be done).

    An ARN that ends with the name means the latest active revision; the module looks it up and compares that.
    An ARN ending with name/revision compares as that revision already (``plan.arn_matches``).
    """
    asked = params.get("auto_scaling_configuration_arn")
    parts = parse_revision_arn(asked)
    if not parts or parts["id"] or parts["revision"] is not None:
        return params, None
    if configurations is None:
        return params, (
            f"auto_scaling_configuration_arn {asked} means the latest revision of {parts['name']}, and no read of the"
            " auto scaling configurations was given to tell which revision that is"
        )
    revisions = [c for c in configurations if name_arn(c.get("auto_scaling_configuration_arn")) == parts["name_arn"]]
    latest = latest_active_revision(
        _active_named(revisions, "auto_scaling_configuration_name", parts["name"]),
        "auto_scaling_configuration_revision",
    )
    if latest:
        params = dict(params, auto_scaling_configuration_arn=latest["auto_scaling_configuration_arn"])
    return params, None


def _settling(what, service, params):
    """What the module would wait for before it compares: an operation in progress, when it waits."""
    if params["wait"] and service.get("status") == "OPERATION_IN_PROGRESS":
        return [f"{what} has an operation in progress; the module waits for it to end, then compares"]
    return []


def _step_differences(what, current, status, steps, changes):
    """A sentence for each step plan_steps found, but the tag step, which tag_differences names."""
    found = []
    if plan.RESUME in steps:
        found.append(f"{what} is {status}; the module resumes it")
    if plan.UPDATE in steps:
        if status == "CREATE_FAILED":
            found.append(f"{what} is CREATE_FAILED; the module rebuilds it with UpdateService")
        for key in sorted(changes):
            fields = _differing_fields(current.get(key), changes[key])
            detail = f" ({', '.join(fields)})" if fields and isinstance(changes[key], dict) else ""
            found.append(f"{what}: {SERVICE_GROUPS[key]} differs{detail}")
    if plan.DEPLOY in steps:
        found.append(f"{what}: start_deployment deploys its image again")
    if plan.PAUSE in steps:
        found.append(f"{what}: the module pauses it {'again after the change' if status == 'PAUSED' else ''}".strip())
    return found


def apprunner_service_drift(services, wanted, auto_scaling_configurations=None):
    """What appstack.aws.apprunner_service would change on, or wait for, the service (empty: nothing)."""
    params = service_params(wanted)
    name = params["name"]
    what = f"the App Runner service {name}"
    problems = plan.validate(params)
    if problems:
        return _failures(what, problems)
    live = [service for service in services or [] if service.get("status") != "DELETED"]
    service = next((service for service in live if service.get("service_name") == name), None)
    if params["state"] == "absent":
        return [f"{what} exists; the module would delete it"] if service else []
    if service is None:
        return [f"{what} does not exist"]

    found = _settling(what, service, params)
    params, unresolved = _latest_auto_scaling(params, auto_scaling_configurations)
    if unresolved:
        found.append(f"{what}: {unresolved}")
    current = service_from_ansible(service)
    try:
        changes = plan.plan_update(current, params)[0]
    except AnsibleAppRunnerError as e:
        return found + _failures(what, [e.message])
    tags = tag_differences(what, service.get("tags"), params)
    status = current.get("Status")
    steps = plan.plan_steps(status, params["state"], bool(changes), params["start_deployment"], bool(tags))
    sections = plan.current_sections(current)
    return found + _step_differences(what, sections, status, steps, changes) + tags


# Auto scaling configurations


def _setting_differences(current, params):
    desired = scaling_plan.desired_settings(current, params)
    settings = scaling_plan.settings_of(current)
    return [
        f"{option} is {settings[option]}, not {desired[option]}"
        for option in desired
        if desired[option] != settings[option]
    ]


def apprunner_auto_scaling_drift(configurations, wanted):
    """What appstack.aws.apprunner_auto_scaling_configuration would change (empty: nothing)."""
    params = scaling_params(wanted)
    name = params["name"]
    what = f"the App Runner auto scaling configuration {name}"
    revisions = _active_named(configurations, "auto_scaling_configuration_name", name)
    answer, latest = _revisioned_opening(
        what,
        scaling_plan.validate(params),
        revisions,
        "auto_scaling_configuration_revision",
        params["state"],
        "delete every revision of it",
    )
    if answer is not None:
        return answer

    found = []
    settings = _setting_differences(latest, params)
    if settings:
        found.append(f"{what}: {', '.join(settings)}; the module creates a new revision")
    found.extend(tag_differences(what, latest.get("tags"), params))
    if params["purge_revisions"]:
        superseded = superseded_revisions(revisions, "auto_scaling_configuration_revision", latest)
        unused = [r for r in superseded if not r.get("is_default") and not r.get("has_associated_service")]
        if unused:
            numbers = sorted(r["auto_scaling_configuration_revision"] for r in unused)
            found.append(f"{what}: the module deletes the superseded revisions no service uses, {numbers}")
    return found


# VPC connectors


def apprunner_vpc_connector_drift(connectors, wanted):
    """What appstack.aws.apprunner_vpc_connector would change (empty: nothing)."""
    params = connector_params(wanted)
    name = params["name"]
    what = f"the App Runner VPC connector {name}"
    active = _active_named(connectors, "vpc_connector_name", name)
    answer, current = _revisioned_opening(
        what, connector_plan.validate(params), active, "vpc_connector_revision", params["state"], "delete it"
    )
    if answer is not None:
        return answer

    found = []
    for option in ("subnets", "security_groups"):
        if not connector_plan.same_set(current.get(option), params[option]):
            found.append(
                f"{what}: {option} are {sorted(current.get(option) or [])}, not {sorted(params[option])}; the module"
                " replaces the connector (and fails, changing nothing, while a service uses it)"
            )
    return found + tag_differences(what, current.get("tags"), params)


def apprunner_observability_drift(configurations, wanted):
    """What appstack.aws.apprunner_observability_configuration would change (empty: nothing), for
    purge_revisions false: a new revision when the tracing differs from the latest active one, else the tags."""
    params = converted_options(
        {"state": "present", "trace_vendor": None, "purge_tags": True, **wanted}, booleans=("purge_tags",)
    )
    name = params["name"]
    what = f"the App Runner observability configuration {name}"
    active = _active_named(configurations, "observability_configuration_name", name)
    answer, current = _revisioned_opening(
        what,
        observability.validate(params),
        active,
        "observability_configuration_revision",
        params["state"],
        "delete it",
    )
    if answer is not None:
        return answer
    if observability.needs_new_revision(current, params["trace_vendor"]):
        return [f"{what}: the tracing differs; the module creates a new revision"]
    return tag_differences(what, current.get("tags"), params)
