"""The App Runner drift filters against the modules themselves.

Each equivalence test runs an _info module and its resource module in check mode on the same botocore Stubber
responses, and asserts that the filter finds no difference exactly when the module reports no change.
"""

import copy
import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import botocore.session
import pytest
from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict
from ansible_collections.appstack.aws.plugins.filter.apprunner_drift import (
    FilterModule,
    apprunner_auto_scaling_drift,
    apprunner_observability_drift,
    apprunner_service_drift,
    apprunner_vpc_connector_drift,
)
from ansible_collections.appstack.aws.plugins.module_utils import apprunner_service_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_drift import camel_key, service_from_ansible
from ansible_collections.appstack.aws.plugins.modules import apprunner_auto_scaling_configuration as scaling_module
from ansible_collections.appstack.aws.plugins.modules import (
    apprunner_auto_scaling_configuration_info as scaling_info,
)
from ansible_collections.appstack.aws.plugins.modules import apprunner_service as service_module
from ansible_collections.appstack.aws.plugins.modules import apprunner_service_info as service_info
from ansible_collections.appstack.aws.plugins.modules import apprunner_vpc_connector as connector_module
from ansible_collections.appstack.aws.plugins.modules import apprunner_vpc_connector_info as connector_info
from ansible_collections.appstack.aws.plugins.plugin_utils.apprunner_drift_filters import scaling_params, service_params

REPO_ROOT = Path(__file__).resolve().parents[4]
ACCOUNT = "123456789012"
PREFIX = f"arn:aws:apprunner:us-east-1:{ACCOUNT}"
NOW = datetime(2026, 1, 1, tzinfo=UTC)
NAME = "smartscheduler-api-prod"
SERVICE_ID = "8fe1e10304f84fd2b0df550fe98a71fa"
SERVICE_ARN = f"{PREFIX}:service/{NAME}/{SERVICE_ID}"
IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.1"
ACCESS_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-apprunner-ecr-access"
INSTANCE_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-api-prod"
SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:smartscheduler/db/prod-AbCdEf:password::"
SCALING = "smartscheduler-backend"
SCALING_NAME_ARN = f"{PREFIX}:autoscalingconfiguration/{SCALING}"
CONNECTOR_NAME_ARN = f"{PREFIX}:vpcconnector/smartscheduler-backend-1"
CONNECTOR_ARN = f"{CONNECTOR_NAME_ARN}/1/{'c' * 32}"
TRACING_NAME_ARN = f"{PREFIX}:observabilityconfiguration/smartscheduler-tracing"
TRACING_ARN = f"{TRACING_NAME_ARN}/1/{'d' * 32}"
KMS_KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0f6e3c1a-8c2b-4f35-9d6e-2b1a0c3d4e5f"
# Variable names of every case: App Runner keeps them as given, and so must the round trip.
ENVIRONMENT = {"ASPNETCORE_ENVIRONMENT": "Production", "database_port": "5432", "MixedCase_Name": "x"}


def scaling_arn(revision):
    return f"{SCALING_NAME_ARN}/{revision}/{revision:032d}"


def tag_list(tags):
    return [{"Key": key, "Value": value} for key, value in tags.items()]


# Services


def described_service(status="RUNNING", **changes):
    """A service as DescribeService gives it, matching wanted_service()."""
    service = {
        "ServiceName": NAME,
        "ServiceId": SERVICE_ID,
        "ServiceArn": SERVICE_ARN,
        "ServiceUrl": "abcdefgh12.us-east-1.awsapprunner.com",
        "CreatedAt": NOW,
        "UpdatedAt": NOW,
        "Status": status,
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": IMAGE,
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {
                    "Port": "8080",
                    "RuntimeEnvironmentVariables": dict(ENVIRONMENT),
                    "RuntimeEnvironmentSecrets": {"DATABASE_PASSWORD": SECRET},
                },
            },
            "AutoDeploymentsEnabled": True,
            "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
        },
        "InstanceConfiguration": {"Cpu": "1024", "Memory": "2048", "InstanceRoleArn": INSTANCE_ROLE},
        "HealthCheckConfiguration": {
            "Protocol": "HTTP",
            "Path": "/health",
            "Interval": 10,
            "Timeout": 5,
            "HealthyThreshold": 1,
            "UnhealthyThreshold": 5,
        },
        "AutoScalingConfigurationSummary": {
            "AutoScalingConfigurationArn": scaling_arn(2),
            "AutoScalingConfigurationName": SCALING,
            "AutoScalingConfigurationRevision": 2,
        },
        "NetworkConfiguration": {
            "EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": CONNECTOR_ARN},
            "IngressConfiguration": {"IsPubliclyAccessible": True},
            "IpAddressType": "IPV4",
        },
        "ObservabilityConfiguration": {"ObservabilityEnabled": True, "ObservabilityConfigurationArn": TRACING_ARN},
    }
    service.update(changes)
    return service


