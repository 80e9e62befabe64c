"""A DB instance created without an engine version runs its engine's default version, MariaDB included.

AWS: ``EngineVersion`` is optional in ``CreateDBInstance``; left out, RDS creates the instance with the engine's
default version (the one ``DescribeDBEngineVersions --default-only`` names) and ``DescribeDBInstances`` reports it
(https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html, ``EngineVersion``;
https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBEngineVersions.html, ``DefaultOnly``).

Moto 5.2.5 looks the default up in ``DBInstance.default_engine_versions``, which has no ``mariadb``: creating a
MariaDB instance without a version fails with HTTP 500 (``KeyError: 'mariadb'``), so amazon.aws ``rds_instance``
with ``engine: mariadb`` can't create one (its integration targets rds_instance_tagging and rds_instance_states).
Moto's defaults for the engines it does know are left as they are.
"""

from __future__ import annotations

from moto.rds.models import DBInstance

# Default versions of the engines moto has none for (aws rds describe-db-engine-versions --engine <engine>
# --default-only), as of 2025.
MISSING_DEFAULT_VERSIONS = {
    "mariadb": "11.4.5",
}


def apply() -> None:
    for engine, version in MISSING_DEFAULT_VERSIONS.items():
        DBInstance.default_engine_versions.setdefault(engine, version)
