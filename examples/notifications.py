"""A web service helper that publishes notifications.

`notify` creates an SNS client on every call (BTO103); `notify_fixed` uses
one created at import, and `sns_for` caches one client per region.
"""

import functools
import os

import boto3

TOPIC_ARN = os.environ.get("TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:alerts")

sns = boto3.client("sns")


def notify(subject, message):
    client = boto3.client("sns")
    client.publish(TopicArn=TOPIC_ARN, Subject=subject, Message=message)


def notify_fixed(subject, message):
    sns.publish(TopicArn=TOPIC_ARN, Subject=subject, Message=message)


@functools.lru_cache(maxsize=None)
def sns_for(region):
    return boto3.client("sns", region_name=region)


def notify_region(region, message):
    sns_for(region).publish(TopicArn=TOPIC_ARN, Message=message)
