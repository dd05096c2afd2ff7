"""Report sections: one module per section, each exposing ``build(case, ctx)``."""
