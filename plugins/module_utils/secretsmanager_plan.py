# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The comparisons of appstack.aws.secretsmanager_generated_secret that need no API call.

The secretsmanager_secret_drift filter compares with them too, so that it and the module never disagree; they import
nothing of botocore, since Ansible imports every filter file (and what it uses) in the process of every task.
"""


def key_matches(current, wanted):
    """Whether the secret's key is the one asked for: same ARN, or the same key id given another way."""
    if not current:
        return False
    if current == wanted:
        return True
    return current.rsplit("/", 1)[-1] == wanted.rsplit("/", 1)[-1] and ":key/" in current + wanted
