"""App Runner services answer HTTP at an emulator address, as the image they run would.

``ANY /_appstack/apprunner/http/<ServiceUrl>/<path>`` (the query string is
ignored) is answered by the service's ``deployed_image``, the image of its
last deployment that succeeded, so answers follow deployments: the old image
answers until an update ends, and again after a rollback. A service that has
never been deployed, or is paused or deleted, answers 503 saying why; an
unknown ``ServiceUrl`` answers 404.

Every image answers ``/health`` and ``/ready`` with 200 and a JSON body naming
the path, the image and its tag, and any other path with 404.
``set_image_answers`` replaces those answers for the paths it is given; what is
set holds for the image everywhere (not per account) until reset.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.wrappers import Response

from emulator.backends.apprunner.models import AppRunnerBackend, Service, apprunner_backends

HEALTH_PATHS = ("/health", "/ready")
ANSWER_FIELDS = ("status", "body", "location", "headers")
STATUS_RANGE = (100, 599)
# Header names are HTTP tokens (RFC 9110, section 5.6.2).
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
# The server frames the body itself: an answer that set these would break the response.
_FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding"})
TEXT_BODY_TYPE = "text/plain; charset=utf-8"


@dataclass(frozen=True)
class Answer:
    """What an image answers on one path; with no ``body``, the default JSON body with ``status``."""

    status: int
    body: str | None = None
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        shown: dict[str, Any] = {"status": self.status}
        if self.body is not None:
            shown["body"] = self.body
        if self.location is not None:
            shown["location"] = self.location
        if self.headers:
            shown["headers"] = dict(self.headers)
        return shown


# Answers set per image identifier, then per path: global, like the images themselves.
_answers_lock = threading.Lock()
_image_answers: dict[str, dict[str, Answer]] = {}


def set_image_answers(image_identifier: str, answers: dict[str, Answer]) -> None:
    """Make ``image_identifier`` answer ``answers`` (path: Answer), replacing what was set for it before."""
    with _answers_lock:
        _image_answers[image_identifier] = dict(answers)


def image_answers() -> dict[str, dict[str, dict[str, Any]]]:
    """Every answer set, by image identifier and path."""
    with _answers_lock:
        return {
            image: {path: answer.as_dict() for path, answer in answers.items()}
            for image, answers in _image_answers.items()
        }


def clear_image_answers() -> None:
    with _answers_lock:
        _image_answers.clear()


def _answers_of(image_identifier: str) -> dict[str, Answer]:
    with _answers_lock:
        return dict(_image_answers.get(image_identifier, {}))


# Parsing the control's answers


def parse_answers(answers: Any) -> dict[str, Answer]:
    """The ``answers`` of the control's body as Answers by path; ValueError says what is wrong."""
    if not isinstance(answers, dict):
        raise ValueError('answers must be an object of path: answer, such as {"/health": {"status": 500}}')
    return {_checked_path(path): _parse_answer(path, given) for path, given in answers.items()}


def _checked_path(path: str) -> str:
    if not path.startswith("/") or "?" in path:
        raise ValueError(f"answer path {path!r} must start with / and have no query string")
    return path


def _parse_answer(path: str, given: Any) -> Answer:
    if not isinstance(given, dict):
        raise ValueError(f"answer for {path} must be an object with status, and optionally body, location, headers")
    unknown = set(given) - set(ANSWER_FIELDS)
    if unknown:
        raise ValueError(f"answer for {path} has unknown fields: {', '.join(sorted(unknown))}")
    return Answer(
        status=_checked_status(path, given.get("status")),
        body=_optional_string(path, "body", given.get("body")),
        location=_optional_string(path, "location", given.get("location")),
        headers=_checked_headers(path, given.get("headers")),
    )


def _checked_status(path: str, status: Any) -> int:
    low, high = STATUS_RANGE
    # bool is an int in Python, but true is no HTTP status.
    if not isinstance(status, int) or isinstance(status, bool) or not low <= status <= high:
        raise ValueError(f"answer for {path} needs a status, an integer from {low} to {high}, not {status!r}")
    return status


def _optional_string(path: str, name: str, value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name} of the answer for {path} must be a string, not {value!r}")
    if name == "location" and value is not None and _has_line_break(value):
        raise ValueError(f"location of the answer for {path} can't contain a line break")
    return value


