"""Planning of appstack.aws.apprunner_service: validation, normalisation, requests, comparison and steps (no AWS)."""

from datetime import UTC, datetime

import pytest
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import AnsibleAppRunnerError
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_service_plan import (
    CREATE,
    DELETE,
    DEPLOY,
    PAUSE,
    RESUME,
    TAG,
    UPDATE,
    create_request,
    normalize_cpu,
    normalize_memory,
    operation_failure_message,
    operations_of,
    plan_steps,
    plan_update,
    predicted_new_service,
    resource_to_ansible,
    service_to_ansible,
    status_after,
    validate,
)

ACCOUNT = "123456789012"
NAME = "smartscheduler-api-prod"
SERVICE_ARN = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:service/{NAME}/8fe1e10304f84fd2b0df550fe98a71fa"
IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.1"
NEW_IMAGE = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.2"
ACCESS_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-apprunner-ecr-access"
INSTANCE_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-api-prod"
DB_SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:smartscheduler/db/prod/credentials-AbCdEf"
ASC = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:autoscalingconfiguration/smartscheduler-prod"
CONNECTOR = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:vpcconnector/smartscheduler-prod"
KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
OTHER_KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb"


def params(**options):
    values = dict(
        name=NAME,
        state="present",
        source=None,
        instance=None,
        health_check=None,
        network=None,
        observability=None,
        auto_scaling_configuration_arn=None,
        encryption_kms_key=None,
    )
    values.update(options)
    return values


def described(**overrides):
    """A running service as DescribeService returns it (CPU and memory as AWS reports them)."""
    service = {
        "ServiceName": NAME,
        "ServiceId": "8fe1e10304f84fd2b0df550fe98a71fa",
        "ServiceArn": SERVICE_ARN,
        "ServiceUrl": "abcdefgh12.us-east-1.awsapprunner.com",
        "Status": "RUNNING",
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": IMAGE,
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {
                    "Port": "8080",
                    "RuntimeEnvironmentVariables": {"ASPNETCORE_ENVIRONMENT": "Production", "DATABASE_PORT": "5432"},
                    "RuntimeEnvironmentSecrets": {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"},
                },
            },
            "AutoDeploymentsEnabled": True,
            "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
        },
        "InstanceConfiguration": {"Cpu": "1 vCPU", "Memory": "2 GB", "InstanceRoleArn": INSTANCE_ROLE},
        "HealthCheckConfiguration": {
            "Protocol": "HTTP",
            "Path": "/health",
            "Interval": 10,
            "Timeout": 5,
            "HealthyThreshold": 1,
            "UnhealthyThreshold": 5,
        },
        "AutoScalingConfigurationSummary": {
            "AutoScalingConfigurationArn": f"{ASC}/2/0123456789abcdef0123456789abcdef",
            "AutoScalingConfigurationName": "smartscheduler-prod",
            "AutoScalingConfigurationRevision": 2,
        },
        "NetworkConfiguration": {
            "EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": f"{CONNECTOR}/1/fedcba9876543210"},
            "IngressConfiguration": {"IsPubliclyAccessible": True},
            "IpAddressType": "IPV4",
        },
        "ObservabilityConfiguration": {"ObservabilityEnabled": False},
    }
    service.update(overrides)
    return service


# Normalisation


@pytest.mark.parametrize("value", ["1024", 1024, "1 vCPU", "1vcpu", " 1 VCPU "])
def test_cpu_in_units_or_vcpus_normalises_to_units(value):
    assert normalize_cpu(value) == "1024"


@pytest.mark.parametrize(("value", "units"), [("0.25 vCPU", "256"), ("0.5 vCPU", "512"), ("4 vCPU", "4096")])
def test_fractional_vcpus_normalise(value, units):
    assert normalize_cpu(value) == units


@pytest.mark.parametrize("value", ["2048", 2048, "2 GB", "2GB", "2048 MB", "2 gb"])
def test_memory_in_mb_or_gb_normalises_to_mb(value):
    assert normalize_memory(value) == "2048"


@pytest.mark.parametrize("value", ["1000", "3 vCPU", "fast", "0"])
def test_a_cpu_app_runner_refuses_is_an_error_naming_the_option(value):
    with pytest.raises(ValueError, match=r"instance\.cpu must be one of 256, 512, 1024, 2048, 4096"):
        normalize_cpu(value)


