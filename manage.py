#!/usr/bin/env python
from essaim.cli import main

if __name__ == "__main__":
    main()
