"""Each program's meeting-type vocabulary. A code only means something together with its program.

AA's list is the Meeting Guide's (directory/data/meeting-guide-types.json, 9 languages). Other programs
start from it and override what differs (Al-Anon's Y is Alateen, POA is Parents of Alcoholics), or have
their own codes (NA's NAWS world codes). `load(Program, MeetingType)` writes them; a data migration and
the tests call it.

The newcomer guide's tables are here too: for each program, which of its codes mean a comfort group (women,
LGBTQ+, ...), a meeting that welcomes first-timers, a listening or a talking format, or a restricted meeting.
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "meeting-guide-types.json"

# AA code -> ISO 639-1 language, for the codes that name a language.
AA_LANGUAGES = {
    "AF": "af",
    "AM": "am",
    "AR": "ar",
    "BG": "bg",
    "DA": "da",
    "DE": "de",
    "EL": "el",
    "EN": "en",
    "FA": "fa",
    "FI": "fi",
    "FR": "fr",
    "HE": "he",
    "HI": "hi",
    "HR": "hr",
    "HU": "hu",
    "IS": "is",
    "ITA": "it",
    "JA": "ja",
    "KA": "ka",
    "KOR": "ko",
    "LT": "lt",
    "ML": "ml",
    "MT": "mt",
    "NE": "ne",
    "NL": "nl",
    "NO": "no",
    "POL": "pl",
    "POR": "pt",
    "PUN": "pa",
    "RUS": "ru",
    "S": "es",
    "SK": "sk",
    "SL": "sl",
    "SV": "sv",
    "TH": "th",
    "TL": "tl",
    "TUR": "tr",
    "UK": "uk",
}
AA_CATEGORIES = {
    "community": "BI DD G L LGBTQ M N NB NDG P POC SEN T W Y",
    "feature": "AL AL-AN ASL BA BRK CAN CF DB FF OUT POA SM TC X XB XT",
    "format": "11 12x12 A ABSI B BE D DR GR H LIT LS MED SP ST TR",
    "type": "O C",
}
# Types that only make sense in a room (TSML UI drops them from meetings that are not in person).
IN_PERSON_ONLY = {"BA", "BRK", "CAN", "CF", "AL-AN", "AL", "FF", "OUT", "SM", "X", "XB"}

# What a newcomer should know, in plain words (ours). Keyed by AA code; other programs reuse where the
# meaning is the same.
DESCRIPTIONS = {
    "O": {
        "en": "Open: anyone may attend, including friends, family and people who are curious.",
        "es": "Abierta: puede asistir cualquier persona, también familiares, amistades y curiosos.",
    },
    "C": {
        "en": "Closed: for people who have a drinking problem or want to stop; you decide if that is you.",
        "es": "Cerrada: para quien tiene un problema con la bebida o quiere dejarla; lo decides tú.",
    },
    "BE": {
        "en": "Newcomer: meant for people who are new; you can just listen.",
        "es": "Para recién llegados: pensada para quien empieza; puedes solo escuchar.",
    },
    "D": {
        "en": "Discussion: people take turns to share on a topic; you may pass.",
        "es": "Discusión: se comparte por turnos sobre un tema; puedes pasar.",
    },
    "SP": {
        "en": "Speaker: one or two people tell their story; others mostly listen.",
        "es": "Oradores: una o dos personas cuentan su historia; el resto escucha.",
    },
    "B": {
        "en": "Big Book: the group reads and discusses the book Alcoholics Anonymous.",
        "es": "Libro Grande: se lee y comenta el libro Alcohólicos Anónimos.",
    },
    "ST": {
        "en": "Step study: the group works through one of the Twelve Steps.",
        "es": "Estudio de pasos: el grupo trabaja uno de los Doce Pasos.",
    },
    "MED": {
        "en": "Meditation: includes a period of quiet meditation.",
        "es": "Meditación: incluye un rato de meditación en silencio.",
    },
    "A": {
        "en": "Secular: no prayers or talk of God; welcoming to atheists and agnostics.",
        "es": "Laica: sin oraciones ni referencias a Dios; abierta a personas ateas y agnósticas.",
    },
    "W": {"en": "Women: for women only.", "es": "Mujeres: solo para mujeres."},
    "M": {"en": "Men: for men only.", "es": "Hombres: solo para hombres."},
    "LGBTQ": {
        "en": "LGBTQ+: a space for lesbian, gay, bisexual, trans and queer people.",
        "es": "LGBTQ+: un espacio para personas lesbianas, gais, bisexuales, trans y queer.",
    },
    "Y": {
        "en": "Young people: mostly people in their teens, twenties and thirties.",
        "es": "Jóvenes: sobre todo personas de entre quince y treinta y tantos años.",
    },
    "X": {"en": "Wheelchair access to the meeting room.", "es": "Acceso para silla de ruedas a la sala."},
    "XT": {
        "en": "Cross talk permitted: people may respond directly to each other's shares.",
        "es": "Se permite responder directamente a lo que comparten otras personas.",
    },
    "TC": {"en": "The location is temporarily closed.", "es": "El lugar está cerrado temporalmente."},
}

AL_ANON_OVERRIDES = {
    "Y": ({"en": "Alateen", "es": "Alateen"}, "community"),
    "POA": ({"en": "Parents of Alcoholics", "es": "Padres de alcohólicos"}, "community"),
    "AC": ({"en": "Adult Child Focus", "es": "Enfoque en hijos adultos"}, "format"),
    "LGBTQIA": ({"en": "LGBTQIA+", "es": "LGBTQIA+"}, "community"),
    "C": ({"en": "Families and Friends Only", "es": "Solo familiares y amistades"}, "type"),
    "O": (
        {"en": "Families, Friends and Observers Welcome", "es": "Abierta a familiares, amistades y observadores"},
        "type",
    ),
    "A": ({"en": "Atheist / Agnostic", "es": "Ateos / agnósticos"}, "format"),
}
AL_ANON_DESCRIPTIONS = {
    "Y": {
        "en": "Alateen: for young people affected by someone else's drinking.",
        "es": "Alateen: para jóvenes afectados por la bebida de otra persona.",
    },
    "C": {
        "en": "For family members and friends of someone with a drinking problem.",
        "es": "Para familiares y amistades de alguien con problemas con la bebida.",
    },
    "O": {
        "en": "Open: observers such as students and professionals are welcome too.",
        "es": "Abierta: también pueden asistir observadores, como estudiantes y profesionales.",
    },
}

# NA: the NAWS world codes BMLT servers map their formats to (English names ours).
NA_TYPES = {
    "O": ("Open", "type"),
    "C": ("Closed", "type"),
    "BEG": ("Beginner / Newcomer", "format"),
    "BT": ("Basic Text", "format"),
    "CAN": ("Candlelight", "feature"),
    "CPT": ("Twelve Concepts", "format"),
    "CW": ("Children Welcome", "feature"),
    "DISC": ("Discussion / Participation", "format"),
    "GL": ("Gay / Lesbian", "community"),
    "IP": ("Informational Pamphlet", "format"),
    "IW": ("It Works", "format"),
    "JFT": ("Just for Today", "format"),
    "LC": ("Living Clean", "format"),
    "LIT": ("Literature Study", "format"),
    "M": ("Men", "community"),
    "MED": ("Meditation", "format"),
    "NS": ("Non-Smoking", "feature"),
    "QA": ("Questions and Answers", "format"),
    "RA": ("Restricted Access", "feature"),
    "SMOK": ("Smoking", "feature"),
    "SPAD": ("A Spiritual Principle a Day", "format"),
    "SPK": ("Speaker", "format"),
    "STEP": ("Step", "format"),
    "SWG": ("Step Working Guide", "format"),
    "TOP": ("Topic", "format"),
    "TRAD": ("Tradition", "format"),
    "VAR": ("Format Varies", "format"),
    "W": ("Women", "community"),
    "X": ("Wheelchair Accessible", "feature"),
    "Y": ("Young People", "community"),
    "TC": ("Temporarily Closed", "feature"),
    "GP": ("Guiding Principles", "format"),
    "S-D": ("Speaker / Discussion", "format"),
    "ES": ("Spanish", "language"),
    "EN": ("English", "language"),
    "DE": ("German", "language"),
    "FR": ("French", "language"),
}
NA_LANGUAGES = {"ES": "es", "EN": "en", "DE": "de", "FR": "fr"}
NA_DESCRIPTIONS = {
    "O": DESCRIPTIONS["O"],
    "C": {
        "en": "Closed: for addicts, or people who think they may have a problem with drugs.",
        "es": "Cerrada: para adictos o para quien cree que puede tener un problema con las drogas.",
    },
    "BEG": DESCRIPTIONS["BE"],
}

# Programs with a small vocabulary of their own (ours).
SMALL_VOCABULARIES = {
    "smart": {
        "O": ("Open", "type"),
        "ONLINE": ("Online", "feature"),
        "FAM": ("Family & Friends", "community"),
        "W": ("Women", "community"),
        "Y": ("Young people", "community"),
    },
    "recovery-dharma": {
        "O": ("Open", "type"),
        "C": ("Closed", "type"),
        "BE": ("Beginners", "format"),
        "BB": ("Book Study", "format"),
        "MI": ("Mindfulness Practice", "format"),
        "IS": ("Inquiry Study", "format"),
        "W": ("Women", "community"),
        "LGBTQ": ("LGBTQ+", "community"),
        "CC": ("Child Care Available", "feature"),
        "WA": ("Wheelchair Access", "feature"),
    },
}


# ---- the newcomer guide's tables (directory.guide) ------------------------------------------------------

# The groups a newcomer may say they would feel most comfortable with.
WOMEN, MEN, LGBTQ, YOUNG = "women", "men", "lgbtq", "young"

# Who-you'd-feel-comfortable-with, per program: the codes that mean it (any of them), or ALL when every
# meeting of the program fits. A program missing from a comfort's row has no such meetings.
ALL = "*"
AA_COMFORT = {WOMEN: ["W"], MEN: ["M"], LGBTQ: ["LGBTQ", "G", "L", "T", "BI"], YOUNG: ["Y"]}
COMFORT_CODES = {
    "aa": AA_COMFORT,
    "ca": AA_COMFORT,
    "eda": AA_COMFORT,
    "lifering": AA_COMFORT,
    "celebrate-recovery": AA_COMFORT,
    "peer-led": AA_COMFORT,
    # Al-Anon's Y is Alateen (teens affected by someone else's drinking), never "young people".
    "al-anon": {WOMEN: ["W"], MEN: ["M"], LGBTQ: ["LGBTQIA", "LGBTQ", "G", "L", "T", "BI"]},
    "na": {WOMEN: ["W"], MEN: ["M"], LGBTQ: ["GL"], YOUNG: ["Y"]},
    "smart": {WOMEN: ["W"], YOUNG: ["Y"]},
    "recovery-dharma": {WOMEN: ["W"], LGBTQ: ["LGBTQ"]},
    "wfs": {WOMEN: ALL},  # Women for Sobriety is for women
}

# Meetings that welcome a first-timer: open to anyone, or made for newcomers.
WELCOMING_CODES = {
    "aa": {"O", "BE"},
    "na": {"O", "BEG"},
    "al-anon": {"O", "BE"},
    "smart": {"O"},
    "recovery-dharma": {"O", "BE"},
}
DEFAULT_WELCOMING = {"O", "BE"}
NEWCOMER_CODES = {"BE", "BEG"}
# Formats where most people listen, and formats with time for everyone to talk.
LISTENING_CODES = {"SP": "speaker", "SPK": "speaker", "MED": "meditation", "MI": "meditation"}
TALKING_CODES = {"D", "DISC", "S-D", "TOP", "QA"}
# Meetings for one group only; with "anyone" we show them last and say who they are for.
RESTRICTED = {
    "al-anon": {"W": WOMEN, "M": MEN, "Y": "alateen"},
    "na": {"W": WOMEN, "M": MEN},
    "smart": {"W": WOMEN},
    "recovery-dharma": {"W": WOMEN},
}
DEFAULT_RESTRICTED = {"W": WOMEN, "M": MEN}
SECULAR_CODES = {"A"}  # a secular meeting of a 12-step fellowship (AA's "A"; Al-Anon's atheist/agnostic)


def _aa_rows():
    labels = json.loads(DATA.read_text(encoding="utf-8"))
    category = {code: cat for cat, codes in AA_CATEGORIES.items() for code in codes.split()}
    for code, names in labels.items():
        cat = "language" if code in AA_LANGUAGES else category.get(code, "type")
        yield code, names, cat, AA_LANGUAGES.get(code, ""), DESCRIPTIONS.get(code, {})


def rows_for(slug: str):
    """(code, names, category, language, description) for one program."""
    if slug in ("aa", "ca", "eda", "peer-led", "wfs", "lifering", "celebrate-recovery"):
        yield from _aa_rows()
    elif slug == "al-anon":
        for code, names, cat, language, description in _aa_rows():
            if code in AL_ANON_OVERRIDES:
                names, cat = AL_ANON_OVERRIDES[code]
            yield (
                code,
                names,
                cat,
                language,
                AL_ANON_DESCRIPTIONS.get(code, description if code not in AL_ANON_OVERRIDES else {}),
            )
        for code in ("AC", "LGBTQIA"):
            names, cat = AL_ANON_OVERRIDES[code]
            yield code, names, cat, "", {}
    elif slug == "na":
        for code, (name, cat) in NA_TYPES.items():
            yield code, {"en": name}, cat, NA_LANGUAGES.get(code, ""), NA_DESCRIPTIONS.get(code, {})
    elif slug in SMALL_VOCABULARIES:
        for code, (name, cat) in SMALL_VOCABULARIES[slug].items():
            yield code, {"en": name}, cat, "", DESCRIPTIONS.get(code, {}) if cat == "type" else {}


def load(Program, MeetingType) -> int:
    """Create or update every program's vocabulary; returns how many codes were written."""
    written = 0
    for program in Program.objects.all():
        for code, names, category, language, description in rows_for(program.slug):
            MeetingType.objects.update_or_create(
                program=program,
                code=code,
                defaults={
                    "names": names,
                    "category": category,
                    "language": language,
                    "descriptions": description,
                },
            )
            written += 1
    return written
