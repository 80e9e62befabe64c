# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.apprunner_auto_scaling_configuration: its options, and the settings a revision must have.

The apprunner_auto_scaling_drift filter plans with it too, so that it and the module never disagree; it imports
nothing of botocore, since Ansible imports every filter file (and what it uses) in the process of every task. A
revision here is the snake_case dict the modules return.
"""

from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems

# Option -> (API field, lowest value, highest value or None)
SETTINGS = {
    "min_size": ("MinSize", 1, 25),
    "max_size": ("MaxSize", 1, None),
    "max_concurrency": ("MaxConcurrency", 1, 200),
}


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed. Runs before any API call."""
    errors = name_problems(params["name"], 32)
    for option, (_field, low, high) in SETTINGS.items():
        value = params[option]
        if value is None:
            continue
        if value < low or (high is not None and value > high):
            allowed = f"from {low} to {high}" if high is not None else f"at least {low}"
            errors.append(f"{option} must be {allowed}; got {value}.")
    if params["min_size"] is not None and params["max_size"] is not None and params["max_size"] < params["min_size"]:
        errors.append(f"max_size ({params['max_size']}) must be at least min_size ({params['min_size']}).")
    return errors


def settings_of(configuration):
    return {option: configuration.get(option) for option in SETTINGS}


def desired_settings(current, params):
    """The settings the latest revision must have: the options given, else those of the current revision."""
    settings = settings_of(current or {})
    settings.update({option: params[option] for option in SETTINGS if params[option] is not None})
    return settings
