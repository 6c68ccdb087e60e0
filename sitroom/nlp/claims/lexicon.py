"""Trigger words for each claim kind, and the hedges for status and certainty (hand-made data).

Kinds and their meanings follow the gold README. Verb triggers are matched on spaCy lemmas;
noun triggers only make a claim when the sentence pins the event down (a number, a time, a place,
a named actor doing it), which keeps analysis prose ("the deployment marks a shift") out.
"""

from __future__ import annotations

# lemma -> kind, for verbs that assert an event on their own
VERB_TRIGGERS: dict[str, str] = {
    "attack": "attack",
    "strike": "attack",
    "bomb": "attack",
    "shell": "attack",
    "ambush": "attack",
    "assault": "attack",
    "raid": "attack",
    "hijack": "attack",
    "detonate": "attack",
    "storm": "attack",
    "blow": "attack",
    "kill": "casualties",
    "injure": "casualties",
    "wound": "casualties",
    "die": "casualties",
    "abduct": "casualties",
    "kidnap": "casualties",
    "rescue": "casualties",
    "deploy": "deployment",
    "station": "deployment",
    "fight": "combat",
    "clash": "combat",
    "engage": "combat",
    "withdraw": "withdrawal",
    "retreat": "withdrawal",
    "recruit": "recruitment",
    "conscript": "recruitment",
    "enlist": "recruitment",
    "train": "training",
    "sanction": "sanction",
    "designate": "sanction",
    "blacklist": "sanction",
    "ratify": "diplomatic",
    "invade": "attack",
    "neutralize": "casualties",
    "veto": "diplomatic",
}

WEAPONS = frozenset({"weapon", "arm", "munition", "missile", "shell", "ammunition", "drone"})
AID = frozenset({"delivery", "aid", "assistance", "shipment", "intelligence", "support", "funding"})
DEALS = frozenset({"ceasefire", "truce", "deal", "agreement"})
CAPTIVES = frozenset({"hostage", "captive", "prisoner"})
# people a captor lets go ("released dozens of women, children and passengers")
FREED = CAPTIVES | {"passenger", "woman", "child", "civilian", "girl", "schoolgirl", "student"}
PLACES = frozenset(
    {
        "city",
        "town",
        "village",
        "region",
        "area",
        "territory",
        "control",
        "base",
        "settlement",
        "district",
        "province",
        "stronghold",
        "airport",
        "port",
    }
)
BLOCS = frozenset({"confederation", "alliance", "coalition", "bloc", "union", "federation"})
TARGETS = frozenset(
    {
        "location",
        "position",
        "convoy",
        "civilian",
        "hotel",
        "school",
        "hospital",
        "vehicle",
        "infrastructure",
        "facility",
        "camp",
        "hideout",
        "militant",
        "fighter",
        "leader",
        "commander",
        "site",
        "depot",
        "plant",
    }
)
RECEIVE_VERBS = frozenset({"receive", "get", "obtain", "acquire", "buy", "purchase", "import"})
CONQUEST_VERBS = frozenset(
    {"capture", "seize", "recapture", "retake", "liberate", "overrun", "annex"}
)
TROOPS = frozenset({"troop", "soldier", "force", "peacekeeper"})