def wanted_service(**changes):
    """The options a role gives appstack.aws.apprunner_service, as described_service() has them."""
    wanted = {
        "name": NAME,
        "state": "present",
        "source": {
            "image_identifier": IMAGE,
            "port": 8080,
            "runtime_environment_variables": dict(ENVIRONMENT),
            "runtime_environment_secrets": {"DATABASE_PASSWORD": SECRET},
            "auto_deployments_enabled": True,
            "access_role_arn": ACCESS_ROLE,
        },
        "instance": {"cpu": "1 vCPU", "memory": "2 GB", "instance_role_arn": INSTANCE_ROLE},
        "health_check": {
            "protocol": "HTTP",
            "path": "/health",
            "interval": 10,
            "timeout": 5,
            "healthy_threshold": 1,
            "unhealthy_threshold": 5,
        },
        "network": {"egress_type": "VPC", "vpc_connector_arn": CONNECTOR_NAME_ARN, "is_publicly_accessible": True},
        "observability": {"enabled": True, "configuration_arn": TRACING_NAME_ARN},
        "auto_scaling_configuration_arn": scaling_arn(2),
        "encryption_kms_key": None,
        "tags": {"Environment": "prod"},
        "purge_tags": True,
    }
    wanted.update(changes)
    return wanted


def with_source(**changes):
    return wanted_service(source={**wanted_service()["source"], **changes})


def scaling_read(latest_revision):
    """apprunner_auto_scaling_configuration_info's read of SCALING, its latest revision latest_revision."""
    return [
        {
            "auto_scaling_configuration_arn": scaling_arn(latest_revision),
            "auto_scaling_configuration_name": SCALING,
            "auto_scaling_configuration_revision": latest_revision,
            "latest": True,
            "status": "ACTIVE",
            "tags": {},
        }
    ]


def stub_service_reads(stubber, described, tags):
    summary = {"ServiceName": NAME, "ServiceArn": SERVICE_ARN, "ServiceId": SERVICE_ID, "Status": described["Status"]}
    stubber.add_response("list_services", {"ServiceSummaryList": [summary]}, {"MaxResults": 20})
    stubber.add_response("describe_service", {"Service": described}, {"ServiceArn": SERVICE_ARN})
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list(tags)}, {"ResourceArn": SERVICE_ARN})


def read_services(stubber, run_module, client, described, tags):
    """What apprunner_service_info returns for NAME, through the module and its JSON."""
    stub_service_reads(stubber, described, tags)
    rc, result = run_module(service_info, {"name": NAME}, client)
    assert rc == 0, result
    return result["services"]


def service_module_verdict(stubber, run_module, client, described, tags, wanted, latest_scaling_revision):
    """(rc, changed) of apprunner_service in check mode on the same service."""
    arn = wanted.get("auto_scaling_configuration_arn")
    if arn == SCALING_NAME_ARN:
        # The module looks up the latest revision a name ARN means, before reading the service.
        configuration = {
            "AutoScalingConfigurationArn": scaling_arn(latest_scaling_revision),
            "AutoScalingConfigurationName": SCALING,
            "AutoScalingConfigurationRevision": latest_scaling_revision,
            "Latest": True,
            "Status": "ACTIVE",
            "MinSize": 1,
            "MaxSize": 5,
            "MaxConcurrency": 100,
            "CreatedAt": NOW,
        }
        stubber.add_response(
            "describe_auto_scaling_configuration",
            {"AutoScalingConfiguration": configuration},
            {"AutoScalingConfigurationArn": arn},
        )
    stub_service_reads(stubber, described, tags)
    args = {key: value for key, value in wanted.items() if value is not None}
    rc, result = run_module(service_module, {**args, "_ansible_check_mode": True}, client)
    return rc, result.get("changed")


