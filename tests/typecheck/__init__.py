"""Files for type checkers only: mypy and pyright read them, pytest does not."""
