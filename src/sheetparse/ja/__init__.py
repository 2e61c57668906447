"""Japanese numerals and era dates (漢数字・和暦) as pure functions, usable on their own.

>>> from sheetparse.ja import parse_number, fiscal_year, to_date
>>> parse_number("約2千人").value, parse_number("約2千人").unit
(2000, '人')
>>> fiscal_year("令和7年度")
2025
>>> to_date("令和7年12月末").isoformat()
'2025-12-31'
"""

from sheetparse.ja.era import (
    ERAS,
    Era,
    EraDate,
    EraYear,
    era_of,
    find_fiscal_year,
    fiscal_year,
    format_era,
    parse_date,
    parse_era_year,
    to_date,
    to_gregorian_year,
)
from sheetparse.ja.numerals import (
    MAX_TEXT_LENGTH,
    JaInputError,
    JaNumber,
    is_no_value,
    kanji_to_int,
    parse_number,
    split_note,
    to_kanji,
)

__all__ = [
    "ERAS",
    "MAX_TEXT_LENGTH",
    "Era",
    "EraDate",
    "EraYear",
    "JaInputError",
    "JaNumber",
    "era_of",
    "find_fiscal_year",
    "fiscal_year",
    "format_era",
    "is_no_value",
    "kanji_to_int",
    "parse_date",
    "parse_era_year",
    "parse_number",
    "split_note",
    "to_date",
    "to_gregorian_year",
    "to_kanji",
]
