"""Inventory configurations read back as they were put: optional fields as a list of names, the included object
versions that were asked for, a boolean IsEnabled. Each test fails on stock moto 5.2.5.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_InventoryConfiguration.html
"""

from __future__ import annotations

from typing import Any

from emulator.client import EmulatorClient


def _configuration(versions: str, fields: list[str]) -> dict[str, Any]:
    return {
        "Id": "weekly",
        "IsEnabled": True,
        "Destination": {"S3BucketDestination": {"Bucket": "arn:aws:s3:::inventory-dest", "Format": "CSV"}},
        "IncludedObjectVersions": versions,
        "Schedule": {"Frequency": "Weekly"},
        "OptionalFields": fields,
    }


def _put(s3: Any, configuration: dict[str, Any]) -> None:
    s3.create_bucket(Bucket="inventory-dest")
    s3.create_bucket(Bucket="inventory-src")
    s3.put_bucket_inventory_configuration(Bucket="inventory-src", Id="weekly", InventoryConfiguration=configuration)


def test_the_listed_configuration_is_the_one_put(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    configuration = _configuration("Current", ["Size"])
    _put(s3, configuration)
    listed = s3.list_bucket_inventory_configurations(Bucket="inventory-src")["InventoryConfigurationList"]
    assert listed == [configuration]


def test_the_configuration_read_by_id_is_the_one_put(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    configuration = _configuration("Current", ["Size", "LastModifiedDate"])
    _put(s3, configuration)
    read = s3.get_bucket_inventory_configuration(Bucket="inventory-src", Id="weekly")["InventoryConfiguration"]
    assert read == configuration


def test_deleting_a_configuration_keeps_the_bucket(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _put(s3, _configuration("All", ["Size"]))
    s3.delete_bucket_inventory_configuration(Bucket="inventory-src", Id="weekly")
    assert s3.list_bucket_inventory_configurations(Bucket="inventory-src").get("InventoryConfigurationList", []) == []
    assert "inventory-src" in [bucket["Name"] for bucket in s3.list_buckets()["Buckets"]]
