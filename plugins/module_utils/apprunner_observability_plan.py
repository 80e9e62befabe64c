# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The planning of appstack.aws.apprunner_observability_configuration: its options, and which revisions are as asked
or in use.

The apprunner_observability_drift filter plans with it too, so that it and the module never disagree; it imports
nothing of botocore, since Ansible imports every filter file (and what it uses) in the process of every task. A
revision here is the snake_case dict the modules return (``apprunner_observability.py`` reads them).
"""

from ansible_collections.appstack.aws.plugins.module_utils.apprunner_base import name_problems

# App Runner's own configuration: no revision of it can be created or deleted.
RESERVED_NAME = "DefaultConfiguration"
TRACE_VENDORS = ("AWSXRAY",)


def validate(params):
    """Every problem with the name, as messages naming the option and what is allowed (empty: none)."""
    problems = name_problems(params["name"], 32)
    if params["name"] == RESERVED_NAME:
        problems.append(f"name {RESERVED_NAME} is App Runner's own observability configuration; choose another name.")
    return problems


def trace_configuration(trace_vendor):
    """The TraceConfiguration of CreateObservabilityConfiguration; None (no tracing) without a vendor."""
    return {"Vendor": trace_vendor} if trace_vendor else None


def trace_vendor_of(configuration):
    """The tracing vendor of a revision as a snake_case dict (None: no tracing)."""
    return ((configuration or {}).get("trace_configuration") or {}).get("vendor")


def needs_new_revision(current, trace_vendor):
    """Whether the latest revision (snake_case, or None) differs from what is asked, so a new one is needed.

    The only setting is the tracing vendor, and None asks for no tracing: a revision can't change, so any
    difference, including dropping the tracing, takes a new revision.
    """
    return current is None or trace_vendor_of(current) != trace_vendor


def uses(reference, revision_arn):
    """Whether a service's ObservabilityConfigurationArn refers to the revision.

    App Runner reports the full ARN of the revision; a partial one (name, or name and revision) is counted as
    using every revision it can mean, so that a revision a service may use is never deleted.
    """
    return bool(reference) and (reference == revision_arn or revision_arn.startswith(reference.rstrip("/") + "/"))
