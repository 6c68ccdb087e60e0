"""The one place API (sitroom.nlp.places.api): lookup by id, containment, precision, country."""

from sitroom.nlp.places import api, resolve_name
from sitroom.picture.common import place_compatible


def test_lookup_by_geonames_id_and_unknown_ids():
    russia = api.lookup("geonames:2017370")
    assert russia is not None and russia.level == "country" and russia.country == "RU"
    assert api.lookup("geonames:0") is None
    assert api.lookup("") is None and api.lookup(None) is None


def test_town_within_its_division_country_and_continent_not_elsewhere():
    kursk = resolve_name("Kursk")
    oblast = resolve_name("Kursk Oblast")
    russia, ukraine = api.lookup("geonames:2017370"), api.lookup("geonames:690791")
    europe = resolve_name("Europe")
    assert kursk.level == "city" and oblast.level == "admin1"
    assert api.contains(russia, kursk) and api.contains(oblast, kursk)
    assert api.contains(europe, kursk) and api.contains(europe, russia)
    assert not api.contains(ukraine, kursk)
    assert not api.contains(kursk, russia)  # the finer never contains the coarser
    assert api.contains(kursk, kursk)
    names = [p.name for p in api.ancestors(kursk)]
    assert names.index("Russia") < names.index("Europe")


def test_regions_contain_only_themselves_and_have_no_country():
    mideast = resolve_name("Middle East")
    baghdad = resolve_name("Baghdad")
    assert mideast.level == "region"
    assert not api.contains(mideast, baghdad)
    assert api.country_of(mideast) is None and api.continent_of(baghdad) == "AS"


def test_stored_dicts_work_and_are_completed_by_id():
    kursk = resolve_name("Kursk")
    stored_inner = {"id": kursk.id, "text": "Kursk"}  # no level/country: looked up by id
    stored_outer = {"id": "geonames:2017370", "name": "Russia", "level": "country", "country": "RU"}
    assert api.contains(stored_outer, stored_inner)
    assert api.country_of(stored_inner) == "RU"
    assert api.precision(stored_inner) > api.precision(stored_outer)
    assert api.level({"id": "geonames:nope"}) is None


def test_picture_place_compatibility_uses_containment():
    kursk = resolve_name("Kursk")
    a = {
        "place": {
            "id": kursk.id,
            "name": "Kursk",
            "level": "city",
            "country": "RU",
            "admin1": kursk.admin1,
        }
    }
    b = {"place": {"id": "geonames:2017370", "name": "Russia", "level": "country", "country": "RU"}}
    c = {"place": {"id": "geonames:690791", "name": "Ukraine", "level": "country", "country": "UA"}}
    assert place_compatible(a, b)[0] and "within" in place_compatible(a, b)[1]
    assert not place_compatible(a, c)[0]


def test_country_points_are_geonames_feature_points():
    from sitroom.eval.geo_scoring import haversine_km

    us, canada = resolve_name("United States"), resolve_name("Canada")
    # GeoNames puts the United States at 39.76, -98.5 (the countrystatecity centre is 235 km off)
    assert haversine_km(us.lat, us.lon, 39.76, -98.5) < 1
    assert us.id == "geonames:6252001" and canada.id == "geonames:6251999"
    assert api.contains(us, resolve_name("Ohio")) and not api.contains(canada, resolve_name("Ohio"))


def test_divisions_and_counties_carry_geonames_ids():
    assert resolve_name("Kursk Oblast").id == "geonames:538555"
    assert resolve_name("Gauteng").id == "geonames:1085594"
    county = resolve_name("Licking County")
    assert county.level == "admin2" and county.id == "geonames:5160740"
    newark = resolve_name("Newark", {"US"})
    assert api.lookup(county.id) == county
    names = [p.name for p in api.ancestors(resolve_name("Heath", {"US"}))]
    assert "United States" in names and "North America" in names
    assert api.contains(
        county,
        {
            "id": "x",
            "name": "Heath",
            "level": "city",
            "country": "US",
            "admin1": "Ohio",
            "admin2": "Licking County",
        },
    )
    assert not api.contains(county, newark) or newark.admin2 == "Licking County"


def test_exports_read_places_through_the_api():
    from sitroom.export.acled import _admin1

    ohio = resolve_name("Ohio")
    assert _admin1({"id": ohio.id, "name": "Ohio", "level": "admin1", "country": "US"}) == "Ohio"
    newark = resolve_name("Newark", {"US"})
    stored = {"id": newark.id, "name": newark.name, "level": "city", "admin1": newark.admin1}
    assert _admin1(stored) == newark.admin1
    assert api.country_of({"id": "sitroom:region:middle-east", "level": "region"}) is None
