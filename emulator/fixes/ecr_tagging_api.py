"""ECR repositories take part in the Resource Groups Tagging API.

AWS: "The ``GetResources``, ``GetTagKeys``, and ``GetTagValues`` operations
support all resource types"
(https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html),
so ``GetResources`` lists tagged ECR repositories as ``ecr:repository``
(``ResourceTypeFilters`` ``["ecr:repository"]`` or ``["ecr"]``), and
``TagResources`` / ``UntagResources`` on a repository ARN change the tags that
ECR's ``ListTagsForResource`` returns
(https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).

Moto 5.2.5's tagging API only walks backends whose class mixes in
``TaggableResourcesMixin``, and ``ECRBackend`` does not: ``GetResources``
never lists a repository, and ``TagResources`` reports one in
``FailedResourcesMap`` as "Service not yet supported".

The mixin can't be patched onto ``ECRBackend`` the way the other fixes patch
methods, because the tagging API checks
``issubclass(backend_dict.backend, TaggableResourcesMixin)``. So this defines
``TaggableECRBackend``, a subclass that adds the mixin's methods (and points
moto to ECR's URL map, which moto looks up next to the backend class), and
puts it in place of ``ECRBackend`` in moto's ``ecr_backends``. Every ECR backend is
made from that class on first use (and again after a reset), and is still an
``ECRBackend`` for moto's ECR responses, Lambda and the others that use it.
``apply`` runs at startup, before any ECR backend exists.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from moto.core.resource_tagging import TaggableResourcesMixin, TaggedResource
from moto.ecr.models import ECRBackend, ecr_backends
from moto.utilities.tagging_service import TaggingService


class TaggableECRBackend(ECRBackend, TaggableResourcesMixin):
    SERVICE_NAMESPACE = "ecr"

    @property
    def _url_module(self) -> ModuleType:
        # Moto finds a service's URL map next to its backend class (moto.ecr.models ->
        # moto.ecr.urls); this class lives elsewhere, so point it at ECR's.
        return importlib.import_module("moto.ecr.urls")

    def iter_tagged_resources(self) -> Iterator[TaggedResource]:
        for repository in list(self.repositories.values()):
            yield TaggedResource(
                arn=repository.arn,
                tags=self.tagger.get_tag_dict_for_resource(repository.arn),
                resource_type="ecr:repository",
            )

    def tag_resource(self, arn: str, tags: dict[str, str] | list[dict[str, str]]) -> None:
        # One name, two callers: ECR's TagResource passes its Key/Value list, the
        # tagging API (TaggableResourcesMixin) a dict. Both end in ECR's own tag store.
        if isinstance(tags, dict):
            tags = TaggingService.convert_dict_to_tags_input(tags)
        super().tag_resource(arn, tags)

    # untag_resource: ECRBackend's (arn, tag_keys) already has the mixin's signature.


def apply() -> None:
    ecr_backends.backend = TaggableECRBackend
