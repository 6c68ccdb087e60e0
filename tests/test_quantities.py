"""Quantity extraction on real sentences from the seed article and VOA stories."""

from __future__ import annotations

import pytest

from sitroom.nlp.quantities.finder import find_quantities, in_newsquant_scope, to_newsquant


def one(text: str, needle: str):
    """The single quantity whose span contains `needle`."""
    qs = [q for q in find_quantities(text) if needle in q.text]
    assert len(qs) == 1, [q.text for q in find_quantities(text)]
    return qs[0]


SEED_RANGE = (
    "Recent intelligence reports indicate that Pyongyang is poised to dispatch between "
    "25,000 to 30,000 additional soldiers, effectively tripling its military support "
    "to Moscow."
)


def test_range_additional_troops():
    q = one(SEED_RANGE, "25,000")
    assert (q.low, q.high, q.unit, q.basis, q.approx) == (
        25000,
        30000,
        "troops",
        "additional",
        False,
    )
    assert q.text == "between 25,000 to 30,000 additional soldiers"
    assert to_newsquant(q)["range"] == [25000, 30000]


def test_multiplier_tripling():
    q = one(SEED_RANGE, "tripling")
    assert (q.kind, q.low, q.unit) == ("multiplier", 3, "times")
    assert not in_newsquant_scope(q)


@pytest.mark.parametrize(
    "text",
    [
        "between 25,000 and 30,000 troops",
        "25,000-30,000 troops",
        "25,000 to 30,000 troops",
    ],
)
def test_range_forms(text):
    q = find_quantities(text)[0]
    assert (q.low, q.high, q.unit) == (25000, 30000, "troops")


def test_from_to_keeps_source_order_for_newsquant():
    q = find_quantities("Growth slowed from 4.8 to 4.7 percent.")[0]
    assert (q.low, q.high, q.kind) == (4.7, 4.8, "percent")
    assert to_newsquant(q)["range"] == [4.8, 4.7]


def test_approx_total():
    q = one(
        "Earlier in the year, the regime sent approximately 12,000 troops to assist Russia.",
        "12,000",
    )
    assert (q.low, q.unit, q.approx, q.basis, q.change) == (12000, "troops", True, "total", "~")


def test_adjectives_skipped_to_counted_noun():
    q = one(
        "Reports indicate that around 4,000 North Korean soldiers were either killed or "
        "injured during their initial deployment to the Kursk region.",
        "4,000",
    )
    assert (q.low, q.unit, q.approx) == (4000, "troops", True)
    assert to_newsquant(q)["normalized_unit"] == "north korean soldier"


def test_bound_more_than_people():
    q = one(
        "the banned separatist militant outfit said it had blown up tracks and taken more "
        "than 100 passengers hostage.",
        "100",
    )
    assert (q.low, q.bound, q.unit, q.change) == (100, "more_than", "people", ">")


def test_breakdown_all_found():
    qs = find_quantities(
        "According to security sources, 104 passengers, including 58 men, 31 "
        "women and 15 children, had been rescued, while 17 injured people were "
        "shifted to a hospital."
    )
    assert [(q.low, q.unit) for q in qs] == [
        (104, "people"),
        (58, "people"),
        (31, "people"),
        (15, "people"),
        (17, "people"),
    ]


def test_vague_dozens():
    q = find_quantities("Dozens were killed in the attack.")[0]
    assert (q.vague, q.low, q.high) == (True, 12, 120)
    q = one("security forces killed dozens of al-Shabab members elsewhere", "dozens")
    assert q.vague and q.unit == "members"
    q = one("uncertainty for hundreds of thousands of refugees", "hundreds")
    assert (q.low, q.high, q.unit) == (100_000, 1_000_000, "people")


def test_percentages_and_change():
    q = one("with deaths rising by nearly 45% in 2024 from the year before.", "45")
    assert (q.kind, q.unit, q.bound, q.low) == ("percent", "percent", "nearly", 45)
    q = one("Officials reported a 45% increase in attacks.", "45")
    assert (q.kind, q.change) == ("percent", "up")
    q = one("91 percent of them reported feeling happy", "91")
    assert q.unit == "percent"
    assert one("about 19 per cent", "19").change == "~"


def test_money_and_scales():
    got = [
        (q.low, q.unit)
        for q in find_quantities("an $873 billion plan, €3 million, 50 dollars, $6 each and 5bn")
    ]
    assert got == [(873e9, "dollar"), (3e6, "euro"), (50, "dollar"), (6, "dollar"), (5e9, None)]


@pytest.mark.parametrize(
    "text,value",
    [
        ("twelve drones", 12),
        ("a dozen tanks", 12),
        ("two hundred missiles", 200),
        ("twenty-five missiles", 25),
        ("1.5 tanks", 1.5),
        ("4.8 tanks", 4.8),
        ("1.2 million people", 1.2e6),
    ],
)
def test_number_forms(text, value):
    assert find_quantities(text)[0].low == pytest.approx(value)


