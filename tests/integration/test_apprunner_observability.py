"""appstack.aws.apprunner_observability_configuration and its _info twin against the emulator, driven by a
playbook as a user drives them, read back with boto3.

The steps run in order on one account: create, check idempotence, revise, keep a revision a service uses,
purge it once the service is gone, refuse and then perform the deletion. The emulator's request log proves
what check mode and an unchanged run promise: no mutating call.
"""

import pytest
import yaml

from .playbook import REPO_ROOT, run_playbook

INVENTORY = REPO_ROOT / "tests" / "integration" / "playbooks" / "apprunner" / "inventory.yml"
MODULE = "appstack.aws.apprunner_observability_configuration"
INFO = "appstack.aws.apprunner_observability_configuration_info"
NAME = "smartscheduler-tracing"
TAGS = {"Application": "smartscheduler"}
PLAYBOOK = [
    {
        "name": "Manage an App Runner observability configuration",
        "hosts": "apprunner_tests",
        "gather_facts": False,
        "module_defaults": {"group/appstack.aws.aws": {"region": "us-east-1"}},
        "tasks": [
            {
                "name": "Converge the observability configuration",
                MODULE: {
                    "name": NAME,
                    "state": "{{ obs_state | default('present') }}",
                    "trace_vendor": "{{ obs_trace_vendor | default(omit) }}",
                    "purge_revisions": "{{ obs_purge_revisions | default(false) }}",
                    "tags": "{{ obs_tags | default(omit) }}",
                },
            },
            {"name": "Read the observability configuration back", INFO: {"name": NAME}},
        ],
    }
]


@pytest.fixture(scope="module")
def account(emulator_server, tmp_path_factory):
    """An empty account, and the playbook that drives the modules."""
    emulator_server.reset()
    emulator_server.configure(provisioning_delay_seconds=0, throttle_rate=0)
    playbook = tmp_path_factory.mktemp("observability") / "observability.yml"
    playbook.write_text(yaml.safe_dump(PLAYBOOK, sort_keys=False))
    return {"emulator": emulator_server, "apprunner": emulator_server.client("apprunner"), "playbook": playbook}


def converge(account, check=False, **extra_vars):
    """Run the playbook; returns (the module's result, the info module's configurations)."""
    account["emulator"].clear_requests()
    run = run_playbook(str(account["playbook"]), INVENTORY, account["emulator"].env, check=check, extra_vars=extra_vars)
    [result] = run.results(MODULE)
    infos = run.results(INFO)
    return run, result, (infos[0].get("observability_configurations") if infos else None)


def mutating_calls(account):
    calls = account["emulator"].requests()["calls"]
    return [f"{call['service']}:{call['operation']}" for call in calls if call["mutating"]]


def revisions(account):
    """The ACTIVE revisions of NAME, by revision number, described."""
    apprunner = account["apprunner"]
    summaries = apprunner.list_observability_configurations(ObservabilityConfigurationName=NAME, LatestOnly=False)
    return {
        summary["ObservabilityConfigurationRevision"]: apprunner.describe_observability_configuration(
            ObservabilityConfigurationArn=summary["ObservabilityConfigurationArn"]
        )["ObservabilityConfiguration"]
        for summary in summaries["ObservabilityConfigurationSummaryList"]
    }


def tags_of(account, arn):
    return {tag["Key"]: tag["Value"] for tag in account["apprunner"].list_tags_for_resource(ResourceArn=arn)["Tags"]}


def service_using(account, observability_arn):
    """A service of a public image that traces with the revision."""
    return account["apprunner"].create_service(
        ServiceName="smartscheduler-traced",
        SourceConfiguration={
            "ImageRepository": {
                "ImageIdentifier": "public.ecr.aws/nginx/nginx:latest",
                "ImageRepositoryType": "ECR_PUBLIC",
            },
            "AutoDeploymentsEnabled": False,
        },
        ObservabilityConfiguration={"ObservabilityEnabled": True, "ObservabilityConfigurationArn": observability_arn},
    )["Service"]["ServiceArn"]


