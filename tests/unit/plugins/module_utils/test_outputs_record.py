"""The record of the outputs in Parameter Store: what ssm_outputs writes, ssm_outputs_info gives back, typed."""

import json

from ansible_collections.appstack.aws.plugins.module_utils.outputs_record import (
    flatten,
    outputs_from_records,
    path_problems,
    records,
)
from ansible_collections.appstack.aws.plugins.modules.ssm_outputs import desired_parameters, too_long

PATH = "/shop/prod/outputs"
OUTPUTS = {
    "network": {"vpc_id": "vpc-1", "subnet_ids": {"app": ["subnet-1", "subnet-2"]}, "nat_gateway_ids": []},
    "rds": {"endpoint_port": 5432, "proxy_enabled": False, "proxy_endpoint": ""},
    "cache": {"enabled": False, "env": {}, "secrets": {}},
    "monitoring": None,
}


def test_the_record_gives_back_every_tier_typed_and_whole():
    parameters = records(OUTPUTS, PATH)
    assert outputs_from_records(parameters, PATH) == {key: value for key, value in OUTPUTS.items() if value is not None}


def test_the_flattened_values_lose_what_the_record_keeps():
    flattened = flatten(OUTPUTS, PATH)
    assert flattened[f"{PATH}/rds/endpoint_port"] == ("String", "5432")
    assert f"{PATH}/network/nat_gateway_ids" not in flattened
    assert f"{PATH}/cache/env" not in flattened


def test_one_record_parameter_per_tier_beside_the_values():
    desired = desired_parameters({"path": PATH, "outputs": OUTPUTS, "state": "present"})
    record_names = sorted(name for name in desired if "/_record/" in name)
    assert record_names == [f"{PATH}/_record/cache", f"{PATH}/_record/network", f"{PATH}/_record/rds"]
    assert json.loads(desired[f"{PATH}/_record/rds"][1]) == OUTPUTS["rds"]
    assert desired_parameters({"path": PATH, "outputs": OUTPUTS, "state": "absent"}) == {}


def test_a_record_may_reach_8_kb_and_a_value_4_kb():
    record = {f"{PATH}/_record/secrets": ("String", "x" * 8000), f"{PATH}/_record/iam": ("String", "x" * 8193)}
    values = {f"{PATH}/secrets/arn": ("String", "x" * 4097)}
    assert too_long({**record, **values}) == [f"{PATH}/_record/iam", f"{PATH}/secrets/arn"]


def test_parameters_outside_the_record_are_not_read_as_outputs():
    parameters = {f"{PATH}/ecr/repository_uri": ("String", "uri"), f"{PATH}/_record/ecr": ("String", '{"a": 1}')}
    assert outputs_from_records(parameters, PATH) == {"ecr": {"a": 1}}
    assert outputs_from_records({}, PATH) == {}


def test_both_modules_refuse_a_path_that_names_no_subtree():
    assert path_problems(PATH) == []
    for bad in ("shop/prod/outputs", "/shop/prod/outputs/", "/shop/prod outputs", "", None):
        (problem,) = path_problems(bad)
        assert problem.startswith("path must start with / and name a subtree") and repr(bad) in problem
