"""quotebrowser: find every quotation in news articles, attribute, store, browse and cite it."""

__version__ = "0.1.0"
