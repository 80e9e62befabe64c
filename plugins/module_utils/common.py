# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Identity of the appstack.aws collection, reported in the botocore user agent.

Modules are shipped to the target host without galaxy.yml, so the version lives here as a
constant; a unit test keeps it equal to the version in galaxy.yml.
"""

APPSTACK_AWS_COLLECTION_NAME = "appstack.aws"
APPSTACK_AWS_COLLECTION_VERSION = "0.2.0"
