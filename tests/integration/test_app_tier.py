"""The app tier (the iam, ecr and apprunner roles, and playbooks/deploy_backend.yml) against the emulator.

prod and dev are the shared environments: site.yml, then the first deploy of an image, which creates the
App Runner service. Every setting is read back with boto3. The deploys that follow (same tag, --check, a
healthy image, an unhealthy one, a failed deployment, a missing tag) run on prod in that order, after the
read-backs; prod runs the healthy image afterwards, as the data tier's re-run tests expect.
"""

import json

import pytest

from .conftest import DEPLOY, DEV_MIGRATION, FIRST_IMAGE_TAG, PROD, deploy_vars, push_image
from .playbook import DEFAULT_STRATEGY, REPO_ROOT, run_playbook
from .secrets_reads import mutating

ACCOUNT = "123456789012"
REPOSITORY = "smartscheduler-backend"
IMAGE_URI = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{REPOSITORY}"
PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
# The only statement of the app tier allowed "Resource": "*": ecr:GetAuthorizationToken has no resource-level
# permissions (the registry login token is account-wide).
# Story 1.9's smoke checks: health, readiness, and the OAuth login's redirect to the provider.
STORY_1_9_CHECKS = [
    {"path": "/health", "status": 200},
    {"path": "/ready", "status": 200},
    {"path": "/auth/google/login", "status": 302, "redirect_to": "https://accounts.google.com"},
]
RESOURCE_STAR_EXCEPTIONS = {("smartscheduler-{env}-apprunner-access", "LogInToTheRegistry")}


def role(emulator, name):
    return emulator.client("iam").get_role(RoleName=name)["Role"]


def role_policy_documents(emulator, name):
    """The documents of the managed policies attached to the role, by policy name."""
    iam = emulator.client("iam")
    documents = {}
    for attached in iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
        policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
        version = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId=policy["DefaultVersionId"])
        documents[attached["PolicyName"]] = version["PolicyVersion"]["Document"]
    return documents


def statements(document):
    return document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]


def service(emulator, env):
    apprunner = emulator.client("apprunner")
    (summary,) = [
        s for s in apprunner.list_services()["ServiceSummaryList"] if s["ServiceName"] == f"smartscheduler-api-{env}"
    ]
    return apprunner.describe_service(ServiceArn=summary["ServiceArn"])["Service"]


def running_image(emulator, env):
    return service(emulator, env)["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"]


def repository(emulator):
    ecr = emulator.client("ecr")
    (found,) = ecr.describe_repositories(repositoryNames=[REPOSITORY])["repositories"]
    lifecycle = json.loads(ecr.get_lifecycle_policy(repositoryName=REPOSITORY)["lifecyclePolicyText"])
    policy = json.loads(ecr.get_repository_policy(repositoryName=REPOSITORY)["policyText"])
    return found, lifecycle, policy


def subnet_ids(emulator, env, tier):
    subnets = emulator.client("ec2").describe_subnets(
        Filters=[{"Name": "tag:Name", "Values": [f"smartscheduler-{env}-{tier}-*"]}]
    )["Subnets"]
    return {subnet["SubnetId"] for subnet in subnets}


def security_group_id(emulator, name):
    (group,) = emulator.client("ec2").describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])[
        "SecurityGroups"
    ]
    return group["GroupId"]


def deploy(emulator, env_fixture, tag, check=False, strategy=None, **more):
    emulator.clear_requests()
    run = run_playbook(
        DEPLOY,
        PROD,
        emulator.env,
        check=check,
        extra_vars=deploy_vars(emulator, env_fixture["extra_vars"], tag, **more),
        strategy=strategy,
    )
    return run, emulator.requests()


def summary_of(run):
    """The deploy's summary (the last debug message that names the deployed image), as one string."""
    messages = [str(result.get("msg", "")) for result in run.results("ansible.builtin.debug")]
    return " ".join(message for message in messages if "Deployed" in message or "runs" in message or "Would" in message)


