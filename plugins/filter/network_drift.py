"""What differs between the network that exists and the one the inventory asks for.

A no-op run must cost one read of the network, not one module run per resource: the
role reads the VPC and everything in it once (check_current.yml), this filter compares
that read with the role's inputs, and the converge tasks run only for a part that
differs. Each comparison mirrors what the converge task of that resource would change
(its purge_* options included), so an empty answer means the converge would report
``changed=0``; a difference is described in words for the run's log.
"""

from ansible.module_utils.parsing.convert_bool import boolean
from ansible_collections.appstack.aws.plugins.plugin_utils.role_inputs import require_inputs

DOCUMENTATION = r"""
name: network_drift
version_added: 0.4.0
short_description: The differences between the network that exists and the network role's inputs
description:
  - Compares what M(appstack.aws.ec2_vpc_resources_info) and M(appstack.aws.cloudwatchlogs_log_group_info) read with
    what the network role's converge would build, resource by resource, as its modules compare (tags with
    C(purge_tags), rules with C(purge_rules), routes and associations with C(purge_routes) and C(purge_subnets)).
  - Returns a dict of lists of differences, each a sentence naming the resource; an empty list means the converge of
    that part would change nothing. C(core) covers the VPC, the default security group, the subnets, the internet
    gateway, the NAT gateways and their Elastic IPs, the security groups, the route tables and the S3 gateway
    endpoint; C(flow_log_group) the flow log group; C(flow_log) the flow log.
  - Resources the inputs no longer ask for (an extra NAT gateway, a flow log turned off) are not differences, as the
    converge does not delete them either.
options:
  _input:
    description:
      - The role's variables by name, see C(INPUTS) in the source, with the flow log's role ARN in
        C(network_flow_log_role_arn) and its group's name in C(network_flow_log_group_name).
    type: dict
    required: true
  current:
    description:
      - What exists, as M(appstack.aws.ec2_vpc_resources_info) returns it, with C(flow_log_groups) (the log groups
        M(appstack.aws.cloudwatchlogs_log_group_info) read by the flow log group's name).
    type: dict
    required: true
  tiers:
    description: The tiers whose subnets the role builds, in order.
    type: list
    elements: str
    required: true
  security_groups:
    description: The role's security groups, each a dict with C(key).
    type: list
    elements: dict
    required: true
  rules:
    description:
      - The rules of each security group by key, C(ingress) and C(egress) lists in M(amazon.aws.ec2_security_group)'s
        shape (C(proto), C(ports), C(cidr_ip) or C(group) - the key of another of the role's groups - and
        C(rule_desc)).
    type: dict
    required: true
"""

EXAMPLES = r"""
- name: Compare the network with the inventory
  ansible.builtin.set_fact:
    __drift: "{{ __inputs | appstack.aws.network_drift(__current, ['public', 'app', 'database'], __groups, __rules) }}"
"""

RETURN = r"""
_value:
  description: C(core), C(flow_log_group) and C(flow_log), each a list of differences (empty when in sync).
  type: dict
"""

INPUTS = (
    "network_name_prefix",
    "network_tags",
    "network_s3_service_name",
    "network_subnet_cidrs",
    "network_availability_zones",
    "network_nat_mode",
    "network_s3_gateway_endpoint",
    "network_flow_logs_enabled",
    "network_flow_log_group_name",
    "network_flow_log_role_arn",
    "network_flow_logs_retention_days",
    "network_flow_logs_kms_key_arn",
    "network_flow_logs_traffic_type",
    "network_flow_logs_max_aggregation_interval",
)
ALIVE_NAT_STATES = ("pending", "available")


def _tags_differ(actual, wanted):
    """Whether purge_tags would change the tags; AWS's own aws:* tags are never purged."""
    kept = {key: value for key, value in (actual or {}).items() if not key.startswith("aws:")}
    return kept != {key: str(value) for key, value in wanted.items()}


class _Drift:
    """Collects the differences of one part of the network."""

    def __init__(self):
        self.found = []

    def missing(self, what):
        self.found.append(f"{what} does not exist")

    def differs(self, what, field, actual, wanted):
        self.found.append(f"{what}: {field} is {actual!r}, the inventory asks for {wanted!r}")

    def tags(self, what, resource, wanted):
        if _tags_differ(resource.get("tags"), wanted):
            self.differs(what, "tags", resource.get("tags") or {}, wanted)


