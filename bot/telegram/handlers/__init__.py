"""One router per module, each built fresh by its `router()` factory.

A router can be attached to only one dispatcher, and tests build many.
"""