@pytest.mark.parametrize(
    "text,bound",
    [
        ("at least 50 al-Shabab militants", "at_least"),
        ("up to 300 fighters", "up_to"),
        ("fewer than 20 civilians", "less_than"),
        ("no more than 5 people", "up_to"),
        ("less than 20 million chickens", "less_than"),
        ("over 90% of the sea", "more_than"),
        ("nearly 200 detainees", "nearly"),
        ("almost 30 hours", "nearly"),
    ],
)
def test_bounds(text, bound):
    assert find_quantities(text)[0].bound == bound


@pytest.mark.parametrize(
    "text",
    [
        "another 5,000 troops",
        "5,000 more troops",
        "an additional 5,000 troops",
        "5,000 new recruits",
    ],
)
def test_additional_basis(text):
    assert find_quantities(text)[0].basis == "additional"


def test_fighters_unit():
    assert one("it killed 33 BLA terrorists.", "33").unit == "fighters"


@pytest.mark.parametrize(
    "text",
    [
        "The attack happened in 2025.",
        "Syria from 1963 to late 2024.",
        "in 2024-2025",
        "on March 11 the attack began",
        "at 10 a.m. local time",
        "numbers 1,2,3 in a list",
        "the 22nd amendment",
        "in the 1990s",
        "the F-16 and COVID-19",
        "G7 members also emphasized",
        "Section 427 Row 21",
        "type 2 diabetes",
        "on Oct. 31",
        "the 1995 Dayton Accords",
        "at 10:30 on 9/11",
    ],
)
def test_not_quantities(text):
    assert [q.text for q in find_quantities(text) if q.kind == "count"] == []


def test_ages_are_not_counts_of_people():
    q = one("Take 51-year-old security guard Sibusiso Sithole, for example.", "51")
    assert (q.kind, q.unit) == ("measure", "year of age")
    q = one("a 15-year-old boy", "15")
    assert q.kind == "measure"
    ages = find_quantities("Prosecutors say Amirov, 45, and Omarov, 40, hired Mehdiyev.")
    assert [(q.low, q.unit) for q in ages] == [(45, "year of age"), (40, "year of age")]


def test_durations_are_measures():
    q = one("had agreed to a 30-day ceasefire", "30")
    assert (q.kind, q.unit) == ("measure", "day")


def test_long_and_adversarial_input_is_safe():
    text = (
        "Reports indicate that around 4,000 North Korean soldiers were killed, and some "
        "$3 billion in aid and 45% more drones arrived between 2024 and 2025. "
    ) * 40
    assert any(q.low == 4000 for q in find_quantities(text[:5000]))
    big = ("1,2,3,4,5 " + "a" * 200 + " 12,000.5.6.7 - - - ") * 20000  # ~5 MB adversarial
    found = find_quantities(big)
    assert not any(q.low == 12345 for q in found)  # a list of digits is never one number


def test_compound_units_and_weights_are_units_of_their_own():
    from sitroom.nlp.quantities.finder import to_newsquant

    text = (
        "Winds reached 190 km/h and 45 degrees Celsius; the engine makes 400 pound-feet, "
        "the parcel weighed 180 pounds and the link runs at 50 Mbps."
    )
    units = [to_newsquant(q)["normalized_unit"] for q in find_quantities(text)]
    assert units == [
        "kilometre per hour",
        "degree celsius",
        "pound-foot",
        "pound-mass",
        "megabit per second",
    ]


def test_a_bare_number_takes_the_unit_it_is_compared_with():
    qs = find_quantities("Output rose to 11 million barrels a day from 9.8 million last year.")
    assert [(q.low, q.unit) for q in qs] == [(11e6, "barrel"), (9.8e6, "barrel")]
    qs = find_quantities("Sales were $4 million and 12 stores closed.")
    assert [q.unit for q in qs] == ["dollar", "stores"]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("About 27-hundred people were evacuated.", 2700, "people"),
        ("The army sent one-thousand soldiers.", 1000, "troops"),
        ("Some 3-million people fled.", 3_000_000, "people"),
        ("Twenty-seven hundred troops left.", 2700, "troops"),
    ],
)
def test_mixed_number_forms(text, value, unit):
    q = find_quantities(text)[0]
    assert (q.low, q.high, q.unit, q.kind) == (value, value, unit, "count")


@pytest.mark.parametrize(
    "text,value,change",
    [
        ("A third of the population has fled.", 1 / 3, "="),
        ("Nearly two-thirds of voters backed the plan.", 2 / 3, "~"),
        ("Three quarters of the city was destroyed.", 0.75, "="),
        ("More than half of the 40 containers were seized.", 0.5, ">"),
    ],
)
def test_fractions_are_shares_not_counts(text, value, change):
    qs = find_quantities(text)
    assert qs[0].kind == "fraction" and qs[0].unit == "share"
    assert qs[0].low == pytest.approx(value) and qs[0].change == change
    assert to_newsquant(qs[0])["normalized_unit"] == "-"
    assert all(q.kind != "count" or q.low >= 1 for q in qs)  # no 0.5 troops


@pytest.mark.parametrize("text", ["It took half an hour.", "It was the third of four attacks."])
def test_no_fraction_without_of(text):
    assert all(q.kind != "fraction" for q in find_quantities(text))
