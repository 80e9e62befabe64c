"""What the CloudFront fixes share: errors, ETags and ``If-Match``, routes, state, the distributions' references.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/):

* Every CloudFront resource has a version, its ``ETag``; an update or a delete
  names it in ``If-Match``. Without it the call fails with
  ``InvalidIfMatchVersion`` (HTTP 400), with a stale one with
  ``PreconditionFailed`` (HTTP 412); each change gives a new ``ETag``.
* A list element of the API is ``{Quantity, Items}``; a ``Quantity`` that is not
  the number of ``Items`` fails with ``InconsistentQuantities`` (HTTP 400), and
  an empty list comes back as ``{Quantity: 0}`` without ``Items``.

This module is no fix of its own: the ``cloudfront_*`` fixes use it.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from moto.cloudfront import urls
from moto.cloudfront.exceptions import CloudFrontException
from moto.cloudfront.models import CloudFrontBackend
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.utils import utcnow
from moto.moto_api._internal import mock_random as random

API = "https://cloudfront.amazonaws.com/2020-05-31"


class CloudFrontError(CloudFrontException):
    """An AWS CloudFront error; the HTTP status comes from the error's shape in the botocore model."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)


def new_id(length: int = 14) -> str:
    """An id shaped like AWS's (``E2QWRUHAPOMQZL``): upper-case letters and digits after an ``E``."""
    return "E" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(length - 1))


def new_etag() -> str:
    return new_id()


def now() -> datetime:
    return utcnow()


def check_if_match(if_match: str | None, etag: str) -> None:
    if not if_match:
        raise CloudFrontError("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.")
    if if_match != etag:
        raise CloudFrontError("PreconditionFailed", "The request failed because it didn't meet the preconditions.")


def check_quantities(value: Any, where: str = "") -> None:
    """Every ``{Quantity, Items}`` list in ``value`` counts its items right (``InconsistentQuantities``)."""
    if isinstance(value, dict):
        if "Quantity" in value and int(value["Quantity"]) != len(value.get("Items") or []):
            raise CloudFrontError(
                "InconsistentQuantities",
                f"The value of Quantity and the size of Items don't match in {where or 'the request'}.",
            )
        for key, item in value.items():
            check_quantities(item, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for item in value:
            check_quantities(item, where)


def tidy(value: Any) -> Any:
    """A copy of ``value`` where empty lists are ``{Quantity: 0}`` as AWS returns them, without ``Items``."""
    if isinstance(value, dict):
        tidied = {key: tidy(item) for key, item in value.items() if item is not None}
        if "Quantity" in tidied and not tidied.get("Items"):
            tidied.pop("Items", None)
            tidied["Quantity"] = 0
        return tidied
    if isinstance(value, list):
        return [tidy(item) for item in value]
    return value


def items(listing: dict[str, Any] | None) -> list[Any]:
    return list((listing or {}).get("Items") or [])


def listing(values: list[Any]) -> dict[str, Any]:
    return {"Quantity": len(values), "Items": values} if values else {"Quantity": 0}


def page(
    values: list[Any], marker: str | None, max_items: Any, key: Callable[[Any], str]
) -> tuple[list[Any], str | None]:
    """One page of ``values`` from the item whose key is ``marker``; the marker of the next page."""
    limit = int(max_items or 100)
    start = next((index for index, value in enumerate(values) if key(value) == marker), 0) if marker else 0
    chosen = values[start : start + limit]
    rest = values[start + limit :]
    return chosen, key(rest[0]) if rest else None


def state(backend: CloudFrontBackend, name: str, factory: Callable[[], Any]) -> Any:
    """Per-account state kept on moto's backend, so that moto's reset empties it too."""
    if name not in backend.__dict__:
        backend.__dict__[name] = factory()
    return backend.__dict__[name]


def add_routes(*paths: str) -> None:
    """Send these paths (after ``/2020-05-31/``) to moto's CloudFront response class."""
    for path in paths:
        urls.url_paths["{0}/2020-05-31/" + path + "$"] = CloudFrontResponse.dispatch


def add_operations(**methods: Callable[..., Any]) -> None:
    """Answer operations (``create_cache_policy=...``) on moto's CloudFront response class."""
    for name, method in methods.items():
        method.__name__ = name
        setattr(CloudFrontResponse, name, method)


def backend_of(response: CloudFrontResponse) -> CloudFrontBackend:
    return response.backend


def distribution_configs(backend: CloudFrontBackend) -> Iterator[dict[str, Any]]:
    """The configuration of every distribution, as the ``cloudfront_distributions`` fix keeps it."""
    for distribution in backend.distributions.values():
        config = getattr(distribution, "appstack_config", None)
        if config is not None:
            yield config


def behaviours(config: dict[str, Any]) -> list[dict[str, Any]]:
    return [config["DefaultCacheBehavior"], *items(config.get("CacheBehaviors"))]


def in_use(backend: CloudFrontBackend, field: str, value: str, *, origins: bool = False) -> bool:
    """Whether a distribution names ``value`` in ``field`` of a behaviour (or of an origin)."""
    for config in distribution_configs(backend):
        for element in items(config.get("Origins")) if origins else behaviours(config):
            if _lookup(element, field) == value:
                return True
    return False


def _lookup(element: dict[str, Any], field: str) -> Any:
    value: Any = element
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value
