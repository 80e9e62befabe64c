"""S3 returns a bucket's inventory configurations as they were put.

AWS: an ``InventoryConfiguration`` keeps its ``IncludedObjectVersions`` (``All`` or ``Current``), its
``OptionalFields`` (a list of field names such as ``Size``) and ``IsEnabled`` (a boolean), and
GetBucketInventoryConfiguration and ListBucketInventoryConfigurations return them so
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_InventoryConfiguration.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBucketInventoryConfigurations.html).

Moto 5.2.5 stores the parsed XML as it comes: ``OptionalFields`` is ``{"Field": "Size"}``, which the list answers
as ``["Field"]``, ``IsEnabled`` the string ``"true"``, and both answers say ``IncludedObjectVersions: All``
whatever was put. DeleteBucketInventoryConfiguration is not routed at all: ``DELETE /bucket?inventory&id=...``
falls through to DeleteBucket and removes the (empty) bucket itself. amazon.aws's s3_bucket compares the declared configuration with the listed one, so a second
identical run reports a change (and puts the configuration again). This reads the body into the API's shapes,
keeps ``IncludedObjectVersions``, answers both operations from what was stored, and routes the deletion to the
configuration (https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketInventoryConfiguration.html).
"""

from __future__ import annotations

from typing import Any

import xmltodict
from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import ActionResult
from moto.core.utils import ensure_boolean
from moto.s3.models import FakeBucketInventoryConfiguration, S3Backend
from moto.s3.responses import S3Response

DEFAULT_INCLUDED_OBJECT_VERSIONS = "All"


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _inventory_config_from_body(self: S3Response) -> dict[str, Any]:
    config = dict(xmltodict.parse(self.body)["InventoryConfiguration"])
    config["IsEnabled"] = ensure_boolean(config.get("IsEnabled", False))
    optional_fields = config.get("OptionalFields")
    if optional_fields is not None:
        # XML nests each name in a <Field> element; the API's shape is the list of names.
        fields = optional_fields.get("Field") if isinstance(optional_fields, dict) else optional_fields
        config["OptionalFields"] = _as_list(fields)
    return config


def _keeps_included_object_versions(original: Any) -> Any:
    def put_bucket_inventory_configuration(
        self: S3Backend, bucket_name: str, inventory_configuration: dict[str, Any]
    ) -> None:
        original(self, bucket_name, inventory_configuration)
        stored = self.get_bucket(bucket_name).inventory_configs[inventory_configuration["Id"]]
        stored.included_object_versions = inventory_configuration.get(
            "IncludedObjectVersions", DEFAULT_INCLUDED_OBJECT_VERSIONS
        )

    return put_bucket_inventory_configuration


def _as_api_dict(inventory: FakeBucketInventoryConfiguration) -> dict[str, Any]:
    config: dict[str, Any] = {
        "Destination": inventory.destination,
        "IsEnabled": ensure_boolean(inventory.is_enabled),
        "Id": inventory.id,
        "IncludedObjectVersions": getattr(inventory, "included_object_versions", DEFAULT_INCLUDED_OBJECT_VERSIONS),
        "Schedule": inventory.schedule,
    }
    if inventory.filters:
        config["Filter"] = inventory.filters
    if inventory.optional_fields:
        config["OptionalFields"] = inventory.optional_fields
    return config


def get_bucket_inventory_configuration(self: S3Response) -> TYPE_RESPONSE:
    inventory = self.backend.get_bucket_inventory_configuration(
        bucket_name=self.bucket_name, id=self.querystring["id"][0]
    )
    self.data["Action"] = "GetBucketInventoryConfiguration"
    return self.serialized(ActionResult({"InventoryConfiguration": _as_api_dict(inventory)}))


def list_bucket_inventory_configurations(self: S3Response) -> TYPE_RESPONSE:
    inventories = self.backend.list_bucket_inventory_configurations(bucket_name=self.bucket_name)
    result = {"InventoryConfigurationList": [_as_api_dict(i) for i in inventories], "IsTruncated": False}
    self.data["Action"] = "ListBucketInventoryConfigurations"
    return self.serialized(ActionResult(result))


def delete_bucket_inventory_configuration(self: S3Response, bucket_name: str) -> TYPE_RESPONSE:
    config_id = self.querystring["id"][0]
    # Raises moto's not-found error for an unknown id, as GetBucketInventoryConfiguration does.
    self.backend.get_bucket_inventory_configuration(bucket_name=bucket_name, id=config_id)
    del self.backend.get_bucket(bucket_name).inventory_configs[config_id]
    return 204, {}, ""


def _routes_inventory_deletion(original: Any) -> Any:
    def bucket_response_delete(self: S3Response, bucket_name: str, querystring: dict[str, Any]) -> Any:
        if "inventory" not in querystring:
            return original(self, bucket_name, querystring)
        self._set_action("BUCKET", "DELETE", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        return delete_bucket_inventory_configuration(self, bucket_name)

    return bucket_response_delete


def apply() -> None:
    S3Response._bucket_response_delete = _routes_inventory_deletion(S3Response._bucket_response_delete)
    S3Response._inventory_config_from_body = _inventory_config_from_body
    S3Response.get_bucket_inventory_configuration = get_bucket_inventory_configuration
    S3Response.list_bucket_inventory_configurations = list_bucket_inventory_configurations
    S3Backend.put_bucket_inventory_configuration = _keeps_included_object_versions(
        S3Backend.put_bucket_inventory_configuration
    )
