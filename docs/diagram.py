"""Draw an environment from its inventory and its outputs, as SVG and PNG (Graphviz's dot).

    python docs/diagram.py --env prod                    # outputs/diagram-prod.svg and .png
    python docs/diagram.py --env local --outputs /tmp/local.json --output-dir docs/images --name local

The inventory (`ansible-inventory`, with the shared group_vars/all beside the playbooks and the drawn roles'
defaults under them) says what the environment is: subnet tiers and CIDRs, NAT mode, compute choice, proxy, cache.
outputs/<env>.json, when a run wrote it, adds what the account has: ids, endpoints, domain names. Without it the
picture is the inventory's plan, and says so; a resource the outputs do not show yet is drawn dashed, as planned.

Three steps, each a function: `settings` (the inventory's variables, templated), `build_model` and `render_dot`
(pure: data in, data or DOT text out), `run_dot` (the files).
"""

import argparse
import html
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
# The roles whose defaults the picture reads (role defaults rank below group_vars, as in a play).
ROLES = ("network", "secrets", "rds", "cache", "ecr", "apprunner", "alb", "ecs", "s3_cloudfront", "monitoring")
# The subnet tiers, left to right: the roles' names, what AWS calls them, and their route to the internet.
TIERS = (
    ("public", "Public subnets", "route to the internet gateway"),
    ("app", "Private subnets (app)", None),
    ("database", "Isolated subnets (database)", "no route to the internet"),
)
# Border and fill of each kind of resource (the colours of AWS's architecture icons).
COLOURS = {
    "network": ("#8C4FFF", "#F1EAFF"),
    "compute": ("#ED7100", "#FDEFE3"),
    "database": ("#C925D1", "#F8E7F9"),
    "storage": ("#7AA116", "#EEF5E3"),
    "security": ("#DD344C", "#FBE6E9"),
    "management": ("#E7157B", "#FCE5F0"),
    "people": ("#232F3E", "#FFFFFF"),
}
GROUP_STYLES = {
    "edge": ("#8C4FFF", "#FAF7FF"),
    "region": ("#232F3E", "#FFFFFF"),
    "vpc": ("#8C4FFF", "#FFFFFF"),
    "public": ("#7AA116", "#F4F9EE"),
    "app": ("#00A4A6", "#E9F7F7"),
    "database": ("#147EBA", "#EAF3FA"),
    "zone": ("#879196", "#FFFFFF"),
    "managed": ("#ED7100", "#FFFAF5"),
    "supply": ("#DD344C", "#FFFAFA"),
    "aside": ("#E7157B", "#FFF8FB"),
}
PLANNED = ("#879196", "#F7F7F7")


@dataclass(frozen=True)
class Node:
    key: str
    title: str
    lines: tuple[str, ...] = ()
    category: str = "network"
    planned: bool = False


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    # flow: a request's path; uses: a dependency (image, secrets, egress); watch: metrics and alerts.
    kind: str = "flow"
    planned: bool = False


@dataclass
class Group:
    key: str
    label: str
    style: str
    nodes: list[str] = field(default_factory=list)
    groups: list["Group"] = field(default_factory=list)


@dataclass
class Model:
    title: str
    subtitle: str
    planned: bool
    nodes: dict[str, Node] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    # The picture's columns, left to right: the keys of the nodes in each.
    columns: list[list[str]] = field(default_factory=list)

    def add(self, node: Node, group: Group | None = None) -> str:
        self.nodes[node.key] = node
        (group.nodes if group else self.loose).append(node.key)
        return node.key


# Step 1: the inventory's variables.
def role_defaults(root: Path = REPO_ROOT) -> dict:
    """The drawn roles' defaults, merged: the bottom layer of the variables."""
    merged = {}
    for role in ROLES:
        path = root / "roles" / role / "defaults" / "main.yml"
        if path.is_file():
            merged.update(yaml.safe_load(path.read_text()) or {})
    return merged


def inventory_vars(env: str, root: Path = REPO_ROOT) -> dict:
    """The host variables of the environment's host, as `ansible-inventory` merges them (group_vars/all beside
    the playbooks, under the inventory's group named after the environment)."""
    command = [
        str(Path(sys.executable).with_name("ansible-inventory")),
        "-i",
        str(root / "inventories" / env),
        "--playbook-dir",
        str(root),
        "--list",
    ]
    environment = {**os.environ, "ANSIBLE_CONFIG": str(root / "ansible.cfg")}
    listing = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, env=environment).stdout)
    hostvars = listing["_meta"]["hostvars"]
    hosts = listing.get(env, {}).get("hosts") or sorted(hostvars)
    return hostvars[hosts[0]]


