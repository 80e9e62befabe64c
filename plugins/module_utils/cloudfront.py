# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""CloudFront helpers shared by the appstack.aws CloudFront modules.

CloudFront's configuration resources (distributions, origin access controls, cache, origin request and response
headers policies) share one protocol: a resource is a ``...Config`` structure plus an ``ETag``; reading it
returns the ETag, and every update or delete must send that ETag back as ``IfMatch``, with the whole config (there
is no partial update).  This file holds that protocol once:

- ``AnsibleCloudFrontError`` and ``CloudFrontErrorHandler``: the error class and handler of every CloudFront
  call; a module turns the error into a failure with ``fail_json_aws_error``.
- ``list_all``: every item of a ``Marker``/``NextMarker`` list operation.
- ``get_with_etag``, ``update_with_etag``, ``delete_with_etag``: the ETag protocol for any resource.
- ``ResourceKind``: a small description of one "config found by name" resource (its API shape name, how to
  turn a config into the returned dict and compare two configs), and ``find_by_name``, ``find_listed``,
  ``ensure_present``, ``ensure_absent``, ``manage`` (a resource module's whole run) and ``describe`` (an _info
  module's), driven by it.  The planning each kind plugs in is in ``cloudfront_policies.py``.
- ``build_diff``: the before/after diff of a resource, without the values that change on every write.

API helpers expect a client created with ``module.client("cloudfront", retry_decorator=AWSRetry.jittered_backoff())``
and pass ``aws_retry=True``.  CloudFront is a global service; its API lives in us-east-1.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.transformation import boto3_resource_to_ansible_dict
from ansible_collections.appstack.aws.plugins.module_utils import cloudfront_policies as policies

# The error codes of a CloudFront resource that isn't there.
NOT_FOUND_CODES = [
    "NoSuchDistribution",
    "NoSuchOriginAccessControl",
    "NoSuchCachePolicy",
    "NoSuchOriginRequestPolicy",
    "NoSuchResponseHeadersPolicy",
    "NoSuchCloudFrontOriginAccessIdentity",
    "NoSuchInvalidation",
    "NoSuchFunctionExists",
]
# Keys of a returned resource that change on every write, left out of diffs.
VOLATILE_KEYS = ("e_tag", "last_modified_time")


class AnsibleCloudFrontError(AnsibleAWSError):
    pass


class CloudFrontErrorHandler(AWSErrorHandler):
    """Error handler of every CloudFront call: a missing resource (see NOT_FOUND_CODES) is "not found"."""

    _CUSTOM_EXCEPTION = AnsibleCloudFrontError

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(NOT_FOUND_CODES)


def _description(method):
    return method.replace("_", " ")


def to_ansible(resource):
    """A boto3 structure as a snake_case dict ({} for None)."""
    return boto3_resource_to_ansible_dict(resource, transform_tags=False, force_tags=False) if resource else {}


# The ETag protocol, for any CloudFront resource


def list_all(client, method, list_key, **kwargs):
    """Every item of a CloudFront list operation that pages with Marker/NextMarker.

    list_all(client, "list_cache_policies", "CachePolicyList", Type="custom") returns the Items of every page.
    """

    @CloudFrontErrorHandler.common_error_handler(_description(method))
    def _list():
        items, marker = [], None
        while True:
            page_kwargs = dict(kwargs, Marker=marker) if marker else dict(kwargs)
            page = getattr(client, method)(aws_retry=True, **page_kwargs).get(list_key) or {}
            items.extend(page.get("Items") or [])
            marker = page.get("NextMarker")
            if not marker:
                return items

    return _list()


def get_with_etag(client, method, result_key, **kwargs):
    """(resource, ETag) from a CloudFront get operation, or (None, None) when there is no such resource.

    get_with_etag(client, "get_cache_policy", "CachePolicy", Id=policy_id);
    get_with_etag(client, "get_distribution_config", "DistributionConfig", Id=distribution_id).
    """

    @CloudFrontErrorHandler.list_error_handler(_description(method), (None, None))
    def _get():
        response = getattr(client, method)(aws_retry=True, **kwargs)
        return response[result_key], response.get("ETag")

    return _get()


def update_with_etag(client, method, result_key, etag, **kwargs):
    """(resource, new ETag) from a CloudFront update operation sent with IfMatch=etag.

    kwargs carry the resource id and its whole config, e.g.
    update_with_etag(client, "update_distribution", "Distribution", etag, Id=..., DistributionConfig=config).
    AWS answers PreconditionFailed when the resource changed since etag was read.
    """

    @CloudFrontErrorHandler.common_error_handler(_description(method))
    def _update():
        response = getattr(client, method)(aws_retry=True, IfMatch=etag, **kwargs)
        return response[result_key], response.get("ETag")

    return _update()


def delete_with_etag(client, method, etag, in_use_code=None, in_use_advice=None, **kwargs):
    """Delete a CloudFront resource with IfMatch=etag; returns False when it was already gone, else True.

    When AWS refuses because the resource is still in use (error code in_use_code), the error raised carries
    in_use_advice as its message, with AWS's error attached.
    """

    @CloudFrontErrorHandler.deletion_error_handler(_description(method))
    def _delete():
        try:
            getattr(client, method)(aws_retry=True, IfMatch=etag, **kwargs)
        except is_boto3_error_code(in_use_code or "NeverReturnedErrorCode") as e:
            message = in_use_advice or f"Failed to {_description(method)}"
            raise AnsibleCloudFrontError(message=message, exception=e) from e
        return True

    return _delete()


def create_resource(client, method, result_key, **kwargs):
    """(resource, ETag) from a CloudFront create operation."""

    @CloudFrontErrorHandler.common_error_handler(_description(method))
    def _create():
        response = getattr(client, method)(aws_retry=True, **kwargs)
        return response[result_key], response.get("ETag")

    return _create()


def build_diff(before, after):
    """The before/after diff of a resource (dicts or None), without the values that change on every write."""

    def strip(state):
        return {key: value for key, value in (state or {}).items() if key not in VOLATILE_KEYS}

    return {"before": strip(before), "after": strip(after)}


# Resources found by name


def _snake(shape):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in shape).lstrip("_")


