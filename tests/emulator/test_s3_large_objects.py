"""Multipart uploads complete through a file and ranged GETs read only their range; a completed upload is gone
(NoSuchUpload, where stock moto 5.2.5 answers 500), and the assembled object, its ETag, checksum and ranges are
those AWS gives. https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

PART_SIZE = 5 * 1024 * 1024


def _parts() -> list[bytes]:
    return [bytes([n]) * PART_SIZE for n in (1, 2)] + [b"tail"]


def _upload(s3: Any, **create: Any) -> tuple[str, list[dict[str, Any]]]:
    s3.create_bucket(Bucket="big")
    upload_id = s3.create_multipart_upload(Bucket="big", Key="large.bin", **create)["UploadId"]
    parts = []
    for number, data in enumerate(_parts(), start=1):
        answer = s3.upload_part(Bucket="big", Key="large.bin", UploadId=upload_id, PartNumber=number, Body=data)
        parts.append({"PartNumber": number, "ETag": answer["ETag"]})
    return upload_id, parts


def _expected_etag() -> str:
    digests = b"".join(hashlib.md5(part).digest() for part in _parts())
    return f'"{hashlib.md5(digests).hexdigest()}-3"'


def test_the_completed_object_is_the_parts_joined(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    upload_id, parts = _upload(s3)
    s3.complete_multipart_upload(Bucket="big", Key="large.bin", UploadId=upload_id, MultipartUpload={"Parts": parts})
    answer = s3.get_object(Bucket="big", Key="large.bin")
    assert answer["Body"].read() == b"".join(_parts())
    assert answer["ETag"] == _expected_etag()
    assert answer["ContentLength"] == 2 * PART_SIZE + 4


def test_completing_again_answers_the_same_object(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    upload_id, parts = _upload(s3)
    upload = {"Bucket": "big", "Key": "large.bin", "UploadId": upload_id, "MultipartUpload": {"Parts": parts}}
    first = s3.complete_multipart_upload(**upload)
    assert s3.complete_multipart_upload(**upload)["ETag"] == first["ETag"] == _expected_etag()


def test_an_unknown_upload_cannot_be_completed(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    _, parts = _upload(s3)
    with pytest.raises(ClientError) as error:
        s3.complete_multipart_upload(
            Bucket="big", Key="other.bin", UploadId="no-such-upload", MultipartUpload={"Parts": parts}
        )
    assert error.value.response["Error"]["Code"] == "NoSuchUpload"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_a_ranged_get_returns_only_its_bytes(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    upload_id, parts = _upload(s3)
    s3.complete_multipart_upload(Bucket="big", Key="large.bin", UploadId=upload_id, MultipartUpload={"Parts": parts})
    start = PART_SIZE - 2
    answer = s3.get_object(Bucket="big", Key="large.bin", Range=f"bytes={start}-{start + 3}")
    assert answer["Body"].read() == b"\x01\x01\x02\x02"
    assert answer["ContentRange"] == f"bytes {start}-{start + 3}/{2 * PART_SIZE + 4}"
    assert s3.get_object(Bucket="big", Key="large.bin", Range="bytes=-4")["Body"].read() == b"tail"


def test_a_full_object_checksum_covers_every_part(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    upload_id, parts = _upload(s3, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
    s3.complete_multipart_upload(Bucket="big", Key="large.bin", UploadId=upload_id, MultipartUpload={"Parts": parts})
    head = s3.head_object(Bucket="big", Key="large.bin", ChecksumMode="ENABLED")
    expected = base64.b64encode(binascii.crc32(b"".join(_parts())).to_bytes(4, "big")).decode()
    assert head["ChecksumCRC32"] == expected
    assert head["ChecksumType"] == "FULL_OBJECT"


def test_a_completed_upload_is_listed_among_versions(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    upload_id, parts = _upload(s3)
    s3.put_bucket_versioning(Bucket="big", VersioningConfiguration={"Status": "Enabled"})
    s3.complete_multipart_upload(Bucket="big", Key="large.bin", UploadId=upload_id, MultipartUpload={"Parts": parts})
    versions = s3.list_object_versions(Bucket="big")["Versions"]
    assert [(version["Key"], version["Size"]) for version in versions] == [("large.bin", 2 * PART_SIZE + 4)]
