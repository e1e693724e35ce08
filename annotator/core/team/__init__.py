"""The team loop: layer ownership and the change records behind merges, assignment of work,
packages for annotators, returns (반려) and active time."""
