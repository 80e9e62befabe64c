"""GetBucketRequestPayment and PutBucketRequestPayment as AWS answers them: a new bucket's owner pays, and the
setting reads back as it was put. Each test fails on stock moto 5.2.5, which routes neither operation.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketRequestPayment.html
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient


def test_a_new_bucket_is_paid_for_by_its_owner(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="payer-new")
    assert s3.get_bucket_request_payment(Bucket="payer-new")["Payer"] == "BucketOwner"


def test_requester_pays_reads_back_and_can_be_turned_off(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="payer-switch")
    s3.put_bucket_request_payment(Bucket="payer-switch", RequestPaymentConfiguration={"Payer": "Requester"})
    assert s3.get_bucket_request_payment(Bucket="payer-switch")["Payer"] == "Requester"
    s3.put_bucket_request_payment(Bucket="payer-switch", RequestPaymentConfiguration={"Payer": "BucketOwner"})
    assert s3.get_bucket_request_payment(Bucket="payer-switch")["Payer"] == "BucketOwner"


def test_an_unknown_payer_is_malformed(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="payer-bad")
    with pytest.raises(ClientError) as error:
        s3.put_bucket_request_payment(Bucket="payer-bad", RequestPaymentConfiguration={"Payer": "Someone"})
    assert error.value.response["Error"]["Code"] == "MalformedXML"
    assert s3.get_bucket_request_payment(Bucket="payer-bad")["Payer"] == "BucketOwner"
