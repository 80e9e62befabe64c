"""plan_tags works out the tag changes every appstack.aws module makes; ensure_tags makes them."""

import pytest
from ansible_collections.appstack.aws.plugins.module_utils.tagging import TagPlan, ensure_tags, plan_tags


def test_unset_tags_change_nothing():
    assert plan_tags({"A": "1"}, None, True) == ({}, [], {"A": "1"})


def test_purge_removes_unlisted_tags_but_not_aws_ones():
    to_set, to_unset, result = plan_tags({"A": "1", "B": "2", "aws:x": "y"}, {"A": "1", "C": 3}, True)

    assert to_set == {"C": 3}
    assert to_unset == ["B"]
    assert result == {"A": "1", "C": "3", "aws:x": "y"}


def test_without_purge_tags_are_only_added_or_changed():
    to_set, to_unset, result = plan_tags({"A": "1", "B": "2"}, {"A": "changed"}, False)

    assert to_set == {"A": "changed"}
    assert to_unset == []
    assert result == {"A": "changed", "B": "2"}


def test_empty_tags_with_purge_remove_every_tag():
    assert plan_tags({"A": "1"}, {}, True) == ({}, ["A"], {})


# TagPlan


def test_the_plan_names_its_fields():
    plan = plan_tags({"A": "1", "B": "2"}, {"A": "changed"}, True)

    assert isinstance(plan, TagPlan)
    assert plan.to_set == {"A": "changed"}
    assert plan.to_unset == ["B"]
    assert plan.result == {"A": "changed"}


def test_a_resource_yet_to_be_created_plans_from_no_tags():
    plan = plan_tags(None, {"Env": "prod"}, True)

    assert plan == TagPlan(to_set={"Env": "prod"}, to_unset=[], result={"Env": "prod"})


# ensure_tags


class Recorder:
    """Stands in for a resource's tag and untag API wrappers, recording what each is sent."""

    def __init__(self):
        self.calls = []

    def tag(self, tags):
        self.calls.append(("tag", tags))

    def untag(self, keys):
        self.calls.append(("untag", keys))


RESOURCE = {"id": "r-1", "tags": {"Env": "test", "Old": "x"}}


def converge(desired, purge=True, check_mode=False, resource=RESOURCE):
    api = Recorder()
    changed, result = ensure_tags(resource, desired, purge, check_mode, tag=api.tag, untag=api.untag)
    return changed, result, api.calls


def test_tags_are_untagged_then_tagged_and_the_result_returned():
    changed, result, calls = converge({"Env": "prod"})

    assert changed
    assert calls == [("untag", ["Old"]), ("tag", {"Env": "prod"})]
    assert result == {"id": "r-1", "tags": {"Env": "prod"}}
    assert RESOURCE["tags"] == {"Env": "test", "Old": "x"}, "the resource passed in is not changed"


def test_check_mode_sends_nothing_and_predicts_the_result():
    changed, result, calls = converge({"Env": "prod"}, check_mode=True)

    assert changed
    assert calls == []
    assert result["tags"] == {"Env": "prod"}


@pytest.mark.parametrize(
    ("desired", "purge", "expected_calls", "tags"),
    [
        (
            {"Env": "test", "Old": "x", "New": "y"},
            True,
            [("tag", {"New": "y"})],
            {"Env": "test", "Old": "x", "New": "y"},
        ),
        ({"Env": "test"}, True, [("untag", ["Old"])], {"Env": "test"}),
        ({"Env": "prod"}, False, [("tag", {"Env": "prod"})], {"Env": "prod", "Old": "x"}),
    ],
    ids=["only-added", "only-removed", "changed-without-purge"],
)
def test_an_empty_set_or_unset_list_is_not_sent(desired, purge, expected_calls, tags):
    changed, result, calls = converge(desired, purge=purge)

    assert changed
    assert calls == expected_calls
    assert result["tags"] == tags


def test_none_leaves_the_tags_alone():
    changed, result, calls = converge(None)

    assert not changed
    assert calls == []
    assert result is RESOURCE


def test_matching_tags_change_nothing():
    changed, result, calls = converge({"Env": "test", "Old": "x"})

    assert (changed, calls) == (False, [])
    assert result is RESOURCE


def test_a_resource_without_tags_gets_them():
    changed, result, calls = converge({"Env": "prod"}, resource={"id": "r-2"})

    assert changed
    assert calls == [("tag", {"Env": "prod"})]
    assert result == {"id": "r-2", "tags": {"Env": "prod"}}
