"""CLI commands: checklists, checklist show / validate / copy."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app import paths
from desktop_app.cli.output import emit_json
from desktop_app.errors import ChecklistError

if TYPE_CHECKING:
    from desktop_app.core.checklist import ChecklistItem


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add this module's sub-commands to the parser."""
    listing = sub.add_parser("checklists", parents=[common],
                             help="list the shipped and user checklists")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=list_checklists)

    checklist = sub.add_parser("checklist", help="show, validate or copy one checklist")
    actions = checklist.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", parents=[common], help="show a checklist and its items")
    show.add_argument("id", metavar="ID")
    show.add_argument("--as-at", metavar="DATE", dest="as_at",
                      help="show the checklist as in force on this date, YYYY-MM-DD "
                           "(default: the file as written, with its dated changes)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=show_checklist)
    validate = actions.add_parser("validate", parents=[common], help="validate a checklist file")
    validate.add_argument("file", metavar="FILE")
    validate.set_defaults(handler=validate_checklist)
    copy = actions.add_parser("copy", parents=[common],
                              help="copy a checklist into your user folder to extend it")
    copy.add_argument("id", metavar="ID", help="the checklist to copy")
    copy.add_argument("new_id", metavar="NEW_ID", help="the id of your copy")
    copy.add_argument("--name", help="the name of your copy")
    copy.set_defaults(handler=copy_checklist)


def list_checklists(args: argparse.Namespace) -> int:
    from desktop_app.core.checklist_loader import ChecklistRegistry

    registry = ChecklistRegistry.default()
    rows = [{"id": c.id, "name": c.name, "version": c.version, "item_count": len(c.items),
             "source": c.origin} for c in registry.all()]
    if args.json:
        emit_json({"checklists": rows, "problems": registry.problems})
    else:
        for row in rows:
            print(f"{row['id']:<14} {row['version']:<9} {row['item_count']:>4} items  "
                  f"{row['source']:<8} {row['name']}")
        print(f"User checklists folder: {paths.user_checklists_dir()}")
    for problem in registry.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 0


def show_checklist(args: argparse.Namespace) -> int:
    from desktop_app.core.checklist_loader import ChecklistRegistry, checklist_to_dict
    from desktop_app.core.in_force import in_force, parse_as_at

    checklist = ChecklistRegistry.default().get(args.id)
    as_at = None if args.as_at is None else parse_as_at(args.as_at)
    if as_at is not None:
        checklist = in_force(checklist, as_at)
    if args.json:
        data = checklist_to_dict(checklist)
        data.update(content_hash=checklist.content_hash, source=checklist.origin)
        if as_at is not None:
            data["as_at"] = as_at
        emit_json(data)
        return 0
    print(f"{checklist.name} ({checklist.id}, version {checklist.version}, "
          f"reviewed {checklist.last_reviewed})")
    if as_at is not None:
        print(f"As in force on {as_at}: {len(checklist.items)} items")
    print(f"Law: {checklist.law} — {checklist.law_version}")
    print(f"Regulator: {checklist.regulator}")
    if checklist.notes:
        print(f"Scope: {checklist.notes}")
    for item in checklist.items:
        condition = "  [conditional]" if item.condition else ""
        print(f"  {item.id:<44} {item.level.value:<13} {item.citation}{condition}")
        print(f"      {item.title}: {item.requirement}")
        if dates := _dates(item):
            print(f"      {dates}")
        if item.same_as:
            print(f"      same requirement as {item.same_as}")
    return 0


def _dates(item: ChecklistItem) -> str:
    """The item's effective period and level changes, in words."""
    parts = [f"in force from {item.effective}"] if item.effective else []
    if item.until:
        parts.append(f"no longer from {item.until}")
    parts += [f"{level.value} from {date}" for date, level in item.level_from]
    return "; ".join(parts)


def validate_checklist(args: argparse.Namespace) -> int:
    from desktop_app.core.checklist_loader import ChecklistRegistry, broken_links, load_checklist

    checklist = load_checklist(Path(args.file), origin="user")
    known = {**ChecklistRegistry.default().checklists, checklist.id: checklist}
    broken = broken_links(checklist, known)
    if broken:
        raise ChecklistError(broken[0])
    conditional = sum(1 for item in checklist.items if item.condition)
    print(f"OK: {checklist.id} version {checklist.version}: {len(checklist.items)} items "
          f"({conditional} conditional)")
    return 0


def copy_checklist(args: argparse.Namespace) -> int:
    import yaml

    from desktop_app.core.checklist_loader import (
        ChecklistRegistry,
        checklist_to_dict,
        load_checklist,
    )

    registry = ChecklistRegistry.default()
    source = registry.get(args.id)
    if not re.fullmatch(r"[a-z][a-z0-9-]*", args.new_id):
        raise ChecklistError(f"'{args.new_id}' is not a valid id: use lower-case letters, digits "
                             "and '-', starting with a letter.")
    if args.new_id in registry.checklists:
        raise ChecklistError(f"a checklist with id '{args.new_id}' already exists; choose another id.")
    data = checklist_to_dict(source)
    data.update(id=args.new_id, name=args.name or f"{source.name} (copy)",
                based_on=source.based_on or source.id, version="1")
    target = paths.user_checklists_dir() / f"{args.new_id}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise ChecklistError(f"{target} already exists; remove it or choose another id.")
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100),
                      encoding="utf-8")
    load_checklist(target, origin="user")
    print(f"Copied {source.id} to {target}; edit it and run "
          f"'policy-auditor checklist validate {target}'.")
    return 0

