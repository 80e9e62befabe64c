"""S3 answers GetBucketRequestPayment and PutBucketRequestPayment.

AWS: a bucket's ``?requestPayment`` subresource says who pays for requests and downloads, ``BucketOwner`` (a new
bucket's setting) or ``Requester``; PutBucketRequestPayment sets it from a ``RequestPaymentConfiguration`` whose
``Payer`` is one of the two, anything else is ``MalformedXML``
(https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketRequestPayment.html,
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/RequesterPaysBuckets.html).

Moto 5.2.5 keeps a bucket's payer (``FakeBucket.payer``, ``BucketOwner``) but routes neither operation: a GET of
``?requestPayment`` lists the bucket's objects (no ``Payer`` in the answer) and a PUT re-creates the bucket, so the
setting never changes. amazon.aws's s3_bucket reads the payer on every run and, with ``requester_pays``, waits a
minute for the setting to show before failing ("Bucket request payer setting failed to apply in the expected
time"). This routes both operations to the bucket's payer.
"""

from __future__ import annotations

from typing import Any

import xmltodict
from moto.core.common_types import TYPE_RESPONSE
from moto.core.responses import ActionResult
from moto.s3.exceptions import MalformedXML
from moto.s3.responses import S3Response

SUBRESOURCE = "requestPayment"
PAYERS = ("BucketOwner", "Requester")


def _payer_from_body(body: bytes | str) -> str:
    try:
        payer = xmltodict.parse(body)["RequestPaymentConfiguration"]["Payer"]
    except Exception as error:  # Any unparsable body is one AWS rejects as malformed.
        raise MalformedXML() from error
    if payer not in PAYERS:
        raise MalformedXML()
    return payer


def get_bucket_request_payment(response: S3Response, bucket_name: str) -> TYPE_RESPONSE:
    bucket = response.backend.get_bucket(bucket_name)
    response.data["Action"] = "GetBucketRequestPayment"
    return response.serialized(ActionResult({"Payer": bucket.payer}))


def put_bucket_request_payment(response: S3Response, bucket_name: str) -> TYPE_RESPONSE:
    bucket = response.backend.get_bucket(bucket_name)
    bucket.payer = _payer_from_body(response.body)
    return 200, {}, ""


def _routes_request_payment(original_get: Any, original_put: Any) -> tuple[Any, Any]:
    def bucket_response_get(self: S3Response, bucket_name: str, querystring: dict[str, Any]) -> Any:
        if SUBRESOURCE not in querystring:
            return original_get(self, bucket_name, querystring)
        self._set_action("BUCKET", "GET", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        return get_bucket_request_payment(self, bucket_name)

    def bucket_response_put(self: S3Response, request: Any, bucket_name: str, querystring: dict[str, Any]) -> Any:
        if SUBRESOURCE not in querystring:
            return original_put(self, request, bucket_name, querystring)
        self._set_action("BUCKET", "PUT", querystring)
        self._authenticate_and_authorize_s3_action(bucket_name=bucket_name)
        return put_bucket_request_payment(self, bucket_name)

    return bucket_response_get, bucket_response_put


def apply() -> None:
    get, put = _routes_request_payment(S3Response._bucket_response_get, S3Response._bucket_response_put)
    S3Response._bucket_response_get = get
    S3Response._bucket_response_put = put