def _trusted(value):
    from ansible.template import trust_as_template

    if isinstance(value, str):
        return trust_as_template(value)
    if isinstance(value, list):
        return [_trusted(item) for item in value]
    if isinstance(value, dict):
        return {key: _trusted(item) for key, item in value.items()}
    return value


class TemplatedVars(Mapping):
    """The variables, each templated as a play would when read (the outputs as each role's `<tier>_outputs`); a
    variable that needs what only a run knows (the account id) reads as None."""

    def __init__(self, variables: dict, outputs: dict):
        from ansible.parsing.dataloader import DataLoader
        from ansible.template import Templar

        self._context = {name: _trusted(value) for name, value in variables.items()}
        self._context.update({f"{tier}_outputs": value for tier, value in outputs.items()})
        self._templar = Templar(loader=DataLoader(), variables=self._context)
        self._cache = {}

    def __getitem__(self, name):
        from ansible.errors import AnsibleError

        if name not in self._cache:
            try:
                self._cache[name] = self._templar.template(self._context[name])
            except AnsibleError:
                self._cache[name] = None
        return self._cache[name]

    def __iter__(self):
        return iter(self._context)

    def __len__(self):
        return len(self._context)


def settings(env: str, outputs: dict | None = None, overrides: dict | None = None, root: Path = REPO_ROOT) -> Mapping:
    """The variables the picture reads, for the environment: role defaults < inventory < overrides (as -e)."""
    return TemplatedVars({**role_defaults(root), **inventory_vars(env, root), **(overrides or {})}, outputs or {})


def load_document(path: Path) -> dict | None:
    """The outputs document a run wrote, or None when there is none yet."""
    return json.loads(path.read_text()) if path.is_file() else None


# Step 2: the model, from the variables and the outputs.
def _name_of(arn: str) -> str:
    return arn.rsplit(":", 1)[-1] if arn else ""


def _connector_name(arn: str) -> str:
    """`name revision N` of an App Runner VPC connector's ARN (...:vpcconnector/NAME/REVISION/ID)."""
    parts = _name_of(arn).split("/")
    return f"{parts[1]} revision {parts[2]}" if len(parts) == 4 else ""


def _network(model: Model, vpc: Group, config: Mapping, net: dict, planned: bool) -> dict[str, Group]:
    """The subnet tiers, a cluster per zone in each, and the NAT gateways; returns the tier groups by name."""
    zones = net.get("availability_zones") or config.get("network_availability_zones") or []
    cidrs = config.get("network_subnet_cidrs") or {}
    subnet_ids = net.get("subnet_ids") or {}
    nat_mode = net.get("nat_mode") or config.get("network_nat_mode") or "none"
    nat_ids = net.get("nat_gateway_ids") or []
    nat_count = len(nat_ids) or {"single": 1, "per_az": len(zones)}.get(nat_mode, 0)
    app_route = {"none": "no route to the internet", "single": "egress through one NAT gateway"}.get(
        nat_mode, "egress through the NAT gateway of its zone"
    )
    tiers = {}
    for tier, label, route in TIERS:
        group = Group(f"tier_{tier}", f"{label}: {route or app_route}", tier)
        for index, zone in enumerate(zones):
            zone_group = Group(f"{tier}_{index}", zone, "zone")
            cidr = (cidrs.get(tier) or [])[index] if index < len(cidrs.get(tier) or []) else "?"
            ids = subnet_ids.get(tier) or []
            subnet_id = ids[index] if index < len(ids) else ""
            model.add(
                Node(f"subnet_{tier}_{index}", cidr, (subnet_id or "planned",), "network", not subnet_id), zone_group
            )
            if tier == "public" and index < nat_count:
                nat_id = nat_ids[index] if index < len(nat_ids) else ""
                model.add(Node(f"nat_{index}", "NAT gateway", (nat_id or "planned",), "network", planned or not nat_id))
                zone_group.nodes.append(f"nat_{index}")
            group.groups.append(zone_group)
        vpc.groups.append(group)
        tiers[tier] = group
    # The app subnets reach the internet through the NAT gateway of their zone, or the single one.
    for index, _ in enumerate(zones):
        if nat_count:
            nat = f"nat_{index if nat_mode == 'per_az' and index < nat_count else 0}"
            model.edges.append(Edge(f"subnet_app_{index}", nat, "egress", "uses", model.nodes[nat].planned))
    return tiers


