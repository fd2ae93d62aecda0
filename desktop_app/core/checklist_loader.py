"""Load checklist YAML files strictly: every error names the file, the line and the key."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.core.checklist import (
    CUE_KINDS,
    TOPICS,
    Aspect,
    Checklist,
    ChecklistItem,
    ChildAgeRule,
    Condition,
    Deadline,
    DetectionCue,
    Source,
)
from desktop_app.core.located_yaml import Located, LocatedYamlError, load_located
from desktop_app.core.status import Level
from desktop_app.errors import ChecklistError

# The largest shipped checklist is 53 KB with 38 items; these leave twenty times that room.
MAX_FILE_BYTES = 1024 * 1024
MAX_ITEMS = 1_000
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
ITEM_ID_PATTERN = re.compile(r"^([a-z][a-z0-9-]*)\.([a-z0-9][a-z0-9-]*)$")

_REQUIRED_TOP = ("id", "name", "jurisdiction", "law", "law_version", "regulator", "version",
                 "last_reviewed", "items")
_OPTIONAL_TOP = ("notes", "based_on", "applicability_cues", "sources", "deadlines", "child_age")
_REQUIRED_ITEM = ("id", "title", "citation", "level", "topic", "requirement", "guidance", "cues")
_OPTIONAL_ITEM = ("condition", "aspects", "notes", "sources", "same_as", "effective", "until",
                  "level_from", "sample_wording")
_CUE_KEYS = ("phrase", "regex", "weight", "min_count", "case_sensitive", "kind")


class _Checker:
    """Walks the parsed data; `fail` raises with the location of a path."""

    def __init__(self, path: Path, located: Located) -> None:
        self.path = path
        self.located = located

    def fail(self, where: str, message: str) -> ChecklistError:
        line = self.located.line(where)
        key = f" (key '{where}')" if where else ""
        return ChecklistError(f"{self.path}, line {line}{key}: {message}. "
                              "Fix the file and validate it again with "
                              "'policy-auditor checklist validate FILE'.")

    def mapping(self, value: Any, where: str, required: tuple[str, ...],
                optional: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a mapping of keys to values")
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise self.fail(_join(where, key), f"unknown key '{key}' (allowed: {allowed})")
        for key in required:
            if key not in value:
                raise self.fail(where, f"missing required key '{key}'")
        return value

    def text(self, value: Any, where: str, *, allow_empty: bool = False) -> str:
        if isinstance(value, bool) or value is None:
            raise self.fail(where, "expected text")
        if isinstance(value, (int, float, dt.date)):
            value = value.isoformat() if isinstance(value, dt.date) else str(value)
        if not isinstance(value, str):
            raise self.fail(where, "expected text")
        text = value.strip()
        if not text and not allow_empty:
            raise self.fail(where, "must not be empty")
        return text

    def text_list(self, value: Any, where: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        if not value and not allow_empty:
            raise self.fail(where, "must list at least one entry")
        return tuple(self.text(v, f"{where}[{i}]") for i, v in enumerate(value))

    def records(self, value: Any, where: str, build: Callable[[Any, str], Any]) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        return tuple(build(v, f"{where}[{i}]") for i, v in enumerate(value))


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def parse_checklist(text: str, path: Path, origin: str = "shipped") -> Checklist:
    """Validate YAML text and build a Checklist; raises ChecklistError with a location."""
    try:
        located = load_located(text)
    except LocatedYamlError as error:
        key = f" (key '{error.key}')" if error.key else ""
        advice = ("Fix the YAML syntax (quote text that contains ':' or starts with a symbol)"
                  if str(error).startswith("invalid YAML") else "Fix the file")
        raise ChecklistError(f"{path}, line {error.line}{key}: {error}. {advice} and validate "
                             "it again with 'policy-auditor checklist validate FILE'.") from None
    check = _Checker(path, located)
    top = check.mapping(located.data, "", _REQUIRED_TOP, _OPTIONAL_TOP)
    checklist_id = check.text(top["id"], "id")
    if not ID_PATTERN.match(checklist_id):
        raise check.fail("id", f"'{checklist_id}' is not a valid id "
                               "(lower-case letters, digits and '-', starting with a letter)")
    based_on = check.text(top.get("based_on", ""), "based_on", allow_empty=True)
    prefixes = {checklist_id, based_on} - {""}
    if isinstance(top["items"], list) and len(top["items"]) > MAX_ITEMS:
        raise check.fail("items", f"{len(top['items']):,} items, more than the {MAX_ITEMS:,} a "
                                  "checklist may have; split it into several checklists")
    items = check.records(top["items"], "items",
                          lambda v, w: _item(check, v, w, prefixes))
    if not items:
        raise check.fail("items", "a checklist needs at least one item")
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise check.fail(f"items[{index}].id",
                             f"duplicate item id '{item.id}' (first used by item {seen[item.id] + 1})")
        seen[item.id] = index
    child = top.get("child_age")
    checklist = Checklist(
        id=checklist_id,
        name=check.text(top["name"], "name"),
        jurisdiction=check.text(top["jurisdiction"], "jurisdiction"),
        law=check.text(top["law"], "law"),
        law_version=check.text(top["law_version"], "law_version"),
        regulator=check.text(top["regulator"], "regulator"),
        version=check.text(top["version"], "version"),
        last_reviewed=_date(check, top["last_reviewed"], "last_reviewed"),
        items=items,
        sources=check.records(top.get("sources", []), "sources", lambda v, w: _source(check, v, w)),
        deadlines=check.records(top.get("deadlines", []), "deadlines",
                                lambda v, w: _deadline(check, v, w)),
        child_age=None if child is None else _child_age(check, child, "child_age"),
        applicability_cues=check.records(top.get("applicability_cues", []), "applicability_cues",
                                         lambda v, w: _detection_cue(check, v, w)),
        origin=origin,
        path=str(path),
        notes=check.text(top.get("notes", ""), "notes", allow_empty=True),
        based_on=based_on,
    )
    return _with_hash(checklist)


def _date(check: _Checker, value: Any, where: str) -> str:
    text = check.text(value, where)
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise check.fail(where, f"'{text}' is not a date in the form YYYY-MM-DD") from None


def _item(check: _Checker, value: Any, where: str, prefixes: set[str]) -> ChecklistItem:
    raw = check.mapping(value, where, _REQUIRED_ITEM, _OPTIONAL_ITEM)
    item_id = check.text(raw["id"], f"{where}.id")
    match = ITEM_ID_PATTERN.match(item_id)
    if not match or match.group(1) not in prefixes:
        expected = " or ".join(f"'{p}.<slug>'" for p in sorted(prefixes))
        raise check.fail(f"{where}.id", f"item id '{item_id}' must look like {expected} "
                                        "(lower-case, kebab-case slug)")
    level = _level(check, raw["level"], f"{where}.level")
    effective = _date(check, raw["effective"], f"{where}.effective") if "effective" in raw else ""
    until = _date(check, raw["until"], f"{where}.until") if "until" in raw else ""
    if effective and until and until <= effective:
        raise check.fail(f"{where}.until", f"'until' ({until}) must come after 'effective' "
                                           f"({effective})")
    level_from = _level_from(check, raw.get("level_from"), f"{where}.level_from", effective, until)
    topic = check.text(raw["topic"], f"{where}.topic")
    if topic not in TOPICS:
        raise check.fail(f"{where}.topic",
                         f"topic '{topic}' is not one of the shared topics: {', '.join(TOPICS)}")
    condition = raw.get("condition")
    same_as = check.text(raw.get("same_as", ""), f"{where}.same_as", allow_empty=True)
    link = ITEM_ID_PATTERN.match(same_as)
    if same_as and (not link or link.group(1) in prefixes):
        raise check.fail(f"{where}.same_as", f"'{same_as}' must name an item of another "
                                             "checklist, as '<checklist id>.<item slug>'")
    return ChecklistItem(
        id=item_id,
        title=check.text(raw["title"], f"{where}.title"),
        citation=check.text(raw["citation"], f"{where}.citation"),
        requirement=check.text(raw["requirement"], f"{where}.requirement"),
        level=level,
        topic=topic,
        cues=check.text_list(raw["cues"], f"{where}.cues"),
        guidance=check.text(raw["guidance"], f"{where}.guidance"),
        condition=None if condition is None else _condition(check, condition, f"{where}.condition"),
        aspects=check.records(raw.get("aspects", []), f"{where}.aspects",
                              lambda v, w: _aspect(check, v, w)),
        notes=check.text(raw.get("notes", ""), f"{where}.notes", allow_empty=True),
        sources=check.records(raw.get("sources", []), f"{where}.sources",
                              lambda v, w: _source(check, v, w)),
        same_as=same_as,
        effective=effective,
        until=until,
        level_from=level_from,
        sample_wording=check.text(raw.get("sample_wording", ""), f"{where}.sample_wording",
                                  allow_empty=True),
    )


def _level(check: _Checker, value: Any, where: str) -> Level:
    text = check.text(value, where)
    try:
        return Level(text)
    except ValueError:
        allowed = ", ".join(level.value for level in Level)
        raise check.fail(where, f"level '{text}' is not one of: {allowed}") from None


def _level_from(check: _Checker, value: Any, where: str, effective: str,
                until: str) -> tuple[tuple[str, Level], ...]:
    """`{DATE: LEVEL, ...}`: dated level changes, each inside the item's effective period."""
    if value is None:
        return ()
    if not isinstance(value, dict) or not value:
        raise check.fail(where, "expected a mapping of dates to levels, e.g. '2027-01-01: must'")
    changes = []
    for key, level in value.items():
        date = _date(check, key, f"{where}.{key}")
        if (effective and date <= effective) or (until and date >= until):
            raise check.fail(f"{where}.{key}", f"the level change on {date} falls outside the "
                                               "item's effective..until period")
        changes.append((date, _level(check, level, f"{where}.{key}")))
    return tuple(sorted(changes))