SERVICE_CASES = {
    "as asked": (described_service(), wanted_service()),
    "image left unset keeps the current one": (described_service(), with_source(image_identifier=None)),
    "another image": (described_service(), with_source(image_identifier=IMAGE.replace("1.4.1", "1.4.2"))),
    "port as a string": (described_service(), with_source(port="8080")),
    "another port": (described_service(), with_source(port="8081")),
    "a variable's value": (
        described_service(),
        with_source(runtime_environment_variables={**ENVIRONMENT, "database_port": "6543"}),
    ),
    "a variable's name in another case": (
        described_service(),
        with_source(runtime_environment_variables={**ENVIRONMENT, "DATABASE_PORT": "5432", "database_port": None}),
    ),
    "a variable less": (
        described_service(),
        with_source(runtime_environment_variables={"ASPNETCORE_ENVIRONMENT": "Production"}),
    ),
    "another secret": (
        described_service(),
        with_source(runtime_environment_secrets={"DATABASE_PASSWORD": SECRET.replace("password", "pass")}),
    ),
    "auto deployments off, given as a string": (described_service(), with_source(auto_deployments_enabled="false")),
    "another access role": (described_service(), with_source(access_role_arn=INSTANCE_ROLE)),
    "another size": (described_service(), wanted_service(instance={"cpu": "2 vCPU", "memory": "4 GB"})),
    "the same size in units": (described_service(), wanted_service(instance={"cpu": "1024", "memory": 2048})),
    "another health check path": (described_service(), wanted_service(health_check={"path": "/ready"})),
    "health check interval as a string": (described_service(), wanted_service(health_check={"interval": "10"})),
    "private ingress": (described_service(), wanted_service(network={"is_publicly_accessible": "no"})),
    "another connector": (
        described_service(),
        wanted_service(network={"vpc_connector_arn": f"{PREFIX}:vpcconnector/smartscheduler-backend-2"}),
    ),
    "default egress": (described_service(), wanted_service(network={"egress_type": "DEFAULT"})),
    "observability off": (described_service(), wanted_service(observability={"enabled": False})),
    "another scaling revision": (described_service(), wanted_service(auto_scaling_configuration_arn=scaling_arn(3))),
    "the scaling name, latest used": (
        described_service(),
        wanted_service(auto_scaling_configuration_arn=SCALING_NAME_ARN),
    ),
    "a tag more": (described_service(), wanted_service(tags={"Environment": "prod", "Team": "core"})),
    "a tag less, purged": (described_service(), wanted_service(tags={})),
    "a tag less, kept": (described_service(), wanted_service(tags={}, purge_tags="false")),
    "tags unset": (described_service(), wanted_service(tags=None)),
    "state running": (described_service(), wanted_service(state="running")),
    "state paused": (described_service(), wanted_service(state="paused")),
    "a deployment": (described_service(), wanted_service(start_deployment=True)),
    "another KMS key": (described_service(), wanted_service(encryption_kms_key=KMS_KEY)),
    "the same KMS key": (
        described_service(EncryptionConfiguration={"KmsKey": KMS_KEY}),
        wanted_service(encryption_kms_key=KMS_KEY),
    ),
    "paused, as asked": (described_service("PAUSED"), wanted_service()),
    "paused, with a change": (described_service("PAUSED"), with_source(port=8081)),
    "paused, state running": (described_service("PAUSED"), wanted_service(state="running")),
    "paused, state paused": (described_service("PAUSED"), wanted_service(state="paused")),
    "failed to create": (described_service("CREATE_FAILED"), wanted_service()),
    "failed to delete": (described_service("DELETE_FAILED"), wanted_service()),
    "busy, not waited for": (described_service("OPERATION_IN_PROGRESS"), wanted_service(wait=False)),
    "only what App Runner filled in": (
        described_service(HealthCheckConfiguration={"Protocol": "TCP"}, ObservabilityConfiguration=None),
        {"name": NAME, "source": {"port": 8080}},
    ),
    "empty variables asked": (
        described_service(
            SourceConfiguration={
                "ImageRepository": {"ImageIdentifier": IMAGE, "ImageRepositoryType": "ECR"},
                "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
            }
        ),
        with_source(runtime_environment_variables={}, runtime_environment_secrets={}, auto_deployments_enabled=None),
    ),
}


def _without_none(value):
    if isinstance(value, dict):
        return {key: _without_none(item) for key, item in value.items() if item is not None}
    return value


@pytest.mark.parametrize("case", sorted(SERVICE_CASES))
@pytest.mark.parametrize("latest_scaling_revision", [2, 3])
def test_no_service_drift_exactly_when_the_module_reports_no_change(
    apprunner, run_module, case, latest_scaling_revision
):
    client, stubber = apprunner
    described, wanted = SERVICE_CASES[case]
    described, wanted = _without_none(described), _without_none(wanted)
    tags = {"Environment": "prod"}

    services = read_services(stubber, run_module, client, described, tags)
    drift = apprunner_service_drift(services, wanted, scaling_read(latest_scaling_revision))
    rc, changed = service_module_verdict(stubber, run_module, client, described, tags, wanted, latest_scaling_revision)

    assert (drift == []) == (rc == 0 and changed is False), (drift, rc, changed)


@pytest.mark.parametrize("case", sorted(SERVICE_CASES))
def test_a_service_read_back_plans_as_the_described_one(apprunner, run_module, case):
    client, stubber = apprunner
    described, wanted = SERVICE_CASES[case]
    described, wanted = _without_none(described), _without_none(wanted)
    [read] = read_services(stubber, run_module, client, described, {"Environment": "prod"})
    params = service_module_params(wanted)

    try:
        expected = plan.plan_update(described, params)[0]
    except plan.AnsibleAppRunnerError as e:
        with pytest.raises(plan.AnsibleAppRunnerError, match=re.escape(e.message)):
            plan.plan_update(service_from_ansible(read), params)
        return
    assert plan.plan_update(service_from_ansible(read), params)[0] == expected


