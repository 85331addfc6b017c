"""Shape and key facts of the gazetteer files in ``ontology/gazetteer/``.

The files are read through :func:`kg.resources.read_jsonl`, so these tests also prove
that the files ship in the ``kg.ontology.gazetteer`` package.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

from kg.resources import read_jsonl, read_text

ROOT = Path(__file__).resolve().parent.parent
QID = re.compile(r"^Q[1-9][0-9]*$")
ISO3 = re.compile(r"^[A-Z]{3}$")
ORG_ID = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ROLES = {
    "president",
    "vice president",
    "prime minister",
    "foreign minister",
    "defense minister",
    "king",
    "queen",
    "emir",
    "crown prince",
    "supreme leader",
    "chancellor",
    "secretary-general",
    "spokesperson",
    "head of government",
    "head of state",
    "national security adviser",
    "ambassador",
}


@pytest.fixture(scope="module")
def states() -> list[dict]:
    return read_jsonl("gazetteer/states.jsonl")


@pytest.fixture(scope="module")
def organizations() -> list[dict]:
    return read_jsonl("gazetteer/organizations.jsonl")


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    return read_jsonl("gazetteer/groups.jsonl")


@pytest.fixture(scope="module")
def collectives() -> list[dict]:
    return read_jsonl("gazetteer/collectives.jsonl")


@pytest.fixture(scope="module")
def people() -> list[dict]:
    return read_jsonl("gazetteer/people.jsonl")


@pytest.fixture(scope="module")
def iso3s(states: list[dict]) -> set[str]:
    return {s["iso3"] for s in states}


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() == v and v for v in value)


def _qid_ok(value: object) -> bool:
    return value is None or (isinstance(value, str) and bool(QID.match(value)))


def _day(value: str) -> date:
    return date.fromisoformat(value)


# ---------------------------------------------------------------- every line parses


@pytest.mark.parametrize("name", ["states", "organizations", "groups", "collectives", "people"])
def test_every_line_is_a_json_object(name: str) -> None:
    text = read_text(f"gazetteer/{name}.jsonl")
    for n, line in enumerate(text.splitlines(), 1):
        assert line.strip(), f"{name}.jsonl:{n} is blank"
        assert isinstance(json.loads(line), dict), f"{name}.jsonl:{n} is not an object"


# ---------------------------------------------------------------- states


def test_states_shape(states: list[dict]) -> None:
    keys = {"iso3", "iso2", "name", "official", "aliases", "demonyms", "capital", "metonyms", "wikidata"}
    for s in states:
        assert set(s) == keys, s.get("iso3")
        assert ISO3.match(s["iso3"]), s["iso3"]
        assert s["iso2"] is None or re.match(r"^[A-Z]{2}$", s["iso2"]), s["iso3"]
        assert isinstance(s["name"], str) and s["name"], s["iso3"]
        assert isinstance(s["official"], str) and s["official"], s["iso3"]
        assert s["name"] in s["aliases"], s["iso3"]
        for key in ("aliases", "demonyms", "metonyms"):
            assert _is_str_list(s[key]), (s["iso3"], key)
            assert len(s[key]) == len(set(s[key])), (s["iso3"], key)
        assert s["capital"] is None or isinstance(s["capital"], str), s["iso3"]
        assert _qid_ok(s["wikidata"]), s["iso3"]


def test_iso3_codes_are_unique(states: list[dict]) -> None:
    codes = [s["iso3"] for s in states]
    assert len(codes) == len(set(codes))


def test_every_sovereign_state_is_present(iso3s: set[str]) -> None:
    # the 193 UN members, the two observer states, Taiwan and Kosovo
    un_members = re.findall(
        r"[A-Z]{3}",
        "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH "
        "BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB "
        "CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA "
        "GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN "
        "KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT "
        "MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK "
        "PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC "
        "SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO "
        "TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE",
    )
    assert len(un_members) == 193
    missing = set(un_members) | {"VAT", "PSE", "TWN", "XKX"}
    missing -= iso3s
    assert not missing


def test_enough_states_have_demonyms(states: list[dict]) -> None:
    assert sum(1 for s in states if s["demonyms"]) >= 190


def test_no_surface_form_names_two_states(states: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for s in states:
        for form in (*s["aliases"], *s["demonyms"], *s["metonyms"]):
            owners[form.lower()].add(s["iso3"])
    shared = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not shared


def test_state_key_facts(states: list[dict]) -> None:
    by = {s["iso3"]: s for s in states}
    assert by["RUS"]["name"] == "Russia" and by["RUS"]["wikidata"] == "Q159"
    assert "the Kremlin" in by["RUS"]["metonyms"]
    assert "Damascus" in by["SYR"]["metonyms"]
    assert {"the White House", "Washington", "the Pentagon", "Foggy Bottom"} <= set(by["USA"]["metonyms"])
    assert {"U.S.", "the United States", "America"} <= set(by["USA"]["aliases"])
    assert {"Britain", "the UK", "U.K."} <= set(by["GBR"]["aliases"])
    assert "Downing Street" in by["GBR"]["metonyms"]
    assert "The Hague" in by["NLD"]["metonyms"]
    assert {"Kyiv", "Kiev"} <= set(by["UKR"]["metonyms"])
    assert "Burma" in by["MMR"]["aliases"]
    assert "Ivory Coast" in by["CIV"]["aliases"]
    assert {"Turkey", "Türkiye"} <= set(by["TUR"]["aliases"])
    assert "Palestinians" in by["PSE"]["demonyms"]
    assert "Emirati" in by["ARE"]["demonyms"]
    assert by["XKX"]["capital"] == "Pristina"


def test_states_file_is_up_to_date() -> None:
    """states.jsonl is what tools/make_states.py makes from pycountry + states_extra.json."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "make_states.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


