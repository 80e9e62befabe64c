# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""IAM OpenID Connect (OIDC) identity provider helpers shared by appstack.aws.iam_oidc_provider and its _info twin.

Every API helper expects an IAM client created with
``module.client("iam", retry_decorator=AWSRetry.jittered_backoff())`` and raises AnsibleIAMError (amazon.aws's
``module_utils/iam.py``, whose error handler treats ``NoSuchEntity`` as "not there"), which a module turns into a
failure with ``fail_json_aws_error``.

A provider is known by its URL: its ARN is ``arn:<partition>:iam::<account>:oidc-provider/<url without https://>``,
and IAM holds one provider per URL in an account.  It is found with ``ListOpenIDConnectProviders`` (every ARN of the
account, unpaginated) and read with ``GetOpenIDConnectProvider``, which returns its tags too.

A provider is returned as a snake_case dict: ``arn``, ``url`` (with its ``https://``, as the module's option takes
it), ``client_ids``, ``thumbprints``, ``tags`` (a dict) and ``create_date`` (ISO 8601).

The functions under "Planning" are pure: they take the provider as read and the module's options, and return what
must change.
"""

import re
from collections import namedtuple

from ansible.module_utils.common.text.converters import to_text
from ansible_collections.amazon.aws.plugins.module_utils.iam import IAMErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)
from ansible_collections.appstack.aws.plugins.module_utils.tagging import plan_tags

SCHEME = "https://"
# What separates the account from the URL in a provider's ARN.
ARN_MARKER = ":oidc-provider/"
# botocore's iam model (CreateOpenIDConnectProvider) and IAM's quotas.
URL_MAX_LENGTH = 255
CLIENT_ID_MAX_LENGTH = 255
MAX_CLIENT_IDS = 100
MAX_THUMBPRINTS = 5
THUMBPRINT = re.compile(r"^[0-9A-Fa-f]{40}$")

# How a provider must change: client ids to add and to remove (lists), the thumbprint list to set (None: leave
# them) and the TagPlan of its tags.
OIDCPlan = namedtuple("OIDCPlan", ["client_ids_to_add", "client_ids_to_remove", "thumbprints", "tags"])


# Planning: pure functions


def normalize_url(url):
    """The URL as IAM keys the provider: without its https:// (any case), the host in lower case.

    The path is kept as given, a trailing slash too: the URL must match the ``iss`` claim of the provider's
    tokens, in which the path is case sensitive.
    """
    if url is None:
        return None
    rest = url[len(SCHEME) :] if url.lower().startswith(SCHEME) else url
    host, slash, path = rest.partition("/")
    return host.lower() + slash + path


def url_of_arn(arn):
    """The URL part of a provider's ARN (no scheme), or None when arn is no OIDC provider's ARN."""
    if not arn or ARN_MARKER not in arn:
        return None
    return arn.split(ARN_MARKER, 1)[1]


def find_arn(arns, url):
    """The ARN, among arns, of the provider of url; None when there is none."""
    wanted = normalize_url(url)
    for arn in arns:
        listed = url_of_arn(arn)
        if listed is not None and normalize_url(listed) == wanted:
            return arn
    return None


def url_problems(url, option="url"):
    """What is wrong with a provider URL, by IAM's rules, as messages (empty: nothing)."""
    if url is None:
        return []
    problems = []
    if not url.lower().startswith(SCHEME) or len(url) <= len(SCHEME):
        problems.append(
            f"{option} must be an https:// URL such as https://token.actions.githubusercontent.com, not {url!r}."
        )
    if len(url) > URL_MAX_LENGTH:
        problems.append(f"{option} must be at most {URL_MAX_LENGTH} characters; it has {len(url)}.")
    if "?" in url or "#" in url:
        problems.append(f"{option} can't hold a query string or a fragment (IAM accepts a host and a path only).")
    return problems


def arn_problems(arn, option="arn"):
    """What is wrong with an OIDC provider ARN, as messages (empty: nothing)."""
    if arn is None or (arn.startswith("arn:") and url_of_arn(arn)):
        return []
    return [f"{option} must be an OIDC provider's ARN (arn:aws:iam::<account>:oidc-provider/<url>), not {arn!r}."]


