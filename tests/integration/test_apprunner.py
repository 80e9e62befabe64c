"""App Runner against the emulator, as a user runs it: playbooks of the service, its auto scaling configuration
and its VPC connector, through a service's whole life.

The tests of TestAppRunnerLifecycle run in order on one account (the emulator is reset once, at the start):
each builds on the state the previous one left. Every property is read back with boto3, and the emulator's
request log proves what check mode promises: no mutating call.
"""

import time

import pytest

from .playbook import REPO_ROOT, mutating_calls, run_playbook

PLAYBOOKS = REPO_ROOT / "tests" / "integration" / "playbooks" / "apprunner"
INVENTORY = PLAYBOOKS / "inventory.yml"
SERVICE = "smartscheduler-backend"
SCALING = "smartscheduler-backend"
CONNECTOR_1 = "smartscheduler-backend-1"
CONNECTOR_2 = "smartscheduler-backend-2"
REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/smartscheduler-backend"
TAGS = {"Application": "smartscheduler", "Environment": "prod"}
# What a run changes, as (module, resource): see PlaybookRun.changed_resources().
SCALING_CHANGED = ("appstack.aws.apprunner_auto_scaling_configuration", SCALING)
SERVICE_CHANGED = ("appstack.aws.apprunner_service", SERVICE)


def connector_changed(name):
    return ("appstack.aws.apprunner_vpc_connector", name)


def run(emulator, playbook="service.yml", check=False, diff=False, **extra_vars):
    return run_playbook(
        str(PLAYBOOKS / playbook), INVENTORY, emulator.env, check=check, diff=diff, extra_vars=extra_vars
    )


def tag_dict(apprunner, arn):
    return {tag["Key"]: tag["Value"] for tag in apprunner.list_tags_for_resource(ResourceArn=arn)["Tags"]}


def live_service(apprunner):
    """The described service named SERVICE, or None."""
    for summary in apprunner.list_services()["ServiceSummaryList"]:
        if summary["ServiceName"] == SERVICE and summary["Status"] != "DELETED":
            return apprunner.describe_service(ServiceArn=summary["ServiceArn"])["Service"]
    return None


def image_of(service):
    return service["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"]


def scaling_revisions(apprunner):
    """The ACTIVE revisions of SCALING, by revision number."""
    summaries = apprunner.list_auto_scaling_configurations(AutoScalingConfigurationName=SCALING, LatestOnly=False)
    return {
        summary["AutoScalingConfigurationRevision"]: summary
        for summary in summaries["AutoScalingConfigurationSummaryList"]
        if summary["Status"] == "ACTIVE"
    }


def connectors(apprunner, name):
    return [c for c in apprunner.list_vpc_connectors()["VpcConnectors"] if c["VpcConnectorName"] == name]


def active_connector(apprunner, name):
    active = [c for c in connectors(apprunner, name) if c["Status"] == "ACTIVE"]
    assert len(active) <= 1, active
    return active[0] if active else None


