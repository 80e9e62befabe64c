"""Match REST-protocol requests (S3, CloudFront, Lambda, ...) to operations.

REST services carry no operation name on the wire: the operation is implied by
the HTTP method and the path, as declared by each operation's
``http.requestUri`` template in the botocore service model, e.g.::

    GET  /{Bucket}?tagging          -> GetBucketTagging
    PUT  /{Bucket}/{Key+}           -> PutObject
    PUT  /{Bucket}/{Key+}  + header x-amz-copy-source -> CopyObject

Several operations may share a template; the one whose requirements (literal
query keys, required query-string members, required headers) are all present
and most numerous wins, so the most specific operation is chosen.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl

import botocore.session
from botocore.exceptions import UnknownServiceError
from botocore.model import OperationModel

_LABEL = re.compile(r"(\{[^}]+\})")
_session_lock = threading.Lock()
_session: botocore.session.Session | None = None


@dataclass(frozen=True)
class RestRoute:
    """One operation's request URI template, compiled."""

    operation: str
    method: str
    path: re.Pattern[str]
    query_literals: tuple[tuple[str, str], ...]
    required_query: frozenset[str]
    required_headers: frozenset[str]
    specificity: tuple[int, int, int]

    def matches(
        self,
        method: str,
        path: str,
        query: Mapping[str, list[str]],
        header_names: frozenset[str],
    ) -> bool:
        return (
            method == self.method
            and self.path.match(path) is not None
            and all(_query_has(query, key, value) for key, value in self.query_literals)
            and self.required_query.issubset(query)
            and self.required_headers.issubset(header_names)
        )


def _query_has(query: Mapping[str, list[str]], key: str, value: str) -> bool:
    # "?tagging" only asks for the key; "?list-type=2" asks for the value too.
    if key not in query:
        return False
    return not value or value in query[key]


def _botocore_session() -> botocore.session.Session:
    global _session
    with _session_lock:
        if _session is None:
            _session = botocore.session.get_session()
        return _session


def compile_path(template: str) -> tuple[re.Pattern[str], int, int]:
    """Regex for a requestUri path; also its literal length and greedy labels.

    ``{Name}`` matches one path segment, ``{Name+}`` (greedy) the rest of the
    path, slashes included. A trailing slash is optional, as clients differ.
    """
    parts = []
    literal_length = 0
    greedy_labels = 0
    for piece in _LABEL.split(template):
        if not piece:
            continue
        if piece.startswith("{") and piece.endswith("}"):
            greedy = piece.endswith("+}")
            greedy_labels += greedy
            parts.append("(.+)" if greedy else "([^/]+)")
        else:
            literal_length += len(piece)
            parts.append(re.escape(piece))
    pattern = "".join(parts)
    if not pattern.endswith("/"):
        pattern += "/?"
    return re.compile(f"^{pattern}$"), literal_length, greedy_labels


def compile_route(operation: OperationModel) -> RestRoute:
    template = operation.http.get("requestUri", "/")
    path_template, _, query_template = template.partition("?")
    path, literal_length, greedy_labels = compile_path(path_template)
    query_literals = tuple(parse_qsl(query_template, keep_blank_values=True))
    required_query, required_headers = _required_locations(operation)
    requirement_count = len(query_literals) + len(required_query) + len(required_headers)
    return RestRoute(
        operation=operation.name,
        method=operation.http.get("method", "POST").upper(),
        path=path,
        query_literals=query_literals,
        required_query=required_query,
        required_headers=required_headers,
        specificity=(requirement_count, literal_length, -greedy_labels),
    )


def _required_locations(operation: OperationModel) -> tuple[frozenset[str], frozenset[str]]:
    """Names of required input members sent as query parameters and headers."""
    shape = operation.input_shape
    if shape is None:
        return frozenset(), frozenset()
    query, headers = set(), set()
    for member_name in shape.required_members:
        serialization = shape.members[member_name].serialization
        wire_name = serialization.get("name", member_name)
        if serialization.get("location") == "querystring":
            query.add(wire_name)
        elif serialization.get("location") == "header":
            headers.add(wire_name.lower())
    return frozenset(query), frozenset(headers)


@cache
def routes_for(service_name: str) -> tuple[RestRoute, ...]:
    """Compiled routes of a botocore service; empty unless it speaks REST."""
    try:
        model = _botocore_session().get_service_model(service_name)
    except UnknownServiceError:
        return ()
    if not model.protocol.startswith("rest"):
        return ()
    return tuple(compile_route(model.operation_model(name)) for name in model.operation_names)


def match_operation(
    service_names: Iterable[str],
    method: str,
    path: str,
    query: Mapping[str, list[str]],
    header_names: frozenset[str],
) -> str | None:
    """The most specific operation of the first service that has a match."""
    for service_name in service_names:
        candidates = [
            route for route in routes_for(service_name) if route.matches(method, path or "/", query, header_names)
        ]
        if candidates:
            return max(candidates, key=lambda route: route.specificity).operation
    return None
