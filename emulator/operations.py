"""Which AWS service and operation an HTTP request calls.

* Service: the SigV4 signing name from the credential scope
  (``Credential=AKID/20260101/us-east-1/<service>/aws4_request``, in the
  Authorization header or, for presigned URLs, ``X-Amz-Credential``). Unsigned
  requests fall back to the service moto inferred.
* Operation, by protocol:
  JSON protocols name it in ``X-Amz-Target`` (``AppRunner.CreateService``);
  query protocols (EC2, RDS, IAM, ...) in the ``Action`` parameter of the query
  string or form body; REST protocols imply it by method and path
  (see ``emulator.rest_routes``).
* Mutating: any operation whose name does not start with one of
  ``READ_ONLY_PREFIXES``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, quote

from emulator import rest_routes

READ_ONLY_PREFIXES = (
    "Describe",
    "List",
    "Get",
    "Head",
    "Lookup",
    "Search",
    "Check",
    "Validate",
    "Test",
)
UNKNOWN_OPERATION = "Unknown"
UNKNOWN_SERVICE = "unknown"

_CREDENTIAL_SCOPE = re.compile(r"^[^/]+/\d{8}/[^/]+/(?P<service>[^/]+)/aws4_request")
_FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"

# Signing names whose REST operations live in a botocore model of another name.
# The signing name itself and the service moto inferred are always tried too.
REST_MODEL_ALIASES = {
    "elasticfilesystem": ("efs",),
    "es": ("opensearch", "es"),
    "execute-api": ("apigatewaymanagementapi",),
    "mobiletargeting": ("pinpoint",),
    "s3": ("s3", "s3control"),
    "ses": ("sesv2",),
}

Environ = dict[str, Any]


@dataclass(frozen=True)
class ApiCall:
    service: str
    operation: str
    mutating: bool
    # The access key ID the call was signed with (a test tells an assumed role's calls from the caller's own).
    access_key_id: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "mutating": self.mutating,
            "access_key_id": self.access_key_id,
        }


def is_mutating(operation: str) -> bool:
    return not operation.startswith(READ_ONLY_PREFIXES)


def signing_name(environ: Environ) -> str | None:
    """The service named by the request's SigV4 credential scope, if signed."""
    match = _CREDENTIAL_SCOPE.match(_credential(environ))
    return match.group("service").lower() if match else None


def access_key_id(environ: Environ) -> str:
    """The access key ID of the request's SigV4 credential, "" if unsigned."""
    credential = _credential(environ)
    return credential.split("/", 1)[0] if _CREDENTIAL_SCOPE.match(credential) else ""


def _credential(environ: Environ) -> str:
    """The SigV4 credential (AKID/date/region/service/aws4_request) of the Authorization header or the presigned
    URL's X-Amz-Credential, "" if unsigned."""
    authorization = environ.get("HTTP_AUTHORIZATION", "")
    _, _, credential = authorization.partition("Credential=")
    if not credential:
        credential = _query(environ).get("X-Amz-Credential", [""])[0]
    return credential.split(",")[0].strip()


# Every S3 Control operation's path starts with its API version; S3 signs both APIs as "s3", and S3's own routes
# (GET /{Bucket}/{Key+}) would match S3 Control's paths too, so those go to the S3 Control model first.
S3_CONTROL_PATH_PREFIX = "/v20180820/"


def identify_call(environ: Environ, service: str, moto_service: str | None = None) -> ApiCall:
    models = _rest_models(service, moto_service)
    if service == "s3" and _raw_path(environ).startswith(S3_CONTROL_PATH_PREFIX):
        models = ["s3control", *(name for name in models if name != "s3control")]
    operation = identify_operation(environ, models)
    if operation == UNKNOWN_OPERATION:
        # Without a name, fall back on HTTP semantics: only reads are safe.
        mutating = environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD")
    else:
        mutating = is_mutating(operation)
    return ApiCall(service=service, operation=operation, mutating=mutating, access_key_id=access_key_id(environ))


def identify_operation(environ: Environ, rest_models: Iterable[str]) -> str:
    target = environ.get("HTTP_X_AMZ_TARGET")
    if target:
        return target.rpartition(".")[2]
    action = _query(environ).get("Action") or _form(environ).get("Action")
    if action:
        return action[0]
    operation = rest_routes.match_operation(
        rest_models,
        environ.get("REQUEST_METHOD", "GET").upper(),
        _raw_path(environ),
        _query(environ),
        _header_names(environ),
    )
    return operation or UNKNOWN_OPERATION


def _rest_models(service: str, moto_service: str | None) -> list[str]:
    names = [service, *REST_MODEL_ALIASES.get(service, ())]
    if moto_service:
        names.append(moto_service)
    return list(dict.fromkeys(names))


def _query(environ: Environ) -> dict[str, list[str]]:
    return parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)


def _form(environ: Environ) -> dict[str, list[str]]:
    body = read_form_body(environ)
    return parse_qs(body, keep_blank_values=True) if body else {}


def read_form_body(environ: Environ) -> str | None:
    """The url-encoded form body, leaving it readable for the backend.

    The input stream can be read only once, so it is replaced by an in-memory
    copy holding the same bytes.
    """
    if not environ.get("CONTENT_TYPE", "").startswith(_FORM_CONTENT_TYPE):
        return None
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= 0:
        return None
    body = environ["wsgi.input"].read(length)
    environ["wsgi.input"] = io.BytesIO(body)
    return body.decode("utf-8", errors="replace")


def _raw_path(environ: Environ) -> str:
    # The undecoded path keeps %2F inside one label (ARNs in Lambda or EKS paths).
    raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw_uri:
        path = raw_uri.partition("?")[0]
        # An absolute-form request line carries scheme and host; keep the path.
        if "://" in path:
            path = "/" + path.split("://", 1)[1].partition("/")[2]
        return path
    return quote(environ.get("PATH_INFO", "/"))


def _header_names(environ: Environ) -> frozenset[str]:
    names = {key[5:].replace("_", "-").lower() for key in environ if key.startswith("HTTP_")}
    names.update(key.replace("_", "-").lower() for key in ("CONTENT_TYPE", "CONTENT_LENGTH") if key in environ)
    return frozenset(names)
