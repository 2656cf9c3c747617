"""Django's date and number formats, per language, matching `maillage.formatting`.

`{{ value|date }}` writes ``15 mai 2025`` in French and ``May 15, 2025`` in English, the same form as
`formatting.day`; a date and time adds ``14:05`` (French) or ``2:05 p.m.`` (English).
"""
