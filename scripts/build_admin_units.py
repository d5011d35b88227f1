"""Build the demo fixture of administrative units (Huế / Phong Điền) with lineage.

Writes ``congso/accounts/data/admin_units_hue.json``. Maintainer tool only:
the platform never imports these packages at run time (see
``docs/adr/0002-admin-unit-data.md``).

Data sources, pinned (build time only):

* ``vietnamadminunits==1.0.4`` -- MIT licence. Provides the units in force from
  2025-07-01 (Thành phố Huế and its 40 commune-level units), its "legacy" data
  (which is the state of 2025-01-01 .. 2025-06-30: thị xã Phong Điền and its 12
  units after NQ 1314/NQ-UBTVQH15), the 2025 conversion table (legacy -> new
  ward) and the former names of units merged by NQ 1314 (alias keywords).
* ``vietnam-provinces==0.5.0`` -- GPL-3.0-or-later, data version 2023-05-07.
  Used only for the pre-2025 state that the MIT package no longer has: Tỉnh
  Thừa Thiên Huế, huyện Phong Điền (code 476) and its 16 communes/township.
  Only facts (official names and statistics-office codes) are copied.

How to run, from the repository root::

    python3 scripts/build_admin_units.py

With no option the script creates a throwaway venv in a temporary directory,
installs the two pinned packages there with pip, re-runs itself inside it and
deletes the venv afterwards. To reuse a venv that already has both packages::

    /tmp/au-venv/bin/python scripts/build_admin_units.py --no-bootstrap

Options: ``--output PATH`` (default: the fixture path above) and
``--generated YYYY-MM-DD`` (default: today, UTC) for reproducible output.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import subprocess
import sys
import tempfile
import unicodedata
import venv
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO_ROOT / "congso" / "accounts" / "data" / "admin_units_hue.json"

PINS = {"vietnamadminunits": "1.0.4", "vietnam-provinces": "0.5.0"}
SRC_VAU = "vietnamadminunits 1.0.4 (MIT)"
SRC_VP = "vietnam-provinces 0.5.0 (GPL-3.0-or-later, data 2023-05-07)"

PROVINCE_CODE = "46"
PHONG_DIEN_CODE = "476"

NQ_175 = "Nghị quyết 175/2024/QH15"
NQ_1314 = "Nghị quyết 1314/NQ-UBTVQH15"
NQ_1675 = "Nghị quyết 1675/NQ-UBTVQH15"

END_2024 = "2024-12-31"
START_2025 = "2025-01-01"
END_2025_H1 = "2025-06-30"
START_2025_07 = "2025-07-01"

PHONG_WARDS = {
    "Phường Phong Điền",
    "Phường Phong Thái",
    "Phường Phong Dinh",
    "Phường Phong Phú",
    "Phường Phong Quảng",
}

KIND_BY_PREFIX = (
    ("Thị trấn ", "township"),
    ("Thị xã ", "town"),
    ("Phường ", "ward"),
    ("Xã ", "commune"),
    ("Đặc khu ", "special_zone"),
    ("Huyện ", "district"),
    ("Tỉnh ", "province"),
)

NOTES = [
    "Phong Điền's district code is 476 in both packages (475, sometimes quoted for it, is Quận"
    " Phú Xuân, 2025-01-01..2025-06-30); the thị xã kept the huyện's code.",
    "vietnamadminunits 1.0.4's 'legacy' tables already reflect NQ 1314 (Thành phố"
    " Huế; thị xã Phong Điền with 6 phường + 6 xã), so they give the"
    " 2025-01-01..2025-06-30 units. The pre-2025 units (Tỉnh Thừa Thiên Huế,"
    " Huyện Phong Điền and its 16 communes/township as in 2022) come from"
    " vietnam-provinces 0.5.0 (GPL, data 2023-05-07), used at build time only.",
    "valid_from of pre-2025 units is unknown (null); their valid_to 2024-12-31"
    " assumes no change between 2023-05-07 and NQ 1314 taking effect.",
    "NQ 1314 is dated 2025-01-01 here (with NQ 175); its own text was not"
    " checked; 30/11/2024 (given for it in organisation.md) is NQ 175's date.",
    "NQ 1314 commune lineage (2022 commune -> 2025-01-01 unit) is derived by"
    " matching the 2022 names against the former-name keywords vietnamadminunits"
    " keeps for each unit; the package has no dated lineage for that step.",
    "Units unchanged in name and code on 2025-01-01 still get a new version"
    " because their parent changed (huyện -> thị xã); xã Phong Hòa, Phong Hiền"
    " and Phong An became phường keeping their codes.",
    "Lineage rows are single steps: a 2022 commune reaches its 2025-07-01 ward"
    " through its 2025-01-01 successor. The 2025-07-01 step follows the package's"
    " conversion table and agrees with the text of NQ 1675 (whole units merged).",
    "Codes are reused across periods (e.g. 19819: Thị trấn Phong Điền, then"
    " Phường Phong Thu, then Phường Phong Điền), hence keys code@valid_from.",
    "Only Phong Điền's legacy units are included. Phường Phong Quảng also took"
    " xã Quảng Công and xã Quảng Ngạn of huyện Quảng Điền, not listed here.",
]


def check(condition: object, message: object) -> None:
    """Stop the build when the package data is not what this script expects."""
    if not condition:
        raise SystemExit(f"unexpected package data: {message}")


def fold(text: str) -> str:
    """Diacritic-free lowercase key, as vietnamadminunits builds its keys."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def kind_of(name: str) -> str:
    for prefix, kind in KIND_BY_PREFIX:
        if name.startswith(prefix):
            return kind
    raise ValueError(f"unknown unit type in {name!r}")