def _detection_cue(check: _Checker, value: Any, where: str) -> DetectionCue:
    """A plain phrase (weight 1), or a mapping with a phrase or a regex and its weight."""
    if not isinstance(value, dict):
        return DetectionCue(phrase=check.text(value, where))
    raw = check.mapping(value, where, (), _CUE_KEYS)
    if ("phrase" in raw) == ("regex" in raw):
        raise check.fail(where, "a cue needs exactly one of 'phrase' and 'regex'")
    weight = raw.get("weight", 1)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 10:
        raise check.fail(f"{where}.weight", "weight must be a number above 0 and at most 10")
    min_count = raw.get("min_count", 1)
    if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 1:
        raise check.fail(f"{where}.min_count", "min_count must be a whole number of at least 1")
    case_sensitive = raw.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise check.fail(f"{where}.case_sensitive", "case_sensitive must be true or false")
    kind = check.text(raw.get("kind", "term"), f"{where}.kind")
    if kind not in CUE_KINDS:
        raise check.fail(f"{where}.kind", f"kind '{kind}' is not one of: {', '.join(CUE_KINDS)}")
    cue = DetectionCue(phrase=check.text(raw.get("phrase", ""), f"{where}.phrase",
                                         allow_empty=True),
                       regex=check.text(raw.get("regex", ""), f"{where}.regex", allow_empty=True),
                       weight=float(weight), min_count=min_count, case_sensitive=case_sensitive,
                       kind=kind)
    try:
        re.compile(cue.pattern)
    except re.error as error:
        raise check.fail(f"{where}.regex", f"not a valid regular expression ({error})") from None
    return cue


