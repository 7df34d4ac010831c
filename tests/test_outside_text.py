"""Every Markdown-rendering call in the UI receives only text that went through analysis.presentation.safe_text.

Streamlit renders Markdown (links, images, LaTeX, colours, icons) in st.markdown, st.caption, alerts,
titles, st.table cells, st.metric, st.write, widget labels and help, tab and expander labels, and the
options of radio, pills and segmented controls. Outside text (link parameters, uploads, profile fields)
must reach those only through `inert`, `inert_rows` or `link`. This test reads the UI code (AST) and
fails on any such call whose text is not built from literals, numbers and those functions.

An expression counts as safe when it is a literal, a number formatted with a numeric format spec, a call
to a safe_text function, a join/concatenation/f-string/conditional of safe parts, a name whose every
assignment in the UI code is safe, or a call to a UI function whose every `return` is safe. Our own words
in another language are literals too: `_("…")`, `ngettext("…", "…", n)` and `pgettext("…", "…")` of safe
arguments read from the project's reviewed message catalog, and `template.format(…)` is safe when the
template and every value put into it are.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.paths import ROOT

UI_FILES = sorted([ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py")])
SAFE_FUNCS = {"inert", "inert_label", "inert_rows", "link", "small"}
NUMERIC_FUNCS = {"len", "round", "int", "float", "sum", "min", "max"}
# Markdown built in analysis/ from bundled data and our own words only (no link, upload or profile text);
# each says so in its docstring. Adding a name here needs that same guarantee.
TRUSTED_BUILDERS = {"about_text"}
# Fields of analysis/ objects that hold Markdown with every outside piece already through safe_text (each says so
# where it is defined, and a test in tests/test_figures.py feeds it hostile text).
INERT_FIELDS = {"difference_blocks"}
# safe_text helpers that change no character of their argument's meaning: safe exactly when the argument is.
# _css_text: our words as a CSS string (ui/style.py); _arrow_table: rows as a pyarrow table (ui/reality.py)
PASS_THROUGH = {"no_maths", "_css_text", "_arrow_table"}
# The message catalog (analysis.i18n): its text is ours, so a translation of safe text is safe.
CATALOG_FUNCS = {"_", "N_", "ngettext", "pgettext"}
TEXT_SINKS = {
    "markdown",
    "caption",
    "info",
    "success",
    "warning",
    "error",
    "toast",
    "title",
    "header",
    "subheader",
    "latex",
    "html",
}
LABELLED = {
    "button",
    "checkbox",
    "toggle",
    "radio",
    "selectbox",
    "multiselect",
    "slider",
    "select_slider",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "time_input",
    "file_uploader",
    "download_button",
    "segmented_control",
    "pills",
    "color_picker",
    "camera_input",
    "popover",
    "expander",
    "link_button",
    "form_submit_button",
    "feedback",
    "data_editor",
}
MUTATORS = {"append", "extend", "insert", "add", "update", "setdefault"}
MARKDOWN_OPTIONS = {"radio", "segmented_control", "pills", "select_slider"}  # their options render Markdown too


def _numeric_spec(node: ast.FormattedValue) -> bool:
    if node.format_spec is None:
        return False
    spec = "".join(v.value for v in node.format_spec.values if isinstance(v, ast.Constant))
    return bool(spec) and spec[-1] in "dfFeEgGn%," and "s" not in spec


class Checker:
    """Safety of expressions across the UI files: names and UI functions are resolved by name."""

    def __init__(self, trees: dict[str, ast.Module]):
        self.assigned: dict[str, list[ast.AST | None]] = {}  # None: bound by a loop, parameter or import
        self.returns: dict[str, list[ast.AST | None]] = {}
        for tree in trees.values():
            self._collect(tree)
        self._names: dict[str, bool] = {}
        self._funcs: dict[str, bool] = {}

    def _collect(self, tree: ast.Module) -> None:
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                rets = [r.value for r in ast.walk(node) if isinstance(r, ast.Return)]
                self.returns.setdefault(node.name, []).extend(rets or [None])
                for arg in [*node.args.args, *node.args.kwonlyargs, *node.args.posonlyargs]:
                    self.assigned.setdefault(arg.arg, []).append(None)
            elif isinstance(node, ast.Lambda):
                for arg in node.args.args:
                    self.assigned.setdefault(arg.arg, []).append(None)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                self._bind(node.target, node.value)
            elif isinstance(node, (ast.For, ast.comprehension)):
                self._bind(node.target, None)
            elif isinstance(node, (ast.With, ast.AsyncWith)):
                for item in node.items:
                    if item.optional_vars is not None:
                        self._bind(item.optional_vars, None)
            elif isinstance(node, ast.NamedExpr):
                self._bind(node.target, node.value)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in MUTATORS
                and isinstance(node.func.value, ast.Name)
            ):
                for arg in node.args:  # rows.append(x): whatever goes in counts as assigned to rows
                    self.assigned.setdefault(node.func.value.id, []).append(arg)

    def _bind(self, target: ast.AST, value: ast.AST | None) -> None:
        if isinstance(target, ast.Name):
            self.assigned.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Subscript, ast.Attribute)) and isinstance(target.value, ast.Name):
            self.assigned.setdefault(target.value.id, []).append(value)  # rows[0] = x, label.text = x
        elif isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:  # unpacking: the parts cannot be told apart, so none is trusted
                self._bind(elt, None)

    def name_safe(self, name: str) -> bool:
        if name not in self._names:
            self._names[name] = False  # a name defined in terms of itself is not trusted
            values = self.assigned.get(name)
            self._names[name] = bool(values) and all(v is not None and self.safe(v) for v in values)
        return self._names[name]

    def func_safe(self, name: str) -> bool:
        if name not in self._funcs:
            self._funcs[name] = False
            rets = self.returns.get(name)
            self._funcs[name] = bool(rets) and all(r is not None and self.safe(r) for r in rets)
        return self._funcs[name]

    def safe(self, node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return _numeric_spec(node) or self.safe(node.value)
        if isinstance(node, ast.BinOp):
            return self.safe(node.left) and self.safe(node.right)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body) and self.safe(node.orelse)
        if isinstance(node, ast.BoolOp):
            return all(self.safe(v) for v in node.values)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return all(self.safe(e) for e in node.elts)
        if isinstance(node, ast.Dict):
            return all(k is not None and self.safe(k) for k in node.keys) and all(self.safe(v) for v in node.values)
        if isinstance(node, (ast.ListComp, ast.GeneratorExp, ast.SetComp)):
            return self.safe(node.elt)
        if isinstance(node, ast.Lambda):
            return self.safe(node.body)
        if isinstance(node, ast.Name):
            return self.name_safe(node.id)
        if isinstance(node, ast.Attribute) and node.attr in INERT_FIELDS:
            return True
        if isinstance(node, ast.Subscript):  # items or a slice of a sequence of inert blocks (not of one string)
            return isinstance(node.value, ast.Attribute) and node.value.attr in INERT_FIELDS
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in SAFE_FUNCS or name in NUMERIC_FUNCS or name in TRUSTED_BUILDERS:
                return True
            if (name in CATALOG_FUNCS or name in PASS_THROUGH) and isinstance(func, ast.Name):
                return all(self.safe(a) for a in node.args)
            if name == "format" and isinstance(func, ast.Attribute):  # a safe template filled with safe values
                return (
                    self.safe(func.value)
                    and all(self.safe(a) for a in node.args)
                    and all(self._keyword_safe(k) for k in node.keywords)
                )
            if name == "replace" and isinstance(func, ast.Attribute):  # safe text with a literal swapped in
                return self.safe(func.value) and all(isinstance(a, ast.Constant) for a in node.args)
            if name == "join" and isinstance(func, ast.Attribute):
                return self.safe(func.value) and all(self.safe(a) for a in node.args)
            if isinstance(func, ast.Name):
                return self.func_safe(name)
        return False

    def _keyword_safe(self, keyword: ast.keyword) -> bool:
        """A format argument; `**{name: value for …}` fills fields by name, so only its values reach the text."""
        if keyword.arg is None and isinstance(keyword.value, ast.DictComp):
            return self.safe(keyword.value.value)
        return self.safe(keyword.value)


def _sink_args(call: ast.Call) -> list[tuple[str, ast.AST]]:
    """(what, expression) for every argument of `call` that Streamlit renders as Markdown."""
    func = call.func
    if not isinstance(func, ast.Attribute):
        return []
    method, receiver = func.attr, func.value
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    out: list[tuple[str, ast.AST]] = []

    def positional(i: int, what: str) -> None:
        if len(call.args) > i:
            out.append((what, call.args[i]))

    if method in TEXT_SINKS or (method == "write" and isinstance(receiver, ast.Name) and receiver.id == "st"):
        positional(0, "body")
        for i, arg in enumerate(call.args[1:], start=1):
            if method == "write":
                out.append((f"argument {i}", arg))
        out += [(k, keywords[k]) for k in ("body", "help") if k in keywords]
    elif method == "table":
        positional(0, "data")
        out += [("data", keywords["data"])] if "data" in keywords else []
    elif method == "metric":
        for i, what in enumerate(("label", "value", "delta")):
            positional(i, what)
        out += [(k, keywords[k]) for k in ("label", "value", "delta", "help") if k in keywords]
    elif method == "tabs":
        positional(0, "tab labels")
    elif method == "page_link":
        out += [(k, keywords[k]) for k in ("label", "help") if k in keywords]
    elif method in LABELLED:
        positional(0, "label")
        out += [(k, keywords[k]) for k in ("label", "help", "placeholder") if k in keywords]
        if method in MARKDOWN_OPTIONS:
            out += (
                [("format_func", keywords["format_func"])]
                if "format_func" in keywords
                else [
                    ("options", call.args[1])
                    if len(call.args) > 1
                    else ("options", keywords.get("options", ast.Constant(None)))
                ]
            )
    if keywords.get("unsafe_allow_html") is not None and not (
        isinstance(keywords["unsafe_allow_html"], ast.Constant) and not keywords["unsafe_allow_html"].value
    ):
        out += [("unsafe_allow_html text", a) for a in call.args]
    return out


def violations(trees: dict[str, ast.Module]) -> list[str]:
    checker = Checker(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for what, expr in _sink_args(node):
                    if not checker.safe(expr):
                        found.append(f"{path}:{node.lineno}: {ast.unparse(node.func)} {what}: {ast.unparse(expr)[:90]}")
    return found


def parse(files) -> dict[str, ast.Module]:
    return {str(Path(f).relative_to(ROOT)): ast.parse(Path(f).read_text(encoding="utf-8")) for f in files}


def test_every_markdown_sink_in_the_ui_gets_inert_text():
    found = violations(parse(UI_FILES))
    assert not found, "Markdown sinks fed text that did not go through safe_text:\n" + "\n".join(found)


# --- The checker itself can fail -----------------------------------------------------------------


def check(source: str) -> list[str]:
    return violations({"snippet.py": ast.parse(source)})


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown(profile.name)",
        "st.caption(f'Also called: {p.also_called}')",
        "st.info(notice, icon=':material/info:')",
        "st.table([{'Task': t.examples} for t in p.tasks])",
        "col.metric(fact.label, format_value(fact))",
        "st.selectbox('Setting', ids, help=p.summary)",
        "st.radio('Pick', ids, format_func=lambda i: by_id[i].name)",
        "st.write('Hello', name)",
        "st.tabs([p.name for p in ps])",
        "st.expander(f'{len(x)} files: ' + ', '.join(skipped))",
        "text = p.tagline\nst.markdown(text)",
        "def label(p):\n    return p.name\nst.markdown(label(p))",
        "st.html(user_css)",
        "st.markdown(inert(a) + b)",
        "st.page_link('app_pages/detail.py', label=p.name)",
        "st.markdown(f'{value:s}')",
        "rows = []\nfor c in cs:\n    rows.append({'Note': c.note})\nst.table(rows)",
        "rows = ['a']\nrows[0] = p.name\nst.markdown(rows[0])",
        "st.markdown(_('Also called: {names}').format(names=p.also_called))",
        "st.markdown(_(p.name))",
    ],
)
def test_the_checker_flags_raw_outside_text(source):
    assert check(source), source


@pytest.mark.parametrize(
    "source",
    [
        "st.markdown('**Plain** words')",
        "st.markdown(inert(profile.name))",
        "st.caption('Also called: ' + inert(', '.join(p.also_called)))",
        "st.table(inert_rows([{'Task': t.examples} for t in p.tasks]))",
        "st.markdown(f'{len(x)} settings, median {value:,.0f}')",
        "st.radio('Pick', ids, format_func=lambda i: inert(by_id[i].name))",
        "st.selectbox('Setting', ids, format_func=lambda i: by_id[i].name)",  # options of a selectbox are plain text
        "def label(p):\n    return inert(p.name)\nst.markdown(label(p))",
        "HEAD = 'Title'\nst.subheader(HEAD)",
        "links.write('settings', chosen)",  # not Streamlit's st.write
        "st.markdown('\\n'.join(f'- {inert(x)}' for x in p.pros))",
        "st.markdown(_('Also called: {names}').format(names=inert(p.name)))",
        "st.subheader(_('Your results'))",
    ],
)
def test_the_checker_accepts_inert_text(source):
    assert check(source) == [], source


# --- What the pages actually send ---------------------------------------------------------------------

CRAFTED_LINKS = [
    (None, {"![](//203.0.113.9/x)": "1"}),
    ("compare", {"settings": "![](//203.0.113.9/x)"}),
    ("compare", {"settings": r"$\Huge\color{red}{HACKED}$"}),
    ("detail", {"setting": "[Session expired: log in](//203.0.113.9/login)"}),
    ("pathways", {"plan": "held.![](//203.0.113.9/x)"}),
    ("quiz", {"answers": "pace.![](//203.0.113.9/x)"}),
    ("about", {":material/warning: www.evil.example": "1"}),
]


@pytest.mark.parametrize(("page", "params"), CRAFTED_LINKS)
def test_crafted_link_notices_are_sent_as_inert_text(page, params):
    """The notice quoting a bad link is Markdown source in which every mark is escaped."""
    from tests.apptest_helpers import open_page, shown, unescape

    at = open_page(page, **params)
    notices = [i.value for i in at.info if i.icon == ":material/info:"]  # show_notices marks its own
    assert notices, "a bad link parameter must be reported"
    for notice in notices:
        unescape(notice)  # fails on any unescaped Markdown mark
    ((name, value),) = params.items()
    quoted = name if value == "1" else value
    assert any(quoted.split(".")[-1][:20] in shown(n) or quoted[:20] in shown(n) for n in notices), notices
