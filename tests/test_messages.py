"""What messages say, and which files are analysed at all: facts the fixtures' codes cannot show."""

from __future__ import annotations

import textwrap

from flake8_boto3.checker import check_source


def findings(source: str, path: str = "app.py", code: str = "BTO") -> list:
    return [f for f in check_source(textwrap.dedent(source), path) if f.code.startswith(code)]


def test_vendored_six_still_exists_and_is_never_said_to_be_removed():
    [six] = findings("from botocore.vendored import six\n\nsix.text_type\n")
    assert "private copy of six" in six.message and "removed" not in six.message
    [requests] = findings("from botocore.vendored import requests\n\nrequests.get('u')\n")
    assert "removed" in requests.message
    [attribute] = findings("import botocore\n\nbotocore.vendored.requests.get('u')\n")
    assert "removed" in attribute.message


VENDORED_SDK_FILE = """\
import boto
from botocore.exceptions import ClientError


def f(client):
    try:
        client.close()
    except ClientError:
        pass
"""


def test_files_of_a_vendored_sdk_are_not_analysed():
    assert findings(VENDORED_SDK_FILE, "app.py")
    for tree in ("boto3", "botocore", "s3transfer", "aiobotocore"):
        assert findings(VENDORED_SDK_FILE, f"layers/deps/python/{tree}/client.py") == []
        assert findings(VENDORED_SDK_FILE, f"layers\\python\\{tree}\\sub\\client.py") == []
    # only directories of those names: a module called botocore.py in a project is the project's
    assert findings(VENDORED_SDK_FILE, "src/app/botocore.py")


def test_a_page_size_is_asked_for_where_the_service_never_continues_without_one():
    # SQS: "You must set MaxResults to receive a value for NextToken": a bare paginator stops too.
    [queues] = findings(
        """
        import boto3

        sqs = boto3.client("sqs")


        def queue_urls():
            return sqs.list_queues()["QueueUrls"]
        """,
        code="BTO201",
    )
    assert "no NextToken unless MaxResults is set" in queues.message
    assert 'PaginationConfig={"PageSize": ...}' in queues.message
    [objects] = findings(
        """
        import boto3

        s3 = boto3.client("s3")


        def keys(bucket):
            return s3.list_objects_v2(Bucket=bucket)["Contents"]
        """,
        code="BTO201",
    )
    assert "PageSize" not in objects.message and "up to 1,000 per call" in objects.message


def test_a_token_spelled_in_another_case_is_named():
    # ECR's token is nextToken: `.get("NextToken")` is always None, and NextToken= fails validation.
    source = """\
    import boto3

    ecr = boto3.client("ecr")


    def delete_images(repository, token=None):
        if token:
            response = ecr.list_images(repositoryName=repository, NextToken=token)
        else:
            response = ecr.list_images(repositoryName=repository)
        ecr.batch_delete_image(repositoryName=repository, imageIds=response["imageIds"])
        return response.get("NextToken")
    """
    messages = [f.message for f in findings(source, code="BTO201")]
    assert len(messages) == 2
    assert all("the code uses 'NextToken', but the token is 'nextToken'" in message for message in messages)
    plain_source = "import boto3\n\nIMAGES = boto3.client('ecr').list_images(repositoryName='r')['imageIds']\n"
    [plain] = findings(plain_source, code="BTO201")
    assert "the code uses" not in plain.message


def test_a_lambda_handler_runs_per_invocation_and_a_web_route_per_request():
    source = (
        "import boto3\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "def handler(event, context):\n    return boto3.client('s3').list_objects_v2(Bucket=event['bucket'])\n\n\n"
        "@app.route('/buckets')\ndef buckets():\n    return boto3.client('s3').list_buckets()\n"
    )
    messages = [f.message for f in check_source(source, "app.py") if f.code == "BTO101"]
    assert len(messages) == 2
    assert "created in Lambda handler 'handler' on every invocation;" in messages[0]
    assert "created in request handler 'buckets' on every request;" in messages[1]


