"""German formats for everything people take away: dates, numbers, ja/nein, CSV for German Excel, file names.

One rule for the whole app: a date reads ``28.11.2026``, a number ``0,2885`` (``1.234,5`` with grouping),
a truth value ``ja``/``nein``. CSV files use ``;`` between cells, a decimal comma, Windows line ends and
UTF-8 with byte order mark, so German Excel opens them without the import dialog and
``pandas.read_csv(path, sep=";", decimal=",")`` reads number columns as numbers.

Machine formats stay as they are: JSON and the command line's ``metrics --format csv`` (ISO dates, decimal
point) and the attributes inside GraphML/GEXF files.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped]

from graph.data.schoolyear import de_day
from graph.data.suggest import slugify

__all__ = [
    "CSV_DECIMAL",
    "CSV_ENCODING",
    "CSV_LINE_END",
    "CSV_SEPARATOR",
    "NO",
    "VEGA_LOCALE",
    "XLSX_DATE_FORMAT",
    "YES",
    "address_line",
    "de_bool",
    "de_cell",
    "de_date",
    "de_number",
    "de_table",
    "file_name",
    "strength_word",
    "xlsx_table",
]

CSV_SEPARATOR = ";"
CSV_DECIMAL = ","
CSV_ENCODING = "utf-8-sig"
CSV_LINE_END = "\r\n"
#: Cell format of dates in Excel workbooks (``pandas.ExcelWriter(date_format=...)``).
XLSX_DATE_FORMAT = "DD.MM.YYYY"
YES = "ja"
NO = "nein"
#: A relation's ``strength`` in words, as data/README.md defines the numbers.
STRENGTH_WORDS = {1: "gelegentlich", 2: "regelmäßig", 3: "vertraglich"}
#: German number and date locale for Vega/Vega-Lite charts (``config.locale``, d3's de-DE): ``0,25``, ``1.234``.
VEGA_LOCALE: dict[str, dict[str, Any]] = {
    "number": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", "\u00a0€"]},
    "time": {
        "dateTime": "%A, der %e. %B %Y, %X",
        "date": "%d.%m.%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
        "shortDays": ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
        "months": [
            "Januar",
            "Februar",
            "März",
            "April",
            "Mai",
            "Juni",
            "Juli",
            "August",
            "September",
            "Oktober",
            "November",
            "Dezember",
        ],
        "shortMonths": ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"],
    },
}


def strength_word(value: Any) -> str:
    """A relation's strength in words (:data:`STRENGTH_WORDS`): what „Stärke 3“ means, for people.

    Parameters
    ----------
    value : int, float or None
        The ``strength`` of a relation (1–3); a whole float from pandas counts as its integer.

    Returns
    -------
    str
        ``gelegentlich``, ``regelmäßig`` or ``vertraglich``; empty without a value (or NaN); any other
        value as its number.

    Examples
    --------
    >>> strength_word(3), strength_word(1.0), strength_word(None)
    ('vertraglich', 'gelegentlich', '')
    """
    if value is None or (isinstance(value, float) and value != value):  # None or NaN from pandas
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return STRENGTH_WORDS.get(value, str(value)) if isinstance(value, int) else str(value)


def de_date(day: dt.date | None) -> str:
    """A date as ``TT.MM.JJJJ``; a time of day other than midnight is added as ``HH:MM``; ``None`` is empty.

    Parameters
    ----------
    day : datetime.date or datetime.datetime, optional
        The day (or moment); ``None`` and ``pandas.NaT`` give an empty text.

    Returns
    -------
    str
        ``TT.MM.JJJJ``, ``TT.MM.JJJJ HH:MM`` or ``""``.

    Examples
    --------
    >>> de_date(dt.date(2026, 11, 28)), de_date(None)
    ('28.11.2026', '')
    >>> de_date(dt.datetime(2026, 1, 2, 9, 5))
    '02.01.2026 09:05'
    """
    if day is None or day is pd.NaT:
        return ""
    if isinstance(day, dt.datetime) and day.time() != dt.time(0, 0):
        return f"{day:%d.%m.%Y %H:%M}"
    return de_day(day)


def de_number(value: float | None, digits: int | None = None, grouping: bool = False) -> str:
    """A number with decimal comma; ``digits`` fixes the decimals, ``grouping`` adds ``.`` between thousands.

    Without ``digits`` a float keeps all its digits (the shortest text that reads back as the same
    value) and a whole number has none. ``None`` and NaN are empty. Leave ``grouping`` off for CSV cells:
    ``read_csv(decimal=",")`` reads ``1234,5`` as a number but ``1.234,5`` only with ``thousands="."``.

    Parameters
    ----------
    value : float, optional
        The number (Python or NumPy int or float); ``None`` and NaN give an empty text.
    digits : int, optional
        Number of decimals, rounded; ``None`` keeps the value's own digits.
    grouping : bool
        Add ``.`` between thousands (default off).

    Returns
    -------
    str
        The German number text.

    Examples
    --------
    >>> de_number(0.2885), de_number(0.28849, 3), de_number(3), de_number(2.0, 1)
    ('0,2885', '0,288', '3', '2,0')
    >>> de_number(1234567.891, 2, grouping=True), de_number(-12345, grouping=True)
    ('1.234.567,89', '-12.345')
    >>> de_number(None), de_number(float("nan"))
    ('', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    group = "," if grouping else ""
    if digits is not None:
        text = format(value, f"{group}.{digits}f")
    elif isinstance(value, int | np.integer):
        text = format(int(value), group)
    else:
        text = format(float(value), group) if grouping else repr(float(value))
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def address_line(street: str | None, postcode: str | None, city: str | None) -> str:
    """A postal address on one line, German order: „Weg 1, 06132 Halle (Saale)“; missing parts left out.

    Parameters
    ----------
    street : str or None
        Street and house number.
    postcode : str or None
        Postcode, as text.
    city : str or None
        Town or city.

    Returns
    -------
    str
        ``street, postcode city``; empty parts (``None`` or ``""``) and their separators left out, ``""`` when
        all are missing.

    Examples
    --------
    >>> address_line("Weg 1", "06132", "Halle (Saale)"), address_line(None, "06132", "Halle (Saale)")
    ('Weg 1, 06132 Halle (Saale)', '06132 Halle (Saale)')
    >>> address_line("Weg 1", None, None), address_line(None, None, None)
    ('Weg 1', '')
    """
    place = " ".join(p for p in (postcode, city) if p)
    return ", ".join(p for p in (street, place) if p)


def de_bool(value: bool | None) -> str:
    """``ja`` or ``nein``; ``None`` is empty.

    Parameters
    ----------
    value : bool, optional
        The truth value, or ``None`` for unknown.

    Returns
    -------
    str
        :data:`YES`, :data:`NO` or ``""``.

    Examples
    --------
    >>> de_bool(True), de_bool(False), de_bool(None)
    ('ja', 'nein', '')
    """
    if value is None:
        return ""
    return YES if value else NO


def de_cell(value: Any) -> Any:
    """One table cell for a file people open: dates, decimals and truth values as German text.

    Whole numbers and texts stay as they are (so a spreadsheet still sees numbers), a float becomes
    :func:`de_number` without grouping, a list its items joined with ``", "``, an empty value ``""``.

    Parameters
    ----------
    value : object
        One cell: bool (also NumPy), date, number, text, list/tuple/set, ``None``, NaN, ``pandas.NaT``/``pandas.NA``.

    Returns
    -------
    object
        German text for truth values, dates, floats, collections and empty values; integers and other
        values unchanged.

    Examples
    --------
    >>> [de_cell(v) for v in (True, dt.date(2028, 7, 31), 0.5, 7, "Süd", None, float("nan"), ("a", "b"))]
    ['ja', '31.07.2028', '0,5', 7, 'Süd', '', '', 'a, b']
    >>> de_cell(np.bool_(False)), de_cell(np.float64(1.25)), de_cell(np.int64(4))
    ('nein', '1,25', np.int64(4))
    """
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(de_cell(v)) for v in value)
    if isinstance(value, bool | np.bool_):
        return de_bool(bool(value))
    if isinstance(value, dt.date):
        return de_date(value)
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, numbers.Integral):
        return value
    if isinstance(value, numbers.Real):
        return de_number(float(value))
    return value


