"""``python -m cityref`` is the same as the ``cityref`` command."""

from cityref.cli import main

if __name__ == "__main__":
    main()
