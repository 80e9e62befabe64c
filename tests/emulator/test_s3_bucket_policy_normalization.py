"""A bucket policy reads back in S3's stored form: one-element lists inside a statement become the single value.
The test fails on stock moto 5.2.5, which returns the bytes that were put.
https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
"""

from __future__ import annotations

import json

from emulator.client import EmulatorClient


def test_single_element_lists_read_back_as_values(emulator: EmulatorClient) -> None:
    s3 = emulator.client("s3")
    s3.create_bucket(Bucket="site")
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AddPerm",
                "Effect": "Allow",
                "Principal": {"AWS": ["arn:aws:iam::123456789012:root"]},
                "Action": ["s3:GetObject"],
                "Resource": ["arn:aws:s3:::site/*"],
                "Condition": {"StringEquals": {"aws:SourceAccount": ["123456789012"]}},
            },
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": ["s3:GetObject", "s3:ListBucket"],
                "Resource": ["arn:aws:s3:::site", "arn:aws:s3:::site/*"],
            },
        ],
    }
    s3.put_bucket_policy(Bucket="site", Policy=json.dumps(policy, indent=2))
    stored = json.loads(s3.get_bucket_policy(Bucket="site")["Policy"])
    assert stored["Statement"] == [
        {
            "Sid": "AddPerm",
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "s3:GetObject",
            "Resource": "arn:aws:s3:::site/*",
            "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
        },
        {
            "Effect": "Allow",
            "Principal": "*",
            "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": ["arn:aws:s3:::site", "arn:aws:s3:::site/*"],
        },
    ]
