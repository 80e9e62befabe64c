"""DescribeDBParameterGroups of a missing group: error, not an empty list.

AWS: ``DescribeDBParameterGroups`` with ``DBParameterGroupName`` naming no
existing group fails with ``DBParameterGroupNotFound`` (HTTP 404)
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameterGroups.html,
"Errors"). The default groups (``default.<family>``) always exist.

Moto 5.2.5 filters its list by name and answers an empty list, so
amazon.aws ``rds_instance_param_group`` takes a missing group for an existing
one. Moto also creates the default groups only when an instance uses them, so
a ``default.<family>`` name is created here on first lookup, as AWS has it;
and it compares names case-sensitively with the lower-cased names it stores.
"""

from __future__ import annotations

import re
from typing import Any

from moto.rds.exceptions import DBParameterGroupNotFoundError
from moto.rds.models import DBParameterGroup, RDSBackend
from moto.rds.utils import DbInstanceEngine

_original_describe = RDSBackend.describe_db_parameter_groups
_engines = "|".join(re.escape(engine) for engine in DbInstanceEngine.valid_db_instance_engine())
# Families look like postgres16, mysql8.0, oracle-ee-19, sqlserver-se-15.0.
DEFAULT_GROUP_NAME = re.compile(rf"^default\.(?P<family>(?:{_engines})-?\d[\w.-]*)$")


def describe_db_parameter_groups(self: RDSBackend, kwargs: dict[str, Any]) -> list[DBParameterGroup]:
    name = kwargs.get("db_parameter_group_name")
    if not name:
        return _original_describe(self, kwargs)
    # AWS stores names in lower case and looks them up regardless of case.
    _ensure_default_group(self, name.lower())
    groups = [group for group in self.db_parameter_groups.values() if group.name == name.lower()]
    if not groups:
        raise DBParameterGroupNotFoundError(name)
    return groups


def _ensure_default_group(backend: RDSBackend, name: str) -> None:
    match = DEFAULT_GROUP_NAME.match(name)
    if match and name not in backend.db_parameter_groups:
        family = match.group("family")
        backend.db_parameter_groups[name] = DBParameterGroup(
            backend=backend,
            db_parameter_group_name=name,
            description=f"Default parameter group for {family}",
            db_parameter_group_family=family,
        )


def apply() -> None:
    RDSBackend.describe_db_parameter_groups = describe_db_parameter_groups
