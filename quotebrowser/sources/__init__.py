"""Sources: what the user has, turned into Documents with text and metadata.

Files (plain text, Markdown, saved web pages), folders, `-` for standard input, links, and
archives (.jsonl, .json, .csv: one article a record). Each bad input is one ReadError naming the
file, record or link. Sources know nothing of spaCy or the database.

The package's own import is empty: import from its modules (`sources.reading.read_sources`,
`sources.metadata.describe`, `sources.read_error.ReadError`, `sources.archives.Fields`), so
that a module needing one small piece (a citation checking a link) does not load the readers of
every kind of input.
"""