def cue_to_data(cue: DetectionCue) -> str | dict[str, Any]:
    """A cue as written in a file: a plain phrase stays a string."""
    if cue == DetectionCue(phrase=cue.phrase):
        return cue.phrase
    data: dict[str, Any] = {"phrase": cue.phrase} if cue.phrase else {"regex": cue.regex}
    defaults = DetectionCue()
    for key in ("weight", "min_count", "case_sensitive", "kind"):
        if getattr(cue, key) != getattr(defaults, key):
            data[key] = getattr(cue, key)
    return data


def _condition(check: _Checker, value: Any, where: str) -> Condition:
    raw = check.mapping(value, where, ("description", "cues"), ())
    return Condition(check.text(raw["description"], f"{where}.description"),
                     check.text_list(raw["cues"], f"{where}.cues"))


def _aspect(check: _Checker, value: Any, where: str) -> Aspect:
    raw = check.mapping(value, where, ("name", "cues"), ())
    return Aspect(check.text(raw["name"], f"{where}.name"), check.text_list(raw["cues"], f"{where}.cues"))


def _source(check: _Checker, value: Any, where: str) -> Source:
    raw = check.mapping(value, where, ("url",), ("note",))
    return Source(check.text(raw["url"], f"{where}.url"),
                  check.text(raw.get("note", ""), f"{where}.note", allow_empty=True))


