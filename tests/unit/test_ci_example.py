"""The GitHub Actions example (examples/github-actions/) is a valid workflow that names only what exists.

A workflow copied into another repository fails where nobody runs this one's tests: at the first push. So the
example is checked here: against GitHub's workflow schema (check-jsonschema's copy of it, offline), and for every
playbook, extra variable, inventory, job and published output it names. Each rule is a function of the parsed
workflows, run on the example and, to show it can fail, on a changed copy.
"""

import copy
import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.unit.test_runbooks import RUNTIME_VARIABLES, known_variables

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = REPO_ROOT / "examples" / "github-actions"
CALLER = EXAMPLE / "deploy.yml"
REUSABLE = EXAMPLE / "deploy-environment.yml"
# Where the example's files go in the application's repository.
INSTALLED_AS = {"./.github/workflows/deploy-environment.yml": REUSABLE}
ENVIRONMENTS = ("dev", "staging", "prod")
FQCN_PLAYBOOK = re.compile(r"ansible-playbook\s+appstack\.aws\.(\w+)")
EXTRA_VAR = re.compile(r"""-e\s+["']?([A-Za-z_]\w*)=""")
OUTPUT_READ = re.compile(r"read_output\s+([\w/]+)")
# The published outputs the deploy job reads (under OUTPUTS): tests/integration/test_ci_example.py reads each from a
# converged prod's Parameter Store.
OUTPUTS_READ = ("ecr/repository_uri", "s3_cloudfront/url")


def load(path: Path) -> dict:
    # YAML 1.1 reads the key `on` as True; GitHub reads it as "on".
    document = yaml.safe_load(path.read_text())
    if True in document:
        document["on"] = document.pop(True)
    return document