def test_a_memory_app_runner_refuses_is_an_error_naming_the_option():
    with pytest.raises(ValueError, match=r"instance\.memory must be one of 512, .*12288"):
        normalize_memory("5 GB")


# Validation before any API call


def test_valid_options_give_no_error():
    options = params(
        source={"port": 8080, "runtime_environment_secrets": {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"}},
        instance={"cpu": "1 vCPU", "memory": "4 GB"},
        health_check={"interval": 10, "timeout": 5, "path": "/health"},
    )
    assert validate(options) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"name": "api"}, "name must be 4 to 40"),
        ({"source": {"port": 70000}}, "source.port must be between 1 and 65535"),
        ({"instance": {"cpu": "3 vCPU"}}, "instance.cpu must be one of"),
        ({"instance": {"cpu": "0.25 vCPU", "memory": "4 GB"}}, "instance.memory 4096 MB is not allowed with"),
        ({"health_check": {"interval": 30}}, "health_check.interval must be between 1 and 20"),
        ({"health_check": {"unhealthy_threshold": 0}}, "health_check.unhealthy_threshold must be between 1 and 20"),
        ({"health_check": {"path": "health"}}, "health_check.path must start with /"),
        (
            {"network": {"egress_type": "DEFAULT", "vpc_connector_arn": CONNECTOR}},
            "network.vpc_connector_arn needs network.egress_type=VPC",
        ),
        (
            {"observability": {"enabled": False, "configuration_arn": ASC}},
            "observability.configuration_arn needs observability.enabled=true",
        ),
        (
            {"source": {"runtime_environment_secrets": {"DB": "arn:aws:s3:::bucket/key"}}},
            "source.runtime_environment_secrets.DB must be the ARN of a Secrets Manager secret",
        ),
    ],
)
def test_bad_options_are_refused_with_a_message_naming_them(options, message):
    errors = validate(params(**options))
    assert any(message in error for error in errors), errors


@pytest.mark.parametrize("wait_timeout", [0, -1])
def test_a_wait_timeout_of_0_or_less_is_refused(wait_timeout):
    assert validate(params(wait_timeout=wait_timeout)) == [
        f"wait_timeout must be a number of seconds above 0, not {wait_timeout}."
    ]


def test_every_problem_is_reported_at_once():
    errors = validate(params(name="api", source={"port": 0}, health_check={"path": "health"}, wait_timeout=0))

    assert len(errors) == 4, errors
    assert [error.split()[0] for error in errors] == ["name", "source.port", "health_check.path", "wait_timeout"]


def test_secret_arns_with_a_json_key_and_ssm_parameters_are_accepted():
    secrets = {
        "DATABASE_USER": f"{DB_SECRET}:username::",
        "JWT": f"arn:aws:ssm:us-east-1:{ACCOUNT}:parameter/smartscheduler/jwt",
        "MAPS_KEY": "smartscheduler-maps-key",
    }
    assert validate(params(source={"runtime_environment_secrets": secrets})) == []


# Creating


