"""Review mode: candidates, adjudication, returns, flags and gold beside mine."""
