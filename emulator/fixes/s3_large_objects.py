"""S3 completes a large multipart upload, and serves byte ranges of a large object, without holding it in memory.

AWS: an object may be up to 5 TiB, uploaded in up to 10,000 parts; CompleteMultipartUpload "assembles previously
uploaded parts" and GetObject with a ``Range`` header returns only those bytes
(https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html). SDK transfer managers rely on both: they
upload a large file in 8 MiB parts and download it with 8 MiB ranged GETs, ten at a time.

Moto 5.2.5 keeps each object in a spooled temporary file, but completing an upload joins every part into one
``bytearray`` (and a second copy for the object's checksum, and ``bytes`` copies of both), and a ranged GET reads
the whole object before slicing out the range. A 4 GiB upload (amazon.aws's s3_object target uploads and
downloads one) needs 8 GiB of memory or more to complete and more than a minute, so the SDK times out and retries
the completion while the first attempt disposes of the parts ("seek of closed file", HTTP 500); each ranged GET
then reads all 4 GiB. This assembles the parts through a temporary file with the checksum computed as the parts
stream by, and serves a range by reading only its bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import tempfile
from typing import Any

from moto.core.compat import HAS_CRT
from moto.s3.exceptions import EntityTooSmall, InvalidPart, MalformedXML, NoSuchUpload
from moto.s3.models import S3_UPLOAD_PART_MIN_SIZE, FakeKey, FakeMultipart, MultipartChecksumBuilder, S3Backend
from moto.s3.responses import S3Response

COPY_CHUNK = 8 * 1024 * 1024


class _FullObjectChecksum:
    """The whole object's checksum, fed part by part, as moto's compute_checksum would give it."""

    def __init__(self, algorithm: str) -> None:
        self.algorithm = algorithm
        self.hash = {"SHA1": hashlib.sha1, "SHA256": hashlib.sha256}.get(algorithm, lambda: None)()
        self.crc = 0

    @staticmethod
    def supports(algorithm: str) -> bool:
        # Without their optional libraries moto computes CRC32C and CRC64NVME as CRC32, which streams.
        if algorithm == "CRC32C":
            try:
                import crc32c  # noqa: F401
            except ImportError:
                return True
            return False
        if algorithm == "CRC64NVME":
            return not HAS_CRT
        return algorithm in ("CRC32", "SHA1", "SHA256")

    def update(self, data: bytes) -> None:
        if self.hash is not None:
            self.hash.update(data)
        else:
            self.crc = binascii.crc32(data, self.crc)

    def digest(self) -> str:
        raw = self.hash.digest() if self.hash is not None else self.crc.to_bytes(4, "big")
        return base64.b64encode(raw).decode()


def _validated_parts(multipart: FakeMultipart, body: Any) -> list[FakeKey]:
    parts: list[FakeKey] = []
    for part_number, etag in body:
        part = multipart.parts.get(part_number)
        if part is None or part.etag.replace('"', "") != etag.replace('"', ""):
            raise InvalidPart()
        if parts and parts[-1].contentsize < S3_UPLOAD_PART_MIN_SIZE:
            raise EntityTooSmall()
        parts.append(part)
    if not parts:
        raise MalformedXML()
    return parts


def _copy_part(part: FakeKey, target: Any, on_chunk: Any) -> None:
    with part.lock:
        part._value_buffer.seek(0)
        while chunk := part._value_buffer.read(COPY_CHUNK):
            target.write(chunk)
            on_chunk(chunk)


def _streamed_complete(original: Any) -> Any:
    def complete(self: FakeMultipart, body: Any) -> tuple[Any, str, tuple[str, str, int] | None]:
        builder = MultipartChecksumBuilder(
            self.metadata.get("x-amz-checksum-algorithm"), self.metadata.get("x-amz-checksum-type")
        )
        full_object = builder.checksum_type != "COMPOSITE"
        if full_object and not _FullObjectChecksum.supports(builder.checksum_algorithm):
            return original(self, body)
        parts = _validated_parts(self, body)
        checksum = _FullObjectChecksum(builder.checksum_algorithm)
        assembled = tempfile.TemporaryFile()  # noqa: SIM115 - closed once the object holds its content
        for part in parts:
            if full_object:
                _copy_part(part, assembled, checksum.update)
            else:
                _copy_part(part, assembled, lambda chunk: None)
                builder.addPart(part.value)  # A part's checksum: one part in memory at a time.
        md5s = b"".join(bytes.fromhex(part.etag.replace('"', "")) for part in parts)
        etag = f"{hashlib.md5(md5s, usedforsecurity=False).hexdigest()}-{len(parts)}"
        details = (builder.checksum_type, checksum.digest(), 1) if full_object else builder.build()
        # The object is created empty; its content follows from the file, chunk by chunk, once it exists.
        self.assembled = assembled
        return b"", etag, details

    return complete


def _fill(key: FakeKey, assembled: Any) -> None:
    assembled.seek(0)
    with key.lock:
        key._value_buffer.seek(0)
        key._value_buffer.truncate()
        while chunk := assembled.read(COPY_CHUNK):
            key._value_buffer.write(chunk)
        key.contentsize = key._value_buffer.tell()


def _releases_assembly(original: Any) -> Any:
    def complete_multipart_upload(self: S3Backend, bucket_name: str, multipart_id: str, body: Any) -> Any:
        bucket = self.get_bucket(bucket_name)
        multipart = bucket.multiparts.get(multipart_id)
        if multipart is None:  # Completed or aborted already (a retry of a completion, say).
            raise NoSuchUpload(upload_id=multipart_id)
        try:
            key = original(self, bucket_name, multipart_id, body)
            assembled = getattr(multipart, "assembled", None)
            if key is not None and assembled is not None:
                _fill(key, assembled)
            return key
        finally:
            # The key keeps its multipart; a file there would stop moto copying the key (ListObjectVersions).
            assembled = multipart.__dict__.pop("assembled", None)
            if assembled is not None:
                assembled.close()

    return complete_multipart_upload


class _ObjectContent:
    """An object's bytes as the range handling slices them: a slice reads only its own bytes."""

    def __init__(self, key: FakeKey) -> None:
        self.key = key

    def __len__(self) -> int:
        return self.key.contentsize

    def __bool__(self) -> bool:
        return self.key.contentsize > 0

    def __getitem__(self, window: slice) -> bytes:
        start, stop, _ = window.indices(self.key.contentsize)
        with self.key.lock:
            self.key._value_buffer.seek(start)
            return self.key._value_buffer.read(max(stop - start, 0))


