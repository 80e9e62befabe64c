# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""How amazon.aws.rds_instance_param_group converts a DB parameter's value, for the rds_parameter_group_drift filter.

The module's own function (``convert_parameter``) can't be imported here: its module imports boto3, and Ansible
imports every filter file, and what it imports, in the process of every task.
"""

from ansible.module_utils.parsing.convert_bool import BOOLEANS_TRUE

# The suffixes the module multiplies an integer parameter's value by: "10M" is 10 * 1024 * 1024.
INTEGER_SUFFIXES = {"K": 1024, "M": 1024**2, "G": 1024**3, "T": 1024**4}


def _integer_value(value):
    """An integer parameter's value: a suffix multiplied out, a boolean as 1 or 0, anything else as given."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str) and value[-1:] in INTEGER_SUFFIXES:
        try:
            return int(value[:-1]) * INTEGER_SUFFIXES[value[-1]]
        except ValueError:
            # Not a number before the suffix (a formula such as {DBInstanceClassMemory/4}): RDS is given it as is.
            return value
    return value


def _boolean_value(value):
    """A boolean parameter's value as 1 or 0; a string counts as true only when Ansible spells true so ("yes")."""
    if isinstance(value, str):
        return 1 if value in BOOLEANS_TRUE else 0
    return 1 if value else 0


def convert_parameter_value(data_type, value):
    """The text amazon.aws.rds_instance_param_group sets a parameter of this DataType to, for the value asked.

    It matches amazon.aws.rds_instance_param_group's conversion (``convert_parameter``), so that the drift agrees
    with the module: an integer takes a K, M, G or T suffix (powers of 1024), a boolean becomes 1 or 0, and any other
    type (string, list, float) is the value as text.
    """
    if data_type == "integer":
        return str(_integer_value(value))
    if data_type == "boolean":
        return str(_boolean_value(value))
    return str(value)
