"""The window's standard File and Edit menus, Open Recent, and each panel's document commands behind them."""
