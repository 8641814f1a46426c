"""What the demo's delegates type: short, realistic items on the workshop's theme, in both languages.

These are simulated participants' words (inputs to the bot), not the bot's own content.
"""

from __future__ import annotations

CHALLENGES = {
    "individual": {
        "es": ["Muchas personas retornadas llegan sin documentos de identidad ni certificados de estudios",
               "Falta atención psicosocial para quienes regresan tras una deportación",
               "Las personas retornadas no encuentran empleo formal en sus primeros meses"],
        "en": ["Returnees arrive without identity papers or proof of their qualifications",
               "There is little psychosocial care for people returned after deportation"],
    },
    "community": {
        "es": ["Estigma de la comunidad hacia las personas deportadas",
               "Las comunidades de retorno tienen pocos servicios y mucha presión sobre ellos"],
        "en": ["Communities of return stigmatise deported people",
               "Local services in return areas are overstretched"],
    },
    "structural": {
        "es": ["No hay datos compartidos entre instituciones sobre las personas retornadas",
               "La coordinación entre el nivel nacional y el municipal es débil"],
        "en": ["Institutions do not share data on returnees",
               "Coordination between national and local government is weak"],
    },
}

PRACTICES = {
    "es": [("Ventanilla de atención a personas retornadas", "San Salvador, El Salvador",
            "Dirección General de Migración", "Atendió a más de 5.000 personas en 2021"),
           ("Certificación de competencias laborales", "Ciudad de Guatemala",
            "Ministerio de Trabajo", "600 personas certificadas en cocina y construcción"),
           ("Unidades municipales de atención al retornado", "Honduras",
            "Gobiernos municipales", "Presencia en 20 municipios con alto retorno")],
    "en": [("Returnee welcome desk at the airport", "Belize City, Belize", "Immigration Department",
            "Every returnee receives information and a referral"),
           ("Peer support groups for returned migrants", "Toronto and origin countries",
            "Civil-society network", "Twelve groups meet monthly")],
}

RECOMMENDATIONS = {
    "individual": {"es": "Ofrecer a cada persona retornada un plan individual de reintegración con "
                         "acompañamiento psicosocial y documentos desde su llegada",
                   "en": "Give every returnee an individual reintegration plan with psychosocial support and "
                         "papers from arrival"},
    "community": {"es": "Financiar proyectos comunitarios que beneficien a la vez a personas retornadas y a "
                        "quienes no migraron",
                  "en": "Fund community projects that benefit returnees and non-migrants alike"},
    "structural": {"es": "Crear un sistema regional de datos sobre retorno y reintegración, con protección de "
                         "datos personales",
                   "en": "Build a regional data system on return and reintegration that protects personal data"},
}