# ---------------------------------------------------------------- organizations, groups, collectives


def _check_actor_records(records: list[dict], kind: str, iso3s: set[str], id_pattern: re.Pattern) -> None:
    keys = {"id", "label", "aliases", "kind", "country", "wikidata"}
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), kind
    for r in records:
        assert set(r) == keys, r.get("id")
        assert id_pattern.match(r["id"]), r["id"]
        assert r["kind"] == kind, r["id"]
        assert isinstance(r["label"], str) and r["label"], r["id"]
        assert _is_str_list(r["aliases"]) and r["aliases"][0] == r["label"], r["id"]
        assert len(r["aliases"]) == len(set(r["aliases"])), r["id"]
        assert r["country"] is None or r["country"] in iso3s, r["id"]
        assert _qid_ok(r["wikidata"]), r["id"]


def test_organizations_shape(organizations: list[dict], iso3s: set[str]) -> None:
    _check_actor_records(organizations, "organization", iso3s, ORG_ID)
    assert len(organizations) >= 60


def test_groups_shape(groups: list[dict], iso3s: set[str]) -> None:
    _check_actor_records(groups, "group", iso3s, ORG_ID)


def test_collectives_shape(collectives: list[dict], iso3s: set[str]) -> None:
    _check_actor_records(collectives, "collective", iso3s, SLUG)
    assert all(c["country"] is None for c in collectives)


def test_no_surface_form_names_two_actors(
    states: list[dict], organizations: list[dict], groups: list[dict], collectives: list[dict]
) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for s in states:
        for form in (*s["aliases"], *s["demonyms"], *s["metonyms"]):
            owners[form].add(s["iso3"])
    for r in (*organizations, *groups, *collectives):
        for form in r["aliases"]:
            owners[form].add(r["id"])
    shared = {form: keys for form, keys in owners.items() if len(keys) > 1}
    assert not shared


def test_actor_key_facts(organizations: list[dict], groups: list[dict], collectives: list[dict]) -> None:
    orgs = {o["id"]: o for o in organizations}
    assert orgs["NATO"]["wikidata"] == "Q7184"
    assert {"U.N.", "United Nations"} <= set(orgs["UN"]["aliases"])
    assert "E.U." in orgs["EU"]["aliases"]
    assert orgs["IRGC"]["country"] == "IRN"
    grps = {g["id"]: g for g in groups}
    assert grps["HAMAS"]["country"] == "PSE"
    assert grps["HEZBOLLAH"]["country"] == "LBN"
    assert grps["HOUTHIS"]["country"] == "YEM"
    assert grps["ISIS"]["country"] is None and "Daesh" in grps["ISIS"]["aliases"]
    cols = {c["id"]: c for c in collectives}
    assert cols["the-west"]["kind"] == "collective"
    assert "the West" in cols["the-west"]["aliases"]


# ---------------------------------------------------------------- people


def test_people_shape(
    people: list[dict], iso3s: set[str], organizations: list[dict], groups: list[dict]
) -> None:
    org_ids = {o["id"] for o in organizations} | {g["id"] for g in groups}
    for p in people:
        who = p.get("label")
        assert set(p) == {"label", "aliases", "wikidata", "gender", "roles"}, who
        assert isinstance(who, str) and who, p
        assert _is_str_list(p["aliases"]), who
        assert _qid_ok(p["wikidata"]), who
        assert p["gender"] in ("m", "f"), who
        assert isinstance(p["roles"], list) and p["roles"], who
        for r in p["roles"]:
            assert set(r) <= {"role", "country", "start", "end", "org"}, who
            assert {"role", "country", "start", "end"} <= set(r), who
            assert r["role"] in ROLES, (who, r["role"])
            assert r["country"] is None or r["country"] in iso3s, (who, r["country"])
            if "org" in r:
                assert r["org"] in org_ids, (who, r["org"])
            assert r["country"] is not None or "org" in r, (who, r)
            start = _day(r["start"])
            if r["end"] is not None:
                assert start <= _day(r["end"]), (who, r)


def test_enough_people(people: list[dict]) -> None:
    assert len(people) >= 300