def validate(params):
    """Every problem with the options of appstack.aws.iam_oidc_provider, as messages (empty: none)."""
    problems = url_problems(params.get("url"))
    client_ids = params.get("client_ids")
    if client_ids is not None:
        if len(client_ids) > MAX_CLIENT_IDS:
            problems.append(f"client_ids can hold at most {MAX_CLIENT_IDS} client ids; it has {len(client_ids)}.")
        bad = [client_id for client_id in client_ids if not 1 <= len(client_id) <= CLIENT_ID_MAX_LENGTH]
        if bad:
            problems.append(f"each of client_ids must be 1 to {CLIENT_ID_MAX_LENGTH} characters, not {bad}.")
    thumbprints = params.get("thumbprints")
    if thumbprints is not None:
        if len(thumbprints) > MAX_THUMBPRINTS:
            problems.append(f"thumbprints can hold at most {MAX_THUMBPRINTS} thumbprints; it has {len(thumbprints)}.")
        bad = [thumbprint for thumbprint in thumbprints if not THUMBPRINT.match(thumbprint)]
        if bad:
            problems.append(
                "each of thumbprints must be a certificate's SHA-1 fingerprint, 40 hexadecimal digits without"
                f" colons, not {bad}."
            )
    return problems


def _unique(values):
    return list(dict.fromkeys(values))


def plan_client_ids(current, desired):
    """(to_add, to_remove): how the provider's client ids become desired (None: leave them)."""
    if desired is None:
        return [], []
    current = current or []
    return [c for c in _unique(desired) if c not in current], [c for c in current if c not in desired]


def plan_thumbprints(current, desired):
    """The thumbprint list to set, or None when desired is None or holds the same thumbprints (in any order or
    case: they are hexadecimal)."""
    if desired is None:
        return None
    if {t.lower() for t in current or []} == {t.lower() for t in desired}:
        return None
    return _unique(desired)


def plan_changes(current, params):
    """An OIDCPlan taking the provider current (a result dict) to what params ask for."""
    to_add, to_remove = plan_client_ids(current.get("client_ids"), params.get("client_ids"))
    return OIDCPlan(
        client_ids_to_add=to_add,
        client_ids_to_remove=to_remove,
        thumbprints=plan_thumbprints(current.get("thumbprints"), params.get("thumbprints")),
        tags=plan_tags(current.get("tags"), params.get("tags"), params.get("purge_tags", True)),
    )


def has_changes(plan):
    return bool(
        plan.client_ids_to_add
        or plan.client_ids_to_remove
        or plan.thumbprints is not None
        or plan.tags.to_set
        or plan.tags.to_unset
    )


def expected_provider(current, plan):
    """The provider current as it will be once plan is applied."""
    expected = dict(current)
    client_ids = [c for c in current.get("client_ids") or [] if c not in plan.client_ids_to_remove]
    expected["client_ids"] = client_ids + plan.client_ids_to_add
    if plan.thumbprints is not None:
        expected["thumbprints"] = list(plan.thumbprints)
    expected["tags"] = plan.tags.result
    return expected


def predicted_provider(params):
    """A provider yet to be created, as far as it can be told without AWS: no ARN nor create date, and no
    thumbprints when none are given (IAM then finds them itself)."""
    predicted = {
        "url": with_scheme(params["url"]),
        "client_ids": _unique(params.get("client_ids") or []),
        "tags": plan_tags({}, params.get("tags"), True).result,
    }
    if params.get("thumbprints") is not None:
        predicted["thumbprints"] = _unique(params["thumbprints"])
    return predicted


def create_arguments(params):
    """The arguments of CreateOpenIDConnectProvider: ThumbprintList only when thumbprints are given."""
    kwargs = {"Url": params["url"], "ClientIDList": _unique(params.get("client_ids") or [])}
    if params.get("thumbprints") is not None:
        kwargs["ThumbprintList"] = _unique(params["thumbprints"])
    tags = plan_tags({}, params.get("tags"), True).result
    if tags:
        kwargs["Tags"] = ansible_dict_to_boto3_tag_list(dict(sorted(tags.items())))
    return kwargs