class TestProdAppTier:
    def test_check_on_the_empty_account_predicts_the_app_tier_and_writes_nothing(self, prod_check):
        changed = prod_check["check"].changed_resources()
        for change in (
            ("amazon.aws.iam_role", "smartscheduler-prod-apprunner-access"),
            ("amazon.aws.iam_role", "smartscheduler-prod-apprunner-instance"),
            ("appstack.aws.ecr_repository", REPOSITORY),
            ("appstack.aws.apprunner_auto_scaling_configuration", "smartscheduler-prod"),
            ("appstack.aws.apprunner_vpc_connector", "smartscheduler-prod"),
            ("appstack.aws.apprunner_observability_configuration", "smartscheduler-prod"),
        ):
            assert change in changed
        assert mutating(prod_check["check_requests"]["calls"]) == []

    def test_the_first_run_builds_everything_but_the_service_and_says_why(self, prod, prod_emulator):
        assert prod["site_outputs"]["apprunner"]["status"] == "NOT_CREATED"
        said = " ".join(str(r.get("msg", "")) for r in prod["run"].results("ansible.builtin.debug"))
        assert "smartscheduler-api-prod is not created: there is no image to run yet" in said
        assert "apprunner:CreateService" not in mutating(prod["requests"]["calls"])

    def test_the_repository_scans_on_push_keeps_tags_immutable_and_encrypts_with_aes256(self, prod, prod_emulator):
        found, _, _ = repository(prod_emulator)
        assert found["imageScanningConfiguration"] == {"scanOnPush": True}
        assert found["imageTagMutability"] == "IMMUTABLE"
        assert found["encryptionConfiguration"]["encryptionType"] == "AES256"
        tags = prod_emulator.client("ecr").list_tags_for_resource(resourceArn=found["repositoryArn"])["tags"]
        assert {"Key": "Environment", "Value": "prod"} in tags

    def test_the_lifecycle_expires_untagged_after_a_day_old_after_30_days_and_keeps_the_last_10(
        self, prod, prod_emulator
    ):
        _, lifecycle, _ = repository(prod_emulator)
        selections = [(rule["rulePriority"], rule["selection"], rule["action"]["type"]) for rule in lifecycle["rules"]]
        assert selections == [
            (
                1,
                {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 1},
                "expire",
            ),
            (
                2,
                {
                    "tagStatus": "tagged",
                    "tagPatternList": ["*"],
                    "countType": "sinceImagePushed",
                    "countUnit": "days",
                    "countNumber": 30,
                },
                "expire",
            ),
            (
                3,
                {"tagStatus": "tagged", "tagPatternList": ["*"], "countType": "imageCountMoreThan", "countNumber": 10},
                "expire",
            ),
        ]

    def test_only_the_access_role_may_pull_from_the_repository(self, prod, prod_emulator):
        _, _, policy = repository(prod_emulator)
        access = role(prod_emulator, "smartscheduler-prod-apprunner-access")["Arn"]
        allow, deny = statements(policy)
        assert (allow["Effect"], allow["Principal"], sorted(allow["Action"])) == (
            "Allow",
            {"AWS": [access]},
            PULL_ACTIONS,
        )
        assert deny["Effect"] == "Deny"
        assert deny["Condition"] == {"StringNotEquals": {"aws:PrincipalArn": [access]}}

    def test_the_access_role_trusts_app_runner_builds_and_pulls_this_repository_only(self, prod, prod_emulator):
        access = role(prod_emulator, "smartscheduler-prod-apprunner-access")
        (trust,) = statements(access["AssumeRolePolicyDocument"])
        assert trust["Principal"] == {"Service": "build.apprunner.amazonaws.com"}
        (document,) = role_policy_documents(prod_emulator, "smartscheduler-prod-apprunner-access").values()
        pull, login = statements(document)
        assert pull["Resource"] == f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/{REPOSITORY}"
        assert sorted(pull["Action"]) == sorted([*PULL_ACTIONS, "ecr:DescribeImages"])
        assert (login["Action"], login["Resource"]) == ("ecr:GetAuthorizationToken", "*")

    def test_the_instance_role_reads_exactly_the_environment_secrets_with_its_key(self, prod, prod_emulator):
        instance = role(prod_emulator, "smartscheduler-prod-apprunner-instance")
        (trust,) = statements(instance["AssumeRolePolicyDocument"])
        assert trust["Principal"] == {"Service": "tasks.apprunner.amazonaws.com"}
        (document,) = role_policy_documents(prod_emulator, "smartscheduler-prod-apprunner-instance").values()
        read, decrypt = statements(document)
        outputs = prod["outputs"]
        expected = set(outputs["secrets"]["secret_arns"].values()) | {outputs["rds"]["master_user_secret_arn"]}
        assert outputs["rds"]["master_user_secret_arn"].split(":secret:")[1].startswith("rds!db-")
        assert (read["Action"], set(read["Resource"])) == ("secretsmanager:GetSecretValue", expected)
        assert (decrypt["Action"], decrypt["Resource"]) == ("kms:Decrypt", outputs["secrets"]["kms_key_arn"])
        assert decrypt["Condition"] == {"StringEquals": {"kms:ViaService": "secretsmanager.us-east-1.amazonaws.com"}}

    def test_the_secrets_let_the_instance_role_read_them(self, prod, prod_emulator):
        secretsmanager = prod_emulator.client("secretsmanager")
        instance = role(prod_emulator, "smartscheduler-prod-apprunner-instance")["Arn"]
        for arn in prod["outputs"]["secrets"]["secret_arns"].values():
            policy = json.loads(secretsmanager.get_resource_policy(SecretId=arn)["ResourcePolicy"])
            assert statements(policy)[0]["Principal"] == {"AWS": [instance]}, arn

    def test_no_policy_grants_every_resource_but_where_aws_requires_it(self, prod, prod_emulator):
        stars = set()
        for name in ("smartscheduler-prod-apprunner-access", "smartscheduler-prod-apprunner-instance"):
            for document in role_policy_documents(prod_emulator, name).values():
                for statement in statements(document):
                    if statement["Effect"] == "Allow" and statement["Resource"] == "*":
                        stars.add((name, statement["Sid"]))
        assert stars == {(name.format(env="prod"), sid) for name, sid in RESOURCE_STAR_EXCEPTIONS}

    def test_the_first_deploy_creates_the_service_with_the_image_on_port_8080(self, prod, prod_emulator):
        found = service(prod_emulator, "prod")
        image = found["SourceConfiguration"]["ImageRepository"]
        assert (image["ImageIdentifier"], image["ImageRepositoryType"]) == (f"{IMAGE_URI}:{FIRST_IMAGE_TAG}", "ECR")
        assert image["ImageConfiguration"]["Port"] == "8080"
        assert found["SourceConfiguration"]["AutoDeploymentsEnabled"] is False
        assert (
            found["SourceConfiguration"]["AuthenticationConfiguration"]["AccessRoleArn"]
            == role(prod_emulator, "smartscheduler-prod-apprunner-access")["Arn"]
        )
        assert found["Status"] == "RUNNING"
        assert "apprunner:CreateService" in mutating(prod["deploy_requests"]["calls"])

    def test_the_service_gets_the_database_and_the_secrets_as_story_1_5_asks(self, prod, prod_emulator):
        configuration = service(prod_emulator, "prod")["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"]
        rds = prod["outputs"]["rds"]
        assert configuration["RuntimeEnvironmentVariables"] == {
            "ASPNETCORE_ENVIRONMENT": "Production",
            "DATABASE_HOST": rds["proxy_endpoint"],
            "DATABASE_PORT": "5432",
            "DATABASE_NAME": "smartscheduler",
            # prod's cache (tests/integration/test_cache_tier.py reads it back).
            "REDIS_HOST": prod["outputs"]["cache"]["primary_endpoint"],
            "REDIS_PORT": "6379",
            "REDIS_TLS": "true",
        }
        managed = rds["master_user_secret_arn"]
        assert configuration["RuntimeEnvironmentSecrets"] == {
            "DATABASE_USER": f"{managed}:username::",
            "DATABASE_PASSWORD": f"{managed}:password::",
            "JWT_SECRET": prod["outputs"]["secrets"]["jwt_signing_key_arn"],
            "REDIS_AUTH_TOKEN": prod["outputs"]["secrets"]["cache_auth_token_arn"],
        }

    def test_the_service_scales_1_to_5_at_100_and_checks_health_every_10_s(self, prod, prod_emulator):
        found = service(prod_emulator, "prod")
        summary = found["AutoScalingConfigurationSummary"]
        scaling = prod_emulator.client("apprunner").describe_auto_scaling_configuration(
            AutoScalingConfigurationArn=summary["AutoScalingConfigurationArn"]
        )["AutoScalingConfiguration"]
        assert (
            scaling["AutoScalingConfigurationName"],
            scaling["MinSize"],
            scaling["MaxSize"],
            scaling["MaxConcurrency"],
        ) == ("smartscheduler-prod", 1, 5, 100)
        assert found["HealthCheckConfiguration"] == {
            "Protocol": "HTTP",
            "Path": "/health",
            "Interval": 10,
            "Timeout": 5,
            "HealthyThreshold": 1,
            "UnhealthyThreshold": 3,
        }
        assert (found["InstanceConfiguration"]["Cpu"], found["InstanceConfiguration"]["Memory"]) == ("1024", "2048")
        assert (
            found["InstanceConfiguration"]["InstanceRoleArn"]
            == role(prod_emulator, "smartscheduler-prod-apprunner-instance")["Arn"]
        )
        assert found["ObservabilityConfiguration"]["ObservabilityEnabled"] is True

    def test_the_service_reaches_the_vpc_through_the_app_subnets_and_security_group(self, prod, prod_emulator):
        egress = service(prod_emulator, "prod")["NetworkConfiguration"]["EgressConfiguration"]
        assert egress["EgressType"] == "VPC"
        connector = prod_emulator.client("apprunner").describe_vpc_connector(VpcConnectorArn=egress["VpcConnectorArn"])[
            "VpcConnector"
        ]
        assert set(connector["Subnets"]) == subnet_ids(prod_emulator, "prod", "app")
        assert connector["SecurityGroups"] == [security_group_id(prod_emulator, "smartscheduler-prod-app")]

    def test_the_outputs_give_the_service_url_arn_status_and_image(self, prod, prod_emulator):
        found = service(prod_emulator, "prod")
        outputs = prod["outputs"]["apprunner"]
        assert (outputs["service_url"], outputs["service_arn"], outputs["status"]) == (
            found["ServiceUrl"],
            found["ServiceArn"],
            "RUNNING",
        )
        assert outputs["image"] == f"{IMAGE_URI}:{FIRST_IMAGE_TAG}"
        assert prod["outputs"]["ecr"]["repository_uri"] == IMAGE_URI

    def test_readme_lists_every_permission_the_app_tier_uses(self, prod):
        documented = set()
        for name in ("iam", "ecr", "apprunner", "deploy_backend"):
            documented |= {
                line.split("`")[1]
                for line in (REPO_ROOT / "roles" / name / "README.md").read_text().splitlines()
                if line.startswith("- `") and ":" in line.split("`")[1]
            }
        used = {
            f"{call['service']}:{call['operation']}"
            for requests in (prod["requests"], prod["deploy_requests"])
            for call in requests["calls"]
            if call["service"] in ("ecr", "apprunner")
        }
        assert used and used - documented == set()


