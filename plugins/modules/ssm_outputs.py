#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ssm_outputs
version_added: 0.8.0
short_description: Publish a tree of outputs to SSM Parameter Store, one parameter per value
description:
  - Keep the parameters under O(path) equal to O(outputs), flattened one parameter per value, so that a pipeline
    reads one value with one call, e.g. C(/shop/prod/outputs/ecr/repository_uri).
  - A nested dictionary adds a level to the name. A list of strings and numbers is a C(StringList) parameter
    (comma-separated; a list whose items hold commas, or a list of dictionaries, is a C(String) parameter holding
    JSON). A string, number or boolean is a C(String) parameter (booleans as C(true)/C(false)). Empty values are
    not published (Parameter Store refuses empty values).
  - Parameters under O(path) that O(outputs) no longer holds are deleted, so O(path) must be a subtree that
    only this module writes.
  - Read in one C(GetParametersByPath) call per ten parameters; only changed values are written.
  - A pipeline reads one value with C(aws ssm get-parameter --name /shop/prod/outputs/ecr/repository_uri), or in a
    playbook with C(lookup('amazon.aws.ssm_parameter', '/shop/prod/outputs/ecr/repository_uri')).
  - Only C(String) and C(StringList) parameters, as the outputs hold no secret value, only secrets' ARNs.
  - Beside the values, the record under C(<path>/_record) holds each top-level entry of O(outputs) (a tier) as one
    JSON parameter, typed and whole, so that M(appstack.aws.ssm_outputs_info) gives back exactly what was
    published (the values lose types and empty values). A record over 4 KB is an advanced parameter
    (C(Intelligent-Tiering)), up to 8 KB.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  path:
    description:
      - The subtree, e.g. C(/shop/prod/outputs); it starts with C(/) and does not end with one.
    type: str
    required: true
  outputs:
    description: The values to publish, as a nested dictionary. Ignored with O(state=absent).
    type: dict
    default: {}
  state:
    description: V(absent) deletes every parameter under O(path).
    type: str
    choices: [present, absent]
    default: present
  tags:
    description:
      - Tags of each parameter, set when the parameter is created.
    type: dict
    default: {}
notes:
  - Needs C(ssm:GetParametersByPath), C(ssm:PutParameter), C(ssm:AddTagsToResource) (tags given at creation) and
    C(ssm:DeleteParameters) on
    the parameters under O(path).
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Publish the outputs of prod
  appstack.aws.ssm_outputs:
    path: /shop/prod/outputs
    outputs: "{{ outputs_document.outputs }}"
    tags:
      Environment: prod

- name: Remove them
  appstack.aws.ssm_outputs:
    path: /shop/prod/outputs
    state: absent
"""

RETURN = r"""
parameters:
  description: The parameters under O(path) after the run (what would be, in check mode), name to value.
  returned: always
  type: dict
  sample: {"/shop/prod/outputs/ecr/repository_uri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-backend"}
written:
  description: The names of the parameters created or changed.
  returned: always
  type: list
  elements: str
deleted:
  description: The names of the parameters deleted.
  returned: always
  type: list
  elements: str
"""

from contextlib import suppress

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.outputs_record import (
    MAX_RECORD_BYTES,
    MAX_VALUE_BYTES,
    RECORD,
    current_parameters,
    flatten,
    path_problems,
    records,
)

with suppress(ImportError):  # AnsibleAWSModule reports a missing botocore.
    from botocore.exceptions import BotoCoreError, ClientError


def desired_parameters(params):
    """The values, one parameter each, and the record; none with state=absent."""
    if params["state"] != "present":
        return {}
    return {**flatten(params["outputs"], params["path"]), **records(params["outputs"], params["path"])}


def too_long(desired):
    """The parameters Parameter Store would refuse: a value over 4 KB, a record over 8 KB."""
    return sorted(
        name
        for name, (_, value) in desired.items()
        if len(value.encode()) > (MAX_RECORD_BYTES if f"/{RECORD}/" in name else MAX_VALUE_BYTES)
    )


def plan(current, desired):
    """(names to write, names to delete)."""
    writes = sorted(name for name, parameter in desired.items() if current.get(name) != parameter)
    deletes = sorted(name for name in current if name not in desired)
    return writes, deletes


def write(client, name, parameter, exists, tags):
    kind, value = parameter
    # A record over 4 KB is stored as an advanced parameter; the values are never that long.
    extra = {"Tier": "Intelligent-Tiering"} if len(value.encode()) > MAX_VALUE_BYTES else {}
    if exists:
        # Parameter Store refuses Tags with Overwrite; the tags were set when the parameter was created.
        client.put_parameter(Name=name, Value=value, Type=kind, Overwrite=True, aws_retry=True, **extra)
    else:
        if tags:
            extra["Tags"] = ansible_dict_to_boto3_tag_list(tags)
        client.put_parameter(Name=name, Value=value, Type=kind, aws_retry=True, **extra)


def delete(client, names):
    for start in range(0, len(names), 10):
        client.delete_parameters(Names=names[start : start + 10], aws_retry=True)


def main():
    argument_spec = dict(
        path=dict(type="str", required=True),
        outputs=dict(type="dict", default={}),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        tags=dict(type="dict", default={}),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(path_problems(params["path"]))
    desired = desired_parameters(params)
    refused = too_long(desired)
    if refused:
        module.fail_json(
            msg=f"These outputs are longer than Parameter Store takes (4 KB a value, 8 KB a record): {', '.join(refused)}."
        )
    client = module.client("ssm", retry_decorator=AWSRetry.jittered_backoff(retries=10))
    try:
        current = current_parameters(client, params["path"])
        writes, deletes = plan(current, desired)
        if not module.check_mode:
            for name in writes:
                write(client, name, desired[name], name in current, params["tags"])
            delete(client, deletes)
    except (BotoCoreError, ClientError) as e:
        module.fail_json_aws(e, msg=f"Could not publish the outputs under {params['path']}")
    before = {name: value for name, (_, value) in sorted(current.items())}
    after = {name: value for name, (_, value) in sorted(desired.items())}
    module.exit_json(
        changed=bool(writes or deletes),
        parameters=after,
        written=writes,
        deleted=deletes,
        diff={"before": before, "after": after},
    )


if __name__ == "__main__":
    main()
