"""What the demo's people type from the plenary floor and after the event: amendments proposed from a card and the
table's decisions on them, the reasons objections carry and the table's answers, and the focal points' check-in.

Written for the demo in our own words from the source documents (/work/shared/seeds, cited as sNNN and section),
as ``phrases.py`` is: no sentence copied from them, none typed twice (tests/test_demo.py). The cast keys and the
recommendation keys are those of ``cast.py`` and ``phrases.py``; the first nine people (``--people 9``) can play
every part here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Amendment:
    """A delegate's amendment to another table's recommendation, proposed from its card in the plenary."""

    author: str                  # a cast key: who proposes it
    on: str                      # the recommendation's key in phrases.RECOMMENDATIONS
    wording: str                 # the whole new wording, in the recommendation's language
    reason: str
    attribution: str             # named | country | anonymous: how the reading and the roadmap credit it
    accept: bool                 # the table's rapporteur takes it into the text, or declines it...
    other_language: str = ""     # ...the accepted wording in the other language (the translator's, later)
    declined_because: str = ""   # ...with this reason, in the rapporteur's language


AMENDMENTS: tuple[Amendment, ...] = (
    # s003 §4 (campañas con testimonios de las propias personas retornadas; medios comunitarios)
    Amendment(
        "BZ-1", "campaigns",
        "Run joint information campaigns with local and community radio, designed together with returnees who "
        "tell their own stories of a reintegration that benefited the whole community, to counter the stigma "
        "against deported people.",
        "Returnees speaking for themselves convince more than officials do, and community radio reaches the towns "
        "most people come back to.",
        "country", accept=True,  # (a government delegate: credited by country, as all her items are)
        other_language="Realizar campañas conjuntas de información con radios locales y comunitarias, diseñadas "
                       "junto con personas retornadas que cuentan su propia historia de una reintegración que "
                       "benefició a toda la comunidad, para contrarrestar el estigma contra las personas "
                       "deportadas."),
    # s003 §4 (vincular la reintegración a los planes de desarrollo local)
    Amendment(
        "BZ-2", "projects",
        "Fund community projects only in municipalities that already have a local reintegration plan, so that "
        "returnees and neighbours who never migrated choose and run them together within it.",
        "Without a local plan the money is spread thin and the works are abandoned once the funding ends.",
        "anonymous", accept=False,
        declined_because="La mesa prefiere no condicionar los fondos a un plan: muchos de los municipios con más "
                         "retornos todavía no lo tienen, y son los que más necesitan estos proyectos."),
)

@dataclass(frozen=True)
class Reason:
    """An objection's reason as its author types it, and its other language (the translator's, in the other
    edition of the roadmap)."""

    lang: str                    # the language it is typed in
    text: str
    other: str


def _es(text: str, other: str) -> Reason:
    return Reason("es", text, other)


def _en(text: str, other: str) -> Reason:
    return Reason("en", text, other)


# What objections say, by the card objected to (a recommendation's key, "@A" for table A's own): the i-th
# objection typed in a language on a card takes that card's i-th reason of the language, so each reason is a
# fair remark on the text it is printed under, whoever happens to object first (the plenary plays everyone at
# once). Each weighs a cost, a gap or a risk the text leaves open, never one the text already covers.
# s003 §3-§5 and s000 Cuadro 4.1, 4.3 and 4.8 (capacity, financing, local services, data, private sector).
OBJECTIONS: dict[str, tuple[Reason, ...]] = {
    "plan": (
        _es("Con el volumen de llegadas de algunos países, no alcanza el personal para una persona gestora por "
            "cada retornado.",
            "With the number of arrivals some countries receive, there are not enough staff for one case worker "
            "per returnee."),
        _en("Twelve months of case management for everyone is more than reception services can staff today.",
            "Doce meses de gestión de casos para todas las personas superan lo que hoy pueden cubrir los servicios "
            "de recepción."),
    ),
    "docs": (
        _es("Sin conexión a sus bases de datos, los registros civiles no pueden emitir documentos en el punto de "
            "recepción.",
            "Without a link to their databases, civil registries cannot issue documents at the reception point."),
        _en("School records depend on schools answering requests, which rarely happens within a few days.",
            "Las constancias de estudio dependen de que las escuelas respondan, y eso casi nunca ocurre en unos "
            "pocos días."),
    ),
    "enrol": (
        _es("Muchas escuelas rurales no pueden recibir a mitad del curso a estudiantes en tan pocos días.",
            "Many rural schools cannot take in pupils in the middle of the school year at such short notice."),
        _en("Enrolment is only half of it: without catch-up classes many of these children will drop out again.",
            "Matricular es solo la mitad: sin clases de nivelación, muchos de estos niños volverán a dejar la "
            "escuela."),
    ),
    "certify": (
        _es("Los acuerdos de reconocimiento mutuo tardan años; convendría empezar por la certificación nacional.",
            "Mutual recognition agreements take years; it would be better to start with national certification."),
        _en("Mutual recognition depends on destination countries, which nothing agreed here can bind.",
            "El reconocimiento mutuo depende de los países de destino, a los que nada de lo acordado aquí obliga."),
    ),
    "health": (
        _es("Inscribir a todos en la recepción sirve de poco si los centros de salud de las zonas de retorno no "
            "tienen medicamentos.",
            "Enrolling everyone at reception is of little use if the health centres in return areas have no "
            "medicines."),
        _en("Enrolment helps little where the public system still charges for chronic medication.",
            "La inscripción ayuda poco donde el sistema público sigue cobrando los medicamentos de uso crónico."),
    ),
    "@A": (
        _es("Valorar la salud mental en la recepción pide personal especializado que muchos centros no tienen.",
            "Assessing mental health at reception calls for specialist staff that many centres lack."),
        _en("An assessment on arrival should be offered, not required, or it will hold up people who only want to "
            "go home.",
            "La valoración a la llegada debería ofrecerse, no exigirse, o retrasará a quienes solo quieren volver "
            "a casa."),
    ),
    "projects": (
        _es("Sin reglas claras para elegir los municipios, el dinero irá a donde ya hay más capacidad.",
            "Without clear rules for choosing the municipalities, the money will go where there is already most "
            "capacity."),
        _en("Joint projects take longer to mature than most donor funding lasts.",
            "Los proyectos conjuntos tardan en dar fruto más de lo que suele durar el financiamiento de los "
            "donantes."),
    ),
    "campaigns": (
        _es("Mostrar en los medios a personas deportadas puede ponerlas en riesgo en su propia comunidad.",
            "Showing deported people in the media can put them at risk in their own community."),
        _en("Campaigns alone will not change how employers treat people who were deported.",
            "Las campañas por sí solas no cambiarán el trato que los empleadores dan a quienes fueron deportados."),
    ),
    "umar": (
        _es("Abrir unidades nuevas antes de consolidar las que ya existen dispersa un presupuesto municipal escaso.",
            "Opening new units before the existing ones are on their feet spreads a thin municipal budget even "
            "thinner."),
        _en("In several countries a budget of their own for these units needs a law, not just a decision.",
            "En varios países, un presupuesto propio para estas unidades requiere una ley, no solo una decisión."),
    ),
    "capacity": (
        _es("Las unidades móviles cuestan mucho de mantener y suelen desaparecer cuando termina el proyecto.",
            "Mobile units are costly to keep running and tend to disappear when the project ends."),
        _en("Expanding services only in high-return areas may seem unfair to nearby towns with the same needs.",
            "Ampliar los servicios solo en las zonas de alto retorno puede parecer injusto a los pueblos vecinos "
            "con las mismas necesidades."),
    ),
    "networks": (
        _es("Las redes entre pares funcionan cuando nacen de las propias personas; creadas desde arriba suelen "
            "fracasar.",
            "Peer networks work when they grow from the people themselves; set up from above they tend to fail."),
        _en("Peer groups need trained facilitators, and nothing here says where they would come from.",
            "Los grupos de apoyo necesitan personas facilitadoras formadas, y aquí no se dice de dónde saldrían."),
    ),
    "forums": (
        _es("Muchos municipios ya tienen consejos comunitarios; otro foro más termina cansando a la gente.",
            "Many municipalities already have community councils; one more forum ends up wearing people out."),
        _en("Open forums may expose returnees who would rather not be known as deportees.",
            "Los foros abiertos pueden exponer a personas retornadas que prefieren que no se sepa que fueron "
            "deportadas."),
    ),
    "apprentices": (
        _es("Las cámaras empresariales casi no llegan a las zonas rurales, donde más falta el empleo.",
            "Chambers of commerce hardly reach rural areas, where jobs are scarcest."),
        _en("Without a minimum allowance, apprenticeships will push returnees back into informal work.",
            "Sin una asignación mínima, los aprendizajes empujarán de nuevo a las personas retornadas al trabajo "
            "informal."),
    ),
    "cashwork": (
        _es("El efectivo por trabajo alivia unos meses, pero no se dice cómo se pasa de ahí a un empleo estable.",
            "Cash for work brings relief for a few months, but nothing says how people move on to a stable job."),
        _en("Which households lost their remittances is hard to verify and may breed resentment among neighbours.",
            "Es difícil comprobar qué hogares perdieron sus remesas, y eso puede generar resentimiento entre los "
            "vecinos."),
    ),
    "@B": (
        _es("Hacer primero un perfil de cada municipio retrasa la respuesta donde más urge.",
            "Drawing up a profile of each municipality first delays the response where it is most urgent."),
        _en("Many local development plans are out of date, so running projects through them ties them to old "
            "priorities.",
            "Muchos planes de desarrollo local están desactualizados, y ejecutar los proyectos a través de ellos "
            "los ata a prioridades viejas."),
    ),
    "policy": (
        _es("Las políticas de empleo ya cubren a toda la población; señalar a un grupo puede restar recursos a "
            "otros.",
            "Employment policies already cover the whole population; singling out one group may take resources "
            "from others."),
        _en("Changing a national policy's mandate takes a legislative cycle, longer than the medium term given "
            "here.",
            "Cambiar el mandato de una política nacional lleva un ciclo legislativo, más que el mediano plazo que "
            "aquí se fija."),
    ),
    "committee": (
        _es("Un comité más sin poder de decisión solo suma reuniones a instituciones ya saturadas.",
            "One more committee with no decision-making power only adds meetings for overloaded institutions."),
        _en("A single referral mechanism will be hard to agree while each partner keeps its own case files.",
            "Un mecanismo único de referencia será difícil de acordar mientras cada organización lleve sus propios "
            "expedientes."),
    ),
    "credit": (
        _es("Revisar los requisitos no basta si la banca no asume el riesgo de prestar a quien no tiene historial.",
            "Reviewing the requirements is not enough if banks will not take the risk of lending to people with no "
            "credit history."),
        _en("Banks set their own lending rules, and a review with them cannot oblige them to lend.",
            "Los bancos fijan sus propias reglas de préstamo, y revisarlas con ellos no los obliga a prestar."),
    ),
    "diaspora": (
        _es("Los incentivos fiscales reducen una recaudación que ya no alcanza en las zonas de retorno.",
            "Tax incentives cut revenue that already falls short in return areas."),
        _en("Matching funds tend to go to the towns the diaspora already favours, not to the poorest.",
            "Los fondos de contrapartida suelen ir a los pueblos que la diáspora ya prefiere, no a los más pobres."),
    ),
    "fund": (
        _es("El fondo depende de aportes voluntarios, y cada año no se sabe cuánto habrá.",
            "The fund depends on voluntary contributions, and each year nobody knows how much there will be."),
        _en("Agreeing regional criteria may take long enough to leave urgent cases waiting.",
            "Acordar criterios regionales puede llevar tanto tiempo que los casos urgentes queden esperando."),
    ),
    "gender": (
        _es("Las metas para las mujeres necesitan datos desglosados por sexo que hoy casi nadie recoge.",
            "Targets for women need data broken down by sex, which hardly anyone collects today."),
        _en("Most reintegration agencies have never budgeted with a gender lens and would need training first.",
            "La mayoría de las instituciones de reintegración nunca ha presupuestado con enfoque de género y "
            "necesitaría formarse antes."),
    ),
    "harmonise": (
        _es("Cada país fija sus montos según su presupuesto; armonizarlos no está en manos de esta conferencia.",
            "Each country sets its amounts by its own budget; harmonising them is not up to this conference."),
        _es("Igualar los montos podría bajar la asistencia en los países que hoy dan más.",
            "Making the amounts equal could lower the assistance in the countries that give most today."),
        _es("Falta un inventario de lo que ofrece hoy cada programa; sin él no se sabe qué armonizar.",
            "There is no inventory of what each programme offers today; without one, nobody knows what to "
            "harmonise."),
        _es("Los programas de los países de destino tienen reglas propias que la región no puede cambiar.",
            "Destination countries' programmes have rules of their own that the region cannot change."),
        _es("Unificar las modalidades quitaría a cada programa el margen de dar apoyo en especie o en efectivo "
            "según el caso.",
            "Uniform arrangements would take away each programme's room to give support in kind or in cash as "
            "each case requires."),
        _en("The same amount buys very different things in countries with such different living costs.",
            "Un mismo monto compra cosas muy distintas en países con costos de vida tan diferentes."),
        _en("Donors fund these programmes on their own cycles, so their amounts cannot be aligned from here.",
            "Los donantes financian estos programas según sus propios ciclos, así que sus montos no se pueden "
            "alinear desde aquí."),
        _en("It treats the decision to return as if it turned on money alone.",
            "Trata la decisión de retornar como si dependiera solo del dinero."),
    ),
    "@C": (
        _es("El registro único cruzará datos de varias instituciones, y no todos los países tienen una ley de "
            "protección de datos.",
            "The single record will combine data from several institutions, and not every country has a data "
            "protection law."),
        _en("Years of text-message follow-up will lose those who change numbers or migrate again.",
            "Años de seguimiento por mensajes de texto perderán a quienes cambien de número o vuelvan a migrar."),
    ),
}

# Past a card's own reasons (or on a card with none, such as a member's recommendation when too few people
# play for the table's to be drafted): a delegation's stance, fair on any text, in the order people object.
STANCES: tuple[Reason, ...] = (
    _es("Mi delegación debe consultarla con su capital antes de poder apoyarla.",
        "My delegation must consult its capital before it can support it."),
    _es("Preferiríamos verla probada primero en unos pocos lugares antes de extenderla.",
        "We would prefer to see it tried first in a few places before it is extended."),
    _es("Mi institución no tiene mandato en este tema y no puede respaldarla.",
        "My institution has no mandate on this subject and cannot back it."),
    _en("My delegation has to check this with its capital before it can back it.",
        "Mi delegación tiene que revisarla con su capital antes de respaldarla."),
    _en("We would rather see this piloted somewhere before it is taken further.",
        "Preferimos verla a prueba en algún lugar antes de llevarla más lejos."),
    _en("My organisation has no mandate here and cannot support it.",
        "Mi organización no tiene mandato en esto y no puede apoyarla."),
)


@dataclass(frozen=True)
class Objection:
    """An objection made on the floor while the amendments are read, which the table's rapporteur answers."""

    author: str                  # a cast key
    on: str                      # the recommendation's key
    reason: str                  # in the author's language
    answer: tuple[str, str]      # the table's answer (in Spanish, in English: the rapporteur types their own)


