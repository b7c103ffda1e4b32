"""Order storage for a web service: ClientError handling and batch writes.

Each pair shows the misuse (BTO401, BTO402, BTO403, BTO404, BTO405) and its `_fixed` version.
"""

import boto3
from botocore.exceptions import BotoCoreError, ClientError

dynamodb = boto3.client("dynamodb")
orders = boto3.resource("dynamodb").Table("orders")


class OrderExists(Exception):
    pass


def get_order(order_id):
    try:
        return orders.get_item(Key={"id": order_id})["Item"]
    except ClientError:
        return None


def get_order_fixed(order_id):
    try:
        return orders.get_item(Key={"id": order_id}).get("Item")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return None
        raise


def create_order(order):
    try:
        orders.put_item(Item=order, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            return "exists"
    return "created"


def create_order_fixed(order):
    try:
        orders.put_item(Item=order, ConditionExpression="attribute_not_exists(id)")
    except ClientError as error:
        if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
            raise OrderExists(order["id"]) from error
        raise
    return "created"


def import_orders(items):
    dynamodb.batch_write_item(RequestItems={"orders": [{"PutRequest": {"Item": item}} for item in items]})


def import_orders_fixed(items):
    request = {"orders": [{"PutRequest": {"Item": item}} for item in items]}
    while request:
        request = dynamodb.batch_write_item(RequestItems=request).get("UnprocessedItems")


def cancel_order(order_id):
    try:
        orders.delete_item(Key={"id": order_id}, ConditionExpression="attribute_exists(id)")
    except ClientError:
        raise
    except orders.meta.client.exceptions.ConditionalCheckFailedException:
        return "unknown order"
    return "cancelled"


def cancel_order_fixed(order_id):
    try:
        orders.delete_item(Key={"id": order_id}, ConditionExpression="attribute_exists(id)")
    except orders.meta.client.exceptions.ConditionalCheckFailedException:
        return "unknown order"
    return "cancelled"


def count_orders():
    try:
        return dynamodb.describe_table(TableName="orders")["Table"]["ItemCount"]
    except (ClientError, BotoCoreError) as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return 0
        raise


def count_orders_fixed():
    try:
        return dynamodb.describe_table(TableName="orders")["Table"]["ItemCount"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "ResourceNotFoundException":
            return 0
        raise