# verbs that make a claim only with an object of the right sort nearby
OBJECT_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    "send": (
        "deployment",
        TROOPS
        | {"personnel", "unit", "contingent", "servicemen", "fighter", "reinforcement", "official"},
    ),
    "dispatch": (
        "deployment",
        TROOPS | {"personnel", "unit", "contingent", "servicemen", "reinforcement"},
    ),
    "depart": ("deployment", TROOPS | {"train", "official"}),
    "arrive": ("deployment", TROOPS | {"contingent", "personnel"}),
    "supply": ("arms_transfer", WEAPONS | {"artillery", "tank"}),
    "transfer": ("arms_transfer", WEAPONS | {"artillery"}),
    "deliver": ("arms_transfer", WEAPONS),
    "provide": ("arms_transfer", WEAPONS | {"training"}),
    "halt": ("aid_suspension", AID | {"weapon"}),
    "suspend": ("aid_suspension", AID | {"sharing"}),
    "pause": ("aid_suspension", AID | {"sharing"}),
    "freeze": ("aid_suspension", frozenset({"aid", "assistance", "funding"})),
    "resume": ("aid_suspension", AID - {"support", "funding"} | {"sharing", "cooperation"}),
    "capture": ("territory", PLACES),
    # "the airstrikes targeted the Damasha areas", not "the operation targeted platforms"
    "target": ("attack", PLACES | TROOPS | TARGETS),
    "take": ("territory", frozenset({"control", "ownership", "possession"})),
    "seize": ("territory", PLACES | {"power"}),
    "annex": ("territory", PLACES),
    # "250 Chinese vessels had been spotted near six islands"
    "spot": ("deployment", TROOPS | {"vessel", "ship", "warship", "aircraft", "jet", "drone"}),
    "recapture": ("territory", PLACES),
    "retake": ("territory", PLACES),
    "liberate": ("territory", PLACES),
    "overrun": ("territory", PLACES),
    "regain": ("territory", frozenset({"control"})),
    # tariffs are trade measures, not sanctions (gold README)
    "impose": ("sanction", frozenset({"sanction", "embargo"})),
    # "signed a treaty", "signed between the military and protest leaders"; not "signed the
    # legislation" (a domestic act)
    "sign": ("diplomatic", DEALS | {"treaty", "accord", "pact", "memorandum", "protocol"}),
    "occupy": ("territory", PLACES | {"hospital", "building", "school", "town", "village"}),
    "attend": ("diplomatic", frozenset({"talk", "meeting", "summit", "conference", "negotiation"})),
    "import": ("arms_transfer", WEAPONS | {"artillery"}),
    "sell": ("arms_transfer", WEAPONS | {"artillery", "jet", "tank"}),
    "procure": ("arms_transfer", WEAPONS | {"artillery", "system"}),
    "exchange": ("combat", frozenset({"fire", "gunfire", "shot"})),
    # "fired tear gas at demonstrators", "opened fire on a patrol"
    "fire": (
        "attack",
        frozenset({"gas", "bullet", "grenade", "shot", "missile", "rocket", "shell", "round"}),
    ),
    "open": ("attack", frozenset({"fire"})),
    "visit": ("diplomatic", frozenset()),
    "support": ("diplomatic", DEALS | {"proposal"}),
    "endorse": ("diplomatic", DEALS | {"proposal"}),
    "have": ("diplomatic", frozenset({"meeting", "talk", "summit", "negotiation"})),
    "lift": ("sanction", frozenset({"sanction", "embargo", "ban", "restriction"})),
    "agree": ("diplomatic", DEALS | {"talk"}),
    "accept": ("diplomatic", DEALS | {"proposal"}),
    "reject": ("diplomatic", DEALS | {"proposal"}),
    "hold": ("diplomatic", frozenset({"talk", "negotiation", "meeting", "summit", "hostage"})),
    "release": ("casualties", FREED),
    "free": ("casualties", FREED),
    "push": ("territory", PLACES),
    "take_hostage": ("casualties", frozenset()),
    "ship": ("arms_transfer", WEAPONS | {"artillery", "container"}),
    # the receiving side: "Russia is getting weapons from North Korea"
    "receive": ("arms_transfer", WEAPONS | {"artillery"}),
    "get": ("arms_transfer", WEAPONS | {"artillery"}),
    "obtain": ("arms_transfer", WEAPONS | {"artillery"}),
    "acquire": ("arms_transfer", WEAPONS | {"artillery"}),
    "buy": ("arms_transfer", WEAPONS | {"artillery"}),
    "purchase": ("arms_transfer", WEAPONS | {"artillery"}),
    "cease": ("aid_suspension", AID | {"sharing", "cooperation"}),
    "stop": ("aid_suspension", AID | {"sharing", "cooperation"}),
    "cut": ("aid_suspension", AID | {"sharing", "cooperation"}),
    "withhold": ("aid_suspension", AID | {"sharing", "cooperation"}),
    "meet": ("diplomatic", frozenset({"with"})),
    "create": ("diplomatic", BLOCS),
    "form": ("diplomatic", BLOCS),
    "establish": ("diplomatic", BLOCS),
}

