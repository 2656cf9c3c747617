"""Maillage: an observatory and information system for local intersectoral collaboration networks."""

__version__ = "0.1.0"