@pytest.mark.usefixtures("prod")
class TestDeploys:
    """In order: each deploy starts from what the one before left."""

    def test_the_same_tag_again_changes_nothing(self, prod, prod_emulator):
        run, requests = deploy(prod_emulator, prod, FIRST_IMAGE_TAG)
        assert not run.failed, run.outcome()
        assert run.changed == 0
        assert mutating(requests["calls"]) == []
        assert "runs " + f"{IMAGE_URI}:{FIRST_IMAGE_TAG} already" in summary_of(run)

    def test_a_missing_tag_fails_before_any_change_naming_the_repository_and_its_tags(self, prod, prod_emulator):
        run, requests = deploy(prod_emulator, prod, "no-such-tag")
        assert run.failed
        message = run.failure_messages()
        assert f"image_tag no-such-tag is not in the ECR repository {REPOSITORY}" in message
        assert f"its most recent tags: {FIRST_IMAGE_TAG}" in message
        assert mutating(requests["calls"]) == []

    def test_a_tag_with_invalid_characters_fails_before_any_call(self, prod, prod_emulator):
        run, requests = deploy(prod_emulator, prod, "v1;rm -rf")
        assert run.failed
        assert "image_tag must be an image tag of 1 to 128 letters" in run.failure_messages()
        assert requests["total"] == 0

    def test_check_says_which_image_would_be_deployed_and_changes_nothing(self, prod, prod_emulator):
        push_image(prod_emulator, "2b7d9e4")
        run, requests = deploy(prod_emulator, prod, "2b7d9e4", check=True)
        assert not run.failed, run.outcome()
        assert f"Would deploy {IMAGE_URI}:2b7d9e4" in summary_of(run)
        assert f"now running {IMAGE_URI}:{FIRST_IMAGE_TAG}" in summary_of(run)
        assert mutating(requests["calls"]) == []
        assert running_image(prod_emulator, "prod") == f"{IMAGE_URI}:{FIRST_IMAGE_TAG}"

    def test_a_healthy_image_is_deployed_and_the_summary_shows_both_images(self, prod, prod_emulator):
        """With story 1.9's checks: the OAuth login answers 302 to Google."""
        prod_emulator.set_image_answers(
            f"{IMAGE_URI}:2b7d9e4",
            {"/auth/google/login": {"status": 302, "location": "https://accounts.google.com/o/oauth2/v2/auth"}},
        )
        run, requests = deploy(prod_emulator, prod, "2b7d9e4", deploy_backend_smoke_checks=STORY_1_9_CHECKS)
        assert not run.failed, run.outcome()
        assert running_image(prod_emulator, "prod") == f"{IMAGE_URI}:2b7d9e4"
        summary = summary_of(run)
        assert f"Deployed {IMAGE_URI}:2b7d9e4" in summary
        assert f"Before: {IMAGE_URI}:{FIRST_IMAGE_TAG}" in summary
        assert "PASS /health: got 200" in summary and "PASS /ready: got 200" in summary
        assert "PASS /auth/google/login: got 302 to https://accounts.google.com/o/oauth2/v2/auth" in summary
        # The published outputs follow: the image the service runs, as a value and in the app tier's record.
        assert mutating(requests["calls"]) == ["apprunner:UpdateService", "ssm:PutParameter", "ssm:PutParameter"]

    def test_an_unhealthy_image_is_rolled_back_and_fails_the_play_saying_why(self, prod, prod_emulator):
        push_image(prod_emulator, "3c1e0f7")
        prod_emulator.set_image_answers(f"{IMAGE_URI}:3c1e0f7", {"/health": {"status": 500}})
        # The rescue that rolls back, under the default strategy, as a user's deploy runs it.
        run, requests = deploy(
            prod_emulator, prod, "3c1e0f7", strategy=DEFAULT_STRATEGY, deploy_backend_smoke_checks=STORY_1_9_CHECKS
        )
        assert run.failed
        message = run.failure_messages()
        assert f"The deploy of {IMAGE_URI}:3c1e0f7 to smartscheduler-api-prod failed: FAIL /health: got 500" in message
        assert f"The service runs {IMAGE_URI}:2b7d9e4 again; its smoke checks: PASS /health: got 200" in message
        # The new image has no OAuth login either: every failed check is named.
        assert "FAIL /auth/google/login: got 404, expected 302 to https://accounts.google.com" in message
        assert running_image(prod_emulator, "prod") == f"{IMAGE_URI}:2b7d9e4"
        assert mutating(requests["calls"]) == ["apprunner:UpdateService", "apprunner:UpdateService"]

    def test_a_failed_deployment_is_reported_and_the_service_keeps_its_image(self, prod, prod_emulator):
        push_image(prod_emulator, "5e3a2b9")
        prod_emulator.fail_next_deployment(f"{IMAGE_URI}:5e3a2b9")
        run, requests = deploy(prod_emulator, prod, "5e3a2b9")
        assert run.failed
        message = run.failure_messages()
        assert f"App Runner's deployment of {IMAGE_URI}:5e3a2b9 ended ROLLBACK_SUCCEEDED" in message
        assert f"The service runs {IMAGE_URI}:2b7d9e4 again" in message
        assert running_image(prod_emulator, "prod") == f"{IMAGE_URI}:2b7d9e4"
        # App Runner rolled back by itself: no second update.
        assert mutating(requests["calls"]) == ["apprunner:UpdateService"]

    def test_a_converge_without_an_image_tag_keeps_the_image_the_service_runs(self, prod, prod_emulator):
        """The app tier alone (--tags app), its data tier outputs from the environment's record."""
        prod_emulator.clear_requests()
        run = run_playbook("site.yml", PROD, prod_emulator.env, extra_vars=prod["extra_vars"], tags=["app"])
        assert not run.failed, run.outcome()
        assert run.changed_resources() == []
        assert mutating(prod_emulator.requests()["calls"]) == []
        assert running_image(prod_emulator, "prod") == f"{IMAGE_URI}:2b7d9e4"


