"""IAM: ListServiceSpecificCredentials answers for every user, as on AWS.

Each test fails on stock moto 5.2.5 (see ``emulator/fixes/iam_service_specific_credentials.py``).
"""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError

from emulator.client import EmulatorClient

USER = "shop-test-deployer"


def test_a_user_without_service_specific_credentials_lists_none(emulator: EmulatorClient) -> None:
    """ListServiceSpecificCredentials: "If none exists, the operation returns an empty list"; an unknown user is
    NoSuchEntity.
    https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListServiceSpecificCredentials.html
    """
    iam = emulator.client("iam")
    iam.create_user(UserName=USER)

    assert iam.list_service_specific_credentials(UserName=USER)["ServiceSpecificCredentials"] == []
    codecommit = iam.list_service_specific_credentials(UserName=USER, ServiceName="codecommit.amazonaws.com")
    assert codecommit["ServiceSpecificCredentials"] == []
    with pytest.raises(ClientError) as missing:
        iam.list_service_specific_credentials(UserName="shop-test-nobody")
    assert missing.value.response["Error"]["Code"] == "NoSuchEntity"