def with_scheme(url):
    """url with https:// in front, as the module's option takes it (IAM returns it without)."""
    if url is None:
        return None
    return url if url.lower().startswith(SCHEME) else SCHEME + url


def provider_to_result(arn, provider):
    """GetOpenIDConnectProvider's answer as the modules return it."""
    create_date = provider.get("CreateDate")
    return {
        "arn": arn,
        "url": with_scheme(provider.get("Url") or url_of_arn(arn)),
        "client_ids": list(provider.get("ClientIDList") or []),
        "thumbprints": list(provider.get("ThumbprintList") or []),
        "tags": boto3_tag_list_to_ansible_dict(provider.get("Tags") or []),
        "create_date": create_date.isoformat() if hasattr(create_date, "isoformat") else create_date,
    }


# Reading


@IAMErrorHandler.list_error_handler("list OpenID Connect providers", [])
def list_provider_arns(client):
    """The ARN of every OIDC provider of the account (ListOpenIDConnectProviders has no pages)."""
    listed = client.list_open_id_connect_providers(aws_retry=True).get("OpenIDConnectProviderList", [])
    return [entry["Arn"] for entry in listed]


@IAMErrorHandler.list_error_handler("get OpenID Connect provider", None)
def describe_provider(client, arn):
    """GetOpenIDConnectProvider's answer; None when there is no such provider."""
    return client.get_open_id_connect_provider(aws_retry=True, OpenIDConnectProviderArn=arn)


def get_provider(client, arn):
    """The provider of this ARN as a result dict, or None."""
    provider = describe_provider(client, arn)
    return provider_to_result(arn, provider) if provider is not None else None


def find_provider(client, url):
    """The provider of url as a result dict, or None."""
    arn = find_arn(list_provider_arns(client), url)
    return get_provider(client, arn) if arn else None


def list_providers(client):
    """Every provider of the account, sorted by ARN; one that disappears while being read is left out."""
    providers = (get_provider(client, arn) for arn in sorted(list_provider_arns(client)))
    return [provider for provider in providers if provider is not None]


# Writing


@IAMErrorHandler.common_error_handler("create OpenID Connect provider")
def create_provider(client, params):
    """Create the provider; returns its ARN."""
    return client.create_open_id_connect_provider(aws_retry=True, **create_arguments(params))[
        "OpenIDConnectProviderArn"
    ]


@IAMErrorHandler.common_error_handler("add client ID to OpenID Connect provider")
def add_client_id(client, arn, client_id):
    client.add_client_id_to_open_id_connect_provider(aws_retry=True, OpenIDConnectProviderArn=arn, ClientID=client_id)


@IAMErrorHandler.common_error_handler("remove client ID from OpenID Connect provider")
def remove_client_id(client, arn, client_id):
    client.remove_client_id_from_open_id_connect_provider(
        aws_retry=True, OpenIDConnectProviderArn=arn, ClientID=client_id
    )


@IAMErrorHandler.common_error_handler("update OpenID Connect provider thumbprints")
def update_thumbprints(client, arn, thumbprints):
    client.update_open_id_connect_provider_thumbprint(
        aws_retry=True, OpenIDConnectProviderArn=arn, ThumbprintList=thumbprints
    )


@IAMErrorHandler.common_error_handler("tag OpenID Connect provider")
def tag_provider(client, arn, tags):
    tag_list = ansible_dict_to_boto3_tag_list({key: to_text(value) for key, value in sorted(tags.items())})
    client.tag_open_id_connect_provider(aws_retry=True, OpenIDConnectProviderArn=arn, Tags=tag_list)


@IAMErrorHandler.common_error_handler("untag OpenID Connect provider")
def untag_provider(client, arn, tag_keys):
    client.untag_open_id_connect_provider(aws_retry=True, OpenIDConnectProviderArn=arn, TagKeys=sorted(tag_keys))


@IAMErrorHandler.deletion_error_handler("delete OpenID Connect provider")
def delete_provider(client, arn):
    """Delete the provider; False when it was already gone."""
    client.delete_open_id_connect_provider(aws_retry=True, OpenIDConnectProviderArn=arn)
    return True
