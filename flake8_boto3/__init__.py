"""flake8-boto3: a flake8 plugin that catches misuse of boto3, the AWS SDK for Python."""

__version__ = "0.1.0"