def test_a_helper_given_the_handlers_event_and_context_is_not_named_the_handler():
    messages = [f.message for f in findings("""
        import boto3

        def lambda_handler(event, context):
            attach_settings(event, context)
            for record in event["Records"]:
                tag_object(record, context)

        def attach_settings(event, context):
            event["settings"] = boto3.resource("dynamodb").Table("settings").get_item(Key={"id": 1})

        def tag_object(event, context):
            boto3.client("s3").put_object_tagging(Bucket="b", Key=event["key"], Tagging={"TagSet": []})
        """)]
    assert len(messages) == 2
    called = "created in 'attach_settings', which Lambda handler 'lambda_handler' calls, on every invocation"
    assert called in messages[0]
    # Called in the handler's loop: on every iteration (BTO102), as for any other helper.
    assert messages[1].startswith("BTO102") and "Lambda handler 'lambda_handler' calls in a loop" in messages[1]


def test_a_resource_in_a_web_route_is_not_told_to_be_shared_across_threads():
    source = (
        "import boto3\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n"
        "def handler(event, context):\n    return boto3.resource('s3').Bucket(event['bucket'])\n\n\n"
        "@app.route('/buckets')\ndef buckets():\n    return boto3.resource('s3').buckets.all()\n"
    )
    lambda_handler, route = [f.message for f in check_source(source, "app.py") if f.code == "BTO101"]
    assert "create it once at module level and reuse it" in lambda_handler  # one invocation at a time
    assert "not thread-safe" in route and "client created once at module level" in route


def test_a_resource_in_a_chalice_route_may_be_module_level():
    # Chalice deploys its routes as a Lambda function: one request at a time per environment.
    source = (
        "import boto3\nfrom chalice import Chalice\n\napp = Chalice(app_name='scores')\n\n\n"
        "@app.route('/scores')\ndef scores():\n    return boto3.resource('dynamodb').Table('scores').scan()['Items']\n"
    )
    (route,) = [f.message for f in check_source(source, "app.py") if f.code == "BTO101"]
    assert "on every request" in route
    assert "create it once at module level and reuse it" in route and "thread" not in route


def test_a_loop_that_reads_the_token_but_never_passes_it_is_told_so():
    source = (
        "import boto3\n\niam = boto3.client('iam')\n\n\ndef roles():\n    found = []\n    while True:\n"
        "        page = iam.list_roles()\n        found += page['Roles']\n        if not page.get('Marker'):\n"
        "            return found\n"
    )
    (message,) = [f.message for f in check_source(source, "roles.py") if f.code == "BTO201"]
    assert "reads Marker but never passes it back as Marker" in message
    assert "every pass gets the first page again" in message


def test_a_client_of_fetched_credentials_is_not_told_to_be_cached_by_its_arguments():
    source = """\
    import boto3

    STS = boto3.client("sts")


    def assumed(role_arn):
        credentials = STS.assume_role(RoleArn=role_arn, RoleSessionName="x")["Credentials"]
        return boto3.client(
            "s3",
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )


    def handler(event, context):
        assumed("arn:aws:iam::123456789012:role/r").list_buckets()
        boto3.client("s3", region_name=event["region"]).list_buckets()
    """
    factory, regional = findings(source, code="BTO104")
    assert "temporary credentials" in factory.message and "RefreshableCredentials" in factory.message
    assert "lru_cache" not in factory.message
    assert "lru_cache" in regional.message and "temporary credentials" not in regional.message


