"""CloudFront Functions: two stages, ETags and If-Match, publishing, in-use checks, and TestFunction running the code.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_CreateFunction.html, API_UpdateFunction.html,
API_PublishFunction.html, API_TestFunction.html, API_DescribeFunction.html, API_GetFunction.html,
API_DeleteFunction.html, API_ListFunctions.html, API_FunctionSummary.html, API_TestResult.html, and the Developer
Guide's "Publish functions" and "Test functions"):

* A function has a ``DEVELOPMENT`` stage and, once published, a ``LIVE`` one, each with its configuration
  (``Comment``, ``Runtime``: ``cloudfront-js-1.0`` or ``cloudfront-js-2.0``, ``KeyValueStoreAssociations``), its
  code and its ``ETag``. ``DescribeFunction`` and ``GetFunction`` read the stage the ``Stage`` query parameter names
  (``DEVELOPMENT`` by default); the ``LIVE`` stage of a function never published does not exist
  (``NoSuchFunctionExists``, 404).
* ``CreateFunction`` makes the ``DEVELOPMENT`` stage; a name already taken fails with ``FunctionAlreadyExists``
  (409); the name is 1 to 64 of ``[a-zA-Z0-9-_]``, the code at most 10 KB (``FunctionSizeLimitExceeded``, 413).
* ``UpdateFunction`` replaces the ``DEVELOPMENT`` configuration and code; ``PublishFunction`` copies ``DEVELOPMENT``
  to ``LIVE``. Both, ``TestFunction`` and ``DeleteFunction`` need ``If-Match`` (``InvalidIfMatchVersion`` without
  it, ``PreconditionFailed`` when stale); every change gives a new ``ETag``.
* ``Status``: ``UNPUBLISHED`` until the first publish, then ``UNASSOCIATED``, or ``DEPLOYED`` while a cache
  behaviour of a distribution associates the function.
* ``DeleteFunction`` fails with ``FunctionInUse`` (409) while a cache behaviour of a distribution associates it.
* ``TestFunction`` runs the stage's code (``DEVELOPMENT`` by default) on the ``EventObject`` and answers a
  ``TestResult``: ``FunctionOutput`` is the JSON of ``{"request": ...}`` or ``{"response": ...}`` (what the handler
  returned), ``FunctionErrorMessage`` the error the code threw, ``FunctionExecutionLogs`` what it logged with
  ``console.log``, ``ComputeUtilization`` the share (0 to 100) of the maximum execution time it used.
* ``ListFunctions`` lists one summary per function and stage; ``Stage`` keeps one stage.

The emulator runs the code in V8 through the ``mini-racer`` package: the JavaScript that CloudFront's runtimes
accept runs the same way, but CloudFront's own modules (``import cf from 'cloudfront'``) are not there, and
``ComputeUtilization`` is measured against this machine's wall clock.

Moto 5.2.5 has no ``UpdateFunction``, ``PublishFunction`` nor ``TestFunction``, ignores ``Stage``, keeps one
``ETag`` for ever, takes any ``If-Match`` and deletes a function a distribution uses: appstack.aws
``cloudfront_function`` could not publish, and a distribution could name a function that AWS would refuse.
"""

from __future__ import annotations

import copy
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from moto.cloudfront.models import CloudFrontBackend, CloudFrontFunction
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult

from emulator.fixes import cloudfront_common as common
from emulator.fixes.cloudfront_common import CloudFrontError

STAGES = ("DEVELOPMENT", "LIVE")
RUNTIMES = ("cloudfront-js-1.0", "cloudfront-js-2.0")
NAME_PATTERN = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# CloudFront Developer Guide, "Quotas on CloudFront Functions": maximum function size 10 KB.
MAX_CODE_BYTES = 10 * 1024
# The maximum execution time ComputeUtilization is a share of, and the time after which a test stops the code.
BUDGET_SECONDS = 0.001
TIMEOUT_SECONDS = 1.0


@dataclass
class Stage:
    config: dict[str, Any]
    code: bytes
    etag: str
    last_modified: datetime


