"""Long jobs in a child process (import, training), so a window stays responsive."""
