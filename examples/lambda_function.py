"""An AWS Lambda function that resizes images uploaded to S3.

`handler` creates its clients on every invocation (BTO101); `handler_fixed`
creates them once per execution environment and reuses them.
"""

import json
import os

import boto3

THUMBNAIL_BUCKET = os.environ.get("THUMBNAIL_BUCKET", "thumbnails")

# Fixed: created once, reused by every warm invocation.
s3 = boto3.client("s3")
jobs = boto3.resource("dynamodb").Table(os.environ.get("JOBS_TABLE", "jobs"))


def handler(event, context):
    s3_per_call = boto3.client("s3")
    table = boto3.resource("dynamodb").Table(os.environ.get("JOBS_TABLE", "jobs"))
    for record in event["Records"]:
        key = record["s3"]["object"]["key"]
        body = s3_per_call.get_object(Bucket=record["s3"]["bucket"]["name"], Key=key)["Body"].read()
        s3_per_call.put_object(Bucket=THUMBNAIL_BUCKET, Key=key, Body=body[:1024])
        table.put_item(Item={"key": key, "status": "done"})
    return {"statusCode": 200, "body": json.dumps({"processed": len(event["Records"])})}


def handler_fixed(event, context):
    for record in event["Records"]:
        key = record["s3"]["object"]["key"]
        body = s3.get_object(Bucket=record["s3"]["bucket"]["name"], Key=key)["Body"].read()
        s3.put_object(Bucket=THUMBNAIL_BUCKET, Key=key, Body=body[:1024])
        jobs.put_item(Item={"key": key, "status": "done"})
    return {"statusCode": 200, "body": json.dumps({"processed": len(event["Records"])})}