def service_module_params(wanted):
    """wanted as the service module's argument spec makes it: every option present."""
    params = service_params(wanted)
    for option in ("source", "instance", "health_check", "network", "observability", "tags"):
        params.setdefault(option, None)
    params.setdefault("auto_scaling_configuration_arn", None)
    params.setdefault("encryption_kms_key", None)
    return params


def test_every_key_of_app_runners_service_shape_survives_the_round_trip():
    model = botocore.session.get_session().get_service_model("apprunner")
    names, maps, seen = set(), set(), set()

    def walk(shape):
        if shape.name in seen:
            return
        seen.add(shape.name)
        if shape.type_name == "structure":
            for member, member_shape in shape.members.items():
                names.add(member)
                walk(member_shape)
        elif shape.type_name == "list":
            walk(shape.member)
        elif shape.type_name == "map":
            maps.add(shape.name)

    walk(model.shape_for("Service"))

    assert names
    assert [name for name in sorted(names) if camel_key(camel_dict_to_snake_dict({name: 1}).popitem()[0]) != name] == []
    # The maps are the ones whose keys are the user's, kept as given both ways.
    assert maps == set(plan.USER_MAPS)


def test_variable_names_and_secret_names_keep_their_case_both_ways():
    described = described_service()
    read = plan.service_to_ansible(described, {"Environment": "prod"})

    back = service_from_ansible(read)

    image_configuration = back["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"]
    assert image_configuration["RuntimeEnvironmentVariables"] == ENVIRONMENT
    assert image_configuration["RuntimeEnvironmentSecrets"] == {"DATABASE_PASSWORD": SECRET}
    assert "Tags" not in back and "tags" not in back
    assert back["NetworkConfiguration"] == described["NetworkConfiguration"]


def test_a_missing_service_is_a_difference():
    assert apprunner_service_drift([], wanted_service()) == [f"the App Runner service {NAME} does not exist"]


def test_a_deleted_service_counts_as_missing():
    read = plan.service_to_ansible(described_service("DELETED"), {})
    assert apprunner_service_drift([read], wanted_service()) == [f"the App Runner service {NAME} does not exist"]


def service_read(status="RUNNING", tags=None, **changes):
    return [plan.service_to_ansible(described_service(status, **changes), tags or {"Environment": "prod"})]


def test_a_service_with_an_operation_in_progress_is_a_difference_when_the_module_waits():
    found = apprunner_service_drift(service_read("OPERATION_IN_PROGRESS"), wanted_service())

    assert found == [
        f"the App Runner service {NAME} has an operation in progress; the module waits for it to end, then compares"
    ]


@pytest.mark.parametrize(
    ("status", "wanted", "words"),
    [
        ("RUNNING", with_source(image_identifier=IMAGE + "-new"), "source differs (ImageRepository.ImageIdentifier)"),
        ("RUNNING", with_source(port="8081"), "source differs (ImageRepository.ImageConfiguration.Port)"),
        (
            "RUNNING",
            with_source(runtime_environment_variables={**ENVIRONMENT, "database_port": "1"}),
            "ImageRepository.ImageConfiguration.RuntimeEnvironmentVariables.database_port",
        ),
        ("RUNNING", wanted_service(instance={"memory": "3 GB"}), "instance differs (Memory)"),
        ("RUNNING", wanted_service(health_check={"timeout": 2}), "health_check differs (Timeout)"),
        ("RUNNING", wanted_service(auto_scaling_configuration_arn=scaling_arn(3)), "auto_scaling_configuration_arn"),
        ("RUNNING", wanted_service(tags={"Environment": "dev"}), "tags to set ['Environment']"),
        ("RUNNING", wanted_service(state="paused"), "the module pauses it"),
        ("RUNNING", wanted_service(start_deployment="yes"), "start_deployment deploys its image again"),
        ("PAUSED", wanted_service(state="running"), "is PAUSED; the module resumes it"),
        ("CREATE_FAILED", wanted_service(), "is CREATE_FAILED; the module rebuilds it with UpdateService"),
        ("RUNNING", wanted_service(encryption_kms_key=KMS_KEY), "the module would fail: encryption_kms_key can't"),
        ("RUNNING", wanted_service(instance={"cpu": "3 vCPU"}), "the module would fail: instance.cpu must be"),
    ],
)
def test_each_service_difference_is_named(status, wanted, words):
    found = apprunner_service_drift(service_read(status), wanted, scaling_read(2))

    assert any(words in sentence for sentence in found), found


def test_a_paused_service_changed_is_resumed_changed_and_paused_again():
    found = apprunner_service_drift(service_read("PAUSED"), with_source(port=9090))

    assert found == [
        f"the App Runner service {NAME} is PAUSED; the module resumes it",
        f"the App Runner service {NAME}: source differs (ImageRepository.ImageConfiguration.Port)",
        f"the App Runner service {NAME}: the module pauses it again after the change",
    ]