def run_commands(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", []))


def missing_playbooks(workflow: dict) -> list[str]:
    return [
        name
        for name in FQCN_PLAYBOOK.findall(run_commands(workflow))
        if not (REPO_ROOT / "playbooks" / f"{name}.yml").is_file()
    ]


def unknown_extra_variables(workflow: dict) -> list[str]:
    known = known_variables(REPO_ROOT) | set(RUNTIME_VARIABLES)
    return [name for name in EXTRA_VAR.findall(run_commands(workflow)) if name not in known]


def broken_needs(workflow: dict) -> list[str]:
    jobs = workflow["jobs"]
    return [
        f"{name} needs {need}"
        for name, job in jobs.items()
        for need in ([job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []))
        if need not in jobs
    ]


def deploy_jobs(workflow: dict) -> dict[str, dict]:
    return {name: job for name, job in workflow["jobs"].items() if "uses" in job}


def chain(workflow: dict) -> list[str]:
    """The jobs in the order their needs run them (each needs the one before)."""
    jobs = workflow["jobs"]
    order = [name for name, job in jobs.items() if "needs" not in job]
    while True:
        after = [name for name, job in jobs.items() if job.get("needs") in (order[-1], [order[-1]])]
        if not after:
            return order
        order += after


def token_problems(workflow: dict) -> list[str]:
    """Who may ask for an OIDC token: the deploy jobs only, and the workflow as a whole reads contents only."""
    problems = []
    if workflow.get("permissions") != {"contents": "read"}:
        problems.append(f"workflow permissions {workflow.get('permissions')}")
    for name, job in workflow["jobs"].items():
        wants_token = (job.get("permissions") or {}).get("id-token") == "write"
        if wants_token != ("uses" in job):
            problems.append(f"{name}: id-token {'write' if wants_token else 'absent'}")
    return problems


def test_both_workflows_are_valid_against_githubs_schema():
    checked = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(CALLER),
            str(REUSABLE),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_schema_check_refuses_a_broken_workflow(tmp_path):
    broken = load(CALLER)
    broken["jobs"]["build"]["runs-on"] = {"not": "a runner"}
    broken["jobs"]["build"]["steps"] = "not a list"
    path = tmp_path / "deploy.yml"
    path.write_text(yaml.safe_dump(broken))
    checked = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode != 0


def test_jobs_run_test_build_then_each_environment_in_turn():
    assert broken_needs(load(CALLER)) == []
    assert chain(load(CALLER)) == ["test", "build", "dev", "staging", "prod"]


def test_each_deploy_job_calls_the_reusable_workflow_for_an_environment_with_an_inventory():
    jobs = deploy_jobs(load(CALLER))
    assert {name: job["with"]["environment"] for name, job in jobs.items()} == {name: name for name in ENVIRONMENTS}
    for job in jobs.values():
        assert INSTALLED_AS[job["uses"]].is_file()
    for name in ENVIRONMENTS:
        assert (REPO_ROOT / "inventories" / name / "group_vars" / f"{name}.yml").is_file()


def test_only_the_deploy_jobs_get_an_oidc_token():
    assert token_problems(load(CALLER)) == []
    reusable = load(REUSABLE)
    assert reusable["permissions"] == {"contents": "read", "id-token": "write"}


def test_a_job_that_asks_for_a_token_without_deploying_is_found():
    workflow = copy.deepcopy(load(CALLER))
    workflow["jobs"]["test"]["permissions"] = {"id-token": "write"}
    assert token_problems(workflow) == ["test: id-token write"]


def test_the_deploy_job_runs_in_the_github_environment_with_its_role_and_gate():
    (job,) = load(REUSABLE)["jobs"].values()
    assert job["environment"]["name"] == "${{ inputs.environment }}"
    credentials = next(step for step in job["steps"] if step.get("uses", "").startswith("aws-actions/configure-aws"))
    assert credentials["with"]["role-to-assume"] == "${{ vars.APPSTACK_DEPLOY_ROLE_ARN }}"
    assert "APPSTACK_DEPLOY_ROLE_ARN" in (EXAMPLE / "README.md").read_text()


def test_every_playbook_the_deploy_runs_exists_in_order():
    reusable = load(REUSABLE)
    assert FQCN_PLAYBOOK.findall(run_commands(reusable)) == ["deploy_backend", "deploy_frontend"]
    assert missing_playbooks(reusable) == []
    renamed = copy.deepcopy(reusable)
    renamed["jobs"]["deploy"]["steps"].append({"run": "ansible-playbook appstack.aws.deploy_everything -i x"})
    assert missing_playbooks(renamed) == ["deploy_everything"]


def test_every_extra_variable_the_deploy_passes_is_known():
    reusable = load(REUSABLE)
    assert sorted(EXTRA_VAR.findall(run_commands(reusable))) == ["build_dir", "image_tag"]
    assert unknown_extra_variables(reusable) == []
    typo = copy.deepcopy(reusable)
    typo["jobs"]["deploy"]["steps"].append({"run": 'ansible-playbook appstack.aws.deploy_backend -e "imagetag=1"'})
    assert unknown_extra_variables(typo) == ["imagetag"]


def test_the_outputs_path_is_where_site_yml_publishes_them():
    (job,) = load(REUSABLE)["jobs"].values()
    defaults = yaml.safe_load((REPO_ROOT / "group_vars/all/appstack.yml").read_text())
    path = defaults["appstack_outputs_parameter_path"]
    expected = path.replace("{{ appstack_app_name }}", defaults["appstack_app_name"]).replace(
        "{{ appstack_environment }}", "${{ inputs.environment }}"
    )
    assert job["env"]["OUTPUTS"] == expected


def test_the_pins_are_the_ones_this_collection_is_tested_with():
    pins = dict(line.split("==") for line in (REPO_ROOT / "requirements.txt").read_text().split() if "==" in line)
    example = (EXAMPLE / "deploy" / "requirements.txt").read_text().split()
    assert {line.split("==")[0]: line.split("==")[1] for line in example if "==" in line} == {
        name: pins[name] for name in ("ansible-core", "boto3", "botocore")
    }
    collections = {
        c["name"]: c["version"]
        for c in yaml.safe_load((EXAMPLE / "deploy" / "requirements.yml").read_text())["collections"]
    }
    upstream = {
        c["name"]: c["version"] for c in yaml.safe_load((REPO_ROOT / "requirements.yml").read_text())["collections"]
    }
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text())
    assert collections == {**upstream, "appstack.aws": galaxy["version"]}


def test_the_job_reads_the_outputs_the_integration_test_checks():
    assert OUTPUT_READ.findall(run_commands(load(REUSABLE))) == list(OUTPUTS_READ)
