#!/usr/bin/env python3
"""Recipe that turned the public sources into the CSV files of assets/admin.

It is not part of the build: the files it writes are committed, checked by
data/adminmap's tests and described in PROVENANCE.md. It is kept so that the
transformation can be read, repeated and reviewed. It needs the source
repositories as bare git directories (the `fetch` tool of the helper sessions
put them under /work/.mirror/OWNER+NAME/repo) and the transcription of the
statistics office's list of 08/10/2026 (see PROVENANCE.md, source N1).

    python3 assets/admin/build.py SRC_DIR OUT_DIR

SRC_DIR holds nso-communes-20261008.tsv and nso-provinces-20261008.tsv.
"""
import collections
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

MIRROR = os.environ.get("MIRROR", "/work/.mirror")
REPOS = {
    # name: (directory, commit)
    "sun": ("sunshine-tech+VietnamProvinces", "809e91baefbe3153ccaecc9b2286303a98b9119b"),
    "tr": ("tranngocminhhieu+vietnamadminunits", "780c27980afdae76d5c6e7b252955f6b571f34ca"),
    "hist": ("daohoangson+dvhcvn-historical-data", "d88580f9554fb01b45d547274b4f77cc7f9c7176"),
    "dv": ("daohoangson+dvhcvn", "4b1b6b59c5880c620722663bcb48c5c105364be5"),
    "hrf": ("hrfesv-lab+tra-cuu-dia-chi", "b9e9303dcefa85b70a32175dc16d5d22acdc404e"),
}
REFORM = "2025-07-01"
LAST_OLD_DAY = "2025-06-30"
START = "20101224"  # the GSO list in force on 01/01/2011


def git(repo, path, commit=None):
    d, c = REPOS[repo]
    return subprocess.run(
        ["git", "--git-dir", f"{MIRROR}/{d}/repo", "show", f"{commit or c}:{path}"],
        check=True, capture_output=True).stdout


def git_log(repo, path):
    d, _ = REPOS[repo]
    out = subprocess.run(
        ["git", "--git-dir", f"{MIRROR}/{d}/repo", "log", "--format=%H", "--", path],
        check=True, capture_output=True, text=True).stdout
    return out.split()


# ---- text -----------------------------------------------------------------

TYPE_PREFIX = [("thị trấn", "Thị trấn"), ("thi trấn", "Thị trấn"), ("đặc khu", "Đặc khu"),
               ("phường", "Phường"), ("xã", "Xã"), ("quận", "Quận"), ("huyện", "Huyện"),
               ("thị xã", "Thị xã"), ("thành phố", "Thành phố"), ("tỉnh", "Tỉnh")]


def clean(name):
    """NFC, single spaces, ASCII apostrophe, the unit type capitalised."""
    s = unicodedata.normalize("NFC", name).replace("\u2019", "'").replace("\n", " ")
    s = re.sub(r"\s+", " ", s).strip()
    low = s.lower()
    for p, canon in sorted(TYPE_PREFIX, key=lambda x: -len(x[0])):
        if low.startswith(p + " "):
            return canon + s[len(p):]
    return s


def type_of(name, fallback=""):
    low = clean(name).lower()
    for p, canon in sorted(TYPE_PREFIX, key=lambda x: -len(x[0])):
        if low.startswith(p + " "):
            return canon
    return fallback


def fold(s):
    s = unicodedata.normalize("NFD", s.lower()).replace("đ", "d")
    return "".join(ch for ch in s if unicodedata.category(ch) != "Mn")


def core(name):
    f = fold(clean(name))
    for p, _ in sorted(TYPE_PREFIX, key=lambda x: -len(x[0])):
        p = fold(p)
        if f.startswith(p + " "):
            return f[len(p) + 1:]
    return f


def key(s):
    return re.sub(r"0+(\d)", r"\1", re.sub(r"[^a-z0-9]", "", fold(s)))


def day_before(ymd):
    d = datetime.date(int(ymd[:4]), int(ymd[4:6]), int(ymd[6:]))
    return (d - datetime.timedelta(days=1)).isoformat()


