"""The emulator answers as AWS does where the ecs tier's IAM roles need it: the AWS managed policy that ECS native
blue/green's infrastructure role attaches exists.

The test fails on stock moto 5.2.5.
"""

from __future__ import annotations

import json

from emulator.client import EmulatorClient

INFRASTRUCTURE_POLICY = "arn:aws:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers"


def test_the_ecs_infrastructure_role_policy_for_load_balancers_can_be_attached(emulator: EmulatorClient):
    """https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html"""
    iam = emulator.client("iam")
    policy = iam.get_policy(PolicyArn=INFRASTRUCTURE_POLICY)["Policy"]
    assert (policy["PolicyName"], policy["Path"]) == ("AmazonECSInfrastructureRolePolicyForLoadBalancers", "/")
    trust = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}],
    }
    iam.create_role(RoleName="infrastructure", AssumeRolePolicyDocument=json.dumps(trust))
    iam.attach_role_policy(RoleName="infrastructure", PolicyArn=INFRASTRUCTURE_POLICY)
    attached = iam.list_attached_role_policies(RoleName="infrastructure")["AttachedPolicies"]
    assert [p["PolicyArn"] for p in attached] == [INFRASTRUCTURE_POLICY]
