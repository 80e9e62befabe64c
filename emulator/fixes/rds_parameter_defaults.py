"""A new PostgreSQL DB parameter group lists its family's parameters.

AWS: a DB parameter group is created holding every parameter of its family,
each with its engine default, and ``DescribeDBParameters`` lists them
(``Source`` ``engine-default``, or ``system`` for RDS's own defaults) before
anything is modified; ``ModifyDBParameterGroup`` accepts only those names, and
a modified parameter reports ``Source: user``. ``rds.force_ssl`` defaults to 1
from PostgreSQL 15, 0 before
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html).

Moto 5.2.5 creates parameter groups empty, so amazon.aws
``rds_instance_param_group`` finds none of the parameters it is asked to set,
sets nothing, and reports success (it returns the misses in ``errors``).
This seeds PostgreSQL groups with the parameters the roles set and a few
neighbours, not the full list of several hundred.

``DescribeDBParameters`` with ``Source`` lists only the parameters of that
source (``user``, ``system`` or ``engine-default``); moto ignores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from moto.core.responses import ActionResult
from moto.rds.models import DBParameterGroup
from moto.rds.responses import RDSResponse

POSTGRES_FAMILY = re.compile(r"^postgres(?P<major>\d+)$")

# name: (data type, allowed values, engine default or None, apply type, description)
POSTGRES_PARAMETERS: dict[str, tuple[str, str, str | None, str, str]] = {
    "rds.force_ssl": ("boolean", "0,1", None, "dynamic", "Force SSL connections."),
    "log_min_duration_statement": (
        "integer",
        "-1-2147483647",
        None,
        "dynamic",
        "Sets the minimum execution time above which statements will be logged.",
    ),
    "log_connections": ("boolean", "0,1", None, "dynamic", "Logs each successful connection."),
    "log_disconnections": ("boolean", "0,1", None, "dynamic", "Logs end of a session, including duration."),
    "log_statement": ("string", "none,ddl,mod,all", None, "dynamic", "Sets the type of statements logged."),
    "max_connections": (
        "integer",
        "6-8388607",
        "LEAST({DBInstanceClassMemory/9531392},5000)",
        "static",
        "Sets the maximum number of concurrent connections.",
    ),
    "shared_preload_libraries": (
        "list",
        "auto_explain,pg_stat_statements,pg_cron,pglogical",
        "pg_stat_statements",
        "static",
        "Lists shared libraries to preload into server.",
    ),
}

_original_init = DBParameterGroup.__init__


def _parameter(name: str, major: int) -> dict[str, Any]:
    data_type, allowed, default, apply_type, description = POSTGRES_PARAMETERS[name]
    if name == "rds.force_ssl":
        default = "1" if major >= 15 else "0"
    parameter = {
        "ParameterName": name,
        "Description": description,
        "Source": "system" if default is not None else "engine-default",
        "ApplyType": apply_type,
        "DataType": data_type,
        "AllowedValues": allowed,
        "IsModifiable": True,
        "ApplyMethod": "pending-reboot",
    }
    if default is not None:
        parameter["ParameterValue"] = default
    return parameter


def _init(self: DBParameterGroup, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    match = POSTGRES_FAMILY.match(self.family or "")
    if match:
        for name in POSTGRES_PARAMETERS:
            self.parameters[name] = _parameter(name, int(match["major"]))


def _update_parameters(self: DBParameterGroup, new_parameters: Iterable[dict[str, Any]]) -> None:
    for new_parameter in new_parameters:
        parameter = self.parameters[new_parameter["ParameterName"]]
        parameter.update(new_parameter)
        parameter["Source"] = "user"


_original_describe_db_parameters = RDSResponse.describe_db_parameters


def _describe_db_parameters(self: RDSResponse) -> ActionResult:
    result = _original_describe_db_parameters(self)
    source = self.params.get("Source")
    if source:
        parameters = result.result["Parameters"]
        result.result["Parameters"] = [p for p in parameters if p.get("Source") == source]
    return result


def apply() -> None:
    DBParameterGroup.__init__ = _init
    DBParameterGroup.update_parameters = _update_parameters
    RDSResponse.describe_db_parameters = _describe_db_parameters