def build_model(config: Mapping, document: dict | None) -> Model:
    """The environment as nodes in nested groups, and the edges between them: the inventory's settings
    (`settings`), and the outputs document when a run wrote one (None: everything is planned)."""
    outputs = (document or {}).get("outputs") or {}
    planned = document is None

    def tier(name: str) -> dict:
        return outputs.get(name) or {}

    app, env = config.get("appstack_app_name"), config.get("appstack_environment")
    compute = config.get("appstack_compute") or "apprunner"
    model = Model(
        title=f"{app}-{env} · {config.get('appstack_region')} · {compute}",
        subtitle="PLANNED: from the inventory alone (no outputs yet)"
        if planned
        else "from the inventory and its outputs",
        planned=planned,
    )
    edge = Group("edge", "Edge (global)", "edge")
    region = Group("region", f"Region {config.get('appstack_region')}", "region")
    net = tier("network")
    vpc = Group(
        "vpc",
        " · ".join(
            part
            for part in (
                f"VPC {net.get('vpc_id') or '(planned)'}",
                net.get("vpc_cidr") or config.get("network_vpc_cidr"),
                f"S3 gateway endpoint {net.get('s3_endpoint_id') or '(planned)'}"
                if config.get("network_s3_gateway_endpoint")
                else "",
                "flow logs" if config.get("network_flow_logs_enabled") else "",
            )
            if part
        ),
        "vpc",
    )
    managed = Group("managed", "AWS-managed (outside the VPC)", "managed")
    supply = Group("supply", "Images and secrets", "supply")
    watch = Group("watch", "Monitoring", "aside")
    model.groups = [edge, region]
    region.groups = [vpc, managed, supply, watch]
    tiers = _network(model, vpc, config, net, planned)

    model.add(Node("users", "Users", ("browsers",), "people"))

    # The edge: CloudFront, the frontend bucket (and the assets bucket), the API origin.
    cdn = tier("s3_cloudfront")
    aliases = cdn.get("aliases") or config.get("s3_cloudfront_aliases") or []
    model.add(
        Node(
            "cloudfront",
            "Amazon CloudFront",
            (
                cdn.get("distribution_id") or "distribution (planned)",
                cdn.get("distribution_domain") or "",
                *aliases,
                config.get("s3_cloudfront_price_class") or "",
                f"logs: {cdn.get('log_bucket_name') or config.get('s3_cloudfront_log_bucket_name')}",
            ),
            "network",
            planned or not cdn.get("distribution_id"),
        ),
        edge,
    )
    frontend = cdn.get("bucket_name") or config.get("s3_cloudfront_bucket_name")
    model.add(
        Node(
            "frontend",
            "Amazon S3: frontend",
            (frontend, f"read by {cdn.get('origin_access') or config.get('s3_cloudfront_origin_access')}"),
            "storage",
            planned or not cdn.get("bucket_name"),
        ),
        edge,
    )
    model.edges += [Edge("users", "cloudfront", "HTTPS"), Edge("cloudfront", "frontend", "/*", planned=planned)]
    if config.get("s3_cloudfront_assets_bucket"):
        assets = cdn.get("assets_bucket_name") or config.get("s3_cloudfront_assets_bucket_name")
        model.add(
            Node("assets", "Amazon S3: assets", (assets,), "storage", planned or not cdn.get("assets_bucket_name")),
            edge,
        )
        model.edges.append(Edge("cloudfront", "assets", "uploads", planned=planned))

    # The backend: App Runner (outside the VPC, into it through a connector), or ECS Fargate behind an ALB.
    api_path = config.get("s3_cloudfront_api_path") or "/api/*"
    size = (
        f"{config.get('appstack_backend_cpu')} / {config.get('appstack_backend_memory')}, "
        f"{config.get('appstack_backend_min_capacity')} to {config.get('appstack_backend_max_capacity')}"
    )
    if compute == "ecs_fargate":
        alb, ecs = tier("alb"), tier("ecs")
        model.add(
            Node(
                "alb",
                "Application Load Balancer",
                (alb.get("load_balancer_name") or config.get("alb_name"), alb.get("dns_name") or "planned"),
                "network",
                planned or not alb.get("load_balancer_arn"),
            ),
            tiers["public"],
        )
        model.add(
            Node(
                "service",
                "Amazon ECS on Fargate",
                (
                    f"{ecs.get('cluster_name') or config.get('ecs_cluster_name')} / "
                    f"{ecs.get('service_name') or config.get('ecs_service_name')}",
                    f"tasks: {size}",
                    f"port {ecs.get('container_port') or config.get('appstack_backend_port')}",
                ),
                "compute",
                planned or not ecs.get("service_arn"),
            ),
            tiers["app"],
        )
        model.edges += [
            Edge("cloudfront", "alb", f"{api_path} (API origin)", planned=model.nodes["alb"].planned),
            Edge("alb", "service", "HTTP", planned=model.nodes["service"].planned),
        ]
        inside = "service"
    else:
        runner = tier("apprunner")
        origin = cdn.get("api_origin") or runner.get("service_url") or ""
        model.add(
            Node(
                "service",
                "AWS App Runner",
                (
                    runner.get("service_name") or config.get("apprunner_service_name"),
                    origin or f"status: {runner.get('status') or 'planned'}",
                    f"instances: {size}",
                ),
                "compute",
                planned or not runner.get("service_arn"),
            ),
            managed,
        )
        model.add(
            Node(
                "connector",
                "App Runner VPC connector",
                (_connector_name(runner.get("vpc_connector_arn") or "") or "planned",),
                "compute",
                planned or not runner.get("vpc_connector_arn"),
            ),
            tiers["app"],
        )
        model.edges += [
            Edge("cloudfront", "service", f"{api_path} (API origin)", planned=not origin),
            Edge("service", "connector", "VPC egress", planned=model.nodes["service"].planned),
        ]
        inside = "connector"

    # The data tier: the database, the proxy in front of it, the cache.
    rds = tier("rds")
    database = model.add(
        Node(
            "database",
            f"Amazon RDS for PostgreSQL {rds.get('engine_version') or config.get('rds_engine_version')}",
            (
                rds.get("instance_identifier") or config.get("rds_instance_identifier"),
                f"{rds.get('instance_class') or config.get('rds_instance_class')}, "
                f"{rds.get('allocated_storage') or config.get('rds_allocated_storage')} GiB"
                f"{', Multi-AZ' if config.get('rds_multi_az') else ', single AZ'}",
                rds.get("endpoint_host") or "",
            ),
            "database",
            planned or not rds.get("instance_arn"),
        ),
        tiers["database"],
    )
    target = database
    if config.get("rds_proxy_enabled"):
        target = model.add(
            Node(
                "proxy",
                "Amazon RDS Proxy",
                (rds.get("proxy_endpoint") or "planned",),
                "database",
                not rds.get("proxy_endpoint"),
            ),
            tiers["database"],
        )
        model.edges.append(Edge("proxy", "database", "5432", planned=model.nodes["proxy"].planned))
    model.edges.append(Edge(inside, target, "PostgreSQL", planned=model.nodes[target].planned))
    if config.get("cache_enabled"):
        cache = tier("cache")
        engine = cache.get("engine") or config.get("cache_engine")
        version = cache.get("engine_version") or config.get("cache_engine_version")
        replicas = config.get("cache_replicas") or 0
        model.add(
            Node(
                "cache",
                f"Amazon ElastiCache ({engine} {version})",
                (
                    cache.get("replication_group_id") or config.get("cache_replication_group_id"),
                    f"{cache.get('node_type') or config.get('cache_node_type')}, "
                    f"{replicas} replica{'' if replicas == 1 else 's'}",
                    cache.get("primary_endpoint") or "",
                ),
                "database",
                planned or not cache.get("enabled"),
            ),
            tiers["database"],
        )
        model.edges.append(Edge(inside, "cache", "TLS 6379", planned=model.nodes["cache"].planned))

    # Beside the request path: the image repository, the secrets, the monitoring.
    ecr = tier("ecr")
    model.add(
        Node(
            "ecr",
            "Amazon ECR",
            (ecr.get("repository_name") or config.get("ecr_repository_name"), ecr.get("repository_uri") or ""),
            "compute",
            planned or not ecr.get("repository_arn"),
        ),
        supply,
    )
    secrets = tier("secrets")
    secret_names = list((secrets.get("secret_names") or {}).values()) or [
        "db-credentials",
        "jwt-signing-key",
        *(config.get("secrets_placeholders") or []),
        *(["cache-auth-token"] if config.get("cache_enabled") and config.get("secrets_cache_auth_token") else []),
    ]
    if config.get("rds_master_password_mode") == "rds_managed":
        secret_names.append("RDS-managed master password")
    model.add(
        Node(
            "secrets",
            "AWS Secrets Manager",
            (*sorted(secret_names), f"KMS key {secrets.get('kms_key_alias') or config.get('secrets_kms_key_alias')}"),
            "security",
            planned or not secrets.get("kms_key_arn"),
        ),
        supply,
    )
    watched = tier("monitoring")
    alarms = watched.get("alarm_names")
    model.add(
        Node(
            "monitoring",
            "Amazon CloudWatch",
            (
                f"dashboard {watched.get('dashboard_name') or config.get('monitoring_dashboard_name')}",
                f"{len(alarms)} alarms" if alarms is not None else "alarms (planned)",
                f"budget {watched.get('budget_name') or config.get('monitoring_budget_name')}: "
                + ", ".join(str(amount) for amount in config.get("monitoring_budget_amounts") or [])
                + f" {config.get('monitoring_budget_currency') or ''}",
            ),
            "management",
            planned or not watched,
        ),
        watch,
    )
    emails = len(config.get("monitoring_alert_emails") or [])
    hooks = len(config.get("monitoring_alert_https_endpoints") or [])
    model.add(
        Node(
            "topic",
            "Amazon SNS: alarms",
            (
                _name_of(watched.get("topic_arn") or "") or config.get("monitoring_topic_name"),
                f"{emails} email, {hooks} HTTPS subscription{'' if hooks == 1 else 's'}",
            ),
            "management",
            planned or not watched.get("topic_arn"),
        ),
        watch,
    )
    model.edges += [
        Edge("ecr", "service", "image", "uses"),
        Edge("secrets", "service", "secrets", "uses"),
        Edge("monitoring", "topic", "alarms", "watch"),
    ]
    # Left to right: users, CloudFront, its buckets, the public tier (App Runner, the image and the secrets under
    # it), the app tier, the proxy, the database tier; the monitoring under the last two.
    placed = [
        ["users"],
        ["cloudfront"],
        ["frontend", "assets"],
        ["subnet_public_", "nat_", "alb", "service" if compute != "ecs_fargate" else "", "ecr", "secrets"],
        ["subnet_app_", "connector", "service" if compute == "ecs_fargate" else "", "monitoring"],
        ["proxy"],
        ["subnet_database_", "database", "cache", "topic"],
    ]
    model.columns = [
        [
            key
            for prefix in column
            if prefix
            for key in model.nodes
            if key == prefix or (prefix.endswith("_") and key.startswith(prefix))
        ]
        for column in placed
    ]
    return model


