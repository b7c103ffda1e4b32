"""An inventory report over S3, Lambda and DynamoDB.

The first function of each pair reads only the first page of a paginated
operation (BTO201, BTO202); the `_fixed` one reads them all.
"""

import boto3

s3 = boto3.client("s3")
lambda_client = boto3.client("lambda")
orders = boto3.resource("dynamodb").Table("orders")


def report_keys(bucket):
    return [obj["Key"] for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", [])]


def report_keys_fixed(bucket):
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return [obj["Key"] for page in pages for obj in page.get("Contents", [])]


def function_names():
    return [function["FunctionName"] for function in lambda_client.list_functions()["Functions"]]


def function_names_fixed():
    pages = lambda_client.get_paginator("list_functions").paginate()
    return [function["FunctionName"] for page in pages for function in page["Functions"]]


def open_orders():
    return [item for item in orders.scan()["Items"] if item["status"] == "open"]


def open_orders_fixed():
    response = orders.scan()
    items = response["Items"]
    while "LastEvaluatedKey" in response:
        response = orders.scan(ExclusiveStartKey=response["LastEvaluatedKey"])
        items.extend(response["Items"])
    return [item for item in items if item["status"] == "open"]
