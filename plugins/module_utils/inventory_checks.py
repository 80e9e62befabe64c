# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Checks of an environment's inventory as a whole, before any API call.

Pure functions of names and values, shared by the check_inventory action plugin
and its unit tests. A role's own checks (plugins/filter/<role>_input_errors.py)
look at the values of its inputs; these look at what no single role can see: a
variable that no role declares, an inventory that names two environments, a region
that does not exist, accounts that are not account ids, tags AWS refuses, a --tags that selects no tier.
"""

import difflib
import re

# Tags that select or skip everything, rather than a tier.
GENERIC_TAGS = frozenset({"all", "always", "never", "tagged", "untagged"})


def declared_prefixes(role_names):
    """The prefixes whose variables must be declared: each role's and the project's."""
    return tuple(sorted({f"{name}_" for name in role_names} | {"appstack_"}))


def unknown_variables(names, declared, prefixes, allowed_extra=()):
    """The names under one of the prefixes that nothing declares, sorted."""
    known = set(declared) | set(allowed_extra)
    return sorted(name for name in names if name.startswith(prefixes) and name not in known)


def closest_name(name, declared):
    """The declared name closest to a typo, or None when nothing is close."""
    same_prefix = [candidate for candidate in declared if candidate.split("_", 1)[0] == name.split("_", 1)[0]]
    matches = difflib.get_close_matches(name, same_prefix or list(declared), n=1, cutoff=0.75)
    return matches[0] if matches else None


def unknown_variable_message(name, origin, declared):
    """One line for an undeclared variable: where it came from and what was probably meant."""
    where = f" (set in {origin})" if origin else ""
    suggestion = closest_name(name, declared)
    hint = (
        f": did you mean {suggestion}?"
        if suggestion
        else ": no role declares it (each role's README lists its inputs)."
    )
    return (
        f"{name}{where} is not a variable of any role{hint} A deliberate extra variable goes in "
        "appstack_extra_variables."
    )


def environment_mismatch(environment, host, groups):
    """A message when the host, its groups and appstack_environment do not name one environment, else None.

    A copied inventory that still names another environment would adopt and overwrite that
    environment's resources, so the three must agree: the host is in a group named after the
    environment, and the host's name is the environment or ends with -<environment>.
    """
    if not environment:
        return "appstack_environment is not set: set it in inventories/<env>/group_vars/<env>.yml"
    in_group = environment in groups
    host_matches = host == environment or host.endswith(f"-{environment}")
    if in_group and host_matches:
        return None
    return (
        f"the inventory names more than one environment: appstack_environment is {environment}, "
        f"the host is {host}, and its groups are {', '.join(sorted(groups)) or 'none'}. "
        f"The environment's group (e.g. {environment}: in hosts.yml), its host (appstack-{environment}) and "
        "appstack_environment (in group_vars/<group>.yml) must name the same environment; "
        "a copied inventory must rename all three."
    )


REGION_PATTERN = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d+$")


def region_error(region, known_regions):
    """A message when the region is not one AWS has, else None.

    known_regions maps each partition to its regions (botocore's endpoint data).
    """
    if any(region in regions for regions in known_regions.values()):
        return None
    partition_regions = known_regions.get("aws", [])
    suggestion = difflib.get_close_matches(region or "", partition_regions, n=1, cutoff=0.6)
    hint = f"; did you mean {suggestion[0]}?" if suggestion else ""
    shape = "" if REGION_PATTERN.match(region or "") else " (a region looks like us-east-1)"
    return (
        f"appstack_region {region!r} is not an AWS region{shape}{hint} The regions botocore knows: "
        + ", ".join(sorted(partition_regions))
        + " (and those of the other partitions: "
        + ", ".join(sorted(name for name in known_regions if name != "aws"))
        + ")."
    )


ACCOUNT_ID_PATTERN = re.compile(r"^[0-9]{12}$")
# AWS tags: keys of 1 to 128 characters, none starting with aws: (AWS's own), values of up to 256 characters, at most
# 50 tags a resource, of which the standard tags (appstack_tags: Application, Environment, ManagedBy) take 3.
TAG_KEY_MAX, TAG_VALUE_MAX, EXTRA_TAGS_MAX = 128, 256, 47


def allowed_accounts_error(account_ids):
    """A message when appstack_allowed_account_ids is not a list of 12-digit account ids, else None."""
    if account_ids in (None, ""):
        return None
    if not isinstance(account_ids, list):
        return (
            f"appstack_allowed_account_ids must be a list of 12-digit AWS account ids, e.g. ['111111111111'], or []"
            f" for any account; got {account_ids!r}."
        )
    invalid = [
        account for account in account_ids if isinstance(account, bool) or not ACCOUNT_ID_PATTERN.match(str(account))
    ]
    if not invalid:
        return None
    return (
        f"appstack_allowed_account_ids: {', '.join(repr(account) for account in invalid)} not an AWS account id:"
        " each is 12 digits, quoted in YAML (e.g. '011111111111'), or the list is empty for any account."
    )


ROLE_ARN_PATTERN = re.compile(r"^arn:aws(-[a-z]+)*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$")


def assume_role_error(role_arn, duration_seconds):
    """A message when appstack_assume_role_arn is neither empty nor an IAM role's ARN, or when the session's
    duration is outside what STS grants (15 minutes to 12 hours), else None."""
    if role_arn not in (None, "") and not (isinstance(role_arn, str) and ROLE_ARN_PATTERN.match(role_arn)):
        return (
            "appstack_assume_role_arn must be an IAM role's ARN, e.g. arn:aws:iam::111111111111:role/appstack-deploy,"
            f" or empty to use the caller's own credentials; got {role_arn!r}."
        )
    if (
        isinstance(duration_seconds, bool)
        or not isinstance(duration_seconds, int)
        or not 900 <= duration_seconds <= 43200
    ):
        return (
            "appstack_assume_role_duration_seconds must be a whole number of seconds from 900 to 43200 (STS's range;"
            f" the role's MaxSessionDuration caps it); got {duration_seconds!r}."
        )
    return None


def extra_tags_errors(tags):
    """Messages for what AWS would refuse in appstack_extra_tags (every resource carries them), [] when sound."""
    if tags in (None, ""):
        return []
    if not isinstance(tags, dict):
        return [f"appstack_extra_tags must map tag keys to values, e.g. {{CostCenter: web}}; got {tags!r}."]
    errors = []
    if len(tags) > EXTRA_TAGS_MAX:
        errors.append(
            f"appstack_extra_tags has {len(tags)} tags: at most {EXTRA_TAGS_MAX}, as AWS allows 50 a resource and the"
            " standard tags take 3."
        )
    for key, value in tags.items():
        name = str(key)
        if not 1 <= len(name) <= TAG_KEY_MAX or name.lower().startswith("aws:"):
            errors.append(
                f"appstack_extra_tags: the key {name!r} is not one AWS accepts: 1 to {TAG_KEY_MAX} characters, not"
                " starting with aws: (reserved for AWS's own tags)."
            )
        if isinstance(value, (dict, list, bool)) or value is None or len(str(value)) > TAG_VALUE_MAX:
            errors.append(
                f"appstack_extra_tags: the value of {name} is not one AWS accepts: a string of up to {TAG_VALUE_MAX}"
                f" characters; got {value!r}."
            )
    return errors


def unmatched_tags(run_tags, known_tags):
    """The tags given with --tags that select no tier, sorted."""
    return sorted(set(run_tags) - GENERIC_TAGS - set(known_tags))


def unmatched_tags_warning(tags, known_tags):
    return (
        f"--tags {','.join(tags)} selects no tier of this playbook: the run validates and checks the account, "
        f"then does nothing else. The tiers' tags are: {', '.join(known_tags)}."
    )
