"""The Resource Groups Tagging API sees ECR repositories and App Runner resources, as on AWS.

``GetResources`` "support[s] all resource types"
(https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/supported-services.html).
On stock moto 5.2.5 it lists neither ECR repositories nor (having no App Runner)
App Runner resources; see ``emulator/fixes/ecr_tagging_api.py`` and
``AppRunnerBackend.iter_tagged_resources``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from emulator.client import EmulatorClient

PROD = [{"Key": "Environment", "Value": "prod"}]
DEV = [{"Key": "Environment", "Value": "dev"}]
PROD_FILTER = [{"Key": "Environment", "Values": ["prod"]}]


@dataclass
class Estate:
    prod_repository: str
    dev_repository: str
    auto_scaling: str
    vpc_connector: str
    observability: str
    service: str

    @property
    def app_runner(self) -> set[str]:
        return {self.auto_scaling, self.vpc_connector, self.observability, self.service}


IMAGE_SOURCE = {
    "ImageRepository": {"ImageIdentifier": "public.ecr.aws/nginx/nginx:1.27", "ImageRepositoryType": "ECR_PUBLIC"}
}


@pytest.fixture
def estate(emulator: EmulatorClient) -> Estate:
    ecr = emulator.client("ecr")
    apprunner = emulator.client("apprunner")
    prod = ecr.create_repository(repositoryName="web", tags=PROD)["repository"]
    dev = ecr.create_repository(repositoryName="worker", tags=DEV)["repository"]
    scaling = apprunner.create_auto_scaling_configuration(AutoScalingConfigurationName="scaling", MaxSize=4, Tags=PROD)
    connector = apprunner.create_vpc_connector(VpcConnectorName="egress", Subnets=["subnet-0a1b2c3d"], Tags=PROD)
    observability = apprunner.create_observability_configuration(
        ObservabilityConfigurationName="tracing", TraceConfiguration={"Vendor": "AWSXRAY"}, Tags=PROD
    )
    service = apprunner.create_service(ServiceName="web-app", SourceConfiguration=IMAGE_SOURCE, Tags=PROD)
    return Estate(
        prod_repository=prod["repositoryArn"],
        dev_repository=dev["repositoryArn"],
        auto_scaling=scaling["AutoScalingConfiguration"]["AutoScalingConfigurationArn"],
        vpc_connector=connector["VpcConnector"]["VpcConnectorArn"],
        observability=observability["ObservabilityConfiguration"]["ObservabilityConfigurationArn"],
        service=service["Service"]["ServiceArn"],
    )


def resources(emulator: EmulatorClient, **filters: Any) -> dict[str, dict[str, str]]:
    """Every resource GetResources lists, as {ARN: tags}."""
    pages = emulator.client("resourcegroupstaggingapi").get_paginator("get_resources").paginate(**filters)
    return {
        mapping["ResourceARN"]: {tag["Key"]: tag["Value"] for tag in mapping["Tags"]}
        for page in pages
        for mapping in page["ResourceTagMappingList"]
    }


def test_a_tag_filter_lists_exactly_the_prod_repositories_and_app_runner_resources(
    emulator: EmulatorClient, estate: Estate
) -> None:
    listed = resources(emulator, TagFilters=PROD_FILTER)

    assert set(listed) == {estate.prod_repository, *estate.app_runner}
    assert all(tags == {"Environment": "prod"} for tags in listed.values())


def test_resource_type_filters_narrow_to_a_type_or_a_service(emulator: EmulatorClient, estate: Estate) -> None:
    # App Runner's untagged DefaultConfiguration is never listed.
    assert set(resources(emulator, ResourceTypeFilters=["ecr:repository"])) == {
        estate.prod_repository,
        estate.dev_repository,
    }
    assert set(resources(emulator, ResourceTypeFilters=["ecr:repository"], TagFilters=PROD_FILTER)) == {
        estate.prod_repository
    }
    assert set(resources(emulator, ResourceTypeFilters=["apprunner"])) == estate.app_runner
    by_type = {
        resource_type: set(resources(emulator, ResourceTypeFilters=[f"apprunner:{resource_type}"]))
        for resource_type in ("service", "autoscalingconfiguration", "vpcconnector", "observabilityconfiguration")
    }
    assert by_type == {
        "service": {estate.service},
        "autoscalingconfiguration": {estate.auto_scaling},
        "vpcconnector": {estate.vpc_connector},
        "observabilityconfiguration": {estate.observability},
    }


def test_deleted_repositories_services_and_revisions_are_no_longer_listed(
    emulator: EmulatorClient, estate: Estate
) -> None:
    apprunner = emulator.client("apprunner")
    emulator.client("ecr").delete_repository(repositoryName="web")
    apprunner.delete_service(ServiceArn=estate.service)
    apprunner.delete_vpc_connector(VpcConnectorArn=estate.vpc_connector)
    apprunner.delete_auto_scaling_configuration(AutoScalingConfigurationArn=estate.auto_scaling)

    assert set(resources(emulator, TagFilters=PROD_FILTER)) == {estate.observability}
    assert set(resources(emulator)) == {estate.dev_repository, estate.observability}


def test_tag_and_untag_resources_change_the_tags_each_service_reports(emulator: EmulatorClient, estate: Estate) -> None:
    tagging = emulator.client("resourcegroupstaggingapi")
    ecr, apprunner = emulator.client("ecr"), emulator.client("apprunner")
    arns = [estate.prod_repository, estate.service, estate.vpc_connector]

    tagged = tagging.tag_resources(ResourceARNList=arns, Tags={"Owner": "platform"})
    untagged = tagging.untag_resources(ResourceARNList=arns, TagKeys=["Environment"])

    assert (tagged["FailedResourcesMap"], untagged["FailedResourcesMap"]) == ({}, {})
    owner = [{"Key": "Owner", "Value": "platform"}]
    assert ecr.list_tags_for_resource(resourceArn=estate.prod_repository)["tags"] == owner
    assert apprunner.list_tags_for_resource(ResourceArn=estate.service)["Tags"] == owner
    assert apprunner.list_tags_for_resource(ResourceArn=estate.vpc_connector)["Tags"] == owner
    assert set(resources(emulator, TagFilters=PROD_FILTER)) == {estate.auto_scaling, estate.observability}


def test_each_service_s_own_tagging_still_feeds_get_resources(emulator: EmulatorClient, estate: Estate) -> None:
    emulator.client("ecr").tag_resource(resourceArn=estate.dev_repository, tags=PROD)
    emulator.client("apprunner").untag_resource(ResourceArn=estate.observability, TagKeys=["Environment"])

    assert set(resources(emulator, TagFilters=PROD_FILTER)) == {
        estate.prod_repository,
        estate.dev_repository,
        estate.auto_scaling,
        estate.vpc_connector,
        estate.service,
    }
