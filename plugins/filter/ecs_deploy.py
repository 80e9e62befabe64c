"""A task definition revision for a new image: the containers of the running revision with one image changed.

The deploy reads the revision an ECS service runs with appstack.aws.ecs_task_definition_info, which returns its
keys in snake_case (the keys of user maps, such as log options and Docker labels, as they are), and registers the
next revision with appstack.aws.ecs_task_definition, which takes containers in the API's camelCase: everything
but the image stays as the service runs it.
"""

DOCUMENTATION = r"""
name: ecs_deploy
version_added: 0.7.0
short_description: The containers of a task definition revision, in the API's shape, with one container's image changed
description:
  - C(ecs_containers_with_image(container, image)) takes the C(container_definitions) of M(appstack.aws.ecs_task_definition_info) (snake_case keys) and returns
    them as C(RegisterTaskDefinition) takes them (camelCase keys), the keys of user maps (C(options),
    C(docker_labels), C(labels), C(driver_opts)) kept as they are, with the image of the container named
    I(container) set to I(image).
  - Fails when no container has that name.
options:
  _input:
    description: The C(container_definitions) of a task definition, as the _info module returns them.
    type: list
    elements: dict
    required: true
  container:
    description: The name of the container whose image changes.
    type: str
    required: true
  image:
    description: The new image, C(repository_uri:tag).
    type: str
    required: true
"""

EXAMPLES = r"""
- name: Register the service's task definition again with the new image
  appstack.aws.ecs_task_definition:
    family: shop-api-prod
    containers: "{{ running.task_definitions[0].container_definitions | appstack.aws.ecs_containers_with_image('api', image) }}"
"""

RETURN = r"""
_value:
  description: The containers in camelCase, the named one with the new image.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleFilterError

# Snake-case keys whose values are user data (their own keys are not converted); ecs_task_definition_plan.USER_KEYED
# in the shape the _info module returns them.
USER_KEYED = ("options", "docker_labels", "labels", "driver_opts")


def _camel(name):
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _to_camel(value):
    if isinstance(value, dict):
        return {
            _camel(key): (dict(item) if key in USER_KEYED and isinstance(item, dict) else _to_camel(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_to_camel(item) for item in value]
    return value


def ecs_containers_with_image(containers, container, image):
    containers = list(containers or [])
    names = [definition.get("name") for definition in containers]
    if container not in names:
        raise AnsibleFilterError(
            f"ecs_containers_with_image: the task definition has no container {container!r}; its containers: "
            f"{', '.join(map(str, names)) or 'none'}"
        )
    result = []
    for definition in containers:
        camel = _to_camel(definition)
        if definition.get("name") == container:
            camel["image"] = image
        result.append(camel)
    return result


class FilterModule:
    def filters(self):
        return {"ecs_containers_with_image": ecs_containers_with_image}
