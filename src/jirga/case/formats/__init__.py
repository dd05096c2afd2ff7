"""File formats read at the case boundary: peer CSV tables (KTAB scenarios, actor
tables of the bargaining replications) become cases or model inputs here, so no
model ever reads a file.
"""
