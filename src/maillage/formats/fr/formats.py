# The French forms of maillage.analysis.measures: day, month and year held together by no-break spaces.
DATE_FORMAT = "j\u00a0F\u00a0Y"
DATETIME_FORMAT = "j\u00a0F\u00a0Y, H:i"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j\u00a0F"
YEAR_MONTH_FORMAT = "F\u00a0Y"
# Numbers: Django's own French separators (a comma, a no-break space between thousands).
