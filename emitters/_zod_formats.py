"""How each string format is validated in Zod, chosen to agree with
pydantic 2.x (checked by tests/emitters/test_zod_formats.py, which runs
the same values through pydantic and through Zod in Node).

The rule: the schema for a response must accept everything pydantic
writes (`model_dump(mode="json")`), and the schema for a request must
accept nothing pydantic's validator rejects. Where pydantic reads more
spellings than it writes (`"2024-01-01 10:00"`, UUIDs without dashes,
`"John <j@x.io>"`), Zod accepts the canonical spellings only: a request
built from a Zod-valid value always validates.

Each entry: the Zod expression, its static Zod type (for getter return
annotations), and a named pattern it needs, if any.
"""

from __future__ import annotations

from codegen.records import Record


class Format(Record):
    code: str
    type: str
    #: Name of a module-level pattern constant the code refers to.
    pattern: str | None = None


#: Module-level regular expressions, declared once per file when used.
PATTERNS: dict[str, str] = {
    # str(Decimal) as pydantic writes it ("1.5", "-0", "1E+3", "0E-8") and
    # the plain decimal spellings it reads. pydantic also reads "1_000" and
    # surrounding spaces; those are left out (request side stays sound).
    "DECIMAL_PATTERN": r"/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/",
    # pydantic writes ISO 8601 durations with an optional leading minus
    # ("-PT23H59M55S", "P1Y35D", "PT0.000001S"); z.iso.duration() rejects
    # the minus, so negative timedeltas would fail a response check.
    "DURATION_PATTERN": (
        r"/^-?P(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?"
        r"(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$/"
    ),
    # pydantic writes tz-aware times with "Z" or "+01:00"; z.iso.time()
    # rejects any offset. Seconds and fractions are optional on input.
    "TIME_PATTERN": (
        r"/^(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?"
        r"(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/"
    ),
    # email-validator (behind EmailStr) accepts and writes internationalised
    # addresses ("用户@例子.广告"), which z.email()'s default ASCII pattern
    # rejects; z.regexes.unicodeEmail accepts "a@localhost", which pydantic
    # rejects. This one follows email-validator: dot-atoms on the left,
    # at least two labels without edge hyphens on the right, a TLD that is
    # not numeric and not a special-use name.
    "EMAIL_PATTERN": (
        r"/^[\p{L}\p{N}\p{M}!#$%&'*+\/=?^_`{|}~-]+"
        r"(?:\.[\p{L}\p{N}\p{M}!#$%&'*+\/=?^_`{|}~-]+)*"
        r"@(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?\.)+"
        r"(?!(?:arpa|invalid|local|localhost|onion|test)$)(?!\d+$)"
        r"[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/iu"
    ),
    # JSON object keys that pydantic reads as ints and writes as "1", "-2".
    "INT_KEY_PATTERN": r"/^-?\d+$/",
}