def test_a_scaling_name_arn_without_the_read_of_the_configurations_is_a_difference():
    found = apprunner_service_drift(service_read(), wanted_service(auto_scaling_configuration_arn=SCALING_NAME_ARN))

    assert len(found) == 1
    assert "no read of the auto scaling configurations was given" in found[0]


def test_a_scaling_name_and_revision_arn_needs_no_read():
    wanted = wanted_service(auto_scaling_configuration_arn=f"{SCALING_NAME_ARN}/2")

    assert apprunner_service_drift(service_read(), wanted) == []


def test_state_absent_finds_the_service_to_delete():
    assert apprunner_service_drift(service_read(), {"name": NAME, "state": "absent"}) == [
        f"the App Runner service {NAME} exists; the module would delete it"
    ]
    assert apprunner_service_drift([], {"name": NAME, "state": "absent"}) == []


# Auto scaling configurations


def scaling_described(revision, min_size=1, max_size=5, max_concurrency=100, has_service=False, is_default=False):
    return {
        "AutoScalingConfigurationArn": scaling_arn(revision),
        "AutoScalingConfigurationName": SCALING,
        "AutoScalingConfigurationRevision": revision,
        "Latest": False,
        "Status": "ACTIVE",
        "MinSize": min_size,
        "MaxSize": max_size,
        "MaxConcurrency": max_concurrency,
        "CreatedAt": NOW,
        "HasAssociatedService": has_service,
        "IsDefault": is_default,
    }


def scaling_summary(configuration):
    """The revision as ListAutoScalingConfigurations returns it."""
    keys = (
        "AutoScalingConfigurationArn",
        "AutoScalingConfigurationName",
        "AutoScalingConfigurationRevision",
        "Status",
        "CreatedAt",
        "HasAssociatedService",
        "IsDefault",
    )
    return {key: configuration[key] for key in keys}


def stub_scaling_list(stubber, revisions):
    stubber.add_response(
        "list_auto_scaling_configurations",
        {"AutoScalingConfigurationSummaryList": [scaling_summary(revision) for revision in revisions]},
        {"AutoScalingConfigurationName": SCALING, "LatestOnly": False, "MaxResults": 100},
    )


def stub_scaling_describe(stubber, configuration, tags, asked=None):
    arn = configuration["AutoScalingConfigurationArn"]
    stubber.add_response(
        "describe_auto_scaling_configuration",
        {"AutoScalingConfiguration": configuration},
        {"AutoScalingConfigurationArn": asked or arn},
    )
    stubber.add_response("list_tags_for_resource", {"Tags": tag_list(tags)}, {"ResourceArn": arn})


def scaling_module_verdict(stubber, run_module, client, revisions, tags, wanted):
    """(rc, changed) of apprunner_auto_scaling_configuration in check mode on the same revisions."""
    latest = max(revisions, key=lambda revision: revision["AutoScalingConfigurationRevision"])
    superseded = sorted(
        (revision for revision in revisions if revision is not latest),
        key=lambda revision: -revision["AutoScalingConfigurationRevision"],
    )
    stub_scaling_list(stubber, revisions)
    stub_scaling_describe(stubber, latest, tags)
    params = {**wanted, "_ansible_check_mode": True}
    current = camel_dict_to_snake_dict(latest)
    settings_differ = scaling_module.desired_settings(current, scaling_params(wanted)) != scaling_module.settings_of(
        current
    )
    if wanted.get("purge_revisions"):
        # The module asks App Runner which services use each revision it might delete.
        candidates = superseded + ([latest] if settings_differ else [])
        for revision in candidates:
            if revision["IsDefault"]:
                continue
            services = [SERVICE_ARN] if revision["HasAssociatedService"] else []
            stubber.add_response(
                "list_services_for_auto_scaling_configuration",
                {"ServiceArnList": services},
                {"AutoScalingConfigurationArn": revision["AutoScalingConfigurationArn"], "MaxResults": 100},
            )
    rc, result = run_module(scaling_module, params, client)
    return rc, result.get("changed")


def read_scaling(stubber, run_module, client, revisions, tags, read_by):
    """What apprunner_auto_scaling_configuration_info returns with latest_only=false, read by name or, as the role
    reads it, by the ARN ending with the name: the latest revision described, the superseded ones as listed."""
    latest = {**max(revisions, key=lambda revision: revision["AutoScalingConfigurationRevision"]), "Latest": True}
    if read_by == "name":
        stub_scaling_list(stubber, revisions)
        stub_scaling_describe(stubber, latest, tags)
        params = {"name": SCALING, "latest_only": False}
    else:
        stub_scaling_describe(stubber, latest, tags, asked=SCALING_NAME_ARN)
        if latest["AutoScalingConfigurationRevision"] > 1:
            stub_scaling_list(stubber, revisions)
        params = {"arn": SCALING_NAME_ARN, "latest_only": False}
    rc, result = run_module(scaling_info, params, client)
    assert rc == 0, result
    return result["auto_scaling_configurations"]