# Step 3: DOT text, and the files.
def _label(node: Node) -> str:
    lines = [line for line in node.lines if line]
    if node.planned and "planned" not in " ".join(lines):
        lines.append("planned")
    body = "".join(f'<BR/><FONT POINT-SIZE="10">{html.escape(str(line))}</FONT>' for line in lines)
    return f"<<B>{html.escape(node.title)}</B>{body}>"


def _node(node: Node) -> str:
    border, fill = PLANNED if node.planned else COLOURS[node.category]
    style = "rounded,filled,dashed" if node.planned else "rounded,filled"
    shape = "ellipse" if node.category == "people" else "box"
    if node.key.startswith("subnet_"):
        shape, style = "note", "filled,dashed" if node.planned else "filled"
    return f'{node.key} [label={_label(node)}, shape={shape}, style="{style}", color="{border}", fillcolor="{fill}"]'


def _group(group: Group, model: Model, indent: str) -> list[str]:
    border, fill = GROUP_STYLES[group.style]
    lines = [
        f"{indent}subgraph cluster_{group.key} {{",
        f'{indent}  label=<<B>{html.escape(group.label)}</B>>; color="{border}"; fillcolor="{fill}"; '
        f'style="{"rounded,filled" if group.style != "zone" else "dashed,filled"}"; '
        f"labeljust={'c' if group.style == 'zone' else 'l'};",
    ]
    lines += [f"{indent}  {_node(model.nodes[key])}" for key in group.nodes]
    for inner in group.groups:
        lines += _group(inner, model, indent + "  ")
    return [*lines, f"{indent}}}"]