class TestDevAppTier:
    def test_dev_runs_the_smallest_instances_and_lets_tags_move(self, dev, dev_emulator):
        found = service(dev_emulator, "dev")
        assert (found["InstanceConfiguration"]["Cpu"], found["InstanceConfiguration"]["Memory"]) == ("256", "512")
        configuration = found["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"]
        assert configuration["RuntimeEnvironmentVariables"]["ASPNETCORE_ENVIRONMENT"] == "Development"
        # dev keeps its password in the credentials secret, and has no proxy.
        credentials = dev["outputs"]["secrets"]["db_credentials_arn"]
        assert configuration["RuntimeEnvironmentSecrets"]["DATABASE_PASSWORD"] == f"{credentials}:password::"
        assert configuration["RuntimeEnvironmentVariables"]["DATABASE_HOST"] == dev["outputs"]["rds"]["endpoint_host"]
        (repo,) = dev_emulator.client("ecr").describe_repositories(repositoryNames=[REPOSITORY])["repositories"]
        assert repo["imageTagMutability"] == "MUTABLE"
        scaling = dev_emulator.client("apprunner").describe_auto_scaling_configuration(
            AutoScalingConfigurationArn=found["AutoScalingConfigurationSummary"]["AutoScalingConfigurationArn"]
        )["AutoScalingConfiguration"]
        assert (scaling["MinSize"], scaling["MaxSize"]) == (1, 2)
        assert found["ObservabilityConfiguration"]["ObservabilityEnabled"] is False

    def test_the_first_deploy_migrates_in_a_fargate_task_before_app_runner_creates_the_service(self, dev, dev_emulator):
        calls = mutating(dev["deploy_requests"]["calls"])
        assert calls.index("ecs:RunTask") < calls.index("apprunner:CreateService")
        ecs = dev_emulator.client("ecs")
        (task_arn,) = ecs.list_tasks(cluster="smartscheduler-dev", desiredStatus="STOPPED")["taskArns"]
        (task,) = ecs.describe_tasks(cluster="smartscheduler-dev", tasks=[task_arn])["tasks"]
        assert task["containers"][0]["exitCode"] == 0
        assert task["overrides"]["containerOverrides"][0]["command"] == DEV_MIGRATION
        definition = ecs.describe_task_definition(taskDefinition=task["taskDefinitionArn"])["taskDefinition"]
        assert definition["family"] == "smartscheduler-migrate-dev"
        assert definition["containerDefinitions"][0]["image"] == f"{IMAGE_URI}:{FIRST_IMAGE_TAG}"
        assert definition["executionRoleArn"] == dev["outputs"]["iam"]["ecs_execution_role_arn"]
        logs = definition["containerDefinitions"][0]["logConfiguration"]["options"]["awslogs-group"]
        (document,) = role_policy_documents(dev_emulator, "smartscheduler-dev-ecs-execution").values()
        [writes] = [statement for statement in statements(document) if statement["Sid"] == "WriteTheTaskLogs"]
        assert writes["Resource"] == [f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{logs}:*"]

    def test_the_instance_role_of_dev_reads_dev_secrets_only(self, dev, dev_emulator):
        (document,) = role_policy_documents(dev_emulator, "smartscheduler-dev-apprunner-instance").values()
        read = statements(document)[0]
        assert set(read["Resource"]) == set(dev["outputs"]["secrets"]["secret_arns"].values())


def test_an_account_closed_to_app_runner_fails_before_anything_is_created(emulator, tmp_path):
    emulator.configure(apprunner_account_blocked=True)
    run = run_playbook(
        "site.yml", "inventories/local", emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path)}
    )
    assert run.failed
    message = run.failure_messages()
    assert (
        "App Runner is closed to new accounts (AWS stopped taking new App Runner customers on 30 April 2026)" in message
    )
    assert "AccessDeniedException" in message
    assert "Run the backend on ECS Fargate behind an ALB instead" in message
    requests = emulator.requests()
    assert mutating(requests["calls"]) == []
    # The first App Runner call is the one that finds it.
    apprunner_calls = [call["operation"] for call in requests["calls"] if call["service"] == "apprunner"]
    assert apprunner_calls == ["ListServices"]
    emulator.configure(apprunner_account_blocked=False)
    apprunner = emulator.client("apprunner")
    assert apprunner.list_services()["ServiceSummaryList"] == []
    assert apprunner.list_vpc_connectors()["VpcConnectors"] == []
    assert emulator.client("ecr").describe_repositories()["repositories"] == []
    assert emulator.client("iam").list_roles()["Roles"] == []


