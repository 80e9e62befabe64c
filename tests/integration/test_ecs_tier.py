"""prod on ECS Fargate behind an application load balancer (appstack_compute: ecs_fargate), read back with boto3.

``prod_ecs`` is prod's inventory with the compute switch and a certificate for api.smartscheduler.example.com: a
--check on the empty account, one real run of site.yml (everything but the task definition and the service: there is
no image yet), then the first deploy, which creates them. Then a re-run that must change nothing, a --check of the
converged account, and the deploy of an image whose smoke checks fail, which rolls back.
"""

from .conftest import DEPLOY, FIRST_IMAGE_TAG, PROD, push_image
from .playbook import DEFAULT_STRATEGY, run_playbook
from .secrets_reads import mutating

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
        assert set(by_port) == {80, 443}
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

    def test_a_second_run_changes_nothing_and_registers_no_revision(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        before = revisions(emulator)
        emulator.clear_requests()
        run = run_playbook("site.yml", PROD, emulator.env, extra_vars=prod_ecs["extra_vars"])
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        assert mutating(emulator.requests()["calls"]) == []
        assert revisions(emulator) == before

    def test_check_on_the_converged_account_predicts_nothing_and_writes_nothing(self, prod_ecs):
        emulator = prod_ecs["emulator"]
        emulator.clear_requests()
        run = run_playbook("site.yml", PROD, emulator.env, check=True, extra_vars=prod_ecs["extra_vars"])
        assert not run.failed, run.outcome()
        assert run.changed == 0, run.changed_resources()
        assert mutating(emulator.requests()["calls"]) == []

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