def _deadline(check: _Checker, value: Any, where: str) -> Deadline:
    raw = check.mapping(value, where, ("subject", "period", "citation"), ("note",))
    return Deadline(check.text(raw["subject"], f"{where}.subject"),
                    check.text(raw["period"], f"{where}.period"),
                    check.text(raw["citation"], f"{where}.citation"),
                    check.text(raw.get("note", ""), f"{where}.note", allow_empty=True))


def _child_age(check: _Checker, value: Any, where: str) -> ChildAgeRule:
    raw = check.mapping(value, where, ("summary",), ("age",))
    age = raw.get("age")
    if age is not None and (isinstance(age, bool) or not isinstance(age, int)):
        raise check.fail(f"{where}.age", "age must be a whole number or null")
    return ChildAgeRule(check.text(raw["summary"], f"{where}.summary"), age)


def load_checklist(path: Path, origin: str = "shipped") -> Checklist:
    """Read and validate one checklist file (parsed again only when the file changed)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ChecklistError(f"{path}: no such checklist file.") from None
    except OSError as error:
        raise ChecklistError(f"{path}: cannot read the file ({error.strerror}).") from None
    return _load_unchanged(path, origin, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=256)
def _load_unchanged(path: Path, origin: str, mtime_ns: int, size: int) -> Checklist:
    """`_load`, remembered per file state (`mtime_ns` and `size` are the key): detection reads
    every checklist for every policy."""
    return _load(path, origin)


def _load(path: Path, origin: str) -> Checklist:
    try:
        text = _read_regular_file(path).decode("utf-8-sig")
    except FileNotFoundError:
        raise ChecklistError(f"{path}: no such checklist file.") from None
    except UnicodeDecodeError:
        raise ChecklistError(f"{path}: the file is not UTF-8 text; save it as UTF-8.") from None
    except OSError as error:
        raise ChecklistError(f"{path}: cannot read the file ({error.strerror}).") from None
    return parse_checklist(text, path, origin)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, refusing pipes and devices (which could block or never end) and
    files over the size limit. The check is made on the opened file, so it cannot be swapped."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ChecklistError(f"{path}: not a regular file (a pipe, device or folder), so it is "
                                 "not read; use a .yaml file (or remove it from the folder).")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ChecklistError(f"{path}: the file is larger than {MAX_FILE_BYTES // 1024} KB, the "
                             "most a checklist file may be; split it into several checklists.")
    return data


def checklist_to_dict(checklist: Checklist) -> dict[str, Any]:
    """The checklist's content as plain data (the form that is hashed and stored with audits)."""
    def item(i: ChecklistItem) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": i.id, "title": i.title, "citation": i.citation, "level": i.level.value,
            "topic": i.topic, "requirement": i.requirement, "guidance": i.guidance,
            "cues": list(i.cues),
        }
        if i.condition:
            data["condition"] = {"description": i.condition.description,
                                 "cues": list(i.condition.cues)}
        if i.aspects:
            data["aspects"] = [{"name": a.name, "cues": list(a.cues)} for a in i.aspects]
        # Optional keys appear only when set, so checklists without them keep their hashes.
        if i.notes:
            data["notes"] = i.notes
        if i.sources:
            data["sources"] = [{"url": s.url, "note": s.note} for s in i.sources]
        if i.same_as:
            data["same_as"] = i.same_as
        if i.effective:
            data["effective"] = i.effective
        if i.until:
            data["until"] = i.until
        if i.level_from:
            data["level_from"] = {date: level.value for date, level in i.level_from}
        if i.sample_wording:
            data["sample_wording"] = i.sample_wording
        return data

    data: dict[str, Any] = {
        "id": checklist.id, "name": checklist.name, "jurisdiction": checklist.jurisdiction,
        "law": checklist.law, "law_version": checklist.law_version,
        "regulator": checklist.regulator, "version": checklist.version,
        "last_reviewed": checklist.last_reviewed, "notes": checklist.notes,
        "based_on": checklist.based_on,
        "applicability_cues": [cue_to_data(cue) for cue in checklist.applicability_cues],
        "sources": [{"url": s.url, "note": s.note} for s in checklist.sources],
        "deadlines": [{"subject": d.subject, "period": d.period, "citation": d.citation,
                       "note": d.note} for d in checklist.deadlines],
        "items": [item(i) for i in checklist.items],
    }
    if checklist.child_age:
        data["child_age"] = {"summary": checklist.child_age.summary, "age": checklist.child_age.age}
    return data