def test_bad_app_tier_input_fails_before_any_call_naming_each_variable(emulator, tmp_path):
    bad = {
        "appstack_outputs_dir": str(tmp_path),
        "apprunner_min_size": 6,
        "apprunner_max_concurrency": 300,
        "apprunner_memory": "8 GB",
        "apprunner_health_check_interval": 30,
        "apprunner_image_tag": "v1 beta",
        "apprunner_extra_env": {"JWT_SECRET": "in plain sight"},
        "ecr_lifecycle_keep_tagged_images": 0,
        "ecr_lifecycle_untagged_expiry_days": -1,
    }
    run = run_playbook("site.yml", "inventories/local", emulator.env, extra_vars=bad)
    assert run.failed
    message = run.failure_messages()
    for fragment in (
        # The inventory sets the shared inputs the role's variables default to: the messages name those.
        "apprunner_min_size (6) must not exceed appstack_backend_max_capacity (2)",
        "apprunner_max_concurrency must be a whole number from 1 to 200; got 300",
        "apprunner_memory 8192 MB is not allowed with appstack_backend_cpu 256",
        "apprunner_health_check_interval must be a whole number from 1 to 20; got 30",
        "apprunner_image_tag must be an image tag",
        "apprunner_extra_env and appstack_backend_secrets both set ['JWT_SECRET']",
        "ecr_lifecycle_keep_tagged_images must be a whole number from 1 to 10000; got 0",
        "ecr_lifecycle_untagged_expiry_days must be a whole number from 1 to 10000; got -1",
    ):
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0


