"""The shipped botocore table is exactly what the generator makes from the pinned botocore."""

from __future__ import annotations

import gzip
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from flake8_boto3 import aws

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "flake8_boto3" / "data" / "botocore_table.json.gz"


def load_generator():
    path = ROOT / "scripts" / "generate_botocore_table.py"
    spec = importlib.util.spec_from_file_location("generate_botocore_table", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_from_the_pinned_botocore_gives_the_shipped_table():
    pytest.importorskip("botocore")
    pytest.importorskip("boto3")
    generator = load_generator()
    table = generator.build_table()
    assert table["botocore_version"] == aws.table().botocore_version, (
        "botocore is not the pinned version: pip install -e '.[test]'"
    )
    assert generator.encode(table) == SHIPPED.read_bytes(), (
        "the shipped table is stale: run python scripts/generate_botocore_table.py"
    )
    assert generator.encode_services(table) == generator.SERVICES.read_bytes(), (
        "the shipped service names are stale: run python scripts/generate_botocore_table.py"
    )


def test_the_screens_service_names_are_the_tables():
    assert aws.service_names() == aws.table().services


def test_table_is_small_and_knows_what_the_rules_need():
    assert SHIPPED.stat().st_size < 512 * 1024
    table = aws.table()
    assert table.paginator("s3", "list_objects_v2").input_token == ("ContinuationToken",)
    assert table.paginator("sqs", "list_queue_tags") is None
    assert table.paginator("ec2", "describe_addresses") is None
    assert table.waiters("ec2")["instance_running"] == "describe_instances"
    assert table.deprecated("s3")["get_bucket_lifecycle"] == "get_bucket_lifecycle_configuration"
    assert "list_objects" not in table.deprecated("s3")  # only revised: AWS keeps supporting it
    assert "invoke_async" in table.deprecated("lambda")
    assert table.partial_failure_keys("dynamodb", "batch_write_item") == ("UnprocessedItems",)
    assert {"upload_file", "download_fileobj", "copy", "generate_presigned_post"} <= table.injected_methods("s3")
    assert {"get_paginator", "get_waiter", "can_paginate", "close", "exceptions", "meta"} <= table.client_methods
    assert table.services_with_operation("list_objects_v2") == {"s3"}


def test_the_page_a_call_returns_without_the_limit_key():
    table = aws.table()
    assert table.paginator("s3", "list_objects_v2").page_default == 1000
    assert table.paginator("lambda", "list_event_source_mappings").page_default == 100  # not the MaxItems max
    # "If this parameter is not specified, then all items are returned." (the limit key's documentation)
    assert table.paginator("ec2", "describe_security_groups").returns_all
    # "Unpaginated requests are susceptible to throttling and timeouts." (the operation's documentation)
    assert table.paginator("ec2", "describe_instances").returns_all
    assert table.paginator("ec2", "describe_images").returns_all
    # "The default is to describe all your VPCs." (EC2's VPC describe actions, whose MaxResults is opt-in)
    assert table.paginator("ec2", "describe_vpcs").returns_all
    assert table.paginator("ec2", "describe_subnets").returns_all
    # Where the model says nothing, nothing is assumed.
    flow_logs = table.paginator("ec2", "describe_flow_logs")
    assert not flow_logs.returns_all and flow_logs.page_default is None
    assert table.paginator("sqs", "list_queues").token_needs_limit


def test_ranked_searches_are_the_operations_whose_input_says_how_many_best_matches():
    table = aws.table()
    ranked = {
        (service, operation)
        for service in table.services
        for operation in table.paginator_names(service)
        if table.paginator(service, operation).ranked
    }
    # topK, or numberOfResults nested in the search configuration
    assert {("s3vectors", "query_vectors"), ("bedrock-agent-runtime", "retrieve"),
            ("bedrock-agentcore", "retrieve_memory_records")} <= ranked
    assert ("s3vectors", "list_vectors") not in ranked
    assert ("bedrock-agent", "list_knowledge_bases") not in ranked


def test_the_largest_page_comes_from_the_model_or_from_the_documentation():
    table = aws.table()
    assert table.paginator("cognito-idp", "list_users").limit_max == 60  # the model's max
    assert table.paginator("s3", "list_objects_v2").limit_max == 1000  # "(up to 1,000) of the objects"
    assert table.paginator("ecs", "list_services").limit_max == 100  # "between 1 and 100"
    assert table.paginator("ecs", "list_services").page_default == 10


def test_short_pages_are_those_whose_documentation_says_a_page_before_the_last_may_hold_fewer():
    table = aws.table()
    # "A returned page might only be partially full, or even empty."
    assert table.paginator("logs", "filter_log_events").short_pages
    # "can return fewer items than the value specified by MaxRecords, even when more items remain"
    assert table.paginator("autoscaling", "describe_auto_scaling_groups").short_pages
    # "An API operation can return fewer results than the maximum even when there are more results available."
    assert table.paginator("service-quotas", "list_service_quotas").short_pages
    assert not table.paginator("s3", "list_objects_v2").short_pages
    assert not table.paginator("iam", "list_users").short_pages
    assert not table.paginator("dynamodb", "scan").short_pages  # its filter is the rule's own concern


def test_newest_first_operations_are_those_whose_documentation_says_so_without_condition():
    table = aws.table()
    assert table.paginator("glue", "get_job_runs").newest_first == {"StartedOn", "CompletedOn", "LastModifiedOn"}
    assert table.paginator("cloudformation", "describe_stack_events").newest_first == {"Timestamp"}
    assert "startDate" in table.paginator("stepfunctions", "list_executions").newest_first
    # "To return events in descending timestamp order (newest first), set the startFromHead parameter":
    # the order depends on the call, as it does with Step Functions' reverseOrder.
    assert not table.paginator("logs", "filter_log_events").newest_first
    assert not table.paginator("stepfunctions", "get_execution_history").newest_first
    # No documented order.
    assert not table.paginator("backup", "list_recovery_points_by_backup_vault").newest_first
    assert not table.paginator("s3", "list_objects_v2").newest_first


def test_table_knows_the_errors_the_rules_need():
    table = aws.table()
    assert {"NoSuchKey", "NoSuchBucket"} <= table.error_shapes("s3")
    assert "ConditionalCheckFailedException" in table.error_shapes("dynamodb")
    assert "GoneException" in table.error_shapes("apigatewaymanagementapi")
    assert {"ClientError", "from_code", "NoSuchKey"} <= table.exceptions_attributes("s3")
    assert "ClientError" not in table.error_shapes("s3")
    assert table.head_operations("s3") == {"head_object", "head_bucket"}
    assert table.head_operations("dynamodb") == frozenset()
    # resource actions, from boto3's resource models
    assert table.resource_action("s3", "Object", "load") == "head_object"
    assert table.resource_action("s3", "Object", "put") == "put_object"
    assert table.resource_action("sqs", "Message", "delete") == "delete_message"
    assert table.resource_action("dynamodb", "ServiceResource", "batch_get_item") == "batch_get_item"
    assert table.resource_action("s3", "Object", "no_such_action") is None
    assert table.distinct_resource_actions["delete_messages"] == "delete_message_batch"
    assert "delete" not in table.distinct_resource_actions  # one word: only on a known resource
    assert "send_message" not in table.distinct_resource_actions  # a client operation of that name
    without = table.exceptions_without_error_response("botocore.exceptions")
    assert {
        "BotoCoreError",
        "NoCredentialsError",
        "EndpointConnectionError",
        "ParamValidationError",
        "WaiterError",
        "ReadTimeoutError",
        "ConnectTimeoutError",
    } <= without
    assert not {"ClientError", "EventStreamError"} & without
    assert "S3UploadFailedError" in table.exceptions_without_error_response("boto3.exceptions")


def test_the_table_names_what_client_exceptions_has():
    """BTO503 rests on this: exactly the public names of a real client's ``exceptions``."""
    boto3 = pytest.importorskip("boto3")
    session = boto3.session.Session(
        region_name="us-east-1", aws_access_key_id="testing", aws_secret_access_key="testing"
    )
    for service in ("s3", "dynamodb", "apigatewaymanagementapi", "lambda", "redshift"):
        exceptions = session.client(service).exceptions
        public = {name for name in dir(exceptions) if not name.startswith("_")}
        assert public == aws.table().exceptions_attributes(service), service


def test_no_s3_error_shape_has_a_bare_http_status_as_its_code():
    """BTO504 rests on this: an S3 HEAD error carries only its HTTP status as code ("404"),
    and botocore raises a modeled exception only when its code matches."""
    session = pytest.importorskip("botocore.session")
    model = session.get_session().get_service_model("s3")
    assert [shape.name for shape in model.error_shapes if shape.error_code.isdigit()] == []


def test_table_is_loaded_lazily():
    """Importing the plugin, or linting a file no rule cares about, never reads the table."""
    code = (
        "import flake8_boto3.plugin, flake8_boto3.aws as aws\n"
        "from flake8_boto3.checker import check_source\n"
        "check_source('import json\\nprint(json.dumps({}))\\n', 'plain.py')\n"
        "print(aws.table.cache_info().currsize)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "0"


def test_a_service_is_decoded_only_when_a_rule_asks_about_it():
    """The packed table keeps each service's facts as text until asked: a file about S3 never pays
    for the other 400-odd services (about 4 MB of a process's memory)."""
    table = aws.Table(json.loads(gzip.decompress(SHIPPED.read_bytes())))
    assert "s3" in table.operation_index["list_objects_v2"] and "get_paginator" in table.all_injected_methods
    assert table.paginator("s3", "list_objects_v2") is not None
    assert set(table._decoded) == {"s3"}
