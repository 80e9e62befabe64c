"""State of the App Runner backend: services, their operations, and the shared resources.

Behaviour follows the App Runner API reference
(https://docs.aws.amazon.com/apprunner/latest/api/) and the botocore model:

* A create, update, deployment, pause, resume or delete puts the service in
  ``OPERATION_IN_PROGRESS`` and starts an operation (``ListOperations``) that
  stays ``IN_PROGRESS`` for the ``apprunner`` provisioning delay, then ends.
  Time is evaluated lazily: every request first settles what is due
  (``AppRunnerBackend.settle``), so with no delay an operation ends when the
  service is next read.
* A deleted service answers ``DELETED`` for the delay, then
  ``ResourceNotFoundException``; ``ListServices`` omits it.
* Auto scaling and observability configurations number revisions per name;
  the highest ACTIVE revision is the latest; deleting one makes it INACTIVE.
  Every account and region starts with App Runner's ``DefaultConfiguration``
  auto scaling configuration (min 1, max 25, concurrency 100).
* VPC connectors have one active revision per name ("At this time, App
  Runner supports only one revision per name"): a name frees up when its
  connector is deleted, and the next connector of that name gets the next
  revision.
* ``fail_next_deployment(image)`` makes the next deployment of an image fail:
  a new service ends ``CREATE_FAILED`` (operation ``FAILED``); an update or
  deployment rolls back (``ROLLBACK_IN_PROGRESS`` for the second half of the
  delay, then ``ROLLBACK_SUCCEEDED``) and the service runs its previous
  configuration again.
* A service keeps serving as it did until its operation ends: an update puts
  the new configuration in place at once (DescribeService reports it), but
  ``Service.deployed_image`` (the image answering HTTP, see ``service_http``)
  and ``Service.settled_status`` change only when the operation ends, and
  not at all when it fails or rolls back.
* The Resource Groups Tagging API (``GetResources``, ``TagResources``,
  ``UntagResources``) sees services and ACTIVE revisions, as
  ``apprunner:service``, ``apprunner:autoscalingconfiguration``,
  ``apprunner:vpcconnector`` and ``apprunner:observabilityconfiguration``,
  through moto's ``TaggableResourcesMixin``.
"""

from __future__ import annotations

import copy
import re
import secrets
import string
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import ServiceException
from moto.core.resource_tagging import TaggableResourcesMixin, TaggedResource

from emulator import delays

DELAY_KIND = "apprunner"
DEFAULT_ASC_NAME = "DefaultConfiguration"
RESERVED_OBSERVABILITY_NAME = "DefaultConfiguration"

# Quotas (https://docs.aws.amazon.com/apprunner/latest/dg/manage-autoscaling.html):
# up to 10 auto scaling configuration names, up to 5 active revisions each.
MAX_ASC_NAMES = 10
MAX_ASC_REVISIONS_PER_NAME = 5
# CreateAutoScalingConfiguration limits and defaults.
ASC_MIN_SIZE = (1, 25)
ASC_MAX_SIZE = (1, 25)
ASC_MAX_CONCURRENCY = (1, 200)
ASC_DEFAULTS = {"MinSize": 1, "MaxSize": 25, "MaxConcurrency": 100}

# InstanceConfiguration: vCPU units, with the memory sizes (MB) each one allows.
CPU_MEMORY = {
    "256": ("512", "1024"),
    "512": ("1024",),
    "1024": ("2048", "3072", "4096"),
    "2048": ("4096", "6144"),
    "4096": ("8192", "10240", "12288"),
}
DEFAULT_CPU, DEFAULT_MEMORY, DEFAULT_PORT = "1024", "2048", "8080"
HEALTH_CHECK_DEFAULTS = {
    "Protocol": "TCP",
    "Path": "/",
    "Interval": 5,
    "Timeout": 2,
    "HealthyThreshold": 1,
    "UnhealthyThreshold": 5,
}
HEALTH_CHECK_LIMITS = {key: (1, 20) for key in ("Interval", "Timeout", "HealthyThreshold", "UnhealthyThreshold")}

SERVICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$")
CONFIGURATION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,31}$")
CONNECTOR_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$")
_ARN = re.compile(
    r"^arn:aws[\w-]*:apprunner:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):(?P<kind>[a-z]+)/(?P<name>[^/]+)"
    r"(?:/(?P<revision>\d+)(?:/(?P<id>[0-9a-f]+))?)?$"
)
_SAME_ACCOUNT_ECR = re.compile(r"^(?P<account>\d{12})\.dkr\.ecr\.")
_URL_ALPHABET = string.ascii_lowercase + string.digits

BLOCKED_CODE = "AccessDeniedException"
BLOCKED_MESSAGE = (
    "Your AWS account can't use AWS App Runner: App Runner is no longer open to new customers"
    " (since April 30, 2026). Existing customers can continue to use the service as normal;"
    " AWS recommends Amazon ECS Express Mode to new customers."
)


class AppRunnerError(ServiceException):
    """An App Runner error; ``code`` names an error shape of the botocore model."""


class InvalidRequestException(AppRunnerError):
    code = "InvalidRequestException"


class InvalidStateException(AppRunnerError):
    code = "InvalidStateException"


class ResourceNotFoundException(AppRunnerError):
    code = "ResourceNotFoundException"


class ServiceQuotaExceededException(AppRunnerError):
    code = "ServiceQuotaExceededException"


