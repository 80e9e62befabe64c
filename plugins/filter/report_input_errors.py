"""The report role's input problems that its argument specs cannot express, as messages naming the variable."""

from ansible_collections.appstack.aws.plugins.module_utils import cost_estimate, fsbp

DOCUMENTATION = r"""
name: report_input_errors
version_added: 0.8.0
short_description: The report role's input problems, as messages
description:
  - Checks what the argument specs of the report role cannot express, before any API call.
  - C(report_assumptions) must give each usage the estimate needs as a number of 0 or more; C(report_controls) and
    the controls of C(report_extra_exceptions) must be controls M(appstack.aws.fsbp_controls_info) judges;
    C(report_budget_amounts) must not be empty and must ascend.
options:
  _input:
    description: The role's C(report_assumptions), C(report_controls), C(report_extra_exceptions) and
      C(report_budget_amounts).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Check the report input
  ansible.builtin.assert:
    that: __errors | length == 0
    fail_msg: "{{ __errors | join('; ') }}"
  vars:
    __errors: "{{ {'report_assumptions': report_assumptions, 'report_controls': report_controls,
      'report_extra_exceptions': report_extra_exceptions, 'report_budget_amounts': report_budget_amounts}
      | appstack.aws.report_input_errors }}"
"""

RETURN = r"""
_value:
  description: One message per problem, each naming the variable and what it allows; empty when there is none.
  type: list
  elements: str
"""


def report_input_errors(inputs):
    """Every problem of the report role's inputs, as messages."""
    problems = [
        "report_" + message for message in cost_estimate.missing_assumptions(inputs.get("report_assumptions") or {})
    ]
    known = ", ".join(fsbp.CONTROLS)
    for name in ("report_controls",):
        problems += [
            f"{name}: {control!r} is not a control the report judges; allowed: {known}."
            for control in inputs.get(name) or []
            if control not in fsbp.CONTROLS
        ]
    for item in inputs.get("report_extra_exceptions") or []:
        if not isinstance(item, dict) or item.get("control") not in fsbp.CONTROLS or not item.get("reason"):
            problems.append(
                f"report_extra_exceptions: each item needs a control the report judges ({known}) and a reason, "
                f"not {item!r}."
            )
    amounts = inputs.get("report_budget_amounts") or []
    if not amounts or list(amounts) != sorted(amounts):
        problems.append(f"report_budget_amounts must be a non-empty list of ascending amounts, not {amounts!r}.")
    return problems


class FilterModule:
    def filters(self):
        return {"report_input_errors": report_input_errors}