def iso(ymd):
    return f"{ymd[:4]}-{ymd[4:6]}-{ymd[6:]}"


# ---- GSO lists before the reform -----------------------------------------

def tree_units(raw):
    d = json.loads(raw)
    if isinstance(d, dict):
        d = d["data"]
    u = {}
    for p in d:
        u[("P", p["level1_id"])] = (clean(p["name"]), p.get("type", ""), "")
        for q in p.get("level2s") or []:
            u[("D", q["level2_id"])] = (clean(q["name"]), type_of(q["name"], q.get("type", "")), p["level1_id"])
            for x in q.get("level3s") or []:
                u[("C", x["level3_id"])] = (clean(x["name"]), type_of(x["name"], x.get("type", "")), q["level2_id"])
    return u


def gso_final():
    """The GSO list downloaded on 18/07/2025 (still the old units)."""
    u = {}
    rows = csv.DictReader(io.StringIO(git("tr", "data/raw/danhmuchanhchinh.gso.gov.vn_ward_2025-07-18.csv").decode("utf-8-sig")))
    for r in rows:
        u[("P", r["Mã TP"])] = (clean(r["Tỉnh / Thành Phố"]), "", "")
        u[("D", r["Mã QH"])] = (clean(r["Quận Huyện"]), type_of(r["Quận Huyện"]), r["Mã TP"])
        u[("C", r["Mã"])] = (clean(r["Tên"]), type_of(r["Tên"], r["Cấp"]), r["Mã QH"])
    return u


def snapshots():
    """[(yyyymmdd, units)]: the GSO lists as in force from each date."""
    out = {}
    for h in git_log("hist", "data.json"):
        k = git("hist", "key.txt", h).decode().strip()
        if k >= START and k <= "20210701":
            out[k] = ("hist", h)
    for h in git_log("dv", "data/date.txt"):
        dd, mm, yy = git("dv", "data/date.txt", h).decode().strip().split("/")
        k = yy + mm + dd
        if "20211101" <= k <= "20250101":
            out[k] = ("dv", h)
    seq = []
    for k in sorted(out):
        repo, h = out[k]
        seq.append((k, tree_units(git(repo, "data.json" if repo == "hist" else "data/dvhcvn.json", h))))
    # The list "as of 01/03/2025" was downloaded on 18/02/2025 and lacks changes
    # the statistics office entered later; the list of 18/07/2025 is used as the
    # state from 01/03/2025 to 30/06/2025. Districts without any commune (island
    # districts) are not in that export: take them from the 01/03/2025 list.
    march = None
    for h in git_log("dv", "data/date.txt"):
        if git("dv", "data/date.txt", h).decode().strip() == "01/03/2025":
            march = tree_units(git("dv", "data/dvhcvn.json", h))
    final = gso_final()
    for k, v in march.items():
        if k[0] in "PD" and k not in final:
            final[k] = v
    for k, v in list(final.items()):
        if k[0] == "P" and k in march:
            final[k] = (final[k][0], march[k][1], "")
    seq.append(("20250301", final))
    return fill_gaps(seq)