SCALING_CASES = {
    "as asked": ([scaling_described(1)], {"min_size": 1, "max_size": 5, "max_concurrency": 100}),
    "as asked, numbers as strings": ([scaling_described(1)], {"min_size": "1", "max_size": "5"}),
    "settings unset": ([scaling_described(1)], {}),
    "another maximum": ([scaling_described(1)], {"max_size": 10}),
    "a tag more": ([scaling_described(1)], {"tags": {"Application": "smartscheduler", "Team": "core"}}),
    "a tag less, kept": ([scaling_described(1)], {"tags": {}, "purge_tags": False}),
    "superseded, not purged": ([scaling_described(1), scaling_described(2)], {"max_size": 5}),
    "superseded and unused, purged": ([scaling_described(1), scaling_described(2)], {"purge_revisions": True}),
    "superseded but used, purged": (
        [scaling_described(1, has_service=True), scaling_described(2)],
        {"purge_revisions": "true"},
    ),
    "superseded default, purged": (
        [scaling_described(1, is_default=True), scaling_described(2)],
        {"purge_revisions": True},
    ),
    "another maximum, purged": (
        [scaling_described(1, has_service=True), scaling_described(2, has_service=True)],
        {"max_size": 7, "purge_revisions": True},
    ),
}


@pytest.mark.parametrize("read_by", ["name", "arn"])
@pytest.mark.parametrize("case", sorted(SCALING_CASES))
def test_no_scaling_drift_exactly_when_the_module_reports_no_change(apprunner, run_module, case, read_by):
    client, stubber = apprunner
    revisions, options = SCALING_CASES[case]
    tags = {"Application": "smartscheduler"}
    wanted = {"name": SCALING, **options}

    configurations = read_scaling(stubber, run_module, client, revisions, tags, read_by)
    drift = apprunner_auto_scaling_drift(configurations, wanted)
    rc, changed = scaling_module_verdict(stubber, run_module, client, revisions, tags, wanted)

    assert rc == 0
    assert (drift == []) == (changed is False), (drift, changed)


def scaling_info_read(max_size=5, tags=None):
    return [
        {
            "auto_scaling_configuration_arn": scaling_arn(2),
            "auto_scaling_configuration_name": SCALING,
            "auto_scaling_configuration_revision": 2,
            "latest": True,
            "status": "ACTIVE",
            "min_size": 1,
            "max_size": max_size,
            "max_concurrency": 100,
            "has_associated_service": True,
            "is_default": False,
            "tags": tags or {},
        }
    ]


def test_each_scaling_difference_is_named():
    wanted = {"name": SCALING, "max_size": 10, "tags": {"Team": "core"}}

    assert apprunner_auto_scaling_drift(scaling_info_read(), wanted) == [
        f"the App Runner auto scaling configuration {SCALING}: max_size is 5, not 10; the module creates a new revision",
        f"the App Runner auto scaling configuration {SCALING}: tags to set ['Team'], to remove []",
    ]


def test_the_superseded_revisions_to_purge_are_named():
    superseded = {**scaling_info_read()[0], "auto_scaling_configuration_revision": 1, "has_associated_service": False}
    read = [*scaling_info_read(), superseded]

    found = apprunner_auto_scaling_drift(read, {"name": SCALING, "purge_revisions": True})

    assert found == [
        f"the App Runner auto scaling configuration {SCALING}: the module deletes the superseded revisions no"
        " service uses, [1]"
    ]


def test_a_missing_scaling_configuration_is_a_difference():
    assert apprunner_auto_scaling_drift([], {"name": SCALING, "max_size": 5}) == [
        f"the App Runner auto scaling configuration {SCALING} does not exist"
    ]


def test_only_the_named_scaling_configuration_counts():
    read = [{**scaling_info_read()[0], "auto_scaling_configuration_name": "other-scaling"}]

    assert apprunner_auto_scaling_drift(read, {"name": SCALING}) == [
        f"the App Runner auto scaling configuration {SCALING} does not exist"
    ]


def test_an_invalid_scaling_option_is_what_the_module_would_fail_on():
    found = apprunner_auto_scaling_drift(scaling_info_read(), {"name": SCALING, "min_size": 5, "max_size": 2})

    assert found == [
        f"the App Runner auto scaling configuration {SCALING}: the module would fail: max_size (2) must be at least"
        " min_size (5)."
    ]


def test_scaling_state_absent_finds_the_revisions_to_delete():
    assert apprunner_auto_scaling_drift(scaling_info_read(), {"name": SCALING, "state": "absent"}) == [
        f"the App Runner auto scaling configuration {SCALING} exists; the module would delete every revision of it"
    ]
    assert apprunner_auto_scaling_drift([], {"name": SCALING, "state": "absent"}) == []


