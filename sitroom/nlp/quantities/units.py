"""Unit tables and noun normalisation for the quantity extractor (data, plus tiny helpers).

Claim units (`Quantity.unit` for counts): soldiers/troops/servicemen/personnel... -> 'troops';
people/civilians/passengers/children/men/women/hostages/refugees... and capitalised plural
demonyms ("Palestinians") -> 'people'; militants/terrorists/fighters/insurgents/gunmen...
-> 'fighters' (kept apart from 'people' because a toll of fighters is not a civilian toll and
the gold data never merges them); any other counted noun -> its lowercased plural ('drones').
NewsQuant units (`newsquant_unit`) are the singular lemma of the counted noun ('soldier',
'worker', 'people'), as the NewsQuant gold writes them.
"""

from __future__ import annotations

TROOP_NOUNS = frozenset(
    "soldiers soldier troops troop servicemen serviceman personnel servicemembers marines "
    "paratroopers reservists conscripts recruits sailors airmen commandos mercenaries".split()
)
PEOPLE_NOUNS = frozenset(
    "people persons person civilians civilian passengers passenger children child men man women "
    "woman hostages hostage refugees refugee migrants migrant residents villagers prisoners "
    "detainees captives casualties victims individuals pilgrims protesters demonstrators "
    "inhabitants students workers journalists boys girls babies infants adults family families "
    "bodies patients doctors nurses teachers worshippers mourners".split()
)
FIGHTER_NOUNS = frozenset(
    "fighters fighter militants militant terrorists terrorist insurgents insurgent rebels rebel "
    "jihadists jihadist gunmen gunman attackers extremists combatants militiamen".split()
)
IRREGULAR_PLURALS = {
    "people": "people",
    "men": "man",
    "women": "woman",
    "children": "child",
    "feet": "foot",
    "personnel": "personnel",
    "police": "police",
    "gunmen": "gunman",
    "servicemen": "serviceman",
    "militiamen": "militiaman",
    "airmen": "airman",
    "aircraft": "aircraft",
    "staff": "staff",
    "teeth": "tooth",
    "mice": "mouse",
    "geese": "goose",
    "cattle": "cattle",
}
NOT_PLURAL = frozenset("crisis basis analysis thesis this his its was has is does gas bus".split())
CURRENCY_SYMBOLS = {
    "$": "dollar",
    "€": "euro",
    "£": "pound",
    "¥": "yen",
    "₹": "rupee",
    "₽": "ruble",
    "₴": "hryvnia",
    "₪": "shekel",
}
CURRENCY_CODES = {
    "usd": "dollar",
    "eur": "euro",
    "gbp": "pound",
    "jpy": "yen",
    "rub": "ruble",
    "uah": "hryvnia",
    "cny": "yuan",
    "inr": "rupee",
}
CURRENCY_WORDS = {
    "dollar": "dollar",
    "dollars": "dollar",
    "euro": "euro",
    "euros": "euro",
    "cent": "cent",
    "cents": "cent",
    "yen": "yen",
    "yuan": "yuan",
    "ruble": "ruble",
    "rubles": "ruble",
    "rouble": "ruble",
    "roubles": "ruble",
    "hryvnia": "hryvnia",
    "hryvnias": "hryvnia",
    "hryvnias'": "hryvnia",
    "rupee": "rupee",
    "rupees": "rupee",
    "shekel": "shekel",
    "shekels": "shekel",
    "rial": "rial",
    "rials": "rial",
    "lira": "lira",
    "pound": "pound",
    "pounds": "pound",
    "francs": "franc",
    "franc": "franc",
    "won": "won",
}
PERCENT_WORDS = {
    "%": "percentage",
    "percent": "percentage",
    "pct": "percentage",
    "percentage": "percentage",
}
MEASURES = {
    "km": "kilometre",
    "kilometer": "kilometre",
    "kilometers": "kilometre",
    "kilometre": "kilometre",
    "kilometres": "kilometre",
    "mile": "mile",
    "miles": "mile",
    "meter": "metre",
    "meters": "metre",
    "metre": "metre",
    "metres": "metre",
    "kg": "kilogram",
    "kilo": "kilogram",
    "kilos": "kilogram",
    "kilogram": "kilogram",
    "kilograms": "kilogram",
    "ton": "ton",
    "tons": "ton",
    "tonne": "tonne",
    "tonnes": "tonne",
    "hour": "hour",
    "hours": "hour",
    "hr": "hour",
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
    "year": "year",
    "years": "year",
    "minute": "minute",
    "minutes": "minute",
    "second": "second",
    "seconds": "second",
    "decade": "decade",
    "decades": "decade",
    "mph": "mile per hour",
    "feet": "foot",
    "foot": "foot",
    "ft": "foot",
    "inch": "inch",
    "inches": "inch",
    "gallon": "gallon",
    "gallons": "gallon",
    "litre": "litre",
    "litres": "litre",
    "liter": "litre",
    "liters": "litre",
    "barrel": "barrel",
    "barrels": "barrel",
    "acre": "acre",
    "acres": "acre",
    "hectare": "hectare",
    "hectares": "hectare",
    "yard": "yard",
    "yards": "yard",
    "gb": "gigabyte",
    "mb": "megabyte",
    "tb": "terabyte",
    "mw": "megawatt",
    "gw": "gigawatt",
    "kw": "kilowatt",
    "kwh": "kilowatt hour",
    "degrees": "degree",
    "degree": "degree",
    "cm": "centimetre",
    "mm": "millimetre",
    "lb": "pound-mass",
    "lbs": "pound-mass",
    "sq": "square",
    "bhp": "brake horsepower",
    "hp": "horsepower",
    "horsepower": "horsepower",
    "nautical": "nautical mile",
    "calibre": "calibre",
    "kph": "kilometre per hour",
    "kbps": "kilobit per second",
    "mbps": "megabit per second",
    "gbps": "gigabit per second",
    "celsius": "degree celsius",
    "fahrenheit": "degree fahrenheit",
    "caliber": "calibre",
}
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
TIME_AFTER = frozenset("am pm a.m p.m gmt utc bst cet est edt pst o'clock hrs".split())
ORDINAL_SUFFIX = frozenset(("st", "nd", "rd", "th"))


