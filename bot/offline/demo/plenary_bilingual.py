"""The other language of what the demo's people say in the plenary and the joint reading: the comments
(``phrases.COMMENTS``), the objections' reasons and the table's answer (``floor``), the accepted amendment's
reason, the declined one's wording, its reason and the table's reason for declining it, and the joint reading's
reasons for an amended wording and for setting one aside (``phrases``).

Written for the demo with the texts they translate, so that each edition of the demo's roadmap prints the
plenary's words in its own language: the translator gives some, the secretariat's machine drafts (the demo's
translation service knows these) fill the rest, marked as machine translations.
"""

from __future__ import annotations

import re

from bot.offline.demo import floor, phrases

OTHER_LANGUAGE: dict[str, str] = {
    # floor.OBJECTION_REASONS["es"]
    "No dice quién la financia ni en qué plazo.": "It does not say who will fund it, nor within what period.",
    "Repite un programa que ya existe en varios países de la región.":
        "It repeats a programme that already exists in several countries of the region.",
    "Deja fuera a quienes retornan sin documentos de identidad.":
        "It leaves out those who return without identity papers.",
    "Supone que todos los municipios tienen personal para aplicarla, y muchos no lo tienen.":
        "It assumes that all municipalities have staff to carry it out, and many have none.",
    "Está redactada de forma tan amplia que no se podrá medir si se cumplió.":
        "It is worded so broadly that nobody will be able to measure whether it was met.",
    "No menciona a los gobiernos locales, que serían quienes la aplican.":
        "It does not mention local governments, who would be the ones applying it.",
    "Pide compromisos de gasto que ninguna delegación puede asumir en este taller.":
        "It asks for spending commitments that no delegation can take on at this workshop.",
    "Junta dos medidas distintas que convendría decidir por separado.":
        "It puts together two different measures that would be better decided one by one.",
    "No tiene en cuenta a las familias que se quedaron en el país de origen.":
        "It does not consider the families who stayed behind in the country of origin.",
    "Da a la cooperación internacional un papel que corresponde a las instituciones nacionales.":
        "It hands international cooperation a role that national institutions should play.",
    "No distingue el retorno voluntario de la deportación, que piden respuestas distintas.":
        "It does not tell voluntary return from deportation, which call for different responses.",
    "Olvida a las personas retornadas que viven en zonas rurales alejadas.":
        "It forgets returnees who live in remote rural areas.",
    "No prevé ninguna forma de que las personas retornadas opinen sobre el servicio.":
        "It gives returnees no way to say what they think of the service.",
    "Añade trámites a instituciones que ya están saturadas.":
        "It adds paperwork to institutions that are already overloaded.",
    # floor.OBJECTION_REASONS["en"]
    "It does not say who pays for it or by when.": "No indica quién paga ni para cuándo.",
    "It duplicates a programme several countries of the region already run.":
        "Duplica un programa que ya llevan adelante varios países de la región.",
    "It leaves out returnees who arrive without identity documents.":
        "Excluye a las personas retornadas que llegan sin documentos de identidad.",
    "The wording is too broad to tell whether it was ever carried out.":
        "La redacción es demasiado amplia para saber si alguna vez se cumplió.",
    "It gives international agencies a role that belongs to national institutions.":
        "Atribuye a los organismos internacionales un papel que toca a las instituciones nacionales.",
    "It overlooks returnees who settle in remote rural areas.":
        "Pasa por alto a las personas retornadas que se instalan en zonas rurales remotas.",
    "Two different measures are bundled here and should be decided separately.":
        "Aquí se agrupan dos medidas diferentes que deberían decidirse por separado.",
    "It assumes every municipality has the staff to apply it, and many do not.":
        "Da por hecho que cada municipio cuenta con personal para aplicarla, y muchos no lo tienen.",
    # floor.OBJECTION (its answer is in both languages there)
    floor.OBJECTION.reason: "Nombrar a las personas retornadas como grupo destinatario sirve de poco si no se da a "
                            "los servicios de empleo una cifra que alcanzar.",
    # phrases.COMMENTS
    "Que el seguimiento recoja también la opinión de la persona retornada sobre el apoyo que recibió.":
        "The follow-up should also gather the returnee's own view of the support they received.",
    "The plan should also cover family members who come back with the returnee.":
        "Que el plan cubra también a los familiares que regresan con la persona retornada.",
    "Nombrar de forma explícita a la niñez no acompañada y contar con personal formado en protección de la "
    "infancia.": "Name unaccompanied children explicitly and have staff trained in child protection.",
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
    "Short courses in financial literacy should come with access to loans.":
        "Los cursos breves de educación financiera deberían ir acompañados de acceso a préstamos.",
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
