#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: rds_instance_master_user_secret
version_added: 0.2.0
short_description: Manage the RDS-managed master user password of a DB instance and its rotation schedule
description:
  - Turn RDS-managed master user passwords on or off for an existing DB instance (C(ManageMasterUserPassword)).
    RDS then keeps the master password in a Secrets Manager secret of its own, named C(rds!db-<uuid>), holding
    JSON with the keys C(username) and C(password), and rotates it without a Lambda function.
  - Set how often that secret rotates (O(rotation_days)), and rotate it now (O(rotate_now)).
  - Only the settings given are compared and changed, and C(ModifyDBInstance) is called only when management
    or its key must change, always with C(ApplyImmediately).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  db_instance_identifier:
    description: The identifier of the DB instance.
    type: str
    required: true
    aliases: ["id"]
  manage_master_user_password:
    description:
      - Whether RDS manages the master user password in Secrets Manager.
      - Turning it on makes RDS generate a new master password; turning it off needs O(master_user_password), and
        RDS then deletes its secret.
      - When not set, management is left as it is.
    type: bool
  master_user_secret_kms_key_id:
    description:
      - The KMS key (key ARN, key id, alias name or alias ARN) that encrypts the managed secret when management is
        turned on. When not set, Secrets Manager's C(aws/secretsmanager) key is used.
      - RDS can't change the key of an existing managed secret; when it differs, the module fails without
        changing anything. To change it, turn management off and on again with the new key.
      - A key given otherwise than by its ARN is resolved with C(kms:DescribeKey) to be compared.
    type: str
  rotation_days:
    description:
      - Days (1 to 1000) between automatic rotations of the managed secret. RDS rotates every 7 days unless told
        otherwise.
      - Set with Secrets Manager C(RotateSecret) (C(RotationRules.AutomaticallyAfterDays), C(RotateImmediately=false)),
        which AWS documents as the way to change the schedule of a managed rotation; no Lambda function is involved
        and the secret is not rotated by the change.
      - When not set, the schedule is left as it is.
    type: int
  rotate_now:
    description:
      - Rotate the managed secret now (C(ModifyDBInstance) with C(RotateMasterUserPassword)). Reports a change on
        every run where it is true.
      - Ignored, with a warning, in a run that turns management on (the password was just generated).
    type: bool
    default: false
  master_user_password:
    description:
      - The new master password, needed only to turn management off (AWS requires one then); never used otherwise.
    type: str
  wait:
    description:
      - Wait for the DB instance to be V(available) and, when RDS manages the password, for its secret to be
        V(active).
      - Also decides what happens when a change is needed while the instance is not V(available) (for example
        V(creating), V(modifying) or V(backing-up)), since RDS refuses most changes then. With O(wait=true) the
        module first waits for the instance; with O(wait=false) it fails without changing anything.
      - In a run that turns management on, the module always waits (at most O(wait_timeout)) for RDS to create the
        secret, since it sets the secret's schedule and returns its ARN.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds (above 0) to wait, for each thing waited for. The module fails, naming the instance and
        its last status, when a wait runs out.
    type: int
    default: 1800
notes:
  - amazon.aws.rds_instance 10.x can't turn on RDS-managed master user passwords; this module fills that gap.
    M(amazon.aws.rds_instance_info) is its info twin; it returns the instance's C(master_user_secret).
  - The rotation schedule is read with C(secretsmanager:DescribeSecret) and set with C(secretsmanager:RotateSecret);
    the caller also needs C(rds:DescribeDBInstances), C(rds:ModifyDBInstance), and, for a customer managed key,
    C(kms:DescribeKey), C(kms:Encrypt), C(kms:Decrypt), C(kms:GenerateDataKey) and C(kms:CreateGrant) on it.
  - The module never reads or returns the secret's value.
  - Supports check mode and diff mode. Check mode returns the expected state and makes no change.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Let RDS manage the master password with the environment's key and rotate it every 90 days
  appstack.aws.rds_instance_master_user_secret:
    db_instance_identifier: smartscheduler-prod
    manage_master_user_password: true
    master_user_secret_kms_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    rotation_days: 90
  register: master_secret

- name: Rotate the master password now
  appstack.aws.rds_instance_master_user_secret:
    db_instance_identifier: smartscheduler-prod
    rotate_now: true