def de_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with every cell through :func:`de_cell` (what :func:`graph.present.export.to_csv` writes).

    Parameters
    ----------
    table : pandas.DataFrame
        Any table; it is not changed.

    Returns
    -------
    pandas.DataFrame
        A new table of the same shape, every cell converted by :func:`de_cell`.

    Examples
    --------
    >>> de_table(pd.DataFrame({"Wert": [0.25, None], "Aktiv": [True, False]})).values.tolist()
    [['0,25', 'ja'], ['', 'nein']]
    """
    return table.map(de_cell)


def _xlsx_cell(value: Any) -> Any:
    return de_bool(bool(value)) if isinstance(value, bool | np.bool_) else value


def xlsx_table(table: pd.DataFrame) -> pd.DataFrame:
    """A copy for an Excel workbook: truth values as ``ja``/``nein``; numbers and dates stay cells of their type.

    Excel shows numbers in the reader's locale by itself; dates get :data:`XLSX_DATE_FORMAT` from the writer.

    Parameters
    ----------
    table : pandas.DataFrame
        Any table; it is not changed.

    Returns
    -------
    pandas.DataFrame
        A new table of the same shape with bools (also NumPy's) as ``ja``/``nein``, every other cell unchanged.

    Examples
    --------
    >>> xlsx_table(pd.DataFrame({"A": [True, False], "N": [0.5, 2]})).values.tolist()
    [['ja', 0.5], ['nein', 2.0]]
    """
    return table.map(_xlsx_cell)


def file_name(*parts: str, day: dt.date | None = None, suffix: str) -> str:
    """A download file name from German words: parts as ASCII slugs, then the day (``JJJJ-MM-TT``, sorts well).

    Empty parts are left out; ``suffix`` is the extension without dot.

    Parameters
    ----------
    *parts : str
        German words of the name, each turned into an ASCII slug by :func:`graph.data.suggest.slugify`.
    day : datetime.date, optional
        Appended as ``JJJJ-MM-TT``; ``None`` leaves it out.
    suffix : str
        File extension without the dot (keyword only), e.g. ``csv``.

    Returns
    -------
    str
        The slugs and the day joined by ``-``, then ``.suffix``.

    Examples
    --------
    >>> file_name("Netzwerk", "Umfeld", "Villa Jühling", day=dt.date(2026, 11, 28), suffix="html")
    'netzwerk-umfeld-villa-juehling-2026-11-28.html'
    >>> file_name("Lücken", "", "Schulsozialarbeit endet", suffix="csv")
    'luecken-schulsozialarbeit-endet.csv'
    """
    words = [slugify(p) for p in parts if p and slugify(p)]
    if day is not None:
        words.append(day.isoformat())
    return "-".join(words) + "." + suffix
