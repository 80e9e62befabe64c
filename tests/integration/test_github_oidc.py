"""The GitHub Actions deploy role on the shared prod environment, read back with boto3.

prod turns it on (inventories/prod: iam_github_oidc_enabled, iam_github_repository): the account's OIDC provider of
token.actions.githubusercontent.com, tagged without Environment, and smartscheduler-prod-github-deploy, which trusts
one repository, GitHub environment and branch, and may deploy this environment's resources only. Its input is
checked before any request.
"""

import json
from urllib.parse import unquote

import pytest

from .playbook import run_playbook

PROVIDER_URL = "token.actions.githubusercontent.com"
ROLE = "smartscheduler-prod-github-deploy"
REPOSITORY = "acme/smartscheduler"
SUBJECT = f"repo:{REPOSITORY}:environment:prod:ref:refs/heads/main"
# The only actions the policy may grant on every resource: AWS authorizes them on no resource (roles/iam/README.md).
STAR_ACTIONS = {
    "ecr:GetAuthorizationToken",
    "apprunner:ListServices",
    "apprunner:ListAutoScalingConfigurations",
    "apprunner:ListVpcConnectors",
    "apprunner:ListObservabilityConfigurations",
    "ecs:DescribeTaskDefinition",
    "ecs:ListTaskDefinitions",
    "ecs:RegisterTaskDefinition",
    "logs:DescribeLogGroups",
    "tag:GetResources",
}
ECR_PUSH = {
    "ecr:BatchCheckLayerAvailability",
    "ecr:InitiateLayerUpload",
    "ecr:UploadLayerPart",
    "ecr:CompleteLayerUpload",
    "ecr:PutImage",
}
# The emulator logs some services under their endpoint's name, and some calls under an action of another name.
IAM_PREFIX = {"tagging": "tag", "monitoring": "cloudwatch"}
IAM_ACTIONS = {
    "s3:ListObjectsV2": "s3:ListBucket",
    "s3:HeadObject": "s3:GetObject",
    "s3:DeleteObjects": "s3:DeleteObject",
}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def deploy_access(prod, prod_emulator):
    """The provider, the role, its policy's statements and the published outputs, as IAM and SSM hold them."""
    iam = prod_emulator.client("iam")
    arns = [entry["Arn"] for entry in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]]
    (provider_arn,) = [arn for arn in arns if arn.endswith(f":oidc-provider/{PROVIDER_URL}")]
    role = iam.get_role(RoleName=ROLE)["Role"]
    trust = role["AssumeRolePolicyDocument"]
    (attached,) = iam.list_attached_role_policies(RoleName=ROLE)["AttachedPolicies"]
    policy = iam.get_policy(PolicyArn=attached["PolicyArn"])["Policy"]
    document = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId=policy["DefaultVersionId"])["PolicyVersion"][
        "Document"
    ]
    return {
        "provider_arn": provider_arn,
        "provider": iam.get_open_id_connect_provider(OpenIDConnectProviderArn=provider_arn),
        "role": role,
        "trust": json.loads(unquote(trust)) if isinstance(trust, str) else trust,
        "policy": policy,
        "statements": (json.loads(unquote(document)) if isinstance(document, str) else document)["Statement"],
        "outputs": prod["outputs"]["iam"],
    }


def _grants(statements) -> list[tuple[str, str]]:
    """(action, resource) for every pair the policy allows."""
    return [
        (action, resource)
        for statement in statements
        for action in _listed(statement["Action"])
        for resource in _listed(statement["Resource"])
    ]


class TestTheAccountProvider:
    def test_it_holds_github_url_and_the_sts_audience(self, deploy_access):
        provider = deploy_access["provider"]
        assert provider["Url"].removeprefix("https://") == PROVIDER_URL
        assert provider["ClientIDList"] == ["sts.amazonaws.com"]

    def test_it_is_tagged_as_the_applications_but_no_environments(self, deploy_access):
        tags = {tag["Key"]: tag["Value"] for tag in deploy_access["provider"].get("Tags", [])}
        assert tags == {"Application": "smartscheduler", "ManagedBy": "appstack.aws"}


class TestTheTrust:
    def test_one_statement_lets_the_provider_tokens_of_one_repository_environment_and_branch_in(self, deploy_access):
        (statement,) = deploy_access["trust"]["Statement"]
        assert statement["Effect"] == "Allow"
        assert statement["Principal"] == {"Federated": deploy_access["provider_arn"]}
        assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert statement["Condition"] == {
            "StringEquals": {
                "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                "token.actions.githubusercontent.com:sub": SUBJECT,
            }
        }

    def test_the_role_and_its_policy_carry_the_environment_tags(self, deploy_access, prod_emulator):
        tags = {tag["Key"]: tag["Value"] for tag in deploy_access["role"].get("Tags", [])}
        assert tags["Environment"] == "prod" and tags["Application"] == "smartscheduler"
        assert deploy_access["policy"]["PolicyName"] == ROLE


