"""The filter files, and the plugin_utils they use, import nothing of botocore or boto3, even when the filters run.

Ansible imports every filter file of the collection in the process of every task, to find one filter by name, and
the filters run there: an import of boto3 costs about a third of a CPU second in each task. The check runs in a
fresh interpreter, since this test process has botocore loaded already (the module tests' fixtures import it).
"""

import json
import subprocess
import sys
from pathlib import Path

import ansible_collections.appstack.aws as collection

PLUGINS = Path(__file__).resolve().parents[4] / "plugins"
# The collections root that conftest.py put on sys.path, wherever it is.
COLLECTIONS_ROOT = Path(next(iter(collection.__path__))).parents[2]
PACKAGE = "ansible_collections.appstack.aws.plugins"

ACCOUNT = "123456789012"
KMS_KEY = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
SECRET_NAME = "smartscheduler/app/prod/jwt-signing-key"
SECRET = {
    "name": SECRET_NAME,
    "arn": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:{SECRET_NAME}-AbCdEf",
    "description": "JWT signing key",
    "kms_key_id": KMS_KEY,
    "resource_policy": None,
    "tags": {"Environment": "prod"},
}
REPOSITORY = {
    "repository_name": "smartscheduler/web",
    "image_tag_mutability": "MUTABLE",
    "image_scanning_configuration": {"scan_on_push": False},
    "encryption_configuration": {"encryption_type": "AES256", "kms_key": None},
    "lifecycle_policy": None,
    "policy": None,
    "tags": {"Environment": "prod"},
}
REPOSITORY_ASKED = {
    "name": "smartscheduler/web",
    "image_tag_mutability": "IMMUTABLE",
    "scan_on_push": "yes",
    "encryption_type": "KMS",
    "kms_key": KMS_KEY,
    "lifecycle_policy": {"rules": [{"rulePriority": 1, "selection": {}, "action": {"type": "expire"}}]},
    "tags": {"Environment": "prod"},
}
DB_SECRET = f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:rds!db-1-AbCdEf"
PROXY = {
    "db_proxy_name": "smartscheduler-prod",
    "status": "available",
    "engine_family": "POSTGRESQL",
    "auth": [{"auth_scheme": "SECRETS", "secret_arn": DB_SECRET, "iam_auth": "DISABLED"}],
    "role_arn": f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-prod-rds-proxy",
    "vpc_subnet_ids": ["subnet-a", "subnet-b"],
    "vpc_security_group_ids": ["sg-db"],
    "require_tls": True,
    "idle_client_timeout": 1800,
    "target_group": {"connection_pool_config": {"max_connections_percent": 90}},
    "targets": [{"rds_resource_id": "smartscheduler-prod", "type": "RDS_INSTANCE", "target_health": {}}],
    "tags": {"Environment": "prod"},
}
PROXY_WANTED = {
    "name": "smartscheduler-prod",
    "engine_family": "MYSQL",
    "auth": [{"secret_arn": DB_SECRET, "iam_auth": "REQUIRED"}],
    "require_tls": "false",
    "idle_client_timeout": "900",
    "vpc_subnet_ids": ["subnet-a"],
    "target_db_instance_identifier": "smartscheduler-other",
    "connection_pool": {"max_connections_percent": "50"},
    "tags": {"Environment": "prod"},
}
PARAMETER_GROUP = {
    "db_parameter_group_name": "smartscheduler-prod-postgres16",
    "parameters": {
        "rds.force_ssl": {"value": "1", "data_type": "boolean"},
        "work_mem": {"value": "4096", "data_type": "integer"},
        "log_statement": {"value": "none", "data_type": "string"},
    },
    "tags": {"Environment": "prod"},
}
PARAMETERS_WANTED = {
    "name": "smartscheduler-prod-postgres16",
    "params": {"rds.force_ssl": "yes", "work_mem": "10M", "log_statement": "all"},
    "tags": {"Environment": "prod"},
}
APPRUNNER_INPUTS = {
    "apprunner_service_name": "smartscheduler-api-prod",
    "apprunner_image_tag": "",
    "apprunner_port": 8080,
    "apprunner_cpu": "0.25 vCPU",
    "apprunner_memory": "4 GB",
    "apprunner_min_size": 1,
    "apprunner_max_size": 5,
    "apprunner_max_concurrency": 100,
    "apprunner_health_check_path": "/health",
    "apprunner_health_check_interval": 10,
    "apprunner_health_check_timeout": 5,
    "apprunner_health_check_healthy_threshold": 1,
    "apprunner_health_check_unhealthy_threshold": 5,
    "apprunner_extra_env": {},
    "apprunner_extra_secrets": {},
}
APPRUNNER = f"arn:aws:apprunner:us-east-1:{ACCOUNT}"
SCALING_ARN = f"{APPRUNNER}:autoscalingconfiguration/smartscheduler-backend"
CONNECTOR_ARN = f"{APPRUNNER}:vpcconnector/smartscheduler-backend-1/1/{'c' * 32}"
SERVICE = {
    "service_name": "smartscheduler-api-prod",
    "service_arn": f"{APPRUNNER}:service/smartscheduler-api-prod/{'a' * 32}",
    "status": "RUNNING",
    "source_configuration": {
        "image_repository": {
            "image_identifier": f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend:1.4.1",
            "image_repository_type": "ECR",
            "image_configuration": {"port": "8080", "runtime_environment_variables": {"DATABASE_PORT": "5432"}},
        },
        "auto_deployments_enabled": False,
        "authentication_configuration": {"access_role_arn": f"arn:aws:iam::{ACCOUNT}:role/ecr-access"},
    },
    "instance_configuration": {"cpu": "1024", "memory": "2048"},
    "auto_scaling_configuration_summary": {"auto_scaling_configuration_arn": f"{SCALING_ARN}/1/{'1' * 32}"},
    "network_configuration": {"egress_configuration": {"egress_type": "VPC", "vpc_connector_arn": CONNECTOR_ARN}},
    "tags": {"Environment": "prod"},
}
SERVICE_WANTED = {
    "name": "smartscheduler-api-prod",
    "source": {"port": "8081", "runtime_environment_variables": {"DATABASE_PORT": 6543}},
    "instance": {"cpu": "2 vCPU", "memory": "4 GB"},
    "auto_scaling_configuration_arn": SCALING_ARN,
    "tags": {"Environment": "prod"},
}
SCALING_REVISIONS = [
    {
        "auto_scaling_configuration_arn": f"{SCALING_ARN}/{revision}/{str(revision) * 32}",
        "auto_scaling_configuration_name": "smartscheduler-backend",
        "auto_scaling_configuration_revision": revision,
        "status": "ACTIVE",
        "min_size": 1,
        "max_size": 5,
        "max_concurrency": 100,
        "tags": {},
    }
    for revision in (1, 2)
]
CONNECTORS = [
    {
        "vpc_connector_name": "smartscheduler-backend-1",
        "vpc_connector_arn": CONNECTOR_ARN,
        "vpc_connector_revision": 1,
        "subnets": ["subnet-a", "subnet-b"],
        "security_groups": ["sg-1"],
        "status": "ACTIVE",
        "tags": {},
    }
]
OBSERVABILITY = [
    {
        "observability_configuration_name": "smartscheduler-prod",
        "observability_configuration_arn": f"{APPRUNNER}:observabilityconfiguration/smartscheduler-prod/1/{'d' * 32}",
        "observability_configuration_revision": 1,
        "trace_configuration": {"vendor": "AWSXRAY"},
        "status": "ACTIVE",
        "tags": {},
    }
]

