"""The ordered cache behaviours of the s3_cloudfront role's distribution, from its paths and policies.

CloudFront routes a request by the first behaviour whose path pattern matches, so the order is part of the
configuration: the API first, then the SPA's entry page, the static build, the media; the default behaviour takes
the rest. Building that list in Jinja would take a page of expressions: this filter builds it, and its unit tests say
what each behaviour gets.
"""

DOCUMENTATION = r"""
name: s3_cloudfront_behaviors
version_added: 0.6.0
short_description: The ordered cache behaviours of the s3_cloudfront role's distribution
description:
  - Takes the behaviour every frontend path shares (origin, viewer protocol, methods, compression, response headers
    policy) and returns the C(cache_behaviors) of M(appstack.aws.cloudfront_distribution), in routing order.
  - The API behaviour, when O(api) is given, comes first; then one behaviour per path of O(paths), class by class in
    the order index, static, media, each with its class's cache policy.
options:
  _input:
    description: What every frontend behaviour shares (C(target_origin_id), C(viewer_protocol_policy), ...).
    type: dict
    required: true
  paths:
    description: The path patterns of each class, C(index), C(static) and C(media).
    type: dict
    required: true
  cache_policies:
    description:
      - The results of the loop of M(appstack.aws.cloudfront_cache_policy) over the classes (each with C(item.class)
        and C(cache_policy.id)), or a dict of class to policy id.
    type: raw
    required: true
  api:
    description:
      - The API behaviour, C(path_pattern), C(target_origin_id), C(cache_policy_id), C(origin_request_policy_id) and
        C(response_headers_policy_id); omitted or null leaves the API out.
    type: dict
"""

EXAMPLES = r"""
- name: Order the behaviours
  ansible.builtin.set_fact:
    __behaviors: "{{ __shared | appstack.aws.s3_cloudfront_behaviors({'index': ['/index.html'],
      'static': ['/static/*'], 'media': ['/images/*']}, __cache_policy.results) }}"
"""

RETURN = r"""
_value:
  description: The cache behaviours, in routing order.
  type: list
  elements: dict
"""

CLASSES = ("index", "static", "media")
ALL_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"]


def cache_policy_ids(cache_policies):
    """Class name to cache policy id, from the loop's results or a dict; a policy yet to be created (--check) is ''."""
    if isinstance(cache_policies, dict):
        return dict(cache_policies)
    return {
        result["item"]["class"]: (result.get("cache_policy") or {}).get("id") or "" for result in cache_policies or []
    }


def s3_cloudfront_behaviors(shared, paths, cache_policies, api=None):
    policy_ids = cache_policy_ids(cache_policies)
    behaviors = []
    if api:
        behaviors.append(
            {
                "path_pattern": api["path_pattern"],
                "target_origin_id": api["target_origin_id"],
                "viewer_protocol_policy": "https-only",
                "allowed_methods": list(ALL_METHODS),
                "cached_methods": ["GET", "HEAD"],
                "compress": True,
                "cache_policy_id": api["cache_policy_id"],
                "origin_request_policy_id": api["origin_request_policy_id"],
                "response_headers_policy_id": api.get("response_headers_policy_id")
                or shared.get("response_headers_policy_id"),
            }
        )
    for name in CLASSES:
        for pattern in paths.get(name) or []:
            behaviors.append({**shared, "path_pattern": pattern, "cache_policy_id": policy_ids.get(name, "")})
    return behaviors


class FilterModule:
    def filters(self):
        return {"s3_cloudfront_behaviors": s3_cloudfront_behaviors, "s3_cloudfront_cache_policy_ids": cache_policy_ids}