class AppstackFunction(CloudFrontFunction):
    """A function with its two stages; moto's tagging of functions still works on it (it keeps name and arn).

    Moto's ``stage``, ``status``, ``config``, ``code`` and ``etag`` attributes are not used: ``stages`` holds each
    stage, and ``status_in`` derives the status."""

    def __init__(self, backend: CloudFrontBackend, name: str, config: dict[str, Any], code: bytes) -> None:
        super().__init__(backend.account_id, backend.region_name, name, config, code)
        self.stages: dict[str, Stage] = {"DEVELOPMENT": Stage(config, code, common.new_etag(), self.created_time)}

    def in_stage(self, name: str | None) -> Stage:
        stage = self.stages.get(name or "DEVELOPMENT")
        if stage is None:
            raise CloudFrontError("NoSuchFunctionExists", f"The function {self.name} does not exist in stage {name}.")
        return stage

    def summary(self, backend: CloudFrontBackend, stage_name: str) -> dict[str, Any]:
        stage = self.in_stage(stage_name)
        return {
            "Name": self.name,
            "Status": self.status_in(backend),
            "FunctionConfig": copy.deepcopy(stage.config),
            "FunctionMetadata": {
                "FunctionARN": self.arn,
                "Stage": stage_name,
                "CreatedTime": self.created_time,
                "LastModifiedTime": stage.last_modified,
            },
        }

    def status_in(self, backend: CloudFrontBackend) -> str:
        if "LIVE" not in self.stages:
            return "UNPUBLISHED"
        return "DEPLOYED" if associated(backend, self.arn) else "UNASSOCIATED"


def associated(backend: CloudFrontBackend, arn: str) -> bool:
    """Whether a cache behaviour of a distribution associates the function with this ARN."""
    return any(
        association.get("FunctionARN") == arn
        for config in common.distribution_configs(backend)
        for behaviour in common.behaviours(config)
        for association in common.items(behaviour.get("FunctionAssociations"))
    )


def published_arns(backend: CloudFrontBackend) -> set[str]:
    """The ARNs of the functions a distribution can associate: those with a LIVE stage."""
    return {
        function.arn
        for function in backend.functions.values()
        if isinstance(function, AppstackFunction) and "LIVE" in function.stages
    }


def _valid_config(config: dict[str, Any] | None) -> dict[str, Any]:
    if not config:
        raise CloudFrontError("InvalidArgument", "FunctionConfig is required.")
    common.check_quantities(config, "FunctionConfig")
    if config.get("Runtime") not in RUNTIMES:
        raise CloudFrontError("InvalidArgument", f"Runtime must be one of {', '.join(RUNTIMES)}.")
    stores = common.items(config.get("KeyValueStoreAssociations"))
    if stores and config["Runtime"] != "cloudfront-js-2.0":
        raise CloudFrontError("InvalidArgument", "Only cloudfront-js-2.0 functions can use a key value store.")
    if len(stores) > 1:
        raise CloudFrontError("InvalidArgument", "A function can be associated with one key value store.")
    valid = {"Comment": config.get("Comment") or "", "Runtime": config["Runtime"]}
    if stores:
        valid["KeyValueStoreAssociations"] = common.listing(stores)
    return valid


def _valid_code(code: Any) -> bytes:
    if isinstance(code, str):
        code = code.encode()
    if not code:
        raise CloudFrontError("InvalidArgument", "FunctionCode is required.")
    if len(code) > MAX_CODE_BYTES:
        raise CloudFrontError("FunctionSizeLimitExceeded", f"The function code is larger than {MAX_CODE_BYTES} bytes.")
    return code


def get_function(backend: CloudFrontBackend, name: str | None) -> AppstackFunction:
    function = backend.functions.get(name or "")
    if not isinstance(function, AppstackFunction):
        raise CloudFrontError("NoSuchFunctionExists", f"The function {name} does not exist.")
    return function


def _stage_param(response: CloudFrontResponse) -> str:
    stage = response._get_param("Stage") or "DEVELOPMENT"
    if stage not in STAGES:
        raise CloudFrontError("InvalidArgument", f"Stage must be DEVELOPMENT or LIVE, not {stage}.")
    return stage


# --- The operations -----------------------------------------------------------------


