"""The other language of the demo's near-duplicates: the challenges, good practices and recommendations a
moderator merges into one already approved (``same_as`` in ``phrases.py``).

Merged items are not published on their own, but the roadmap's annex of every contribution quotes each of them,
so each edition quotes them in its own language: the translator gives them at the desk as they come in, before
the moderators merge them (after a merge the desk no longer lists them). Written for the demo in other words than
the items they duplicate and than those items' own translations (tests/test_demo.py: no sentence twice); a
place's own name is given as it is (``SAME_IN_BOTH``).
"""

from __future__ import annotations

# Challenges (their description) and recommendations (their action), by key.
TEXTS: dict[str, str] = {
    "docs-hn": "On arrival, many returnees hold no valid identity card and no certificate of their studies, which "
               "bars them from jobs and from education.",
    "docs-unhcr": "Muchas personas llegan sin un documento de identidad válido ni constancia de sus estudios, y "
                  "eso les impide trabajar o seguir estudiando.",
    "trauma-mx": "Reception hardly ever offers psychological care to those who lived through violence or "
                 "exploitation on the way, and those after-effects hold their reintegration back.",
    "school-ni": "Many children and adolescents who come back unaccompanied lose the school year: the "
                 "certificates needed to enrol take too long, and afterwards no one checks on them.",
    "followup-mx": "Nearly every returnee leaves reception with a single cash grant and no follow-up, so no one "
                   "knows whether, months later, they manage to earn a living.",
    "displaced-hn": "Some deportees cannot go home because gangs threaten them, and they end up displaced inside "
                    "the country without reception noticing.",
    "tension-do": "In the neighbourhoods with most returns, residents who never left feel that helping returnees "
                  "is unfair, and tensions keep rising.",
    "stigma-sv": "Deportees are pointed at in their neighbourhood as criminals or failures, and that stigma shuts "
                 "them out of work and community life.",
    "jobs-ni": "Return communities lack jobs and business opportunities, both for returnees and for the people "
               "who never migrated.",
    "records-cr": "The institutions that receive returnees share no information system: each keeps its own "
                  "register, interviews are repeated and cases get lost.",
    "records-pa": "Institutions keep no common register of returnees, so cases are lost and assistance is given "
                  "twice.",
    "indicators-gt": "No country measures whether reintegration lasts: common indicators are missing and "
                     "follow-up stops when the assistance stops.",
    "indicators-us": "Sabemos poco de lo que funciona: casi nunca se mide la reintegración una vez terminada la "
                     "asistencia, y no hay indicadores comunes de sostenibilidad.",
    "plan-sv": "Every returnee should have, from reception onwards, an individual reintegration plan agreed with "
               "them and a case manager following them for at least twelve months.",
    "projects-cr": "Fund small community infrastructure works, local employment and income-generating projects "
                   "that returnees and the neighbours who did not migrate plan and carry out together.",
    "committee-gt": "Set up in each country an inter-agency return and reintegration committee, with standard "
                    "operating procedures and a national referral mechanism used by every institution.",
}

# Good practices: every field the desk asks for (name, where, who runs it, what it achieved).
PRACTICES: dict[str, dict[str, str]] = {
    "ventanillas-rrocm": {
        "name": "Service desks for returning women",
        "where": "El Salvador",
        "run_by": "Salvadoran reception institutions",
        "achieved": "Returning women get tailored support in one place: advice, referral to services and a "
                    "protocol designed for their situation.",
    },
    "umar-rrocm": {
        "name": "Municipal offices for returnees (UMAR)",
        "where": "Honduras",
        "run_by": "Honduran town councils",
        "achieved": "Town councils look after those who come back to their municipality and refer them to local "
                    "health, education and employment services.",
    },
    "principios-mx": {
        "name": "Guiding principles on integration, return and reintegration (RCM, 2014)",
        "where": "The RCM's member countries",
        "run_by": "Regional Conference on Migration",
        "achieved": "A common basis for drawing up return and reintegration policies, agreed by the member "
                    "countries after the 2014 consultation workshops.",
    },
}

SAME_IN_BOTH = frozenset({"El Salvador", "Honduras"})


def typed() -> list[str]:
    """Every sentence of this module the translator types (for the test that none is typed twice)."""
    return [*TEXTS.values(), *(fields[part] for fields in PRACTICES.values() for part in ("name", "achieved"))]
