"""What to do when the first AWS call of a run fails: credentials, endpoint or permissions.

botocore's messages say what failed ("Unable to locate credentials", "Could not connect to
the endpoint URL"), not what to do about it. playbooks/preflight.yml makes one call before
any role runs, and turns its failure into advice with this filter.
"""

DOCUMENTATION = r"""
name: aws_access_problem
version_added: 0.3.0
short_description: Turn a failed caller-identity call into what to do about it
description:
  - Takes the result of M(amazon.aws.aws_caller_info) and returns an empty string when it succeeded, else a
    message that names the cause (no credentials, invalid or expired credentials, an endpoint that does not
    answer, access denied) and the fix.
options:
  _input:
    description: The registered result of M(amazon.aws.aws_caller_info).
    type: dict
    required: true
  endpoint:
    description: The endpoint the run uses (C(AWS_ENDPOINT_URL)), empty for AWS's own.
    type: str
    default: ""
  profile:
    description: The profile the run uses (C(AWS_PROFILE)), empty for none.
    type: str
    default: ""
"""

EXAMPLES = r"""
- name: Stop with advice when AWS cannot be reached
  ansible.builtin.fail:
    msg: "{{ caller | appstack.aws.aws_access_problem(endpoint=lookup('ansible.builtin.env', 'AWS_ENDPOINT_URL')) }}"
  when: caller.account is not defined
"""

RETURN = r"""
_value:
  description: The advice, or an empty string when the call succeeded.
  type: str
"""

NO_CREDENTIALS = ("unable to locate credentials", "partial credentials", "nocredentialserror")
BAD_CREDENTIALS = (
    "invalidclienttokenid",
    "signaturedoesnotmatch",
    "expiredtoken",
    "the security token included in the request is invalid",
    "the security token included in the request is expired",
    "token has expired",
    "unrecognizedclientexception",
)
NO_ENDPOINT = (
    "could not connect to the endpoint url",
    "connect timeout on endpoint url",
    "read timeout on endpoint url",
    "endpointconnectionerror",
    "connection was closed",
)
PROFILE_MISSING = ("the config profile", "could not be found")
ACCESS_DENIED = ("accessdenied", "access denied", "unauthorizedoperation", "not authorized")


def _text(result):
    error = result.get("error") or {}
    return " ".join(
        str(part)
        for part in (
            result.get("msg", ""),
            error.get("code", ""),
            error.get("message", ""),
            result.get("exception", ""),
        )
    ).lower()


def aws_access_problem(result, endpoint="", profile=""):
    if not result.get("failed") and result.get("account"):
        return ""
    text = _text(result)
    target = f"the endpoint {endpoint} (AWS_ENDPOINT_URL)" if endpoint else "AWS"
    original = result.get("msg") or "no answer"
    if all(part in text for part in PROFILE_MISSING):
        return (
            f"AWS_PROFILE names a profile ({profile or 'unset'}) that ~/.aws/config does not have: "
            f"pick one from `aws configure list-profiles`, or unset AWS_PROFILE. ({original})"
        )
    if any(part in text for part in NO_CREDENTIALS):
        return (
            "No AWS credentials were found. Set AWS_PROFILE to a profile of ~/.aws/config (after `aws sso login "
            "--profile NAME` for SSO), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for "
            "temporary ones). On the emulator, any value works: `make emulator-start` prints them. "
            f"({original})"
        )
    if any(part in text for part in NO_ENDPOINT):
        emulator = (
            " It is the emulator's address: start it with `make emulator-start`, or unset AWS_ENDPOINT_URL to reach AWS."
            if endpoint
            else " Check the network, a proxy (HTTPS_PROXY) or the region."
        )
        return f"{target} does not answer.{emulator} ({original})"
    if any(part in text for part in BAD_CREDENTIALS):
        return (
            "AWS refused the credentials: they are invalid or expired. Refresh them (`aws sso login --profile "
            f"{profile or 'NAME'}`, or new access keys), and check AWS_PROFILE and the AWS_* variables. ({original})"
        )
    if any(part in text for part in ACCESS_DENIED):
        return (
            "AWS denied the call: the identity lacks a permission the project needs. Each role's README lists "
            f"the IAM permissions it needs (roles/<role>/README.md). ({original})"
        )
    return f"The first call to {target} failed: {original}"


class FilterModule:
    def filters(self):
        return {"aws_access_problem": aws_access_problem}
