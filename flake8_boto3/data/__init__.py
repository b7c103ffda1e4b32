"""botocore's knowledge of AWS, as a compact generated table (see scripts/generate_botocore_table.py)."""
