"""The ``flowtally`` command language: typed requests, their grammar, and their wire form."""
