"""Unit tests for appstack.aws.iam_resources_info (botocore Stubber, no network).

The Stubber fails on any call that was not queued, in the order queued: a test that queues N responses proves
that the module makes exactly those N calls.
"""

import json
from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from ansible_collections.amazon.aws.plugins.module_utils.iam import AnsibleIAMError
from ansible_collections.appstack.aws.plugins.module_utils import iam_resources
from ansible_collections.appstack.aws.plugins.modules import iam_resources_info as module

ACCOUNT = "123456789012"
ROLE = "appstack-prod-vpc-flow-logs"
OTHER_ROLE = "appstack-prod-rds-proxy"
POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/appstack-prod-rds-proxy-secrets"
OTHER_POLICY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/appstack-prod-gone"
BOUNDARY_ARN = f"arn:aws:iam::{ACCOUNT}:policy/appstack-boundary"
CREATED = datetime(2024, 1, 1, tzinfo=UTC)
# Tag keys that snake-casing would mangle (ManagedBy -> managed_by) if it reached them.
TAGS = [{"Key": "ManagedBy", "Value": "appstack.aws"}, {"Key": "Environment", "Value": "prod"}]
TAG_DICT = {"ManagedBy": "appstack.aws", "Environment": "prod"}
# Keys that snake-casing would mangle (Version -> version, AWS -> a_w_s) if it reached the documents.
TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "vpc-flow-logs.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}
DOCUMENT = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
            "Condition": {"StringEquals": {"aws:ResourceTag/ManagedBy": "appstack.aws"}},
        }
    ],
}
ROLE_KEYS = {
    "role_name",
    "arn",
    "path",
    "description",
    "max_session_duration",
    "assume_role_policy_document",
    "permissions_boundary_arn",
    "tags",
    "attached_policy_arns",
}
POLICY_KEYS = {
    "policy_name",
    "arn",
    "path",
    "description",
    "default_version_id",
    "document",
    "tags",
    "attachment_count",
}


def policy_arn(name):
    return f"arn:aws:iam::{ACCOUNT}:policy/{name}"


def boto_role(name=ROLE, description=None, tags=TAGS, boundary=None):
    """A GetRole Role; its trust policy URL-encoded, as the raw API sends it (botocore decodes it)."""
    role = {
        "RoleName": name,
        "RoleId": "AROAEXAMPLE0000000001",
        "Arn": f"arn:aws:iam::{ACCOUNT}:role/{name}",
        "Path": "/",
        "CreateDate": CREATED,
        "AssumeRolePolicyDocument": quote(json.dumps(TRUST)),
        "MaxSessionDuration": 3600,
    }
    if description is not None:
        role["Description"] = description
    if tags:
        role["Tags"] = tags
    if boundary:
        role["PermissionsBoundary"] = {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundary}
    return role


def boto_policy(arn=POLICY_ARN, description="Lets the RDS proxy read its secrets", tags=TAGS):
    policy = {
        "PolicyName": arn.rsplit("/", 1)[1],
        "PolicyId": "ANPAEXAMPLE0000000001",
        "Arn": arn,
        "Path": "/",
        "DefaultVersionId": "v3",
        "AttachmentCount": 1,
        "IsAttachable": True,
        "CreateDate": CREATED,
        "UpdateDate": CREATED,
    }
    if description is not None:
        policy["Description"] = description
    if tags:
        policy["Tags"] = tags
    return policy


def queue_role(stubber, role, attached_pages=([],)):
    """GetRole, then ListAttachedRolePolicies page by page (each page a list of policy names)."""
    name = role["RoleName"]
    stubber.add_response("get_role", {"Role": role}, {"RoleName": name})
    for number, page in enumerate(attached_pages):
        response = {"AttachedPolicies": [{"PolicyName": p, "PolicyArn": policy_arn(p)} for p in page]}
        params = {"RoleName": name}
        if number:
            params["Marker"] = f"page-{number}"
        if number < len(attached_pages) - 1:
            response.update(IsTruncated=True, Marker=f"page-{number + 1}")
        stubber.add_response("list_attached_role_policies", response, params)