class TestObservabilityConfigurationLifecycle:
    def test_01_check_mode_on_an_empty_account_predicts_and_calls_nothing_that_changes(self, account):
        run, result, _ = converge(account, check=True, obs_trace_vendor="AWSXRAY", obs_tags=TAGS)

        assert not run.failed, run.outcome()
        assert result["changed"]
        assert result["observability_configuration"]["trace_configuration"] == {"vendor": "AWSXRAY"}
        assert mutating_calls(account) == []
        assert revisions(account) == {}

    def test_02_creates_revision_1_with_tracing_and_tags(self, account):
        run, result, read = converge(account, obs_trace_vendor="AWSXRAY", obs_tags=TAGS)

        assert not run.failed, run.outcome()
        assert result["changed"]
        [revision] = revisions(account).values()
        assert revision["ObservabilityConfigurationRevision"] == 1
        assert revision["TraceConfiguration"] == {"Vendor": "AWSXRAY"}
        assert tags_of(account, revision["ObservabilityConfigurationArn"]) == TAGS
        assert (
            result["observability_configuration"]["observability_configuration_arn"]
            == (revision["ObservabilityConfigurationArn"])
        )
        assert [c["observability_configuration_revision"] for c in read] == [1]
        assert read[0]["tags"] == TAGS

    def test_03_the_same_run_again_changes_nothing(self, account):
        run, result, _ = converge(account, obs_trace_vendor="AWSXRAY", obs_tags=TAGS)

        assert not run.failed, run.outcome()
        assert not result["changed"]
        assert mutating_calls(account) == []

    def test_04_a_tag_change_tags_the_latest_revision(self, account):
        run, result, _ = converge(account, obs_trace_vendor="AWSXRAY", obs_tags={**TAGS, "Team": "core"})

        assert not run.failed, run.outcome()
        assert result["changed"]
        [revision] = revisions(account).values()
        assert tags_of(account, revision["ObservabilityConfigurationArn"]) == {**TAGS, "Team": "core"}
        assert set(mutating_calls(account)) == {"apprunner:TagResource"}

    def test_05_dropping_tracing_creates_revision_2_and_keeps_revision_1(self, account):
        run, result, read = converge(account, obs_tags=TAGS)

        assert not run.failed, run.outcome()
        assert result["changed"]
        active = revisions(account)
        assert sorted(active) == [1, 2]
        assert "TraceConfiguration" not in active[2]
        assert tags_of(account, active[2]["ObservabilityConfigurationArn"]) == TAGS
        assert [c["observability_configuration_revision"] for c in read] == [2]

    def test_06_purging_keeps_the_revision_a_service_uses(self, account):
        account["service"] = service_using(account, revisions(account)[1]["ObservabilityConfigurationArn"])

        run, result, _ = converge(account, obs_tags=TAGS, obs_purge_revisions=True)

        assert not run.failed, run.outcome()
        assert not result["changed"]
        assert result["superseded_revisions_deleted"] == []
        assert sorted(revisions(account)) == [1, 2]

    def test_07_deleting_is_refused_while_a_service_uses_a_revision(self, account):
        run, _, _ = converge(account, obs_state="absent")

        assert run.failed
        assert "is still used by App Runner services (revision 1:" in run.failure_messages()
        assert sorted(revisions(account)) == [1, 2]
        assert mutating_calls(account) == []

    def test_08_purging_deletes_the_revision_once_the_service_is_gone(self, account):
        account["apprunner"].delete_service(ServiceArn=account["service"])
        account["apprunner"].list_services()  # With no delay, the deletion ends at the next call.

        run, result, _ = converge(account, obs_tags=TAGS, obs_purge_revisions=True)

        assert not run.failed, run.outcome()
        assert result["changed"]
        assert len(result["superseded_revisions_deleted"]) == 1
        assert sorted(revisions(account)) == [2]

    def test_09_absent_deletes_every_revision_and_a_second_run_changes_nothing(self, account):
        check, check_result, _ = converge(account, check=True, obs_state="absent")
        assert not check.failed, check.outcome()
        assert check_result["changed"]
        assert mutating_calls(account) == []

        run, result, read = converge(account, obs_state="absent")
        assert not run.failed, run.outcome()
        assert result["changed"]
        assert revisions(account) == {}
        assert read == []

        again, again_result, _ = converge(account, obs_state="absent")
        assert not again.failed, again.outcome()
        assert not again_result["changed"]
        assert mutating_calls(account) == []
