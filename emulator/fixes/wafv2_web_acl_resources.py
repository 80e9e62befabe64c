"""WAFv2 lists the resources of a web ACL, and a resource has one web ACL at most.

AWS: ``ListResourcesForWebACL`` returns the ARNs of the resources associated with
a regional web ACL, filtered by ``ResourceType`` (default ``APPLICATION_LOAD_BALANCER``)
(https://docs.aws.amazon.com/waf/latest/APIReference/API_ListResourcesForWebACL.html).
Moto 5.2.5 does not implement it (HTTP 500): community.aws ``wafv2_resources`` calls it
to decide whether an association exists, and fails on every run.

AWS: ``AssociateWebACL`` replaces the web ACL a resource was associated with; a
resource is associated with one web ACL at most
(https://docs.aws.amazon.com/waf/latest/APIReference/API_AssociateWebACL.html).
Moto appends the resource to the new web ACL and keeps it on the old one, once per call.
"""

from __future__ import annotations

import json

from moto.core.common_types import TYPE_RESPONSE
from moto.wafv2.exceptions import WAFNonexistentItemException
from moto.wafv2.models import WAFV2Backend
from moto.wafv2.responses import WAFV2Response

# ResourceType -> the ARN fragment that identifies it.
_ARN_MARKERS = {
    "APPLICATION_LOAD_BALANCER": ":loadbalancer/app/",
    "API_GATEWAY": ":apigateway:",
    "APPSYNC": ":appsync:",
    "COGNITO_USER_POOL": ":cognito-idp:",
    "APP_RUNNER_SERVICE": ":apprunner:",
    "VERIFIED_ACCESS_INSTANCE": ":verified-access-instance/",
    "AMPLIFY": ":amplify:",
}


def _list_resources_for_web_acl(self: WAFV2Response) -> TYPE_RESPONSE:
    body = json.loads(self.body)
    web_acl = self.wafv2_backend.wacls.get(body["WebACLArn"])
    if web_acl is None:
        raise WAFNonexistentItemException
    marker = _ARN_MARKERS.get(body.get("ResourceType", "APPLICATION_LOAD_BALANCER"), "")
    arns = [arn for arn in web_acl.associated_resources if marker in arn]
    return 200, {"Content-Type": "application/json"}, json.dumps({"ResourceArns": arns})


def apply() -> None:
    original_associate = WAFV2Backend.associate_web_acl

    def associate_web_acl(self: WAFV2Backend, web_acl_arn: str, resource_arn: str) -> None:
        if web_acl_arn not in self.wacls:
            raise WAFNonexistentItemException
        for web_acl in self.wacls.values():
            while resource_arn in web_acl.associated_resources:
                web_acl.associated_resources.remove(resource_arn)
        original_associate(self, web_acl_arn, resource_arn)

    WAFV2Backend.associate_web_acl = associate_web_acl
    WAFV2Response.list_resources_for_web_acl = _list_resources_for_web_acl
