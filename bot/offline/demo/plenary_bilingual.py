"""The other language of what the demo's people say in the plenary and the joint reading: the comments
(``phrases.COMMENTS``), the table's answer to an objection (``floor``, where the objections' reasons carry their
own other language), the accepted amendment's reason, the declined one's wording, its reason and the table's
reason for declining it, and the joint reading's reasons for an amended wording and for setting one aside
(``phrases``).

Written for the demo with the texts they translate, so that each edition of the demo's roadmap prints the
plenary's words in its own language: the translator gives some, the secretariat's machine drafts (the demo's
translation service knows these) fill the rest, marked as machine translations.
"""

from __future__ import annotations

import re

from bot.offline.demo import floor, phrases

OTHER_LANGUAGE: dict[str, str] = {
    # floor.OBJECTION (its answer is in both languages there)
    floor.OBJECTION.reason: "Nombrar a las personas retornadas como grupo destinatario sirve de poco si no se da a "
                            "los servicios de empleo una cifra que alcanzar.",
    # phrases.COMMENTS
    "Que el seguimiento recoja también la opinión de la persona retornada sobre el apoyo que recibió.":
        "The follow-up should also gather the returnee's own view of the support they received.",
    "The plan should also cover family members who come back with the returnee.":
        "Que el plan cubra también a los familiares que regresan con la persona retornada.",
    "Que a la niñez no acompañada la valore personal formado en protección de la infancia, en un espacio aparte "
    "del de las personas adultas.": "Unaccompanied children should be assessed by staff trained in child "
                                   "protection, in a space apart from adults.",
    "Que los proyectos se elijan con la comunidad y respeten el principio de no causar daño, en lugar de decidirse "
    "desde la capital.": "Projects should be chosen with the community and respect the do-no-harm principle, "
                         "rather than being decided in the capital.",
    "Las campañas deberían contar con las propias personas retornadas y con sus testimonios en foto y video.":
        "The campaigns should feature returnees themselves, with their testimonies in photos and video.",
    "Sumar a las organizaciones de empleadores y de trabajadores cuando se analice el mercado de trabajo de cada "
    "municipio.": "Bring in employers' and workers' organisations when each municipality's labour market is "
                  "analysed.",
    "Co-financing apprentices' wages for a few months would help small employers take part.":
        "Cofinanciar durante unos meses el salario de aprendices ayudaría a que participen las pequeñas empresas.",
    "El comité debería incluir a los gobiernos locales, que son quienes reciben a las personas en el territorio.":
        "The committee should include local governments, who are the ones receiving people on the ground.",
    "Definir desde el inicio quién puede consultar el registro y con qué fines.":
        "Define from the start who may consult the register and for what purposes.",
    "Publish the indicators and the yearly figures so that civil society can follow progress as well.":
        "Publicar los indicadores y las cifras anuales para que también la sociedad civil pueda seguir los avances.",
    "Los montos dependen de cada presupuesto nacional; antes de armonizar conviene comparar lo que ofrece cada "
    "país.": "The amounts depend on each national budget; before harmonising, what each country offers should be "
             "compared.",
    "Harmonisation may suit destination countries, but countries of origin need room to adapt support to local "
    "needs.": "La armonización puede convenir a los países de destino, pero los países de origen necesitan margen "
              "para adaptar el apoyo a las necesidades locales.",
    "Que el fondo cubra también a las personas con necesidades médicas complejas.":
        "The fund should also cover people with complex medical needs.",
    "Las organizaciones de personas retornadas deberían participar en el diseño de esas políticas.":
        "Returnee organisations should take part in designing those policies.",
    "Que la planificación con enfoque de género tome en cuenta también a las personas LGBTI retornadas.":
        "Gender-responsive planning should also take LGBTI returnees into account.",
    "The review should let a record of remittances sent home count as a credit history.":
        "Que la revisión permita contar el registro de las remesas enviadas como historial de crédito.",
}

# The accepted amendment's reason, and the joint reading's reasons (an amended wording, a recommendation set aside).
_REASONS: dict[str, str] = {
    floor.AMENDMENTS[0].reason: "Las personas retornadas que hablan por sí mismas convencen más que los "
                                "funcionarios, y la radio comunitaria llega a los pueblos a los que regresa la "
                                "mayoría.",
}
for _r in phrases.RECOMMENDATIONS:
    if _r.amend and _r.amend[1] == "The plenary asked for returnees' own views to be part of the follow-up.":
        _REASONS[_r.amend[1]] = "La plenaria pidió que la opinión de las propias personas retornadas forme parte " \
                                "del seguimiento."
    elif _r.amend and _r.amend[1].startswith("La plenaria pidió"):
        _REASONS[_r.amend[1]] = "The plenary asked that returnees' views be part of the follow-up."
    if _r.set_aside and _r.set_aside.startswith("Varios Estados"):
        _REASONS[_r.set_aside] = "Several States pointed out that the amounts depend on each budget and each " \
                                 "programme; the RCM Executive Secretariat is asked for a comparative study " \
                                 "before taking it up again."
# The declined amendment: its wording and reason in English, the table's reason for declining it in Spanish.
_DECLINED = next(a for a in floor.AMENDMENTS if not a.accept)
_REASONS.update({
    _DECLINED.wording: "Financiar proyectos comunitarios solo en los municipios que ya tienen un plan local de "
                       "reintegración, para que las personas retornadas y los vecinos que nunca migraron los elijan "
                       "y los lleven a cabo juntos dentro de ese plan.",
    _DECLINED.reason: "Sin un plan local el dinero se dispersa y las obras se abandonan cuando se acaba el "
                      "financiamiento.",
    _DECLINED.declined_because: "The table would rather not tie the funds to a plan: many of the municipalities "
                                "with the most returns do not have one yet, and they are the ones that need these "
                                "projects most.",
})
OTHER_LANGUAGE.update(_REASONS)
# floor.OBJECTIONS and floor.STANCES: each objection's reason, typed in one language, given in the other.
OTHER_LANGUAGE.update({r.text: r.other for rs in (*floor.OBJECTIONS.values(), floor.STANCES) for r in rs})
OTHER_LANGUAGE.update({floor.OBJECTION.answer[0]: floor.OBJECTION.answer[1],
                       floor.OBJECTION.answer[1]: floor.OBJECTION.answer[0]})

# An objection typed once a language's reasons ran out carries who and on what: "<reason> (GT-1, Rec-3)".
_SUFFIXED = re.compile(r"^(?P<reason>.+) (?P<suffix>\([^()]+\))$")


def other_language(text: str) -> str | None:
    """The demo's other language of a plenary text, or None (not one of the demo's)."""
    if text in OTHER_LANGUAGE:
        return OTHER_LANGUAGE[text]
    found = _SUFFIXED.match(text)
    if found and found["reason"] in OTHER_LANGUAGE:
        return f"{OTHER_LANGUAGE[found['reason']]} {found['suffix']}"
    return None
