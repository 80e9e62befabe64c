# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The environment's outputs in SSM Parameter Store: one parameter per value for pipelines, and the record.

The record holds each tier's outputs as they are, typed (one JSON parameter per tier under ``<path>/_record``), so a
machine without the outputs file (a CI runner, an AWX job) reads back exactly what the last run recorded: the
flattened values lose types and empty values.
"""

import json
import re

PATH_PATTERN = re.compile(r"^(/[a-zA-Z0-9_.\-]+)+$")
# Parameter Store names: letters, digits and . - _ between the slashes.
NAME_PART = re.compile(r"[^a-zA-Z0-9_.\-]")
MAX_VALUE_BYTES = 4096
# Intelligent-Tiering stores a longer value as an advanced parameter, up to 8 KB.
MAX_RECORD_BYTES = 8192
RECORD = "_record"


def path_problems(path):
    """[] when path names a subtree Parameter Store takes, else the message that says what it must be."""
    if PATH_PATTERN.match(path or ""):
        return []
    return [
        f"path must start with / and name a subtree (letters, digits, '.', '-', '_' between slashes, no trailing"
        f" slash), not {path!r}."
    ]


def record_path(path):
    return f"{path}/{RECORD}"


def flatten(outputs, path):
    """Parameter name -> (type, value) of every non-empty value in outputs, under path."""
    parameters = {}
    for key, value in (outputs or {}).items():
        name = f"{path}/{NAME_PART.sub('-', str(key))}"
        if isinstance(value, dict):
            parameters.update(flatten(value, name))
            continue
        parameter = as_parameter(value)
        if parameter is not None:
            parameters[name] = parameter
    return parameters


def as_parameter(value):
    """(type, text) of one value; None for an empty one."""
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, bool):
        return ("String", "true" if value else "false")
    if isinstance(value, list):
        simple = all(isinstance(item, (str, int, float)) and "," not in str(item) for item in value)
        if simple:
            return ("StringList", ",".join(str(item) for item in value))
        return ("String", json.dumps(value, sort_keys=True, separators=(",", ":")))
    return ("String", str(value))


def records(outputs, path):
    """Parameter name -> (type, value) of the record: each top-level entry of outputs (a tier) as compact JSON."""
    return {
        f"{record_path(path)}/{NAME_PART.sub('-', str(key))}": (
            "String",
            json.dumps(value, sort_keys=True, separators=(",", ":")),
        )
        for key, value in (outputs or {}).items()
        if value is not None
    }


def outputs_from_records(parameters, path):
    """The outputs a record holds, from its parameters (name -> (type, value)); {} when there is none."""
    prefix = f"{record_path(path)}/"
    return {
        name[len(prefix) :]: json.loads(value)
        for name, (_, value) in sorted(parameters.items())
        if name.startswith(prefix) and "/" not in name[len(prefix) :]
    }


def current_parameters(client, path):
    """Name -> (type, value) of every parameter under path."""
    parameters = {}
    paginator = client.get_paginator("get_parameters_by_path")
    for page in paginator.paginate(Path=path, Recursive=True):
        for parameter in page["Parameters"]:
            parameters[parameter["Name"]] = (parameter["Type"], parameter["Value"])
    return parameters
