"""The emulator lists moto's packages once, for moto's dispatcher to route requests by, instead of per request."""

import os

import moto
from moto import backends

from emulator import app


def test_moto_routes_by_the_packages_listed_once():
    package = os.path.dirname(moto.__file__)
    on_disk = sorted(
        name for name in os.listdir(package) if os.path.isdir(os.path.join(package, name)) and not name.startswith("__")
    )

    assert list(app.MOTO_MODULES) == on_disk
    assert backends.list_of_moto_modules() is app.MOTO_MODULES
