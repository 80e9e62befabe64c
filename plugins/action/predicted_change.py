# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Says, under check mode, what a task whose module has no check mode or no diff would change, as a diff.

A role reads its resources once and compares them with its inputs (its *_drift filters); this action turns one such
comparison into a changed result with a before/after diff, so that --check --diff, and playbooks/drift.yml's
report, show the values. It runs on the controller and calls nothing. See plugins/modules/predicted_change.py.
"""

from ansible.errors import AnsibleActionFail
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.plugins.action import ActionBase

ARGUMENT_SPEC = {
    "resource": {"type": "str"},
    "before": {"type": "dict", "default": {}},
    "after": {"type": "dict", "default": {}},
    "msg": {"type": "list", "elements": "str", "default": []},
}


class ActionModule(ActionBase):
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        del tmp
        validation = ArgumentSpecValidator(ARGUMENT_SPEC).validate(self._task.args)
        if validation.error_messages:
            raise AnsibleActionFail("; ".join(validation.error_messages))
        args = validation.validated_parameters
        before, after, message = args["before"], args["after"], args["msg"]
        result.update(
            changed=True,
            invocation={"module_args": {"resource": args.get("resource"), "before": before, "after": after}},
            resource=args.get("resource"),
            msg=message,
            diff={"before": before, "after": after},
        )
        return result
