#!/usr/bin/python

# Copyright: Contributors to the appstack.aws collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
---
module: ec2_vpc_resources_info
version_added: 0.4.0
short_description: Describe a VPC and everything the network role manages inside it, in one pass
description:
  - Find VPCs by their C(Name) tag or by id, and describe them with their DNS attributes.
  - When exactly one VPC is found, also describe its subnets, internet gateways, security groups, route tables,
    NAT gateways and their Elastic IPs, VPC endpoints and flow logs, with one describe call per kind of resource.
  - When no VPC or several are found, only RV(vpcs) is filled and nothing else is read.
  - Every resource is returned in snake_case, with its tags as a dict under C(tags) (C({}) when it has none).
author:
  - appstack.aws maintainers (!UNKNOWN)
options:
  vpc_name:
    description:
      - Find the VPCs whose C(Name) tag is this value.
      - Exactly one of O(vpc_name) and O(vpc_id) is required.
    type: str
  vpc_id:
    description:
      - Find the VPC with this id; an id that doesn't exist finds none.
      - Exactly one of O(vpc_name) and O(vpc_id) is required.
    type: str
notes:
  - The network role's no-op run used to call one info module per kind of resource (amazon.aws's
    M(amazon.aws.ec2_vpc_net_info), M(amazon.aws.ec2_vpc_subnet_info), M(amazon.aws.ec2_security_group_info), ...);
    this module reads the same state in one module run.
  - "Calls made: one C(DescribeVpcs), two C(DescribeVpcAttribute) per VPC found (C(enableDnsSupport) and
    C(enableDnsHostnames)) and, when exactly one VPC is found, eight more: C(DescribeSubnets),
    C(DescribeInternetGateways), C(DescribeSecurityGroups), C(DescribeRouteTables), C(DescribeNatGateways),
    C(DescribeAddresses) (skipped when no NAT gateway has an Elastic IP), C(DescribeVpcEndpoints) and
    C(DescribeFlowLogs). Paged APIs are read to the end, so a VPC with very many resources of one kind costs
    one more call per page."
  - "IAM permissions: C(ec2:DescribeVpcs), C(ec2:DescribeVpcAttribute), C(ec2:DescribeSubnets),
    C(ec2:DescribeInternetGateways), C(ec2:DescribeSecurityGroups), C(ec2:DescribeRouteTables),
    C(ec2:DescribeNatGateways), C(ec2:DescribeAddresses), C(ec2:DescribeVpcEndpoints) and C(ec2:DescribeFlowLogs)."
  - NAT gateways in state C(deleted) and VPC endpoints in state C(deleting) or C(deleted) are left out.
  - The Elastic IPs are read with the C(allocation-id) filter, so an address released since is simply absent.
extends_documentation_fragment:
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Describe the VPC named appstack-prod and everything inside it
  appstack.aws.ec2_vpc_resources_info:
    vpc_name: appstack-prod
  register: network_state

# The public subnets' ids: network_state.subnets | selectattr('map_public_ip_on_launch') | map(attribute='id')

- name: Describe a VPC by id, also under --check
  appstack.aws.ec2_vpc_resources_info:
    vpc_id: vpc-0123456789abcdef0
  check_mode: true
  register: network_state
"""

RETURN = r"""
vpcs:
  description:
    - The VPCs found, as M(amazon.aws.ec2_vpc_net_info) returns them; empty when none matches.
    - The other lists are empty unless exactly one VPC is found.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the VPC (the same as RV(vpcs[].vpc_id)).
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    cidr_block:
      description: The primary IPv4 CIDR block of the VPC.
      returned: always
      type: str
      sample: 10.0.0.0/16
    cidr_block_association_set:
      description: The IPv4 CIDR blocks of the VPC.
      returned: always
      type: list
      elements: dict
      sample: [{"association_id": "vpc-cidr-assoc-0123", "cidr_block": "10.0.0.0/16",
                "cidr_block_state": {"state": "associated"}}]
    state:
      description: The state of the VPC.
      returned: always
      type: str
      sample: available
    is_default:
      description: Whether this is the default VPC of the region.
      returned: always
      type: bool
      sample: false
    dhcp_options_id:
      description: The id of the VPC's DHCP option set.
      returned: always
      type: str
      sample: dopt-0123456789abcdef0
    instance_tenancy:
      description: The tenancy of the instances launched in the VPC.
      returned: always
      type: str
      sample: default
    owner_id:
      description: The id of the account that owns the VPC.
      returned: always
      type: str
      sample: "123456789012"
    enable_dns_support:
      description: Whether DNS resolution is on.
      returned: always
      type: bool
      sample: true
    enable_dns_hostnames:
      description: Whether instances get DNS hostnames.
      returned: always
      type: bool
      sample: true
    tags:
      description: The tags of the VPC.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod"}