# s000 Cuadro 4.8 (trabajo: metas de los servicios públicos de empleo); s003 §4 (seguimiento con datos)
OBJECTION = Objection(
    "US-1", "policy",
    "Naming returnees as a target group means little unless the employment services are given a figure to reach.",
    ("La mesa deja las cifras al plan de empleo de cada país; el seguimiento de la hoja de ruta las pedirá en la "
     "primera ronda.",
     "The table leaves the figures to each country's employment plan; the roadmap's follow-up will ask for them "
     "in its first round."))


@dataclass(frozen=True)
class Commitment:
    """A delegation that commits, at the joint reading, to an adopted recommendation; its first delegate in the
    cast will report."""

    country: str                 # a country id of the workshop file
    on: str                      # a recommendation's key (its card: the table's recommendation that took it in)


# s004 Objetivos (hoja de ruta con acciones nacionales); Guatemala on documents at reception (s000 Cuadro 4.8),
# Mexico on psychosocial care at reception (s002 §4.1), which table A's recommendation took in.
COMMITMENTS: tuple[Commitment, ...] = (Commitment("GT", "docs"), Commitment("MX", "psych"))

# The first round's answer of the first commitment's reporter, three months on: under way, a note, a link.
CHECKIN_NOTE = {
    "es": "Ya funciona la mesa interinstitucional que coordina la medida; se eligieron los tres primeros "
          "municipios y el presupuesto del primer año está aprobado.",
    "en": "The inter-agency group that coordinates the measure is meeting; the first three municipalities are "
          "chosen and the first year's budget is approved.",
}
CHECKIN_LINK = "https://informes.example.org/seguimiento-crm/ronda-1"


def typed() -> list[str]:
    """Every sentence of this module that someone may type (for the test that none is typed twice)."""
    found = [t for a in AMENDMENTS for t in (a.wording, a.reason, a.declined_because, a.other_language) if t]
    found += [r.text for r in (*(r for rs in OBJECTIONS.values() for r in rs), *STANCES)]
    found += [OBJECTION.reason, *OBJECTION.answer]
    found += [*CHECKIN_NOTE.values()]
    return found


def known_translations() -> dict[str, str]:
    """An accepted amendment's wording -> its other language, for the demo's machine translation service."""
    return {a.wording: a.other_language for a in AMENDMENTS if a.accept and a.other_language}