def fill_gaps(seq):
    """Deal with codes missing from some GSO lists between two they are in.

    The office never reuses a code for another unit, but its history has
    gaps: under the same name for a few months, the unit simply continued
    and is carried through the lists that miss it; under the same name after
    years, back in one list only and gone again (four communes of Đạ Huoai
    in the premature list of 01/01/2025), the entry is stale and dropped;
    under another name, the code was given to the unit that absorbed the
    first (Phường Cầu Đất took 11344 of Phường Lương Khánh Thiện in 2022):
    the earlier unit becomes CODE_YEAR, the year it ended."""
    dates = [datetime.date.fromisoformat(iso(k)) for k, _ in seq]
    for lvl in "PDC":
        seen = collections.defaultdict(list)
        for i, (k, u) in enumerate(seq):
            for c in u:
                if c[0] == lvl:
                    seen[c].append(i)
        for c, idx in seen.items():
            runs = [[idx[0]]]
            for i in idx[1:]:
                if i == runs[-1][-1] + 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            while len(runs) > 1:
                a, b = runs[0], runs[1]
                before, after = seq[a[-1]][1][c], seq[b[0]][1][c]
                gap = (dates[b[0]] - dates[a[-1] + 1]).days
                if core(before[0]) == core(after[0]) and gap <= 400:
                    for i in range(a[-1] + 1, b[0]):
                        seq[i][1][c] = seq[i - 1][1][c]
                    runs[:2] = [a + list(range(a[-1] + 1, b[0])) + b]
                elif core(before[0]) == core(after[0]) and b[-1] < len(seq) - 1 and len(runs) == 2:
                    for i in b:
                        del seq[i][1][c]
                    print("stale entry dropped:", c, before[0], iso(seq[b[0]][0]), file=sys.stderr)
                    runs[1:2] = []
                else:
                    ended = dates[a[-1] + 1] - datetime.timedelta(days=1)
                    old = (c[0], f"{c[1]}_{ended.year}")
                    for i in a:
                        seq[i][1][old] = seq[i][1].pop(c)
                    print("code given to another unit:", c, before[0], "->", after[0], "; earlier unit is", old[1], file=sys.stderr)
                    runs[:1] = []
    return seq


# ---- the statistics office's conversion table of 2025 ---------------------

# Three rows of the published table carry the code of another commune; the
# GSO list of 18/07/2025 has each of these communes under its own code.
CONVERSION_FIXES = {
    # (new code, old name): (printed old code, right old code)
    ("00562", "Xã Đặng Xá"): ("00553", "00556"),
    ("01648", "Xã Mỹ Hưng"): ("01615", "01651"),
    ("02494", "Xã Phú Thịnh"): ("02485", "02482"),
}


def conversion():
    rows = list(csv.reader(io.StringIO(git("sun", "dev/seed-data/2025-07/BangChuyendoiĐVHCmoi_cu_khong_merge.csv").decode("utf-8-sig"))))
    xl = xlsx_rows(git("hrf", "BangChuyendoiĐVHCmoi_cu_final.xlsx"), 2)
    pad = lambda s: s.strip().zfill(5) if re.fullmatch(r"\d{1,5}", s.strip()) else s.strip()
    a = [[pad(c) if i in (2, 4) else c.strip() for i, c in enumerate(r[:8])] for r in rows]
    b = [[pad(c) if i in (2, 4) else c.strip() for i, c in enumerate(r[:8])] for r in xl]
    assert a == b, "the two copies of the NSO conversion table differ"
    out = []
    for r in a[2:]:
        if not r[2]:
            continue  # province heading
        new, old_name, old, note, old_district, old_province = r[2], clean(r[3]), r[4], r[5], r[6], r[7]
        fix = CONVERSION_FIXES.get((new, old_name))
        if fix:
            assert old == fix[0], (r, fix)
            old = fix[1]
        out.append(dict(new=new, new_name=clean(r[1]), old=old, old_name=old_name, note=re.sub(r"\s+", " ", note),
                        old_district=old_district, old_province=old_province, new_province=r[0]))
    return out


def xlsx_rows(data, sheet):
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    z = zipfile.ZipFile(io.BytesIO(data))
    ss = ["".join(t.text or "" for t in si.iter("{%s}t" % ns["m"]))
          for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns)]
    rows = []
    for row in ET.fromstring(z.read(f"xl/worksheets/sheet{sheet}.xml")).find("m:sheetData", ns):
        vals = {}
        for c in row:
            col = 0
            for ch in re.match(r"[A-Z]+", c.get("r")).group():
                col = col * 26 + ord(ch) - 64
            v = c.find("m:v", ns)
            vals[col - 1] = ss[int(v.text)] if c.get("t") == "s" else (v.text if v is not None else "")
        rows.append([vals.get(i, "") for i in range(max(9, max(vals) + 1 if vals else 0))])
    return rows


# ---- the units since 01/07/2025 --------------------------------------------