# Emulator-wide switch: the account behaves as one that may not use App Runner.
_controls_lock = threading.Lock()
_account_blocked = False


def set_account_blocked(blocked: bool) -> None:
    global _account_blocked
    with _controls_lock:
        _account_blocked = bool(blocked)


def account_blocked() -> bool:
    with _controls_lock:
        return _account_blocked


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_hex_id() -> str:
    return uuid.uuid4().hex


def new_service_url(region: str) -> str:
    subdomain = "".join(secrets.choice(_URL_ALPHABET) for _ in range(10))
    return f"{subdomain}.{region}.awsapprunner.com"


def parse_arn(arn: str) -> dict[str, Any] | None:
    match = _ARN.match(arn or "")
    if not match:
        return None
    parts = match.groupdict()
    parts["revision"] = int(parts["revision"]) if parts["revision"] else None
    return parts


def check_range(name: str, value: int | None, limits: tuple[int, int]) -> None:
    low, high = limits
    if value is not None and not low <= value <= high:
        raise InvalidRequestException(f"{name} must be between {low} and {high}; got {value}")


def check_name(kind: str, name: str, pattern: re.Pattern[str]) -> None:
    if not pattern.match(name or ""):
        raise InvalidRequestException(f"{kind} name {name!r} is not valid: it must match {pattern.pattern.strip('^$')}")


def normalized_cpu(value: str) -> str:
    text = str(value).strip().lower().replace(" ", "")
    try:
        units = str(round(float(text[:-4]) * 1024)) if text.endswith("vcpu") else str(int(text))
    except ValueError:
        units = ""
    if units not in CPU_MEMORY:
        raise InvalidRequestException(f"Cpu {value!r} is not valid: use 256|512|1024|2048|4096 or 0.25|0.5|1|2|4 vCPU")
    return units


def normalized_memory(value: str) -> str:
    text = str(value).strip().lower().replace(" ", "")
    try:
        mib = str(round(float(text[:-2]) * 1024)) if text.endswith("gb") else str(int(text))
    except ValueError:
        mib = ""
    if not any(mib in allowed for allowed in CPU_MEMORY.values()):
        raise InvalidRequestException(
            f"Memory {value!r} is not valid: use 512|1024|2048|3072|4096|6144|8192|10240|12288"
            " or 0.5|1|2|3|4|6|8|10|12 GB"
        )
    return mib


def paginate(items: list[Any], max_results: int | None, next_token: str | None, limit: int) -> tuple[list, str | None]:
    """One page of items and the token of the next (tokens are offsets)."""
    try:
        start = int(next_token) if next_token else 0
    except ValueError:
        raise InvalidRequestException(f"NextToken {next_token!r} is not valid") from None
    if start < 0:
        raise InvalidRequestException(f"NextToken {next_token!r} is not valid")
    size = max_results or limit
    if not 1 <= size <= limit:
        raise InvalidRequestException(f"MaxResults must be between 1 and {limit}; got {size}")
    end = start + size
    return items[start:end], (str(end) if end < len(items) else None)


def checked_tags(tags: dict[str, str]) -> dict[str, str]:
    for key in tags:
        if not key or key.lower().startswith("aws:"):
            raise InvalidRequestException(f"Tag key {key!r} is not valid: keys can't be empty or start with aws:")
    return dict(tags)


def tags_from(tag_list: list[dict[str, str]] | None) -> dict[str, str]:
    """The tags of an API ``Tags`` list, as a dict."""
    return checked_tags({tag.get("Key") or "": tag.get("Value", "") for tag in tag_list or []})


# Operations


@dataclass
class Operation:
    """One ListOperations entry. ``outcome`` is the status it ends with."""

    type: str
    target_arn: str
    delay: float
    outcome: str = "SUCCEEDED"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: datetime = field(default_factory=utcnow)
    deadline: float = 0.0
    finished: bool = False

    def __post_init__(self) -> None:
        self.deadline = delays.now() + self.delay

    @property
    def due(self) -> bool:
        return not delays.still_provisioning(self.deadline)

    @property
    def rolling_back(self) -> bool:
        # A rollback takes the second half of the operation's time.
        return self.outcome == "ROLLBACK_SUCCEEDED" and delays.now() >= self.deadline - self.delay / 2

    @property
    def status(self) -> str:
        if self.finished:
            return self.outcome
        return "ROLLBACK_IN_PROGRESS" if self.rolling_back else "IN_PROGRESS"

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.delay)

    def summary(self) -> dict[str, Any]:
        summary = {
            "Id": self.id,
            "Type": self.type,
            "Status": self.status,
            "TargetArn": self.target_arn,
            "StartedAt": self.started_at,
            "UpdatedAt": self.started_at,
        }
        if self.finished:
            summary["EndedAt"] = summary["UpdatedAt"] = self.ended_at
        elif self.rolling_back:
            summary["UpdatedAt"] = self.started_at + timedelta(seconds=self.delay / 2)
        return summary


# Revisioned resources