class ResourceKind:
    """What the generic helpers need to know of one kind of CloudFront "config + ETag" resource found by name.

    :param shape: the API name of the resource, e.g. "CachePolicy"; the operations (GetCachePolicy,
        CreateCachePolicy, UpdateCachePolicy, DeleteCachePolicy), the config key (CachePolicyConfig) and the
        list key (CachePolicyList) derive from it.
    :param noun: the resource in words, for messages ("cache policy").
    :param list_method: the boto3 list method ("list_cache_policies").
    :param typed: whether the list operation takes Type=managed|custom and its items are {Type, <shape>}
        (the policies); otherwise the items are summaries with Id and Name (origin access controls).
    :param to_result: config (the API's dict) -> the returned snake_case dict of the config's settings.
    :param canonical: config -> a comparable value, where lists whose order means nothing are sorted.
    :param in_use_code: the error code of a delete refused because the resource is in use.
    :param in_use_advice: what to say then, a format string taking name and id.
    """

    def __init__(self, shape, noun, list_method, typed, to_result, canonical, in_use_code, in_use_advice):
        self.shape = shape
        self.noun = noun
        self.list_method = list_method
        self.typed = typed
        self.to_result = to_result
        self.canonical = canonical
        self.in_use_code = in_use_code
        self.in_use_advice = in_use_advice
        snake = _snake(shape)
        self.get_method = f"get_{snake}"
        self.create_method = f"create_{snake}"
        self.update_method = f"update_{snake}"
        self.delete_method = f"delete_{snake}"
        self.config_key = f"{shape}Config"
        self.list_key = f"{shape}List"

    def item_name(self, item):
        """The name of a list item."""
        if self.typed:
            return item[self.shape][self.config_key]["Name"]
        return item["Name"]

    def item_id(self, item):
        return item[self.shape]["Id"] if self.typed else item["Id"]

    def item_resource(self, item):
        """A list item as the resource a get returns (Id, LastModifiedTime when known, <shape>Config)."""
        if self.typed:
            return item[self.shape]
        config = {key: value for key, value in item.items() if key != "Id"}
        return {"Id": item["Id"], self.config_key: config}

    def item_result(self, item):
        """A list item as the returned dict (without ETag, which only a get gives)."""
        return self.result(self.item_resource(item), resource_type=item.get("Type") if self.typed else None)

    def result(self, resource, etag=None, resource_type=None):
        """A resource as boto3 returns it (Id, LastModifiedTime, <shape>Config), as the returned dict:
        id, e_tag, type (for policies), then the config's settings and last_modified_time when known."""
        result = {"id": resource.get("Id")}
        if etag is not None:
            result["e_tag"] = etag
        if self.typed:
            result["type"] = resource_type or "custom"
        result.update(self.to_result(resource[self.config_key]))
        if resource.get("LastModifiedTime") is not None:
            result["last_modified_time"] = to_ansible({"T": resource["LastModifiedTime"]})["t"]
        return result


