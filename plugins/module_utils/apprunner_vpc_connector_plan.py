# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.apprunner_vpc_connector: its options, and whether a connector has the networks asked.

The apprunner_vpc_connector_drift filter plans with it too, so that it and the module never disagree; it imports
nothing of botocore, since Ansible imports every filter file (and what it uses) in the process of every task.
"""

from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed. Runs before any API call."""
    errors = name_problems(params["name"], 40)
    if params["state"] == "present" and not params["subnets"]:
        errors.append("subnets must list at least one subnet ID when state=present.")
    return errors


def same_set(current, desired):
    return desired is None or set(current or []) == set(desired)