FORMATS: dict[str, Format] = {
    "str": Format("z.string()", "z.ZodString"),
    # bytes travel as UTF-8 text in pydantic's default JSON mode.
    "bytes": Format("z.string()", "z.ZodString"),
    # z.int() also limits to safe integers: beyond 2**53 a JavaScript
    # number cannot hold the value pydantic sent (a documented difference).
    "int": Format("z.int()", "z.ZodInt"),
    # pydantic reads "Infinity"/"NaN" only from non-standard JSON;
    # z.number() rejects them, as pydantic's JSON Schema does.
    "float": Format("z.number()", "z.ZodNumber"),
    "bool": Format("z.boolean()", "z.ZodBoolean"),
    # pydantic writes naive datetimes ("2024-01-01T00:00:00") as well as
    # "Z" and "+05:30" offsets and any fraction of a second: `local`
    # admits the naive ones, `offset` the numeric offsets.
    "datetime": Format(
        "z.iso.datetime({ offset: true, local: true })", "z.ZodISODateTime"
    ),
    # Both sides check real calendar dates (no 2024-02-30).
    "date": Format("z.iso.date()", "z.ZodISODate"),
    "time": Format("z.string().regex(TIME_PATTERN)", "z.ZodString", "TIME_PATTERN"),
    # Python's UUID takes any 128-bit value (nil, max, any version or
    # variant); z.uuid() checks RFC 9562 version/variant bits and rejects
    # e.g. "12345678-1234-1234-1234-123456789abc", which pydantic accepts.
    # z.guid() checks only the 8-4-4-4-12 hex layout.
    "uuid": Format("z.guid()", "z.ZodGUID"),
    "email": Format(
        "z.email({ pattern: EMAIL_PATTERN })", "z.ZodEmail", "EMAIL_PATTERN"
    ),
    # AnyUrl: any scheme ("mailto:", "urn:", "file:"), as WHATWG URL parsing
    # in z.url() does.
    "url": Format("z.url()", "z.ZodURL"),
    # HttpUrl: http or https only, at most HTTP_URL_MAX_LENGTH characters
    # (pydantic's limit; the emitter merges it with the field's own
    # max_length so `.max()` appears once). z.httpUrl() is not used: it
    # rejects "http://localhost:8000/", which pydantic accepts and writes.
    "http_url": Format("z.url({ protocol: /^https?$/ })", "z.ZodURL"),
    "ipv4": Format("z.ipv4()", "z.ZodIPv4"),
    "ipv6": Format("z.ipv6()", "z.ZodIPv6"),
}

#: pydantic's `HttpUrl` length limit.
HTTP_URL_MAX_LENGTH = 2083

