# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The CloudFront Functions API calls and steps of appstack.aws's cloudfront_function modules.

A function is found by its name.  ``read_function`` reads both stages (DescribeFunction for the configuration and
the ETag, GetFunction for the code); ``ensure_present`` and ``ensure_absent`` write only the difference and return
(changed, result), predicting the result in check mode.  Every write sends the DEVELOPMENT stage's ETag as
IfMatch, so a concurrent change fails with PreconditionFailed instead of being overwritten.

Errors are ``cloudfront.AnsibleCloudFrontError``; the planning is in ``cloudfront_function_plan.py``.
"""

from ansible_collections.appstack.aws.plugins.module_utils import cloudfront
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_function_plan as plan
from ansible_collections.appstack.aws.plugins.module_utils.cloudfront import CloudFrontErrorHandler

IN_USE_ADVICE = (
    "CloudFront function {name} is still associated with a distribution cache behavior; remove its function "
    "association (the FunctionARN {arn}) from every distribution that uses it, wait for the distributions to "
    "deploy, then delete the function again."
)


def describe_function(client, name, stage):
    """(FunctionSummary, ETag) of the function's stage, or (None, None) when that stage does not exist."""
    return cloudfront.get_with_etag(client, "describe_function", "FunctionSummary", Name=name, Stage=stage)


def get_function_code(client, name, stage):
    """The code of the function's stage as a str, or None when that stage does not exist."""

    @CloudFrontErrorHandler.list_error_handler("get function", None)
    def _get():
        code = client.get_function(aws_retry=True, Name=name, Stage=stage)["FunctionCode"]
        code = code.read() if hasattr(code, "read") else code
        return code.decode("utf-8") if isinstance(code, bytes) else code

    return _get()


def list_functions(client, stage=None):
    """Every FunctionSummary (of one stage, when stage is given)."""
    kwargs = {"Stage": stage} if stage else {}
    return cloudfront.list_all(client, "list_functions", "FunctionList", **kwargs)


def read_stage(client, name, stage):
    """{"summary", "etag", "code"} of the function's stage, or None when it does not exist."""
    summary, etag = describe_function(client, name, stage)
    if summary is None:
        return None
    return {"summary": summary, "etag": etag, "code": get_function_code(client, name, stage)}


def read_function(client, name):
    """{"DEVELOPMENT": stage, "LIVE": stage or None}, or None when there is no such function.

    The LIVE code is read only when the LIVE configuration matches DEVELOPMENT's, since only then can it decide.
    """
    development = read_stage(client, name, "DEVELOPMENT")
    if development is None:
        return None
    live_summary, live_etag = describe_function(client, name, "LIVE")
    live = None
    if live_summary is not None:
        same_config = plan.canonical(live_summary.get("FunctionConfig")) == plan.canonical(
            development["summary"].get("FunctionConfig")
        )
        code = get_function_code(client, name, "LIVE") if same_config else None
        live = {"summary": live_summary, "etag": live_etag, "code": code}
    return {"DEVELOPMENT": development, "LIVE": live}


def _published(current):
    """Whether the LIVE stage runs what DEVELOPMENT holds."""
    development = current["DEVELOPMENT"]
    return plan.stage_matches(current["LIVE"], development["summary"].get("FunctionConfig"), development["code"])


def current_result(current):
    """The returned dict of a function as read_function() found it (stage LIVE when published)."""
    development = current["DEVELOPMENT"]
    stage = "LIVE" if _published(current) else "DEVELOPMENT"
    return plan.function_result(development["summary"], development["code"], development["etag"], stage=stage)


def ensure_present(client, params, current, check_mode):
    """Bring the function to the options: create it or update its DEVELOPMENT stage when its configuration or code
    differs, then, with publish, publish it when LIVE is missing or differs.  Returns (changed, result)."""
    name, code = params["name"], params["code"]
    development = current["DEVELOPMENT"] if current else None
    config = plan.function_config(params, development["summary"].get("FunctionConfig") if development else None)
    changed = development is None or not plan.stage_matches(development, config, code)
    if development is None:
        if check_mode:
            summary, etag = plan.predicted_summary(name, config), None
        else:
            summary, etag = cloudfront.create_resource(
                client,
                "create_function",
                "FunctionSummary",
                Name=name,
                FunctionConfig=config,
                FunctionCode=code.encode("utf-8"),
            )
    elif changed:
        summary, etag = development["summary"], development["etag"]
        if check_mode:
            summary = plan.predicted_summary(name, config, summary)
        else:
            summary, etag = cloudfront.update_with_etag(
                client,
                "update_function",
                "FunctionSummary",
                etag,
                Name=name,
                FunctionConfig=config,
                FunctionCode=code.encode("utf-8"),
            )
    else:
        summary, etag = development["summary"], development["etag"]
    published = current is not None and not changed and _published(current)
    status = None
    if params["publish"] and not published:
        changed = published = True
        if check_mode:
            status = "UNASSOCIATED" if summary.get("Status") in (None, "UNPUBLISHED") else summary["Status"]
        else:
            live = cloudfront.update_with_etag(client, "publish_function", "FunctionSummary", etag, Name=name)[0]
            status = live.get("Status")
    result = plan.function_result(summary, code, etag, stage="LIVE" if published else "DEVELOPMENT", status=status)
    return changed, result


def ensure_absent(client, current, check_mode):
    """Delete the function (read_function()'s result, or None: nothing to do) with its DEVELOPMENT ETag.

    CloudFront refuses (FunctionInUse) while a distribution cache behavior associates the function; the error then
    says what to do.  Returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        development = current["DEVELOPMENT"]
        summary = development["summary"]
        advice = IN_USE_ADVICE.format(name=summary["Name"], arn=summary["FunctionMetadata"].get("FunctionARN"))
        cloudfront.delete_with_etag(
            client,
            "delete_function",
            development["etag"],
            in_use_code="FunctionInUse",
            in_use_advice=advice,
            Name=summary["Name"],
        )
    return True, None


def manage(client, params, check_mode):
    """Read the function named params["name"] and bring it to params["state"]; returns (changed, before, after),
    before and after being returned dicts (None: no function)."""
    current = read_function(client, params["name"])
    before = current_result(current) if current else None
    if params["state"] == "absent":
        changed, after = ensure_absent(client, current, check_mode)
    else:
        changed, after = ensure_present(client, params, current, check_mode)
    return changed, before, after


def describe(client, name=None, stage="DEVELOPMENT"):
    """The returned dicts of the functions: the one named name (its stage's code and ETag), or, without a name,
    every function in that stage (from the list, without code or ETag)."""
    if name is None:
        return [plan.function_result(summary, None) for summary in list_functions(client, stage)]
    found = read_stage(client, name, stage)
    if found is None:
        return []
    return [plan.function_result(found["summary"], found["code"], found["etag"])]