def make_unit(
    code: str,
    name: str,
    kind: str,
    parent: dict | None,
    valid_from: str | None,
    valid_to: str | None,
    source: str,
) -> dict:
    return {
        "key": f"{code}@{valid_from or ''}",
        "code": code,
        "name": nfc(name),
        "kind": kind,
        "parent": parent["key"] if parent else None,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "source": source,
    }


def link(old: dict, new: dict, date: str, share: str, basis: str) -> dict:
    return {
        "old": old["key"],
        "new": new["key"],
        "effective_date": date,
        "share": share,
        "legal_basis": basis,
    }


def load_pre_2025() -> tuple[dict, dict, list[dict]]:
    """Province, district and communes as in vietnam-provinces 0.5.0."""
    from importlib.resources import files

    data_file = files("vietnam_provinces") / "data" / "nested-divisions.json"
    provinces = json.loads(data_file.read_text(encoding="utf-8"))
    province = next(p for p in provinces if str(p["code"]) == PROVINCE_CODE)
    district = next(
        d for d in province["districts"] if str(d["code"]) == PHONG_DIEN_CODE
    )
    check(province["name"] == "Tỉnh Thừa Thiên Huế", province["name"])
    check(district["name"] == "Huyện Phong Điền", district["name"])
    return province, district, district["wards"]


def load_vau() -> tuple[list[dict], list[dict], dict, dict]:
    """Legacy (2025 H1) rows of Phong Điền, new Huế rows, conversion tables."""
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.database import get_data

    legacy = [
        r
        for r in get_data(table="admin_units_legacy")
        if r["provinceCode"] == PROVINCE_CODE and r["districtCode"] == PHONG_DIEN_CODE
    ]
    new = [
        r for r in get_data(table="admin_units") if r["provinceCode"] == PROVINCE_CODE
    ]
    province_key = new[0]["provinceKey"]
    undivided = converter_2025.DICT_PROVINCE_WARD_NO_DIVIDED[province_key]
    divided = converter_2025.DICT_PROVINCE_WARD_DIVIDED.get(province_key, {})
    return legacy, new, undivided, divided


def former_keys(row: dict) -> set[str]:
    keys = {row["wardKey"]}
    for field in ("wardAlias", "wardKeywords"):
        if row[field]:
            keys.update(json.loads(row[field]))
    return keys