def list_items(client, kind, resource_type=None):
    """Every list item of a kind; resource_type (managed|custom) narrows a typed kind's list."""
    kwargs = {"Type": resource_type} if kind.typed and resource_type else {}
    return list_all(client, kind.list_method, kind.list_key, **kwargs)


def find_by_name(client, kind, name, resource_type=None):
    """The list item of the resource of this kind named name, or None."""
    for item in list_items(client, kind, resource_type):
        if kind.item_name(item) == name:
            return item
    return None


def get_by_id(client, kind, resource_id):
    """(resource as boto3 returns it, ETag), or (None, None) when there is no resource with that id."""
    return get_with_etag(client, kind.get_method, kind.shape, Id=resource_id)


def find_listed(client, kind, name, resource_type=None):
    """The resource named name as its list item shows it, in the form a get returns (Id, LastModifiedTime when
    known, <shape>Config), or None; a single list call.

    CloudFront's list operations carry each resource's whole config (the policies' items hold the resource, the
    origin access controls' summaries hold every setting of the config), but no ETag."""
    item = find_by_name(client, kind, name, resource_type)
    return kind.item_resource(item) if item is not None else None


def ensure_present(client, kind, current, etag, config, check_mode):
    """Bring the resource to config (the whole API config); returns (changed, result dict).

    current is the resource as boto3 returns it (None: create it) and etag its ETag.  An existing resource whose
    config compares equal (kind.canonical) is left alone; otherwise the whole config is sent with IfMatch=etag.
    In check mode nothing is written and the result is the predicted resource (without id for a new one).
    """
    if current is None:
        if check_mode:
            return True, kind.result({"Id": None, kind.config_key: config})
        created, new_etag = create_resource(client, kind.create_method, kind.shape, **{kind.config_key: config})
        return True, kind.result(created, new_etag)
    if kind.canonical(current[kind.config_key]) == kind.canonical(config):
        return False, kind.result(current, etag)
    if check_mode:
        predicted = dict(current, **{kind.config_key: config})
        predicted.pop("LastModifiedTime", None)
        return True, kind.result(predicted, etag)
    updated, new_etag = update_with_etag(
        client, kind.update_method, kind.shape, etag, Id=current["Id"], **{kind.config_key: config}
    )
    return True, kind.result(updated, new_etag)


def ensure_absent(client, kind, current, etag, check_mode):
    """Delete the resource (boto3's form, or None: nothing to do) with IfMatch=etag; returns (changed, None)."""
    if current is None:
        return False, None
    if not check_mode:
        advice = kind.in_use_advice.format(name=current[kind.config_key].get("Name"), id=current["Id"])
        delete_with_etag(
            client, kind.delete_method, etag, in_use_code=kind.in_use_code, in_use_advice=advice, Id=current["Id"]
        )
    return True, None


def _planned_config(kind, params, current, build_config, config_problems):
    """The whole config to send for params over current (None: a new resource), or an error naming its problems."""
    config = build_config(params, current[kind.config_key] if current else None)
    problems = config_problems(config) if config_problems else []
    if problems:
        raise AnsibleCloudFrontError(message=f"Can't apply {kind.noun} {params['name']}: {' '.join(problems)}")
    return config


def manage(client, kind, params, build_config, check_mode, config_problems=None):
    """Read the resource named params["name"] and bring it to params["state"]; returns (changed, before, after),
    before and after being returned dicts (None: no resource).

    build_config(params, current_config) -> the whole config to send; config_problems(config) -> messages about
    that whole config (its settings may come partly from the current resource), raised before any write.
    Typed kinds (policies) are looked up among custom resources only: AWS-managed ones can't be changed.

    The resource is found, and compared, from the list operation alone, so a run that changes nothing makes one
    call and returns the resource without e_tag.  Only a write reads the resource (Get<Kind>): for the ETag it must
    send, and for the authoritative config, which is planned against again.  Check mode predicts from the list.
    """
    resource_type = "custom" if kind.typed else None
    listed = find_listed(client, kind, params["name"], resource_type)
    if params["state"] == "absent":
        if listed is None:
            return False, None, None
        if check_mode:
            return True, kind.result(listed), None
        current, etag = get_by_id(client, kind, listed["Id"])
        before = kind.result(current, etag) if current else None
        changed, after = ensure_absent(client, kind, current, etag, check_mode)
        return changed, before, after
    if listed is not None:
        config = _planned_config(kind, params, listed, build_config, config_problems)
        if check_mode or kind.canonical(listed[kind.config_key]) == kind.canonical(config):
            changed, after = ensure_present(client, kind, listed, None, config, check_mode)
            return changed, kind.result(listed), after
    current, etag = get_by_id(client, kind, listed["Id"]) if listed else (None, None)
    before = kind.result(current, etag) if current else None
    config = _planned_config(kind, params, current, build_config, config_problems)
    changed, after = ensure_present(client, kind, current, etag, config, check_mode)
    return changed, before, after


