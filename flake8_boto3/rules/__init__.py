"""One module per rule; each module's docstring is the rule's documentation."""