subnets:
  description: The subnets of the VPC, as M(amazon.aws.ec2_vpc_subnet_info) returns them.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the subnet (the same as RV(subnets[].subnet_id)).
      returned: always
      type: str
      sample: subnet-0123456789abcdef0
    subnet_id:
      description: The id of the subnet.
      returned: always
      type: str
      sample: subnet-0123456789abcdef0
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    cidr_block:
      description: The IPv4 CIDR block of the subnet.
      returned: always
      type: str
      sample: 10.0.1.0/24
    availability_zone:
      description: The availability zone of the subnet.
      returned: always
      type: str
      sample: us-east-1a
    map_public_ip_on_launch:
      description: Whether instances launched in the subnet get a public IPv4 address.
      returned: always
      type: bool
      sample: false
    state:
      description: The state of the subnet.
      returned: always
      type: str
      sample: available
    tags:
      description: The tags of the subnet.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-public-a"}
internet_gateways:
  description: The internet gateways attached to the VPC.
  returned: always
  type: list
  elements: dict
  contains:
    internet_gateway_id:
      description: The id of the internet gateway.
      returned: always
      type: str
      sample: igw-0123456789abcdef0
    attachments:
      description: The VPCs the gateway is attached to, each with C(vpc_id) and C(state).
      returned: always
      type: list
      elements: dict
      sample: [{"state": "available", "vpc_id": "vpc-0123456789abcdef0"}]
    owner_id:
      description: The id of the account that owns the gateway.
      returned: always
      type: str
      sample: "123456789012"
    tags:
      description: The tags of the internet gateway.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-igw"}
security_groups:
  description: The security groups of the VPC, as M(amazon.aws.ec2_security_group_info) returns them.
  returned: always
  type: list
  elements: dict
  contains:
    group_id:
      description: The id of the security group.
      returned: always
      type: str
      sample: sg-0123456789abcdef0
    group_name:
      description: The name of the security group.
      returned: always
      type: str
      sample: appstack-prod-app
    description:
      description: The description of the security group.
      returned: always
      type: str
      sample: Application tier
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    owner_id:
      description: The id of the account that owns the group.
      returned: always
      type: str
      sample: "123456789012"
    ip_permissions:
      description:
        - The inbound rules, each with C(ip_protocol), C(from_port), C(to_port), C(ip_ranges),
          C(ipv6_ranges), C(user_id_group_pairs) and C(prefix_list_ids).
      returned: always
      type: list
      elements: dict
      sample: [{"from_port": 443, "to_port": 443, "ip_protocol": "tcp", "ip_ranges": [{"cidr_ip": "10.0.0.0/16"}],
                "ipv6_ranges": [], "prefix_list_ids": [], "user_id_group_pairs": []}]
    ip_permissions_egress:
      description: The outbound rules, shaped like RV(security_groups[].ip_permissions).
      returned: always
      type: list
      elements: dict
      sample: [{"ip_protocol": "-1", "ip_ranges": [{"cidr_ip": "0.0.0.0/0"}], "ipv6_ranges": [],
                "prefix_list_ids": [], "user_id_group_pairs": []}]
    tags:
      description: The tags of the security group.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-app"}
route_tables:
  description: The route tables of the VPC.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: The id of the route table (the same as RV(route_tables[].route_table_id)).
      returned: always
      type: str
      sample: rtb-0123456789abcdef0
    route_table_id:
      description: The id of the route table.
      returned: always
      type: str
      sample: rtb-0123456789abcdef0
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    routes:
      description: The routes, each with its destination (C(destination_cidr_block), ...) and target
        (C(gateway_id), C(nat_gateway_id), ...), C(origin) and C(state).
      returned: always
      type: list
      elements: dict
      sample: [{"destination_cidr_block": "0.0.0.0/0", "gateway_id": "igw-0123456789abcdef0",
                "origin": "CreateRoute", "state": "active"}]
    associations:
      description: The route table's associations, each with C(route_table_association_id), C(subnet_id)
        or C(main), and C(association_state).
      returned: always
      type: list
      elements: dict
      sample: [{"main": false, "route_table_association_id": "rtbassoc-0123", "subnet_id": "subnet-0123",
                "route_table_id": "rtb-0123456789abcdef0", "association_state": {"state": "associated"}}]
    propagating_vgws:
      description: The virtual private gateways that propagate routes.
      returned: always
      type: list
      elements: dict
      sample: []
    tags:
      description: The tags of the route table.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-public"}
nat_gateways:
  description: The NAT gateways of the VPC in every state but C(deleted).
  returned: always
  type: list
  elements: dict
  contains:
    nat_gateway_id:
      description: The id of the NAT gateway.
      returned: always
      type: str
      sample: nat-0123456789abcdef0
    subnet_id:
      description: The subnet the NAT gateway is in.
      returned: always
      type: str
      sample: subnet-0123456789abcdef0
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    state:
      description: The state of the NAT gateway (C(pending), C(failed), C(available) or C(deleting)).
      returned: always
      type: str
      sample: available
    connectivity_type:
      description: Whether the NAT gateway is C(public) or C(private).
      returned: always
      type: str
      sample: public
    nat_gateway_addresses:
      description: The addresses of the NAT gateway, each with C(allocation_id), C(public_ip), C(private_ip)
        and C(network_interface_id).
      returned: always
      type: list
      elements: dict
      sample: [{"allocation_id": "eipalloc-0123456789abcdef0", "public_ip": "198.51.100.10",
                "private_ip": "10.0.0.10", "network_interface_id": "eni-0123456789abcdef0"}]
    create_time:
      description: When the NAT gateway was created.
      returned: always
      type: str
      sample: "2024-01-01T00:00:00+00:00"
    tags:
      description: The tags of the NAT gateway.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-nat-a"}
