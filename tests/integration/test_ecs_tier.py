"""prod on ECS Fargate behind an application load balancer (appstack_compute: ecs_fargate), read back with boto3.

``prod_ecs`` is prod's inventory with the compute switch and a certificate for api.smartscheduler.example.com: a
--check on the empty account, one real run of site.yml (everything but the task definition and the service: there is
no image yet), then the first deploy, which creates them. Then a re-run that must change nothing, a --check of the
converged account, and the deploy of an image whose smoke checks fail, which rolls back.
"""

import json

from .conftest import DEPLOY, FIRST_IMAGE_TAG, PROD, push_image
from .playbook import DEFAULT_STRATEGY, run_playbook
from .secrets_reads import mutating
from .test_app_tier import role, role_policy_documents, statements
from .test_data_tier import documented_permissions

ACCOUNT = "123456789012"
NAME = "smartscheduler-prod"
SERVICE = "smartscheduler-api-prod"
LOG_GROUP = f"/ecs/{SERVICE}"
IMAGE_URI = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def balancer(emulator):
    (found,) = emulator.client("elbv2").describe_load_balancers(Names=[NAME])["LoadBalancers"]
    return found


def listeners(emulator):
    arn = balancer(emulator)["LoadBalancerArn"]
    return {
        item["Port"]: item for item in emulator.client("elbv2").describe_listeners(LoadBalancerArn=arn)["Listeners"]
    }


def target_group(emulator):
    (found,) = emulator.client("elbv2").describe_target_groups(Names=[SERVICE])["TargetGroups"]
    return found


def ecs_service(emulator):
    (found,) = emulator.client("ecs").describe_services(cluster=NAME, services=[SERVICE])["services"]
    return found


def task_definition(emulator, arn=None):
    arn = arn or ecs_service(emulator)["taskDefinition"]
    return emulator.client("ecs").describe_task_definition(taskDefinition=arn)["taskDefinition"]


def revisions(emulator):
    return emulator.client("ecs").list_task_definitions(familyPrefix=SERVICE)["taskDefinitionArns"]


def network_ids(emulator):
    ec2 = emulator.client("ec2")

    def subnets(tier):
        found = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [f"{NAME}-{tier}-*"]}])["Subnets"]
        return {subnet["SubnetId"] for subnet in found}

    def group(name):
        (found,) = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])["SecurityGroups"]
        return found["GroupId"]

    return {
        "app": subnets("app"),
        "public": subnets("public"),
        "app_sg": group(f"{NAME}-app"),
        "alb_sg": group(f"{NAME}-alb"),
    }


