"""quotebrowser: find every quotation in news articles, attribute it, store it, browse and cite it."""

__version__ = "0.1.0"
