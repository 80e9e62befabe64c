# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of options that several appstack.aws modules share, for their validate() functions.

They import nothing of botocore, so that a drift filter that runs a module's own validate() can use them: Ansible
imports every filter file (and what it uses) in the process of every task.
"""


def wait_timeout_problems(wait_timeout):
    """The problem with a wait_timeout option, as a list of messages for a module's validate() (empty: none)."""
    if wait_timeout is not None and wait_timeout <= 0:
        return [f"wait_timeout must be a number of seconds above 0, not {wait_timeout}."]
    return []
