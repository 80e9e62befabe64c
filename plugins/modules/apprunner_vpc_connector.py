#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: apprunner_vpc_connector
version_added: 0.2.0
short_description: Manage AWS App Runner VPC connectors
description:
  - Create, replace and delete AWS App Runner VPC connectors, through which a service's outgoing traffic
    reaches a VPC.
  - A VPC connector can't change after its creation, and App Runner keeps one active connector per name.
    The module compares O(subnets) and O(security_groups), as sets, with the active connector named O(name).
  - When they differ and no service uses the connector, the module deletes it and creates a new one under the
    same name, with a new ARN (RV(vpc_connector.vpc_connector_arn)); RV(replaced_vpc_connector_arn) names the
    one deleted.
  - When they differ and a service uses the connector, the module fails without changing anything, because
    App Runner can't delete a connector in use. Move the service to a new connector in three steps, as in
    the examples. 1. Create a connector under a new name (for example with a version suffix) with the new
    subnets and security groups. 2. Point the service at its ARN with M(appstack.aws.apprunner_service)
    (its O(appstack.aws.apprunner_service#module:network.vpc_connector_arn) option), which waits for the update. 3. Delete the
    old connector with O(state=absent); it turns C(INACTIVE) and App Runner removes it later.
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The name of the VPC connector.
      - 4 to 40 letters, digits, hyphens and underscores, starting with a letter or a digit.
    type: str
    required: true
    aliases: ["vpc_connector_name"]
  state:
    description:
      - Whether the VPC connector should exist.
      - O(state=absent) deletes the active connector named O(name). The module refuses, without deleting
        anything, when a service still uses it.
    type: str
    choices: ["present", "absent"]
    default: present
  subnets:
    description:
      - The IDs of the subnets, all of one VPC, through which services reach the VPC.
      - Compared as a set with the subnets of the existing connector.
      - Required when O(state=present).
    type: list
    elements: str
  security_groups:
    description:
      - The IDs of the security groups of the connector's network interfaces.
      - Compared as a set with those of the existing connector.
      - When not set (or empty), a new connector gets the default security group of the VPC, and the security
        groups of an existing connector are not compared.
    type: list
    elements: str
notes:
  - App Runner has no API listing the services that use a connector, so the module lists and describes the
    account's services (C(apprunner:ListServices), C(apprunner:DescribeService)) before replacing or deleting
    a connector.
  - VPC connectors are created and deleted at once; there is nothing to wait for.
  - AWS App Runner is closed to new customers since 30 April 2026. In an account that may not use it, the
    module fails with App Runner's own error message.
  - Supports check mode and diff mode.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Connect the backend to the private subnets
  appstack.aws.apprunner_vpc_connector:
    name: smartscheduler-backend-1
    subnets: [subnet-0a1b2c3d4e5f60001, subnet-0a1b2c3d4e5f60002]
    security_groups: [sg-0a1b2c3d4e5f60001]
    tags:
      Application: smartscheduler
  register: connector

# Moving a service to other subnets: a new connector, the service moved to it, the old one deleted.
- name: Create the connector to the new subnets
  appstack.aws.apprunner_vpc_connector:
    name: smartscheduler-backend-2
    subnets: [subnet-0a1b2c3d4e5f60003, subnet-0a1b2c3d4e5f60004]
    security_groups: [sg-0a1b2c3d4e5f60001]
  register: new_connector

# Here, move the service: appstack.aws.apprunner_service with the new connector's ARN,
# new_connector.vpc_connector.vpc_connector_arn. Then the old connector is unused:
- name: Delete the old connector
  appstack.aws.apprunner_vpc_connector:
    name: smartscheduler-backend-1
    state: absent
"""

RETURN = r"""
vpc_connector:
  description:
    - The active VPC connector.
    - In check mode, the connector as it would be; values only App Runner can give (the ARN, revision and
      creation time of a new connector) are then missing.
  returned: when O(state=present)
  type: dict
  contains:
    vpc_connector_arn:
      description: The ARN of the connector; services name the connector by it.
      returned: when the connector exists
      type: str
      sample: arn:aws:apprunner:us-east-1:123456789012:vpcconnector/smartscheduler-backend-1/1/0123456789abcdef0123456789abcdef
    vpc_connector_name:
      description: The name of the connector.
      returned: always
      type: str
      sample: smartscheduler-backend-1
    vpc_connector_revision:
      description: The revision of the connector.
      returned: when the connector exists
      type: int
      sample: 1
    subnets:
      description: The IDs of the connector's subnets.
      returned: always
      type: list
      elements: str
      sample: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
    security_groups:
      description: The IDs of the connector's security groups.
      returned: when known
      type: list
      elements: str
      sample: ["sg-0a1b2c3d4e5f60001"]
    status:
      description: C(ACTIVE), or C(INACTIVE) once deleted.
      returned: always
      type: str
      sample: ACTIVE
    created_at:
      description: When the connector was created.
      returned: when the connector exists
      type: str
      sample: "2026-01-01T00:00:00+00:00"
    tags:
      description: The tags of the connector.
      returned: always
      type: dict
      sample: {"Application": "smartscheduler"}
replaced_vpc_connector_arn:
  description: The ARN of the connector deleted because its subnets or security groups had to change.
  returned: when the connector was replaced
  type: str
  sample: arn:aws:apprunner:us-east-1:123456789012:vpcconnector/smartscheduler-backend-1/1/0123456789abcdef0123456789abcdef
"""

from functools import partial

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.apprunner import (
    AnsibleAppRunnerError,
    tag_resource,
    tags_for_create,
    to_ansible,
    untag_resource,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions import (
    create_vpc_connector,
    delete_vpc_connector,
    list_vpc_connectors,
    services_using_vpc_connector,
    with_tags,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_revisions_plan import (
    active_revisions,
    latest_active_revision,
)
from ansible_collections.appstack.aws.plugins.module_utils.apprunner_vpc_connector_plan import same_set, validate
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.tagging import ensure_tags, plan_tags

ARN_KEY = "VpcConnectorArn"
REVISION_KEY = "VpcConnectorRevision"


def diff_view(connector):
    if not connector:
        return {}
    return {
        "subnets": sorted(connector.get("subnets") or []),
        "security_groups": sorted(connector.get("security_groups") or []),
        "tags": connector.get("tags", {}),
    }


def current_connector(client, name):
    """The active connector named name, as a snake_case dict with tags, or None."""
    latest = latest_active_revision(list_vpc_connectors(client, name), REVISION_KEY)
    return with_tags(client, latest, ARN_KEY) if latest else None


def refuse_if_in_use(client, connector, doing):
    services = services_using_vpc_connector(client, connector["vpc_connector_arn"])
    if services:
        raise AnsibleAppRunnerError(
            message=(
                f"VPC connector {connector['vpc_connector_name']} ({connector['vpc_connector_arn']}) is used by"
                f" {', '.join(services)}, and App Runner can't delete a connector in use, so it can't {doing}."
                " Nothing was changed. Create a connector under a new name, point the service at its ARN with"
                " appstack.aws.apprunner_service (network.vpc_connector_arn), then delete this one with state=absent."
            )
        )


def create(client, params, tags, check_mode):
    if check_mode:
        predicted = {
            "vpc_connector_name": params["name"],
            "subnets": list(params["subnets"]),
            "status": "ACTIVE",
            "tags": tags,
        }
        if params["security_groups"] is not None:
            predicted["security_groups"] = list(params["security_groups"])
        return predicted
    created = create_vpc_connector(
        client, params["name"], params["subnets"], params["security_groups"], tags_for_create(tags)
    )
    return with_tags(client, created, ARN_KEY)


def ensure_present(client, current, params, check_mode):
    """Bring the connector named name to what params ask for; returns (changed, result).

    current is the active connector (``current_connector``) or None. The result holds the connector
    (predicted in check mode), the ARN of the connector it replaced if any, and the diff.
    """
    if current is None:
        tags = plan_tags({}, params["tags"], True).result
        return True, present_result(None, create(client, params, tags, check_mode))

    if same_set(current.get("subnets"), params["subnets"]) and same_set(
        current.get("security_groups"), params["security_groups"]
    ):
        arn = current["vpc_connector_arn"]
        tag, untag = partial(tag_resource, client, arn), partial(untag_resource, client, arn)
        changed, after = ensure_tags(current, params["tags"], params["purge_tags"], check_mode, tag, untag)
        return changed, present_result(current, after)

    refuse_if_in_use(client, current, "change its subnets or security groups")
    if params["security_groups"] is None and current.get("security_groups"):
        # Keep the security groups the user didn't ask to change.
        params = dict(params, security_groups=current["security_groups"])
    tags = plan_tags(current["tags"], params["tags"], params["purge_tags"]).result
    if not check_mode:
        delete_vpc_connector(client, current["vpc_connector_arn"])
    return True, present_result(current, create(client, params, tags, check_mode), current["vpc_connector_arn"])


def present_result(before, after, replaced=None):
    result = {"vpc_connector": after, "diff": {"before": diff_view(before), "after": diff_view(after)}}
    if replaced:
        result["replaced_vpc_connector_arn"] = replaced
    return result


def ensure_absent(client, name, check_mode):
    """Delete the active connectors named name; returns (changed, result), the result holding the diff."""
    connectors = active_revisions(list_vpc_connectors(client, name), REVISION_KEY)
    if not connectors:
        return False, {"diff": {}}
    before = with_tags(client, connectors[0], ARN_KEY)
    for connector in connectors:
        refuse_if_in_use(client, to_ansible(connector), "be deleted")
    if not check_mode:
        for connector in connectors:
            delete_vpc_connector(client, connector[ARN_KEY])
    return True, {"diff": {"before": diff_view(before), "after": {}}}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True, aliases=["vpc_connector_name"]),
        state=dict(type="str", default="present", choices=["present", "absent"]),
        subnets=dict(type="list", elements="str"),
        security_groups=dict(type="list", elements="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    # App Runner gives a connector created without security groups the VPC's default one: an empty list
    # would never compare equal to it.
    params = dict(module.params, security_groups=module.params["security_groups"] or None)
    module.fail_on_invalid(validate(params))
    client = module.client("apprunner", retry_decorator=AWSRetry.jittered_backoff())

    try:
        if params["state"] == "absent":
            changed, result = ensure_absent(client, params["name"], module.check_mode)
        else:
            current = current_connector(client, params["name"])
            changed, result = ensure_present(client, current, params, module.check_mode)
    except AnsibleAppRunnerError as e:
        module.fail_json_aws_error(e)

    diff = result.pop("diff")
    if changed:
        result["diff"] = diff
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
