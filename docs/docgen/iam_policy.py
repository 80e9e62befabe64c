"""docs/iam-operator-policy.json: one IAM policy with what every role's README says the identity running it needs.

Each README lists its actions as bullets between the markers below. A bullet may name several actions, and may
give the IAM action of an API call logged under another name ("`budgets:DescribeBudget` (IAM `budgets:ViewBudget`)").
Prose in the block is a note, except a sentence that narrows an action to one ARN: "`iam:PassRole` is needed on
... only (`arn:aws:iam::<account>:role/<prefix>-rds-*`)".
"""

import json
import re
from pathlib import Path

BEGIN = "<!-- BEGIN PERMISSIONS -->"
END = "<!-- END PERMISSIONS -->"
ACTION = r"[a-z0-9-]+:[A-Z][A-Za-z0-9]*\*?"
_ACTION_WITH_IAM_NAME = re.compile(rf"`({ACTION})`(?:\s*\(IAM `({ACTION})`\))?")
_SCOPED = re.compile(rf"`({ACTION})` is needed on [^`(]* only \(`(arn:[^`]+)`\)")
# The API endpoints whose calls are logged under a prefix other than their IAM actions' (CloudTrail, the
# emulator's call log): the READMEs list what the tests observed.
IAM_PREFIX = {"monitoring": "cloudwatch", "tagging": "tag"}
# ARN placeholders of the READMEs (<account>, <prefix>, <region>): a wildcard keeps the policy valid as is.
_PLACEHOLDER = re.compile(r"<[a-z_-]+>")


def permissions_block(readme: str) -> str | None:
    if BEGIN not in readme:
        return None
    return readme.split(BEGIN, 1)[1].split(END, 1)[0]


def _bullets(block: str) -> list[str]:
    """Each '- ' item of the block, its continuation lines joined."""
    bullets: list[str] = []
    for line in block.splitlines():
        if line.startswith("- "):
            bullets.append(line[2:])
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
    return bullets


def _iam_action(action: str) -> str:
    prefix, _, name = action.partition(":")
    return f"{IAM_PREFIX.get(prefix, prefix)}:{name}"


def actions(block: str) -> set[str]:
    """The IAM actions the block's bullets name."""
    found = set()
    for bullet in _bullets(block):
        for logged, iam_name in _ACTION_WITH_IAM_NAME.findall(bullet):
            found.add(iam_name or _iam_action(logged))
    return found


def scoped_resources(block: str) -> dict[str, str]:
    """Actions a note narrows to one resource, with that resource's ARN (placeholders as wildcards)."""
    prose = " ".join(line.strip() for line in block.splitlines() if not line.startswith(("- ", "  ")))
    return {action: _PLACEHOLDER.sub("*", arn) for action, arn in _SCOPED.findall(prose)}


def _sid(role: str, suffix: str = "") -> str:
    # Sids are alphanumeric: s3_cloudfront -> S3Cloudfront.
    return "".join(part.capitalize() for part in role.split("_")) + suffix


def role_statements(role: str, block: str) -> list[dict]:
    scoped = scoped_resources(block)
    listed = actions(block)
    statements = []
    unscoped = sorted(listed - set(scoped))
    if unscoped:
        statements.append({"Sid": _sid(role), "Effect": "Allow", "Action": unscoped, "Resource": "*"})
    by_arn: dict[str, list[str]] = {}
    for action, arn in scoped.items():
        by_arn.setdefault(arn, []).append(action)
    for index, arn in enumerate(sorted(by_arn), start=1):
        statements.append(
            {"Sid": _sid(role, f"Scoped{index}"), "Effect": "Allow", "Action": sorted(by_arn[arn]), "Resource": arn}
        )
    return statements


def policy(readmes: dict[str, str]) -> dict:
    """The policy of every role whose README (by role name) has a permissions block, one statement per role
    (and one per narrowed resource), roles in name order."""
    statements = []
    for role in sorted(readmes):
        block = permissions_block(readmes[role])
        if block is not None:
            statements.extend(role_statements(role, block))
    return {"Version": "2012-10-17", "Statement": statements}


def roles_without_block(readmes: dict[str, str]) -> list[str]:
    return sorted(role for role, readme in readmes.items() if BEGIN not in readme)


def render(root: Path) -> str:
    readmes = {path.parent.name: path.read_text() for path in sorted(root.glob("roles/*/README.md"))}
    return json.dumps(policy(readmes), indent=2) + "\n"