class TestProdOnEcs:
    def test_check_on_the_empty_account_predicts_the_tier_and_sends_no_mutating_call(self, prod_ecs):
        check = prod_ecs["check"]
        assert not check.failed, check.outcome()
        changed = check.changed_resources()
        for change in (
            ("appstack.aws.elbv2_load_balancer", NAME),
            ("appstack.aws.elbv2_target_group", SERVICE),
            ("appstack.aws.ecs_cluster", NAME),
        ):
            assert change in changed, changed
        assert mutating(prod_ecs["check_requests"]["calls"]) == []

    def test_the_first_run_builds_no_app_runner_service_and_no_task_yet(self, prod_ecs):
        calls = prod_ecs["requests"]["calls"]
        # One read looks for an App Runner service of an earlier compute choice; nothing of App Runner is written.
        assert [call for call in mutating(calls) if call.startswith("apprunner:")] == []
        assert "ecs:CreateService" not in mutating(calls)
        assert "ecs:RegisterTaskDefinition" not in mutating(calls)
        assert "ecs:CreateService" in mutating(prod_ecs["deploy_requests"]["calls"])

    def test_the_load_balancer_is_internet_facing_in_the_public_subnets_and_hardened(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        found = balancer(emulator)
        ids = network_ids(emulator)
        assert found["Scheme"] == "internet-facing"
        assert found["Type"] == "application"
        assert {zone["SubnetId"] for zone in found["AvailabilityZones"]} == ids["public"]
        assert found["SecurityGroups"] == [ids["alb_sg"]]
        attributes = {
            item["Key"]: item["Value"]
            for item in emulator.client("elbv2").describe_load_balancer_attributes(
                LoadBalancerArn=found["LoadBalancerArn"]
            )["Attributes"]
        }
        assert attributes["routing.http.drop_invalid_header_fields.enabled"] == "true"
        assert attributes["deletion_protection.enabled"] == "true"
        assert attributes["access_logs.s3.enabled"] == "true"
        assert attributes["access_logs.s3.bucket"] == prod_ecs["outputs"]["s3_cloudfront"]["log_bucket_name"]

    def test_http_redirects_to_https_which_forwards_with_the_tls13_policy_and_the_certificate(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        by_port = listeners(emulator)
        # 8443: the test listener of the blue/green deployments.
        assert set(by_port) == {80, 443, 8443}
        [redirect] = by_port[80]["DefaultActions"]
        assert redirect["Type"] == "redirect"
        assert redirect["RedirectConfig"]["Protocol"] == "HTTPS"
        assert redirect["RedirectConfig"]["Port"] == "443"
        assert redirect["RedirectConfig"]["StatusCode"] == "HTTP_301"
        https = by_port[443]
        assert https["Protocol"] == "HTTPS"
        assert https["SslPolicy"] == TLS_POLICY
        [certificate] = https["Certificates"]
        described = emulator.client("acm").describe_certificate(CertificateArn=certificate["CertificateArn"])
        assert described["Certificate"]["DomainName"] == "api.smartscheduler.example.com"
        [forward] = https["DefaultActions"]
        assert forward["Type"] == "forward"
        assert forward["TargetGroupArn"] == target_group(emulator)["TargetGroupArn"]

    def test_the_target_group_checks_the_health_path_of_the_container_port(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        found = target_group(emulator)
        assert (found["TargetType"], found["Protocol"], found["Port"]) == ("ip", "HTTP", 8080)
        assert found["HealthCheckPath"] == "/health"
        assert found["HealthCheckIntervalSeconds"] == 30
        attributes = {
            item["Key"]: item["Value"]
            for item in emulator.client("elbv2").describe_target_group_attributes(
                TargetGroupArn=found["TargetGroupArn"]
            )["Attributes"]
        }
        assert attributes["deregistration_delay.timeout_seconds"] == "30"

    def test_the_cluster_has_container_insights(self, prod_ecs):
        (cluster,) = (
            prod_ecs["emulator"].client("ecs").describe_clusters(clusters=[NAME], include=["SETTINGS"])["clusters"]
        )
        assert {"name": "containerInsights", "value": "enabled"} in cluster["settings"]

    def test_the_task_definition_runs_the_image_with_the_database_secrets_and_logs(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        definition = task_definition(emulator)
        assert definition["family"] == SERVICE
        assert definition["requiresCompatibilities"] == ["FARGATE"]
        assert definition["networkMode"] == "awsvpc"
        assert (definition["cpu"], definition["memory"]) == ("1024", "2048")
        assert definition["executionRoleArn"] == prod_ecs["outputs"]["iam"]["ecs_execution_role_arn"]
        [container] = definition["containerDefinitions"]
        assert container["image"] == f"{IMAGE_URI}:{FIRST_IMAGE_TAG}"
        assert container["portMappings"][0]["containerPort"] == 8080
        assert not container.get("privileged", False)
        env = {item["name"]: item["value"] for item in container["environment"]}
        rds = prod_ecs["outputs"]["rds"]
        assert env["DATABASE_HOST"] == rds["env"]["DATABASE_HOST"]
        assert env["ASPNETCORE_ENVIRONMENT"] == "Production"
        secrets = {item["name"]: item["valueFrom"] for item in container["secrets"]}
        # prod's rds_managed mode: the password is RDS's own secret, referenced by its JSON key.
        assert secrets["DATABASE_PASSWORD"] == f"{rds['password_secret_arn']}:password::"
        assert secrets["JWT_SECRET"] == prod_ecs["outputs"]["secrets"]["jwt_signing_key_arn"]
        logs = container["logConfiguration"]
        assert logs["logDriver"] == "awslogs"
        assert logs["options"]["awslogs-group"] == LOG_GROUP
        assert container["healthCheck"]["command"][0] == "CMD-SHELL"
        assert "http://localhost:8080/health" in container["healthCheck"]["command"][-1]

    def test_the_service_runs_in_the_app_subnets_without_public_ip_behind_the_target_group(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        found = ecs_service(emulator)
        ids = network_ids(emulator)
        network = found["networkConfiguration"]["awsvpcConfiguration"]
        assert set(network["subnets"]) == ids["app"]
        assert network["securityGroups"] == [ids["app_sg"]]
        assert network["assignPublicIp"] == "DISABLED"
        deployment = found["deploymentConfiguration"]
        assert deployment["deploymentCircuitBreaker"] == {"enable": True, "rollback": True}
        assert (deployment["minimumHealthyPercent"], deployment["maximumPercent"]) == (100, 200)
        assert found["healthCheckGracePeriodSeconds"] == 60
        assert found["enableExecuteCommand"] is False
        [registered] = found["loadBalancers"]
        assert registered["targetGroupArn"] == target_group(emulator)["TargetGroupArn"]
        assert (registered["containerName"], registered["containerPort"]) == ("api", 8080)

    def test_blue_green_deployments_shift_between_two_target_groups_through_listener_rules(self, prod_ecs):
        emulator, outputs = prod_ecs["emulator"], prod_ecs["outputs"]
        found = ecs_service(emulator)
        assert found["deploymentConfiguration"]["strategy"] == "BLUE_GREEN"
        assert found["deploymentConfiguration"]["bakeTimeInMinutes"] == 5
        [registered] = found["loadBalancers"]
        advanced = registered["advancedConfiguration"]
        alb = outputs["alb"]
        assert advanced == {
            "alternateTargetGroupArn": alb["alternate_target_group_arn"],
            "productionListenerRule": alb["production_listener_rule_arn"],
            "testListenerRule": alb["test_listener_rule_arn"],
            "roleArn": outputs["iam"]["ecs_infrastructure_role_arn"],
        }
        elbv2 = emulator.client("elbv2")
        for port, rule_arn in ((443, alb["production_listener_rule_arn"]), (8443, alb["test_listener_rule_arn"])):
            rules = elbv2.describe_rules(ListenerArn=listeners(emulator)[port]["ListenerArn"])["Rules"]
            [rule] = [rule for rule in rules if rule["RuleArn"] == rule_arn]
            [forward] = rule["Actions"]
            weights = {group["TargetGroupArn"]: group["Weight"] for group in forward["ForwardConfig"]["TargetGroups"]}
            assert weights == {alb["target_group_arn"]: 100, alb["alternate_target_group_arn"]: 0}, port
        infrastructure = outputs["iam"]["ecs_infrastructure_role_arn"].split("/")[-1]
        (trust,) = statements(role(emulator, infrastructure)["AssumeRolePolicyDocument"])
        assert trust["Principal"] == {"Service": "ecs.amazonaws.com"}
        attached = emulator.client("iam").list_attached_role_policies(RoleName=infrastructure)["AttachedPolicies"]
        assert [policy["PolicyName"] for policy in attached] == ["AmazonECSInfrastructureRolePolicyForLoadBalancers"]

    def test_autoscaling_tracks_cpu_70_and_memory_80_between_1_and_5_tasks(self, prod_ecs):
        autoscaling = prod_ecs["emulator"].client("application-autoscaling")
        resource = f"service/{NAME}/{SERVICE}"
        (target,) = autoscaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource])[
            "ScalableTargets"
        ]
        assert (target["MinCapacity"], target["MaxCapacity"]) == (1, 5)
        policies = autoscaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource)["ScalingPolicies"]
        targets = {
            policy["TargetTrackingScalingPolicyConfiguration"]["PredefinedMetricSpecification"][
                "PredefinedMetricType"
            ]: policy["TargetTrackingScalingPolicyConfiguration"]["TargetValue"]
            for policy in policies
        }
        assert targets == {"ECSServiceAverageCPUUtilization": 70.0, "ECSServiceAverageMemoryUtilization": 80.0}

    def test_the_distribution_sends_the_api_path_to_the_load_balancer(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        distribution_id = prod_ecs["outputs"]["s3_cloudfront"]["distribution_id"]
        config = emulator.client("cloudfront").get_distribution_config(Id=distribution_id)["DistributionConfig"]
        [api] = [b for b in config["CacheBehaviors"]["Items"] if b["PathPattern"] == "/api/*"]
        [origin] = [o for o in config["Origins"]["Items"] if o["Id"] == api["TargetOriginId"]]
        assert origin["DomainName"] == "api.smartscheduler.example.com"
        assert origin["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"

    def test_the_outputs_name_the_load_balancer_and_the_service(self, prod_ecs):
        alb, ecs = prod_ecs["outputs"]["alb"], prod_ecs["outputs"]["ecs"]
        emulator = prod_ecs["emulator"]
        assert alb["dns_name"] == balancer(emulator)["DNSName"]
        assert alb["https_listener_arn"] == listeners(emulator)[443]["ListenerArn"]
        assert alb["target_group_arn"] == target_group(emulator)["TargetGroupArn"]
        assert ecs["cluster_name"] == NAME
        assert ecs["service_arn"] == ecs_service(emulator)["serviceArn"]
        assert ecs["task_definition_arn"] == ecs_service(emulator)["taskDefinition"]
        assert ecs["log_group_name"] == LOG_GROUP

    def test_the_execution_role_pulls_this_repository_writes_this_log_group_and_reads_exactly_these_secrets(
        self, prod_ecs
    ):
        emulator, outputs = prod_ecs["emulator"], prod_ecs["outputs"]
        execution = role(emulator, f"{NAME}-ecs-execution")
        (trust,) = statements(execution["AssumeRolePolicyDocument"])
        assert trust["Principal"] == {"Service": "ecs-tasks.amazonaws.com"}
        assert trust["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}}
        (document,) = role_policy_documents(emulator, f"{NAME}-ecs-execution").values()
        by_sid = {statement["Sid"]: statement for statement in statements(document)}
        assert set(by_sid) == {
            "LogInToTheRegistry",
            "PullFromTheRepository",
            "WriteTheTaskLogs",
            "ReadTheEnvironmentSecrets",
            "DecryptThemThroughSecretsManager",
        }
        assert by_sid["LogInToTheRegistry"] == {
            "Sid": "LogInToTheRegistry",
            "Effect": "Allow",
            "Action": "ecr:GetAuthorizationToken",
            "Resource": "*",
        }
        assert by_sid["PullFromTheRepository"]["Resource"] == outputs["ecr"]["repository_arn"]
        assert by_sid["WriteTheTaskLogs"]["Action"] == ["logs:CreateLogStream", "logs:PutLogEvents"]
        assert by_sid["WriteTheTaskLogs"]["Resource"] == [f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:{LOG_GROUP}:*"]
        expected = set(outputs["secrets"]["secret_arns"].values()) | {outputs["rds"]["master_user_secret_arn"]}
        read = by_sid["ReadTheEnvironmentSecrets"]
        assert (read["Action"], set(read["Resource"])) == ("secretsmanager:GetSecretValue", expected)
        decrypt = by_sid["DecryptThemThroughSecretsManager"]
        assert (decrypt["Action"], decrypt["Resource"]) == ("kms:Decrypt", outputs["secrets"]["kms_key_arn"])
        # The secrets' own policies let the execution role in.
        secretsmanager = emulator.client("secretsmanager")
        for arn in outputs["secrets"]["secret_arns"].values():
            policy = json.loads(secretsmanager.get_resource_policy(SecretId=arn)["ResourcePolicy"])
            assert execution["Arn"] in statements(policy)[0]["Principal"]["AWS"], arn

    def test_the_task_role_has_no_permission_the_inventory_did_not_grant(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        iam = emulator.client("iam")
        task_role = role(emulator, f"{NAME}-ecs-task")
        assert task_role["Arn"] == task_definition(emulator)["taskRoleArn"]
        assert iam.list_attached_role_policies(RoleName=f"{NAME}-ecs-task")["AttachedPolicies"] == []
        assert iam.list_role_policies(RoleName=f"{NAME}-ecs-task")["PolicyNames"] == []

    def test_the_readmes_list_every_permission_the_build_and_the_first_deploy_use(self, prod_ecs):
        documented = set().union(
            *(
                documented_permissions(name)
                for name in (
                    "network",
                    "secrets",
                    "rds",
                    "cache",
                    "iam",
                    "ecr",
                    "alb",
                    "ecs",
                    "s3_cloudfront",
                    "monitoring",
                    "deploy_backend",
                    # The record of the outputs: published in SSM, and the search for orphans.
                    "teardown",
                )
            )
        )
        calls = (
            prod_ecs["check_requests"]["calls"] + prod_ecs["requests"]["calls"] + prod_ecs["deploy_requests"]["calls"]
        )
        used = {f"{call['service']}:{call['operation']}" for call in calls}
        tier = {permission for permission in used if permission.split(":")[0] in ("ecs", "elasticloadbalancing")}
        assert (
            tier
            - documented_permissions("alb")
            - documented_permissions("ecs")
            - documented_permissions("deploy_backend")
            == set()
        ), "add to roles/alb, roles/ecs or roles/deploy_backend README.md"
        assert used - documented == set(), "add these to the IAM permissions of the role that calls them"

    def test_a_second_run_changes_nothing_registers_no_revision_and_keeps_the_weights_ecs_moved(self, prod_ecs):
        emulator, alb = prod_ecs["emulator"], prod_ecs["outputs"]["alb"]
        before = revisions(emulator)
        # A finished blue/green deployment leaves the alternate target group live: ECS moved the weights.
        swapped = [
            {"TargetGroupArn": alb["target_group_arn"], "Weight": 0},
            {"TargetGroupArn": alb["alternate_target_group_arn"], "Weight": 100},
        ]
        elbv2 = emulator.client("elbv2")
        elbv2.modify_rule(
            RuleArn=alb["production_listener_rule_arn"],
            Actions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": swapped}}],
        )
        emulator.clear_requests()
        run = run_playbook("site.yml", PROD, emulator.env, extra_vars=prod_ecs["extra_vars"])
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        requests = emulator.requests()
        assert mutating(requests["calls"]) == []
        assert revisions(emulator) == before
        [rule] = elbv2.describe_rules(RuleArns=[alb["production_listener_rule_arn"]])["Rules"]
        weights = {
            group["TargetGroupArn"]: group["Weight"] for group in rule["Actions"][0]["ForwardConfig"]["TargetGroups"]
        }
        assert weights == {alb["target_group_arn"]: 0, alb["alternate_target_group_arn"]: 100}
        prod_ecs["no_op_requests"] = requests

    def test_check_on_the_converged_account_predicts_nothing_and_writes_nothing(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        emulator.clear_requests()
        run = run_playbook("site.yml", PROD, emulator.env, check=True, extra_vars=prod_ecs["extra_vars"])
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        assert mutating(emulator.requests()["calls"]) == []

    def test_an_app_runner_service_of_an_earlier_choice_is_named_with_its_teardown_and_left_alone(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        apprunner = emulator.client("apprunner")
        arn = apprunner.create_service(
            ServiceName=SERVICE,
            SourceConfiguration={
                "ImageRepository": {
                    "ImageIdentifier": f"{IMAGE_URI}:{FIRST_IMAGE_TAG}",
                    "ImageRepositoryType": "ECR",
                },
                "AuthenticationConfiguration": {
                    "AccessRoleArn": f"arn:aws:iam::{ACCOUNT}:role/{NAME}-apprunner-access"
                },
            },
        )["Service"]["ServiceArn"]
        emulator.clear_requests()
        run = run_playbook("site.yml", PROD, emulator.env, check=True, extra_vars=prod_ecs["extra_vars"], tags=["app"])
        assert not run.failed, run.outcome()
        said = " ".join(str(result.get("msg", "")) for result in run.results("ansible.builtin.debug"))
        assert f"The App Runner service {SERVICE} ({arn}) of the earlier compute choice still runs" in said
        assert f"aws apprunner delete-service --service-arn {arn} --region us-east-1" in said
        assert mutating(emulator.requests()["calls"]) == []
        apprunner.delete_service(ServiceArn=arn)

    def test_an_unhealthy_image_is_rolled_back_to_the_previous_revision(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        before = ecs_service(emulator)["taskDefinition"]
        push_image(emulator, "bad0001")
        emulator.set_image_answers(f"{IMAGE_URI}:bad0001", {"/health": {"status": 500}})
        run = run_playbook(
            DEPLOY,
            PROD,
            emulator.env,
            extra_vars={
                **prod_ecs["extra_vars"],
                "image_tag": "bad0001",
                "deploy_backend_smoke_base_url": emulator.load_balancer_http_base(
                    prod_ecs["outputs"]["alb"]["dns_name"]
                ),
                "deploy_backend_smoke_timeout": 3,
                "deploy_backend_smoke_delay": 1,
            },
            strategy=DEFAULT_STRATEGY,
        )
        assert run.failed
        assert f"The deploy of {IMAGE_URI}:bad0001 to {SERVICE} failed: FAIL /health: got 500" in run.failure_messages()
        assert ecs_service(emulator)["taskDefinition"] == before


def test_bad_ecs_input_fails_before_any_call_naming_each_variable(emulator, tmp_path):
    bad = {
        "appstack_outputs_dir": str(tmp_path),
        "appstack_compute": "ecs_fargate",
        "appstack_backend_cpu": "256",
        "appstack_backend_memory": "4 GB",
        "appstack_backend_port": 70000,
        "appstack_backend_min_capacity": 6,
        "appstack_backend_max_capacity": 2,
        "appstack_backend_health_check_path": "health",
        "alb_http_only": True,
    }
    run = run_playbook("site.yml", PROD, emulator.env, extra_vars=bad)
    assert run.failed
    message = run.failure_messages()
    for fragment in (
        "appstack_backend_memory must be 512, 1024, 2048 (MiB) with appstack_backend_cpu 256 under Fargate",
        "appstack_backend_port must be a whole number from 1 to 65535",
        "appstack_backend_min_capacity (6) must not exceed appstack_backend_max_capacity (2)",
        "appstack_backend_health_check_path must start with '/'",
        "alb_http_only must be false where alb_https_required is true",
    ):
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert emulator.requests()["total"] == 0


def test_an_unknown_compute_choice_fails_before_any_call_naming_the_choices(emulator, tmp_path):
    run = run_playbook(
        "site.yml", PROD, emulator.env, extra_vars={"appstack_outputs_dir": str(tmp_path), "appstack_compute": "eks"}
    )
    assert run.failed
    assert "appstack_compute must be one of apprunner, ecs_fargate; got 'eks'." in run.failure_messages()
    assert emulator.requests()["total"] == 0
