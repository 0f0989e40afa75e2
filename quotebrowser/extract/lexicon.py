"""General English vocabulary for attribution: speech verbs, role nouns, organisation and document
nouns. Word classes only: no person, outlet or place is named here (speakers come from the text).
"""

from __future__ import annotations

# ----- How far attribution looks (every window and limit, in one place) -----------------------
# Words after a closing mark searched for its cue ("...," the minister said).
TAIL_WINDOW_TOKENS = 40
# A speech verb further than this into the tail belongs to another clause.
TAIL_MAX_VERB_INDEX = 8
# Steps up the parse from a quote's first word to the verbs that may govern it.
MAX_HEAD_CLIMB = 30
# Clauses climbed from a participle or a subordinate verb to the subject it shares.
MAX_CLAUSE_CLIMB = 4
# Words before an opening mark searched for a speech verb ("said the following: ").
SURFACE_CUE_WORDS = 5
# The longest "Name:" lead of a headline or standfirst quote, in characters.
HEADLINE_LEAD_CHARS = 60
# The longest apposition after (and before) a name that is still a title, in tokens.
APPOSITION_AFTER_TOKENS = 25
APPOSITION_BEFORE_TOKENS = 12
# How far back (in characters) a person with no known office may be the referent of a description.
RECENT_CHARS = 600
# A quote this short could be anyone's words: only longer ones are taken as an echo of another.
ECHO_MIN_CHARS = 6
# Characters after a name searched for the age a description refers to ("Jane Doe, 54,").
AGE_WINDOW_CHARS = 80
# Paragraphs before a quote searched for the person the text was about.
CONTEXT_PARAGRAPHS_BACK = 3
# Paragraphs at the top (headline, lead) where "a minister" may be someone named further down.
LEAD_PARAGRAPHS = 2
# Standalone quotes shorter than this (in words) with no cue are scare quotes or slogans.
MIN_UNCUED_WORDS = 4
# A capitalised run longer than this (in words) is not a name in quotation marks.
NAME_MAX_WORDS = 6
# Paragraphs shorter than this (in tokens) are captions, credits or bylines.
CAPTION_MAX_TOKENS = 4

# Lemmas of verbs that report speech or a stated view.
SPEECH_VERBS = frozenset(
    """
say tell add note stress explain state claim insist argue warn write announce declare remark
reply respond answer ask conclude emphasize emphasise underline underscore point sum
continue recall admit acknowledge suggest comment observe quip tweet post report confirm
deny assert maintain believe think hope urge call describe vow promise pledge predict
exclaim shout whisper repeat reiterate mention complain joke concede boast lament threaten
caution demand express voice indicate specify clarify highlight summarize summarise agree
disagree recount testify allege contend counter retort murmur cry scream yell sigh reason
wonder propose recommend advise estimate forecast confess reveal disclose inform assure
reassure proclaim pronounce read quote cite label dub term brand welcome praise criticize
criticise condemn accuse acknowledge insist predict stress told describe characterize
characterise
""".split()
)

# Nouns of a stated view: "in her view, ...".
VIEW_NOUNS = frozenset("opinion view words estimation assessment judgment judgement".split())
# What may stand between a speech verb and the opening mark it introduces ("said that: ").
SURFACE_FILLERS = frozenset(("that", "the", "following", "as", "follows"))
# Small words inside names ("Friends of the Sea", "Ursula von der Leyen"), and skipped in initials.
NAME_SMALL_WORDS = frozenset(
    "of and the for in on to a an at by with from - – — & de la von van der al".split()
)
# Endings of a capitalised description before a name ("Campaigner Jane Doe").
AGENT_SUFFIXES = ("master", "er", "or", "ist", "man", "woman", "ant", "ent")
# Endings of a common noun for a person, read as a title only where a title stands (before a
# name, in apposition to it): "glaciologist", "forecaster", "caretaker", "evacuee".
PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ee")
# Nouns with those endings that are no person.
NOT_PERSON_SUFFIXED = frozenset(
    """
committee number chapter corner weather border computer register letter matter quarter chamber
theater theatre shelter sector factor mirror error motor corridor behavior behaviour interior
colour color together however whatever another whether further rather manner banner power
tower water winter summer answer order paper member guarantee jubilee median meridian
""".split()
)
# Endings of the sciences' practitioners, quoted for expertise: "glaciologist".
ANALYST_SUFFIXES = ("ologist",)
# Nouns for someone who speaks for an organisation.
SPOKESPEOPLE = frozenset("spokesperson spokesman spokeswoman representative".split())
POSSESSIVES = frozenset("his her their its our my your".split())

# Verbs of showing and hearing: "the film showed Doe telling ...", "heard Doe saying ...".
PERCEPTION_VERBS = frozenset("show see hear film catch record depict capture overhear".split())

# Verbs that report speech only with a particle: "went on", "shot back", "pressed on".
PHRASAL_SPEECH_VERBS: dict[str, frozenset[str]] = {
    "go": frozenset({"on"}),
    "shoot": frozenset({"back"}),
    "fire": frozenset({"back"}),
    "hit": frozenset({"back"}),
    "press": frozenset({"on"}),
    "chime": frozenset({"in"}),
    "cut": frozenset({"in"}),
    "put": frozenset({"it"}),
}

