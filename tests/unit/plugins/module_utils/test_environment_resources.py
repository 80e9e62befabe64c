"""The teardown's engine: the order it deletes in, what it retries, and how the orphans are judged."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.planned_resources import planned_resources, resource_labels
from ansible_collections.appstack.aws.plugins.module_utils import environment_resources as er
from ansible_collections.appstack.aws.plugins.module_utils.outputs_record import as_parameter, flatten
from ansible_collections.appstack.aws.plugins.modules.environment_resources_info import classify, unplanned
from ansible_collections.appstack.aws.plugins.modules.ssm_outputs import plan
from botocore.exceptions import ClientError


def refusal(code):
    return ClientError({"Error": {"Code": code, "Message": code}}, "Delete")


class FakeKinds:
    """Replace the kinds' delete and gone functions with recorders, in a given order."""

    def __init__(self, monkeypatch, kinds):
        self.calls = []
        self.refusals = {}
        self.gone_after = {}
        fakes = []
        for name, phase in kinds:
            fakes.append(er.Kind(name, phase, lambda finder: [], self._delete(name), self._gone(name)))
        monkeypatch.setattr(er, "KINDS", tuple(fakes))
        monkeypatch.setattr(er, "KINDS_BY_NAME", {kind.name: kind for kind in fakes})

    def _delete(self, name):
        def delete(finder, resource):
            self.calls.append(("delete", resource.id))
            left = self.refusals.get(resource.id, [])
            if left:
                raise refusal(left.pop(0))

        return delete

    def _gone(self, name):
        def gone(finder, resource):
            polls = self.gone_after.get(resource.id, 0)
            self.gone_after[resource.id] = polls - 1
            return polls <= 0

        return gone


def deleter(timeout=60):
    clock = iter(range(0, 10_000, 5))
    return er.Deleter(finder=None, timeout=timeout, delay=5, sleep=lambda _: None, clock=lambda: next(clock))


def test_a_refused_deletion_is_retried_and_later_kinds_wait_for_it(monkeypatch):
    kinds = FakeKinds(monkeypatch, [("nat_gateway", "network"), ("elastic_ip", "network"), ("vpc", "network")])
    kinds.refusals["eipalloc-1"] = ["InvalidIPAddress.InUse", "AuthFailure"]
    resources = [
        er.Resource("nat_gateway", "nat-1"),
        er.Resource("elastic_ip", "eipalloc-1"),
        er.Resource("vpc", "vpc-1"),
    ]
    deleted = deleter().delete_all(resources)
    assert [resource.id for resource in deleted] == ["nat-1", "eipalloc-1", "vpc-1"]
    # The VPC is tried only once the address's deletion went through.
    assert kinds.calls == [
        ("delete", "nat-1"),
        ("delete", "eipalloc-1"),
        ("delete", "eipalloc-1"),
        ("delete", "eipalloc-1"),
        ("delete", "vpc-1"),
    ]


def test_a_resource_already_gone_counts_as_deleted(monkeypatch):
    kinds = FakeKinds(monkeypatch, [("subnet", "network")])
    kinds.refusals["subnet-1"] = ["InvalidSubnetID.NotFound"]
    assert [r.id for r in deleter().delete_all([er.Resource("subnet", "subnet-1")])] == ["subnet-1"]


def test_an_unexpected_error_stops_the_teardown(monkeypatch):
    kinds = FakeKinds(monkeypatch, [("subnet", "network")])
    kinds.refusals["subnet-1"] = ["UnauthorizedOperation"]
    with pytest.raises(ClientError):
        deleter().delete_all([er.Resource("subnet", "subnet-1")])


def test_it_waits_until_a_resource_is_gone(monkeypatch):
    kinds = FakeKinds(monkeypatch, [("rds_instance", "data")])
    kinds.gone_after["db-1"] = 3
    assert [r.id for r in deleter().delete_all([er.Resource("rds_instance", "db-1")])] == ["db-1"]
    assert kinds.calls == [("delete", "db-1")]


def test_it_times_out_naming_what_is_left(monkeypatch):
    kinds = FakeKinds(monkeypatch, [("rds_instance", "data")])
    kinds.gone_after["db-1"] = 1_000
    with pytest.raises(TimeoutError, match="rds_instance db-1"):
        deleter(timeout=30).delete_all([er.Resource("rds_instance", "db-1")])


