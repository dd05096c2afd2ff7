"""Models: one package per model (bargaining/, spatial/, ceasefire/ …), pure numerics.

Models take their inputs explicitly and never read files or keep state between calls;
every result follows the protocol in :mod:`jirga.models.results`.
"""