def build(generated: str) -> dict:
    vp_province, vp_district, vp_communes = load_pre_2025()
    legacy_rows, new_rows, undivided, divided = load_vau()
    check(legacy_rows, "no legacy rows for Phong Điền")
    check(len(new_rows) == 40, len(new_rows))

    units: list[dict] = []
    lineage: list[dict] = []

    # Province level: Tỉnh Thừa Thiên Huế -> Thành phố Huế (NQ 175/2024/QH15).
    province = make_unit(
        PROVINCE_CODE, vp_province["name"], "province", None, None, END_2024, SRC_VP
    )
    city = make_unit(
        PROVINCE_CODE, new_rows[0]["province"], "city", None, START_2025, None, SRC_VAU
    )
    check(city["name"] == "Thành phố Huế", city["name"])
    units += [province, city]
    lineage.append(link(province, city, START_2025, "whole", NQ_175))

    # District level: huyện -> thị xã Phong Điền (NQ 1314/NQ-UBTVQH15).
    huyen = make_unit(
        str(vp_district["code"]),
        vp_district["name"],
        "district",
        province,
        None,
        END_2024,
        SRC_VP,
    )
    thixa_name = legacy_rows[0]["district"]
    check(thixa_name == "Thị xã Phong Điền", thixa_name)
    thixa = make_unit(
        PHONG_DIEN_CODE, thixa_name, "town", city, START_2025, END_2025_H1, SRC_VAU
    )
    units += [huyen, thixa]
    lineage.append(link(huyen, thixa, START_2025, "whole", NQ_1314))

    # Communes of huyện Phong Điền as in 2022 (until 2024-12-31).
    old_communes = [
        make_unit(
            str(w["code"]), w["name"], kind_of(w["name"]), huyen, None, END_2024, SRC_VP
        )
        for w in sorted(vp_communes, key=lambda w: w["code"])
    ]
    units += old_communes

    # Units of thị xã Phong Điền, 2025-01-01 .. 2025-06-30.
    legacy_rows.sort(key=lambda r: r["wardCode"])
    mid_units = [
        make_unit(
            r["wardCode"],
            r["ward"],
            kind_of(r["ward"]),
            thixa,
            START_2025,
            END_2025_H1,
            SRC_VAU,
        )
        for r in legacy_rows
    ]
    units += mid_units

    # 2022 commune -> 2025-01-01 unit, matched on former-name keys.
    for old in old_communes:
        matches = [
            mid
            for mid, row in zip(mid_units, legacy_rows, strict=True)
            if fold(old["name"]) in former_keys(row)
        ]
        if len(matches) != 1:
            raise SystemExit(f"{old['name']}: {len(matches)} successors in 2025-01")
        lineage.append(link(old, matches[0], START_2025, "whole", NQ_1314))
    for mid in mid_units:
        if not any(row["new"] == mid["key"] for row in lineage):
            raise SystemExit(f"{mid['name']}: no 2022 predecessor found")

    # New units from 2025-07-01.
    new_rows.sort(key=lambda r: r["wardCode"])
    new_units = [
        make_unit(
            r["wardCode"],
            r["ward"],
            kind_of(r["ward"]),
            city,
            START_2025_07,
            None,
            SRC_VAU,
        )
        for r in new_rows
    ]
    units += new_units
    new_by_ward_key = {
        row["wardKey"]: unit for row, unit in zip(new_rows, new_units, strict=True)
    }

    # 2025-01-01 unit -> 2025-07-01 ward(s) (NQ 1675/NQ-UBTVQH15).
    successors: set[str] = set()
    for mid, row in zip(mid_units, legacy_rows, strict=True):
        old_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey']}"
        targets = [
            (new_by_ward_key[new_key], "whole")
            for new_key, sources in undivided.items()
            if old_key in sources
        ]
        targets += [
            (new_by_ward_key[part["newWardKey"]], "part")
            for part in divided.get(old_key, [])
        ]
        if not targets:
            raise SystemExit(f"{mid['name']}: no 2025-07-01 successor")
        for new, share in targets:
            lineage.append(link(mid, new, START_2025_07, share, NQ_1675))
            successors.add(new["key"])

    # Thị xã Phong Điền ceased; its area went to the five Phong wards.
    phong = [u for u in new_units if u["key"] in successors]
    check({u["name"] for u in phong} == PHONG_WARDS, [u["name"] for u in phong])
    lineage += [link(thixa, u, START_2025_07, "part", NQ_1675) for u in phong]

    return {
        "meta": {
            "source": f"{SRC_VAU}; {SRC_VP} (build time only)",
            "source_version": (
                f"vietnamadminunits=={PINS['vietnamadminunits']}; "
                f"vietnam-provinces=={PINS['vietnam-provinces']}"
            ),
            "licence": (
                "Package licences: vietnamadminunits MIT; vietnam-provinces "
                "GPL-3.0-or-later. Names and codes of administrative units are "
                "public data (QĐ 19/2025/QĐ-TTg, statistics office)."
            ),
            "generated": generated,
            "notes": " ".join(NOTES),
            "generator": "scripts/build_admin_units.py",
        },
        "units": units,
        "lineage": lineage,
    }


def have_pinned_packages() -> bool:
    try:
        return all(
            importlib.metadata.version(name) == version
            for name, version in PINS.items()
        )
    except importlib.metadata.PackageNotFoundError:
        return False


def bootstrap(argv: list[str]) -> int:
    """Re-run this script in a throwaway venv holding the pinned packages."""
    with tempfile.TemporaryDirectory(prefix="admin-units-") as tmp:
        print(f"creating a throwaway venv in {tmp}")
        venv.create(tmp, with_pip=True)
        python = str(Path(tmp) / "bin" / "python")
        pins = [f"{name}=={version}" for name, version in PINS.items()]
        subprocess.run(  # noqa: S603 -- fixed arguments
            [python, "-m", "pip", "install", "--quiet", *pins], check=True
        )
        cmd = [python, str(Path(__file__).resolve()), *argv, "--no-bootstrap"]
        return subprocess.run(cmd, check=False).returncode  # noqa: S603


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--generated", help="date to record (YYYY-MM-DD)")
    parser.add_argument(
        "--no-bootstrap",
        action="store_true",
        help="use the current interpreter; it must have the pinned packages",
    )
    args = parser.parse_args()

    if not have_pinned_packages():
        if args.no_bootstrap:
            print(f"this interpreter lacks the pinned packages {PINS}")
            return 1
        return bootstrap(sys.argv[1:])

    generated = args.generated or dt.datetime.now(tz=dt.UTC).date().isoformat()
    dt.date.fromisoformat(generated)
    fixture = build(generated)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(fixture, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    kinds: dict[str, int] = {}
    for unit in fixture["units"]:
        kinds[unit["kind"]] = kinds.get(unit["kind"], 0) + 1
    print(
        f"wrote {args.output}: {len(fixture['units'])} units {kinds}, "
        f"{len(fixture['lineage'])} lineage rows"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
