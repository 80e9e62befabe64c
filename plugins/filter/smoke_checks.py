"""Smoke checks of a deployed service: what passes, and a report of what did not.

A check is ``{path, status, redirect_to?, body_contains?}``; the deploy playbook runs each with
ansible.builtin.uri (no redirects followed) and retries it until it passes or its time runs out.
"""

import re

DOCUMENTATION = r"""
name: smoke_checks
version_added: 0.5.0
short_description: Whether an HTTP answer passes a smoke check, and the report of a set of checks
description:
  - C(smoke_check_passed(result, check)) is true when the answer of M(ansible.builtin.uri) (C(follow_redirects=none),
    C(return_content=true)) has the check's C(status), its C(Location) starts with C(redirect_to) (when set) and its
    body holds C(body_contains) (when set).
  - C(smoke_check_report(results)) takes the C(results) of the looped uri task and returns one line per check,
    C(PASS) or C(FAIL), with the status seen and what was expected.
  - C(smoke_check_errors(checks)) lists what is wrong with a list of checks, naming C(deploy_smoke_checks).
options:
  _input:
    description: The uri result of one check (C(smoke_check_passed)), or the looped task's C(results).
    type: raw
    required: true
  check:
    description: The check, C({path, status, redirect_to?, body_contains?}).
    type: dict
"""

EXAMPLES = r"""
- name: Run the smoke checks
  ansible.builtin.uri:
    url: "{{ base_url }}{{ item.path }}"
    follow_redirects: none
    return_content: true
    status_code: "{{ range(100, 600) | list }}"
  loop: "{{ checks }}"
  register: smoke
  until: smoke | appstack.aws.smoke_check_passed(item)
"""

RETURN = r"""
_value:
  description: True or false (C(smoke_check_passed)), or a list of lines (C(smoke_check_report)).
  type: raw
"""

CHECK_KEYS = {"path", "status", "redirect_to", "body_contains"}


def _location(result):
    return result.get("location") or (result.get("headers") or {}).get("location") or ""


def smoke_check_passed(result, check):
    """Whether one uri answer passes one check."""
    if not isinstance(result, dict) or int(result.get("status", -1)) != int(check["status"]):
        return False
    if check.get("redirect_to") and not _location(result).startswith(check["redirect_to"]):
        return False
    return not check.get("body_contains") or check["body_contains"] in str(result.get("content", ""))


def _expected(check):
    expected = f"{check['status']}"
    if check.get("redirect_to"):
        expected += f" to {check['redirect_to']}"
    if check.get("body_contains"):
        expected += f" with {check['body_contains']!r} in the body"
    return expected


def _seen(result):
    status = result.get("status", -1)
    if status == -1:
        return f"no answer ({result.get('msg', 'connection failed')})"
    location = _location(result)
    return f"{status}" + (f" to {location}" if location else "")


def smoke_check_report(results):
    """One line per check of a looped uri task: PASS/FAIL, the path, what was seen and expected."""
    lines = []
    for result in results:
        check = result["item"]
        verdict = "PASS" if smoke_check_passed(result, check) else "FAIL"
        lines.append(f"{verdict} {check['path']}: got {_seen(result)}, expected {_expected(check)}")
    return lines


def smoke_check_errors(checks, variable="deploy_smoke_checks"):
    """What is wrong with a list of checks, each message naming the variable."""
    if not isinstance(checks, list) or not checks:
        return [f"{variable} must be a non-empty list of {{path, status, redirect_to?, body_contains?}}."]
    errors = []
    for index, check in enumerate(checks):
        where = f"{variable}[{index}]"
        if not isinstance(check, dict):
            errors.append(f"{where} must be a dict {{path, status, redirect_to?, body_contains?}}; got {check!r}.")
            continue
        unknown = sorted(set(check) - CHECK_KEYS)
        if unknown:
            errors.append(f"{where} has unknown keys {unknown}; allowed: path, status, redirect_to, body_contains.")
        if not isinstance(check.get("path"), str) or not check["path"].startswith("/"):
            errors.append(f"{where}.path must start with '/'; got {check.get('path')!r}.")
        status = check.get("status")
        if not re.fullmatch(r"[1-5]\d\d", str(status)):
            errors.append(f"{where}.status must be an HTTP status from 100 to 599; got {status!r}.")
    return errors


class FilterModule:
    def filters(self):
        return {
            "smoke_check_passed": smoke_check_passed,
            "smoke_check_report": smoke_check_report,
            "smoke_check_errors": smoke_check_errors,
        }
