"""Unit tests of the ecs_containers_with_image filter."""

import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.appstack.aws.plugins.filter.ecs_deploy import ecs_containers_with_image

OLD = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-backend:1f0c2ab"
NEW = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-backend:2b7d9e4"

# As appstack.aws.ecs_task_definition_info returns them: snake_case keys, user maps kept.
API = {
    "name": "api",
    "image": OLD,
    "essential": True,
    "cpu": 0,
    "port_mappings": [{"container_port": 8080, "host_port": 8080, "protocol": "tcp"}],
    "environment": [{"name": "DATABASE_HOST", "value": "db"}],
    "secrets": [{"name": "JWT_SECRET", "value_from": "arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt"}],
    "readonly_root_filesystem": True,
    "health_check": {"command": ["CMD", "true"], "start_period": 10},
    "log_configuration": {
        "log_driver": "awslogs",
        "options": {"awslogs-group": "/ecs/shop-api-prod", "awslogs-stream-prefix": "api"},
    },
    "docker_labels": {"team_name": "web"},
}
SIDECAR = {"name": "xray", "image": "amazon/aws-xray-daemon:3", "essential": False}


def test_the_named_container_gets_the_image_and_every_key_the_api_s_shape():
    api, sidecar = ecs_containers_with_image([API, SIDECAR], "api", NEW)

    assert api["image"] == NEW
    assert api["portMappings"] == [{"containerPort": 8080, "hostPort": 8080, "protocol": "tcp"}]
    assert api["secrets"][0]["valueFrom"].endswith(":secret:jwt")
    assert api["readonlyRootFilesystem"] is True
    assert api["healthCheck"] == {"command": ["CMD", "true"], "startPeriod": 10}
    assert api["logConfiguration"] == {
        "logDriver": "awslogs",
        "options": {"awslogs-group": "/ecs/shop-api-prod", "awslogs-stream-prefix": "api"},
    }
    # User maps keep their keys.
    assert api["dockerLabels"] == {"team_name": "web"}
    assert sidecar == {"name": "xray", "image": "amazon/aws-xray-daemon:3", "essential": False}


def test_the_input_is_left_as_it_was():
    ecs_containers_with_image([API], "api", NEW)
    assert API["image"] == OLD


def test_an_unknown_container_fails_naming_the_containers():
    with pytest.raises(AnsibleFilterError, match="no container 'web'; its containers: api, xray"):
        ecs_containers_with_image([API, SIDECAR], "web", NEW)