# Nouns for something said, whose owner is its speaker ("a claim by Doe that ...").
SPEECH_NOUNS = frozenset(
    """
claim remark comment statement words description accusation warning suggestion assertion
allegation charge jibe quip promise pledge vow insistence argument complaint admission
""".split()
)

# Nouns whose "that" clause is a stated view: "expressed hope that ...", "voiced concern that ...".
OPINION_NOUNS = frozenset(
    "hope confidence concern belief view opinion conviction fear doubt".split()
)

# Post-verb particles that belong to the cue ("pointed out", "summed up").
CUE_PARTICLES = frozenset("out up on back in".split())

# First person outside quotes is the writer, never a speaker to resolve to.
PERSON_PRONOUNS = frozenset("he she him her his hers".split())
MALE_PRONOUNS = frozenset("he him his".split())
FEMALE_PRONOUNS = frozenset("she her hers".split())
GROUP_PRONOUNS = frozenset("it they its their them".split())

MALE_HONORIFICS = frozenset("mr mr. sir lord".split())
FEMALE_HONORIFICS = frozenset("mrs mrs. ms ms. miss dame lady madam".split())
HONORIFICS = (
    MALE_HONORIFICS
    | FEMALE_HONORIFICS
    | frozenset(
        """
dr dr. prof prof. professor rev rev. gen gen. col col. capt capt. sen sen. rep rep. gov gov.
""".split()
    )
)

# Role nouns, by the group a speaker with that role belongs to (multi-word ones too).
LEADER_TITLES = frozenset(
    """
president prime-minister premier chancellor king queen emperor empress monarch sultan emir
shah leader head-of-state head-of-government supreme-leader commander-in-chief pope
taoiseach
""".split()
)
OFFICIAL_TITLES = frozenset(
    """
sen rep gov gen col capt lt sgt supt insp adm cmdr maj cllr amb
minister secretary spokesperson spokesman spokeswoman ambassador envoy official governor
mayor senator congressman congresswoman lawmaker legislator mp deputy representative
diplomat general commander chief adviser advisor aide chairman chairwoman chair director
head officer commissioner prosecutor judge attorney administrator councillor councilor
sheriff inspector press-secretary vice-president speaker undersecretary consul negotiator
mediator regulator superintendent marshal admiral colonel captain lieutenant sergeant major
candidate nominee front-runner frontrunner contender hopeful challenger incumbent mep msp
constable running-mate
""".split()
)
ANALYST_TITLES = frozenset(
    """
analyst expert researcher professor scholar fellow economist scientist lecturer historian
strategist commentator observer specialist academic sociologist pollster consultant
political-scientist political-analyst critic columnist pundit journalist writer editor
""".split()
)
OTHER_PERSON_NOUNS = frozenset(
    """
agent landlord tenant nurse driver pilot soldier fisherman fisherwoman shopkeeper chef artist
novelist poet coordinator co-ordinator actor actress singer musician athlete striker midfielder
defender goalkeeper
manager coach captain referee surgeon engineer architect scientist campaigner organiser organizer
volunteer pensioner parent mum dad grandmother grandfather nun priest imam rabbi bishop pastor
businessman businesswoman entrepreneur investor trader banker lawyer solicitor barrister
resident witness activist lawyer doctor teacher student source reporter
farmer worker victim survivor protester voter citizen man woman owner founder executive ceo
manager employee coach player member person people father mother son daughter neighbour
neighbor official sources boss presenter host anchor interviewer commentator pundit
""".split()
)
PERSON_NOUNS = LEADER_TITLES | OFFICIAL_TITLES | ANALYST_TITLES | OTHER_PERSON_NOUNS

# Words in a role that mark research and commentary rather than office.
ANALYST_PLACES = frozenset(
    "institute university think-tank academy college centre center school".split()
)
# Words that put an office in the past.
FORMER = frozenset("former ex ex- retired onetime one-time erstwhile late outgoing".split())
# Modifiers that turn a leader's title into an office below it.
# "Jane Doe, who chairs the committee": the office a relative clause's verb gives its subject.
OFFICE_VERBS = {
    "chair": "chair",
    "head": "head",
    "lead": "leader",
    "run": "head",
    "direct": "director",
    "manage": "manager",
    "coach": "coach",
    "edit": "editor",
    "found": "founder",
    "own": "owner",
    "represent": "representative",
    "advise": "adviser",
}
# Heads that name whoever runs a body, whatever their title: "the United boss" is its manager.
GENERIC_HEADS = frozenset("boss chief head".split())
SUBORDINATE = frozenset("deputy vice vice- assistant acting former first-deputy shadow".split())

ORGANIZATION_NOUNS = frozenset(
    """
trust council
ministry department office service agency government administration commission committee
council parliament assembly court police army military embassy company firm corporation bank
party union organisation organization association authority authorities cabinet presidency
secretariat foundation fund board bureau coalition alliance movement campaign group press-
service spokesman's consulate mission headquarters command staff prosecutors prosecutor's
court team club league federation institute university hospital charity network channel
newspaper
""".split()
)

