"""Hosted zone ids start with "Z".

AWS: a hosted zone's id is "Z" followed by upper-case letters and digits (e.g. ``Z1D633PJN98FT9``,
``Z0123456789ABCDEFGHIJ``; https://docs.aws.amazon.com/Route53/latest/APIReference/API_HostedZone.html shows
them so, and tools such as the edge tier tell a zone id from a zone name by it). Moto 5.2.5 draws 22 random
upper-case letters and digits, so most of its ids start with another character.
"""

from __future__ import annotations

from moto.route53.models import HostedZoneIdentifier

_original_generate = HostedZoneIdentifier.generate


def zone_id_like_aws(drawn: str) -> str:
    """The id drawn by moto with a leading "Z", as AWS's ids have."""
    return drawn if drawn.startswith("Z") else "Z" + drawn[1:]


def _generate(self, existing_ids=None, tags=None) -> str:
    return zone_id_like_aws(_original_generate(self, existing_ids=existing_ids, tags=tags))


def apply() -> None:
    HostedZoneIdentifier.generate = _generate
