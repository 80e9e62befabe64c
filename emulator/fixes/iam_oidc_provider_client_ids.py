"""IAM: ``AddClientIDToOpenIDConnectProvider`` and ``RemoveClientIDFromOpenIDConnectProvider``.

AWS (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddClientIDToOpenIDConnectProvider.html) adds a client
ID (audience) to an OIDC provider's list, and ``RemoveClientIDFromOpenIDConnectProvider`` removes one; both are
idempotent: adding an ID the provider has, or removing one it lacks, is no error. A client ID is at most 255
characters, and a provider has at most 100 of them (``LimitExceeded``). A provider that does not exist is
``NoSuchEntity``.

Moto 5.2.5 has neither operation: a module that changes a provider's audiences (``iam_oidc_provider``) fails with a
500 where AWS would succeed.
"""

from __future__ import annotations

from moto.core.responses import EmptyResult
from moto.iam.exceptions import LimitExceededException, ValidationError
from moto.iam.responses import IamResponse

MAX_CLIENT_IDS = 100
MAX_CLIENT_ID_LENGTH = 255


def add_client_id_to_open_id_connect_provider(self: IamResponse) -> EmptyResult:
    provider = self.backend.get_open_id_connect_provider(self._get_param("OpenIDConnectProviderArn"))
    client_id = self._get_param("ClientID")
    if not client_id or len(client_id) > MAX_CLIENT_ID_LENGTH:
        raise ValidationError(f"ClientID must be 1 to {MAX_CLIENT_ID_LENGTH} characters long")
    if client_id not in provider.client_id_list:
        if len(provider.client_id_list) >= MAX_CLIENT_IDS:
            raise LimitExceededException(f"Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: {MAX_CLIENT_IDS}")
        provider.client_id_list = [*provider.client_id_list, client_id]
    return EmptyResult()


def remove_client_id_from_open_id_connect_provider(self: IamResponse) -> EmptyResult:
    provider = self.backend.get_open_id_connect_provider(self._get_param("OpenIDConnectProviderArn"))
    client_id = self._get_param("ClientID")
    provider.client_id_list = [existing for existing in provider.client_id_list if existing != client_id]
    return EmptyResult()


def apply() -> None:
    IamResponse.add_client_id_to_open_id_connect_provider = add_client_id_to_open_id_connect_provider
    IamResponse.remove_client_id_from_open_id_connect_provider = remove_client_id_from_open_id_connect_provider
