# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base class of every appstack.aws module.

    from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule

    module = AppstackAWSModule(argument_spec=spec, supports_check_mode=True)
    module.fail_on_invalid(validate(module.params))
    client = module.client("logs", retry_decorator=AWSRetry.jittered_backoff())

AppstackAWSModule is amazon.aws's AnsibleAWSModule, so it accepts the common AWS options
(credentials, region, endpoint_url, aws_config, ...).  It differs in two ways.  The user agent:
AnsibleAWSModule names the collection that built a client (``APN/1.0 Ansible/<core> <name>/<version>``)
through amazon.aws's ``set_collection_info`` hook, and this class registers appstack.aws there,
the same way community.aws does for its own modules.  And fail_on_invalid(), which reports every problem
a module's pure ``validate(params) -> list[str]`` found in one failure, before any API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.common import set_collection_info
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.common import (
    APPSTACK_AWS_COLLECTION_NAME,
    APPSTACK_AWS_COLLECTION_VERSION,
)


class AppstackAWSModule(AnsibleAWSModule):
    """AnsibleAWSModule that identifies appstack.aws in the user agent and reports invalid input at once."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        set_collection_info(
            collection_name=APPSTACK_AWS_COLLECTION_NAME,
            collection_version=APPSTACK_AWS_COLLECTION_VERSION,
        )

    def fail_on_invalid(self, problems):
        """Fail with every problem a module's validate(params) found, at once; do nothing when there are none.

        Call it before the first client call, so that bad input costs no API call.
        """
        if problems:
            self.fail_json(msg=" ".join(problems), problems=list(problems))
