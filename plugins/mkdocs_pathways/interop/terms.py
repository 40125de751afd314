"""Terms shared by the machine-readable outputs: CTDL classes, category names and grade codes.

The mappings follow the project's standards notes: schema.org/LRMI for pages (what search engines and
learning platforms read), CTDL Pathways for the Credential Registry, emitted per the schema rather than as
Credential Engine's own samples do (``ceasn:hasChild``, not ``ceterms:hasChild``; ``ceterms:isPartOf`` on
components; no ``hasChild`` on the Pathway itself).
"""

from __future__ import annotations

import json
from typing import Any

from mkdocs_pathways.vocab import grade_label

CATALOG_FORMAT = "mkdocs-pathways/catalog"
CATALOG_VERSION = 1
CTDL_CONTEXT = "https://credreg.net/ctdl/schema/context/json"
ONET = "https://www.onetcenter.org/taxonomy.html"
LANG = "en-US"
CREDENTIAL_CLASSES = {
    "industry-certification": "ceterms:Certification", "certificate": "ceterms:Certificate",
    "diploma-endorsement": "ceterms:SecondarySchoolDiploma", "degree": "ceterms:Degree",
    "license": "ceterms:License", "pre-apprenticeship-certificate": "ceterms:PreApprenticeshipCertificate",
    "apprenticeship-certificate": "ceterms:ApprenticeshipCertificate",
}
CREDIT_UNITS = {"dual": "creditUnit:DualCredit", "high-school": "creditUnit:SecondaryDiplomaCredit",
                "articulated": "creditUnit:DegreeCredit", "college": "creditUnit:SemesterHour"}
COMPONENT_CLASSES = {
    "lesson": "ceterms:BasicComponent", "course": "ceterms:CourseComponent",
    "experience": "ceterms:WorkExperienceComponent", "credential": "ceterms:CredentialComponent",
    "organization": "ceterms:CocurricularComponent", "milestone": "ceterms:BasicComponent",
    "destination": "ceterms:JobComponent", "choose": "ceterms:BasicComponent",
}
CATEGORIES = {"lesson": "Lesson unit", "milestone": "Milestone", "choose": "Choice of options"}


def script_json(data: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` appear literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")



def grade_codes(grades: tuple[int, ...]) -> list[str]:
    return [grade_label(g) for g in grades]


# -- catalog.json -----------------------------------------------------------------------------------------------



def data_file(data: object) -> str:
    """The text of a published data file (``catalog.json``, ``continuity.json``, CTDL, crosswalks): compact JSON
    in UTF-8, ending in a newline. Compact, because indenting makes Python use its slow pure-Python encoder: over
    seven seconds of each build at 5,000 lessons. Browsers' and editors' JSON viewers indent it for reading."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
