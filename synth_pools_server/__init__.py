"""The embedded local backend: serves openapi/synth-pools.yaml on one machine, no account needed."""