# nouns that name an event; they need support in the sentence (see module docstring)
NOUN_TRIGGERS: dict[str, str] = {
    "attack": "attack",
    "strike": "attack",
    "airstrike": "attack",
    "bombing": "attack",
    "blast": "attack",
    "explosion": "attack",
    "ambush": "attack",
    "shelling": "attack",
    "raid": "attack",
    "assault": "attack",
    "offensive": "attack",
    "invasion": "attack",
    "incursion": "attack",
    "deployment": "deployment",
    "fighting": "combat",
    "clash": "combat",
    "battle": "combat",
    "gunfight": "combat",
    "firefight": "combat",
    "skirmish": "combat",
    "insurgency": "combat",
    "halt": "aid_suspension",
    "suspension": "aid_suspension",
    "pause": "aid_suspension",
    "sanction": "sanction",
    "embargo": "sanction",
    "ceasefire": "diplomatic",
    "treaty": "diplomatic",
    "transfer": "arms_transfer",
    "recruitment": "recruitment",
    "training": "training",
    "withdrawal": "withdrawal",
    "hostage": "casualties",
    "abduction": "casualties",
    "kidnapping": "casualties",
    "killing": "casualties",
    "sanctioning": "sanction",
    "veto": "diplomatic",
    "conflict": "combat",
    "war": "combat",
    "casualty": "casualties",
    "death": "casualties",
    "injury": "casualties",
    "talk": "diplomatic",
    "negotiation": "diplomatic",
    "summit": "diplomatic",
    "agreement": "diplomatic",
    "accord": "diplomatic",
    "pact": "diplomatic",
}

CASUALTY_WORDS: dict[str, str] = {
    "kill": "killed",
    "die": "killed",
    "dead": "killed",
    "death": "killed",
    "slay": "killed",
    "injure": "injured",
    "wound": "injured",
    "injury": "injured",
    "hurt": "injured",
    "hostage": "hostage",
    "abduct": "hostage",
    "kidnap": "hostage",
    "abduction": "hostage",
    "kidnapping": "hostage",
    "killing": "killed",
    "neutralize": "killed",
    "body": "killed",  # "found 23 bodies"
    "capture": "captured",
    "missing": "missing",
    "rescue": "rescued",
    "release": "rescued",
    "free": "rescued",
    "casualty": "killed_or_injured",
    "injured": "injured",
    "wounded": "injured",
    "killed": "killed",
    "toll": "killed",
    "fatality": "killed",
    "behead": "killed",
    "execute": "killed",
    "massacre": "killed",
    "arrest": "captured",
}

DOUBT = (
    "could not be verified",
    "cannot be verified",
    "could not be independently verified",
    "unverified",
    "unconfirmed",
    "not independently verified",
)

# singular nouns for a person: "the driver ... has died" counts one
PERSONS = frozenset(
    {
        "driver",
        "soldier",
        "officer",
        "official",
        "leader",
        "commander",
        "journalist",
        "civilian",
        "child",
        "woman",
        "man",
        "boy",
        "girl",
        "policeman",
        "guard",
        "worker",
        "passenger",
        "pilot",
        "emir",
        "spokesman",
        "minister",
        "mayor",
        "governor",
        "member",
        "militant",
        "fighter",
    }
)

# verbs that make their object noun an event ("launched 504 attacks", "held talks")
LIGHT_VERBS = frozenset(
    {
        "launch",
        "conduct",
        "carry",
        "stage",
        "mount",
        "intensify",
        "ramp",
        "step",
        "escalate",
        "plot",
        "claim",
        "inflict",
        "cause",
        "suffer",
        "sustain",
        "hold",
        "lead",
        "sign",
        "reach",
        "announce",
    }
)