class TestSharedRepository:
    """prod owns smartscheduler-backend; dev, in the same account, uses it (ecr_repository_owner: false)."""

    PLAYBOOK = "tests/integration/playbooks/app_registry.yml"
    DEV_PULL_ROLE = f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-dev-apprunner-access"

    def run(self, emulator, inventory, tmp_path, **extra):
        emulator.clear_requests()
        return run_playbook(
            self.PLAYBOOK, inventory, emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path), **extra}
        )

    def test_a_user_environment_needs_the_owner_and_a_place_in_its_policy(self, emulator, tmp_path):
        early = self.run(emulator, "inventories/dev", tmp_path, ecr_repository_owner=False)
        assert early.failed
        assert "the repository smartscheduler-backend does not exist, and this environment only uses it" in (
            early.failure_messages()
        )
        assert mutating(emulator.requests()["calls"]) == []

        owner = self.run(emulator, PROD, tmp_path)
        assert not owner.failed, owner.outcome()
        user = self.run(emulator, "inventories/dev", tmp_path, ecr_repository_owner=False)
        assert user.failed
        assert f"its policy does not let {self.DEV_PULL_ROLE} pull: add them to ecr_extra_pull_principal_arns" in (
            user.failure_messages()
        )
        assert "ecr:SetRepositoryPolicy" not in mutating(emulator.requests()["calls"])

        owner = self.run(emulator, PROD, tmp_path, ecr_extra_pull_principal_arns=[self.DEV_PULL_ROLE])
        assert not owner.failed, owner.outcome()
        user = self.run(emulator, "inventories/dev", tmp_path, ecr_repository_owner=False)
        assert not user.failed, user.outcome()
        assert user.changed == 0
        # The user environment never writes the repository: the owner's settings and policy stay.
        found, _, policy = repository(emulator)
        assert found["imageTagMutability"] == "IMMUTABLE"
        assert sorted(statements(policy)[0]["Principal"]["AWS"]) == sorted(
            [f"arn:aws:iam::{ACCOUNT}:role/smartscheduler-prod-apprunner-access", self.DEV_PULL_ROLE]
        )
        assert not [c for c in mutating(emulator.requests()["calls"]) if c.startswith("ecr:")]