def content_hash(checklist: Checklist) -> str:
    canonical = json.dumps(checklist_to_dict(checklist), sort_keys=True, ensure_ascii=False,
                           separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _with_hash(checklist: Checklist) -> Checklist:
    return replace(checklist, content_hash=content_hash(checklist))


def checklist_from_dict(data: dict[str, Any], origin: str = "stored") -> Checklist:
    """Rebuild a checklist from `checklist_to_dict` output (e.g. a snapshot kept with an audit)."""
    payload = {k: v for k, v in data.items() if v not in ("", None) or k in _REQUIRED_TOP}
    text = json.dumps(payload, ensure_ascii=False)
    return parse_checklist(text, Path(f"<stored checklist {data.get('id', '?')}>"), origin)


def broken_links(checklist: Checklist, known: Mapping[str, Checklist]) -> list[str]:
    """One message per `same_as` link of `checklist` whose target is not among `known`."""
    messages = []
    for item in checklist.items:
        if not item.same_as:
            continue
        target_id = item.same_as.split(".", 1)[0]
        target = known.get(target_id)
        if target is None or all(other.id != item.same_as for other in target.items):
            where = "no such checklist" if target is None else f"{target_id} has no such item"
            messages.append(f"{checklist.path}: item '{item.id}' says it is the same as "
                            f"'{item.same_as}', but {where}; correct or remove its 'same_as'.")
    return messages


@dataclass
class ChecklistRegistry:
    """The shipped and user checklists, by id; broken user files are kept as `problems`."""

    checklists: dict[str, Checklist] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, shipped_dir: Path, user_dir: Path | None) -> ChecklistRegistry:
        registry = cls()
        for directory, origin in ((shipped_dir, "shipped"), (user_dir, "user")):
            if directory is None or not directory.is_dir():
                continue
            for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
                try:
                    checklist = load_checklist(path, origin)
                except ChecklistError as error:
                    registry.problems.append(error.user_text())
                    continue
                if checklist.id in registry.checklists:
                    other = registry.checklists[checklist.id].path
                    registry.problems.append(f"{path}: checklist id '{checklist.id}' is already "
                                             f"used by {other}; give this file another id.")
                    continue
                registry.checklists[checklist.id] = checklist
        for checklist in list(registry.checklists.values()):
            broken = broken_links(checklist, registry.checklists)
            if broken:
                del registry.checklists[checklist.id]
                registry.problems.append(broken[0])
        return registry

    @classmethod
    def default(cls) -> ChecklistRegistry:
        return cls.load(paths.SHIPPED_CHECKLISTS, paths.user_checklists_dir())

    def all(self) -> list[Checklist]:
        return list(self.checklists.values())

    def get(self, checklist_id: str) -> Checklist:
        try:
            return self.checklists[checklist_id]
        except KeyError:
            known = ", ".join(sorted(self.checklists)) or "none"
            raise ChecklistError(f"no checklist with id '{checklist_id}' (available: {known}). "
                                 "Run 'policy-auditor checklists' to list them.") from None