def test_no_alias_names_two_people(people: list[dict]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for p in people:
        for form in (p["label"], *p["aliases"]):
            owners[form.lower()].add(p["label"])
    shared = {form: who for form, who in owners.items() if len(who) > 1}
    assert not shared


def test_no_person_alias_is_a_state_name(people: list[dict], states: list[dict]) -> None:
    state_forms = {form.lower() for s in states for form in (*s["aliases"], *s["demonyms"], s["name"])}
    clashes = {form for p in people for form in (p["label"], *p["aliases"]) if form.lower() in state_forms}
    assert not clashes


def _holders(people: list[dict], role: str, country: str, day: str) -> set[str]:
    when = _day(day)
    return {
        p["label"]
        for p in people
        for r in p["roles"]
        if r["role"] == role
        and r["country"] == country
        and _day(r["start"]) <= when
        and (r["end"] is None or when < _day(r["end"]))
    }


@pytest.mark.parametrize(
    ("role", "country", "day", "holder"),
    [
        ("president", "RUS", "2023-01-01", "Vladimir Putin"),
        ("president", "RUS", "2010-01-01", "Dmitry Medvedev"),
        ("president", "USA", "2022-01-01", "Joe Biden"),
        ("president", "USA", "2025-06-01", "Donald Trump"),
        ("president", "USA", "2018-06-01", "Donald Trump"),
        ("president", "USA", "2005-06-01", "George W. Bush"),
        ("president", "SYR", "2015-01-01", "Bashar al-Assad"),
        ("president", "TUR", "2020-01-01", "Recep Tayyip Erdogan"),
        ("president", "UKR", "2023-01-01", "Volodymyr Zelensky"),
        ("president", "FRA", "1990-01-01", "Francois Mitterrand"),
        ("president", "CHN", "2020-01-01", "Xi Jinping"),
        ("prime minister", "ISR", "2024-01-01", "Benjamin Netanyahu"),
        ("prime minister", "GBR", "2020-01-01", "Boris Johnson"),
        ("prime minister", "IND", "2020-01-01", "Narendra Modi"),
        ("chancellor", "DEU", "2015-01-01", "Angela Merkel"),
        ("foreign minister", "RUS", "2022-06-01", "Sergei Lavrov"),
        ("foreign minister", "USA", "2022-06-01", "Antony Blinken"),
        ("supreme leader", "IRN", "2020-01-01", "Ali Khamenei"),
        ("king", "SAU", "2020-01-01", "King Salman"),
        ("spokesperson", "RUS", "2022-01-01", "Dmitry Peskov"),
    ],
)
def test_office_holder_on_a_date(people: list[dict], role: str, country: str, day: str, holder: str) -> None:
    assert holder in _holders(people, role, country, day)


def test_one_holder_per_top_office_on_a_date(people: list[dict]) -> None:
    for role, country, day in [
        ("president", "USA", "2021-06-01"),
        ("president", "USA", "2025-06-01"),
        ("president", "RUS", "2023-01-01"),
        ("foreign minister", "USA", "2015-01-01"),
        ("prime minister", "GBR", "2022-10-01"),
    ]:
        assert len(_holders(people, role, country, day)) == 1, (role, country, day)


#: Overlapping terms that are real or follow from coding predecessor states with successors.
KNOWN_OVERLAPS = {
    frozenset({"Mikhail Gorbachev", "Boris Yeltsin"}),
    frozenset({"Eduard Shevardnadze", "Andrei Kozyrev"}),
    frozenset({"Hans-Dietrich Genscher", "Oskar Fischer"}),
}


def test_top_offices_do_not_overlap(people: list[dict]) -> None:
    """Two people never hold the same national top office at once (a title must resolve)."""
    top = {
        "president",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "supreme leader",
        "head of state",
        "foreign minister",
        "defense minister",
    }
    terms: dict[tuple, list[tuple[str, str, str]]] = defaultdict(list)
    for p in people:
        for r in p["roles"]:
            if r["role"] in top and r["country"] is not None:
                terms[(r["role"], r["country"])].append((r["start"], r["end"] or "9999-12-31", p["label"]))
    clashes = []
    for key, spans in terms.items():
        spans.sort()
        for i, (_start_a, end_a, who_a) in enumerate(spans):
            for start_b, _end_b, who_b in spans[i + 1 :]:
                if who_a != who_b and start_b < end_a and frozenset({who_a, who_b}) not in KNOWN_OVERLAPS:
                    clashes.append((key, who_a, who_b))
    assert not clashes


def test_io_heads_name_their_organization(people: list[dict]) -> None:
    by = {p["label"]: p for p in people}
    guterres = [r for r in by["Antonio Guterres"]["roles"] if r.get("org") == "UN"]
    assert guterres and guterres[0]["role"] == "secretary-general" and guterres[0]["country"] is None
    kallas = [r for r in by["Kaja Kallas"]["roles"] if r.get("org") == "EU"]
    assert kallas and kallas[0]["role"] == "foreign minister"
    assert "Putin" in by["Vladimir Putin"]["aliases"]
    assert by["Vladimir Putin"]["wikidata"] == "Q7747"
    assert {"Qaddafi", "Kadhafi"} <= set(by["Muammar Gaddafi"]["aliases"])
    assert "Mitterand" in by["Francois Mitterrand"]["aliases"]
