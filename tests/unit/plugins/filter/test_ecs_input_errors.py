"""The ecs role's input checks, which run before any AWS call."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.backend_input_errors import shared_input_names
from ansible_collections.appstack.aws.plugins.filter.ecs_input_errors import ecs_input_errors

ECS = {
    "ecs_cluster_name": "smartscheduler-prod",
    "ecs_service_name": "smartscheduler-api-prod",
    "ecs_image_tag": "",
    "ecs_port": 8080,
    "ecs_cpu": "1 vCPU",
    "ecs_memory": "2 GB",
    "ecs_min_capacity": 1,
    "ecs_max_capacity": 5,
    "ecs_health_check_path": "/health",
    "ecs_deployment_strategy": "rolling",
    "ecs_container_insights": "enabled",
    "ecs_cpu_target": 70,
    "ecs_memory_target": 80,
    "ecs_scale_in_cooldown": 300,
    "ecs_scale_out_cooldown": 60,
    "ecs_health_check_grace_period": 60,
    "ecs_bake_time": 5,
    "ecs_extra_env": {"FEATURE_FLAGS": "on"},
    "ecs_extra_secrets": {"MAPS_KEY": "arn:aws:secretsmanager:us-east-1:123456789012:secret:maps-AbCdEf"},
    "ecs_health_check_interval": 30,
    "ecs_health_check_timeout": 5,
    "ecs_health_check_retries": 3,
    "ecs_health_check_start_period": 60,
}


def errors(**overrides):
    return ecs_input_errors({**ECS, **overrides})


def test_the_defaults_are_valid():
    assert errors() == []


@pytest.mark.parametrize(
    ("cpu", "memory"),
    [("1 vCPU", "2 GB"), ("256", "512"), (512, "4 GB"), ("2048", 16384), ("4 vCPU", "30 GB"), (8192, 61440)],
)
def test_the_cpu_memory_pairs_fargate_takes_are_accepted(cpu, memory):
    assert errors(ecs_cpu=cpu, ecs_memory=memory) == []


@pytest.mark.parametrize(
    ("cpu", "memory", "expected"),
    [
        ("1 vCPU", "1 GB", "ecs_memory must be 2048 to 8192 in steps of 1024 (MiB) with ecs_cpu 1024"),
        ("256", "4096", "ecs_memory must be 512, 1024, 2048 (MiB) with ecs_cpu 256"),
        ("2048", "17 GB", "ecs_memory must be 4096 to 16384"),
        ("3 vCPU", "8 GB", "ecs_cpu must be one of the Fargate task CPU values 256, 512, 1024"),
    ],
)
def test_a_cpu_memory_pair_fargate_rejects_names_the_variables_and_the_allowed_values(cpu, memory, expected):
    (message,) = errors(ecs_cpu=cpu, ecs_memory=memory)
    assert expected in message


@pytest.mark.parametrize("port", [0, 65536, "http"])
def test_a_port_outside_1_to_65535_is_refused(port):
    assert errors(ecs_port=port) == [f"ecs_port must be a whole number from 1 to 65535; got {port!r}."]


def test_min_capacity_above_max_capacity_is_refused():
    assert errors(ecs_min_capacity=6, ecs_max_capacity=5) == [
        "ecs_min_capacity (6) must not exceed ecs_max_capacity (5)."
    ]


@pytest.mark.parametrize("path", ["health", "", "/health; rm -rf /", None])
def test_a_health_path_without_a_leading_slash_or_with_shell_characters_is_refused(path):
    (message,) = errors(ecs_health_check_path=path)
    assert message.startswith("ecs_health_check_path must start with '/'")


def test_an_unknown_strategy_names_the_allowed_values():
    assert errors(ecs_deployment_strategy="canary") == [
        "ecs_deployment_strategy must be one of rolling, blue_green; got 'canary'."
    ]


def test_a_bake_time_is_checked_with_blue_green_only():
    assert errors(ecs_bake_time=2000) == []
    assert errors(ecs_deployment_strategy="blue_green", ecs_bake_time=2000) == [
        "ecs_bake_time must be a whole number from 0 to 1440; got 2000."
    ]


def test_an_unknown_container_insights_value_is_refused():
    assert errors(ecs_container_insights="on") == [
        "ecs_container_insights must be one of enabled, enhanced, disabled; got 'on'."
    ]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ecs_cpu_target", 0),
        ("ecs_memory_target", 101),
        ("ecs_scale_in_cooldown", -1),
        ("ecs_health_check_interval", 4),
        ("ecs_health_check_timeout", 61),
        ("ecs_health_check_retries", 11),
        ("ecs_health_check_start_period", 301),
        ("ecs_health_check_grace_period", -5),
    ],
)
def test_out_of_range_numbers_name_their_variable(variable, value):
    (message,) = errors(**{variable: value})
    assert message.startswith(f"{variable} must be a whole number from ")


def test_bad_names_are_refused():
    assert errors(ecs_cluster_name="smart scheduler") == [
        "ecs_cluster_name must be 1 to 255 letters, digits, '-' and '_'; got 'smart scheduler'."
    ]


def test_extra_variables_must_not_shadow_the_roles_own_or_each_other():
    found = errors(ecs_extra_env={"DATABASE_HOST": "x", "MAPS_KEY": "y", "bad-name": "z"})
    assert any("ecs_extra_env: ['bad-name']" in message for message in found)
    assert any("both set ['MAPS_KEY']" in message for message in found)
    assert any("['DATABASE_HOST'] are set by the ecs role itself" in message for message in found)


def test_extra_secrets_must_be_secret_or_parameter_arns():
    (message,) = errors(ecs_extra_secrets={"MAPS_KEY": "maps-api-key"})
    assert message.startswith("ecs_extra_secrets: ['MAPS_KEY'] do not refer to a secret: each value is the ARN of")
    assert "(arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)" in message


def test_a_bad_image_tag_is_refused():
    (message,) = errors(ecs_image_tag="-bad")
    assert message.startswith("ecs_image_tag must be an image tag")


def test_a_message_names_the_shared_input_when_the_role_variable_holds_its_value():
    inputs = {**ECS, "ecs_port": 0}
    messages = shared_input_names(ecs_input_errors(inputs), inputs, {"ecs_port": ["appstack_backend_port", 0]})
    assert messages == ["appstack_backend_port must be a whole number from 1 to 65535; got 0."]


def test_a_forgotten_input_is_a_programming_error():
    with pytest.raises(AnsibleFilterError, match="lacks ecs_port"):
        ecs_input_errors({key: value for key, value in ECS.items() if key != "ecs_port"})
