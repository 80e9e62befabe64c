"""The closing screen of `make demo`: what was built, where the outputs and the log are, what to try next.

    python -m emulator.demo --outputs outputs/local.json --log .demo/site.log --endpoint URL [--keep]
    python -m emulator.demo --push-image TAG --endpoint URL   # the demo's first image, as docker push leaves it

Reads the outputs file the run wrote, so it works the same for any inventory; the service's health
answer comes from the emulator's address of the service.
"""

import argparse
import hashlib
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

from emulator.client import EmulatorClient


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


def _ecr(outputs: dict) -> str:
    return f"repository {outputs.get('repository_uri')}"


def _iam(outputs: dict) -> str:
    roles = [
        arn.rsplit("/", 1)[-1]
        for arn in (outputs.get("apprunner_access_role_arn"), outputs.get("apprunner_instance_role_arn"))
        if arn
    ]
    return f"roles {', '.join(roles)}"


def _apprunner(outputs: dict) -> str:
    if not outputs.get("service_url"):
        return f"{outputs.get('service_name')}: not created yet (no image deployed)"
    return f"{outputs.get('service_name')} {outputs.get('status')} at https://{outputs['service_url']}, image {outputs.get('image')}"


def _s3_cloudfront(outputs: dict) -> str:
    api = f"/api/* to {outputs['api_origin']}" if outputs.get("api_origin") else "no /api/* yet (no service)"
    return (
        f"CloudFront https://{outputs.get('distribution_domain')} ({outputs.get('distribution_id')}, "
        f"{outputs.get('status')}) from bucket {outputs.get('bucket_name')}, {api}"
    )


SUMMARIES = {
    "network": _network,
    "iam": _iam,
    "secrets": _secrets,
    "rds": _rds,
    "ecr": _ecr,
    "apprunner": _apprunner,
    "s3_cloudfront": _s3_cloudfront,
}


def health_answer(endpoint: str, service_url: str) -> str:
    """GET /health of the service, at the emulator's address of it: the status and the body."""
    address = EmulatorClient(endpoint).service_http_base(service_url) + "/health"
    try:
        with urllib.request.urlopen(address, timeout=10) as answer:
            return f"{answer.status} {answer.read().decode()}"
    except urllib.error.HTTPError as error:
        return f"{error.code} {error.read().decode()}"
    except OSError as error:
        return f"no answer ({error})"


def push_image(endpoint: str, tag: str, repository: str = "smartscheduler-backend") -> None:
    """A minimal image manifest under tag, as docker push would leave it in ECR."""
    digest = "sha256:" + hashlib.sha256(f"{repository}:{tag}".encode()).hexdigest()
    manifest = {
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1024, "digest": digest},
        "layers": [],
    }
    EmulatorClient(endpoint).client("ecr").put_image(
        repositoryName=repository, imageManifest=json.dumps(manifest), imageTag=tag
    )


def summary(document: dict) -> list[str]:
    lines = []
    recorded = document.get("outputs", {})
    # The tiers in build order, then any other the file holds.
    order = [tier for tier in SUMMARIES if tier in recorded] + [tier for tier in recorded if tier not in SUMMARIES]
    for tier, outputs in ((tier, recorded[tier]) for tier in order):
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


def _health_lines(document: dict, endpoint: str) -> list[str]:
    service_url = document.get("outputs", {}).get("apprunner", {}).get("service_url")
    if not service_url:
        return []
    return [f"  GET https://{service_url}/health -> {health_answer(endpoint, service_url)}"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--outputs")
    parser.add_argument("--log")
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--push-image", metavar="TAG")
    args = parser.parse_args(argv)
    if args.push_image:
        push_image(args.endpoint, args.push_image)
        print(f"Pushed the demo image smartscheduler-backend:{args.push_image}")
        return 0
    if not args.outputs or not args.log:
        parser.error("--outputs and --log are needed, unless --push-image")

    outputs_path = Path(args.outputs)
    if not outputs_path.exists():
        print(f"No outputs were written: the run failed. The full log is {args.log}")
        return 1
    document = json.loads(outputs_path.read_text())
    environment = document.get("environment", "local")
    lines = [
        f"Built {document.get('application')}-{environment} in {document.get('region')} on the emulator:",
        *summary(document),
        *_health_lines(document, args.endpoint),
        f"Outputs: {args.outputs}   Full log: {args.log}",
        "",
        *next_steps(environment, args.outputs, args.endpoint, args.keep),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
