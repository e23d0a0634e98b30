"""Printable fulfilment documents of an order, built from the read models (HTML and PDF)."""