@pytest.fixture(scope="class")
def account(emulator_server):
    """An empty account with a VPC, four subnets in two pairs, a security group and the ECR access role."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    ec2 = emulator_server.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc_id, CidrBlock=f"10.30.{index}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
        for index, zone in enumerate(["us-east-1a", "us-east-1b", "us-east-1a", "us-east-1b"])
    ]
    group_id = ec2.create_security_group(GroupName="smartscheduler-apprunner", Description="App Runner", VpcId=vpc_id)[
        "GroupId"
    ]
    role_arn = emulator_server.client("iam").create_role(
        RoleName="smartscheduler-apprunner-ecr-access",
        AssumeRolePolicyDocument='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal":'
        ' {"Service": "build.apprunner.amazonaws.com"}, "Action": "sts:AssumeRole"}]}',
    )["Role"]["Arn"]
    yield {
        "emulator": emulator_server,
        "apprunner": emulator_server.client("apprunner"),
        "first_subnets": subnets[:2],
        "second_subnets": subnets[2:],
        "security_group": group_id,
        "vars": {
            "apprunner_test_subnets": subnets[:2],
            "apprunner_test_security_groups": [group_id],
            "apprunner_test_access_role_arn": role_arn,
        },
    }
    emulator_server.configure(provisioning_delays={"apprunner": 0}, apprunner_account_blocked=False)


class TestAppRunnerLifecycle:
    """Scenarios 1 to 13, in order, on one account."""

    def apply(self, account, check=False, diff=False, **overrides):
        """Run service.yml with the account's vars, updated with overrides (which the next runs keep)."""
        account["vars"].update(overrides)
        return run(account["emulator"], check=check, diff=diff, **account["vars"])

    def test_01_creates_the_service_with_an_auto_scaling_configuration_and_a_vpc_connector(self, account):
        first = self.apply(account, apprunner_test_image=f"{REPOSITORY}:v1")

        assert not first.failed, first.outcome()
        assert first.changed_resources() == [SCALING_CHANGED, connector_changed(CONNECTOR_1), SERVICE_CHANGED]

    def test_02_the_service_reads_back_with_every_property_asked_for(self, account):
        apprunner = account["apprunner"]
        service = live_service(apprunner)

        assert service["Status"] == "RUNNING"
        assert service["ServiceUrl"].endswith(".us-east-1.awsapprunner.com")
        repository = service["SourceConfiguration"]["ImageRepository"]
        assert repository["ImageIdentifier"] == f"{REPOSITORY}:v1"
        assert repository["ImageRepositoryType"] == "ECR"
        assert repository["ImageConfiguration"]["Port"] == "8080"
        assert repository["ImageConfiguration"]["RuntimeEnvironmentVariables"] == {
            "ASPNETCORE_ENVIRONMENT": "Production"
        }
        assert service["SourceConfiguration"]["AutoDeploymentsEnabled"] is False
        access_role = service["SourceConfiguration"]["AuthenticationConfiguration"]["AccessRoleArn"]
        assert access_role == account["vars"]["apprunner_test_access_role_arn"]
        assert service["HealthCheckConfiguration"]["Protocol"] == "HTTP"
        assert service["HealthCheckConfiguration"]["Path"] == "/health"
        assert tag_dict(apprunner, service["ServiceArn"]) == TAGS

        (revision,) = scaling_revisions(apprunner).values()
        assert revision["AutoScalingConfigurationRevision"] == 1
        scaling_arn = revision["AutoScalingConfigurationArn"]
        assert service["AutoScalingConfigurationSummary"]["AutoScalingConfigurationArn"] == scaling_arn
        scaling = apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=scaling_arn)
        scaling = scaling["AutoScalingConfiguration"]
        assert (scaling["MinSize"], scaling["MaxSize"], scaling["MaxConcurrency"]) == (1, 5, 100)
        assert tag_dict(apprunner, scaling_arn) == TAGS

        connector = active_connector(apprunner, CONNECTOR_1)
        egress = service["NetworkConfiguration"]["EgressConfiguration"]
        assert egress == {"EgressType": "VPC", "VpcConnectorArn": connector["VpcConnectorArn"]}
        assert sorted(connector["Subnets"]) == sorted(account["first_subnets"])
        assert connector["SecurityGroups"] == [account["security_group"]]
        assert tag_dict(apprunner, connector["VpcConnectorArn"]) == TAGS

    def test_03_a_second_run_changes_nothing(self, account):
        again = self.apply(account)

        assert not again.failed, again.outcome()
        assert again.changed == 0, again.changed_resources()

    def test_04_check_diff_of_an_image_change_reports_it_and_changes_nothing(self, account):
        emulator = account["emulator"]
        emulator.clear_requests()

        checked = self.apply(account, check=True, diff=True, apprunner_test_image=f"{REPOSITORY}:v2")

        assert not checked.failed, checked.outcome()
        assert checked.changed_resources() == [SERVICE_CHANGED]
        (service_result,) = checked.results("appstack.aws.apprunner_service")
        diff = service_result["diff"]
        diff = diff[0] if isinstance(diff, list) else diff
        assert f"{REPOSITORY}:v1" in str(diff["before"])
        assert f"{REPOSITORY}:v2" in str(diff["after"])
        assert mutating_calls(emulator) == []
        assert emulator.requests()["total"] > 0
        assert image_of(live_service(account["apprunner"])) == f"{REPOSITORY}:v1"

    def test_05_the_image_change_is_applied(self, account):
        applied = self.apply(account)

        assert not applied.failed, applied.outcome()
        assert applied.changed_resources() == [SERVICE_CHANGED]
        service = live_service(account["apprunner"])
        assert image_of(service) == f"{REPOSITORY}:v2"
        assert service["Status"] == "RUNNING"

    def test_06_an_environment_variable_change_is_applied(self, account):
        environment = {"ASPNETCORE_ENVIRONMENT": "Production", "FEATURE_FLAGS": "scheduling-v2"}

        applied = self.apply(account, apprunner_test_environment=environment)

        assert not applied.failed, applied.outcome()
        assert applied.changed_resources() == [SERVICE_CHANGED]
        configuration = live_service(account["apprunner"])["SourceConfiguration"]["ImageRepository"][
            "ImageConfiguration"
        ]
        assert configuration["RuntimeEnvironmentVariables"] == environment

    def test_07_new_scaling_settings_make_a_revision_the_service_moves_to_and_the_old_one_is_purged(self, account):
        apprunner = account["apprunner"]

        applied = self.apply(account, apprunner_test_max_size=10, apprunner_test_max_concurrency=80)

        assert not applied.failed, applied.outcome()
        # A new revision, the service moved to it, then the purge of the revision it left.
        assert applied.changed_resources() == [SCALING_CHANGED, SERVICE_CHANGED, SCALING_CHANGED]
        revisions = scaling_revisions(apprunner)
        assert sorted(revisions) == [2], "revision 1 should be deleted once the service left it"
        new_arn = revisions[2]["AutoScalingConfigurationArn"]
        scaling = apprunner.describe_auto_scaling_configuration(AutoScalingConfigurationArn=new_arn)
        scaling = scaling["AutoScalingConfiguration"]
        assert (scaling["MinSize"], scaling["MaxSize"], scaling["MaxConcurrency"]) == (1, 10, 80)
        assert tag_dict(apprunner, new_arn) == TAGS
        summary = live_service(apprunner)["AutoScalingConfigurationSummary"]
        assert summary["AutoScalingConfigurationArn"] == new_arn
        (purge,) = [
            result
            for result in applied.results("appstack.aws.apprunner_auto_scaling_configuration")
            if result["invocation"]["module_args"]["purge_revisions"]
        ]
        assert [arn.split("/")[2] for arn in purge["superseded_revisions_deleted"]] == ["1"]

    def test_08_the_service_moves_to_a_replacement_connector_and_the_old_one_is_deleted(self, account):
        apprunner = account["apprunner"]
        old_arn = active_connector(apprunner, CONNECTOR_1)["VpcConnectorArn"]

        applied = self.apply(
            account,
            apprunner_test_connector_name=CONNECTOR_2,
            apprunner_test_subnets=account["second_subnets"],
            apprunner_test_retired_connector_name=CONNECTOR_1,
        )

        assert not applied.failed, applied.outcome()
        assert applied.changed_resources() == [
            connector_changed(CONNECTOR_2),
            SERVICE_CHANGED,
            connector_changed(CONNECTOR_1),
        ]
        new = active_connector(apprunner, CONNECTOR_2)
        assert sorted(new["Subnets"]) == sorted(account["second_subnets"])
        egress = live_service(apprunner)["NetworkConfiguration"]["EgressConfiguration"]
        assert egress["VpcConnectorArn"] == new["VpcConnectorArn"]
        assert active_connector(apprunner, CONNECTOR_1) is None
        assert all(
            c["Status"] == "INACTIVE" for c in connectors(apprunner, CONNECTOR_1) if c["VpcConnectorArn"] == old_arn
        )

        again = self.apply(account, apprunner_test_retired_connector_name="")
        assert again.changed == 0, again.changed_resources()

    def test_09_the_service_pauses_and_resumes(self, account):
        apprunner = account["apprunner"]

        paused = self.apply(account, apprunner_test_service_state="paused")
        assert not paused.failed, paused.outcome()
        assert paused.changed_resources() == [SERVICE_CHANGED]
        assert live_service(apprunner)["Status"] == "PAUSED"

        resumed = self.apply(account, apprunner_test_service_state="running")
        assert not resumed.failed, resumed.outcome()
        assert resumed.changed_resources() == [SERVICE_CHANGED]
        assert live_service(apprunner)["Status"] == "RUNNING"

    def test_10_a_failed_deployment_is_reported_and_the_service_keeps_its_image(self, account):
        emulator = account["emulator"]
        emulator.fail_next_deployment(f"{REPOSITORY}:v3")

        failed = self.apply(account, apprunner_test_image=f"{REPOSITORY}:v3")

        assert failed.failed
        assert "ROLLBACK_SUCCEEDED" in failed.failure_messages()
        assert "Traceback" not in failed.stdout + failed.stderr
        service = live_service(account["apprunner"])
        assert image_of(service) == f"{REPOSITORY}:v2"
        assert service["Status"] == "RUNNING"

    def test_11_a_wait_that_times_out_is_reported_then_the_operation_finishes(self, account):
        emulator, apprunner = account["emulator"], account["apprunner"]
        # An operation far longer than the wait, however busy the machine; then the clock moves on to its end.
        emulator.configure(provisioning_delays={"apprunner": 600})

        timed_out = self.apply(account, apprunner_test_wait_timeout=3)

        emulator.configure(provisioning_delays={"apprunner": 0})
        assert timed_out.failed
        assert "Timed out after 3 seconds" in timed_out.failure_messages()
        assert "Traceback" not in timed_out.stdout + timed_out.stderr
        assert live_service(apprunner)["Status"] == "OPERATION_IN_PROGRESS"
        emulator.advance_clock(600)
        deadline = time.monotonic() + 30
        while live_service(apprunner)["Status"] == "OPERATION_IN_PROGRESS" and time.monotonic() < deadline:
            time.sleep(1)
        service = live_service(apprunner)
        assert service["Status"] == "RUNNING"
        assert image_of(service) == f"{REPOSITORY}:v3"

        settled = self.apply(account, apprunner_test_wait_timeout=120)
        assert settled.changed == 0, settled.changed_resources()

    def test_12_everything_is_deleted(self, account):
        apprunner = account["apprunner"]

        deleted = run(account["emulator"], "teardown.yml", apprunner_test_connector_names=[CONNECTOR_1, CONNECTOR_2])

        assert not deleted.failed, deleted.outcome()
        assert live_service(apprunner) is None
        assert scaling_revisions(apprunner) == {}
        assert active_connector(apprunner, CONNECTOR_1) is None
        assert active_connector(apprunner, CONNECTOR_2) is None

        again = run(account["emulator"], "teardown.yml", apprunner_test_connector_names=[CONNECTOR_1, CONNECTOR_2])
        assert again.changed == 0, again.changed_resources()

    def test_13_check_against_the_empty_account_reports_changes_and_creates_nothing(self, account):
        emulator, apprunner = account["emulator"], account["apprunner"]
        emulator.clear_requests()

        checked = self.apply(account, check=True)

        assert not checked.failed, checked.outcome()
        assert checked.changed_resources() == [
            SCALING_CHANGED,
            connector_changed(CONNECTOR_2),
            SERVICE_CHANGED,
            SCALING_CHANGED,
        ]
        assert mutating_calls(emulator) == []
        assert live_service(apprunner) is None
        assert scaling_revisions(apprunner) == {}
        assert active_connector(apprunner, CONNECTOR_2) is None

    def test_14_an_account_closed_to_app_runner_fails_with_the_aws_message(self, account):
        emulator = account["emulator"]
        emulator.configure(apprunner_account_blocked=True)
        try:
            blocked = self.apply(account)
        finally:
            emulator.configure(apprunner_account_blocked=False)

        assert blocked.failed
        # The first App Runner call fails, and the play stops there.
        (result,) = blocked.results("appstack.aws.apprunner_auto_scaling_configuration")
        assert result["failed"]
        assert result["msg"].startswith("Failed to list App Runner auto scaling configurations")
        assert result["error"]["code"]
        assert result["error"]["message"] in result["msg"]
        assert "Traceback" not in result["msg"] + blocked.stderr
        assert mutating_calls(emulator) == []

    def test_15_bad_input_fails_before_any_api_call(self, account):
        emulator = account["emulator"]
        emulator.clear_requests()

        rejected = self.apply(account, apprunner_test_max_concurrency=500)

        assert rejected.failed
        assert "max_concurrency must be from 1 to 200; got 500" in rejected.failure_messages()
        assert emulator.requests()["total"] == 0
