"""The API shared by CloudFront's cache, origin request and response headers policies.

AWS (https://docs.aws.amazon.com/cloudfront/latest/APIReference/, e.g. API_CreateCachePolicy.html,
API_UpdateCachePolicy.html, API_DeleteCachePolicy.html, API_ListCachePolicies.html); the three
families differ only in their names and configurations:

* ``Create<Noun>`` answers HTTP 201 with the policy, its ``Location`` and ``ETag``; a name already
  taken fails with ``<Noun>AlreadyExists`` (409).
* ``Get<Noun>`` and ``Get<Noun>Config`` answer the policy (``Id``, ``LastModifiedTime``,
  ``<Noun>Config``) or its configuration, with the ``ETag``; an unknown id fails with
  ``NoSuch<Noun>`` (404).
* ``Update<Noun>`` replaces the whole configuration; it needs ``If-Match`` (``InvalidIfMatchVersion``
  without, ``PreconditionFailed`` when stale) and gives a new ``ETag``.
* ``Delete<Noun>`` needs ``If-Match`` too, and fails with ``<Noun>InUse`` (409) while a cache
  behaviour of a distribution names the policy.
* The AWS managed policies exist in every account with fixed ids; they cannot be changed
  (``IllegalUpdate``) nor deleted (``IllegalDelete``: "You cannot delete a managed policy.").
* ``List<Nouns>`` lists ``{Type, <Noun>}`` summaries, ``Type`` being ``managed`` or ``custom``,
  and filters on the ``Type`` query parameter.

This module is no fix of its own: ``cloudfront_cache_policies``,
``cloudfront_origin_request_policies`` and ``cloudfront_response_headers_policies`` use it.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from moto.cloudfront.models import CloudFrontBackend
from moto.cloudfront.responses import CloudFrontResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.core.utils import camelcase_to_underscores
from moto.moto_api._internal import mock_random as random

from emulator.fixes import cloudfront_common as common
from emulator.fixes.cloudfront_common import CloudFrontError

# When AWS last changed its managed policies, as far as the emulator is concerned.
MANAGED_LAST_MODIFIED = datetime(2021, 6, 1, tzinfo=UTC)


@dataclass
class Policy:
    id: str
    type: str
    config: dict[str, Any]
    etag: str
    last_modified: datetime

    def as_dict(self, noun: str) -> dict[str, Any]:
        return {"Id": self.id, "LastModifiedTime": self.last_modified, f"{noun}Config": copy.deepcopy(self.config)}


@dataclass(frozen=True)
class PolicyFamily:
    """One family: ``noun`` (``CachePolicy``), its URL segment, the behaviour field naming it, its managed policies."""

    noun: str
    path: str
    behaviour_field: str
    managed: dict[str, dict[str, Any]]
    normalize: Callable[[dict[str, Any]], dict[str, Any]] = field(default=lambda config: config)

    @property
    def plural(self) -> str:
        return self.noun[: -len("Policy")] + "Policies"

    @property
    def config_key(self) -> str:
        return f"{self.noun}Config"

    def policies(self, backend: CloudFrontBackend) -> dict[str, Policy]:
        return common.state(backend, f"appstack_{self.path}", self._managed_policies)

    def _managed_policies(self) -> dict[str, Policy]:
        return {
            policy_id: Policy(
                policy_id, "managed", copy.deepcopy(config), _fixed_etag(policy_id), MANAGED_LAST_MODIFIED
            )
            for policy_id, config in self.managed.items()
        }

    def exists(self, backend: CloudFrontBackend, policy_id: str) -> bool:
        return policy_id in self.policies(backend)

    def get(self, backend: CloudFrontBackend, policy_id: str) -> Policy:
        policy = self.policies(backend).get(policy_id)
        if policy is None:
            raise CloudFrontError(f"NoSuch{self.noun}", f"The {self._words} does not exist.")
        return policy

    def create(self, backend: CloudFrontBackend, config: dict[str, Any]) -> Policy:
        config = self._valid(config)
        self._check_name_free(backend, config["Name"], None)
        # Custom policy ids are UUIDs, like the managed ones.
        policy = Policy(str(random.uuid4()), "custom", config, common.new_etag(), common.now())
        self.policies(backend)[policy.id] = policy
        return policy

    def update(
        self, backend: CloudFrontBackend, policy_id: str, config: dict[str, Any], if_match: str | None
    ) -> Policy:
        policy = self.get(backend, policy_id)
        if policy.type == "managed":
            raise CloudFrontError("IllegalUpdate", f"You cannot update a managed {self._words}.")
        common.check_if_match(if_match, policy.etag)
        config = self._valid(config)
        self._check_name_free(backend, config["Name"], policy_id)
        policy.config, policy.etag, policy.last_modified = config, common.new_etag(), common.now()
        return policy

    def delete(self, backend: CloudFrontBackend, policy_id: str, if_match: str | None) -> None:
        policy = self.get(backend, policy_id)
        if policy.type == "managed":
            raise CloudFrontError("IllegalDelete", "You cannot delete a managed policy.")
        common.check_if_match(if_match, policy.etag)
        if common.in_use(backend, self.behaviour_field, policy_id):
            raise CloudFrontError(
                f"{self.noun}InUse",
                f"The specified {self._words} is currently associated with a cache behavior. "
                "Please disassociate the policy before deleting.",
            )
        del self.policies(backend)[policy_id]

    def _valid(self, config: dict[str, Any] | None) -> dict[str, Any]:
        if not config:
            raise CloudFrontError("MissingBody", "This operation requires a body.")
        common.check_quantities(config, self.config_key)
        return common.tidy(self.normalize(copy.deepcopy(config)))

    def _check_name_free(self, backend: CloudFrontBackend, name: str, own_id: str | None) -> None:
        for policy in self.policies(backend).values():
            if policy.config["Name"] == name and policy.id != own_id:
                raise CloudFrontError(
                    f"{self.noun}AlreadyExists", f"A {self._words} with the name {name} already exists."
                )

    @property
    def _words(self) -> str:
        return camelcase_to_underscores(self.noun).replace("_", " ")

    def operations(self) -> dict[str, Callable[[CloudFrontResponse], ActionResult]]:
        """Response methods for the six operations, named as moto dispatches them."""
        family = self

        def answer(response: CloudFrontResponse, policy: Policy, **extra: Any) -> ActionResult:
            return ActionResult({family.noun: policy.as_dict(family.noun), "ETag": policy.etag, **extra})

        def create(response: CloudFrontResponse) -> ActionResult:
            policy = family.create(response.backend, response._get_param(family.config_key))
            return answer(response, policy, Location=f"{common.API}/{family.path}/{policy.id}")

        def get(response: CloudFrontResponse) -> ActionResult:
            return answer(response, family.get(response.backend, response._get_param("Id")))

        def get_config(response: CloudFrontResponse) -> ActionResult:
            policy = family.get(response.backend, response._get_param("Id"))
            return ActionResult({family.config_key: copy.deepcopy(policy.config), "ETag": policy.etag})

        def update(response: CloudFrontResponse) -> ActionResult:
            policy = family.update(
                response.backend,
                response._get_param("Id"),
                response._get_param(family.config_key),
                response._get_param("IfMatch"),
            )
            return answer(response, policy)

        def delete(response: CloudFrontResponse) -> EmptyResult:
            family.delete(response.backend, response._get_param("Id"), response._get_param("IfMatch"))
            return EmptyResult()

        def list_all(response: CloudFrontResponse) -> ActionResult:
            wanted = response._get_param("Type")
            if wanted not in (None, "", "managed", "custom"):
                raise CloudFrontError("InvalidArgument", f"Type must be managed or custom, not {wanted}.")
            policies = [
                policy for policy in family.policies(response.backend).values() if wanted in (None, "", policy.type)
            ]
            chosen, next_marker = common.page(
                policies, response._get_param("Marker"), response._get_param("MaxItems"), lambda policy: policy.id
            )
            summaries = [{"Type": policy.type, family.noun: policy.as_dict(family.noun)} for policy in chosen]
            result = {"MaxItems": int(response._get_param("MaxItems") or 100), **common.listing(summaries)}
            if next_marker:
                result["NextMarker"] = next_marker
            return ActionResult({f"{family.noun}List": result})

        names = {
            f"Create{self.noun}": create,
            f"Get{self.noun}": get,
            f"Get{self.noun}Config": get_config,
            f"Update{self.noun}": update,
            f"Delete{self.noun}": delete,
            f"List{self.plural}": list_all,
        }
        return {camelcase_to_underscores(action): method for action, method in names.items()}

    def apply(self) -> None:
        common.add_routes(self.path, f"{self.path}/(?P<Id>[^/]+)", f"{self.path}/(?P<Id>[^/]+)/config")
        common.add_operations(**self.operations())


def _fixed_etag(policy_id: str) -> str:
    digest = hashlib.sha256(policy_id.encode()).hexdigest().upper()
    return "E" + digest[:13]
