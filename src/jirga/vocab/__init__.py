"""The shared vocabulary under every other layer: CAMEO/PLOVER codes, dates with
precision, and estimates (a point or a low/mode/high range).

It sits at the bottom so that ``case`` and ``events`` can both use it without
importing each other; it imports nothing else from jirga.
"""