def _ports(ports):
    """(from, to) pairs of a rule's ports: 443, '443' or '8000-8010'."""
    pairs = []
    for port in ports:
        low, _, high = str(port).partition("-")
        pairs.append((int(low), int(high or low)))
    return pairs


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _wanted_rules(rules, group_ids):
    """The flat set of (protocol, from, to, target, description) the rules ask for."""
    flat = set()
    for rule in rules:
        targets = [("cidr", cidr) for cidr in _as_list(rule.get("cidr_ip"))]
        if rule.get("group"):
            targets.append(("group", group_ids.get(rule["group"], f"<group {rule['group']}>")))
        for low, high in _ports(rule.get("ports") or []):
            flat.update((str(rule["proto"]), low, high, target, rule.get("rule_desc")) for target in targets)
    return flat


def _actual_rules(permissions):
    """The same flat set, from a security group's ip_permissions as EC2 describes them."""
    flat = set()
    for permission in permissions or []:
        key = (permission.get("ip_protocol"), permission.get("from_port"), permission.get("to_port"))
        for cidr in permission.get("ip_ranges") or []:
            flat.add((*key, ("cidr", cidr.get("cidr_ip")), cidr.get("description")))
        for cidr in permission.get("ipv6_ranges") or []:
            flat.add((*key, ("cidr", cidr.get("cidr_ipv6")), cidr.get("description")))
        for pair in permission.get("user_id_group_pairs") or []:
            flat.add((*key, ("group", pair.get("group_id")), pair.get("description")))
        for prefix_list in permission.get("prefix_list_ids") or []:
            flat.add((*key, ("prefix_list", prefix_list.get("prefix_list_id")), prefix_list.get("description")))
    return flat


def _rule_words(rules):
    return sorted(f"{proto} {low}-{high} {kind} {target} ({desc})" for proto, low, high, (kind, target), desc in rules)


