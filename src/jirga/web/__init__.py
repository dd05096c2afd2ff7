"""The local workbench: `jirga serve` — explore a case, edit it, re-run, compare, save.

A FastAPI application (:func:`jirga.web.app.create_app`) over the analysis layer. It
reads and writes only inside its workspace folder, binds to 127.0.0.1 unless told
otherwise, and serves everything the page needs from the package (no CDN).
"""
