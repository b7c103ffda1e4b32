"""An inventory report over S3, EC2 and DynamoDB.

The first function of each pair reads only the first page of a paginated
operation (BTO201, BTO202); the `_fixed` one reads them all.
"""

import boto3

s3 = boto3.client("s3")
ec2 = boto3.client("ec2")
orders = boto3.resource("dynamodb").Table("orders")


def report_keys(bucket):
    return [obj["Key"] for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def report_keys_fixed(bucket):
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return [obj["Key"] for page in pages for obj in page.get("Contents", [])]


def running_instances():
    reservations = ec2.describe_instances(Filters=[{"Name": "instance-state-name", "Values": ["running"]}])
    return [i["InstanceId"] for r in reservations["Reservations"] for i in r["Instances"]]


def running_instances_fixed():
    pages = ec2.get_paginator("describe_instances").paginate(
        Filters=[{"Name": "instance-state-name", "Values": ["running"]}]
    )
    return [i["InstanceId"] for page in pages for r in page["Reservations"] for i in r["Instances"]]


def open_orders():
    return [item for item in orders.scan()["Items"] if item["status"] == "open"]


def open_orders_fixed():
    response = orders.scan()
    items = response["Items"]
    while "LastEvaluatedKey" in response:
        response = orders.scan(ExclusiveStartKey=response["LastEvaluatedKey"])
        items.extend(response["Items"])
    return [item for item in items if item["status"] == "open"]
