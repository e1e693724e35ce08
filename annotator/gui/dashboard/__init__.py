"""The agreement dashboard (Review › Agreement…) and its tabs, computed off the GUI thread."""
