"""The App Runner API (JSON 1.0, ``X-Amz-Target: AppRunner.<Operation>``) over ``AppRunnerBackend``.

Requests are parsed and answers serialized by moto from the botocore model, so
every method returns an ``ActionResult`` shaped like the operation's output.
"""

from __future__ import annotations

import json
from typing import Any

from moto.core.responses import ActionResult, BaseResponse

from emulator.backends.apprunner.models import (
    BLOCKED_CODE,
    BLOCKED_MESSAGE,
    AppRunnerBackend,
    account_blocked,
    apprunner_backends,
    paginate,
    tags_from,
)

# MaxResults limits of the list operations (botocore model).
SERVICE_PAGE_LIMIT = 20
OPERATION_PAGE_LIMIT = 20
PAGE_LIMIT = 100


class AppRunnerResponse(BaseResponse):
    def __init__(self) -> None:
        super().__init__(service_name="apprunner")
        self.automated_parameter_parsing = True

    @property
    def backend(self) -> AppRunnerBackend:
        return apprunner_backends[self.current_account][self.region]

    def call_action(self) -> Any:
        if account_blocked():
            return _error(BLOCKED_CODE, BLOCKED_MESSAGE)
        backend = self.backend
        with backend.lock:
            backend.settle()
            try:
                return super().call_action()
            except NotImplementedError:
                # As for a service nobody serves: 501, which SDKs don't retry.
                action = self._get_action()
                return _error("NotImplemented", f"The emulator does not implement App Runner {action}", 501)

    def _page(self, items: list[Any], limit: int) -> tuple[list[Any], dict[str, str]]:
        page, token = paginate(items, self._get_param("MaxResults"), self._get_param("NextToken"), limit)
        return page, ({"NextToken": token} if token else {})

    # Services

    def create_service(self) -> ActionResult:
        service, operation = self.backend.create_service(self.params)
        return ActionResult({"Service": self.backend.describe_service(service), "OperationId": operation.id})

    def describe_service(self) -> ActionResult:
        service = self.backend.get_service(self._get_param("ServiceArn"))
        return ActionResult({"Service": self.backend.describe_service(service)})

    def update_service(self) -> ActionResult:
        service, operation = self.backend.update_service(self.params)
        return ActionResult({"Service": self.backend.describe_service(service), "OperationId": operation.id})

    def delete_service(self) -> ActionResult:
        service, operation = self.backend.delete_service(self._get_param("ServiceArn"))
        return ActionResult({"Service": self.backend.describe_service(service), "OperationId": operation.id})

    def pause_service(self) -> ActionResult:
        service, operation = self.backend.pause_service(self._get_param("ServiceArn"))
        return ActionResult({"Service": self.backend.describe_service(service), "OperationId": operation.id})

    def resume_service(self) -> ActionResult:
        service, operation = self.backend.resume_service(self._get_param("ServiceArn"))
        return ActionResult({"Service": self.backend.describe_service(service), "OperationId": operation.id})

    def start_deployment(self) -> ActionResult:
        operation = self.backend.start_deployment(self._get_param("ServiceArn"))
        return ActionResult({"OperationId": operation.id})

    def list_services(self) -> ActionResult:
        summaries = [service.summary() for service in self.backend.list_services()]
        page, token = self._page(summaries, SERVICE_PAGE_LIMIT)
        return ActionResult({"ServiceSummaryList": page, **token})

    def list_operations(self) -> ActionResult:
        operations = [operation.summary() for operation in self.backend.list_operations(self._get_param("ServiceArn"))]
        page, token = self._page(operations, OPERATION_PAGE_LIMIT)
        return ActionResult({"OperationSummaryList": page, **token})

    # Auto scaling configurations

    def create_auto_scaling_configuration(self) -> ActionResult:
        configuration = self.backend.create_auto_scaling_configuration(self.params)
        return self._auto_scaling(configuration)

    def describe_auto_scaling_configuration(self) -> ActionResult:
        arn = self._get_param("AutoScalingConfigurationArn")
        return self._auto_scaling(self.backend.get_auto_scaling_configuration(arn))

    def delete_auto_scaling_configuration(self) -> ActionResult:
        configuration = self.backend.delete_auto_scaling_configuration(
            self._get_param("AutoScalingConfigurationArn"), bool(self._get_param("DeleteAllRevisions"))
        )
        return self._auto_scaling(configuration)

    def update_default_auto_scaling_configuration(self) -> ActionResult:
        arn = self._get_param("AutoScalingConfigurationArn")
        return self._auto_scaling(self.backend.update_default_auto_scaling_configuration(arn))

    def list_auto_scaling_configurations(self) -> ActionResult:
        latest_only = self._get_param("LatestOnly")
        configurations = self.backend.list_auto_scaling_configurations(
            self._get_param("AutoScalingConfigurationName"), True if latest_only is None else latest_only
        )
        summaries = [self.backend.auto_scaling_summary(configuration) for configuration in configurations]
        page, token = self._page(summaries, PAGE_LIMIT)
        return ActionResult({"AutoScalingConfigurationSummaryList": page, **token})

    def list_services_for_auto_scaling_configuration(self) -> ActionResult:
        arns = self.backend.services_for_auto_scaling_configuration(self._get_param("AutoScalingConfigurationArn"))
        page, token = self._page(arns, PAGE_LIMIT)
        return ActionResult({"ServiceArnList": page, **token})

    def _auto_scaling(self, configuration: Any) -> ActionResult:
        return ActionResult(
            {"AutoScalingConfiguration": self.backend.describe_auto_scaling_configuration(configuration)}
        )

    # Observability configurations

    def create_observability_configuration(self) -> ActionResult:
        return self._observability(self.backend.create_observability_configuration(self.params))

    def describe_observability_configuration(self) -> ActionResult:
        arn = self._get_param("ObservabilityConfigurationArn")
        return self._observability(self.backend.get_observability_configuration(arn))

    def delete_observability_configuration(self) -> ActionResult:
        arn = self._get_param("ObservabilityConfigurationArn")
        return self._observability(self.backend.delete_observability_configuration(arn))

    def list_observability_configurations(self) -> ActionResult:
        latest_only = self._get_param("LatestOnly")
        configurations = self.backend.list_observability_configurations(
            self._get_param("ObservabilityConfigurationName"), True if latest_only is None else latest_only
        )
        summaries = [
            {
                "ObservabilityConfigurationArn": configuration.arn,
                "ObservabilityConfigurationName": configuration.name,
                "ObservabilityConfigurationRevision": configuration.revision,
            }
            for configuration in configurations
        ]
        page, token = self._page(summaries, PAGE_LIMIT)
        return ActionResult({"ObservabilityConfigurationSummaryList": page, **token})

    def _observability(self, configuration: Any) -> ActionResult:
        return ActionResult(
            {"ObservabilityConfiguration": self.backend.describe_observability_configuration(configuration)}
        )

    # VPC connectors

    def create_vpc_connector(self) -> ActionResult:
        return ActionResult({"VpcConnector": self.backend.create_vpc_connector(self.params).describe()})

    def describe_vpc_connector(self) -> ActionResult:
        connector = self.backend.get_vpc_connector(self._get_param("VpcConnectorArn"))
        return ActionResult({"VpcConnector": connector.describe()})

    def delete_vpc_connector(self) -> ActionResult:
        connector = self.backend.delete_vpc_connector(self._get_param("VpcConnectorArn"))
        return ActionResult({"VpcConnector": connector.describe()})

    def list_vpc_connectors(self) -> ActionResult:
        connectors = [connector.describe() for connector in self.backend.vpc_connectors]
        page, token = self._page(connectors, PAGE_LIMIT)
        return ActionResult({"VpcConnectors": page, **token})

    # Tags

    def tag_resource(self) -> ActionResult:
        self.backend.tag_resource(self._get_param("ResourceArn"), tags_from(self._get_param("Tags")))
        return ActionResult({})

    def untag_resource(self) -> ActionResult:
        self.backend.untag_resource(self._get_param("ResourceArn"), self._get_param("TagKeys") or [])
        return ActionResult({})

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": self.backend.list_tags(self._get_param("ResourceArn"))})


def _error(code: str, message: str, status: int = 400) -> tuple[int, dict[str, str], str]:
    """An error the botocore model does not declare, in the JSON 1.0 form App Runner answers."""
    body = json.dumps({"__type": f"AppRunner#{code}", "Message": message})
    headers = {"Content-Type": "application/x-amz-json-1.0", "x-amzn-ErrorType": code}
    return status, headers, body
