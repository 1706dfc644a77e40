"""Publishing the registry: one dataset (:mod:`.dataset`) and its outputs (JSON, CSV, SQLite).

``dataset`` turns a loaded registry into plain documents; ``tables`` lays them out as
relational rows; ``jsonapi``, ``csvfiles`` and ``sqlite`` write them. Nothing here prints.
"""
