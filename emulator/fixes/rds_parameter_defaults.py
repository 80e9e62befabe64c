"""A new PostgreSQL DB parameter group lists its family's parameters, and takes no others.

AWS: a DB parameter group is created holding every parameter of its family,
each with its engine default, and ``DescribeDBParameters`` lists them
(``Source`` ``engine-default``, or ``system`` for RDS's own defaults) before
anything is modified; ``ModifyDBParameterGroup`` accepts only those names, and
a modified parameter reports ``Source: user``. A name the family lacks fails the
whole request with ``InvalidParameterValue`` "Could not find parameter with
name: <name>" (HTTP 400), nothing modified. ``rds.force_ssl`` defaults to 1
from PostgreSQL 15, 0 before
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html,
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBParameterGroup.html,
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html).

Moto 5.2.5 creates parameter groups empty, so amazon.aws
``rds_instance_param_group`` finds none of the parameters it is asked to set,
sets nothing, and reports success (it returns the misses in ``errors``); and
moto's ``ModifyDBParameterGroup`` takes any name at all. This seeds every
PostgreSQL family (``postgres9.6`` to ``postgres17``) with the parameters RDS
documents (``emulator.fixes.rds_postgres_parameter_catalog``), so that names
RDS has (``log_statement``) are found and names it lacks (``log_directory``) are
not: amazon.aws's integration target ``rds_param_group`` expects exactly those
two kinds of answer. Groups of other engines stay as moto has them (empty,
taking any name): their catalogues are not here.

``DescribeDBParameters`` with ``Source`` lists only the parameters of that
source (``user``, ``system`` or ``engine-default``); moto ignores it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from moto.core.responses import ActionResult
from moto.rds.exceptions import InvalidParameterValue
from moto.rds.models import DBParameterGroup
from moto.rds.responses import RDSResponse

from emulator.fixes.rds_postgres_parameter_catalog import CATALOG, Version, parameters_of

POSTGRES_FAMILY = re.compile(r"^postgres(?P<version>\d+(?:\.\d+)?)$")

# The values RDS sets itself (Source "system"); the other parameters keep PostgreSQL's default, unlisted.
SYSTEM_DEFAULTS = {
    "max_connections": "LEAST({DBInstanceClassMemory/9531392},5000)",
    "shared_preload_libraries": "pg_stat_statements",
}

_original_init = DBParameterGroup.__init__


def _family_version(family: str | None) -> Version | None:
    match = POSTGRES_FAMILY.match(family or "")
    return tuple(int(part) for part in match["version"].split(".")) if match else None


def _system_default(name: str, version: Version) -> str | None:
    if name == "rds.force_ssl":
        return "1" if version[0] >= 15 else "0"
    return SYSTEM_DEFAULTS.get(name)


def _parameter(name: str, version: Version) -> dict[str, Any]:
    entry = CATALOG[name]
    default = _system_default(name, version)
    parameter = {
        "ParameterName": name,
        "Description": entry.description,
        "Source": "system" if default is not None else "engine-default",
        "ApplyType": entry.apply_type,
        "DataType": entry.data_type,
        "IsModifiable": True,
        "ApplyMethod": "pending-reboot",
    }
    if entry.allowed_values is not None:
        parameter["AllowedValues"] = entry.allowed_values
    if default is not None:
        parameter["ParameterValue"] = default
    return parameter


def _init(self: DBParameterGroup, *args: Any, **kwargs: Any) -> None:
    _original_init(self, *args, **kwargs)
    version = _family_version(self.family)
    if version is not None:
        for name in parameters_of(version):
            self.parameters[name] = _parameter(name, version)


def _reject_unknown_names(group: DBParameterGroup, new_parameters: list[dict[str, Any]]) -> None:
    # Only the catalogued families know their names; moto's empty groups of other engines take any.
    if _family_version(group.family) is None:
        return
    for new_parameter in new_parameters:
        if new_parameter["ParameterName"] not in group.parameters:
            raise InvalidParameterValue(f"Could not find parameter with name: {new_parameter['ParameterName']}")


def _update_parameters(self: DBParameterGroup, new_parameters: Iterable[dict[str, Any]]) -> None:
    new_parameters = list(new_parameters)
    # AWS checks the whole request first: one unknown name and nothing is modified.
    _reject_unknown_names(self, new_parameters)
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