def queue_policy(stubber, policy, document=DOCUMENT):
    """GetPolicy, then GetPolicyVersion of its default version (the document URL-encoded, as the raw API sends it)."""
    stubber.add_response("get_policy", {"Policy": policy}, {"PolicyArn": policy["Arn"]})
    stubber.add_response(
        "get_policy_version",
        {
            "PolicyVersion": {
                "Document": quote(json.dumps(document)),
                "VersionId": policy["DefaultVersionId"],
                "IsDefaultVersion": True,
                "CreateDate": CREATED,
            }
        },
        {"PolicyArn": policy["Arn"], "VersionId": policy["DefaultVersionId"]},
    )


def queue_missing(stubber, operation, params):
    stubber.add_client_error(operation, "NoSuchEntity", "The entity cannot be found.", 404, None, params)


def test_a_role_and_a_policy_found_are_returned_with_every_key(iam, run_module):
    client, stubber = iam
    # ListAttachedRolePolicies is read to the last page.
    queue_role(stubber, boto_role(boundary=BOUNDARY_ARN), attached_pages=(["flow-logs"], ["read-only", "audit"]))
    queue_policy(stubber, boto_policy())

    rc, result = run_module(module, {"role_names": [ROLE], "policy_arns": [POLICY_ARN]}, client)

    assert rc == 0
    assert result["changed"] is False
    [role] = result["roles"]
    assert set(role) == ROLE_KEYS
    assert role == {
        "role_name": ROLE,
        "arn": f"arn:aws:iam::{ACCOUNT}:role/{ROLE}",
        "path": "/",
        "description": "",
        "max_session_duration": 3600,
        "assume_role_policy_document": TRUST,
        "permissions_boundary_arn": BOUNDARY_ARN,
        "tags": TAG_DICT,
        "attached_policy_arns": [policy_arn("flow-logs"), policy_arn("read-only"), policy_arn("audit")],
    }
    [policy] = result["policies"]
    assert set(policy) == POLICY_KEYS
    assert policy == {
        "policy_name": "appstack-prod-rds-proxy-secrets",
        "arn": POLICY_ARN,
        "path": "/",
        "description": "Lets the RDS proxy read its secrets",
        "default_version_id": "v3",
        "document": DOCUMENT,
        "tags": TAG_DICT,
        "attachment_count": 1,
    }


def test_a_role_and_a_policy_without_tags_description_or_boundary_get_the_defaults(iam, run_module):
    client, stubber = iam
    queue_role(stubber, boto_role(description="Flow logs", tags=None))
    queue_policy(stubber, boto_policy(description=None, tags=None))

    rc, result = run_module(module, {"role_names": [ROLE], "policy_arns": [POLICY_ARN]}, client)

    assert rc == 0
    [role] = result["roles"]
    assert (role["description"], role["tags"], role["permissions_boundary_arn"]) == ("Flow logs", {}, None)
    assert role["attached_policy_arns"] == []
    [policy] = result["policies"]
    assert (policy["description"], policy["tags"]) == ("", {})


def test_a_missing_role_and_a_missing_policy_are_left_out_without_further_calls(iam, run_module):
    client, stubber = iam
    queue_missing(stubber, "get_role", {"RoleName": "appstack-prod-gone"})
    queue_role(stubber, boto_role(OTHER_ROLE), attached_pages=(["proxy-secrets"],))
    queue_missing(stubber, "get_policy", {"PolicyArn": OTHER_POLICY_ARN})
    queue_policy(stubber, boto_policy())

    rc, result = run_module(
        module,
        {"role_names": ["appstack-prod-gone", OTHER_ROLE], "policy_arns": [OTHER_POLICY_ARN, POLICY_ARN]},
        client,
    )

    assert rc == 0
    assert [role["role_name"] for role in result["roles"]] == [OTHER_ROLE]
    assert [policy["arn"] for policy in result["policies"]] == [POLICY_ARN]


def test_roles_and_policies_are_returned_in_the_order_asked(iam, run_module):
    client, stubber = iam
    queue_role(stubber, boto_role(OTHER_ROLE))
    queue_role(stubber, boto_role(ROLE))
    queue_policy(stubber, boto_policy(OTHER_POLICY_ARN))
    queue_policy(stubber, boto_policy(POLICY_ARN))

    rc, result = run_module(
        module, {"role_names": [OTHER_ROLE, ROLE], "policy_arns": [OTHER_POLICY_ARN, POLICY_ARN]}, client
    )

    assert rc == 0
    assert [role["role_name"] for role in result["roles"]] == [OTHER_ROLE, ROLE]
    assert [policy["arn"] for policy in result["policies"]] == [OTHER_POLICY_ARN, POLICY_ARN]


