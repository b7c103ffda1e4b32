"""An old maintenance script: credentials in code, boto 2, a deprecated and a mistyped operation.

BTO301, BTO302, BTO303, BTO501 and BTO502 fire here; `cleanup_fixed` shows the boto3 way.
"""

import boto3
from boto.s3.connection import S3Connection

s3 = boto3.client(
    "s3",
    aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
    aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
)
legacy = S3Connection()


def cleanup(bucket):
    print("lifecycle rules:", s3.get_bucket_lifecycle(Bucket=bucket)["Rules"])
    for obj in s3.list_objects_v2(Bucket=bucket, MaxKeys=100)["Contents"]:
        s3.delete_object(bucket, obj["Key"])
    s3.delete_bucket_polcy(Bucket=bucket)


def cleanup_fixed(bucket):
    client = CLIENT
    print("lifecycle rules:", client.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"])
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            client.delete_object(Bucket=bucket, Key=obj["Key"])
    client.delete_bucket_policy(Bucket=bucket)


CLIENT = boto3.client("s3")
