"""The rule table: every check the guide runs, kept as data.

Each rule has a stable code, a default severity, and the words that the error reference page is generated
from. Codes never change meaning: a retired rule keeps its number and is not reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    """One check: its code, short name, default severity and documentation."""

    code: str
    name: str
    severity: Literal["error", "warning"]
    title: str
    explanation: str
    example: str
    fix: str

    @property
    def anchor(self) -> str:
        return self.code.lower()

    @property
    def configurable(self) -> bool:
        """Whether a guide may change this rule's severity or switch it off.

        Continuity findings and warnings are matters of policy; the other errors mean the content cannot be
        read or would publish broken pages, so they stay errors.
        """
        return self.code.startswith("PW3") or self.severity == "warning"


def _rules(*rules: Rule) -> dict[str, Rule]:
    table = {r.code: r for r in rules}
    if len(table) != len(rules):
        raise ValueError("duplicate rule code in the rule table")
    return table


RULES: dict[str, Rule] = _rules(
    # Files: problems that stop us from reading a file at all.
    Rule(
        "PW001", "not-utf8", "error", "The file is not saved as UTF-8 text",
        "Content files must be plain text in the UTF-8 encoding, the default of every modern editor. Files saved "
        "as Latin-1, Windows-1252 or UTF-16, and binary files, cannot be read.",
        "A lesson saved from an old word processor with the encoding 'Western (Windows 1252)'.",
        "Open the file in your editor and save it again with the encoding UTF-8.",
    ),
    Rule(
        "PW002", "empty-file", "error", "The file is empty",
        "An empty pathway or lesson file has nothing to publish.",
        "A new file `lessons/my-lesson.md` with no text in it.",
        "Fill it in, or start from a template with `pathways new lesson ID`, or delete it.",
    ),
    Rule(
        "PW003", "file-too-large", "error", "The file is larger than the size limit",
        "Pathway and lesson files are read whole, so each has a size limit (1 MB by default). A real lesson is "
        "far smaller; a larger file is usually a pasted image or data by mistake.",
        "A lesson file of 20 MB.",
        "Move images and large handouts into separate files beside the lesson and link to them.",
    ),
    Rule(
        "PW004", "yaml-syntax", "error", "The YAML cannot be read",
        "YAML is strict about indentation, colons and quotes. The message gives the place where reading stopped; "
        "the real mistake is often on the line just before.",
        "title: Career Day: what to expect   (a second colon in unquoted text)",
        "Indent with spaces, not tabs; put text that contains ': ' or starts with a special character in quotes.",
    ),
    Rule(
        "PW005", "yaml-alias", "error", "YAML anchors and aliases are not allowed",
        "Anchors (`&name`) and aliases (`*name`) let one part of a file repeat another. They make files hard to "
        "read for the next writer and can be abused to make a tiny file expand enormously, so they are rejected.",
        "defaults: &base {minutes: 45}",
        "Write the values out in full where they are used.",
    ),
    Rule(
        "PW006", "duplicate-key", "error", "A field appears twice",
        "When a field is written twice in the same place, YAML quietly keeps only the last value and the first "
        "is lost. The check finds this so nothing you wrote is silently dropped.",
        "title: Strengths\ntitle: My strengths",
        "Keep one of the two lines, or merge them.",
    ),
    Rule(
        "PW007", "no-front-matter", "error", "The lesson has no front matter",
        "A lesson file starts with a block of YAML between two `---` lines (the front matter: id, title, grades "
        "and so on), followed by the lesson text in Markdown.",
        "A lesson file that starts directly with '## Overview'.",
        "Add the front matter at the top of the file; `pathways new lesson ID` writes a complete example.",
    ),
    Rule(
        "PW008", "front-matter-not-closed", "error", "The front matter is not closed",
        "The front matter must end with a line holding only `---`. Without it, the whole lesson would be read "
        "as YAML.",
        "---\nid: my-lesson\ntitle: My lesson\n## Overview",
        "Add a line with `---` after the last front matter field.",
    ),
    Rule(
        "PW009", "not-a-mapping", "error", "The file does not hold a set of fields",
        "The top of a pathway file (and of a lesson's front matter) must be a set of `field: value` lines, not a "
        "list or a single value.",
        "- id: my-pathway",
        "Remove the leading '- ' so that each line reads `field: value`.",
    ),
    Rule(
        "PW010", "too-deep", "error", "The file is nested too deeply",
        "Pathway and lesson files need only a few levels of indentation. Very deep nesting is a mistake, or an "
        "attempt to make the build run out of memory.",
        "A list inside a list inside a list, a thousand levels deep.",
        "Flatten the structure to match the documented format.",
    ),
    Rule(
        "PW011", "unsupported-tag", "error", "A YAML tag is not allowed",
        "YAML tags such as `!!python/object` can make a program run code. Only plain values are accepted.",
        "title: !!python/object/apply:os.system ['ls']",
        "Remove the tag (the word starting with '!').",
    ),
    Rule(
        "PW012", "bad-file-name", "error", "The file name cannot be an id",
        "A pathway or lesson id is its file name, and it becomes part of the web address. File names must be "
        "lowercase words joined by hyphens, and the name must be unique even on systems that ignore case.",
        "lessons/My Lesson.md",
        "Rename the file using lowercase letters, digits and hyphens, for example `lessons/my-lesson.md`.",
    ),
    Rule(
        "PW014", "body-too-complex", "error", "A lesson's text would take too long to build",
        "Markdown rescans the text after every bracket that is never closed, so a paragraph with hundreds of "
        "unclosed `[`, `(` or `<`, or lists nested dozens of levels deep, takes minutes to build or crashes the "
        "build. Lessons never need this; it comes from pasted data or a broken export.",
        "A paragraph of 2,000 `[` characters pasted from a spreadsheet.",
        "Close the brackets, or put such text in a code block between ``` lines; flatten deep lists.",
    ),
    Rule(
        "PW013", "unsafe-file", "error", "A symbolic link or special file is in the guide's folders",
        "The build never reads or publishes symbolic links, pipes, devices or git metadata in the pathways, "
        "lessons, standards, pages or templates folders: a link can point at any file of the machine that builds "
        "the site, such as its passwords or the job's access token, and would put it on the public site.",
        "`content/notes.txt` is a link to `/etc/passwd`; `lessons/` is a link to another folder.",
        "Replace the link with a copy of the real file inside the project, or delete it.",
    ),
    # Fields: problems in the shape of a file.
    Rule(
        "PW101", "unknown-field", "error", "A field is not part of the format",
        "Every field must be one the guide knows; an unknown field is usually a typo, and its value would "
        "otherwise be silently ignored.",
        "titel: Career Day",
        "Correct the spelling (the hint suggests the closest field) or remove the line.",
    ),
    Rule(
        "PW102", "missing-field", "error", "A required field is missing",
        "Some fields are needed to publish a pathway or lesson, such as its id, title and grades.",
        "A lesson with no `grades:` line.",
        "Add the field; the hint shows an example value.",
    ),
    Rule(
        "PW103", "unknown-lesson", "error", "A lesson id does not exist",
        "A pathway step or a `builds_on` entry names a lesson by its id, which is its file name under "
        "`lessons/` without `.md`. No lesson file has this id.",
        "- lesson: pandas-intro   (but there is no lessons/pandas-intro.md)",
        "Correct the id (the hint suggests the closest one), or add the lesson.",
    ),
    Rule(
        "PW104", "wrong-type", "error", "A value has the wrong type",
        "Each field expects one kind of value: text, a whole number, a list, or a set of fields.",
        "minutes: forty-five",
        "Write the value as the field expects; the message says which kind.",
    ),
    Rule(
        "PW105", "bad-choice", "error", "A value is not one of the allowed choices",
        "Some fields take one value from a fixed list, such as a competency level or a work-based learning type.",
        "level: beginner   (allowed: introduce, develop, apply)",
        "Use one of the values listed in the message.",
    ),
    Rule(
        "PW106", "bad-id", "error", "An id is not a valid slug",
        "Ids become web addresses and file names, so they must be lowercase letters and digits joined by single "
        "hyphens: no spaces, capitals, dots, slashes or accented letters.",
        "id: Health Science",
        "Use an id like `health-science`.",
    ),
    Rule(
        "PW107", "id-mismatch", "error", "The id does not match the file name",
        "A pathway's or lesson's id must equal its file name, so that links and web addresses are predictable.",
        "lessons/strengths.md with `id: strengths-inventory`",
        "Change the id, or rename the file to match it.",
    ),
    Rule(
        "PW108", "duplicate-id", "error", "Two things share an id",
        "Ids must be unique: two lessons, two pathways or two partners with the same id would overwrite each "
        "other's pages.",
        "Two partners in one pathway, both `id: riverbend-cc`.",
        "Give one of them a different id.",
    ),
    Rule(
        "PW109", "unknown-stage", "error", "A stage does not exist",
        "Stages are the steps of the journey configured for the guide (by default awareness, exploration, "
        "preparation and launch).",
        "stage: explore",
        "Use one of the stage ids listed in the message.",
    ),
    Rule(
        "PW110", "unknown-competency", "error", "A competency does not exist",
        "Lessons name competencies from the guide's competency framework, shown on the Competencies page.",
        "competency: self-confidence",
        "Use one of the competency ids from the framework (the hint suggests the closest one).",
    ),
    Rule(
        "PW111", "unknown-cluster", "error", "A career cluster does not exist",
        "Clusters come from the 2024 Career Clusters framework (14 clusters), written as ids such as "
        "`healthcare-human-services`.",
        "cluster: health-science",
        "Use one of the cluster ids listed in the hint.",
    ),
    Rule(
        "PW112", "bad-grades", "error", "Grades are not written correctly",
        "Grades are K, 1 to 12, or PS (postsecondary and adult), written as one grade (`7`), a range (`6-8`, "
        "`11-PS`) or a list (`[7, 8]`). A range must run from the lower grade to the higher.",
        "grades: 8-6",
        "Write the range from low to high, such as `6-8`.",
    ),
    Rule(
        "PW113", "bad-occupation-code", "error", "An occupation code is not an O*NET-SOC code",
        "Occupations use O*NET-SOC codes of the form `NN-NNNN.NN`, such as `29-1141.00` for Registered Nurses. "
        "Quote the code so YAML reads it as text.",
        "code: 29-1141",
        "Look the occupation up on O*NET OnLine and copy its full code, including the two digits after the dot.",
    ),
    Rule(
        "PW114", "step-kind", "error", "A step does not say what kind of step it is",
        "Each pathway step starts with exactly one of: lesson, course, experience, credential, organization, "
        "milestone, destination, or choose.",
        "- title: Hospital tour   (no kind)",
        "Start the step with its kind, for example `- experience: Hospital tour`.",
    ),
    Rule(
        "PW115", "duplicate-step-id", "error", "Two steps in a pathway share an id",
        "Each step gets an id (from its lesson, its `id:` field, or its title) used for links and the "
        "continuity map. Two steps in one pathway cannot share it.",
        "Two steps both titled 'Job shadow'.",
        "Give one of the steps its own `id:`, such as `id: job-shadow-clinic`.",
    ),
    Rule(
        "PW116", "unknown-partner", "error", "A partner id does not exist",
        "A step names its partners by id: the ids listed under the pathway's `partners:`, or those of the guide's "
        "partners file (`partners.yml`).",
        "partners: [riverbend-college]   (but the partner list has riverbend-cc)",
        "Correct the id, or add the partner to the pathway's `partners:` list or to the partners file.",
    ),
    Rule(
        "PW117", "out-of-range", "error", "A value is too small, too large or too long",
        "Numbers and texts have sensible limits: a session lasts 1 to 600 minutes, a title fits on a line.",
        "minutes: 4500",
        "Use a value within the limits given in the message.",
    ),
    Rule(
        "PW118", "unknown-license", "warning", "The licence is not a known SPDX identifier",
        "Licences are written as SPDX identifiers such as `CC-BY-4.0`, so that readers and other systems know "
        "exactly what they may do with the work.",
        "license: CC BY",
        "Use the SPDX identifier of the licence (the hint suggests the closest one).",
    ),
    Rule(
        "PW119", "bad-link", "error", "A link is not a safe web address",
        "Links in pathway and lesson fields must start with https://, http:// or mailto:. Other kinds of link, "
        "such as javascript:, are refused because they could run code in a reader's browser.",
        "url: javascript:alert(1)",
        "Use a full web address starting with https://.",
    ),
    Rule(
        "PW120", "empty-value", "error", "A field is empty",
        "A field that is present must have a value: an empty title or an empty list of sessions cannot be "
        "published.",
        "title: ''",
        "Fill in the value, or remove the line if the field is optional.",
    ),
    Rule(
        "PW121", "yes-no-boolean", "warning", "A true-or-false field says yes, no, on or off",
        "Fields such as `sample` take `true` or `false`. Older YAML also reads `yes`, `no`, `on` and `off` as true "
        "and false, and so does the check, but editors and newer YAML tools read them as plain words and "
        "underline the line. Writing `true` or `false` means the same thing in every tool.",
        "sample: yes",
        "Write `true` instead of yes or on, and `false` instead of no or off, such as `sample: true`.",
    ),
    # Standards: frameworks kept in the guide's standards folder, and the lessons aligned to them.
    Rule(
        "PW130", "json-syntax", "error", "The JSON cannot be read",
        "A framework kept as a CASE package is a JSON file, exactly as a state or publisher exports it. JSON is "
        "strict: keys and texts are in double quotes, items are separated by commas, and there is no comma "
        "after the last one. The message gives the place where reading stopped.",
        "{\"CFDocument\": {\"title\": \"Career Readiness\",}}   (a comma before the closing brace)",
        "Export the package again, or correct the JSON at the line and column given.",
    ),
    Rule(
        "PW131", "not-a-case-package", "error", "The file is not a CASE package the guide can read",
        "A JSON file in the standards folder must be a CASE package (CFPackage): a CFDocument with an "
        "identifier and a title, and a list of CFItems, each with an identifier and a fullStatement, as in "
        "CASE 1.0 and 1.1. The package may also be wrapped in a `CFPackage` field.",
        "A CFItem with no `identifier`, or a file that holds only a list of items.",
        "Export the whole package (not one item or a search result) from the publisher's CASE server.",
    ),
    Rule(
        "PW132", "case-unknown-node", "error", "A CASE association points to an item that is not there",
        "Associations link the items of a framework: `isChildOf` puts an item under its parent. Every "
        "association must start at an item of the package, and an `isChildOf` must end at an item or at the "
        "document itself; other associations may point to another framework by its full address.",
        "An isChildOf association whose destinationNodeURI names an identifier no CFItem has.",
        "Export the package again; if it is truncated, export the complete framework.",
    ),
    Rule(
        "PW133", "case-hierarchy-loop", "error", "The framework's hierarchy goes round in a loop",
        "An item cannot be its own ancestor: when A is a child of B and B is a child of A (directly or through "
        "others), neither can be placed in the hierarchy.",
        "Item 1.1 isChildOf item 1, and item 1 isChildOf item 1.1.",
        "Remove the association that closes the loop, in the publisher's CASE editor, and export again.",
    ),
    Rule(
        "PW134", "duplicate-standard-code", "error", "Two items of a framework share a code",
        "Lessons align to a framework's items by code (the CASE humanCodingScheme), so each code must name one "
        "item.",
        "Two CFItems both coded `CR.2`.",
        "Give each item its own code, or align lessons by the items' CASE identifiers instead.",
    ),
    Rule(
        "PW135", "unknown-framework", "error", "A lesson names a framework that is not in the standards folder",
        "A lesson's `framework:` is either the id of a framework kept in the guide (its file name under "
        "`standards/`, such as `career-readiness-sample`), or the full name of any other framework, written as "
        "text (such as `ASCA Mindsets & Behaviors (2021)`), which is shown as it is. A lowercase id that names no "
        "framework file is most often a typo.",
        "framework: career-readines-sample",
        "Correct the id (the hint suggests the closest one), add the framework's file, or write its full name.",
    ),
    Rule(
        "PW136", "unknown-standard", "error", "A standard's code is not in its framework",
        "A lesson aligned to a framework kept in the guide names one of its items by its code (or by its CASE "
        "identifier). No item of the framework has this code.",
        "code: CR.2.7   (the framework's codes stop at CR.2.3)",
        "Correct the code (the hint suggests the closest one); the framework's page lists every code.",
    ),
    Rule(
        "PW137", "standard-outside-grades", "warning", "A standard is aligned outside its grades",
        "Each item of a framework is written for some grades (its education level, such as 9-12). A lesson "
        "whose grades share none of them is probably aligned to the wrong item, or to the wrong band.",
        "A grade 7 lesson aligned to an item for grades 9-12.",
        "Align the lesson to the item for its own grade band, or correct the lesson's grades.",
    ),
    Rule(
        "PW138", "statements-not-republished", "warning", "A framework's statements cannot be republished",
        "The guide republishes a framework's statements only when its licence allows it (such as CC BY or CC0, "
        "and not NC when the guide is used commercially). A framework with another licence, or none stated, is "
        "shown by its codes only, with a link to the publisher.",
        "A CASE package whose licence says 'All rights reserved'.",
        "Nothing to fix if codes are enough; otherwise ask the publisher for an open licence and set it in the "
        "file (CFDocument licenseURI, or `license:` in the YAML format).",
    ),
)


RULES.update(_rules(
    # Partners: declared once in the guide's partners file, or inside a pathway.
    Rule(
        "PW140", "partner-conflict", "error", "One partner id names two different organizations",
        "A partner's id stands for one organization across the whole guide: the partners file and every pathway "
        "that declares it must give it the same name and type. Otherwise the partner's page, its commitments and "
        "the published data would mix two organizations.",
        "partners.yml has `id: riverbend-cc, name: Riverbend Community College`, and a pathway declares "
        "`id: riverbend-cc, name: Riverbend Technical Institute`.",
        "Write only the id and the pathway's role in the pathway (the name and type come from the partners file), "
        "or give the other organization its own id.",
    ),
    Rule(
        "PW141", "partner-not-declared", "error", "A pathway's partner has no name or type",
        "An entry of a pathway's `partners:` list either refers to a partner of the guide's partners file by id, "
        "or declares a partner of its own, with a name and a type. This entry does neither.",
        "partners: [{id: riverbend-cc, role: Teaches dual-enrollment courses}]   (but partners.yml has no "
        "riverbend-cc)",
        "Declare the partner once in the partners file, or add `name:` and `type:` to the entry.",
    ),
))

RULES.update(_rules(
    # Continuity: gaps in the journey from exploration to launch. Severities can be set per guide.
    Rule(
        "PW301", "competency-not-introduced", "warning", "A competency is developed or applied before it is introduced",
        "Within a pathway, a competency should be introduced before lessons develop or apply it, so that students "
        "meet it first with support. This finds the first lesson in a pathway that develops or applies a "
        "competency that no earlier lesson in the same pathway touches. Introducing a strand (such as "
        "self-efficacy) counts for each of its competencies, and a strand counts as introduced when any of its "
        "competencies is; introducing one competency does not count for another of the same strand.",
        "A grade 10 lesson applies 'confidence', but no earlier lesson in the pathway introduces it.",
        "Add an earlier lesson that introduces the competency (often in the exploration stage), or lower the "
        "level to 'introduce'.",
    ),
    Rule(
        "PW302", "stage-without-steps", "warning", "A stage in the middle of a pathway has no steps",
        "A pathway runs from its first stage to its last. A stage between them with no steps is a gap where "
        "students have nothing to do.",
        "A pathway with exploration and launch steps but no preparation steps.",
        "Add steps to the stage, or reconsider whether the pathway really spans it.",
    ),
    Rule(
        "PW303", "grade-without-steps", "warning", "A grade inside the pathway has no steps",
        "Between a pathway's first and last grade, every grade should hold at least one step (a step that runs "
        "across several grades counts for each of them). An empty grade is a year with no continuity.",
        "A pathway with steps in grades 6, 7, 8 and 10, but none in grade 9.",
        "Add a step for that grade, or widen the grades of a step that really runs through it.",
    ),
    Rule(
        "PW304", "builds-on-later-lesson", "warning", "A lesson builds on a lesson that comes later",
        "`builds_on` names lessons that students should have done first. A lesson that starts in a later grade "
        "or belongs to a later stage cannot have been done first.",
        "A grade 6 lesson with `builds_on: [high-school-plan]`, a grade 8 lesson.",
        "Remove the entry, or swap it: perhaps the later lesson builds on this one.",
    ),
    Rule(
        "PW305", "builds-on-loop", "error", "Lessons build on each other in a loop",
        "When lesson A builds on B and B builds on A (directly or through others), neither can come first.",
        "alpha builds on beta, and beta builds on alpha.",
        "Remove one of the `builds_on` entries in the loop.",
    ),
    Rule(
        "PW306", "grades-outside-stage", "warning", "A lesson's grades fall outside its stage",
        "Each stage has a grade band (by default exploration is 6–8 and preparation 9–12). A lesson whose "
        "grades fall outside its stage's band is probably in the wrong stage, or has the wrong grades.",
        "An exploration lesson for grades 9–10.",
        "Change the stage or the grades. Guides whose stages differ can set their own bands in the plugin "
        "options.",
    ),
    Rule(
        "PW307", "orphan-lesson", "warning", "A lesson is in no pathway",
        "A lesson that no pathway uses still has a page, but nothing leads students to it and it does not "
        "appear in any printable guide.",
        "lessons/budgeting-basics.md, used by no pathway.",
        "Add the lesson as a step of a pathway, or switch this check off for guides of stand-alone lessons.",
    ),
    Rule(
        "PW308", "credential-without-preparation", "warning", "A credential or apprenticeship has no preparation",
        "A credential or an apprenticeship should come after something that prepares students for it: a course "
        "or work-based experience earlier in the pathway, or a lesson earlier in the same stage.",
        "A pathway whose first preparation step is an industry certification.",
        "Add the course, lesson or experience that prepares students for it, before it.",
    ),
    Rule(
        "PW309", "no-exploration", "warning", "A pathway has no exploration step",
        "Career exploration should start as early as possible. A pathway with no exploration-stage step begins "
        "in high school and leaves middle school students out.",
        "A pathway that starts at grade 9.",
        "Add exploration-stage lessons or experiences, even one career fair or guest speaker.",
    ),
    Rule(
        "PW310", "choose-too-few-options", "error", "A choice offers fewer options than students must pick",
        "A `choose: N` step asks students to pick N of its options, so it needs at least N options.",
        "choose: 2 with a single option.",
        "Add options, or lower the number to choose.",
    ),
    # Open to every student (issue #17): barriers of cost, pay, selection, time and distance.
    Rule(
        "PW311", "cost-without-cover", "warning", "Every route to a credential or destination passes a fee",
        "A step says it has a fee (`cost: {type: fee}`) and no partner covers it (`covered_by:`), and every route "
        "to a credential or destination of the pathway passes through it: a student who cannot pay cannot get "
        "there. A choice counts as a fee only when too few of its options are free.",
        "cost: {type: fee, amount: 246} on the certification exam, with no covered_by.",
        "Ask a partner (a workforce board, employer or college) to cover the fee and name it in `covered_by:`, or "
        "offer a free option in a choose group.",
    ),
    Rule(
        "PW312", "all-work-based-learning-unpaid", "warning", "Every work-based learning step is unpaid",
        "Every work-based learning step that says what it pays says `pay: unpaid`. Students who must earn money "
        "after school or in the summer cannot take unpaid placements, so the pathway's work experience is open "
        "only to those who can afford to work for free.",
        "An internship and a clinical rotation, both with pay: unpaid.",
        "Find an employer or the workforce board to pay a wage or a stipend for at least one placement, and say "
        "`pay: paid` or `pay: stipend`.",
    ),
    Rule(
        "PW313", "selective-without-open-alternative", "warning", "A selective step has no open alternative",
        "A step asks students to apply and be selected, or to clear a GPA cut-off, and no step of the same kind in "
        "the same stage is open to everyone (for an option of a choose group, no other option is). Students who "
        "are not selected have no other way forward at that point of the journey.",
        "An internship with eligibility: {application: true, min_gpa: 3.0} and no other internship in the stage.",
        "Offer an open alternative in the same stage, for example as another option of a choose group, or open "
        "the step to every student.",
    ),
    Rule(
        "PW314", "outside-school-hours-without-transportation", "warning",
        "A step outside school hours has no transportation",
        "A step happens after school, in the evening, at the weekend or in the summer (`when:`), and the pathway "
        "does not say that transportation is provided or that public transit reaches it. Students without a car "
        "or a family member free to drive them cannot take it.",
        "when: after-school with transportation: students-arrange.",
        "Provide transportation (an activity bus, transit passes, rides arranged by the partner) and say "
        "`transportation: provided` or `public-transit`, or hold the step in the school day.",
    ),
    Rule(
        "PW315", "no-hands-on-before-outcome", "warning",
        "No hands-on experience comes before a credential or destination",
        "Work-based learning runs along a continuum: awareness (career fairs, guest speakers, worksite tours), "
        "exploration (job shadows, mentoring), preparation (internships, school-based enterprises, service "
        "learning, pre-apprenticeships) and training (apprenticeships). Students should do or watch real work, at "
        "least a job shadow, before they earn a credential or take a first step after high school. A choice "
        "counts only when enough of its options are hands-on. A pathway with no work-based learning step at all "
        "(a sequence of lessons and courses) has not started the continuum and is not reported.",
        "A pathway whose only work-based learning before its certification is a guest speaker.",
        "Add a job shadow, internship or other hands-on experience before the credential or destination.",
    ),
    # The system: what the pathways and partners offer together, across the whole journey.
    Rule(
        "PW320", "grade-without-shared-steps", "warning", "A grade offers nothing to students who have not chosen",
        "Most students, and nearly all middle schoolers, have not chosen a pathway yet. In each grade from the "
        "earliest any pathway reaches to grade 12, the steps shared by every pathway that reaches that grade are "
        "what every student gets (the journey page lists them). A grade with no such step leaves undecided "
        "students with nothing, or with a patchwork that depends on a choice they have not made. Postsecondary "
        "is not checked: students have chosen by then. Guides with a single pathway are not checked either "
        "(PW303 covers its gaps).",
        "Three pathways that all reach grade 9, each with its own grade 9 course but no lesson they share.",
        "Add a step that every pathway includes in that grade, such as a career portfolio lesson or a "
        "four-year plan milestone, with the same lesson or the same step id in each pathway.",
    ),
    Rule(
        "PW321", "unused-partner", "warning", "A partner takes part in no step",
        "A partner of the partners file that no step of any pathway names, or a pathway's own partner that no "
        "step of that pathway names, appears on the partners page with no commitments. Either a step is missing "
        "its partners, or the partner is left over.",
        "partners.yml declares `three-rivers-foundation`, but no step lists it under `partners:`.",
        "Add the partner's id to the steps it runs, funds or hosts, or remove the partner.",
    ),
    Rule(
        "PW322", "stage-missing-partner-type", "warning", "A stage of a pathway has no partner of a needed kind",
        "Each piece of the journey needs its partners: exploration needs an employer (tours, speakers, fairs), "
        "preparation needs an employer and a college (work-based learning, dual credit), and launch needs an "
        "employer. This finds a stage of a pathway where no step names a partner of that type. Pathways whose "
        "steps name no partner at all are not checked.",
        "A pathway's preparation stage whose steps name the school and the college but no employer.",
        "Add the partner that runs the step (a job shadow host, the college that teaches the course), or switch "
        "this check off for guides that do not track partners by stage.",
    ),
    Rule(
        "PW323", "partner-declared-twice", "warning", "The same partner is declared in two pathways",
        "An organization that works in several pathways is best declared once, in the partners file, so that it "
        "has one page listing everything it does. This finds two pathways that each declare a partner of their "
        "own with the same id, name or website.",
        "Two pathways each declare Riverbend Community College, as `riverbend-cc` and `rcc`.",
        "Declare the partner once in `partners.yml` and write only `- id: riverbend-cc` and its role in each "
        "pathway.",
    ),
))

RULES.update(_rules(
    # Authoring: content that is not finished yet.
    Rule(
        "PW201", "placeholder", "warning", "Placeholder text is left in",
        "`pathways new` writes TODO wherever real text is needed. A published lesson or pathway should not say "
        "TODO, so the check warns until each one is replaced (and a strict build fails).",
        "summary: TODO one or two sentences for the catalog",
        "Write the real text in place of the TODO.",
    ),
    Rule(
        "PW202", "missing-license", "warning", "A lesson has no licence",
        "Without a licence, nobody else may legally copy, print or adapt a lesson, so a shared guide cannot use "
        "it safely. Give every lesson a licence, as an SPDX id.",
        "A lesson with no `license:` line.",
        "Add `license: CC-BY-4.0` (or the licence the authors chose).",
    ),
    Rule(
        "PW203", "license-conflict", "warning", "A licence does not allow this guide's use",
        "A guide configured for commercial use (the plugin's `commercial_use: true`, for example to sell printed "
        "guides) cannot include works whose licence forbids commercial use (NC) or adaptation into a new "
        "work (ND).",
        "A lesson licensed CC-BY-NC-4.0 in a guide with `commercial_use: true`.",
        "Ask the authors for permission or another licence, replace the lesson, or publish the guide for "
        "non-commercial use only.",
    ),
    Rule(
        "PW204", "adapted-from-no-derivatives", "warning", "A lesson adapts a work that forbids adaptation",
        "A lesson whose `source:` has a no-derivatives licence (ND) cannot be an adaptation of it: ND works may "
        "be shared only unchanged.",
        "source: {title: Career Day Kit, author: …, license: CC-BY-ND-4.0, changes: …}",
        "Ask the original's authors for permission, or write the lesson anew without adapting it.",
    ),
    Rule(
        "PW205", "translation-out-of-step", "warning", "A translation does not match its lesson",
        "A translation lists the session titles of its lesson in order. A different number of sessions means "
        "the original changed after it was translated, or the translation is incomplete.",
        "A translation with two session titles for a lesson with three sessions.",
        "Bring the translation up to date with the original lesson.",
    ),
    Rule(
        "PW206", "missing-file", "error", "A lesson links to a file that is not there",
        "An image or handout in a lesson body points to a file that does not exist, or to a symbolic link (which "
        "is never published). Paths are relative to the lesson file, as in GitHub's preview.",
        "`![Career ladder](fig/ladder.svg)` in `lessons/wbl.md` while the file is `lessons/figs/ladder.svg`.",
        "Correct the path, or add the file under the lessons folder (`lessons/fig/` for shared figures, "
        "`lessons/<lesson id>/` for one lesson's files).",
    ),
    Rule(
        "PW207", "unknown-link-target", "error", "A lesson links to a lesson, page or pathway that does not exist",
        "A link to another lesson uses its file name, a link to a page its path from the lesson file, and a link "
        "to a pathway its file. The target of this link is none of those.",
        "`[the interview lesson](interviw-practice.md)`.",
        "Correct the file name; `pathways check` suggests the closest lesson.",
    ),
    Rule(
        "PW208", "image-without-alt", "warning", "An image has no alt text",
        "Screen readers read an image's alt text aloud, and print readers see it when the image is missing. An "
        "image with empty brackets says nothing to them.",
        "`![](fig/ladder.svg)`.",
        "Describe what the image shows: `![A ladder from career fair to apprenticeship](fig/ladder.svg)`.",
    ),
    Rule(
        "PW209", "missing-anchor", "warning", "A link points to a heading that does not exist",
        "The part after `#` in a link names a heading of the lesson it points to. No heading of that lesson "
        "has that anchor, so the link opens the lesson at its top.",
        "`[practice](interview-practice.md#sesion-2)` when the heading is `## Session 2`.",
        "Use the heading's title in lowercase with hyphens for spaces: `#session-2`.",
    ),
    Rule(
        "PW210", "link-outside-guide", "error", "A lesson links outside the guide's folders",
        "Lesson bodies may link to lessons, pages, pathways and files of this guide, or to full web addresses. "
        "A path that leaves the project, starts with `/`, or points to another folder would break on the site "
        "and could publish files that are not part of the guide.",
        "`![logo](../../shared/logo.png)`.",
        "Copy the file into the lessons folder and link to it there, or link to its web address.",
    ),
    Rule(
        "PW211", "unused-lesson-file", "warning", "A file in the lessons folder is not used",
        "Only the files that lessons link to are published. This file is linked from no lesson, so it is not on "
        "the site; it may be left over, or a link to it may be misspelt.",
        "`lessons/fig/old-ladder.svg` after the lesson switched to `fig/ladder.svg`.",
        "Link to it from a lesson, or delete it.",
    ),
))
