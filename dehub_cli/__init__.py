"""dehub: the registry of Germany's Digital Hub Initiative (de:hub) as validated YAML files."""

__version__ = "0.1.0"