#: Module-level helper functions, declared once per file when used.
HELPERS: dict[str, str] = {
    # Set items are unique in what pydantic writes; their JSON text
    # identifies them (sets hold hashable values: no dicts).
    "uniqueItems": (
        "function uniqueItems(items: readonly unknown[]): boolean {\n"
        "  return new Set(items.map((item) => JSON.stringify(item))).size "
        "=== items.length;\n"
        "}"
    ),
    # pydantic's max_digits / decimal_places, counted as it does: on the
    # Decimal as given and on its normalised form (trailing zeros stripped,
    # zero as "0", nothing rounded); a check fails only when both counts
    # break it. So "1000.00" has 4 digits (1E+3), "0.001" 3 digits and 3
    # places, "0.00" no whole digits. A JSON number is counted on its
    # shortest spelling, which is what JSON.stringify sends; pydantic reads
    # it as a float and counts the same digits (trailing zeros of "1000.0"
    # never decide a check, the normalised count does).
    "decimalFits": (
        "function decimalFits(value: string | number, maxDigits: number | null, "
        "decimalPlaces: number | null): boolean {\n"
        "  const match = /^[+-]?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?$/"
        ".exec(String(value));\n"
        "  if (match === null) return false;\n"
        '  const fraction = match[2] ?? "";\n'
        "  const exponent = Number(match[3] ?? 0) - fraction.length;\n"
        '  const raw = ((match[1] ?? "") + fraction).replace(/^0+/, "") || "0";\n'
        '  const significant = raw.replace(/0+$/, "");\n'
        "  const count = (digits: number, exp: number): [number, number] =>\n"
        "    exp >= 0 ? [digits + exp, 0] : [Math.max(digits, -exp), -exp];\n"
        "  const counts: [number, number][] = [\n"
        "    count(raw.length, exponent),\n"
        '    significant === "" ? [1, 0] : '
        "count(significant.length, exponent + raw.length - significant.length),\n"
        "  ];\n"
        "  if (maxDigits !== null && counts.every(([d]) => d > maxDigits)) "
        "return false;\n"
        "  if (decimalPlaces !== null && counts.every(([, p]) => p > decimalPlaces)) "
        "return false;\n"
        "  if (maxDigits !== null && decimalPlaces !== null) {\n"
        "    const whole = Math.max(maxDigits - decimalPlaces, 0);\n"
        "    if (counts.every(([d, p]) => d - p > whole)) return false;\n"
        "  }\n"
        "  return true;\n"
        "}"
    ),
    # pydantic's Decimal multiple_of: `value / step` in a 28-digit decimal
    # context (rounded half to even) must be a whole number, and `% 1` on
    # it fails (so the value is refused) once that number has more than
    # 28 digits. Exact, with BigInt; a quotient clearly outside
    # [0.1, 1e28] is decided from the digit counts alone, so a huge
    # exponent costs nothing.
    "decimalMultipleOf": (
        "function decimalMultipleOf(value: string | number, step: string): boolean {\n"
        "  const parse = (text: string): [bigint, number] | null => {\n"
        "    const match = /^[+-]?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?$/"
        ".exec(text);\n"
        '    const fraction = match?.[2] ?? "";\n'
        '    const digits = (match?.[1] ?? "") + fraction;\n'
        '    if (match === null || digits === "") return null;\n'
        "    return [BigInt(digits), Number(match[3] ?? 0) - fraction.length];\n"
        "  };\n"
        "  const v = parse(String(value));\n"
        "  const s = parse(step);\n"
        "  if (v === null || s === null) return false;\n"
        "  const [zero, one, two, ten] = "
        "[BigInt(0), BigInt(1), BigInt(2), BigInt(10)];\n"
        "  let [n, d] = [v[0], s[0]];\n"
        "  if (n === zero) return true;\n"
        "  const magnitude = n.toString().length + v[1] - d.toString().length - s[1];\n"
        "  if (magnitude > 29 || magnitude < -1) return false;\n"
        "  if (v[1] >= s[1]) n *= ten ** BigInt(v[1] - s[1]);\n"
        "  else d *= ten ** BigInt(s[1] - v[1]);\n"
        "  const limit = ten ** BigInt(28);\n"
        "  const whole = n / d;\n"
        "  if (n % d === zero) return whole < limit;\n"
        "  const places = "
        "Math.max(28 - (whole === zero ? 0 : whole.toString().length), 0);\n"
        "  const scale = ten ** BigInt(places);\n"
        "  let rounded = (n * scale) / d;\n"
        "  const twice = ((n * scale) % d) * two;\n"
        "  if (twice > d || (twice === d && rounded % two === one)) rounded += one;\n"
        "  if (whole === zero) return rounded === scale;\n"
        "  return rounded % scale === zero && rounded / scale < limit;\n"
        "}"
    ),
    # pydantic-core's float multiple_of rule, not Zod's `.multipleOf`
    # (a tolerance relative to value / step, which takes large
    # non-multiples for multiples): the value lies within 1e-9 of step
    # times the quotient rounded half away from zero, as Rust's
    # f64::round does.
    "floatMultipleOf": (
        "function floatMultipleOf(value: number, step: number): boolean {\n"
        "  const quotient = value / step;\n"
        "  const whole = Math.trunc(quotient);\n"
        "  const rounded = Math.abs(quotient - whole) >= 0.5 "
        "? whole + Math.sign(quotient) : whole;\n"
        "  return Math.abs(value - rounded * step) <= 1e-9;\n"
        "}"
    ),
}

#: Response side of the primitives whose input differs.
OUTPUT_ONLY: dict[str, Format] = {
    # pydantic writes str(Decimal): always a string.
    "decimal": Format(
        "z.string().regex(DECIMAL_PATTERN)", "z.ZodString", "DECIMAL_PATTERN"
    ),
    "timedelta": Format(
        "z.string().regex(DURATION_PATTERN)", "z.ZodString", "DURATION_PATTERN"
    ),
}

#: Request side: pydantic also reads a JSON number (a Decimal's value, a
#: timedelta's seconds).
INPUT_ONLY: dict[str, Format] = {
    "decimal": Format(
        "z.union([z.string().regex(DECIMAL_PATTERN), z.number()])",
        "z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>",
        "DECIMAL_PATTERN",
    ),
    "timedelta": Format(
        "z.union([z.string().regex(DURATION_PATTERN), z.number()])",
        "z.ZodUnion<readonly [z.ZodString, z.ZodNumber]>",
        "DURATION_PATTERN",
    ),
}
