"""Unit tests for the report_input_errors filter: each rule, with a message naming the variable."""

from ansible_collections.appstack.aws.plugins.filter.report_input_errors import report_input_errors

VALID = {
    "report_assumptions": {
        "nat_processed_gb_per_month": 100,
        "apprunner_active_hours_per_month": 243,
        "alb_lcu": 1,
        "cloudfront_transfer_gb_per_month": 100,
        "cloudfront_https_requests_per_month": 1000000,
    },
    "report_controls": ["RDS.2", "ELB.4"],
    "report_extra_exceptions": [{"control": "S3.1", "reason": "the organisation sets it"}],
    "report_budget_amounts": [50, 100, 150],
}


def test_valid_input_has_no_problem():
    assert report_input_errors(VALID) == []


def test_a_missing_or_negative_assumption_is_named():
    assumptions = {**VALID["report_assumptions"], "alb_lcu": -1}
    del assumptions["cloudfront_transfer_gb_per_month"]
    problems = report_input_errors({**VALID, "report_assumptions": assumptions})
    assert len(problems) == 2
    assert all(problem.startswith("report_assumptions.") for problem in problems)


def test_an_unknown_control_is_named_with_the_allowed_ones():
    (problem,) = report_input_errors({**VALID, "report_controls": ["RDS.99"]})
    assert problem.startswith("report_controls: 'RDS.99'")
    assert "allowed: RDS.2" in problem


def test_an_exception_needs_a_known_control_and_a_reason():
    problems = report_input_errors(
        {**VALID, "report_extra_exceptions": [{"control": "S3.1"}, {"control": "X.1", "reason": "r"}]}
    )
    assert len(problems) == 2
    assert all(problem.startswith("report_extra_exceptions:") for problem in problems)


def test_budget_amounts_must_ascend():
    (problem,) = report_input_errors({**VALID, "report_budget_amounts": [150, 100]})
    assert problem.startswith("report_budget_amounts")
    assert report_input_errors({**VALID, "report_budget_amounts": []})
