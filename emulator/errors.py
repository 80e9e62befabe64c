"""AWS-shaped errors for requests the emulator cannot serve.

An operation moto lacks, or a bug inside moto, would otherwise reach the client as Flask's HTML "500 Internal
Server Error" page, which no SDK can parse: botocore reports "invalid XML received" and, since 500 is a status it
retries, tries four more times first. AWS answers every failure in the service's own protocol, so this module does
too:

- an operation nobody implements: ``NotImplemented``, HTTP 501, which SDKs do not retry;
- an exception inside an implemented operation: ``InternalFailure``, HTTP 500, as AWS's own server errors.

The body follows the protocol the request used, as botocore's parsers read it
(https://smithy.io/2.0/aws/protocols/index.html):

- JSON (``X-Amz-Target``): ``{"__type": CODE, "message": TEXT}`` and the ``x-amzn-ErrorType`` header;
- Smithy RPC v2 CBOR (``smithy-protocol: rpc-v2-cbor``): the same map, CBOR-encoded;
- EC2 query: ``<Response><Errors><Error><Code>``;
- other query and REST-XML services: ``<ErrorResponse><Error><Type><Code><Message>``;
- REST-JSON services: the JSON body and the ``x-amzn-ErrorType`` header.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable, Iterable
from typing import Any
from xml.sax.saxutils import escape

from werkzeug.exceptions import HTTPException

logger = logging.getLogger(__name__)

NOT_IMPLEMENTED = ("NotImplemented", 501, "501 Not Implemented")
INTERNAL_FAILURE = ("InternalFailure", 500, "500 Internal Server Error")
# REST services whose protocol is rest-json; every other REST service the emulator serves speaks rest-xml.
REST_JSON_SERVICES = frozenset(
    {
        "apigateway",
        "appsync",
        "batch",
        "eks",
        "elasticfilesystem",
        "execute-api",
        "glacier",
        "iot",
        "lambda",
        "mediaconvert",
        "mq",
        "polly",
        "ses",
        "xray",
    }
)
_FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Moto's errors subclass werkzeug's HTTPException and render their own AWS body; werkzeug's own render HTML.
WERKZEUG_ERRORS = HTTPException.__module__


def protocol_of(environ: dict[str, Any], service: str) -> str:
    """The protocol a request was sent in: json, cbor, ec2, query, rest-json or rest-xml."""
    if environ.get("HTTP_X_AMZ_TARGET"):
        return "json"
    if environ.get("HTTP_SMITHY_PROTOCOL", "").lower() == "rpc-v2-cbor":
        return "cbor"
    content_type = environ.get("CONTENT_TYPE", "")
    if content_type.startswith(_FORM_CONTENT_TYPE) or "Action=" in environ.get("QUERY_STRING", ""):
        return "ec2" if service == "ec2" else "query"
    return "rest-json" if service in REST_JSON_SERVICES else "rest-xml"


def error_response(protocol: str, code: str, message: str) -> tuple[list[tuple[str, str]], bytes]:
    """The headers and body of an error in the given protocol."""
    if protocol in ("json", "rest-json"):
        body = json.dumps({"__type": code, "message": message}).encode()
        return [("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-ErrorType", code)], body
    if protocol == "cbor":
        body = cbor_text_map({"__type": code, "message": message})
        return [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor")], body
    if protocol == "ec2":
        xml = (
            f"<Response><Errors><Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
            "</Errors><RequestID>emulator</RequestID></Response>"
        )
        return [("Content-Type", "text/xml")], xml.encode()
    xml = (
        f"<ErrorResponse><Error><Type>Receiver</Type><Code>{escape(code)}</Code><Message>{escape(message)}"
        "</Message></Error><RequestId>emulator</RequestId></ErrorResponse>"
    )
    return [("Content-Type", "text/xml")], xml.encode()


def cbor_text_map(entries: dict[str, str]) -> bytes:
    """A CBOR map of text strings (RFC 8949, major types 5 and 3): all an error body needs."""
    encoded = _cbor_head(5, len(entries))
    for key, value in entries.items():
        for text in (key, value):
            raw = text.encode()
            encoded += _cbor_head(3, len(raw)) + raw
    return encoded


def _cbor_head(major_type: int, length: int) -> bytes:
    if length < 24:
        return bytes([major_type << 5 | length])
    for additional, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major_type << 5 | additional]) + length.to_bytes(size, "big")
    raise ValueError("a CBOR length must fit in 64 bits")


def respond(
    environ: dict[str, Any], service: str, error: tuple[str, int, str], message: str, start_response: Callable[..., Any]
) -> Iterable[bytes]:
    """Start a WSGI response carrying ``error`` in the protocol of ``environ``'s request."""
    code, _, status_line = error
    headers, body = error_response(protocol_of(environ, service), code, message)
    start_response(status_line, [*headers, ("Content-Length", str(len(body)))])
    return [body]


def classify(exception: BaseException) -> tuple[tuple[str, int, str], str]:
    """The AWS error an unhandled exception stands for, and its message."""
    if isinstance(exception, NotImplementedError):
        return NOT_IMPLEMENTED, f"The emulator does not implement this operation: {exception}"
    if isinstance(exception, HTTPException) and exception.code in (404, 405):
        # No route matched: a REST operation moto does not serve.
        return NOT_IMPLEMENTED, "The emulator does not implement this operation"
    if isinstance(exception, HTTPException) and exception.code and exception.code < 500:
        # Werkzeug refused the request itself (a malformed body, say): the client's fault, as werkzeug says.
        name = type(exception).__name__
        return (name, exception.code, f"{exception.code} {exception.name}"), exception.description or name
    return INTERNAL_FAILURE, f"The emulator failed to serve the request: {type(exception).__name__}: {exception}"


def guard_flask_app(app: Any, service: str) -> Any:
    """Make a Flask app that moto built for ``service`` answer its unhandled errors the AWS way.

    Moto's own errors pass through unchanged; only the errors Flask would render as HTML are replaced.
    """
    from flask import request

    def handle(exception: Exception) -> Any:
        if isinstance(exception, HTTPException) and type(exception).__module__ != WERKZEUG_ERRORS:
            return exception
        if not isinstance(exception, HTTPException):
            logger.error("%s request failed:\n%s", service, "".join(traceback.format_exception(exception)))
        error, message = classify(exception)
        code, status, _ = error
        headers, body = error_response(protocol_of(request.environ, service), code, message)
        return body, status, headers

    app.register_error_handler(Exception, handle)
    return app
