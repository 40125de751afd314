"""Pandoc-style fenced divs (``::: challenge``) rendered as lesson boxes by the Python-Markdown extension."""

from __future__ import annotations

import re
import time
from typing import Any

import markdown  # type: ignore[import-untyped, unused-ignore]
import pytest

from mkdocs_pathways.render import fenced_divs

EXTENSIONS = ["pymdownx.superfences", "md_in_html", "admonition", "tables", "mkdocs_pathways.render.fenced_divs"]


def render(text: str, extensions: list[str] | None = None) -> str:
    return str(markdown.markdown(text, extensions=extensions or EXTENSIONS))


def squash(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(("name", "classes", "title"), [
    ("challenge", "admonition example pw-activity", "Challenge"),
    ("exercise", "admonition example pw-activity", "Exercise"),
    ("discussion", "admonition example pw-activity", "Discussion"),
    ("activity", "admonition example pw-activity", "Activity"),
    ("instructor", "admonition info pw-teacher-only", "Teacher note"),
    ("teacher", "admonition info pw-teacher-only", "Teacher note"),
    ("callout", "admonition note", "Note"),
    ("caution", "admonition warning", "Caution"),
    ("prereq", "admonition info", "Prerequisites"),
    ("checklist", "admonition success", "Checklist"),
    ("keypoints", "admonition abstract", "Key points"),
    ("objectives", "admonition abstract", "Objectives"),
    ("testimonial", "admonition quote", "Testimonial"),
    ("callout-tip", "admonition tip", "Tip"),
    ("tip", "admonition tip", "Tip"),
])
def test_each_box_class_becomes_its_admonition(name: str, classes: str, title: str) -> None:
    html = render(f"::: {name}\nSome *text*.\n:::\n")
    assert squash(html) == (f'<div class="{classes}"><p class="admonition-title">{title}</p>'
                            "<p>Some <em>text</em>.</p></div>")


@pytest.mark.parametrize(("name", "classes", "summary"), [
    ("solution", "success pw-solution", "Solution"),
    ("hint", "tip pw-solution pw-hint", "Hint"),
])
def test_solutions_and_hints_are_collapsed_details(name: str, classes: str, summary: str) -> None:
    html = render(f"::: {name}\nThe answer is **42**.\n:::\n")
    assert squash(html) == (f'<details class="{classes}"><summary>{summary}</summary>'
                            "<p>The answer is <strong>42</strong>.</p></details>")
    assert "open" not in html


def test_unknown_classes_become_plain_boxes_never_colons() -> None:
    html = render("::: spoiler-alert\nHidden text.\n:::\n\n::: {.glossary title=\"Words\"}\nA word.\n:::\n")
    assert squash(html) == ('<div class="pw-box spoiler-alert"><p>Hidden text.</p></div>'
                            '<div class="pw-box glossary"><p class="pw-box-title">Words</p><p>A word.</p></div>')
    assert ":::" not in html


def test_attribute_lists_give_classes_ids_and_titles() -> None:
    html = render('::: {.challenge .print-only #budget-task title="Budget a week"}\nPlan it.\n:::\n')
    assert squash(html) == ('<div class="admonition example pw-activity print-only" id="budget-task">'
                            '<p class="admonition-title">Budget a week</p><p>Plan it.</p></div>')
    single = render("::: {.solution title='Answer key'}\nA.\n:::\n")
    assert "<summary>Answer key</summary>" in single


def test_a_first_heading_is_the_title_and_leaves_the_content() -> None:
    html = render("::: challenge\n## Read the *pay* `stub`\n\nFind the net pay.\n:::\n")
    assert squash(html) == ('<div class="admonition example pw-activity"><p class="admonition-title">'
                            "Read the pay stub</p><p>Find the net pay.</p></div>")
    # A title attribute wins, and the heading stays in the box.
    html = render('::: {.challenge title="Task"}\n## Step one\nGo.\n:::\n')
    assert '<p class="admonition-title">Task</p>' in html and "<h2>Step one</h2>" in html
    # A plain box keeps its heading.
    assert "<h3>Words</h3>" in render("::: glossary\n### Words\n:::\n")


def test_divs_nest_and_any_closing_fence_closes_the_innermost() -> None:
    text = """:::::: challenge
## Plan a budget

Use the sheet.

::: solution
One plan.

::: hint
Start with rent.
:::
:::

Then share.
::::::

After.
"""
    html = squash(render(text))
    assert html == ('<div class="admonition example pw-activity"><p class="admonition-title">Plan a budget</p>'
                    "<p>Use the sheet.</p>"
                    '<details class="success pw-solution"><summary>Solution</summary><p>One plan.</p>'
                    '<details class="tip pw-solution pw-hint"><summary>Hint</summary><p>Start with rent.</p>'
                    "</details></details><p>Then share.</p></div><p>After.</p>")


def test_fences_need_no_blank_lines_around_them() -> None:
    html = squash(render("Before the box.\n::: challenge\nInside.\n:::\nAfter the box.\n"))
    assert html == ('<p>Before the box.</p><div class="admonition example pw-activity">'
                    '<p class="admonition-title">Challenge</p><p>Inside.</p></div><p>After the box.</p>')


@pytest.mark.parametrize("fence_extension", ["pymdownx.superfences", "fenced_code"])
def test_colons_inside_fenced_code_stay_code(fence_extension: str) -> None:
    text = """::: challenge
Write this in a lesson:

```markdown
::: solution
Not a real solution.
:::
```

~~~
:::
~~~
:::

Outside.
"""
    html = render(text, [fence_extension, "mkdocs_pathways.render.fenced_divs"])
    assert html.count("<details") == 0
    assert html.count(":::") == 3  # the three fence lines inside the code, as code
    assert re.search(r"<code[^>]*>(<span[^>]*>)?:::", html)
    assert "<p>Outside.</p>" in html and html.index("<p>Outside.</p>") > html.rindex("</code>")


def test_indented_code_is_not_read_for_fences() -> None:
    html = render("::: challenge\nType:\n\n    ::: solution\n    :::\n\n:::\n")
    assert "<details" not in html
    assert "<pre><code>::: solution\n:::\n</code></pre>" in html


def test_divs_work_inside_lists_admonitions_and_html_blocks() -> None:
    html = render("1. Step one\n\n    ::: hint\n    Look left.\n    :::\n\n2. Step two\n")
    assert re.search(r"<li>\s*<p>Step one</p>\s*<details class=\"tip pw-solution pw-hint\">", html)
    html = render('!!! note\n    ::: solution\n    Inside a note.\n    :::\n')
    assert '<div class="admonition note">' in html and "<summary>Solution</summary>" in html
    html = render('<div class="print-only" markdown>\n\n::: solution\nOn paper.\n:::\n\n</div>\n')
    assert "<summary>Solution</summary>" in html and ":::" not in html


def test_an_unclosed_div_takes_the_rest_of_its_container() -> None:
    html = squash(render("Intro.\n\n::: challenge\nDo this.\n\n## Later heading\n\nMore text.\n"))
    assert html == ('<p>Intro.</p><div class="admonition example pw-activity"><p class="admonition-title">'
                    "Challenge</p><p>Do this.</p><h2>Later heading</h2><p>More text.</p></div>")
    # Inside a list item, the box ends with the item.
    html = squash(render("- item\n\n    ::: hint\n    Unclosed.\n\nAfter the list.\n"))
    assert html.endswith("<p>Unclosed.</p></details></li></ul><p>After the list.</p>")


def test_a_stray_closing_fence_is_dropped() -> None:
    assert squash(render("Text.\n\n:::\n\n::::::\nMore.\n")) == "<p>Text.</p><p>More.</p>"


def test_hostile_titles_and_classes_are_escaped() -> None:
    text = ('::: {.challenge title="</p><script>alert(1)</script> & <b>"}\nBody.\n:::\n\n'
            '::: {."><img src=x onerror=alert(1)> .Mixed_Case!! #"evil" title=\'x" onmouseover="y\'}\nBox.\n:::\n\n'
            "::: solution\n## <img src=x onerror=alert(2)> [click](javascript:alert(3))\nAnswer.\n:::\n\n"
            '::: {.hint title="\x02wzxhzdk:0\x03"}\nHint.\n:::\n')
    html = render(text)
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "javascript:" not in html
    assert "\x02" not in html and "\x03" not in html
    for attribute in re.findall(r'\b(?:class|id)="([^"]*)"', html):
        assert re.fullmatch(r"[a-z0-9_ -]*", attribute), attribute
    assert 'class="pw-box img mixed_case" id="evil"' in html
    assert "onmouseover=" not in html.replace("x\" onmouseover=\"y</p>", "")


def test_slug_and_title_helpers() -> None:
    assert fenced_divs.slug("  Hello World!  ") == "hello-world"
    assert fenced_divs.slug("x" * 100) == "x" * 64
    assert fenced_divs.slug("<>") == ""
    assert fenced_divs.plain_title("a\x00b\n  c") == "ab c"
    assert fenced_divs.heading_title("**Bold** and *em* and snake_case_name") == "Bold and em and snake_case_name"
    assert fenced_divs.heading_title("Closing hashes ##") == "Closing hashes"
    assert fenced_divs.heading_title("C# and F#") == "C# and F#"
    assert fenced_divs.parse_opening(" ::: ") is None
    assert fenced_divs.parse_opening(":::") is None
    opening = fenced_divs.parse_opening(' {.callout #a title="say \\"hi\\""} :::')
    assert opening == fenced_divs.Opening(("callout",), "a", 'say "hi"')


def test_long_lines_of_spaces_take_linear_time() -> None:
    # A fence or heading padded with spaces once made the regular expressions backtrack for minutes.
    padded = " " * 20_000
    start = time.perf_counter()
    html = render(f"::: challenge{padded}:::\n## Title{padded}x\n\nBody.\n:::\n\n::: tip{padded}x{padded}\n:::\n")
    assert time.perf_counter() - start < 5
    assert '<p class="admonition-title">Title</p>' in html  # the heading, cut to a title's length
    assert '<p class="admonition-title">x</p>' in html


def test_deep_nesting_is_capped_and_keeps_the_content() -> None:
    depth = fenced_divs.MAX_DEPTH + 5
    text = "".join(f"::: box{i}\nlevel {i}\n\n" for i in range(depth)) + ":::\n" * depth + "\nafter\n"
    html = render(text)
    assert html.count("<div") == fenced_divs.MAX_DEPTH
    assert all(f"<p>level {i}</p>" in html for i in range(depth))
    assert ":::" not in html
    assert squash(html).endswith("<p>after</p>")


def test_the_extension_loads_by_module_name_and_by_object() -> None:
    by_object = markdown.markdown("::: tip\nHi\n:::", extensions=[fenced_divs.makeExtension()])
    assert by_object == render("::: tip\nHi\n:::", ["mkdocs_pathways.render.fenced_divs"])
    md = markdown.Markdown(extensions=["mkdocs_pathways.render.fenced_divs"])
    assert "pw_fenced_div" in md.parser.blockprocessors
    first = md.convert("::: tip\nHi\n:::")
    md.reset()
    assert md.convert("::: tip\nHi\n:::") == first


def _document(lines: int) -> str:
    unit = """A paragraph of lesson text.
::: challenge
## A task

Do the task.

```
::: not-a-div
:::
```

:::: solution
The answer.

::: hint
Look here.
:::
::::
:::

- a list item
- another

::: instructor
A note
"""  # the instructor div is closed by the next unit's stray fences, or runs on: both are fine
    count = max(1, lines // unit.count("\n"))
    return (unit + ":::\n\n") * count


def _nested(lines: int) -> str:
    return "".join(f"::: box{i}\ntext {i}\n" for i in range(lines // 2))  # never closed, one big block


class _CountingFence:
    """Counts the lines matched against the fence pattern: the extension's unit of work."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, line: str) -> Any:
        self.calls += 1
        return self.pattern.match(line)


def _work(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    counter = _CountingFence(fenced_divs.FENCE)
    monkeypatch.setattr(fenced_divs, "FENCE", counter)
    render(text)
    monkeypatch.setattr(fenced_divs, "FENCE", counter.pattern)
    return counter.calls


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        render(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("make", [_document, _nested])
def test_work_grows_linearly_with_the_document(make: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = make(1_000), make(10_000)
    assert large.count("\n") >= 9 * small.count("\n")
    # Counted work: ten times the lines, about ten times the fence tests (quadratic would be about 100).
    assert _work(large, monkeypatch) <= 13 * _work(small, monkeypatch)
    # Time, with a generous bound for a busy machine: linear is about 10, quadratic about 100.
    assert _best_time(large) <= 30 * _best_time(small)