class _Network:
    """The desired network and the current read, compared part by part."""

    def __init__(self, inputs, current, tiers):
        self.inputs = inputs
        self.current = current
        self.tiers = tiers
        self.prefix = inputs["network_name_prefix"]
        self.zones = list(inputs["network_availability_zones"])
        self.tags = dict(inputs["network_tags"] or {})
        self.drift = _Drift()

    def named(self, name, **extra):
        return {**self.tags, "Name": name, **extra}

    def vpc(self, vpc):
        what = f"VPC {self.prefix}"
        for attribute in ("enable_dns_support", "enable_dns_hostnames"):
            if vpc.get(attribute) is not True:
                self.drift.differs(what, attribute, vpc.get(attribute), True)
        self.drift.tags(what, vpc, self.named(self.prefix))

    def default_group(self, groups):
        default = groups.get("default")
        if default is None:
            return
        for direction, key in (("inbound", "ip_permissions"), ("outbound", "ip_permissions_egress")):
            if default.get(key):
                self.drift.found.append(f"the default security group has {direction} rules; it must have none")

    def subnets(self):
        """{tier: [subnet id or None per zone]} of the subnets found by CIDR, as ec2_vpc_subnet finds them."""
        by_cidr = {subnet["cidr_block"]: subnet for subnet in self.current.get("subnets") or []}
        ids = {}
        for tier in self.tiers:
            ids[tier] = []
            for index, cidr in enumerate(self.inputs["network_subnet_cidrs"][tier]):
                zone = self.zones[index]
                name = f"{self.prefix}-{tier}-{zone}"
                subnet = by_cidr.get(cidr)
                ids[tier].append(subnet["subnet_id"] if subnet else None)
                if subnet is None:
                    self.drift.missing(f"subnet {name} ({cidr})")
                    continue
                if subnet.get("availability_zone") != zone:
                    self.drift.differs(f"subnet {name}", "availability zone", subnet.get("availability_zone"), zone)
                if subnet.get("map_public_ip_on_launch"):
                    self.drift.differs(f"subnet {name}", "map_public_ip_on_launch", True, False)
                self.drift.tags(f"subnet {name}", subnet, self.named(name, Tier=tier))
        return ids

    def internet_gateway(self, vpc_id):
        gateways = [
            gateway
            for gateway in self.current.get("internet_gateways") or []
            if any(attachment.get("vpc_id") == vpc_id for attachment in gateway.get("attachments") or [])
        ]
        if not gateways:
            self.drift.missing(f"internet gateway {self.prefix}-igw")
            return None
        self.drift.tags(f"internet gateway {self.prefix}-igw", gateways[0], self.named(f"{self.prefix}-igw"))
        return gateways[0]["internet_gateway_id"]

    def nat_gateways(self, public_subnet_ids):
        """The ids of the NAT gateways the mode asks for, in zone order (None where one is missing)."""
        count = {"none": 0, "single": 1, "per_az": len(self.zones)}[self.inputs["network_nat_mode"]]
        by_subnet = {}
        for gateway in self.current.get("nat_gateways") or []:
            if gateway.get("state") in ALIVE_NAT_STATES:
                by_subnet.setdefault(gateway.get("subnet_id"), gateway)
        addresses = {
            address.get("allocation_id"): address for address in self.current.get("nat_gateway_addresses") or []
        }
        ids = []
        for index, subnet_id in enumerate(public_subnet_ids[:count]):
            name = f"{self.prefix}-nat-{self.zones[index]}"
            gateway = by_subnet.get(subnet_id)
            ids.append(gateway["nat_gateway_id"] if gateway else None)
            if gateway is None:
                self.drift.missing(f"NAT gateway {name}")
                continue
            if gateway["state"] != "available":
                self.drift.differs(f"NAT gateway {name}", "state", gateway["state"], "available")
            self.drift.tags(f"NAT gateway {name}", gateway, self.named(name))
            for gateway_address in gateway.get("nat_gateway_addresses") or []:
                address = addresses.get(gateway_address.get("allocation_id"))
                if address is None:
                    self.drift.missing(f"Elastic IP {gateway_address.get('allocation_id')} of NAT gateway {name}")
                else:
                    self.drift.tags(f"Elastic IP of NAT gateway {name}", address, self.named(name))
        return ids

    def security_groups(self, groups, security_groups, rules):
        group_ids = {
            item["key"]: groups[f"{self.prefix}-{item['key']}"]["group_id"]
            for item in security_groups
            if f"{self.prefix}-{item['key']}" in groups
        }
        for item in security_groups:
            name = f"{self.prefix}-{item['key']}"
            group = groups.get(name)
            if group is None:
                self.drift.missing(f"security group {name}")
                continue
            self.drift.tags(f"security group {name}", group, self.named(name))
            for direction, key in (("ingress", "ip_permissions"), ("egress", "ip_permissions_egress")):
                wanted = _wanted_rules(rules[item["key"]][direction], group_ids)
                actual = _actual_rules(group.get(key))
                if wanted != actual:
                    self.drift.found.append(
                        f"security group {name}: {direction} rules are {_rule_words(actual)}, "
                        f"the inventory asks for {_rule_words(wanted)}"
                    )

    def route_table(self, tables, name, tier, subnet_ids, routes):
        """Compares one table with its subnets and routes, as purge_subnets and purge_routes would."""
        table = tables.get(name)
        if table is None:
            self.drift.missing(f"route table {name}")
            return None
        what = f"route table {name}"
        self.drift.tags(what, table, self.named(name, Tier=tier))
        associated = sorted(
            association["subnet_id"]
            for association in table.get("associations") or []
            if association.get("subnet_id") and association.get("association_state", {}).get("state") != "disassociated"
        )
        if associated != sorted(subnet_id or "<missing subnet>" for subnet_id in subnet_ids):
            self.drift.differs(
                what, "subnets", associated, sorted(subnet_id or "<missing>" for subnet_id in subnet_ids)
            )
        # The local route is AWS's; a gateway endpoint's prefix-list routes are the endpoint's.
        actual = sorted(
            (route.get("destination_cidr_block"), route.get("gateway_id") or route.get("nat_gateway_id"))
            for route in table.get("routes") or []
            if route.get("destination_cidr_block") and route.get("gateway_id") != "local"
        )
        if actual != sorted(routes):
            self.drift.differs(what, "routes", actual, sorted(routes))
        return table.get("route_table_id") or table.get("id")

    def route_tables(self, subnet_ids, igw_id, nat_ids):
        tables = {}
        for table in self.current.get("route_tables") or []:
            tables.setdefault((table.get("tags") or {}).get("Name"), table)
        public = self.route_table(
            tables, f"{self.prefix}-public", "public", subnet_ids["public"], [("0.0.0.0/0", igw_id or "<missing igw>")]
        )
        private = []
        for index, zone in enumerate(self.zones):
            nat_index = index if self.inputs["network_nat_mode"] == "per_az" else 0
            routes = [("0.0.0.0/0", nat_ids[nat_index] or "<missing NAT>")] if nat_ids else []
            app = subnet_ids["app"][index : index + 1]
            private.append(self.route_table(tables, f"{self.prefix}-app-{zone}", "app", app, routes))
        private.append(self.route_table(tables, f"{self.prefix}-database", "database", subnet_ids["database"], []))
        return public, private

    def s3_endpoint(self, private_table_ids):
        service = self.inputs["network_s3_service_name"]
        endpoints = [
            endpoint
            for endpoint in self.current.get("vpc_endpoints") or []
            if endpoint.get("service_name") == service and endpoint.get("state", "").lower() in ("pending", "available")
        ]
        name = f"{self.prefix}-s3"
        if not endpoints:
            self.drift.missing(f"S3 gateway endpoint {name}")
            return
        endpoint = endpoints[0]
        self.drift.tags(f"S3 gateway endpoint {name}", endpoint, self.named(name))
        wanted = sorted(table_id or "<missing table>" for table_id in private_table_ids)
        if sorted(endpoint.get("route_table_ids") or []) != wanted:
            self.drift.differs(
                f"S3 gateway endpoint {name}", "route tables", sorted(endpoint.get("route_table_ids") or []), wanted
            )


