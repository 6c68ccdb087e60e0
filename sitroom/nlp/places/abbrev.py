"""State and province abbreviations: AP style ("Kan.", "Neb.", "B.C.") and postal codes ("NE").

Hand-made from the AP Stylebook and the US / Canadian / Australian postal codes (no third-party
data). Keys are the abbreviation as written; values are (ISO country, countrystatecity
division name), the gazetteer's `admin1:<cc>:<name>` key. AP forms and unambiguous
multi-letter codes ("NSW") are names wherever they stand after a place and a comma ("Lexington,
Neb."); bare two-letter postal codes count only there, never alone ("IN" is a word).
"""

from __future__ import annotations

_US = {
    "Alabama": "Ala.",
    "Arizona": "Ariz.",
    "Arkansas": "Ark.",
    "California": "Calif.|Cal.",
    "Colorado": "Colo.",
    "Connecticut": "Conn.",
    "Delaware": "Del.",
    "District of Columbia": "D.C.",
    "Florida": "Fla.",
    "Georgia": "Ga.",
    "Illinois": "Ill.",
    "Indiana": "Ind.",
    "Kansas": "Kan.|Kans.",
    "Kentucky": "Ky.",
    "Louisiana": "La.",
    "Maryland": "Md.",
    "Massachusetts": "Mass.",
    "Michigan": "Mich.",
    "Minnesota": "Minn.",
    "Mississippi": "Miss.",
    "Missouri": "Mo.",
    "Montana": "Mont.",
    "Nebraska": "Neb.|Nebr.",
    "Nevada": "Nev.",
    "New Hampshire": "N.H.",
    "New Jersey": "N.J.",
    "New Mexico": "N.M.|N.Mex.",
    "New York": "N.Y.",
    "North Carolina": "N.C.",
    "North Dakota": "N.D.|N.Dak.",
    "Oklahoma": "Okla.",
    "Oregon": "Ore.|Oreg.",
    "Pennsylvania": "Pa.|Penn.",
    "Rhode Island": "R.I.",
    "South Carolina": "S.C.",
    "South Dakota": "S.D.|S.Dak.",
    "Tennessee": "Tenn.",
    "Texas": "Tex.",
    "Vermont": "Vt.",
    "Virginia": "Va.",
    "Washington": "Wash.",
    "West Virginia": "W.Va.|W.V.",
    "Wisconsin": "Wis.|Wisc.",
    "Wyoming": "Wyo.",
}
_CA = {
    "Alberta": "Alta.|AB",
    "British Columbia": "B.C.|BC",
    "Manitoba": "Man.|MB",
    "New Brunswick": "N.B.|NB",
    "Newfoundland and Labrador": "Nfld.|N.L.|NL",
    "Nova Scotia": "N.S.|NS",
    "Ontario": "Ont.|ON",
    "Prince Edward Island": "P.E.I.|PE|PEI",
    "Quebec": "Que.|QC",
    "Saskatchewan": "Sask.|SK",
    "Yukon": "Y.T.|YT",
}
_AU = {
    "New South Wales": "NSW|N.S.W.",
    "Queensland": "Qld.|QLD",
    "Victoria": "Vic.|VIC",
    "Tasmania": "Tas.|TAS",
    "South Australia": "SA",
    "Western Australia": "WA",
    "Australian Capital Territory": "ACT",
}


def _table() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for cc, table in (("US", _US), ("CA", _CA), ("AU", _AU)):
        for name, forms in table.items():
            for form in forms.split("|"):
                out.setdefault(form, []).append((cc, name))
    return out


def after_comma(token: str) -> list[tuple[str, str]]:
    """Divisions an abbreviation names where it follows 'Place, ' ("Neb.", "NE", "B.C.")."""
    hits = list(ABBREVIATIONS.get(token, []))
    if token in _POSTAL and ("US", _POSTAL[token]) not in hits:
        hits.append(("US", _POSTAL[token]))
    return hits


_POSTAL = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
}

ABBREVIATIONS = _table()