def test_create_request_carries_every_option_in_app_runners_shape():
    options = params(
        source={
            "image_identifier": IMAGE,
            "port": 8080,
            "runtime_environment_variables": {"ASPNETCORE_ENVIRONMENT": "Production", "DATABASE_PORT": 5432},
            "runtime_environment_secrets": {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"},
            "start_command": "dotnet SmartScheduler.API.dll",
            "auto_deployments_enabled": False,
            "access_role_arn": ACCESS_ROLE,
        },
        instance={"cpu": "1 vCPU", "memory": "2 GB", "instance_role_arn": INSTANCE_ROLE},
        health_check={"protocol": "HTTP", "path": "/health", "interval": 10, "timeout": 5},
        network={"vpc_connector_arn": CONNECTOR, "is_publicly_accessible": True},
        auto_scaling_configuration_arn=ASC,
        encryption_kms_key=KEY,
    )

    request = create_request(options, [{"Key": "Environment", "Value": "prod"}])

    assert request == {
        "ServiceName": NAME,
        "SourceConfiguration": {
            "ImageRepository": {
                "ImageIdentifier": IMAGE,
                "ImageRepositoryType": "ECR",
                "ImageConfiguration": {
                    "Port": "8080",
                    "StartCommand": "dotnet SmartScheduler.API.dll",
                    "RuntimeEnvironmentVariables": {"ASPNETCORE_ENVIRONMENT": "Production", "DATABASE_PORT": "5432"},
                    "RuntimeEnvironmentSecrets": {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"},
                },
            },
            "AutoDeploymentsEnabled": False,
            "AuthenticationConfiguration": {"AccessRoleArn": ACCESS_ROLE},
        },
        "InstanceConfiguration": {"Cpu": "1024", "Memory": "2048", "InstanceRoleArn": INSTANCE_ROLE},
        "HealthCheckConfiguration": {"Protocol": "HTTP", "Path": "/health", "Interval": 10, "Timeout": 5},
        "NetworkConfiguration": {
            "EgressConfiguration": {"EgressType": "VPC", "VpcConnectorArn": CONNECTOR},
            "IngressConfiguration": {"IsPubliclyAccessible": True},
        },
        "AutoScalingConfigurationArn": ASC,
        "EncryptionConfiguration": {"KmsKey": KEY},
        "Tags": [{"Key": "Environment", "Value": "prod"}],
    }


def test_a_public_ecr_image_is_ecr_public_and_needs_no_access_role():
    request = create_request(params(source={"image_identifier": "public.ecr.aws/nginx/nginx:latest"}), [])

    assert request["SourceConfiguration"] == {
        "ImageRepository": {"ImageIdentifier": "public.ecr.aws/nginx/nginx:latest", "ImageRepositoryType": "ECR_PUBLIC"}
    }
    assert "Tags" not in request


def test_creating_needs_an_image():
    with pytest.raises(AnsibleAppRunnerError, match=r"creating it needs source\.image_identifier"):
        create_request(params(instance={"cpu": "1024"}), [])


def test_a_private_ecr_image_needs_an_access_role():
    with pytest.raises(AnsibleAppRunnerError, match=r"needs source\.access_role_arn"):
        create_request(params(source={"image_identifier": IMAGE}), [])


def test_the_predicted_new_service_has_app_runners_defaults():
    request = create_request(params(source={"image_identifier": IMAGE, "access_role_arn": ACCESS_ROLE}), [])

    service = predicted_new_service(request, "paused")

    assert service["Status"] == "PAUSED"
    assert service["InstanceConfiguration"] == {"Cpu": "1024", "Memory": "2048"}
    assert service["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"] == {"Port": "8080"}
    assert "ServiceArn" not in service


# Updating: compare field by field, leave unset options alone, send only the difference


def test_the_same_settings_in_other_forms_need_no_update():
    options = params(
        source={
            "image_identifier": IMAGE,
            "port": 8080,
            "runtime_environment_variables": {"DATABASE_PORT": 5432, "ASPNETCORE_ENVIRONMENT": "Production"},
            "auto_deployments_enabled": True,
        },
        instance={"cpu": "1024", "memory": "2048"},
        health_check={"protocol": "HTTP", "interval": 10},
        network={"vpc_connector_arn": CONNECTOR, "egress_type": "VPC"},
        auto_scaling_configuration_arn=ASC,
    )

    changes, predicted = plan_update(described(), options)

    assert changes == {}
    assert predicted == described()


def test_unset_options_are_left_untouched():
    changes, _ = plan_update(described(), params())

    assert changes == {}


def test_an_image_change_sends_only_the_source_complete_with_its_current_values():
    changes, predicted = plan_update(described(), params(source={"image_identifier": NEW_IMAGE}))

    expected_source = described()["SourceConfiguration"]
    expected_source["ImageRepository"]["ImageIdentifier"] = NEW_IMAGE
    assert changes == {"SourceConfiguration": expected_source}
    assert predicted["SourceConfiguration"] == expected_source
    assert predicted["InstanceConfiguration"] == described()["InstanceConfiguration"]


def test_environment_variables_are_replaced_as_a_whole():
    changes, _ = plan_update(described(), params(source={"runtime_environment_variables": {"DATABASE_PORT": "6432"}}))

    configuration = changes["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"]
    assert configuration["RuntimeEnvironmentVariables"] == {"DATABASE_PORT": "6432"}
    assert configuration["RuntimeEnvironmentSecrets"] == {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"}


def test_a_memory_change_sends_the_instance_configuration_in_units():
    changes, predicted = plan_update(described(), params(instance={"memory": "4 GB"}))

    assert changes == {"InstanceConfiguration": {"Cpu": "1024", "Memory": "4096", "InstanceRoleArn": INSTANCE_ROLE}}
    assert predicted["InstanceConfiguration"]["Memory"] == "4096"


def test_a_memory_the_current_cpu_does_not_allow_is_refused():
    with pytest.raises(AnsibleAppRunnerError, match=r"instance\.memory 8192 MB is not allowed with instance\.cpu 1024"):
        plan_update(described(), params(instance={"memory": "8 GB"}))


def test_a_health_check_change_keeps_the_other_health_check_settings():
    changes, _ = plan_update(described(), params(health_check={"interval": 20}))

    assert changes == {"HealthCheckConfiguration": {**described()["HealthCheckConfiguration"], "Interval": 20}}


def test_a_new_auto_scaling_configuration_is_sent_alone():
    other = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:autoscalingconfiguration/smartscheduler-burst/1/abc"

    changes, predicted = plan_update(described(), params(auto_scaling_configuration_arn=other))

    assert changes == {"AutoScalingConfigurationArn": other}
    assert predicted["AutoScalingConfigurationSummary"]["AutoScalingConfigurationArn"] == other


def test_an_auto_scaling_configuration_of_another_revision_is_a_change():
    changes, _ = plan_update(described(), params(auto_scaling_configuration_arn=f"{ASC}/3"))

    assert changes == {"AutoScalingConfigurationArn": f"{ASC}/3"}


def test_moving_to_default_egress_drops_the_connector():
    changes, _ = plan_update(described(), params(network={"egress_type": "DEFAULT"}))

    assert changes["NetworkConfiguration"]["EgressConfiguration"] == {"EgressType": "DEFAULT"}
    assert changes["NetworkConfiguration"]["IngressConfiguration"] == {"IsPubliclyAccessible": True}


def test_a_new_connector_is_a_change():
    other = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:vpcconnector/smartscheduler-prod-2/1/abc"

    changes, _ = plan_update(described(), params(network={"vpc_connector_arn": other}))

    assert changes["NetworkConfiguration"]["EgressConfiguration"] == {"EgressType": "VPC", "VpcConnectorArn": other}


def test_vpc_egress_without_a_connector_is_refused():
    service = described(NetworkConfiguration={"EgressConfiguration": {"EgressType": "DEFAULT"}})

    with pytest.raises(AnsibleAppRunnerError, match=r"egress_type=VPC needs network\.vpc_connector_arn"):
        plan_update(service, params(network={"egress_type": "VPC"}))


def test_enabling_observability_sends_the_configuration():
    arn = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:observabilityconfiguration/tracing/1/abc"

    changes, _ = plan_update(described(), params(observability={"configuration_arn": arn}))

    assert changes == {
        "ObservabilityConfiguration": {"ObservabilityEnabled": True, "ObservabilityConfigurationArn": arn}
    }


# What can't change


def test_a_different_kms_key_is_refused_with_how_to_replace_the_service():
    service = described(EncryptionConfiguration={"KmsKey": KEY})

    with pytest.raises(AnsibleAppRunnerError) as error:
        plan_update(service, params(encryption_kms_key=OTHER_KEY))

    message = error.value.message
    assert "encryption_kms_key can't change" in message
    assert KEY in message and OTHER_KEY in message
    assert "state=absent" in message and "another name" in message


def test_a_kms_key_on_a_service_created_without_one_is_refused():
    with pytest.raises(AnsibleAppRunnerError, match="encrypted with an AWS owned key"):
        plan_update(described(), params(encryption_kms_key=KEY))


def test_the_same_kms_key_is_no_change():
    changes, _ = plan_update(described(EncryptionConfiguration={"KmsKey": KEY}), params(encryption_kms_key=KEY))

    assert changes == {}


def test_a_source_code_service_cant_switch_to_an_image():
    service = described(
        SourceConfiguration={
            "CodeRepository": {
                "RepositoryUrl": "https://github.com/example/api",
                "SourceCodeVersion": {"Type": "BRANCH", "Value": "main"},
            }
        }
    )

    with pytest.raises(AnsibleAppRunnerError, match="can't switch a service to an ECR image"):
        plan_update(service, params(source={"image_identifier": IMAGE}))


def test_a_service_that_failed_to_create_is_rebuilt_by_an_update_even_with_the_same_settings():
    changes, _ = plan_update(described(Status="CREATE_FAILED"), params(source={"image_identifier": IMAGE}))

    assert changes == {"SourceConfiguration": described()["SourceConfiguration"]}


# Results


def test_the_result_is_snake_case_but_keeps_environment_variable_names():
    service = service_to_ansible(described(), {"Environment": "prod"})

    configuration = service["source_configuration"]["image_repository"]["image_configuration"]
    assert configuration["runtime_environment_variables"] == {
        "ASPNETCORE_ENVIRONMENT": "Production",
        "DATABASE_PORT": "5432",
    }
    assert configuration["runtime_environment_secrets"] == {"DATABASE_PASSWORD": f"{DB_SECRET}:password::"}
    assert service["service_url"] == "abcdefgh12.us-east-1.awsapprunner.com"
    assert service["service_arn"] == SERVICE_ARN
    assert service["tags"] == {"Environment": "prod"}


def test_a_source_code_service_keeps_its_environment_variable_names_too():
    source = {
        "CodeRepository": {
            "RepositoryUrl": "https://github.com/example/api",
            "SourceCodeVersion": {"Type": "BRANCH", "Value": "main"},
            "CodeConfiguration": {
                "ConfigurationSource": "API",
                "CodeConfigurationValues": {
                    "Runtime": "PYTHON_311",
                    "RuntimeEnvironmentVariables": {"LOG_LEVEL": "info"},
                },
            },
        }
    }

    service = service_to_ansible(described(SourceConfiguration=source))

    values = service["source_configuration"]["code_repository"]["code_configuration"]["code_configuration_values"]
    assert values == {"runtime": "PYTHON_311", "runtime_environment_variables": {"LOG_LEVEL": "info"}}


def test_an_observability_configuration_without_revision_matches_the_current_revision():
    name_arn = f"arn:aws:apprunner:us-east-1:{ACCOUNT}:observabilityconfiguration/tracing"
    service = described(
        ObservabilityConfiguration={"ObservabilityEnabled": True, "ObservabilityConfigurationArn": f"{name_arn}/2/abc"}
    )

    changes, _ = plan_update(service, params(observability={"configuration_arn": name_arn}))

    assert changes == {}


# Steps: what runs, in which order


# (current status, state) -> (steps when the settings differ, steps when they don't); None: no service.
STEPS = {
    (None, "present"): ([CREATE], [CREATE]),
    (None, "running"): ([CREATE], [CREATE]),
    (None, "paused"): ([CREATE, PAUSE], [CREATE, PAUSE]),
    (None, "absent"): ([], []),
    ("RUNNING", "present"): ([UPDATE], []),
    ("RUNNING", "running"): ([UPDATE], []),
    ("RUNNING", "paused"): ([UPDATE, PAUSE], [PAUSE]),
    ("RUNNING", "absent"): ([DELETE], [DELETE]),
    ("PAUSED", "present"): ([RESUME, UPDATE, PAUSE], []),
    ("PAUSED", "running"): ([RESUME, UPDATE], [RESUME]),
    ("PAUSED", "paused"): ([RESUME, UPDATE, PAUSE], []),
    ("PAUSED", "absent"): ([DELETE], [DELETE]),
    ("CREATE_FAILED", "present"): ([UPDATE], []),
    ("CREATE_FAILED", "running"): ([UPDATE], []),
    ("CREATE_FAILED", "paused"): ([UPDATE, PAUSE], [PAUSE]),
    ("CREATE_FAILED", "absent"): ([DELETE], [DELETE]),
}


@pytest.mark.parametrize(
    ("status", "state", "settings_differ", "steps"),
    [
        (status, state, differ, steps[0] if differ else steps[1])
        for (status, state), steps in STEPS.items()
        for differ in (True, False)
    ],
)
def test_the_steps_follow_the_status_the_state_and_the_settings(status, state, settings_differ, steps):
    assert plan_steps(status, state, settings_differ, start_deployment=False) == steps


@pytest.mark.parametrize(
    ("status", "state", "settings_differ", "steps"),
    [
        ("RUNNING", "present", False, [DEPLOY]),
        ("RUNNING", "running", False, [DEPLOY]),
        ("RUNNING", "paused", False, [DEPLOY, PAUSE]),
        ("PAUSED", "present", False, [RESUME, DEPLOY, PAUSE]),
        ("PAUSED", "running", False, [RESUME, DEPLOY]),
        ("PAUSED", "paused", False, [RESUME, DEPLOY, PAUSE]),
        ("RUNNING", "present", True, [UPDATE]),
        ("PAUSED", "present", True, [RESUME, UPDATE, PAUSE]),
        (None, "present", True, [CREATE]),
        ("RUNNING", "absent", False, [DELETE]),
    ],
)
def test_a_deployment_runs_only_when_no_create_or_update_deploys_already(status, state, settings_differ, steps):
    assert plan_steps(status, state, settings_differ, start_deployment=True) == steps


@pytest.mark.parametrize(
    ("status", "state", "settings_differ", "steps"),
    [
        ("RUNNING", "present", False, [TAG]),
        ("PAUSED", "present", False, [TAG]),
        ("RUNNING", "paused", False, [TAG, PAUSE]),
        ("PAUSED", "running", True, [TAG, RESUME, UPDATE]),
        ("PAUSED", "present", True, [TAG, RESUME, UPDATE, PAUSE]),
        (None, "present", True, [CREATE]),
        ("RUNNING", "absent", False, [DELETE]),
    ],
)
def test_a_tag_change_comes_first_and_a_new_service_gets_its_tags_at_creation(status, state, settings_differ, steps):
    assert plan_steps(status, state, settings_differ, start_deployment=False, tags_differ=True) == steps


def test_the_tag_change_is_no_operation():
    assert operations_of([TAG, RESUME, UPDATE, PAUSE]) == [RESUME, UPDATE, PAUSE]
    assert operations_of([TAG]) == []


@pytest.mark.parametrize(
    ("steps", "status", "after"),
    [
        ([], "RUNNING", "RUNNING"),
        ([], "PAUSED", "PAUSED"),
        ([TAG], "PAUSED", "PAUSED"),
        ([RESUME], "PAUSED", "RUNNING"),
        ([RESUME, UPDATE, PAUSE], "PAUSED", "PAUSED"),
        ([UPDATE], "CREATE_FAILED", "RUNNING"),
        ([CREATE, PAUSE], None, "PAUSED"),
        ([DELETE], "RUNNING", "DELETED"),
    ],
)
def test_the_status_after_the_steps_is_that_of_the_last_operation(steps, status, after):
    assert status_after(steps, status) == after


def test_a_rolled_back_operation_says_the_service_runs_its_previous_configuration():
    operation = {"Id": "op-1", "Type": "UPDATE_SERVICE", "Status": "ROLLBACK_SUCCEEDED"}

    message = operation_failure_message(NAME, operation, described())

    assert message.startswith(f"App Runner operation UPDATE_SERVICE op-1 on service {NAME} ended ROLLBACK_SUCCEEDED;")
    assert "the service is RUNNING" in message
    assert "rolled it back to its previous configuration" in message


def test_a_failed_creation_says_an_update_rebuilds_the_service():
    operation = {"Id": "op-1", "Type": "CREATE_SERVICE", "Status": "FAILED"}

    message = operation_failure_message(NAME, operation, described(Status="CREATE_FAILED"))

    assert "ended FAILED; the service is CREATE_FAILED." in message
    assert "an update rebuilds it" in message


def test_a_failed_operation_on_a_service_that_is_gone_says_so():
    operation = {"Id": "op-1", "Type": "DELETE_SERVICE", "Status": "FAILED"}

    assert "the service is gone." in operation_failure_message(NAME, operation, None)


def test_a_service_read_with_its_tag_list_has_its_tags_as_a_dict():
    service = service_to_ansible(described(Tags=[{"Key": "Environment", "Value": "prod"}]))

    assert service["tags"] == {"Environment": "prod"}
    assert service_to_ansible(described())["tags"] == {}


@pytest.mark.parametrize("force_tags", [True, False])
@pytest.mark.parametrize("tags", [None, [], [{"Key": "Environment", "Value": "prod"}]])
def test_a_resource_converts_exactly_as_amazon_aws_converts_it(force_tags, tags):
    """The pure copy of boto3_resource_to_ansible_dict (whose module imports botocore) gives the same dict."""
    operation = {"Id": "op-1", "Type": "UPDATE_SERVICE", "StartedAt": datetime(2026, 1, 1, 12, 30, tzinfo=UTC)}
    service = described(CreatedAt=datetime(2026, 1, 1, tzinfo=UTC), **({} if tags is None else {"Tags": tags}))
    keep_variables = {"SourceConfiguration": lambda section: {"kept": section}}

    for resource, nested in ((operation, None), (service, None), (service, keep_variables)):
        expected = boto3_resource_to_ansible_dict(resource, force_tags=force_tags, nested_transforms=nested)
        assert resource_to_ansible(resource, force_tags=force_tags, nested_transforms=nested) == expected
