"""A nightly job that archives log objects to Glacier, one per region.

`archive` builds a new client for every key (BTO102); `archive_fixed` uses the
one built at import. The per-region clients in `archive_all_regions` are what the loop is for
and are not flagged. `is_archived` waits for a NoSuchKey that a HEAD request never raises
(BTO504); `is_archived_fixed` tests the status code instead.
"""

import boto3
from botocore.exceptions import ClientError

REGIONS = ("us-east-1", "eu-west-1")

s3 = boto3.client("s3")


def archive(bucket, keys):
    for key in keys:
        client = boto3.client("s3")
        client.copy_object(
            Bucket=bucket,
            Key=key,
            CopySource={"Bucket": bucket, "Key": key},
            StorageClass="GLACIER",
        )


def archive_fixed(bucket, keys):
    for key in keys:
        s3.copy_object(
            Bucket=bucket,
            Key=key,
            CopySource={"Bucket": bucket, "Key": key},
            StorageClass="GLACIER",
        )


def archive_all_regions(bucket_prefix):
    for region in REGIONS:
        regional = boto3.client("s3", region_name=region)
        regional.head_bucket(Bucket=f"{bucket_prefix}-{region}")


def is_archived(bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=f"archive/{key}")
    except s3.exceptions.NoSuchKey:
        return False
    return True


def is_archived_fixed(bucket, key):
    try:
        s3.head_object(Bucket=bucket, Key=f"archive/{key}")
    except ClientError as error:
        if error.response["Error"]["Code"] == "404":
            return False
        raise
    return True
