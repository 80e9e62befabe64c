"""emulator.errors: an error the emulator raises parses, with botocore's own parsers, in each protocol."""

from __future__ import annotations

import botocore.parsers
import pytest
from flask import Flask
from werkzeug.exceptions import HTTPException

from emulator import errors

BOTOCORE_PROTOCOL = {
    "json": "json",
    "cbor": "smithy-rpc-v2-cbor",
    "ec2": "ec2",
    "query": "query",
    "rest-json": "rest-json",
    "rest-xml": "rest-xml",
}


def parsed_error(protocol: str, status: int, headers: list[tuple[str, str]], body: bytes) -> dict:
    parser = botocore.parsers.create_parser(BOTOCORE_PROTOCOL[protocol])
    response = {"status_code": status, "headers": dict(headers), "body": body}
    return parser.parse(response, None)["Error"]


@pytest.mark.parametrize("protocol", sorted(BOTOCORE_PROTOCOL))
@pytest.mark.parametrize("message", ["short", "a <message> & " + "x" * 300])
def test_each_protocol_parses_as_the_code_and_message_given(protocol: str, message: str) -> None:
    headers, body = errors.error_response(protocol, "NotImplemented", message)

    error = parsed_error(protocol, 501, headers, body)

    assert error["Code"] == "NotImplemented"
    assert error["Message"] == message
    assert not body.lstrip().lower().startswith((b"<!doctype", b"<html"))


@pytest.mark.parametrize(
    ("environ", "service", "protocol"),
    [
        ({"HTTP_X_AMZ_TARGET": "secretsmanager.GetSecretValue"}, "secretsmanager", "json"),
        ({"HTTP_SMITHY_PROTOCOL": "rpc-v2-cbor"}, "monitoring", "cbor"),
        ({"CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8"}, "ec2", "ec2"),
        ({"CONTENT_TYPE": "application/x-www-form-urlencoded"}, "rds", "query"),
        ({"QUERY_STRING": "Action=ListRoles&Version=2010-05-08"}, "iam", "query"),
        ({"CONTENT_TYPE": "application/json"}, "lambda", "rest-json"),
        ({}, "cloudfront", "rest-xml"),
    ],
)
def test_the_protocol_is_read_from_the_request(environ: dict, service: str, protocol: str) -> None:
    assert errors.protocol_of(environ, service) == protocol


def test_a_cbor_length_past_one_byte_uses_the_longer_heads() -> None:
    assert errors._cbor_head(3, 23) == bytes([0x77])
    assert errors._cbor_head(3, 24) == bytes([0x78, 24])
    assert errors._cbor_head(3, 256) == bytes([0x79, 1, 0])
    assert errors._cbor_head(3, 65536) == bytes([0x7A, 0, 1, 0, 0])


class MotoStyleError(HTTPException):
    """Stands for moto's errors: an HTTPException defined outside werkzeug that renders its own body."""

    code = 400

    def get_body(self, environ=None, scope=None) -> str:
        return "<ErrorResponse><Error><Code>InvalidParameterValue</Code></Error></ErrorResponse>"


def guarded_app() -> Flask:
    app = Flask("service")

    @app.route("/bug", methods=["POST"])
    def bug():
        raise KeyError("mariadb")

    @app.route("/missing", methods=["POST"])
    def missing():
        raise NotImplementedError("The describe_certificates action has not been implemented")

    @app.route("/moto-error", methods=["POST"])
    def moto_error():
        raise MotoStyleError()

    return errors.guard_flask_app(app, "rds")


QUERY = {"content_type": "application/x-www-form-urlencoded", "data": "Action=DescribeDBInstances"}


def test_an_exception_inside_an_operation_is_an_internal_failure() -> None:
    response = guarded_app().test_client().post("/bug", **QUERY)

    error = parsed_error("query", response.status_code, list(response.headers.items()), response.data)
    assert response.status_code == 500
    assert error["Code"] == "InternalFailure"
    assert "KeyError" in error["Message"]


@pytest.mark.parametrize("path", ["/missing", "/no-such-route"])
def test_an_operation_without_a_handler_is_not_implemented(path: str) -> None:
    response = guarded_app().test_client().post(path, **QUERY)

    error = parsed_error("query", response.status_code, list(response.headers.items()), response.data)
    assert response.status_code == 501
    assert error["Code"] == "NotImplemented"


def test_a_moto_error_passes_through_unchanged() -> None:
    response = guarded_app().test_client().post("/moto-error", **QUERY)

    assert response.status_code == 400
    assert b"InvalidParameterValue" in response.data
