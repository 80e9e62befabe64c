"""The GitHub Actions example's deploy job, against a converged prod: what it reads exists, and its deploy works on
a machine that has no outputs file, as a CI runner has none (examples/github-actions/; the workflow's own checks are
in tests/unit/test_ci_example.py)."""

import json

from tests.unit.test_ci_example import OUTPUTS_READ

from .conftest import PROD, deploy_vars
from .playbook import run_playbook

PARAMETERS = "/smartscheduler/prod/outputs"


def test_every_output_the_deploy_job_reads_is_published(prod, prod_emulator):
    ssm = prod_emulator.client("ssm")
    values = {name: ssm.get_parameter(Name=f"{PARAMETERS}/{name}")["Parameter"]["Value"] for name in OUTPUTS_READ}
    assert values == {
        "ecr/repository_uri": prod["outputs"]["ecr"]["repository_uri"],
        "s3_cloudfront/url": prod["outputs"]["s3_cloudfront"]["url"],
    }


def test_the_deploy_job_deploys_from_a_runner_without_the_outputs_file(prod, prod_emulator, tmp_path):
    """The job's command, by FQCN, with an empty outputs directory: the preflight takes the environment's record
    from Parameter Store, and the deploy of the image prod runs finds nothing to change."""
    apprunner = prod_emulator.client("apprunner")
    (summary,) = apprunner.list_services()["ServiceSummaryList"]
    service = apprunner.describe_service(ServiceArn=summary["ServiceArn"])["Service"]
    running_tag = service["SourceConfiguration"]["ImageRepository"]["ImageIdentifier"].rsplit(":", 1)[-1]
    runner_outputs = tmp_path / "outputs"
    extra_vars = deploy_vars(prod_emulator, {"appstack_outputs_dir": str(runner_outputs)}, running_tag)

    run = run_playbook("appstack.aws.deploy_backend", PROD, prod_emulator.env, extra_vars=extra_vars)

    assert not run.failed, run.outcome()
    (record,) = [result for result in run.results("appstack.aws.ssm_outputs_info") if "outputs" in result]
    # The tiers a deploy builds on, typed as the run recorded them (the port a number, empty lists kept).
    tiers = ("network", "secrets", "rds", "iam", "ecr")
    assert {tier: record["outputs"][tier] for tier in tiers} == {tier: prod["outputs"][tier] for tier in tiers}
    # Nothing changed in AWS; the runner now has the outputs file, written from the record.
    assert [change.action for change in run.changed_resources()] == ["ansible.builtin.file", "ansible.builtin.copy"]
    written = json.loads((runner_outputs / "prod.json").read_text())["outputs"]
    assert {tier: written[tier] for tier in tiers} == {tier: prod["outputs"][tier] for tier in tiers}
