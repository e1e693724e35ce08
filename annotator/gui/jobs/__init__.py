"""Long jobs off the GUI thread: import, export, training, upgrades, and the workers behind them."""
