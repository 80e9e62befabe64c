"""The checks of an inventory as a whole: unknown variables, one environment, the region, the allowed accounts,
the extra tags, the --tags."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils import inventory_checks as checks

DECLARED = {"rds_instance_class", "rds_multi_az", "network_vpc_cidr", "network_flow_logs_enabled", "appstack_region"}
PREFIXES = checks.declared_prefixes(["network", "rds", "secrets"])
REGIONS = {"aws": ["us-east-1", "us-east-2", "eu-west-1"], "aws-cn": ["cn-north-1"]}


def test_the_prefixes_are_each_roles_and_the_projects():
    assert PREFIXES == ("appstack_", "network_", "rds_", "secrets_")


def test_a_typo_under_a_role_prefix_is_unknown():
    names = ["rds_instance_clas", "rds_instance_class", "ansible_connection", "inventory_dir", "my_var"]
    assert checks.unknown_variables(names, DECLARED, PREFIXES) == ["rds_instance_clas"]


def test_a_deliberate_extra_variable_is_allowed():
    assert checks.unknown_variables(["rds_note"], DECLARED, PREFIXES, allowed_extra=["rds_note"]) == []


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("rds_instance_clas", "rds_instance_class"),
        ("rds_multiaz", "rds_multi_az"),
        ("network_flow_logs_enabld", "network_flow_logs_enabled"),
        ("network_vpc_cdir", "network_vpc_cidr"),
    ],
)
def test_the_closest_declared_name_is_suggested(typo, meant):
    message = checks.unknown_variable_message(typo, "inventories/qa/group_vars/qa.yml:12", DECLARED)
    assert message.startswith(f"{typo} (set in inventories/qa/group_vars/qa.yml:12) is not a variable of any role")
    assert f"did you mean {meant}?" in message
    assert "appstack_extra_variables" in message


def test_nothing_is_suggested_when_nothing_is_close():
    message = checks.unknown_variable_message("rds_banana", "-e", DECLARED)
    assert "did you mean" not in message
    assert "(set in -e)" in message


@pytest.mark.parametrize(
    ("environment", "host", "groups"),
    [("prod", "appstack-prod", ["prod"]), ("qa", "qa", ["qa", "eu"]), ("molecule", "appstack-molecule", ["molecule"])],
)
def test_an_inventory_that_names_one_environment_passes(environment, host, groups):
    assert checks.environment_mismatch(environment, host, groups) is None


@pytest.mark.parametrize(
    ("environment", "host", "groups"),
    [
        pytest.param("prod", "appstack-qa", ["qa"], id="copied-inventory-still-names-prod"),
        pytest.param("qa", "appstack-prod", ["qa"], id="host-not-renamed"),
        pytest.param("qa", "appstack-qa", ["prod"], id="group-not-renamed"),
        pytest.param("qa", "appstack-qaa", ["qa"], id="host-names-another-environment"),
    ],
)
def test_an_inventory_that_names_two_environments_fails_naming_all_three(environment, host, groups):
    message = checks.environment_mismatch(environment, host, groups)
    assert f"appstack_environment is {environment}" in message
    assert f"the host is {host}" in message
    assert f"groups are {', '.join(sorted(groups))}" in message


def test_an_unset_environment_fails():
    assert "appstack_environment is not set" in checks.environment_mismatch("", "appstack-qa", ["qa"])


def test_a_region_of_any_partition_passes():
    assert checks.region_error("us-east-2", REGIONS) is None
    assert checks.region_error("cn-north-1", REGIONS) is None


@pytest.mark.parametrize(
    ("region", "expected"),
    [("us-east-9", "did you mean us-east-2?"), ("useast1", "(a region looks like us-east-1)"), ("", "''")],
)
def test_a_region_no_partition_has_fails_naming_the_variable(region, expected):
    message = checks.region_error(region, REGIONS)
    assert message.startswith(f"appstack_region {region!r} is not an AWS region")
    assert expected in message
    assert "us-east-1, us-east-2" in message


@pytest.mark.parametrize("accounts", [[], None, ["111111111111", "011111111111"], [111111111111]])
def test_allowed_accounts_of_12_digits_or_none_pass(accounts):
    assert checks.allowed_accounts_error(accounts) is None


@pytest.mark.parametrize(
    ("accounts", "expected"),
    [
        (["12345"], "appstack_allowed_account_ids: '12345' not an AWS account id: each is 12 digits"),
        (["111111111111", "prod"], "appstack_allowed_account_ids: 'prod' not an AWS account id"),
        ("111111111111", "appstack_allowed_account_ids must be a list of 12-digit AWS account ids"),
    ],
)
def test_allowed_accounts_that_are_not_account_ids_fail_naming_the_variable(accounts, expected):
    assert expected in checks.allowed_accounts_error(accounts)


def test_extra_tags_aws_accepts_pass():
    assert checks.extra_tags_errors({"CostCenter": "smartscheduler-prod", "Tier": 2, "Note": ""}) == []
    assert checks.extra_tags_errors({}) == []


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (
            {"aws:owner": "me"},
            "the key 'aws:owner' is not one AWS accepts: 1 to 128 characters, not starting with aws:",
        ),
        ({"k" * 129: "v"}, "1 to 128 characters"),
        ({"Owner": None}, "the value of Owner is not one AWS accepts: a string of up to 256 characters; got None."),
        ({"Owner": "x" * 257}, "a string of up to 256 characters"),
        ({f"Tag{n}": "v" for n in range(48)}, "appstack_extra_tags has 48 tags: at most 47"),
        (["CostCenter=web"], "appstack_extra_tags must map tag keys to values"),
    ],
)
def test_extra_tags_aws_refuses_fail_naming_the_variable(tags, expected):
    errors = checks.extra_tags_errors(tags)
    assert any(expected in error for error in errors), errors
    assert all(error.startswith("appstack_extra_tags") for error in errors)


def test_a_tag_that_selects_no_tier_is_reported():
    assert checks.unmatched_tags(["all"], ["network", "data"]) == []
    assert checks.unmatched_tags(["data", "always"], ["network", "data"]) == []
    assert checks.unmatched_tags(["netwrok", "data"], ["network", "data"]) == ["netwrok"]
    warning = checks.unmatched_tags_warning(["netwrok"], ["network", "data"])
    assert "--tags netwrok selects no tier" in warning and "network, data" in warning
