#!/usr/bin/env python3
"""Builds TuyaScope's device knowledge base from device description YAMLs.

    python3 resources/knowledge/build_knowledge.py DEVICES_DIR [-o OUT.json] [--roles role-map.tsv]

DEVICES_DIR holds one YAML per device model (the tuya-local schema: name, products, entities with
their dps). The output keeps facts only: model names, product ids, and per dp its id, wire type,
TuyaScope role (from role-map.tsv), name, unit, scale, range, enum labels, read-only, optional.
A YAML that cannot be read is reported as FILE:LINE: message and left out; the exit status is 1
when any was, so a broken addition is noticed, and the rest is still written.
"""
import argparse
import fnmatch
import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # the message names the piece that is missing
    sys.exit("build_knowledge.py needs PyYAML (Debian: apt-get install python3-yaml)")

# libyaml's loader when PyYAML was built with it (ten times faster), else the pure one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HERE = os.path.dirname(os.path.abspath(__file__))

# TuyaMCU dp type bytes (raw 0, bool 1, value 2, string 3, enum 4, bitmap 5).
RAW, BOOL, VALUE, STRING, ENUM, BITMAP = 0, 1, 2, 3, 4, 5
TYPE_CODES = {"boolean": BOOL, "integer": VALUE, "bitfield": BITMAP, "string": STRING, "base64": RAW,
              "hex": RAW, "utf16b64": RAW, "json": STRING, "unixtime": VALUE, "float": VALUE}
GENERIC_NAMES = {"sensor", "switch", "value", "option", "button", "lock", "event", "light", "valve", "unit"}
ELECTRICAL = {"current", "power", "voltage", "energy", "power_factor", "frequency"}


# The schema (DEVICES_DIR/README.md) lists, per entity, the dp names it gives a function, one
# "- **name** (...) description" line each. A name it describes as reporting (current_temperature,
# current_humidity, hvac_action, lock_state, ...) is a measurement or a state: read-only by nature,
# so descriptions do not say `readonly: true` for it, and the device alone sends it.
REPORTING = re.compile(r"^(an? )?(read-only dp|dp (that|to) (reports?|returns?|receive|identify|signal))", re.I)
CONTROLLING = re.compile(r"report and control|and if not readonly|can also be used to set", re.I)


def read_schema(devices_dir):
    """{entity: {name: read-only by nature}} from the schema's entity sections ({} without it)."""
    path = os.path.join(devices_dir, "README.md")
    if not os.path.exists(path):
        return {}
    schema, entity = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            heading = re.match(r"^### `([a-z_]+)`", line)
            if heading:
                entity = heading.group(1)
                continue
            if line.startswith("## "):
                entity = None
            item = re.match(r"^- \*\*([a-z_0-9]+)\*\*\s*(\([^)]*\))?:?\s*(.*)", line)
            if entity and item:
                text = item.group(3).strip()
                reporting = bool(REPORTING.match(text)) and not CONTROLLING.search(text)
                schema.setdefault(entity, {})[item.group(1)] = reporting
    # Sections that describe dp attributes rather than entities are no entity's names.
    return {k: v for k, v in schema.items() if len(v) >= 1 and k not in ("readonly", "optional", "mapping")}


def read_only_by_schema(schema, kind, name):
    return schema.get(kind, {}).get(name, False)


class RoleRow:
    def __init__(self, fields, line):
        self.entity, self.cls, self.name, self.key, self.type, self.role = fields
        self.line = line

    @staticmethod
    def _fits(pattern, value):
        if pattern == "*":
            return True
        if pattern == "-":
            return not value
        return value is not None and fnmatch.fnmatchcase(value, pattern)

    def matches(self, entity, cls, name, key, dp_type):
        return (self._fits(self.entity, entity) and self._fits(self.cls, cls) and self._fits(self.name, name)
                and self._fits(self.key, key) and self._fits(self.type, dp_type))


