"""The closing screen of `make demo`: what was built, where the outputs and the log are, what to try next.

    python -m emulator.demo --outputs outputs/local.json --log .demo/site.log --endpoint URL [--keep]

Reads only the outputs file the run wrote, so it works the same for any inventory.
"""

import argparse
import json
import sys
from pathlib import Path


def _network(outputs: dict) -> str:
    subnets = sum(len(ids) for ids in outputs.get("subnet_ids", {}).values())
    zones = ", ".join(outputs.get("availability_zones", []))
    nat = len(outputs.get("nat_gateway_ids", []))
    groups = len(outputs.get("security_group_ids", {}))
    flow = "flow logs on" if outputs.get("flow_log_group_name") else "no flow logs"
    return (
        f"VPC {outputs.get('vpc_id')} {outputs.get('vpc_cidr')}, {subnets} subnets in {zones}, "
        f"{nat} NAT gateway(s), {groups} security groups, {flow}"
    )


def _secrets(outputs: dict) -> str:
    names = outputs.get("secret_names", {})
    return f"KMS key {outputs.get('kms_key_alias')}, {len(names)} secrets (e.g. {outputs.get('db_credentials_name')})"


def _rds(outputs: dict) -> str:
    proxy = f", proxy {outputs['proxy_endpoint']}" if outputs.get("proxy_endpoint") else ""
    return (
        f"PostgreSQL {outputs.get('engine_version')} {outputs.get('instance_identifier')} at "
        f"{outputs.get('endpoint_host')}:{outputs.get('endpoint_port')}{proxy}"
    )


SUMMARIES = {"network": _network, "secrets": _secrets, "rds": _rds}


def summary(document: dict) -> list[str]:
    lines = []
    for tier, outputs in document.get("outputs", {}).items():
        describe = SUMMARIES.get(tier, lambda values: f"{len(values)} outputs")
        lines.append(f"  {tier:<9} {describe(outputs)}")
    return lines


def next_steps(environment: str, outputs_path: str, endpoint: str, keep: bool) -> list[str]:
    variables = f"AWS_ENDPOINT_URL={endpoint} AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing"
    if not keep:
        return [
            "The emulator is stopped and its state is gone. To keep it and look around:",
            "  make demo KEEP=1",
        ]
    return [
        f"The emulator keeps running with the state, on {endpoint}. Next:",
        f"  export {variables} AWS_DEFAULT_REGION=us-east-1",
        f"  .venv/bin/ansible-playbook site.yml -i inventories/{environment} --check --diff   # a dry run: changed=0",
        '  .venv/bin/python -c \'import boto3; print(boto3.client("rds").describe_db_instances()'
        '["DBInstances"][0]["DBInstanceStatus"])\'',
        f"  aws ec2 describe-vpcs   # with the AWS CLI, if installed; outputs: {outputs_path}",
        "  make emulator-stop      # tears it all down: the emulator keeps state in memory only",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outputs", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    outputs_path = Path(args.outputs)
    if not outputs_path.exists():
        print(f"No outputs were written: the run failed. The full log is {args.log}")
        return 1
    document = json.loads(outputs_path.read_text())
    environment = document.get("environment", "local")
    lines = [
        f"Built {document.get('application')}-{environment} in {document.get('region')} on the emulator:",
        *summary(document),
        f"Outputs: {args.outputs}   Full log: {args.log}",
        "",
        *next_steps(environment, args.outputs, args.endpoint, args.keep),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