def new_units(src):
    provs = list(csv.DictReader(open(f"{src}/nso-provinces-20261008.tsv", encoding="utf-8"), delimiter="\t"))
    comms = list(csv.DictReader(open(f"{src}/nso-communes-20261008.tsv", encoding="utf-8"), delimiter="\t"))
    # Cross-checks: the statistics office's list scraped in 02/2026 and the
    # address-kit list of 08/2025 (two independent downloads of the QĐ 19 codes).
    sun = json.loads(git("sun", "vietnam_provinces/data/nested-divisions.json"))
    feb = {str(w["code"]).zfill(5): (clean(w["name"]), str(p["code"]).zfill(2), w["division_type"])
           for p in sun for w in p["wards"]}
    tr = {r["wardCode"].zfill(5): (clean(r["ward"]), r["provinceCode"].zfill(2))
          for r in csv.DictReader(io.StringIO(git("tr", "data/processed/2025_34-province-3221-ward_with_location.csv").decode()))}
    assert set(feb) == set(tr) == {c["code"] for c in comms}
    for code, (n, p) in tr.items():
        assert feb[code][1] == p, code
    febprov = {str(p["code"]).zfill(2): (clean(p["name"]), p["division_type"]) for p in sun}
    changes = []
    for p in provs:
        old = febprov[p["code"]]
        if old[0] != clean(p["name"]):
            changes.append(("province", p["code"], old[0], "Tỉnh", clean(p["name"]), p["type"]))
    for c in comms:
        old = feb[c["code"]]
        assert old[1] == c["province_code"], c
        if old[0] != clean(c["name"]):
            changes.append(("commune", c["code"], old[0], type_of(old[0]), clean(c["name"]), c["type"]))
    return provs, comms, changes


# Resolutions behind the changes between the lists of 02/2026 and 08/10/2026.
RESOLUTIONS_2026 = {
    "22": ("2026-09-01", "36/2026/QH16"),
    "24": ("2026-09-20", "39/2026/QH16; 388/NQ-UBTVQH16"),
    "75": ("", "30/2026/QH16; 237/NQ-UBTVQH16"),
}