@dataclass
class Revision:
    """A revision of a named, revisioned resource (auto scaling, observability, VPC connector)."""

    kind: str  # ARN resource type: autoscalingconfiguration, observabilityconfiguration, vpcconnector
    name: str
    revision: int
    region: str
    account_id: str
    id: str = field(default_factory=new_hex_id)
    status: str = "ACTIVE"
    created_at: datetime = field(default_factory=utcnow)
    deleted_at: datetime | None = None

    @property
    def arn(self) -> str:
        return f"arn:aws:apprunner:{self.region}:{self.account_id}:{self.kind}/{self.name}/{self.revision}/{self.id}"

    @property
    def active(self) -> bool:
        return self.status == "ACTIVE"

    def deactivate(self) -> None:
        self.status = "INACTIVE"
        self.deleted_at = utcnow()


@dataclass
class AutoScalingConfiguration(Revision):
    min_size: int = 1
    max_size: int = 25
    max_concurrency: int = 100
    is_default: bool = False


@dataclass
class ObservabilityConfiguration(Revision):
    trace_configuration: dict[str, Any] | None = None


@dataclass
class VpcConnector(Revision):
    subnets: list[str] = field(default_factory=list)
    security_groups: list[str] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        described = {
            "VpcConnectorName": self.name,
            "VpcConnectorArn": self.arn,
            "VpcConnectorRevision": self.revision,
            "Subnets": list(self.subnets),
            "SecurityGroups": list(self.security_groups),
            "Status": self.status,
            "CreatedAt": self.created_at,
        }
        if self.deleted_at:
            described["DeletedAt"] = self.deleted_at
        return described


# Services


# Operations that deploy the configuration in place: when they succeed, its image serves.
DEPLOYING_OPERATIONS = frozenset({"CREATE_SERVICE", "UPDATE_SERVICE", "START_DEPLOYMENT"})

CONFIGURATION_KEYS = (
    "SourceConfiguration",
    "InstanceConfiguration",
    "HealthCheckConfiguration",
    "NetworkConfiguration",
    "ObservabilityConfiguration",
)


@dataclass
class Service:
    name: str
    region: str
    account_id: str
    configuration: dict[str, Any]  # CONFIGURATION_KEYS, each a complete section
    auto_scaling: AutoScalingConfiguration
    encryption: dict[str, Any] | None = None
    id: str = field(default_factory=new_hex_id)
    url: str = ""
    status: str = "OPERATION_IN_PROGRESS"
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    deleted_at: datetime | None = None
    purge_deadline: float | None = None
    operations: list[Operation] = field(default_factory=list)
    # What an update or deployment rolls back to, and the status before a rollback or failure.
    previous: tuple[dict[str, Any], AutoScalingConfiguration, str] | None = None
    # What the service answers HTTP as: the status the last ended operation left (None while
    # it is being created), and the image of the last deployment that succeeded. Both stay
    # put during an operation, because the service serves its old deployment until then.
    settled_status: str | None = None
    deployed_image: str | None = None

    def __post_init__(self) -> None:
        self.url = self.url or new_service_url(self.region)

    @property
    def arn(self) -> str:
        return f"arn:aws:apprunner:{self.region}:{self.account_id}:service/{self.name}/{self.id}"

    @property
    def image_identifier(self) -> str | None:
        image = self.configuration["SourceConfiguration"].get("ImageRepository") or {}
        return image.get("ImageIdentifier")

    @property
    def current_operation(self) -> Operation | None:
        operation = self.operations[-1] if self.operations else None
        return operation if operation and not operation.finished else None

    def summary(self) -> dict[str, Any]:
        return {
            "ServiceName": self.name,
            "ServiceId": self.id,
            "ServiceArn": self.arn,
            "ServiceUrl": self.url,
            "CreatedAt": self.created_at,
            "UpdatedAt": self.updated_at,
            "Status": self.status,
        }