class _KeyWithContentOnDemand:
    """The key a ranged GetObject answers from: its value is read by the slice the range asks for."""

    def __init__(self, key: FakeKey) -> None:
        self._key = key

    def __getattr__(self, name: str) -> Any:
        return getattr(self._key, name)

    @property
    def value(self) -> _ObjectContent:
        return _ObjectContent(self._key)


def _ranged_get_reads_on_demand(original: Any) -> Any:
    def get_object(self: S3Response) -> Any:
        if not self.headers.get("range"):
            return original(self)
        self.reads_range_on_demand = True
        try:
            return original(self)
        finally:
            self.reads_range_on_demand = False

    return get_object


def _key_on_demand(original: Any) -> Any:
    def get_key(self: S3Response, *args: Any, **kwargs: Any) -> tuple[Any, bool]:
        key, not_modified = original(self, *args, **kwargs)
        if getattr(self, "reads_range_on_demand", False):
            key = _KeyWithContentOnDemand(key)
        return key, not_modified

    return get_key


def _whole_content_when_not_sliced(original: Any) -> Any:
    """A range moto does not slice (several ranges, an unparsable one) gets the whole object, as before."""

    def key_response(self: S3Response, *args: Any, **kwargs: Any) -> Any:
        status, headers, body = original(self, *args, **kwargs)
        if isinstance(body, _ObjectContent):
            body = body[:]
        return status, headers, body

    return key_response


def _wrap(owner: type, name: str, wrapper: Any) -> None:
    setattr(owner, name, wrapper(getattr(owner, name)))


def apply() -> None:
    _wrap(FakeMultipart, "complete", _streamed_complete)
    _wrap(S3Backend, "complete_multipart_upload", _releases_assembly)
    _wrap(S3Response, "get_object", _ranged_get_reads_on_demand)
    _wrap(S3Response, "_get_key", _key_on_demand)
    _wrap(S3Response, "key_response", _whole_content_when_not_sliced)
