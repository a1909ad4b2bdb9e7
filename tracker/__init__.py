"""The Flowtally focus model: pure, stdlib-only domain logic.

Everything the app, the charts and the CLI show is computed here, from plain frozen
dataclasses, so that one implementation of the contract in ``shared/model.md`` serves them all.
"""