def module_result(key, state, changed, before, after):
    """The result of a module that manage() served: the resource under key when present, and the diff if changed."""
    result = {"changed": changed}
    if state == "present":
        result[key] = after
    if changed:
        result["diff"] = build_diff(before, after)
    return result


def describe(client, kind, name=None, resource_id=None, resource_type=None):
    """The returned dicts of the resources of a kind: the one with resource_id, the one named name, or every one
    (of resource_type, managed or custom, for typed kinds; None: both).

    One resource is read with its ETag; a full listing returns what the list operation gives, without ETags.
    A typed resource is looked up in the list even by id, since only the list tells whether it is managed.
    """
    if resource_id is not None and name is None and not kind.typed:
        resource, etag = get_by_id(client, kind, resource_id)
        return [kind.result(resource, etag)] if resource is not None else []
    items = list_items(client, kind, resource_type)
    if resource_id is not None:
        items = [item for item in items if kind.item_id(item) == resource_id]
    if name is not None:
        items = [item for item in items if kind.item_name(item) == name]
    if resource_id is None and name is None:
        return [kind.item_result(item) for item in items]
    results = []
    for item in items:
        resource, etag = get_by_id(client, kind, kind.item_id(item))
        if resource is not None:
            results.append(kind.result(resource, etag, item.get("Type") if kind.typed else None))
    return results


def policy_info_argument_spec():
    """The options of the policies' _info modules: name, id and type."""
    return dict(
        name=dict(type="str"),
        id=dict(type="str"),
        type=dict(type="str", default="all", choices=["managed", "custom", "all"]),
    )


def describe_policies(client, kind, params):
    """describe() with the options of policy_info_argument_spec() (type all: managed and custom)."""
    resource_type = None if params["type"] == "all" else params["type"]
    return describe(client, kind, name=params["name"], resource_id=params["id"], resource_type=resource_type)


# The kinds of resource the policy and origin access control modules manage

IN_USE_ADVICE = "{noun} {{name}} ({{id}}) is still used by {user}; {fix}, then delete it again."

ORIGIN_ACCESS_CONTROL = ResourceKind(
    shape="OriginAccessControl",
    noun="origin access control",
    list_method="list_origin_access_controls",
    typed=False,
    to_result=policies.origin_access_control_result,
    canonical=policies.canonical,
    in_use_code="OriginAccessControlInUse",
    in_use_advice=IN_USE_ADVICE.format(
        noun="Origin access control",
        user="a distribution origin",
        fix="remove origin_access_control_id {id} from every distribution origin",
    ),
)

CACHE_POLICY = ResourceKind(
    shape="CachePolicy",
    noun="cache policy",
    list_method="list_cache_policies",
    typed=True,
    to_result=policies.cache_policy_result,
    canonical=policies.canonical,
    in_use_code="CachePolicyInUse",
    in_use_advice=IN_USE_ADVICE.format(
        noun="Cache policy",
        user="a distribution cache behavior",
        fix="point every cache behavior that names it (ListDistributionsByCachePolicyId) at another cache policy",
    ),
)

ORIGIN_REQUEST_POLICY = ResourceKind(
    shape="OriginRequestPolicy",
    noun="origin request policy",
    list_method="list_origin_request_policies",
    typed=True,
    to_result=policies.origin_request_policy_result,
    canonical=policies.canonical,
    in_use_code="OriginRequestPolicyInUse",
    in_use_advice=IN_USE_ADVICE.format(
        noun="Origin request policy",
        user="a distribution cache behavior",
        fix="remove it from every cache behavior that names it (ListDistributionsByOriginRequestPolicyId)",
    ),
)

RESPONSE_HEADERS_POLICY = ResourceKind(
    shape="ResponseHeadersPolicy",
    noun="response headers policy",
    list_method="list_response_headers_policies",
    typed=True,
    to_result=policies.response_headers_policy_result,
    canonical=policies.canonical,
    in_use_code="ResponseHeadersPolicyInUse",
    in_use_advice=IN_USE_ADVICE.format(
        noun="Response headers policy",
        user="a distribution cache behavior",
        fix="remove it from every cache behavior that names it (ListDistributionsByResponseHeadersPolicyId)",
    ),
)