- name: Take the master password back from RDS
  appstack.aws.rds_instance_master_user_secret:
    db_instance_identifier: smartscheduler-dev
    manage_master_user_password: false
    master_user_password: "{{ new_master_password }}"
  no_log: true
"""

RETURN = r"""
db_instance_identifier:
  description: The identifier of the DB instance.
  returned: always
  type: str
  sample: smartscheduler-prod
manage_master_user_password:
  description: Whether RDS manages the master user password.
  returned: always
  type: bool
  sample: true
master_user_secret:
  description:
    - The secret RDS keeps the master password in; never its value. In check mode, after turning management on,
      RV(master_user_secret.secret_arn) is missing.
  returned: when RDS manages the master user password
  type: dict
  contains:
    secret_arn:
      description: The ARN of the secret.
      returned: when known
      type: str
      sample: "arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-0123abcd-0123-4567-89ab-0123456789ab-AbCdEf"
    secret_status:
      description: The status of the secret (V(creating), V(active), V(rotating) or V(impaired)).
      returned: always
      type: str
      sample: active
    kms_key_id:
      description: The ARN of the KMS key that encrypts the secret.
      returned: when known
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
rotation:
  description: The rotation schedule of the managed secret.
  returned: always
  type: dict
  contains:
    enabled:
      description: Whether the secret rotates automatically.
      returned: always
      type: bool
      sample: true
    automatically_after_days:
      description: Days between rotations.
      returned: when rotation is enabled
      type: int
      sample: 90
"""

from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils import rds, secretsmanager
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule
from ansible_collections.appstack.aws.plugins.module_utils.option_checks import wait_timeout_problems
from ansible_collections.appstack.aws.plugins.module_utils.rds import AnsibleRDSError
from ansible_collections.appstack.aws.plugins.module_utils.secretsmanager import AnsibleSecretsManagerError


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    problems = []
    low, high = rds.ROTATION_DAYS_RANGE
    if params["rotation_days"] is not None and not low <= params["rotation_days"] <= high:
        problems.append(f"rotation_days must be {low} to {high}, not {params['rotation_days']}.")
    if params["manage_master_user_password"] is False and (params["rotation_days"] or params["rotate_now"]):
        problems.append("rotation_days and rotate_now need manage_master_user_password=true (or unset).")
    if params["master_user_password"] and params["manage_master_user_password"] is not False:
        problems.append("master_user_password is only used with manage_master_user_password=false.")
    problems.extend(wait_timeout_problems(params["wait_timeout"]))
    return problems


def read_state(clients, db_instance_identifier):
    """(instance, state): the boto3 instance and what the module reports about it."""
    instance = rds.describe_db_instance(clients["rds"], db_instance_identifier)
    if instance is None:
        raise AnsibleRDSError(message=f"DB instance {db_instance_identifier} does not exist.")
    secret = rds.master_user_secret(instance)
    described = None
    if secret and secret["secret_arn"]:
        described = secretsmanager.describe_secret(clients["secretsmanager"], secret["secret_arn"])
    return instance, rds.master_secret_state(instance, described)


def ensure_instance_ready(clients, instance, params):
    """Called before a ModifyDBInstance: wait for the instance, or refuse when told not to wait."""
    status = instance.get("DBInstanceStatus")
    if status == "available":
        return
    name = instance["DBInstanceIdentifier"]
    if not params["wait"]:
        raise AnsibleRDSError(
            message=(
                f"DB instance {name} is {status}, not available, and RDS refuses to change it now; nothing was"
                " changed. Run again once it is available, or with wait=true to wait for it first."
            )
        )
    rds.wait_for_instance_available(clients["rds"], name, params["wait_timeout"])


def modify(clients, instance, params, **changes):
    ensure_instance_ready(clients, instance, params)
    rds.modify_db_instance(clients["rds"], instance["DBInstanceIdentifier"], **changes)


def ensure_management(clients, instance, state, params, wanted_key_arn, check_mode):
    """Turn RDS management of the master password on or off as params ask; returns (changed, expected state)."""
    secret = state.get("master_user_secret") or {}
    changes, problem = rds.plan_management(
        state["manage_master_user_password"], params, secret.get("kms_key_id"), wanted_key_arn
    )
    if problem:
        raise AnsibleRDSError(message=f"DB instance {state['db_instance_identifier']}: {problem}")
    if not changes:
        return False, state
    if not check_mode:
        modify(clients, instance, params, **changes)
    return True, rds.predicted_management(state, changes, wanted_key_arn)


def ensure_rotation_schedule(clients, state, params, check_mode):
    days = rds.plan_rotation_schedule(state, params["rotation_days"])
    if days is None:
        return False, state
    if not check_mode:
        secretsmanager.set_rotation_schedule(clients["secretsmanager"], state["master_user_secret"]["secret_arn"], days)
    return True, dict(state, rotation={"enabled": True, "automatically_after_days": days})


def ensure_rotated(clients, instance, state, params, just_turned_on, check_mode, warn):
    rotate, warning, problem = rds.plan_rotate_now(state, params["rotate_now"], just_turned_on)
    if warning:
        warn(warning)
    if problem:
        raise AnsibleRDSError(message=problem)
    if rotate and not check_mode:
        modify(clients, instance, params, RotateMasterUserPassword=True)
    return rotate, state


def ensure_present(clients, instance, current, params, wanted_key_arn, check_mode, warn):
    """RDS manages the master password (when asked, or already), on schedule; returns (changed, expected state)."""
    changed, state = ensure_management(clients, instance, current, params, wanted_key_arn, check_mode)
    just_turned_on = changed and not current["manage_master_user_password"]
    if just_turned_on and not check_mode:
        # RDS creates the secret after answering; its schedule can only be set once it exists.
        rds.wait_for_secret_active(clients["rds"], current["db_instance_identifier"], params["wait_timeout"])
        state = read_state(clients, current["db_instance_identifier"])[1]
    schedule_changed, state = ensure_rotation_schedule(clients, state, params, check_mode)
    rotated, state = ensure_rotated(clients, instance, state, params, just_turned_on, check_mode, warn)
    return changed or schedule_changed or rotated, state


def ensure_absent(clients, instance, current, params, check_mode):
    """The master password is the user's again (manage_master_user_password=false); returns (changed, state)."""
    return ensure_management(clients, instance, current, params, None, check_mode)