def _checked_headers(path: str, headers: Any) -> dict[str, str]:
    if headers is None:
        return {}
    if not isinstance(headers, dict):
        raise ValueError(f"headers of the answer for {path} must be an object of name: value")
    for name, value in headers.items():
        if not _HEADER_NAME.match(name) or name.lower() in _FRAMING_HEADERS:
            raise ValueError(f"header {name!r} of the answer for {path} is not a header name an answer can set")
        if not isinstance(value, str) or _has_line_break(value):
            raise ValueError(f"header {name} of the answer for {path} must be a string on one line, not {value!r}")
    return dict(headers)


def _has_line_break(value: str) -> bool:
    return "\r" in value or "\n" in value


# Answering


@dataclass(frozen=True)
class Serving:
    """What a service does with HTTP now: its deployed ``image`` answers, or none does and it
    answers ``refusal_status`` with ``reason``."""

    image: str | None
    refusal_status: int = 503
    reason: str = ""


def respond(service_url: str, path: str) -> Response:
    """The answer of the service at ``service_url`` to a request for ``path``."""
    serving = _serving(service_url)
    if serving is None:
        return _json({"error": f"no App Runner service has the ServiceUrl {service_url!r}"}, 404)
    if serving.image is None:
        return _json({"error": serving.reason, "service_url": service_url}, serving.refusal_status)
    return image_response(serving.image, path)


def image_response(image_identifier: str, path: str) -> Response:
    """What ``image_identifier`` answers on ``path``: the answer set for it, else the default."""
    described = {"path": path, "image": image_identifier, "tag": image_tag(image_identifier)}
    answer = _answers_of(image_identifier).get(path)
    if answer is not None:
        return _custom_response(answer, described)
    if path in HEALTH_PATHS:
        return _json({"status": "ok", **described})
    return _json({"error": "no such path", **described}, 404)


def image_tag(image_identifier: str) -> str:
    """The tag of ``repository:tag``, the digest of ``repository@sha256:...``, else ``latest`` (what a pull takes)."""
    repository, at, digest = image_identifier.partition("@")
    if at:
        return digest
    # A registry port (``host:5000/name``) has a colon too, but before the last slash.
    last_segment = repository.rsplit("/", 1)[-1]
    return last_segment.rpartition(":")[2] if ":" in last_segment else "latest"


def _custom_response(answer: Answer, described: dict[str, Any]) -> Response:
    if answer.body is None:
        response = _json({"status": answer.status, **described}, answer.status)
    else:
        response = Response(answer.body, status=answer.status, content_type=TEXT_BODY_TYPE)
    for name, value in answer.headers.items():
        response.headers[name] = value
    if answer.location is not None:
        response.headers["Location"] = answer.location
    return response


def _serving(service_url: str) -> Serving | None:
    """How the service at ``service_url`` serves now, in whatever account and Region it is; None if unknown."""
    for backend in _all_backends():
        with backend.lock:
            service = next((s for s in backend.services.values() if s.url == service_url), None)
            if service is None:
                continue
            # Operations end lazily, when the account is next called: this request is such a call.
            backend.settle()
            if backend.services.get(service.arn) is not service:
                return None  # Deleted long enough ago to be gone.
            return _serving_state(service)
    return None


def _all_backends() -> list[AppRunnerBackend]:
    # Copies: another request may add an account or Region while this one looks.
    return [backend for account in list(apprunner_backends.values()) for backend in list(account.values())]


def _serving_state(service: Service) -> Serving:
    # The status the last ended operation left: an operation in progress changes nothing yet.
    status = service.settled_status
    if status is None:
        return _refused(503, f"service {service.name} is being created and has no successful deployment yet")
    if status == "CREATE_FAILED":
        return _refused(503, f"service {service.name} failed to create (CREATE_FAILED): no deployment succeeded")
    if status in ("PAUSED", "DELETED"):
        return _refused(503, f"service {service.name} is {status}")
    if service.deployed_image is None:
        # Built from a source code repository: there is no image to answer as.
        return _refused(501, f"service {service.name} runs no image: the emulator answers only image services")
    return Serving(image=service.deployed_image)


def _refused(status: int, reason: str) -> Serving:
    return Serving(image=None, refusal_status=status, reason=reason)


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")