def test_a_client_of_unknown_service_is_told_apart_by_what_the_call_passes():
    source = """\
        import os

        import boto3

        queues = boto3.client(os.environ["QUEUE_SERVICE"])


        def by_prefix(prefix):
            return queues.list_queues(QueueNamePrefix=prefix)


        def every_queue():
            return queues.list_queues()
        """
    by_prefix, every_queue = findings(source, code="BTO201")
    # Only SQS takes a QueueNamePrefix (Connect's needs an InstanceId; Kinesis' and MediaConvert's take none).
    assert "'QueueUrls'" in by_prefix.message and "MaxResults" in by_prefix.message
    # Kinesis, MediaConvert and SQS all fit a call without arguments: no one service's page is described.
    assert "by service" in every_queue.message and "'QueueUrls'" in every_queue.message
    assert "InstanceId" not in every_queue.message and "QueueSummaryList" not in every_queue.message


def test_a_folder_of_scripts_named_like_the_sdk_is_analysed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    scripts = tmp_path / "boto3" / "kms"
    scripts.mkdir(parents=True)
    # No __init__.py: a folder of the project's scripts, which `import boto3` never reaches.
    assert findings(VENDORED_SDK_FILE, "boto3/kms/rotation.py")
    (tmp_path / "boto3" / "__init__.py").write_text("")
    assert findings(VENDORED_SDK_FILE, "boto3/kms/rotation.py") == []  # a copy of the package


def test_an_operation_of_another_service_is_named_as_such():
    messages = [f.message for f in findings("""
        import boto3

        ec2 = boto3.client("ec2")
        quicksight = boto3.client("quicksight")

        def notify(message):
            ec2.publish(TopicArn="arn:aws:sns:us-east-1:1:t", Message=message)

        def add(name):
            quicksight.create_user(AwsAccountId="1", Namespace="default", UserName=name)
        """, code="BTO501")]
    copied = "ec2 client has no method 'publish' (AttributeError at run time); it is an operation of"
    copied += " 'iot-data' and 'sns'"
    assert copied in messages[0]
    # Where the client's own service has a close name, that comes first.
    assert "did you mean" in messages[1] and "'register_user'" in messages[1]


def test_a_resource_type_or_action_called_on_a_client_is_named_as_the_resources():
    messages = [f.message for f in findings("""
        import boto3

        dynamodb = boto3.client("dynamodb")

        ec2 = boto3.client("ec2")

        def table(name):
            return dynamodb.Table(name)

        def stop(instance_id):
            ec2.stop()
        """, code="BTO501")]
    assert "dynamodb client has no method 'Table' (AttributeError at run time); 'Table' is a resource of" in messages[0]
    assert "boto3.resource('dynamodb'), not a client method" in messages[0]
    assert "; it is an action of the 'Instance' resource of boto3.resource('ec2'), not of its client" in messages[1]


def test_the_waiter_suggested_first_ends_in_the_state_the_loop_waits_for():
    [message] = [f.message for f in findings("""
        import time
        import boto3

        sagemaker = boto3.client("sagemaker")

        def wait_in_service(name):
            status = sagemaker.describe_endpoint(EndpointName=name)["EndpointStatus"]
            while status != "InService":
                time.sleep(15)
                status = sagemaker.describe_endpoint(EndpointName=name)["EndpointStatus"]
        """, code="BTO205")]
    assert 'get_waiter("endpoint_in_service") (or "endpoint_deleted")' in message


def test_the_two_arms_of_a_conditional_construction_make_one_finding():
    # Only one arm runs: one finding says it. Two constructions on one line that both run make two.
    # Arms of different verdicts (one made of the event's region) make one finding each.
    reported = findings("""
        import os
        import boto3

        REGION = os.environ.get("REGION")

        def lambda_handler(event, context):
            ec2 = boto3.client("ec2", region_name=REGION) if REGION else boto3.client("ec2")
            s3, sqs = boto3.client("s3"), boto3.client("sqs")
            region = event.get("region")
            logs = boto3.client("logs", region_name=region) if region else boto3.client("logs")
            return ec2, s3, sqs, logs
        """, code="BTO1")
    assert [(f.line, f.col, f.code) for f in reported] == [
        (8, 10, "BTO101"), (9, 14, "BTO101"), (9, 34, "BTO101"), (11, 11, "BTO104"), (11, 67, "BTO101")
    ]
