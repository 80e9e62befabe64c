"""Settings of an existing DB instance (and its proxy) that RDS cannot change in place.

RDS cannot change the engine of a DB instance, the KMS key that encrypts its storage, or the engine family of an
RDS Proxy: asked to, it fails half-way through a run, or silently keeps the old value. The rds role reads the
instance (and the proxy) before any write and fails with these messages instead, each naming the setting, its
current and requested values, and how to get there.
"""

import re

DOCUMENTATION = r"""
name: rds_immutable_errors
version_added: 0.3.0
short_description: List the settings an existing DB instance or proxy cannot change in place
description:
  - Returns one message per setting the request would change but RDS cannot change in place, empty when there is
    none; each names the setting, its current and requested values, and the way to replace the resource.
  - Compares the engine (always C(postgres)), the storage KMS key when O(kms_key_arn) is given, and the engine
    family of the proxy when O(proxy) is given.
  - KMS keys are compared ARN with ARN; a bare key id (which some APIs return) is compared with the key id of the
    other ARN.
options:
  _input:
    description: The instance as C(amazon.aws.rds_instance_info) returns it (snake_case); empty when there is none.
    type: dict
    required: true
  identifier:
    description: The instance identifier, for the messages.
    type: str
    required: true
  kms_key_arn:
    description: The requested storage key, C(rds_kms_key_arn); not compared when empty or omitted.
    type: str
  proxy:
    description: The proxy as C(appstack.aws.rds_db_proxy_info) returns it; not compared when empty or omitted.
    type: dict
"""

EXAMPLES = r"""
- name: Refuse what RDS cannot change in place
  ansible.builtin.assert:
    that: rds__immutable_errors | length == 0
    fail_msg: "{{ rds__immutable_errors | join('; ') }}"
  vars:
    rds__immutable_errors: "{{ rds__current.instances[0] | default({})
      | appstack.aws.rds_immutable_errors(rds_instance_identifier, kms_key_arn=rds_kms_key_arn) }}"
"""

RETURN = r"""
_value:
  description: One message per setting that cannot change in place; empty when there is none.
  type: list
  elements: str
"""

ENGINE = "postgres"
PROXY_ENGINE_FAMILY = "POSTGRESQL"
KEY_ARN = re.compile(r"^arn:[\w-]+:kms:[\w-]+:\d{12}:key/(?P<key_id>[\w-]+)$")


def same_kms_key(current, requested):
    """Whether two KMS key references name the same key: ARN with ARN, else key id with key id."""
    current, requested = str(current or ""), str(requested or "")
    current_arn, requested_arn = KEY_ARN.match(current), KEY_ARN.match(requested)
    if current_arn and requested_arn:
        return current == requested
    current_id = current_arn.group("key_id") if current_arn else current
    requested_id = requested_arn.group("key_id") if requested_arn else requested
    return current_id == requested_id


def _engine_errors(instance, identifier):
    engine = instance.get("engine")
    if not engine or engine == ENGINE:
        return []
    return [
        f"the engine of {identifier} is {engine} and the rds role requests {ENGINE}: RDS cannot change the engine "
        f"of an instance; create a {ENGINE} instance under a new rds_instance_identifier and migrate the data to "
        f"it (pg_dump and pg_restore, or AWS DMS), or manage {identifier} outside this role"
    ]


def _kms_key_errors(instance, identifier, kms_key_arn):
    current = instance.get("kms_key_id")
    if not kms_key_arn or not current or same_kms_key(current, kms_key_arn):
        return []
    return [
        f"rds_kms_key_arn is {kms_key_arn} but the storage of {identifier} is encrypted with {current}: RDS "
        "cannot change the key of an encrypted instance; to move to the new key, snapshot the instance, copy the "
        "snapshot with the new key (aws rds copy-db-snapshot --kms-key-id), restore it into a new instance under a "
        f"new rds_instance_identifier and move the clients to it; or keep rds_kms_key_arn {current}"
    ]


def _proxy_errors(proxy):
    family = (proxy or {}).get("engine_family")
    if not family or family == PROXY_ENGINE_FAMILY:
        return []
    name = proxy.get("db_proxy_name", "")
    return [
        f"rds_proxy_enabled is true but the proxy {name} exists with engine family {family}, and the rds role "
        f"requests {PROXY_ENGINE_FAMILY}: RDS cannot change the engine family of a proxy; delete the proxy "
        f"(aws rds delete-db-proxy --db-proxy-name {name}) for the role to create it anew, or choose a new "
        "rds_instance_identifier, which names the proxy"
    ]


def rds_immutable_errors(instance, identifier, kms_key_arn=None, proxy=None):
    """Every setting the request changes that RDS cannot change in place, as messages; [] when there is none."""
    instance = instance or {}
    return [
        *_engine_errors(instance, identifier),
        *_kms_key_errors(instance, identifier, kms_key_arn),
        *_proxy_errors(proxy),
    ]


class FilterModule:
    def filters(self):
        return {"rds_immutable_errors": rds_immutable_errors}