def test_the_kinds_go_in_the_documented_phase_order():
    phases = [kind.phase for kind in er.KINDS]
    assert phases == sorted(phases, key=er.PHASES.index)
    order = [kind.name for kind in er.KINDS]
    for earlier, later in [
        ("apprunner_service", "apprunner_vpc_connector"),
        ("ecs_service", "ecs_cluster"),
        ("load_balancer", "target_group"),
        ("cloudfront_distribution", "cloudfront_cache_policy"),
        ("rds_db_proxy", "rds_instance"),
        ("rds_instance", "rds_subnet_group"),
        ("nat_gateway", "elastic_ip"),
        ("nat_gateway", "subnet"),
        ("security_group", "vpc"),
        ("internet_gateway", "vpc"),
        ("iam_role", "iam_policy"),
    ]:
        assert order.index(earlier) < order.index(later), (earlier, later)


@pytest.mark.parametrize(
    ("name", "ours"),
    [
        ("smartscheduler-prod", True),
        ("Smartscheduler-Prod", True),
        ("smartscheduler-prod-index", True),
        ("smartscheduler-frontend-prod", True),
        ("smartscheduler-production-index", False),
        ("smartscheduler-dev-index", False),
        ("other-prod-index", False),
    ],
)
def test_what_aws_cannot_tag_is_known_by_the_roles_names(name, ours):
    finder = er.Finder(None, er.Settings(app="smartscheduler", environment="prod"), "us-east-1")
    assert finder.named_ours(name) is ours


def test_a_resource_needs_all_three_tags():
    finder = er.Finder(None, er.Settings(app="shop", environment="prod"), "us-east-1")
    tags = {"Application": "shop", "Environment": "prod", "ManagedBy": "appstack.aws"}
    assert finder.ours(tags)
    assert finder.ours([{"Key": k, "Value": v} for k, v in tags.items()])
    assert not finder.ours({**tags, "Environment": "dev"})
    assert not finder.ours({"Application": "shop", "Environment": "prod"})


class FakeIAM:
    """list_open_id_connect_providers and get_open_id_connect_provider over providers given as ARN: tags."""

    def __init__(self, providers):
        self.providers = providers

    def list_open_id_connect_providers(self):
        return {"OpenIDConnectProviderList": [{"Arn": arn} for arn in self.providers]}

    def get_open_id_connect_provider(self, OpenIDConnectProviderArn):
        tags = self.providers[OpenIDConnectProviderArn]
        return {
            "Url": OpenIDConnectProviderArn.split(":oidc-provider/")[1],
            "Tags": [{"Key": k, "Value": v} for k, v in tags.items()],
        }


def test_the_account_oidc_provider_of_the_application_is_kept_saying_why():
    github = "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"
    providers = {
        github: {"Application": "shop", "ManagedBy": "appstack.aws"},
        # Another application's, one a person made, and one (wrongly) tagged with an environment: not listed.
        "arn:aws:iam::1:oidc-provider/other.example.com": {"Application": "blog", "ManagedBy": "appstack.aws"},
        "arn:aws:iam::1:oidc-provider/hand.example.com": {},
        "arn:aws:iam::1:oidc-provider/env.example.com": {
            "Application": "shop",
            "Environment": "prod",
            "ManagedBy": "appstack.aws",
        },
    }
    finder = er.Finder(lambda service, region=None: FakeIAM(providers), er.Settings(app="shop", environment="prod"), "")
    (provider,) = er.find_oidc_providers(finder)
    assert (provider.kind, provider.id, provider.name) == (
        "iam_oidc_provider",
        github,
        "token.actions.githubusercontent.com",
    )
    assert "shared by every environment" in er.kept_reason(finder, provider)
    assert er.KINDS_BY_NAME["iam_oidc_provider"].delete is None


@pytest.mark.parametrize(
    ("arn", "expected"),
    [
        ("arn:aws:ec2:us-east-1:1:natgateway/nat-1", ("nat_gateway", "nat-1")),
        ("arn:aws:ec2:us-east-1:1:elastic-ip/eipalloc-1", ("elastic_ip", "eipalloc-1")),
        ("arn:aws:ec2:us-east-1:1:vpc-flow-log/fl-1", ("vpc_flow_log", "fl-1")),
        ("arn:aws:cloudwatch:us-east-1:1:alarm:shop-prod-db-cpu", ("cloudwatch_alarm", "shop-prod-db-cpu")),
        (
            "arn:aws:apprunner:us-east-1:1:service/shop-api-prod/abc",
            ("apprunner_service", "arn:aws:apprunner:us-east-1:1:service/shop-api-prod/abc"),
        ),
        ("arn:aws:elasticache:us-east-1:1:replicationgroup:shop-prod", ("elasticache_replication_group", "shop-prod")),
        ("arn:aws:ec2:us-east-1:1:subnet/subnet-1", (None, None)),
        ("arn:aws:s3:::bucket", (None, None)),
    ],
)
def test_arns_of_the_judged_kinds_are_classified(arn, expected):
    assert classify(arn) == expected