class AppRunnerBackend(BaseBackend, TaggableResourcesMixin):
    """App Runner state for one account and region."""

    SERVICE_NAMESPACE = "apprunner"

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.services: dict[str, Service] = {}
        self.auto_scaling_configurations: list[AutoScalingConfiguration] = []
        self.observability_configurations: list[ObservabilityConfiguration] = []
        self.vpc_connectors: list[VpcConnector] = []
        self.tags: dict[str, dict[str, str]] = {}
        # Images whose next deployment fails, with how many deployments to fail.
        self.failing_images: dict[str, int] = {}
        self.lock = threading.RLock()
        # Every account and region has App Runner's default auto scaling configuration.
        self._new_auto_scaling(DEFAULT_ASC_NAME, {}, {}).is_default = True

    # Controls

    def fail_next_deployment(self, image_identifier: str) -> None:
        self.failing_images[image_identifier] = self.failing_images.get(image_identifier, 0) + 1

    def _take_failure(self, image_identifier: str | None) -> bool:
        if image_identifier and self.failing_images.get(image_identifier):
            self.failing_images[image_identifier] -= 1
            if not self.failing_images[image_identifier]:
                del self.failing_images[image_identifier]
            return True
        return False

    # Time

    def settle(self) -> None:
        """End every operation that is due, and forget deleted services whose time is up."""
        for arn, service in list(self.services.items()):
            operation = service.current_operation
            if operation and operation.due:
                self._finish(service, operation)
            if service.status == "DELETED" and not delays.still_provisioning(service.purge_deadline):
                del self.services[arn]
                self.tags.pop(arn, None)

    def _finish(self, service: Service, operation: Operation) -> None:
        operation.finished = True
        service.updated_at = operation.ended_at
        if operation.type == "DELETE_SERVICE":
            service.status = "DELETED"
            service.deleted_at = operation.ended_at
            # Describable as DELETED for the delay after the deletion ended.
            service.purge_deadline = operation.deadline + operation.delay
        elif operation.type == "PAUSE_SERVICE":
            service.status = "PAUSED"
        elif operation.outcome == "FAILED":
            service.status = "CREATE_FAILED"
        elif operation.outcome == "ROLLBACK_SUCCEEDED" and service.previous:
            service.configuration, service.auto_scaling, service.status = service.previous
        else:
            service.status = "RUNNING"
        if operation.type in DEPLOYING_OPERATIONS and operation.outcome == "SUCCEEDED":
            service.deployed_image = service.image_identifier
        service.settled_status = service.status
        service.previous = None

    def _start(self, service: Service, operation_type: str, outcome: str = "SUCCEEDED") -> Operation:
        operation = Operation(
            type=operation_type,
            target_arn=service.arn,
            delay=delays.seconds_for(DELAY_KIND),
            outcome=outcome,
        )
        service.operations.append(operation)
        service.status = "OPERATION_IN_PROGRESS"
        service.updated_at = operation.started_at
        return operation

    # Services

    def get_service(self, arn: str) -> Service:
        service = self.services.get(arn)
        if service is None:
            raise ResourceNotFoundException(f"Service not found: {arn}")
        return service

    def _live_service(self, arn: str) -> Service:
        service = self.get_service(arn)
        if service.status == "DELETED":
            raise ResourceNotFoundException(f"Service {arn} is deleted")
        return service

    def _check_status(self, service: Service, action: str, allowed: Iterable[str]) -> None:
        if service.status not in allowed:
            raise InvalidStateException(
                f"Service {service.name} can't be {action} while its status is {service.status}."
            )

    def create_service(self, params: dict[str, Any]) -> tuple[Service, Operation]:
        name = params["ServiceName"]
        check_name("Service", name, SERVICE_NAME)
        if any(service.name == name and service.status != "DELETED" for service in self.services.values()):
            raise InvalidRequestException(f"Service with the provided name already exists: {name}")
        configuration = {
            "SourceConfiguration": self._source(params["SourceConfiguration"], None),
            "InstanceConfiguration": self._instance(params.get("InstanceConfiguration")),
            "HealthCheckConfiguration": self._health_check(params.get("HealthCheckConfiguration")),
            "NetworkConfiguration": self._network(params.get("NetworkConfiguration")),
            "ObservabilityConfiguration": self._observability(params.get("ObservabilityConfiguration")),
        }
        auto_scaling = self._auto_scaling_for_service(params.get("AutoScalingConfigurationArn"))
        tags = tags_from(params.get("Tags"))
        service = Service(
            name=name,
            region=self.region_name,
            account_id=self.account_id,
            configuration=configuration,
            auto_scaling=auto_scaling,
            encryption=copy.deepcopy(params.get("EncryptionConfiguration")),
        )
        self.services[service.arn] = service
        self.tags[service.arn] = tags
        outcome = "FAILED" if self._take_failure(service.image_identifier) else "SUCCEEDED"
        return service, self._start(service, "CREATE_SERVICE", outcome)

    def update_service(self, params: dict[str, Any]) -> tuple[Service, Operation]:
        service = self._live_service(params["ServiceArn"])
        self._check_status(service, "updated", ("RUNNING", "CREATE_FAILED"))
        configuration = copy.deepcopy(service.configuration)
        if params.get("SourceConfiguration") is not None:
            configuration["SourceConfiguration"] = self._source(
                params["SourceConfiguration"], service.configuration["SourceConfiguration"]
            )
        builders = {
            "InstanceConfiguration": self._instance,
            "HealthCheckConfiguration": self._health_check,
            "NetworkConfiguration": self._network,
            "ObservabilityConfiguration": self._observability,
        }
        for key, build in builders.items():
            if params.get(key) is not None:
                configuration[key] = build(params[key])
        auto_scaling = service.auto_scaling
        if params.get("AutoScalingConfigurationArn"):
            auto_scaling = self._auto_scaling_for_service(params["AutoScalingConfigurationArn"])
        service.previous = (service.configuration, service.auto_scaling, service.status)
        service.configuration, service.auto_scaling = configuration, auto_scaling
        failing = self._take_failure(service.image_identifier)
        return service, self._start(service, "UPDATE_SERVICE", "ROLLBACK_SUCCEEDED" if failing else "SUCCEEDED")

    def start_deployment(self, arn: str) -> Operation:
        service = self._live_service(arn)
        self._check_status(service, "deployed", ("RUNNING",))
        failing = self._take_failure(service.image_identifier)
        service.previous = (copy.deepcopy(service.configuration), service.auto_scaling, service.status)
        return self._start(service, "START_DEPLOYMENT", "ROLLBACK_SUCCEEDED" if failing else "SUCCEEDED")

    def pause_service(self, arn: str) -> tuple[Service, Operation]:
        service = self._live_service(arn)
        self._check_status(service, "paused", ("RUNNING",))
        return service, self._start(service, "PAUSE_SERVICE")

    def resume_service(self, arn: str) -> tuple[Service, Operation]:
        service = self._live_service(arn)
        self._check_status(service, "resumed", ("PAUSED",))
        return service, self._start(service, "RESUME_SERVICE")

    def delete_service(self, arn: str) -> tuple[Service, Operation]:
        service = self._live_service(arn)
        self._check_status(service, "deleted", ("RUNNING", "PAUSED", "CREATE_FAILED", "DELETE_FAILED"))
        return service, self._start(service, "DELETE_SERVICE")

    def list_services(self) -> list[Service]:
        return [service for service in self.services.values() if service.status != "DELETED"]

    def list_operations(self, arn: str) -> list[Operation]:
        return list(reversed(self.get_service(arn).operations))

    def describe_service(self, service: Service) -> dict[str, Any]:
        described = {
            **service.summary(),
            **copy.deepcopy(service.configuration),
            "AutoScalingConfigurationSummary": self.auto_scaling_summary(service.auto_scaling),
        }
        if service.encryption:
            described["EncryptionConfiguration"] = copy.deepcopy(service.encryption)
        if service.deleted_at:
            described["DeletedAt"] = service.deleted_at
        return described

    # Service configuration sections, completed with App Runner's defaults

    def _source(self, given: dict[str, Any], current: dict[str, Any] | None) -> dict[str, Any]:
        has_image, has_code = bool(given.get("ImageRepository")), bool(given.get("CodeRepository"))
        if current is None and has_image == has_code:
            raise InvalidRequestException("SourceConfiguration needs either ImageRepository or CodeRepository")
        if current is not None and (
            (has_image and current.get("CodeRepository")) or (has_code and current.get("ImageRepository"))
        ):
            raise InvalidRequestException(
                "You can't switch a service between a source code repository and a source image repository"
            )
        source = copy.deepcopy(current) if current else {}
        for key in ("ImageRepository", "CodeRepository", "AuthenticationConfiguration", "AutoDeploymentsEnabled"):
            if given.get(key) is not None:
                source[key] = copy.deepcopy(given[key])
        image = source.get("ImageRepository")
        if image:
            image.setdefault("ImageConfiguration", {}).setdefault("Port", DEFAULT_PORT)
            private_ecr = image.get("ImageRepositoryType") == "ECR"
            if private_ecr and not (source.get("AuthenticationConfiguration") or {}).get("AccessRoleArn"):
                raise InvalidRequestException(
                    "Authentication configuration is invalid: an image in an Amazon ECR private repository needs"
                    " AuthenticationConfiguration.AccessRoleArn"
                )
        if source.get("AutoDeploymentsEnabled") is None:
            # App Runner's default: on, except for ECR Public and ECR repositories of other accounts.
            source["AutoDeploymentsEnabled"] = self._same_account_source(source)
        return source

    def _same_account_source(self, source: dict[str, Any]) -> bool:
        image = source.get("ImageRepository")
        if not image:
            return True
        if image.get("ImageRepositoryType") != "ECR":
            return False
        match = _SAME_ACCOUNT_ECR.match(image.get("ImageIdentifier", ""))
        return bool(match) and match.group("account") == self.account_id

    def _instance(self, given: dict[str, Any] | None) -> dict[str, Any]:
        given = given or {}
        cpu = normalized_cpu(given.get("Cpu") or DEFAULT_CPU)
        memory = normalized_memory(given.get("Memory") or DEFAULT_MEMORY)
        if memory not in CPU_MEMORY[cpu]:
            raise InvalidRequestException(
                f"Memory {memory} is not supported with Cpu {cpu}; supported: {', '.join(CPU_MEMORY[cpu])}"
            )
        instance = {"Cpu": cpu, "Memory": memory}
        if given.get("InstanceRoleArn"):
            instance["InstanceRoleArn"] = given["InstanceRoleArn"]
        return instance

    def _health_check(self, given: dict[str, Any] | None) -> dict[str, Any]:
        health = {**HEALTH_CHECK_DEFAULTS, **{key: value for key, value in (given or {}).items() if value is not None}}
        for key, limits in HEALTH_CHECK_LIMITS.items():
            check_range(f"HealthCheckConfiguration.{key}", health[key], limits)
        return health

    def _network(self, given: dict[str, Any] | None) -> dict[str, Any]:
        given = given or {}
        egress_given = given.get("EgressConfiguration") or {}
        egress_type = egress_given.get("EgressType") or "DEFAULT"
        egress: dict[str, Any] = {"EgressType": egress_type}
        connector_arn = egress_given.get("VpcConnectorArn")
        if egress_type == "VPC":
            if not connector_arn:
                raise InvalidRequestException("EgressType VPC needs a VpcConnectorArn")
            connector = self.find_vpc_connector(connector_arn)
            if connector is None or not connector.active:
                raise InvalidRequestException(f"VPC connector {connector_arn} doesn't exist or isn't active")
            egress["VpcConnectorArn"] = connector.arn
        elif connector_arn:
            raise InvalidRequestException("VpcConnectorArn is only valid when EgressType is VPC")
        ingress = given.get("IngressConfiguration") or {}
        public = ingress.get("IsPubliclyAccessible")
        return {
            "EgressConfiguration": egress,
            "IngressConfiguration": {"IsPubliclyAccessible": True if public is None else public},
            "IpAddressType": given.get("IpAddressType") or "IPV4",
        }

    def _observability(self, given: dict[str, Any] | None) -> dict[str, Any]:
        if not given or not given.get("ObservabilityEnabled"):
            return {"ObservabilityEnabled": False}
        arn = given.get("ObservabilityConfigurationArn")
        if not arn:
            raise InvalidRequestException("ObservabilityEnabled true needs an ObservabilityConfigurationArn")
        configuration = self._resolve(self.observability_configurations, "observabilityconfiguration", arn)
        if configuration is None or not configuration.active:
            raise InvalidRequestException(f"Observability configuration {arn} doesn't exist or isn't active")
        return {"ObservabilityEnabled": True, "ObservabilityConfigurationArn": configuration.arn}

    def _auto_scaling_for_service(self, arn: str | None) -> AutoScalingConfiguration:
        if not arn:
            return self.default_auto_scaling()
        configuration = self._resolve(self.auto_scaling_configurations, "autoscalingconfiguration", arn)
        if configuration is None or not configuration.active:
            raise InvalidRequestException(f"Auto scaling configuration {arn} doesn't exist or isn't active")
        return configuration

    # Revisioned resources

    def _resolve(self, revisions: list[Any], kind: str, arn: str) -> Any:
        """The revision an ARN names: full ARN, ``.../name/revision``, or ``.../name`` (latest active)."""
        parts = parse_arn(arn)
        if not parts or parts["kind"] != kind:
            return None
        if parts["region"] != self.region_name or parts["account"] != self.account_id:
            return None
        named = [revision for revision in revisions if revision.name == parts["name"]]
        if parts["id"]:
            return next((revision for revision in named if revision.arn == arn), None)
        if parts["revision"] is not None:
            return next((revision for revision in named if revision.revision == parts["revision"]), None)
        return self._latest(named)

    @staticmethod
    def _latest(revisions: Iterable[Any]) -> Any:
        active = [revision for revision in revisions if revision.active]
        return max(active, key=lambda revision: revision.revision) if active else None

    def _next_revision(self, revisions: list[Any], name: str) -> int:
        return max((revision.revision for revision in revisions if revision.name == name), default=0) + 1

    def _services_using(self, predicate: Callable[[Service], bool]) -> list[Service]:
        return [service for service in self.services.values() if service.status != "DELETED" and predicate(service)]

    # Auto scaling configurations

    def default_auto_scaling(self) -> AutoScalingConfiguration:
        default = next((asc for asc in self.auto_scaling_configurations if asc.is_default and asc.active), None)
        if default is None:
            # The default was deleted: App Runner's own DefaultConfiguration comes back.
            default = self._new_auto_scaling(DEFAULT_ASC_NAME, {}, {})
            default.is_default = True
        return default

    def create_auto_scaling_configuration(self, params: dict[str, Any]) -> AutoScalingConfiguration:
        name = params["AutoScalingConfigurationName"]
        check_name("Auto scaling configuration", name, CONFIGURATION_NAME)
        settings = {key: params.get(key, default) for key, default in ASC_DEFAULTS.items()}
        check_range("MinSize", settings["MinSize"], ASC_MIN_SIZE)
        check_range("MaxSize", settings["MaxSize"], ASC_MAX_SIZE)
        check_range("MaxConcurrency", settings["MaxConcurrency"], ASC_MAX_CONCURRENCY)
        if settings["MinSize"] > settings["MaxSize"]:
            raise InvalidRequestException(
                f"MinSize ({settings['MinSize']}) can't be greater than MaxSize ({settings['MaxSize']})"
            )
        active = [asc for asc in self.auto_scaling_configurations if asc.active]
        same_name = [asc for asc in active if asc.name == name]
        if len(same_name) >= MAX_ASC_REVISIONS_PER_NAME:
            raise ServiceQuotaExceededException(
                f"You've reached the quota of {MAX_ASC_REVISIONS_PER_NAME} revisions for auto scaling"
                f" configuration {name}. Delete a revision, then try again."
            )
        # App Runner's own DefaultConfiguration doesn't count against the quota of names.
        custom_names = {asc.name for asc in active if asc.name != DEFAULT_ASC_NAME}
        if not same_name and len(custom_names) >= MAX_ASC_NAMES:
            raise ServiceQuotaExceededException(
                f"You've reached the quota of {MAX_ASC_NAMES} auto scaling configuration names in this account"
                " and Region. Delete one, then try again."
            )
        return self._new_auto_scaling(name, settings, tags_from(params.get("Tags")))

    def _new_auto_scaling(self, name: str, settings: dict[str, int], tags: dict[str, str]) -> AutoScalingConfiguration:
        settings = {**ASC_DEFAULTS, **settings}
        configuration = AutoScalingConfiguration(
            kind="autoscalingconfiguration",
            name=name,
            revision=self._next_revision(self.auto_scaling_configurations, name),
            region=self.region_name,
            account_id=self.account_id,
            min_size=settings["MinSize"],
            max_size=settings["MaxSize"],
            max_concurrency=settings["MaxConcurrency"],
        )
        self.auto_scaling_configurations.append(configuration)
        self.tags[configuration.arn] = tags
        return configuration

    def get_auto_scaling_configuration(self, arn: str) -> AutoScalingConfiguration:
        configuration = self._resolve(self.auto_scaling_configurations, "autoscalingconfiguration", arn)
        if configuration is None:
            raise ResourceNotFoundException(f"Auto scaling configuration not found: {arn}")
        return configuration

    def delete_auto_scaling_configuration(self, arn: str, all_revisions: bool) -> AutoScalingConfiguration:
        if all_revisions:
            parts = parse_arn(arn)
            if not parts or parts["revision"] is not None:
                raise InvalidRequestException(
                    "With DeleteAllRevisions, AutoScalingConfigurationArn must be a partial ARN ending with the name"
                )
            latest = self.get_auto_scaling_configuration(arn)
            targets = [asc for asc in self.auto_scaling_configurations if asc.name == latest.name and asc.active]
        else:
            target = self.get_auto_scaling_configuration(arn)
            if not target.active:
                raise ResourceNotFoundException(f"Auto scaling configuration {arn} is already deleted")
            targets = [target]
        for target in targets:
            if target.is_default:
                raise InvalidRequestException(
                    f"You can't delete the default auto scaling configuration {target.arn}."
                    " Make another configuration the default first."
                )
            if self._services_using(lambda service, target=target: service.auto_scaling is target):
                raise InvalidRequestException(
                    f"Auto scaling configuration {target.arn} is used by one or more services and can't be deleted"
                )
        for target in targets:
            target.deactivate()
        return max(targets, key=lambda asc: asc.revision)

    def update_default_auto_scaling_configuration(self, arn: str) -> AutoScalingConfiguration:
        target = self.get_auto_scaling_configuration(arn)
        if not target.active:
            raise InvalidRequestException(f"Auto scaling configuration {target.arn} isn't active")
        for configuration in self.auto_scaling_configurations:
            configuration.is_default = configuration is target
        return target

    def list_auto_scaling_configurations(self, name: str | None, latest_only: bool) -> list[AutoScalingConfiguration]:
        active = [asc for asc in self.auto_scaling_configurations if asc.active and (not name or asc.name == name)]
        if latest_only:
            active = [asc for asc in active if asc is self._latest(a for a in active if a.name == asc.name)]
        return sorted(active, key=lambda asc: (asc.name, -asc.revision))

    def services_for_auto_scaling_configuration(self, arn: str) -> list[str]:
        target = self.get_auto_scaling_configuration(arn)
        return [service.arn for service in self._services_using(lambda service: service.auto_scaling is target)]

    def _asc_flags(self, configuration: AutoScalingConfiguration) -> dict[str, Any]:
        latest = self._latest(asc for asc in self.auto_scaling_configurations if asc.name == configuration.name)
        return {
            "Latest": configuration is latest,
            "HasAssociatedService": bool(self._services_using(lambda service: service.auto_scaling is configuration)),
            "IsDefault": configuration.is_default,
        }

    def auto_scaling_summary(self, configuration: AutoScalingConfiguration) -> dict[str, Any]:
        flags = self._asc_flags(configuration)
        return {
            "AutoScalingConfigurationArn": configuration.arn,
            "AutoScalingConfigurationName": configuration.name,
            "AutoScalingConfigurationRevision": configuration.revision,
            "Status": configuration.status,
            "CreatedAt": configuration.created_at,
            "HasAssociatedService": flags["HasAssociatedService"],
            "IsDefault": flags["IsDefault"],
        }

    def describe_auto_scaling_configuration(self, configuration: AutoScalingConfiguration) -> dict[str, Any]:
        described = {
            "AutoScalingConfigurationArn": configuration.arn,
            "AutoScalingConfigurationName": configuration.name,
            "AutoScalingConfigurationRevision": configuration.revision,
            "Status": configuration.status,
            "MaxConcurrency": configuration.max_concurrency,
            "MinSize": configuration.min_size,
            "MaxSize": configuration.max_size,
            "CreatedAt": configuration.created_at,
            **self._asc_flags(configuration),
        }
        if configuration.deleted_at:
            described["DeletedAt"] = configuration.deleted_at
        return described

    # Observability configurations

    def create_observability_configuration(self, params: dict[str, Any]) -> ObservabilityConfiguration:
        name = params["ObservabilityConfigurationName"]
        check_name("Observability configuration", name, CONFIGURATION_NAME)
        if name == RESERVED_OBSERVABILITY_NAME:
            raise InvalidRequestException(f"The name {RESERVED_OBSERVABILITY_NAME} is reserved")
        configuration = ObservabilityConfiguration(
            kind="observabilityconfiguration",
            name=name,
            revision=self._next_revision(self.observability_configurations, name),
            region=self.region_name,
            account_id=self.account_id,
            trace_configuration=copy.deepcopy(params.get("TraceConfiguration")),
        )
        self.observability_configurations.append(configuration)
        self.tags[configuration.arn] = tags_from(params.get("Tags"))
        return configuration

    def get_observability_configuration(self, arn: str) -> ObservabilityConfiguration:
        configuration = self._resolve(self.observability_configurations, "observabilityconfiguration", arn)
        if configuration is None:
            raise ResourceNotFoundException(f"Observability configuration not found: {arn}")
        return configuration

    def _uses_observability(self, configuration: ObservabilityConfiguration) -> Callable[[Service], bool]:
        def uses(service: Service) -> bool:
            observability = service.configuration["ObservabilityConfiguration"]
            return observability.get("ObservabilityConfigurationArn") == configuration.arn

        return uses

    def delete_observability_configuration(self, arn: str) -> ObservabilityConfiguration:
        configuration = self.get_observability_configuration(arn)
        if not configuration.active:
            raise ResourceNotFoundException(f"Observability configuration {arn} is already deleted")
        if self._services_using(self._uses_observability(configuration)):
            raise InvalidRequestException(
                f"Observability configuration {configuration.arn} is used by one or more services and can't be deleted"
            )
        configuration.deactivate()
        return configuration

    def list_observability_configurations(
        self, name: str | None, latest_only: bool
    ) -> list[ObservabilityConfiguration]:
        active = [oc for oc in self.observability_configurations if oc.active and (not name or oc.name == name)]
        if latest_only:
            active = [oc for oc in active if oc is self._latest(o for o in active if o.name == oc.name)]
        return sorted(active, key=lambda oc: (oc.name, -oc.revision))

    def describe_observability_configuration(self, configuration: ObservabilityConfiguration) -> dict[str, Any]:
        latest = self._latest(oc for oc in self.observability_configurations if oc.name == configuration.name)
        described = {
            "ObservabilityConfigurationArn": configuration.arn,
            "ObservabilityConfigurationName": configuration.name,
            "ObservabilityConfigurationRevision": configuration.revision,
            "Latest": configuration is latest,
            "Status": configuration.status,
            "CreatedAt": configuration.created_at,
        }
        if configuration.trace_configuration:
            described["TraceConfiguration"] = copy.deepcopy(configuration.trace_configuration)
        if configuration.deleted_at:
            described["DeletedAt"] = configuration.deleted_at
        return described

    # VPC connectors

    def create_vpc_connector(self, params: dict[str, Any]) -> VpcConnector:
        name = params["VpcConnectorName"]
        check_name("VPC connector", name, CONNECTOR_NAME)
        if not params.get("Subnets"):
            raise InvalidRequestException("Subnets must list at least one subnet ID")
        if any(connector.name == name and connector.active for connector in self.vpc_connectors):
            raise InvalidRequestException(
                f"A VPC connector named {name} already exists; App Runner supports one active revision per name"
            )
        connector = VpcConnector(
            kind="vpcconnector",
            name=name,
            revision=self._next_revision(self.vpc_connectors, name),
            region=self.region_name,
            account_id=self.account_id,
            subnets=list(params["Subnets"]),
            security_groups=list(params.get("SecurityGroups") or []),
        )
        self.vpc_connectors.append(connector)
        self.tags[connector.arn] = tags_from(params.get("Tags"))
        return connector

    def find_vpc_connector(self, arn: str) -> VpcConnector | None:
        return next((connector for connector in self.vpc_connectors if connector.arn == arn), None)

    def get_vpc_connector(self, arn: str) -> VpcConnector:
        connector = self.find_vpc_connector(arn)
        if connector is None:
            raise ResourceNotFoundException(f"VPC connector not found: {arn}")
        return connector

    def delete_vpc_connector(self, arn: str) -> VpcConnector:
        connector = self.get_vpc_connector(arn)
        if not connector.active:
            raise ResourceNotFoundException(f"VPC connector {arn} is already deleted")

        def uses(service: Service) -> bool:
            egress = service.configuration["NetworkConfiguration"]["EgressConfiguration"]
            return egress.get("VpcConnectorArn") == connector.arn

        if self._services_using(uses):
            raise InvalidRequestException(
                f"VPC connector {connector.arn} is used by one or more services and can't be deleted"
            )
        connector.deactivate()
        return connector

    # Tags

    def _tagged(self, arn: str) -> dict[str, str]:
        if arn not in self.tags:
            raise ResourceNotFoundException(f"Resource not found: {arn}")
        return self.tags[arn]

    # Also TaggableResourcesMixin's tag_resource / untag_resource, which the Resource Groups
    # Tagging API calls without App Runner's request handling: hence the lock and settle here.
    def tag_resource(self, arn: str, tags: dict[str, str]) -> None:
        with self.lock:
            self.settle()
            self._tagged(arn).update(checked_tags(tags))

    def untag_resource(self, arn: str, tag_keys: list[str]) -> None:
        with self.lock:
            self.settle()
            tags = self._tagged(arn)
            for key in tag_keys:
                tags.pop(key, None)

    def list_tags(self, arn: str) -> list[dict[str, str]]:
        return [{"Key": key, "Value": value} for key, value in self._tagged(arn).items()]

    # Resource Groups Tagging API (TaggableResourcesMixin)

    def iter_tagged_resources(self) -> Iterator[TaggedResource]:
        """Live resources only: services that are not ``DELETED``, and ``ACTIVE`` revisions.

        The GetResources reference promises "tagged or previously tagged resources" and says
        nothing of deleted ones (users report deleted resources lingering there for a while,
        e.g. https://repost.aws/questions/QUH0hblHnBT9iK5VpfsVRnBQ). A deleted App Runner
        resource can't be used any more and ListServices and the List*Configurations calls
        leave it out, so this does too, at once. The resources are collected under the lock
        and yielded afterwards, because the tagging API keeps this generator between pages.
        """
        with self.lock:
            self.settle()
            live: list[tuple[str, str]] = [
                (service.arn, "service") for service in self.services.values() if service.status != "DELETED"
            ]
            revisions = (*self.auto_scaling_configurations, *self.vpc_connectors, *self.observability_configurations)
            live += [(revision.arn, revision.kind) for revision in revisions if revision.active]
            resources = [
                TaggedResource(arn=arn, tags=dict(self.tags.get(arn, {})), resource_type=f"apprunner:{kind}")
                for arn, kind in live
            ]
        yield from resources


apprunner_backends = BackendDict(AppRunnerBackend, "apprunner")