# governors under which an event is wanted, threatened or stopped, not asserted
NON_ASSERTING = frozenset(
    {
        "threaten",
        "stop",
        "aim",
        "urge",
        "demand",
        "seek",
        "try",
        "call",
        "ask",
        "refuse",
        "fail",
        "attempt",
        "need",
        "mobilize",
        "vow",
        "hope",
        "wish",
        "prevent",
        "avoid",
        "eye",
        "pursue",
        "explore",
        "deter",
        "warn",
    }
)

# objects that make 'withdraw' diplomatic or personal, not forces pulling out
NOT_FORCES = frozenset(
    {"ambassador", "envoy", "diplomat", "role", "candidacy", "nomination", "bill", "support"}
)
# what one 'fights' without an armed opponent ("to fight corruption")
ABSTRACT_FOES = frozenset(
    {
        "corruption",
        "crime",
        "poverty",
        "disease",
        "virus",
        "pandemic",
        "climate",
        "change",
        "inflation",
        "fire",
        "hunger",
        "discrimination",
        "impunity",
        "misinformation",
        "disinformation",
        "trafficking",
        "case",
        "charge",
    }
)
# nouns whose clause is a fear or a possibility, not an assertion ("concerns that Trump could")
SPECULATION = frozenset(
    {"concern", "fear", "risk", "possibility", "danger", "prospect", "worry", "chance", "scenario"}
)
# compounds that make a 'ban' a sanction ("travel ban"), not any ban
BANS = frozenset({"travel", "arms", "export", "import", "visa", "entry"})
# counted places and distances: never the size of a force ("spotted near six islands")
PLACE_UNITS = frozenset(
    {
        "islands",
        "villages",
        "towns",
        "cities",
        "districts",
        "provinces",
        "countries",
        "states",
        "kilometers",
        "kilometres",
        "miles",
        "meters",
        "reefs",
        "bases",
        "sites",
    }
)
# what makes 'measures against X' sanctions ("punitive measures against Australia")
PUNITIVE = frozenset({"punitive", "restrictive", "economic", "retaliatory"})

# a sanction threatened or weighed is a claim (status hypothetical / planned), not dropped
THREAT_VERBS = frozenset({"threaten", "warn", "face", "consider", "weigh", "propose", "risk"})
# nouns naming a purchase (the possessor buys) or a sale (the possessor supplies)
BUY_NOUNS = frozenset({"purchase", "procurement", "procuring", "acquisition", "import"})
SELL_NOUNS = frozenset({"sale", "delivery", "supply", "shipment", "export"})

# trade nouns for a party: the exporter or supplier gives, the importer receives
TRADER_NOUNS = {"exporter": "giver", "supplier": "giver", "seller": "giver", "importer": "receiver"}
# verbs whose subject, when an event noun, is an event that happened ("a drone attack ignited a
# fire", "the strike killed 12")
EFFECT_VERBS = frozenset(
    {
        "kill",
        "destroy",
        "damage",
        "hit",
        "ignite",
        "injure",
        "wound",
        "leave",
        "cause",
        "spark",
        "set",
        "force",
        "claim",
        "level",
        "flatten",
        "disrupt",
    }
)

# documents that 'target' a state: sanctions, not attacks ("legislation targeting Turkey")
MEASURES = frozenset({"legislation", "bill", "measure", "law", "sanction", "restriction", "act"})

REPORT_VERBS = frozenset(
    {
        "say",
        "tell",
        "confirm",
        "indicate",
        "report",
        "claim",
        "announce",
        "state",
        "add",
        "warn",
        "estimate",
        "suggest",
        "believe",
        "accuse",
        "blame",
        "assess",
        "note",
        "allege",
        "write",
        "insist",
        "deny",
        "reveal",
        "disclose",
        "explain",
        "predict",
        "show",
        "find",
        "acknowledge",
    }
)