def read_roles(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 6:
                sys.exit(f"{path}:{number}: expected 6 tab-separated columns, found {len(fields)}")
            rows.append(RoleRow(fields, number))
    return rows


def slug(text):
    return re.sub(r"[^a-z0-9]+", "_", str(text).lower()).strip("_")


def entity_key(entity):
    key = entity.get("translation_key") or entity.get("translation_only_key")
    if key:
        return str(key)
    if entity.get("name"):
        return slug(entity["name"])
    return None


def products_of(doc, text):
    out = []
    for p in doc.get("products") or []:
        if isinstance(p, dict) and p.get("id"):
            item = {"id": str(p["id"])}
            for field in ("manufacturer", "model"):
                if p.get(field):
                    item[field] = str(p[field])
            out.append(item)
    # Models without product ids often name their product in a comment ("# products: Nashone MTS-700-WB").
    label = None
    m = re.search(r"^#\s*products?:\s*(\S.*)$", text, re.MULTILINE)
    if m:
        label = m.group(1).strip()
    return out, label


def scale_of(dp):
    scale = 1.0
    for rule in dp.get("mapping") or []:
        if isinstance(rule, dict) and "dps_val" not in rule and "constraint" not in rule and rule.get("scale"):
            try:
                scale = 1.0 / float(rule["scale"])
            except (TypeError, ValueError, ZeroDivisionError):
                pass
            break
    return scale


def enum_labels(dp):
    """The wire values a mapping lists, and whether it lists them all (a rule without dps_val is a
    default for values it does not name, so their order on the MCU wire is not known)."""
    labels, complete = [], True
    for rule in dp.get("mapping") or []:
        if not isinstance(rule, dict):
            continue
        if "dps_val" not in rule:
            complete = False
            continue
        value = rule.get("dps_val")
        if isinstance(value, str) and value not in labels:
            labels.append(value)
    return labels, complete


def normalise_unit(unit, scale):
    """TuyaScope shows currents in A and energies in kWh, as its own roles do."""
    if unit == "mA":
        return "A", scale * 0.001
    if unit == "Wh":
        return "kWh", scale * 0.001
    return unit, scale


def describe(path, roles, schema=None):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    doc = yaml.load(text, Loader=LOADER)
    if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
        raise ValueError("no 'entities' list at the top level")
    products, label = products_of(doc, text)
    dps = {}
    category = None
    electrical_readers = {}
    for entity in doc["entities"]:
        if not isinstance(entity, dict):
            continue
        kind = str(entity.get("entity", ""))
        category = category or kind
        cls = entity.get("class")
        key = entity_key(entity)
        readonly_entity = kind in ("sensor", "binary_sensor", "event")
        for dp in entity.get("dps") or []:
            if not isinstance(dp, dict) or "id" not in dp:
                continue
            dp_id = int(dp["id"])
            if not 0 < dp_id < 256:
                raise ValueError(f"dp id {dp_id} outside 1..255")
            dp_type = str(dp.get("type", ""))
            name = str(dp.get("name", ""))
            row = next((r for r in roles if r.matches(kind, cls, name, key, dp_type)), None)
            role = "" if row is None or row.role == "-" else row.role
            if dp_type in ("base64", "hex") and role in ELECTRICAL:
                electrical_readers.setdefault(dp_id, set()).add(role)
            known = dps.get(dp_id)
            if known is not None:
                # Several entities read one dp: the first reference with a role names it.
                if known["role"] or not role:
                    continue
            labels, complete = enum_labels(dp)
            wire = TYPE_CODES.get(dp_type, STRING)
            if dp_type == "string" and labels:
                wire = ENUM
            shown = name
            if name in GENERIC_NAMES or not name:
                shown = key or (str(cls) if cls else kind)
            unit, scale = normalise_unit(dp.get("unit"), scale_of(dp))
            item = {"id": dp_id, "type": wire, "role": role, "name": shown}
            if unit:
                item["unit"] = str(unit)
            if scale != 1:
                item["scale"] = round(scale, 9)
            rng = dp.get("range")
            if isinstance(rng, dict):
                for bound in ("min", "max"):
                    if isinstance(rng.get(bound), (int, float)):
                        item[bound] = int(rng[bound])
            if wire == ENUM and complete:
                item["enum"] = labels
            if readonly_entity or dp.get("readonly") or read_only_by_schema(schema or {}, kind, name):
                item["ro"] = 1
            if dp.get("optional"):
                item["opt"] = 1
            dps[dp_id] = item
    for dp_id, readers in electrical_readers.items():
        if len(readers) >= 2 and dp_id in dps:
            dps[dp_id]["role"] = "energy_pack"
            dps[dp_id].pop("scale", None)
            dps[dp_id].pop("unit", None)
    model = {"key": os.path.splitext(os.path.basename(path))[0], "name": str(doc.get("name", "")),
             "category": category or "", "dps": [dps[k] for k in sorted(dps)]}
    if products:
        model["products"] = products
    if label:
        model["label"] = label
    return model


def where(error):
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line + 1 if mark is not None else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("devices", help="folder of device description YAMLs")
    parser.add_argument("-o", "--output", default=os.path.join(HERE, "tuya-local-devices.json"))
    parser.add_argument("--roles", default=os.path.join(HERE, "role-map.tsv"))
    args = parser.parse_args()

    roles = read_roles(args.roles)
    schema = read_schema(args.devices)
    models, failures = [], 0
    names = sorted(n for n in os.listdir(args.devices) if n.endswith((".yaml", ".yml")))
    for name in names:
        path = os.path.join(args.devices, name)
        try:
            models.append(describe(path, roles, schema))
        except yaml.YAMLError as error:
            failures += 1
            print(f"{path}:{where(error)}: {str(error).splitlines()[0]}", file=sys.stderr)
        except (ValueError, TypeError, OSError, UnicodeDecodeError) as error:
            failures += 1
            print(f"{path}:1: {error}", file=sys.stderr)
    out = {"format": "tuyascope-device-knowledge", "version": 1,
           "source": "tuya-local device descriptions (MIT licence)", "models": models}
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    dp_count = sum(len(m["dps"]) for m in models)
    with_role = sum(1 for m in models for d in m["dps"] if d["role"])
    product_count = sum(len(m.get("products", [])) for m in models)
    print(f"{len(models)} models, {dp_count} dps ({with_role} with a role), {product_count} product ids"
          f" -> {args.output}; {failures} unreadable")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
