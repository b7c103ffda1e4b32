"""flake8-boto3: a flake8 plugin that catches misuse of boto3, the AWS SDK for Python."""

__version__ = "0.1.0"
# Where users read about the tool: the SARIF report's informationUri. The project has no public
# repository URL yet (the README writes "<URL of this repository>"); put it here once it has one.
__url__ = "https://example.invalid/flake8-boto3"
