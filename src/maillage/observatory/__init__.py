"""What several apps read about a network's numbers: the catalogue of measures and how they are written.

Dashboards, indicators, reports (web and PDF), the API, the command line and exports take a headline
figure's label, definition, value and change from `measures`, and its written form from `formatting`,
so that one quantity has one name and one way of being written everywhere.
"""