nat_gateway_addresses:
  description:
    - The Elastic IPs of the NAT gateways in RV(nat_gateways), found by allocation id.
    - An address released since is absent rather than an error.
  returned: always
  type: list
  elements: dict
  contains:
    allocation_id:
      description: The allocation id of the Elastic IP.
      returned: always
      type: str
      sample: eipalloc-0123456789abcdef0
    public_ip:
      description: The Elastic IP address.
      returned: always
      type: str
      sample: 198.51.100.10
    domain:
      description: The domain of the address (C(vpc)).
      returned: always
      type: str
      sample: vpc
    association_id:
      description: The id of the address's association.
      returned: when the address is associated
      type: str
      sample: eipassoc-0123456789abcdef0
    network_interface_id:
      description: The network interface the address is associated with.
      returned: when the address is associated
      type: str
      sample: eni-0123456789abcdef0
    private_ip_address:
      description: The private address the Elastic IP maps to.
      returned: when the address is associated
      type: str
      sample: 10.0.0.10
    tags:
      description: The tags of the Elastic IP.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-nat-a"}
vpc_endpoints:
  description: The VPC endpoints of the VPC, except those in state C(deleting) or C(deleted).
  returned: always
  type: list
  elements: dict
  contains:
    vpc_endpoint_id:
      description: The id of the endpoint.
      returned: always
      type: str
      sample: vpce-0123456789abcdef0
    vpc_endpoint_type:
      description: The type of the endpoint.
      returned: always
      type: str
      sample: Gateway
    vpc_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    service_name:
      description: The service the endpoint reaches.
      returned: always
      type: str
      sample: com.amazonaws.us-east-1.s3
    state:
      description: The state of the endpoint.
      returned: always
      type: str
      sample: available
    route_table_ids:
      description: The route tables of a gateway endpoint.
      returned: always
      type: list
      elements: str
      sample: ["rtb-0123456789abcdef0"]
    policy_document:
      description: The endpoint's policy, as a JSON string.
      returned: when the endpoint has one
      type: str
      sample: '{"Version": "2008-10-17", "Statement": []}'
    tags:
      description: The tags of the endpoint.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-s3"}
flow_logs:
  description: The flow logs of the VPC itself, as M(appstack.aws.ec2_vpc_flow_log_info) returns them.
  returned: always
  type: list
  elements: dict
  contains:
    flow_log_id:
      description: The id of the flow log.
      returned: always
      type: str
      sample: fl-0123456789abcdef0
    resource_id:
      description: The id of the VPC.
      returned: always
      type: str
      sample: vpc-0123456789abcdef0
    traffic_type:
      description: The traffic logged.
      returned: always
      type: str
      sample: ALL
    log_destination_type:
      description: The type of destination.
      returned: always
      type: str
      sample: cloud-watch-logs
    log_group_name:
      description: The log group that receives the records.
      returned: when the destination is CloudWatch Logs
      type: str
      sample: /appstack/prod/vpc-flow-logs
    flow_log_status:
      description: The status of the flow log.
      returned: always
      type: str
      sample: ACTIVE
    tags:
      description: The tags of the flow log.
      returned: always
      type: dict
      sample: {"Name": "appstack-prod-vpc-flow-log"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry
from ansible_collections.appstack.aws.plugins.module_utils.ec2_vpc_resources import read_vpc_resources
from ansible_collections.appstack.aws.plugins.module_utils.modules import AppstackAWSModule


def validate(params):
    """Every problem with the options, as messages naming the option and what is allowed (empty: none)."""
    return [f"{option} must not be empty." for option in ("vpc_name", "vpc_id") if params[option] == ""]


def main():
    argument_spec = dict(
        vpc_name=dict(type="str"),
        vpc_id=dict(type="str"),
    )
    module = AppstackAWSModule(
        argument_spec=argument_spec,
        mutually_exclusive=[["vpc_name", "vpc_id"]],
        required_one_of=[["vpc_name", "vpc_id"]],
        supports_check_mode=True,
    )
    module.fail_on_invalid(validate(module.params))

    try:
        client = module.client("ec2", retry_decorator=AWSRetry.jittered_backoff())
        resources = read_vpc_resources(client, vpc_name=module.params["vpc_name"], vpc_id=module.params["vpc_id"])
    except AnsibleAWSError as e:
        module.fail_json_aws_error(e)

    module.exit_json(changed=False, **resources)


if __name__ == "__main__":
    main()