def test_a_role_or_policy_deleted_between_its_two_calls_is_left_out(iam, run_module):
    client, stubber = iam
    stubber.add_response("get_role", {"Role": boto_role()}, {"RoleName": ROLE})
    queue_missing(stubber, "list_attached_role_policies", {"RoleName": ROLE})
    stubber.add_response("get_policy", {"Policy": boto_policy()}, {"PolicyArn": POLICY_ARN})
    queue_missing(stubber, "get_policy_version", {"PolicyArn": POLICY_ARN, "VersionId": "v3"})

    rc, result = run_module(module, {"role_names": [ROLE], "policy_arns": [POLICY_ARN]}, client)

    assert rc == 0
    assert (result["roles"], result["policies"]) == ([], [])


def test_no_role_and_no_policy_asked_makes_no_call(run_module):
    rc, result = run_module(module, {}, client=None)

    assert rc == 0
    assert result["changed"] is False
    assert (result["roles"], result["policies"]) == ([], [])


def test_check_mode_reads_the_same(iam, run_module):
    client, stubber = iam
    queue_role(stubber, boto_role(), attached_pages=(["flow-logs"],))
    queue_policy(stubber, boto_policy())

    rc, result = run_module(
        module, {"role_names": [ROLE], "policy_arns": [POLICY_ARN], "_ansible_check_mode": True}, client
    )

    assert rc == 0
    assert result["changed"] is False
    assert result["roles"][0]["attached_policy_arns"] == [policy_arn("flow-logs")]
    assert result["policies"][0]["document"] == DOCUMENT


def test_an_aws_error_on_a_role_is_reported_without_a_crash(iam, run_module):
    client, stubber = iam
    stubber.add_client_error(
        "get_role", "AccessDenied", "User is not authorized to perform: iam:GetRole", 403, None, {"RoleName": ROLE}
    )

    rc, result = run_module(module, {"role_names": [ROLE], "policy_arns": [POLICY_ARN]}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to get IAM role: ")
    assert "iam:GetRole" in result["msg"]
    assert result["error"]["code"] == "AccessDenied"
    assert "Traceback" not in result["msg"]


def test_an_aws_error_on_a_policy_version_is_reported_without_a_crash(iam, run_module):
    client, stubber = iam
    stubber.add_response("get_policy", {"Policy": boto_policy()}, {"PolicyArn": POLICY_ARN})
    stubber.add_client_error(
        "get_policy_version",
        "AccessDenied",
        "User is not authorized to perform: iam:GetPolicyVersion",
        403,
        None,
        {"PolicyArn": POLICY_ARN, "VersionId": "v3"},
    )

    rc, result = run_module(module, {"policy_arns": [POLICY_ARN]}, client)

    assert rc == 1
    assert result["msg"].startswith("Failed to get IAM managed policy version: ")
    assert result["error"]["code"] == "AccessDenied"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param({"role_names": [ROLE, ""]}, "role_names must not contain an empty name.", id="empty-name"),
        pytest.param({"policy_arns": ["appstack-prod-rds-proxy-secrets"]}, "is not a policy ARN", id="name-not-arn"),
    ],
)
def test_an_empty_role_name_or_a_policy_name_for_an_arn_fails_before_any_call(run_module, args, message):
    rc, result = run_module(module, args, client=None)

    assert rc == 1
    assert message in result["msg"]


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(TRUST, id="dict"),
        pytest.param(json.dumps(TRUST), id="json"),
        pytest.param(quote(json.dumps(TRUST)), id="url-encoded-json"),
    ],
)
def test_a_policy_document_is_decoded_to_a_dict(document):
    assert iam_resources.decode_policy_document(document, "IAM role x") == TRUST


def test_a_json_document_with_a_literal_percent_is_not_unquoted():
    document = {"Statement": [{"Condition": {"StringLike": {"aws:userid": "AIDA%41*"}}}]}

    assert iam_resources.decode_policy_document(json.dumps(document), "IAM role x") == document


def test_a_policy_document_that_is_not_json_is_an_aws_error_naming_its_owner():
    with pytest.raises(AnsibleIAMError, match="IAM role x is not a JSON object"):
        iam_resources.decode_policy_document("not json", "IAM role x")
