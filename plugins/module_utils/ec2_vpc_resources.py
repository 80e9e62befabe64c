# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Read everything the network role manages inside one VPC, one describe call per kind of resource.

Every helper expects an EC2 client created with
``module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())``.  The describe calls are amazon.aws's
(``module_utils/ec2.py``: paginated where the API pages, retried with ``AWSRetry.jittered_backoff()``, raising
AnsibleEC2Error) and ours for flow logs (``module_utils/flow_logs.py``, raising AnsibleFlowLogError); both
errors are AnsibleAWSError, which a module turns into a failure with ``fail_json_aws_error``.  Every resource
is returned as a snake_case dict (``boto3_resource_to_ansible_dict``) with its tags as a dict under ``tags``
(``{}`` when it has none); tag keys are never snake-cased.
"""

from ansible_collections.amazon.aws.plugins.module_utils.ec2 import (
    describe_addresses,
    describe_internet_gateways,
    describe_nat_gateways,
    describe_route_tables,
    describe_security_groups,
    describe_subnets,
    describe_vpc_attribute,
    describe_vpc_endpoints,
    describe_vpcs,
)
from ansible_collections.amazon.aws.plugins.module_utils.transformation import (
    ansible_dict_to_boto3_filter_list,
    boto3_resource_list_to_ansible_dict,
    boto3_resource_to_ansible_dict,
)
from ansible_collections.appstack.aws.plugins.module_utils.flow_logs import describe_flow_logs

# The DescribeVpcAttribute attributes read for each VPC, and the key each answers under.
DNS_ATTRIBUTES = {"enableDnsSupport": "EnableDnsSupport", "enableDnsHostnames": "EnableDnsHostnames"}
# DescribeNatGateways is asked for every state but deleted (a deleted gateway stays listed for about an hour).
NAT_GATEWAY_STATES = ["pending", "failed", "available", "deleting"]
# Endpoints in these states are dropped.  Compared in lower case: the API answers "deleted" where botocore's
# model spells "Deleted", so a vpc-endpoint-state filter would have to guess the case.
GONE_VPC_ENDPOINT_STATES = ("deleting", "deleted")
# The lists read inside the VPC, in the order they are read; all empty unless exactly one VPC is found.
VPC_CONTENT_KEYS = (
    "subnets",
    "internet_gateways",
    "security_groups",
    "route_tables",
    "nat_gateways",
    "nat_gateway_addresses",
    "vpc_endpoints",
    "flow_logs",
)


def _with_id(resources, id_key):
    """Each resource with ``id`` set to its id_key, as amazon.aws's info modules return them."""
    return [{**resource, "id": resource[id_key]} for resource in resources]


def vpc_query(vpc_name=None, vpc_id=None):
    """The DescribeVpcs parameters that find the VPCs with this id, or else with this Name tag."""
    if vpc_id:
        return {"VpcIds": [vpc_id]}
    return {"Filters": ansible_dict_to_boto3_filter_list({"tag:Name": vpc_name})}


def read_vpc(client, vpc):
    """One VPC from DescribeVpcs as amazon.aws's ec2_vpc_net_info returns it: with its DNS attributes and id."""
    vpc = dict(vpc)
    for attribute, key in DNS_ATTRIBUTES.items():
        response = describe_vpc_attribute(client, vpc_id=vpc["VpcId"], attribute=attribute)
        vpc[key] = bool(response.get(key, {}).get("Value"))
    result = boto3_resource_to_ansible_dict(vpc)
    result["id"] = result["vpc_id"]
    return result


def read_vpcs(client, vpc_name=None, vpc_id=None):
    """The VPCs with this id or Name tag (an unknown id finds none), each read with read_vpc."""
    return [read_vpc(client, vpc) for vpc in describe_vpcs(client, **vpc_query(vpc_name, vpc_id))]


def nat_gateway_allocation_ids(nat_gateways):
    """The allocation ids of the Elastic IPs of these (snake_case) NAT gateways, once each, in order."""
    allocation_ids = []
    for nat_gateway in nat_gateways:
        for address in nat_gateway.get("nat_gateway_addresses") or []:
            allocation_id = address.get("allocation_id")
            if allocation_id and allocation_id not in allocation_ids:
                allocation_ids.append(allocation_id)
    return allocation_ids


def read_nat_gateway_addresses(client, nat_gateways):
    """The Elastic IPs of these NAT gateways; no call when they have none.

    Read with the allocation-id filter rather than AllocationIds, so that a released address is simply absent
    instead of failing the whole read.
    """
    allocation_ids = nat_gateway_allocation_ids(nat_gateways)
    if not allocation_ids:
        return []
    return boto3_resource_list_to_ansible_dict(
        describe_addresses(client, Filters=ansible_dict_to_boto3_filter_list({"allocation-id": allocation_ids}))
    )


def read_vpc_endpoints(client, vpc_id):
    """The VPC endpoints of the VPC, without those being deleted or already deleted."""
    endpoints = describe_vpc_endpoints(client, Filters=ansible_dict_to_boto3_filter_list({"vpc-id": vpc_id}))
    endpoints = [e for e in endpoints if (e.get("State") or "").lower() not in GONE_VPC_ENDPOINT_STATES]
    return boto3_resource_list_to_ansible_dict(endpoints)


def read_vpc_contents(client, vpc_id):
    """Everything the network role manages inside the VPC, as a dict of lists keyed by VPC_CONTENT_KEYS.

    One paginated describe call per kind of resource (DescribeAddresses doesn't page, and isn't called
    when no NAT gateway has an address), in the order of VPC_CONTENT_KEYS.
    """
    in_vpc = ansible_dict_to_boto3_filter_list({"vpc-id": vpc_id})
    subnets = describe_subnets(client, Filters=in_vpc)
    internet_gateways = describe_internet_gateways(
        client, Filters=ansible_dict_to_boto3_filter_list({"attachment.vpc-id": vpc_id})
    )
    security_groups = describe_security_groups(client, Filters=in_vpc)
    route_tables = describe_route_tables(client, Filters=in_vpc)
    nat_gateways = boto3_resource_list_to_ansible_dict(
        describe_nat_gateways(
            client, Filter=ansible_dict_to_boto3_filter_list({"vpc-id": vpc_id, "state": NAT_GATEWAY_STATES})
        )
    )
    return {
        "subnets": _with_id(boto3_resource_list_to_ansible_dict(subnets), "subnet_id"),
        "internet_gateways": boto3_resource_list_to_ansible_dict(internet_gateways),
        "security_groups": boto3_resource_list_to_ansible_dict(security_groups),
        "route_tables": _with_id(boto3_resource_list_to_ansible_dict(route_tables), "route_table_id"),
        "nat_gateways": nat_gateways,
        "nat_gateway_addresses": read_nat_gateway_addresses(client, nat_gateways),
        "vpc_endpoints": read_vpc_endpoints(client, vpc_id),
        "flow_logs": describe_flow_logs(client, filters={"resource-id": vpc_id}),
    }


def read_vpc_resources(client, vpc_name=None, vpc_id=None):
    """The VPCs with this id or Name tag and, when exactly one is found, everything inside it.

    Returns a dict with ``vpcs`` and every key of VPC_CONTENT_KEYS; when zero or several VPCs are found
    the contents are empty lists and nothing more is read.
    """
    vpcs = read_vpcs(client, vpc_name=vpc_name, vpc_id=vpc_id)
    result = {"vpcs": vpcs, **{key: [] for key in VPC_CONTENT_KEYS}}
    if len(vpcs) == 1:
        result.update(read_vpc_contents(client, vpcs[0]["vpc_id"]))
    return result
