"""Responses of CloudFront's configuration APIs, queued on a Stubber, for the CloudFront module tests."""

import datetime

WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
ETAG = "E2QWRUHEXAMPLE"
NEW_ETAG = "E3NEWETAGEXAMPLE"


def resource(kind, resource_id, config):
    """A resource as a get or list operation returns it."""
    found = {"Id": resource_id, kind.config_key: config}
    if kind.typed:
        found["LastModifiedTime"] = WHEN
    return found


def list_response(kind, resources, resource_type="custom", next_marker=None):
    """A list operation's answer holding these resources (as resource() builds them)."""
    if kind.typed:
        items = [{"Type": resource_type, kind.shape: found} for found in resources]
    else:
        items = [dict(found[kind.config_key], Id=found["Id"]) for found in resources]
    listing = {"MaxItems": 100, "Quantity": len(items), "Items": items}
    if not kind.typed:
        listing.update(Marker="", IsTruncated=bool(next_marker))
    if next_marker:
        listing["NextMarker"] = next_marker
    return {kind.list_key: listing}


def queue_list(stubber, kind, resources, resource_type="custom", item_type=None):
    """Queue a list call filtered on resource_type (None: no filter) answering resources of item_type (by default
    resource_type, or custom)."""
    params = {"Type": resource_type} if kind.typed and resource_type else {}
    answer = list_response(kind, resources, item_type or resource_type or "custom")
    stubber.add_response(kind.list_method, answer, params)


def queue_get(stubber, kind, found, etag=ETAG):
    stubber.add_response(kind.get_method, {kind.shape: found, "ETag": etag}, {"Id": found["Id"]})


def queue_read(stubber, kind, found=None, others=()):
    """Queue what the module reads to find and compare the resource: the list of custom resources (found among
    others), which carries each one's whole config but no ETag."""
    queue_list(stubber, kind, [*others, found] if found else list(others))


def queue_read_for_write(stubber, kind, found, others=(), etag=ETAG):
    """Queue what the module reads before an update or delete: the list, then found with its ETag."""
    queue_read(stubber, kind, found, others)
    queue_get(stubber, kind, found, etag)


def operation(method):
    """The API operation name of a boto3 method: "list_cache_policies" -> "ListCachePolicies"."""
    return "".join(part.capitalize() for part in method.split("_"))


def record_calls(stubber):
    """The list of the API operations (e.g. "ListCachePolicies") the stubbed client is asked for, filled as the
    test runs."""
    calls = []

    def record(model, **kwargs):
        calls.append(model.name)

    stubber.client.meta.events.register("before-parameter-build.cloudfront", record)
    return calls


def queue_create(stubber, kind, config, resource_id, etag=ETAG):
    created = resource(kind, resource_id, config)
    stubber.add_response(
        kind.create_method,
        {kind.shape: created, "ETag": etag, "Location": f"https://cloudfront.amazonaws.com/{resource_id}"},
        {kind.config_key: config},
    )


def queue_update(stubber, kind, config, resource_id, etag=ETAG, new_etag=NEW_ETAG):
    stubber.add_response(
        kind.update_method,
        {kind.shape: resource(kind, resource_id, config), "ETag": new_etag},
        {kind.config_key: config, "Id": resource_id, "IfMatch": etag},
    )


def queue_delete(stubber, kind, resource_id, etag=ETAG):
    stubber.add_response(kind.delete_method, {}, {"Id": resource_id, "IfMatch": etag})