EDGE_STYLES = {
    "flow": 'color="#232F3E", penwidth=1.6',
    "uses": 'color="#687078", style=dashed',
    "watch": 'color="#E7157B", style=dotted, arrowsize=0.6',
}


def render_dot(model: Model) -> str:
    """The model as a left-to-right Graphviz graph: users, the edge, the VPC's tiers, the data; the rest aside."""
    title = html.escape(model.title)
    subtitle = html.escape(model.subtitle)
    colour = "#DD344C" if model.planned else "#545B64"
    lines = [
        "digraph environment {",
        "  rankdir=LR; newrank=true; compound=true; nodesep=0.25; ranksep=0.6; pad=0.3;",
        '  fontname="Helvetica,Arial,sans-serif"; fontsize=12; labelloc=t;',
        f'  label=<<B><FONT POINT-SIZE="18">{title}</FONT></B><BR/><FONT COLOR="{colour}">{subtitle}</FONT>>;',
        '  node [fontname="Helvetica,Arial,sans-serif", fontsize=12, margin="0.15,0.06"];',
        '  edge [fontname="Helvetica,Arial,sans-serif", fontsize=10];',
    ]
    lines += [f"  {_node(model.nodes[key])}" for key in model.loose]
    for group in model.groups:
        lines += _group(group, model, "  ")
    # Each column a rank, in order (newrank lets a rank cross clusters).
    columns = [column for column in model.columns if column]
    for column in columns:
        lines.append(f"  {{rank=same; {'; '.join(column)}}}")
    for left, right in pairwise(columns):
        lines.append(f"  {left[0]} -> {right[0]} [style=invis]")
    for item in model.edges:
        attributes = [EDGE_STYLES[item.kind]]
        if item.label:
            attributes.append(f'label="{html.escape(item.label)}"')
        if item.planned and item.kind == "flow":
            attributes.append("style=dashed")
        if item.kind != "flow":
            attributes.append("constraint=false")
        lines.append(f"  {item.source} -> {item.target} [{', '.join(attributes)}]")
    return "\n".join([*lines, "}", ""])


