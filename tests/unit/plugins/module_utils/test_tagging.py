"""plan_tags works out the tag changes every appstack.aws module makes."""

from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags


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
