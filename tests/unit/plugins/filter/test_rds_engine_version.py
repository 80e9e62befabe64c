"""The engine version the rds role sends never asks RDS for a downgrade within a major version."""

import pytest
from ansible_collections.appstack.aws.plugins.filter.rds_engine_version import FilterModule, engine_version_to_send


@pytest.mark.parametrize(
    ("requested", "running", "sent"),
    [
        pytest.param("16.6", "", "16.6", id="creation-sends-the-request"),
        pytest.param("16", "", "16", id="creation-with-a-major-alone-lets-rds-pick-the-minor"),
        pytest.param("16.6", "16.8", "16.8", id="auto-upgraded-minor-is-kept"),
        pytest.param("16.6", "16.6", "16.6", id="same-version"),
        pytest.param("16.6", "16.10", "16.10", id="minor-compared-as-a-number-not-text"),
        pytest.param("16", "16.8", "16.8", id="major-alone-accepts-any-minor"),
        pytest.param("16.8", "16.6", "16.8", id="running-below-the-minimum-is-upgraded"),
        pytest.param("16.10", "16.9", "16.10", id="upgrade-compared-as-a-number-not-text"),
        pytest.param("17.2", "16.8", "17.2", id="major-change-sends-the-request"),
        pytest.param("15.10", "16.8", "15.10", id="major-downgrade-sends-the-request-for-check-current-to-refuse"),
    ],
)
def test_the_version_sent(requested, running, sent):
    assert engine_version_to_send(requested, running) == sent


def test_a_number_from_extra_vars_is_read_as_a_version():
    assert engine_version_to_send(16, "16.8") == "16.8"


def test_the_filter_is_registered():
    assert FilterModule().filters()["rds_engine_version"] is engine_version_to_send
