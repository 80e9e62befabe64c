# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws's CloudFront function modules, as pure functions.

A CloudFront function has a DEVELOPMENT stage (what CreateFunction and UpdateFunction write) and, once published, a
LIVE stage (what PublishFunction copies from DEVELOPMENT, and what distributions run).  Each stage is a
``FunctionConfig`` (Comment, Runtime, KeyValueStoreAssociations) plus the code.  Here: the checks of the options
(``function_problems``), the whole ``FunctionConfig`` to send (``function_config``: an option left unset keeps the
current value, or CloudFront's default on creation), whether a stage already matches (``stage_matches``), and the
returned dict (``function_result``).

Nothing here imports botocore; the API calls are in ``cloudfront_functions.py``.
"""

import re

RUNTIMES = ["cloudfront-js-1.0", "cloudfront-js-2.0"]
STAGES = ["DEVELOPMENT", "LIVE"]
DEFAULT_RUNTIME = "cloudfront-js-2.0"
# botocore's cloudfront model: FunctionName.
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# A function can use one key value store, from the cloudfront-js-2.0 runtime on (CloudFront Developer Guide,
# "Associate a CloudFront function with a key value store").
MAX_KEY_VALUE_STORES = 1


def function_problems(params):
    """Messages about the options, each naming the option and what is allowed; [] when they are valid."""
    problems = []
    name = params.get("name")
    if name is not None and not NAME_PATTERN.match(name):
        problems.append(f"name must be 1 to 64 letters, digits, hyphens or underscores, not {name!r}.")
    if params.get("state", "present") == "present" and params.get("code") is not None and not params["code"].strip():
        problems.append("code must not be empty.")
    stores = params.get("key_value_store_arns") or []
    if len(stores) > MAX_KEY_VALUE_STORES:
        problems.append(f"key_value_store_arns takes at most {MAX_KEY_VALUE_STORES} ARN, not {len(stores)}.")
    if stores and params.get("runtime") not in (None, "cloudfront-js-2.0"):
        problems.append("key_value_store_arns needs runtime cloudfront-js-2.0.")
    return problems


def function_config(params, current=None):
    """The whole FunctionConfig: the current one (None: a new function) with the options given."""
    current = current or {}
    config = {
        "Comment": params["comment"] if params.get("comment") is not None else current.get("Comment", ""),
        "Runtime": params.get("runtime") or current.get("Runtime") or DEFAULT_RUNTIME,
    }
    if params.get("key_value_store_arns") is not None:
        stores = list(params["key_value_store_arns"])
    else:
        stores = key_value_store_arns(current)
    if stores:
        config["KeyValueStoreAssociations"] = {
            "Quantity": len(stores),
            "Items": [{"KeyValueStoreARN": arn} for arn in stores],
        }
    return config


def key_value_store_arns(config):
    associations = (config or {}).get("KeyValueStoreAssociations") or {}
    return [item["KeyValueStoreARN"] for item in associations.get("Items") or []]


def canonical(config):
    """A FunctionConfig as a comparable value (the order of the key value stores means nothing)."""
    config = config or {}
    return (config.get("Comment") or "", config.get("Runtime"), sorted(key_value_store_arns(config)))


def stage_matches(stage, config, code):
    """Whether a stage ({"summary": FunctionSummary, "code": str} or None) has this config and exactly this code."""
    if stage is None:
        return False
    return canonical(stage["summary"].get("FunctionConfig")) == canonical(config) and stage["code"] == code


def function_result(summary, code, etag=None, stage=None, status=None):
    """A FunctionSummary (and its code) as the returned dict.

    stage: the stage to report (by default the summary's); status: the status to report (by default the summary's).
    Timestamps are ISO 8601 strings.
    """
    config = summary.get("FunctionConfig") or {}
    metadata = summary.get("FunctionMetadata") or {}
    result = {
        "name": summary.get("Name"),
        "arn": metadata.get("FunctionARN"),
        "stage": stage or metadata.get("Stage"),
        "status": status or summary.get("Status"),
        "comment": config.get("Comment", ""),
        "runtime": config.get("Runtime"),
        "key_value_store_arns": key_value_store_arns(config),
    }
    if etag is not None:
        result["e_tag"] = etag
    if code is not None:
        result["code"] = code
    for key, name in (("CreatedTime", "created_time"), ("LastModifiedTime", "last_modified_time")):
        if metadata.get(key) is not None:
            value = metadata[key]
            result[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return result


def predicted_summary(name, config, current=None, status=None):
    """The FunctionSummary a write would give, for check mode: the current one with config, or a new function's
    (whose ARN is not known before CloudFront creates it)."""
    if current is None:
        return {
            "Name": name,
            "Status": status or "UNPUBLISHED",
            "FunctionConfig": config,
            "FunctionMetadata": {"FunctionARN": None, "Stage": "DEVELOPMENT"},
        }
    metadata = {key: value for key, value in current["FunctionMetadata"].items() if key != "LastModifiedTime"}
    return dict(current, FunctionConfig=config, FunctionMetadata=metadata, Status=status or current.get("Status"))