def dot_command() -> str:
    """The path of Graphviz's dot, or an error that says what to install."""
    found = shutil.which("dot")
    if not found:
        raise SystemExit("Graphviz's dot is not installed: `make graphviz` (root, apt-get), or install graphviz")
    return found


def run_dot(text: str, svg: Path, png: Path, dpi: int = 110) -> None:
    """Render the DOT text to an SVG and a PNG."""
    dot = dot_command()
    svg.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([dot, "-Tsvg", "-o", str(svg)], input=text, text=True, check=True)
    subprocess.run([dot, "-Tpng", f"-Gdpi={dpi}", "-o", str(png)], input=text, text=True, check=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--env", default="local", help="the inventory, inventories/<env> (default: local)")
    parser.add_argument("--outputs", type=Path, help="the outputs document (default: outputs/<env>.json)")
    parser.add_argument("--output-dir", type=Path, default=REPO_ROOT / "outputs", help="where the files go")
    parser.add_argument("--name", help="the files' name, without extension (default: diagram-<env>)")
    parser.add_argument("--dot", action="store_true", help="print the DOT text instead of drawing")
    args = parser.parse_args(argv)
    if not (REPO_ROOT / "inventories" / args.env).is_dir():
        parser.error(f"no inventory inventories/{args.env}")
    outputs_path = args.outputs or REPO_ROOT / "outputs" / f"{args.env}.json"
    document = load_document(outputs_path)
    model = build_model(settings(args.env, (document or {}).get("outputs")), document)
    text = render_dot(model)
    if args.dot:
        print(text, end="")
        return 0
    name = args.name or f"diagram-{args.env}"
    svg, png = args.output_dir / f"{name}.svg", args.output_dir / f"{name}.png"
    run_dot(text, svg, png)
    print(f"{svg}\n{png}\n({model.subtitle}{'' if document is None else f': {outputs_path}'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
