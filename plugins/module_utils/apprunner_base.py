# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every App Runner module_utils file shares and that needs no API: the error class and the rule for names.

It imports nothing of botocore, so that the App Runner drift filters, which plan with the modules' own functions,
can use it: Ansible imports every filter file (and what it uses) in the process of every task. ``apprunner.py``
re-exports the error class, which the modules import from there.
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError


class AnsibleAppRunnerError(AnsibleAWSError):
    pass


def name_problems(name, longest):
    """The problem with an App Runner name, as a list of messages (empty: none).

    Services and VPC connectors take names of 4 to 40 characters, auto scaling configurations 4 to 32.
    """
    if name is None or re.match(rf"^[A-Za-z0-9][A-Za-z0-9_-]{{3,{longest - 1}}}$", name):
        return []
    return [
        f"name must be 4 to {longest} letters, digits, hyphens or underscores, starting with a letter or a digit;"
        f" got {name!r}."
    ]