def wanted_key_arn(module):
    """The ARN of master_user_secret_kms_key_id (resolved with kms:DescribeKey unless it is an ARN), or None."""
    key = module.params["master_user_secret_kms_key_id"]
    if not key or module.params["manage_master_user_password"] is False:
        return None
    kms_client = None
    if not rds.KEY_ARN.match(key):
        kms_client = module.client("kms", retry_decorator=AWSRetry.jittered_backoff())
    return rds.key_arn(kms_client, key)


def wait_until_settled(clients, state, params):
    name = state["db_instance_identifier"]
    rds.wait_for_instance_available(clients["rds"], name, params["wait_timeout"])
    if state["manage_master_user_password"]:
        rds.wait_for_secret_active(clients["rds"], name, params["wait_timeout"])


def main():
    argument_spec = dict(
        db_instance_identifier=dict(type="str", required=True, aliases=["id"]),
        # A switch, not a secret: no_log=False says so, instead of the warning its name would raise.
        manage_master_user_password=dict(type="bool", no_log=False),
        master_user_secret_kms_key_id=dict(type="str"),
        rotation_days=dict(type="int"),
        rotate_now=dict(type="bool", default=False),
        master_user_password=dict(type="str", no_log=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1800),
    )
    module = AppstackAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    module.fail_on_invalid(validate(params))
    clients = {
        "rds": module.client("rds", retry_decorator=AWSRetry.jittered_backoff()),
        "secretsmanager": module.client("secretsmanager", retry_decorator=AWSRetry.jittered_backoff()),
    }

    try:
        instance, current = read_state(clients, params["db_instance_identifier"])
        if params["manage_master_user_password"] is False:
            changed, final = ensure_absent(clients, instance, current, params, module.check_mode)
        else:
            key_arn = wanted_key_arn(module)
            changed, final = ensure_present(clients, instance, current, params, key_arn, module.check_mode, module.warn)
        if changed and not module.check_mode:
            if params["wait"]:
                wait_until_settled(clients, final, params)
            final = read_state(clients, params["db_instance_identifier"])[1]
    except (AnsibleRDSError, AnsibleSecretsManagerError) as e:
        module.fail_json_aws_error(e)

    result = dict(final)
    if changed:
        result["diff"] = {"before": current, "after": final}
    module.exit_json(changed=changed, **result)


if __name__ == "__main__":
    main()