def _create(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    name = response._get_param("Name") or ""
    if not NAME_PATTERN.match(name):
        raise CloudFrontError("InvalidArgument", "The function name must be 1 to 64 of a-z, A-Z, 0-9, - and _.")
    if name in backend.functions:
        raise CloudFrontError("FunctionAlreadyExists", f"A function named {name} already exists.")
    config = _valid_config(response._get_param("FunctionConfig"))
    function = AppstackFunction(backend, name, config, _valid_code(response._get_param("FunctionCode")))
    backend.functions[name] = function
    backend.tagger.tag_resource(function.arn, common.items(response._get_param("Tags")))
    return ActionResult(
        {
            "FunctionSummary": function.summary(backend, "DEVELOPMENT"),
            "Location": f"{common.API}/function/{function.arn}",
            "ETag": function.in_stage("DEVELOPMENT").etag,
        }
    )


def _describe(response: CloudFrontResponse) -> ActionResult:
    function = get_function(response.backend, response._get_param("Name"))
    stage = _stage_param(response)
    return ActionResult(
        {"FunctionSummary": function.summary(response.backend, stage), "ETag": function.in_stage(stage).etag}
    )


def _get(response: CloudFrontResponse) -> ActionResult:
    function = get_function(response.backend, response._get_param("Name"))
    stage = function.in_stage(_stage_param(response))
    return ActionResult({"FunctionCode": stage.code, "ETag": stage.etag, "ContentType": "application/octet-stream"})


def _update(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    function = get_function(backend, response._get_param("Name"))
    development = function.in_stage("DEVELOPMENT")
    common.check_if_match(response._get_param("IfMatch"), development.etag)
    config = _valid_config(response._get_param("FunctionConfig"))
    code = _valid_code(response._get_param("FunctionCode"))
    function.stages["DEVELOPMENT"] = Stage(config, code, common.new_etag(), common.now())
    function.config, function.code = config, code
    return ActionResult(
        {"FunctionSummary": function.summary(backend, "DEVELOPMENT"), "ETag": function.in_stage("DEVELOPMENT").etag}
    )


def _publish(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    function = get_function(backend, response._get_param("Name"))
    development = function.in_stage("DEVELOPMENT")
    common.check_if_match(response._get_param("IfMatch"), development.etag)
    function.stages["LIVE"] = Stage(
        copy.deepcopy(development.config), development.code, common.new_etag(), common.now()
    )
    return ActionResult({"FunctionSummary": function.summary(backend, "LIVE")})


def _delete(response: CloudFrontResponse) -> EmptyResult:
    backend = response.backend
    function = get_function(backend, response._get_param("Name"))
    # DeleteFunction takes the ETag DescribeFunction gives, of either stage.
    if_match = response._get_param("IfMatch")
    etags = [stage.etag for stage in function.stages.values()]
    common.check_if_match(if_match, if_match if if_match in etags else etags[0])
    if associated(backend, function.arn):
        raise CloudFrontError(
            "FunctionInUse",
            "Cannot delete the function because it's associated with one or more cache behaviors. "
            "Remove the function from every cache behavior, then delete it.",
        )
    del backend.functions[function.name]
    backend.tagger.delete_all_tags_for_resource(function.arn)
    return EmptyResult()


def _list(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    wanted = response._get_param("Stage")
    if wanted not in (None, "", *STAGES):
        raise CloudFrontError("InvalidArgument", f"Stage must be DEVELOPMENT or LIVE, not {wanted}.")
    entries = [
        (function, stage)
        for function in backend.functions.values()
        if isinstance(function, AppstackFunction)
        for stage in STAGES
        if stage in function.stages and wanted in (None, "", stage)
    ]
    chosen, next_marker = common.page(
        entries, response._get_param("Marker"), response._get_param("MaxItems"), lambda entry: entry[0].name
    )
    result = {
        "MaxItems": int(response._get_param("MaxItems") or 100),
        **common.listing([function.summary(backend, stage) for function, stage in chosen]),
    }
    if next_marker:
        result["NextMarker"] = next_marker
    return ActionResult({"FunctionList": result})


def _test(response: CloudFrontResponse) -> ActionResult:
    backend = response.backend
    function = get_function(backend, response._get_param("Name"))
    stage_name = response._get_param("Stage") or "DEVELOPMENT"
    if stage_name not in STAGES:
        raise CloudFrontError("InvalidArgument", f"Stage must be DEVELOPMENT or LIVE, not {stage_name}.")
    stage = function.in_stage(stage_name)
    common.check_if_match(response._get_param("IfMatch"), stage.etag)
    event = _event(response._get_param("EventObject"))
    result = {"FunctionSummary": function.summary(backend, stage_name), **run(stage.code, event)}
    return ActionResult({"TestResult": result})


def _event(raw: Any) -> dict[str, Any]:
    if isinstance(raw, bytes):
        raw = raw.decode()
    try:
        event = json.loads(raw or "")
    except ValueError as e:
        raise CloudFrontError("InvalidArgument", f"The EventObject is not valid JSON: {e}") from e
    if not isinstance(event, dict):
        raise CloudFrontError("InvalidArgument", "The EventObject must be a JSON object.")
    return event


# --- Running the code ---------------------------------------------------------------

# console.log collects into a list the result reads; the handler's result (or a promise of it) becomes JSON.
_PRELUDE = (
    "var __appstack_logs = [];"
    "var console = {log: function () { __appstack_logs.push(Array.prototype.map.call(arguments, String).join(' ')); }};"
)
_INVOKE = (
    "Promise.resolve(handler({event})).then(function (r) {{ return JSON.stringify(r === undefined ? null : r); }})"
)


def run(code: bytes, event: dict[str, Any]) -> dict[str, Any]:
    """The TestResult members (but FunctionSummary) of running code's handler(event)."""
    try:
        from py_mini_racer import MiniRacer
    except ImportError as e:
        raise CloudFrontError(
            "UnsupportedOperation", "TestFunction needs the mini-racer package in the emulator's environment."
        ) from e
    context = MiniRacer()
    output, error, elapsed = "", "", 0.0
    try:
        context.eval(_PRELUDE)
        context.eval(code.decode(), timeout_sec=TIMEOUT_SECONDS)
        started = time.monotonic()
        promise = context.eval(_INVOKE.format(event=json.dumps(event)), timeout_sec=TIMEOUT_SECONDS)
        returned = json.loads(promise.get(timeout=TIMEOUT_SECONDS))
        elapsed = time.monotonic() - started
        output = json.dumps({_output_key(event, returned): returned}, separators=(",", ":"))
    except Exception as e:  # any failure of the customer's code is the test's result, as on AWS
        error = _error_message(e)
        elapsed = BUDGET_SECONDS if "timeout" in type(e).__name__.lower() else elapsed
    logs = [str(line) for line in context.eval("__appstack_logs.slice()") or []]
    context.close()
    return {
        "ComputeUtilization": str(min(100, max(1, round(elapsed / BUDGET_SECONDS * 100)))),
        "FunctionExecutionLogs": logs,
        "FunctionErrorMessage": error,
        "FunctionOutput": output,
    }


def _output_key(event: dict[str, Any], returned: Any) -> str:
    """A viewer-request handler returns the request, or a response (it has a statusCode) sent to the viewer."""
    event_type = (event.get("context") or {}).get("eventType", "viewer-request")
    if event_type == "viewer-response" or (isinstance(returned, dict) and "statusCode" in returned):
        return "response"
    return "request"


def _error_message(error: Exception) -> str:
    """The JavaScript error's "TypeError: ..." line (V8's messages carry the source line and the stack too)."""
    if "timeout" in type(error).__name__.lower():
        return "The function exceeded the maximum allowed compute utilization."
    lines = [
        re.sub(r"^(<anonymous>:\d+: |JavaScript rejected promise with reason: )", "", line.strip())
        for line in str(error).splitlines()
    ]
    for line in lines:
        if re.match(r"^(Uncaught )?\w*Error\b", line):
            return line
    return next((line for line in lines if line), type(error).__name__)


def apply() -> None:
    common.add_routes("function/(?P<function_name>[^/]+)/publish", "function/(?P<function_name>[^/]+)/test")
    common.add_operations(
        create_function=_create,
        describe_function=_describe,
        get_function=_get,
        update_function=_update,
        publish_function=_publish,
        test_function=_test,
        delete_function=_delete,
        list_functions=_list,
    )