class TestThePermissions:
    def test_only_actions_aws_authorizes_on_no_resource_get_every_resource(self, deploy_access):
        star = {action for action, resource in _grants(deploy_access["statements"]) if resource == "*"}
        assert star <= STAR_ACTIONS
        assert "ecr:GetAuthorizationToken" in star
        assert all(statement["Effect"] == "Allow" for statement in deploy_access["statements"])
        assert not [a for a, _ in _grants(deploy_access["statements"]) if "*" in a]

    def test_the_image_is_pushed_to_this_environments_repository_only(self, deploy_access, prod):
        repository_arn = prod["outputs"]["ecr"]["repository_arn"]
        grants = _grants(deploy_access["statements"])
        for action in ECR_PUSH:
            assert {resource for granted, resource in grants if granted == action} == {repository_arn}, action

    def test_only_this_distribution_is_invalidated(self, deploy_access, prod):
        distribution_id = prod["outputs"]["s3_cloudfront"]["distribution_id"]
        grants = _grants(deploy_access["statements"])
        for action in ("cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"):
            (resource,) = {resource for granted, resource in grants if granted == action}
            assert resource.startswith("arn:aws:cloudfront::") and resource.endswith(f":distribution/{distribution_id}")

    def test_the_frontend_deploy_writes_this_environments_bucket_only(self, deploy_access, prod):
        bucket = prod["outputs"]["s3_cloudfront"]["bucket_name"]
        grants = _grants(deploy_access["statements"])
        assert {r for a, r in grants if a == "s3:ListBucket"} == {f"arn:aws:s3:::{bucket}"}
        assert {r for a, r in grants if a == "s3:PutObject"} == {f"arn:aws:s3:::{bucket}/*"}

    def test_roles_are_passed_to_their_service_only(self, deploy_access, prod):
        passes = [s for s in deploy_access["statements"] if "iam:PassRole" in _listed(s["Action"])]
        assert passes
        iam = prod["outputs"]["iam"]
        allowed = {iam["apprunner_access_role_arn"], iam["apprunner_instance_role_arn"]} - {""}
        for statement in passes:
            assert _listed(statement["Action"]) == ["iam:PassRole"]
            assert set(_listed(statement["Resource"])) <= allowed
            assert set(statement["Condition"]["StringEquals"]) == {"iam:PassedToService"}

    def test_the_backend_service_and_the_outputs_are_this_environments(self, deploy_access, prod):
        grants = _grants(deploy_access["statements"])
        service_arn = prod["outputs"]["apprunner"]["service_arn"]
        (resource,) = {r for a, r in grants if a == "apprunner:UpdateService"}
        assert resource == service_arn.rsplit("/", 1)[0] + "/*"
        parameters = {r for a, r in grants if a == "ssm:PutParameter"}
        assert parameters and all(":parameter/smartscheduler/prod/outputs" in r for r in parameters)

    def test_the_policy_allows_every_call_of_the_first_deploy(self, deploy_access, prod):
        granted = {action for action, _ in _grants(deploy_access["statements"])}
        called = set()
        for service, operations in prod["deploy_requests"]["by_service"].items():
            for operation in operations:
                action = f"{IAM_PREFIX.get(service, service)}:{operation}"
                called.add(IAM_ACTIONS.get(action, action))
        # No permission needed; amazon.aws.aws_caller_info (the preflight) reads the alias when allowed, and goes on
        # without it when not.
        called -= {"sts:GetCallerIdentity", "iam:ListAccountAliases"}
        assert called - granted == set()


class TestTheOutputs:
    def test_a_workflow_reads_the_role_to_assume_from_the_outputs(self, deploy_access, prod, prod_emulator):
        outputs = deploy_access["outputs"]
        assert outputs["github_deploy_role_arn"] == deploy_access["role"]["Arn"]
        assert outputs["github_oidc_provider_arn"] == deploy_access["provider_arn"]
        ssm = prod_emulator.client("ssm")
        name = "/smartscheduler/prod/outputs/iam/github_deploy_role_arn"
        assert ssm.get_parameter(Name=name)["Parameter"]["Value"] == deploy_access["role"]["Arn"]


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("iam_github_repository", "smartscheduler", "OWNER/REPO"),
        ("iam_github_branch", "refs/heads/*", "without refs/heads/"),
    ],
)
def test_a_bad_github_input_fails_before_any_request_naming_the_variable(emulator, tmp_path, variable, value, allowed):
    emulator.clear_requests()
    run = run_playbook(
        "site.yml",
        "inventories/prod",
        emulator.env,
        extra_vars={"appstack_outputs_dir": str(tmp_path / "outputs"), variable: value},
    )
    assert run.failed
    message = run.failure_messages()
    assert variable in message and allowed in message, message
    assert emulator.requests()["total"] == 0