# Last words of an organisation's name, never of a person's ("Manchester United", "Acme Ltd").
ORGANIZATION_TAILS = frozenset(
    """
united city rovers athletic wanderers albion fc afc inc ltd plc llc corp corporation holdings
group bank airlines airways association council party union committee institute university
college hospital foundation trust
""".split()
)

# Party words: capitalised in a title ("the Democratic senator") but no place of its holder.
PARTY_WORDS = frozenset(
    """
democratic democrat republican gop labour tory conservative liberal green socialist
communist libertarian unionist nationalist
""".split()
)

# Words that make a name a news outlet's ("the LA Daily News", "Entertainment Weekly").
NEWS_OUTLET_WORDS = frozenset(
    """
news daily weekly times post journal magazine herald gazette tribune telegraph guardian
observer chronicle courier examiner inquirer review radio television tv
""".split()
)

# "The club said", "the company added": an organisation of the kind an article is about, not one
# of the bodies around it; such a bare noun is the organisation the article names most.
PROTAGONIST_ORGANIZATION_NOUNS = frozenset(
    "club company firm team group bank corporation charity business carrier airline".split()
)

# Nouns for written sources; the first set usually stands for whoever issued it.
ISSUER_DOCUMENT_NOUNS = frozenset(
    "message release communique communiqué note notice post tweet".split()
)
DOCUMENT_NOUNS = ISSUER_DOCUMENT_NOUNS | frozenset(
    """
draft
document statement declaration agreement treaty report resolution letter decree law bill
memo memorandum text order ruling verdict study survey paper filing indictment complaint
lawsuit transcript readout minutes guidance directive regulation charter accord
column editorial op-ed essay article
""".split()
)

# "a report on ...", "a study into ...": the prepositions whose phrase names a document.
DOCUMENT_TOPIC_PREPOSITIONS = frozenset("on into about of".split())
# People known by whose they are: "his agent", "Doe's lawyer", "her husband".
RELATIONAL_NOUNS = frozenset(
    """
agent lawyer attorney solicitor spokesman spokeswoman spokesperson wife husband son daughter
mother father brother sister aide adviser advisor manager publicist friend colleague partner
widow widower fiancee fiance
""".split()
)

# Nouns that say the person's gender.
NOUN_GENDERS = {
    **dict.fromkeys(
        "wife mother daughter sister widow fiancee spokeswoman businesswoman chairwoman".split(),
        "female",
    ),
    **dict.fromkeys(
        "husband father son brother widower fiance spokesman businessman chairman".split(),
        "male",
    ),
}

# Words that make a description an unnamed source ("this source", "the second official").
UNNAMED_MARKERS = frozenset("this unnamed anonymous unidentified second third fourth fifth".split())
INDEFINITE_DETERMINERS = frozenset("a an one some another several many two three".split())
DETERMINERS = frozenset("the a an this that these those one some another".split())


# Abbreviated titles, as the title keys they stand for ("Gov. Jane Doe" is "the governor").
TITLE_ABBREVIATIONS = {
    "sen": "senator",
    "rep": "representative",
    "gov": "governor",
    "gen": "general",
    "col": "colonel",
    "capt": "captain",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "supt": "superintendent",
    "insp": "inspector",
    "adm": "admiral",
    "cmdr": "commander",
    "maj": "major",
    "cllr": "councillor",
    "amb": "ambassador",
    "prof": "professor",
    "pres": "president",
    "sec": "secretary",
    "atty": "attorney",
}


def role_nouns(words: list[str]) -> set[str]:
    """Every role noun (one or two words) in `words`, as title keys."""
    lowered: list[str] = []
    for w in words:
        w = w.lower().strip(".,")
        if lowered and (w in ("-", "‐") or lowered[-1].endswith("-")):
            lowered[-1] += w  # "front", "-", "runner": the tokens of one hyphenated word
        else:
            lowered.append(w)
    lowered = [TITLE_ABBREVIATIONS.get(w, w) for w in lowered]
    found: set[str] = set()
    for i, word in enumerate(lowered):
        if word in PERSON_NOUNS:
            found.add(word)
        if i + 1 < len(lowered):
            pair = f"{word}-{lowered[i + 1]}"
            if pair in PERSON_NOUNS:
                found.add(pair)
        if i + 2 < len(lowered):
            triple = f"{word}-{lowered[i + 1]}-{lowered[i + 2]}"
            if triple in PERSON_NOUNS:
                found.add(triple)
    # "prime-minister" found: the plain "minister" and "prime" in it say less, and would match
    # any minister.
    return {f for f in found if not any(f != g and f in g.split("-") for g in found)}


def person_suffixed(word: str) -> bool:
    """ "glaciologist", "caretaker", "evacuee": a noun for a person by its ending."""
    w = word.lower()
    return (
        len(w) >= 7
        and w.isalpha()
        and w.endswith(PERSON_SUFFIXES)
        and w not in NOT_PERSON_SUFFIXED
        and w not in PERSON_NOUNS
    )
