"""The index in a browser, through Datasette (`python -m index serve`, the `web` extra).

`metadata.yaml` is the configuration (titles, descriptions, labels, facets, canned
queries); `plugin` gives its SQL the index's word segmentation; `serve` starts Datasette
on the index, read-only.
"""
