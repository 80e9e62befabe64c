"""What the App Runner modules would change, from the reads of their _info twins.

A role converging App Runner reads its service, auto scaling configuration and VPC connector once, before any
write, and runs each module only when these filters find a difference. They plan with the modules' own functions
(the module_utils ``apprunner_*_plan`` files, ``tagging.plan_tags``), so that an empty list means the module would
report no change. Their code is in plugin_utils/apprunner_drift_filters.py.
"""

from ansible_collections.appstack.aws.plugins.plugin_utils.apprunner_drift_filters import (
    apprunner_auto_scaling_drift,
    apprunner_observability_drift,
    apprunner_service_drift,
    apprunner_vpc_connector_drift,
)

DOCUMENTATION = r"""
name: apprunner_drift
version_added: 0.5.0
short_description: The differences between App Runner resources and what the App Runner modules are asked for
description:
  - This file holds three filters, each taking what an C(_info) module read and the options its resource module
    is given, and returning what the module would change (or wait for), each a sentence naming the resource; an
    empty list means the module would report no change.
  - They plan with the modules' own functions, so that the two never disagree. The options are converted as the
    modules' argument specs convert them (strings of numbers and booleans are fine), with the modules' defaults.
  - C(apprunner_service_drift(services, wanted, auto_scaling_configurations=None)) takes the C(services) of
    M(appstack.aws.apprunner_service_info) (read with C(name)) and the options of M(appstack.aws.apprunner_service);
    it compares the configuration groups as C(plan_update) does, the tags, and what O(wanted.state) and
    C(start_deployment) ask. A service with an operation in progress is a difference when C(wait) is true (the
    default), since the module waits for it before comparing. A service C(CREATE_FAILED) is one too, since the
    module rebuilds it. A C(PAUSED) service is one only when the module would act on it (C(state=running), or a
    change, which it makes by resuming and pausing it again). A change App Runner can't make (the KMS key) is a
    difference saying that the module would fail.
  - C(auto_scaling_configuration_arn) ending with the configuration's name means its latest active revision, which
    the module looks up; give the C(auto_scaling_configurations) of
    M(appstack.aws.apprunner_auto_scaling_configuration_info) as the third argument so that the filter can, or give
    a revision's full ARN. Without either, such an ARN is a difference, since only the module can tell. A read made
    before M(appstack.aws.apprunner_auto_scaling_configuration) created a revision is stale; after such a change,
    give the service the full ARN that module returned.
  - C(apprunner_auto_scaling_drift(configurations, wanted)) takes the C(auto_scaling_configurations) of
    M(appstack.aws.apprunner_auto_scaling_configuration_info) (read with C(name), or C(arn) ending with the name)
    and the options of M(appstack.aws.apprunner_auto_scaling_configuration); it compares the settings of the latest
    active revision (an unset one keeps its value), the tags, and with C(purge_revisions=true) the superseded
    revisions the module would delete (those that are not the account's default and that no service uses, as the
    revisions' C(has_associated_service) says; the read lists them without settings or tags, which are not needed). Read with C(latest_only=false) when C(purge_revisions) is true, since a read of
    the latest revision alone shows no superseded revision.
  - C(apprunner_vpc_connector_drift(connectors, wanted)) takes the C(vpc_connectors) of
    M(appstack.aws.apprunner_vpc_connector_info) (read with C(name)) and the options of
    M(appstack.aws.apprunner_vpc_connector); only C(ACTIVE) connectors count. It compares the subnets and security
    groups as sets (unset or empty security groups are not compared), and the tags.
  - With C(state=absent), a resource that exists is the difference.
options:
  _input:
    description:
      - The list the C(_info) module returned (C(services), C(auto_scaling_configurations) or C(vpc_connectors));
        empty when the resource does not exist.
    type: list
    elements: dict
    required: true
  wanted:
    description:
      - The options of the resource module, as the task gives them; C(name) is required.
    type: dict
    required: true
  auto_scaling_configurations:
    description:
      - C(apprunner_service_drift) only. The C(auto_scaling_configurations) of
        M(appstack.aws.apprunner_auto_scaling_configuration_info), to find the latest revision that an
        C(auto_scaling_configuration_arn) ending with the name means; it must be current (read after any new
        revision).
    type: list
    elements: dict
"""

EXAMPLES = r"""
- name: Compare the service with the inventory
  ansible.builtin.set_fact:
    __service_drift: >-
      {{ __services.services | appstack.aws.apprunner_service_drift(__service_options,
         __scaling.auto_scaling_configurations) }}

- name: Compare the auto scaling configuration with the inventory
  ansible.builtin.set_fact:
    __scaling_drift: >-
      {{ __scaling.auto_scaling_configurations | appstack.aws.apprunner_auto_scaling_drift({'name': 'backend',
         'min_size': 1, 'max_size': 5}) }}

- name: Compare the VPC connector with the inventory
  ansible.builtin.set_fact:
    __connector_drift: >-
      {{ __connectors.vpc_connectors | appstack.aws.apprunner_vpc_connector_drift({'name': 'backend-1',
         'subnets': subnet_ids, 'security_groups': [group_id]}) }}
"""

RETURN = r"""
_value:
  description: The differences, each a sentence naming the resource; empty when it is as asked.
  type: list
  elements: str
"""


class FilterModule:
    def filters(self):
        return {
            "apprunner_service_drift": apprunner_service_drift,
            "apprunner_observability_drift": apprunner_observability_drift,
            "apprunner_auto_scaling_drift": apprunner_auto_scaling_drift,
            "apprunner_vpc_connector_drift": apprunner_vpc_connector_drift,
        }