def _core(inputs, current, tiers, security_groups, rules):
    network = _Network(inputs, current, tiers)
    vpcs = current.get("vpcs") or []
    if len(vpcs) != 1:
        network.drift.found.append(f"the VPC {network.prefix} does not exist" if not vpcs else "several VPCs")
        return network.drift.found
    network.vpc(vpcs[0])
    groups = {group.get("group_name"): group for group in current.get("security_groups") or []}
    network.default_group(groups)
    subnet_ids = network.subnets()
    igw_id = network.internet_gateway(vpcs[0].get("id") or vpcs[0].get("vpc_id"))
    nat_ids = network.nat_gateways(subnet_ids["public"])
    network.security_groups(groups, security_groups, rules)
    _public, private = network.route_tables(subnet_ids, igw_id, nat_ids)
    if boolean(inputs["network_s3_gateway_endpoint"], strict=True):
        network.s3_endpoint(private)
    return network.drift.found


def _flow_log_group(inputs, current):
    drift = _Drift()
    name = inputs["network_flow_log_group_name"]
    groups = [group for group in current.get("flow_log_groups") or [] if group.get("log_group_name") == name]
    if not groups:
        drift.missing(f"log group {name}")
        return drift.found
    group = groups[0]
    retention = int(inputs["network_flow_logs_retention_days"])
    if group.get("retention_in_days") != retention:
        drift.differs(f"log group {name}", "retention", group.get("retention_in_days"), retention)
    key = inputs["network_flow_logs_kms_key_arn"] or None
    if (group.get("kms_key_id") or None) != key:
        drift.differs(f"log group {name}", "KMS key", group.get("kms_key_id"), key)
    prefix = inputs["network_name_prefix"]
    drift.tags(f"log group {name}", group, {**inputs["network_tags"], "Name": f"{prefix}-vpc-flow-logs"})
    return drift.found


def _flow_log(inputs, current):
    drift = _Drift()
    prefix = inputs["network_name_prefix"]
    what = f"flow log {prefix}-vpc-flow-log"
    logs = [log for log in current.get("flow_logs") or [] if log.get("log_destination_type") == "cloud-watch-logs"]
    if not logs:
        drift.missing(what)
        return drift.found
    log = logs[0]
    wanted = {
        "traffic_type": inputs["network_flow_logs_traffic_type"],
        "log_group_name": inputs["network_flow_log_group_name"],
        "deliver_logs_permission_arn": inputs["network_flow_log_role_arn"],
        "max_aggregation_interval": int(inputs["network_flow_logs_max_aggregation_interval"]),
    }
    for field, value in wanted.items():
        if log.get(field) != value:
            drift.differs(what, field, log.get(field), value)
    drift.tags(what, log, {**inputs["network_tags"], "Name": f"{prefix}-vpc-flow-log"})
    return drift.found


def network_drift(inputs, current, tiers, security_groups, rules):
    """{'core': [...], 'flow_log_group': [...], 'flow_log': [...]}: the differences, each part empty when in sync."""
    require_inputs("network_drift", inputs, INPUTS)
    flow_logs = boolean(inputs["network_flow_logs_enabled"], strict=True)
    return {
        "core": _core(inputs, current, tiers, security_groups, rules),
        "flow_log_group": _flow_log_group(inputs, current) if flow_logs else [],
        "flow_log": _flow_log(inputs, current) if flow_logs else [],
    }


class FilterModule:
    def filters(self):
        return {"network_drift": network_drift}