def main(src, out):
    os.makedirs(out, exist_ok=True)
    provs, comms, changes = new_units(src)
    pcode = {c["code"]: c["province_code"] for c in comms}

    # provinces.csv, communes.csv, renames.csv
    with open(f"{out}/provinces.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "type", "name"])
        for p in provs:
            w.writerow([p["code"], p["type"], clean(p["name"])])
    with open(f"{out}/communes.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "province", "type", "name"])
        for c in comms:
            w.writerow([c["code"], c["province_code"], c["type"], clean(c["name"])])
    with open(f"{out}/renames.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "code", "date", "resolution", "old_type", "old_name", "new_type", "new_name"])
        for lvl, code, oname, otype, nname, ntype in changes:
            prov = code if lvl == "province" else pcode[code]
            date, res = RESOLUTIONS_2026[prov]
            w.writerow([lvl, code, date, res, otype, oname, ntype, nname])

    # before.csv: spans of the units before the reform.
    seq = snapshots()
    spans = []  # level, code, parent, type, name, from, to
    open_span = {}
    for i, (k, u) in enumerate(seq):
        for c, v in u.items():
            cur = open_span.get(c)
            attrs = (v[2], v[1], v[0])
            if cur and cur[0] == attrs:
                continue
            if cur:
                spans.append((c, cur[0], cur[1], day_before(k)))
            open_span[c] = (attrs, "" if i == 0 else iso(k))
        for c in [c for c in open_span if c not in u]:
            attrs, frm = open_span.pop(c)
            spans.append((c, attrs, frm, day_before(k)))
    for c, (attrs, frm) in open_span.items():
        spans.append((c, attrs, frm, LAST_OLD_DAY))
    level_name = {"P": "province", "D": "district", "C": "commune"}
    order = {"P": 0, "D": 1, "C": 2}
    spans.sort(key=lambda s: (order[s[0][0]], s[0][1], s[2] or "0"))
    with open(f"{out}/before.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "code", "parent", "type", "name", "from", "to"])
        for c, (parent, typ, name), frm, to in spans:
            w.writerow([level_name[c[0]], c[1], parent, typ, name, frm, to])

    succ = successors(seq, conversion(), {p["code"] for p in provs}, pcode)
    with open(f"{out}/successors.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["level", "from", "to_level", "to", "date", "kind", "share", "basis"])
        for row in succ:
            w.writerow(row)


def successors(seq, conv, new_provinces, new_province_of):
    rows = []
    final = seq[-1][1]
    # 1. The reform: communes, from the conversion table.
    by_old = collections.defaultdict(list)
    district_rows = []
    for r in conv:
        if r["old"]:
            by_old[r["old"]].append(r)
        else:
            district_rows.append(r)
    fin_communes = {c[1] for c in final if c[0] == "C"}
    assert set(by_old) == fin_communes, (set(by_old) ^ fin_communes)
    for old, rs in sorted(by_old.items()):
        news = sorted({r["new"] for r in rs})
        notes = {r["new"]: r["note"] for r in rs}
        whole_pop = [n for n in news if "toàn bộ dân số" in notes[n]]
        for n in news:
            note = notes[n]
            part = len(news) > 1
            share = ""
            if whole_pop:
                share = "1" if n in whole_pop else "0"
            rows.append(("commune", old, "commune", n, REFORM, "part" if part else "whole", share, "nso"))
    for r in district_rows:
        m = re.search(r"\((\d{3})\)", r["old_district"])
        if m and not r["old_name"]:  # a district without communes became a special zone
            assert not [c for c in final if c[0] == "C" and final[c][2] == m.group(1)], r
            rows.append(("district", m.group(1), "commune", r["new"], REFORM, "whole", "", "nso"))
    # 2. Districts: the new communes their communes went to.
    dist_new = collections.defaultdict(set)
    for old, rs in by_old.items():
        for r in rs:
            dist_new[final[("C", old)][2]].add(r["new"])
    direct = {r[1] for r in rows if r[0] == "district"}
    for d in sorted(c[1] for c in final if c[0] == "D"):
        if d in direct:
            continue
        news = sorted(dist_new[d])
        assert news, d
        for n in news:
            rows.append(("district", d, "commune", n, REFORM, "part" if len(news) > 1 else "whole", "", "nso-communes"))
    # 3. Provinces.
    prov_new = collections.defaultdict(set)
    for old, rs in by_old.items():
        for r in rs:
            prov_new[final[("D", final[("C", old)][2])][2]].add(new_province_of[r["new"]])
    for p in sorted(c[1] for c in final if c[0] == "P"):
        news = prov_new[p]
        assert len(news) == 1 and news <= new_provinces, (p, news)
        rows.append(("province", p, "province", news.pop(), REFORM, "whole", "", "nso-provinces"))
    # 4. Units that ended before the reform.
    rows += earlier_successors(seq)
    return rows


def earlier_successors(seq):
    alias = alias_map(seq[-1][1])
    final_names = {c[1]: v[0] for c, v in seq[-1][1].items() if c[0] == "C"}
    events = []
    for i in range(1, len(seq)):
        pk, pu = seq[i - 1]
        k, u = seq[i]
        changed = [c for c in u if c[0] == "C" and (c not in pu or core(u[c][0]) != core(pu[c][0]))]
        for e in [c for c in pu if c not in u]:
            events.append((k, e, pu, u, changed))
    succ = {}  # (level, code) -> [(to_level, to, kind, basis)]
    # latest first, so that a unit's later successors are known
    for k, e, pu, u, changed in sorted(events, key=lambda x: x[0], reverse=True):
        if e[0] != "C":
            continue
        info = pu[e]
        fam = {u[c][2] for c in pu if c[0] == "C" and pu[c][2] == info[2] and c in u}
        if ("D", info[2]) in u:
            fam.add(info[2])
        cand = [c for c in changed if u[c][2] in fam]
        target, basis = None, None
        t, src = alias_lookup(alias, final_names, e, pu, u, fam)
        if t:
            target, basis = t, "alias"
            # The alias list names the commune of 2025; if that commune did not
            # change on this date but one that did leads to it, that one is the
            # immediate successor.
            if ("C", t) not in changed:
                via = [c[1] for c in cand if t in chain(succ, c[1])]
                if len(via) == 1 and via[0] != t:
                    target = via[0]
        if not target:
            same = [c for c in cand if core(u[c][0]) == core(info[0])]
            if len(same) == 1:
                target, basis = same[0][1], "gso-name"
        if target:
            succ[("C", e[1])] = [("commune", target, "whole", basis)]
        else:
            ds = sorted(fam) or [info[2]]
            succ[("C", e[1])] = [("district", d, "part" if len(ds) > 1 else "whole", "gso-district") for d in ds]
    for k, e, pu, u, changed in events:
        if e[0] != "D":
            continue
        dests = collections.Counter()
        # the communes it had when it last had any
        kids = [c for c in pu if c[0] == "C" and pu[c][2] == e[1]]
        if not kids:
            kids, u2 = last_children(seq, e[1], k)
        else:
            u2 = u
        for c in kids:
            if c in u2:
                dests[u2[c][2]] += 1
            else:
                for lvl, t, _, _ in succ.get(c, []):
                    dests[u2[("C", t)][2] if lvl == "commune" and ("C", t) in u2 else t] += 1
        ds = sorted(dests)
        assert ds, e
        succ[e] = [("district", d, "part" if len(ds) > 1 else "whole", "gso-communes") for d in ds]
    out = []
    date = {}
    for k, e, pu, u, changed in events:
        date[e] = iso(k)
    for e, links in sorted(succ.items()):
        lvl = {"C": "commune", "D": "district"}[e[0]]
        for to_lvl, t, kind, basis in links:
            out.append((lvl, e[1], to_lvl, t, date[e], kind, "", basis))
    return out


def last_children(seq, d, k):
    for i in range(len(seq) - 1, 0, -1):
        if seq[i][0] >= k:
            continue
        pu, u = seq[i - 1][1], seq[i][1]
        kids = [c for c in pu if c[0] == "C" and pu[c][2] == d]
        if kids and not [c for c in u if c[0] == "C" and u[c][2] == d]:
            return kids, u
    return [], {}


def chain(succ, code, seen=None):
    seen = seen or set()
    if code in seen:
        return seen
    seen.add(code)
    for lvl, t, _, _ in succ.get(("C", code), []):
        if lvl == "commune":
            chain(succ, t, seen)
    return seen


def alias_map(final):
    idx = {}
    for c, v in final.items():
        if c[0] == "C":
            d = final[("D", v[2])]
            p = final[("P", d[2])]
            idx[(key(p[0]), key(d[0]), key(v[0]))] = c[1]
    amap = collections.defaultdict(dict)
    rows = csv.DictReader(io.StringIO(git("tr", "data/alias_keywords/legacy/alias_ward.csv").decode("utf-8-sig")))
    for a in rows:
        t = idx.get((a["province_key"].strip(), a["district_key"].strip(), key(a["ward_key"])))
        if t:
            amap[(a["province_key"].strip(), key(a["alias_keyword"]))][t] = a["source"].strip()
    return amap


def alias_lookup(amap, final_names, e, pu, u, fam):
    info = pu[e]
    d = pu[("D", info[2])]
    p = pu[("P", d[2])]
    pk = key(p[0])
    pks = {pk, "thanhphohue" if pk == "tinhthuathienhue" else pk}
    found = {}
    for a in pks:
        for kk in {key(info[0]), key(core(info[0]))}:
            found.update(amap.get((a, kk), {}))
    valid = [t for t in found if ("C", t) in u and u[("C", t)][2] in fam]
    if len(valid) == 1:
        return valid[0], found[valid[0]]
    # The commune the alias list names may have had another code then:
    # take the one of the same name in the district on that date.
    if not valid and len(found) == 1:
        name = core(final_names[next(iter(found))])
        same = [c[1] for c, v in u.items() if c[0] == "C" and v[2] in fam and core(v[0]) == name]
        if len(same) == 1:
            return same[0], next(iter(found.values()))
    return None, None


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
