"""Loading and checking: safe YAML, the profile and catalog models, cross-file checks, pandas frames."""