# VPC connectors


CONNECTOR = "smartscheduler-backend-1"


def connector(revision=1, status="ACTIVE", subnets=("subnet-a", "subnet-b"), security_groups=("sg-1",)):
    return {
        "VpcConnectorName": CONNECTOR,
        "VpcConnectorArn": f"{CONNECTOR_NAME_ARN}/{revision}/{revision:032d}",
        "VpcConnectorRevision": revision,
        "Subnets": list(subnets),
        "SecurityGroups": list(security_groups),
        "Status": status,
        "CreatedAt": NOW,
    }


def stub_connectors(stubber, connectors, tags):
    stubber.add_response("list_vpc_connectors", {"VpcConnectors": connectors}, {"MaxResults": 100})
    for item in sorted(connectors, key=lambda c: -c["VpcConnectorRevision"]):
        if item["Status"] == "ACTIVE":
            stubber.add_response(
                "list_tags_for_resource", {"Tags": tag_list(tags)}, {"ResourceArn": item["VpcConnectorArn"]}
            )


CONNECTOR_CASES = {
    "as asked": ([connector()], {"subnets": ["subnet-b", "subnet-a"], "security_groups": ["sg-1"]}),
    "security groups unset": ([connector()], {"subnets": ["subnet-a", "subnet-b"]}),
    "security groups empty": ([connector()], {"subnets": ["subnet-a", "subnet-b"], "security_groups": []}),
    "a subnet less": ([connector()], {"subnets": ["subnet-a"]}),
    "another security group": ([connector()], {"subnets": ["subnet-a", "subnet-b"], "security_groups": ["sg-2"]}),
    "an inactive one before": (
        [connector(1, "INACTIVE", subnets=["subnet-z"]), connector(2)],
        {"subnets": ["subnet-a", "subnet-b"]},
    ),
    "only an inactive one": ([connector(1, "INACTIVE")], {"subnets": ["subnet-a", "subnet-b"]}),
    "a tag more": ([connector()], {"subnets": ["subnet-a", "subnet-b"], "tags": {"Application": "x", "Team": "y"}}),
    "a tag less, kept": ([connector()], {"subnets": ["subnet-a", "subnet-b"], "tags": {}, "purge_tags": "no"}),
}


@pytest.mark.parametrize("case", sorted(CONNECTOR_CASES))
def test_no_connector_drift_exactly_when_the_module_reports_no_change(apprunner, run_module, case):
    client, stubber = apprunner
    connectors, options = CONNECTOR_CASES[case]
    tags = {"Application": "x"}
    wanted = {"name": CONNECTOR, **options}

    stub_connectors(stubber, connectors, tags)
    rc, result = run_module(connector_info, {"name": CONNECTOR}, client)
    assert rc == 0, result
    drift = apprunner_vpc_connector_drift(result["vpc_connectors"], wanted)

    stubber.add_response("list_vpc_connectors", {"VpcConnectors": connectors}, {"MaxResults": 100})
    active = [c for c in connectors if c["Status"] == "ACTIVE"]
    if active:
        current = active[-1]
        stubber.add_response(
            "list_tags_for_resource", {"Tags": tag_list(tags)}, {"ResourceArn": current["VpcConnectorArn"]}
        )
        groups = wanted.get("security_groups") or None
        if set(current["Subnets"]) != set(wanted["subnets"]) or (
            groups and set(current["SecurityGroups"]) != set(groups)
        ):
            # A replacement first checks that no service uses the connector.
            stubber.add_response("list_services", {"ServiceSummaryList": []}, {"MaxResults": 20})
    rc, result = run_module(connector_module, {**wanted, "_ansible_check_mode": True}, client)
    assert rc == 0, result

    assert (drift == []) == (result["changed"] is False), (drift, result["changed"])


def test_each_connector_difference_is_named():
    read = [camel_dict_to_snake_dict(connector()) | {"tags": {}}]

    found = apprunner_vpc_connector_drift(read, {"name": CONNECTOR, "subnets": ["subnet-a"], "tags": {"Team": "y"}})

    assert found == [
        f"the App Runner VPC connector {CONNECTOR}: subnets are ['subnet-a', 'subnet-b'], not ['subnet-a']; the module"
        " replaces the connector (and fails, changing nothing, while a service uses it)",
        f"the App Runner VPC connector {CONNECTOR}: tags to set ['Team'], to remove []",
    ]


def test_a_missing_connector_is_a_difference():
    read = [camel_dict_to_snake_dict(connector(status="INACTIVE")) | {"tags": {}}]

    assert apprunner_vpc_connector_drift(read, {"name": CONNECTOR, "subnets": ["subnet-a"]}) == [
        f"the App Runner VPC connector {CONNECTOR} does not exist"
    ]


