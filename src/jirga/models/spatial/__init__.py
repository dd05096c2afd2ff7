"""KTAB's spatial model (probabilistic Condorcet elections over several issues at once)."""

from jirga.models.spatial.engine import SpatialInput, SpatialResult, run_spatial, spatial_input

__all__ = ["SpatialInput", "SpatialResult", "run_spatial", "spatial_input"]