def is_plural(word: str) -> bool:
    """Heuristic: does this (lowercased) word look like a plural noun?"""
    if word in IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "'s", "’s"))
        and word not in NOT_PLURAL
    )


def singular(word: str) -> str:
    """Singular lemma of a lowercased noun ('casualties' -> 'casualty', 'men' -> 'man')."""
    if word in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[word]
    if not is_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if word.endswith("men"):
        return word[:-3] + "man"
    return word[:-1]


def plural(word: str) -> str:
    """Naive plural of a lowercased noun, so claim units have one form ('drone' -> 'drones')."""
    if is_plural(word) or word in IRREGULAR_PLURALS:
        return word
    for sing_, plur in (("man", "men"), ("child", "children"), ("person", "people")):
        if word.endswith(sing_):
            return word[: -len(sing_)] + plur
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def claim_unit(word: str, capitalised: bool = False) -> str:
    """Claim unit for a counted noun: 'troops', 'people', 'fighters', else the plural lemma."""
    w = word.lower()
    if w in TROOP_NOUNS:
        return "troops"
    if w in FIGHTER_NOUNS:
        return "fighters"
    if w in PEOPLE_NOUNS:
        return "people"
    if capitalised and w.endswith(("ians", "ans", "is", "ese")) and len(w) > 5:
        return "people"  # plural demonyms: Palestinians, Israelis, Lebanese
    return plural(w)


__all__ = [
    "TROOP_NOUNS",
    "PEOPLE_NOUNS",
    "FIGHTER_NOUNS",
    "CURRENCY_SYMBOLS",
    "CURRENCY_CODES",
    "CURRENCY_WORDS",
    "PERCENT_WORDS",
    "MEASURES",
    "MONTHS",
    "TIME_AFTER",
    "ORDINAL_SUFFIX",
    "is_plural",
    "singular",
    "plural",
    "claim_unit",
]