def test_a_connector_without_subnets_is_what_the_module_would_fail_on():
    assert apprunner_vpc_connector_drift([], {"name": CONNECTOR}) == [
        f"the App Runner VPC connector {CONNECTOR}: the module would fail: subnets must list at least one subnet ID"
        " when state=present."
    ]


def test_connector_state_absent_finds_the_connector_to_delete():
    read = [camel_dict_to_snake_dict(connector()) | {"tags": {}}]

    assert apprunner_vpc_connector_drift(read, {"name": CONNECTOR, "state": "absent"}) == [
        f"the App Runner VPC connector {CONNECTOR} exists; the module would delete it"
    ]


def test_the_filters_are_registered():
    assert FilterModule().filters() == {
        "apprunner_service_drift": apprunner_service_drift,
        "apprunner_auto_scaling_drift": apprunner_auto_scaling_drift,
        "apprunner_vpc_connector_drift": apprunner_vpc_connector_drift,
        "apprunner_observability_drift": apprunner_observability_drift,
    }


def test_the_wanted_options_are_not_changed():
    wanted = wanted_service(tags={"Environment": "prod"})
    before = copy.deepcopy(wanted)

    apprunner_service_drift(service_read(), wanted)

    assert wanted == before


def test_the_filters_give_the_same_answers_in_ansibles_own_templating(tmp_path):
    """Ansible hands filters its own types (tagged strings, lazy containers): the answers must not change."""
    cases = {
        "as_asked": wanted_service(),
        "changed": wanted_service(instance={"memory": "4 GB"}),
        "paused": wanted_service(state="paused", purge_tags="no"),
    }
    variables = {"services": json.loads(json.dumps(service_read(), default=str)), "cases": cases}
    (tmp_path / "vars.json").write_text(json.dumps(variables))
    template = (
        "{{ {'as_asked': services | appstack.aws.apprunner_service_drift(cases.as_asked),"
        " 'changed': services | appstack.aws.apprunner_service_drift(cases.changed),"
        " 'paused': services | appstack.aws.apprunner_service_drift(cases.paused)} }}"
    )
    env = {
        **os.environ,
        "ANSIBLE_CONFIG": str(REPO_ROOT / "ansible.cfg"),
        "ANSIBLE_LOAD_CALLBACK_PLUGINS": "1",
        "ANSIBLE_STDOUT_CALLBACK": "ansible.posix.json",
    }
    completed = subprocess.run(
        [
            str(Path(sys.executable).with_name("ansible")),
            "localhost",
            "-m",
            "ansible.builtin.debug",
            "-e",
            f"@{tmp_path / 'vars.json'}",
            "-a",
            json.dumps({"msg": template}),
        ],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stdout + completed.stderr
    report = json.loads(completed.stdout[completed.stdout.index("{") :])
    answers = report["plays"][0]["tasks"][0]["hosts"]["localhost"]["msg"]
    assert answers == {name: apprunner_service_drift(service_read(), wanted) for name, wanted in cases.items()}
    assert answers["as_asked"] == []
    assert answers["changed"] and answers["paused"]


# Observability configurations (the role passes purge_revisions false)
def _observability_revision(revision, vendor="AWSXRAY", tags=None, status="ACTIVE"):
    return {
        "observability_configuration_name": "smartscheduler-prod",
        "observability_configuration_revision": revision,
        "observability_configuration_arn": f"arn:aws:apprunner:us-east-1:123456789012:observabilityconfiguration/"
        f"smartscheduler-prod/{revision}/0123456789abcdef0123456789abcdef",
        "trace_configuration": {"vendor": vendor} if vendor else None,
        "status": status,
        "latest": True,
        "tags": tags if tags is not None else {"Environment": "prod"},
    }


OBSERVABILITY_WANTED = {
    "name": "smartscheduler-prod",
    "trace_vendor": "AWSXRAY",
    "purge_revisions": False,
    "tags": {"Environment": "prod"},
    "purge_tags": True,
    "state": "present",
}


def test_an_observability_configuration_as_asked_has_no_drift():
    assert apprunner_observability_drift([_observability_revision(1)], OBSERVABILITY_WANTED) == []


def test_a_missing_observability_configuration_is_drift():
    assert apprunner_observability_drift([], OBSERVABILITY_WANTED) == [
        "the App Runner observability configuration smartscheduler-prod does not exist"
    ]
    inactive = _observability_revision(1, status="INACTIVE")
    assert apprunner_observability_drift([inactive], OBSERVABILITY_WANTED) != []


def test_a_revision_without_tracing_needs_a_new_one():
    (difference,) = apprunner_observability_drift([_observability_revision(1, vendor=None)], OBSERVABILITY_WANTED)
    assert "the tracing differs" in difference


def test_a_tag_difference_on_the_latest_revision_is_drift():
    assert apprunner_observability_drift(
        [_observability_revision(2, tags={"Environment": "dev"})], OBSERVABILITY_WANTED
    )