# (filter file, filter, arguments): each filter whose code path reaches the modules' planning, once, on inputs
# that make it compare (and find differences) rather than return early.
CALLS = [
    ("secretsmanager_secret_drift", "secretsmanager_secret_drift", [[SECRET], SECRET_NAME, {"kms_key_id": "x"}]),
    ("ecr_repository_drift", "ecr_repository_drift", [REPOSITORY, REPOSITORY_ASKED]),
    ("ecr_immutable_errors", "ecr_immutable_errors", [REPOSITORY, REPOSITORY_ASKED]),
    ("rds_proxy_drift", "rds_proxy_drift", [[PROXY], PROXY_WANTED]),
    ("rds_parameter_group_drift", "rds_parameter_group_drift", [[PARAMETER_GROUP], PARAMETERS_WANTED]),
    ("app_tier_input_errors", "apprunner_input_errors", [APPRUNNER_INPUTS]),
    ("apprunner_drift", "apprunner_service_drift", [[SERVICE], SERVICE_WANTED, SCALING_REVISIONS]),
    (
        "apprunner_drift",
        "apprunner_auto_scaling_drift",
        [SCALING_REVISIONS, {"name": "smartscheduler-backend", "max_size": "10", "purge_revisions": True}],
    ),
    (
        "apprunner_drift",
        "apprunner_vpc_connector_drift",
        [CONNECTORS, {"name": "smartscheduler-backend-1", "subnets": ["subnet-c"]}],
    ),
    ("apprunner_drift", "apprunner_observability_drift", [OBSERVABILITY, {"name": "smartscheduler-prod"}]),
]

# Run in the fresh interpreter: import every filter and plugin_utils file, run the calls, print the answers and
# which of botocore and boto3 got imported.
SCRIPT = """
import importlib, json, sys
collections_root, package, files, calls = json.loads(sys.stdin.read())
sys.path.insert(0, collections_root)
for name in files:
    importlib.import_module(f"{package}.{name}")
answers = [getattr(importlib.import_module(f"{package}.filter.{file}"), name)(*args) for file, name, args in calls]
imported = [name for name in ("botocore", "boto3") if name in sys.modules]
print(json.dumps({"answers": answers, "imported": imported}))
"""


def plugin_files():
    """Every filter and plugin_utils file, as module names under the collection's plugins package."""
    return [f"{path.parent.name}.{path.stem}" for folder in ("filter", "plugin_utils") for path in _python(folder)]


def _python(folder):
    return sorted(path for path in (PLUGINS / folder).glob("*.py") if path.stem != "__init__")


def run_filters():
    """What the fresh interpreter printed: the filters' answers, and which of botocore and boto3 it imported."""
    given = json.dumps([str(COLLECTIONS_ROOT), PACKAGE, plugin_files(), CALLS])
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT], input=given, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_the_filters_run_without_importing_botocore_or_boto3():
    result = run_filters()

    assert result["imported"] == []
    # Each call compared for real: every one of them found something to report.
    assert all(result["answers"]), result["answers"]