def test_what_the_plan_does_not_keep_is_suspect():
    resources = [
        {"kind": "nat_gateway", "id": "nat-1", "name": "shop-prod-nat-us-east-1a"},
        {"kind": "nat_gateway", "id": "nat-2", "name": "shop-prod-nat-us-east-1b"},
        {"kind": "elastic_ip", "id": "eipalloc-1", "name": "shop-prod-nat-us-east-1a"},
        {"kind": "elastic_ip", "id": "eipalloc-2", "name": "shop-prod-nat-us-east-1b"},
        {"kind": "vpc_flow_log", "id": "fl-1", "name": ""},
        {"kind": "cloudwatch_alarm", "id": "shop-prod-db-cpu", "name": ""},
        {"kind": None, "id": None, "name": ""},
    ]
    planned = {"nat_gateway": ["nat-1"], "vpc_flow_log": "*", "cloudwatch_alarm": ["shop-prod-db-cpu"]}
    assert unplanned(resources, planned) == {"nat_gateway": {"nat-2"}, "elastic_ip": {"eipalloc-2"}}
    assert unplanned(resources, {**planned, "nat_gateway": ["nat-1", "nat-2"]}) == {}
    assert unplanned(resources, {}) == {}


def test_the_outputs_plan_what_each_tier_keeps():
    outputs = {
        "network": {"nat_gateway_ids": ["nat-1"], "flow_log_group_name": ""},
        "monitoring": {"alarm_names": ["a"]},
        "apprunner": {"service_arn": "arn:svc"},
        "cache": {"enabled": False, "replication_group_id": "shop-prod"},
    }
    assert planned_resources(outputs, "apprunner") == {
        "nat_gateway": ["nat-1"],
        "vpc_flow_log": [],
        "cloudwatch_alarm": ["a"],
        "apprunner_service": ["arn:svc"],
        "ecs_service": [],
        "elasticache_replication_group": [],
    }
    # A tier that never ran is not judged.
    assert planned_resources({"network": {"nat_gateway_ids": [], "flow_log_group_name": "g"}}) == {
        "nat_gateway": [],
        "vpc_flow_log": "*",
    }
    assert planned_resources({"ecs": {"service_arn": "arn:ecs"}}, "apprunner")["ecs_service"] == []


def test_labels_say_why_a_resource_is_kept():
    assert resource_labels([{"kind": "rds_snapshot", "id": "s", "name": "s", "reason": "kept by design"}]) == [
        "rds_snapshot s (kept: kept by design)"
    ]


def test_outputs_flatten_to_one_parameter_per_value():
    outputs = {
        "network": {"vpc_id": "vpc-1", "subnet_ids": {"app": ["subnet-1", "subnet-2"]}, "nat_gateway_ids": []},
        "rds": {"endpoint_port": 5432, "proxy_endpoint": ""},
        "ecr": {"owner": True},
        "monitoring": {"topic_arns": {"us-east-1": "arn:t"}},
        "odd": {"items": [{"a": 1}], "commas": ["a,b"]},
    }
    assert flatten(outputs, "/shop/prod/outputs") == {
        "/shop/prod/outputs/network/vpc_id": ("String", "vpc-1"),
        "/shop/prod/outputs/network/subnet_ids/app": ("StringList", "subnet-1,subnet-2"),
        "/shop/prod/outputs/rds/endpoint_port": ("String", "5432"),
        "/shop/prod/outputs/ecr/owner": ("String", "true"),
        "/shop/prod/outputs/monitoring/topic_arns/us-east-1": ("String", "arn:t"),
        "/shop/prod/outputs/odd/items": ("String", '[{"a":1}]'),
        "/shop/prod/outputs/odd/commas": ("String", '["a,b"]'),
    }
    assert as_parameter(None) is None


def test_only_changed_values_are_written_and_stale_ones_deleted():
    current = {"/p/a": ("String", "1"), "/p/b": ("String", "2"), "/p/c": ("String", "3")}
    desired = {"/p/a": ("String", "1"), "/p/b": ("String", "20"), "/p/d": ("StringList", "x,y")}
    assert plan(current, desired) == (["/p/b", "/p/d"], ["/p/c"])
