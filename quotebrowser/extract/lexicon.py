"""General English vocabulary for attribution: speech verbs, role nouns, organisation and document
nouns. Word classes only: no person, outlet or place is named here (speakers come from the text).
"""

from __future__ import annotations

from collections import Counter


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string; a word listed twice is a slip
    (two people adding the same word), so it is refused at import."""
    listed = text.split()
    twice = sorted(w for w, n in Counter(listed).items() if n > 1)
    if twice:
        raise ValueError(f"listed twice: {', '.join(twice)}")
    return frozenset(listed)


# ----- How far attribution looks (every window and limit, in one place) -----------------------
# Words after a closing mark searched for its cue ("...," the minister said).
TAIL_WINDOW_TOKENS = 40
# A speech verb further than this into the tail belongs to another clause.
TAIL_MAX_VERB_INDEX = 8
# Steps up the parse from a quote's first word to the verbs that may govern it.
MAX_HEAD_CLIMB = 30
# Clauses climbed from a participle or a subordinate verb to the subject it shares.
MAX_CLAUSE_CLIMB = 4
# Tokens before an opening mark read for `she said, "`: the punctuation, then the last few
# words, one of which must be a speech verb.
CUE_BEFORE_MARK_TOKENS = 6
CUE_BEFORE_MARK_WORDS = 3
# A verb that heads no clause of its own: an auxiliary, or a participle used as an adjective
# ("the 14th-ranked Doe said").
NOT_CLAUSE_DEPS = words("aux auxpass amod compound")
# How many words before a speech verb a modal or "not" of its own stands ("did not quite say").
NEGATION_REACH = 3
# Words before an opening mark searched for a speech verb ("said the following: ").
SURFACE_CUE_WORDS = 5
# The longest "Name:" lead of a headline or standfirst quote, in characters, and the most words
# of a transcript's speaker label ("Q:", "DOE:", "Jane Doe:").
HEADLINE_LEAD_CHARS = 60
LABEL_MAX_WORDS = 4
# A transcript's labels for the one who asks and the one who answers ("Q:", "A:").
QUESTION_LABELS = words("q question interviewer")
ANSWER_LABELS = words("a answer")
# "Questions by Jane Doe", "the interview, conducted by Jane Doe": who asked.
INTERVIEWER_CUES = words("questions question interview interviewed conducted asked")
# How far into an article its byline ("By Jane Doe") may stand, in characters.
BYLINE_CHARS = 400
# The longest apposition after (and before) a name that is still a title, in tokens.
APPOSITION_AFTER_TOKENS = 25
APPOSITION_BEFORE_TOKENS = 12
# How far back (in characters) a person with no known office may be the referent of a description.
RECENT_CHARS = 600
# A quote this short could be anyone's words: only longer ones are taken as an echo of another.
ECHO_MIN_CHARS = 6
# ... and the fewest words a fragment with no cue at all needs to be kept for it.
ECHO_KEPT_MIN_WORDS = 2
# ... and a cut of a fuller quote (its words in order, others between) this many words long.
ECHO_MIN_WORDS = 4
# Endings of a people's or a country's adjective ("Freedonian", "Veldavian", "Danish"), which
# the recogniser sometimes labels a place.
DEMONYM_ENDINGS = ("an", "ish", "ese", "i")
# Characters around a place searched for what it is the capital of ("Kessel, the Freedonian
# capital").
CAPITAL_WINDOW_CHARS = 40
# Characters after a name searched for the age a description refers to ("Jane Doe, 54,"), and
# the most that may stand between the name and the comma or bracket before the age.
AGE_WINDOW_CHARS = 80
AGE_NAME_GAP_CHARS = 40
# Paragraphs before a quote searched for the person the text was about (the extractor parses
# them fully, so that a speaker introduced there is known).
CONTEXT_PARAGRAPHS = 3
# Characters read at a time, back from a quote, for the last subject before it in its paragraph.
SUBJECT_LOOKBACK_CHARS = 1000
# The most words of a headline or subheading line.
HEADING_MAX_WORDS = 16
# Paragraphs at the top (headline, lead) where "a minister" may be someone named further down.
LEAD_PARAGRAPHS = 2
# ----- Running spaCy (extract/runner.py) ----------------------------------------------------
# Paragraphs spaCy reads at once: larger batches make larger matrix products (measured fastest
# at 256 paragraphs, beside 64 and 1,000).
SPACY_BATCH = 256
# ... and no more characters than this in a batch on average (memory grows with them).
SPACY_BATCH_CHARS = 50_000
# The longest stretch of one paragraph spaCy reads as one Doc; a longer paragraph (a whole
# article run together) is cut between sentences, outside quotes.
PIECE_CHARS = 5000

# ----- The regex pass (extract/marks.py) ------------------------------------------------------
# The longest run of paragraphs a quote may span without a re-opening mark on each.
MAX_OPEN_PARAGRAPHS = 12
# How far back past spaces and closing marks to look for the full stop before a mark that
# reopens a flattened quote (`slow. "Rates`): bounded, to stay linear.
REOPEN_LOOKBACK = 8
# How far back to look for the last sentence end before a mark: longer than any sentence, and
# bounded so the pass stays linear.
SENTENCE_LOOKBACK = 2000

# Standalone quotes shorter than this (in words) with no cue are scare quotes or slogans.
MIN_UNCUED_WORDS = 4
# A capitalised run longer than this (in words) is not a name in quotation marks.
NAME_MAX_WORDS = 6
# Paragraphs shorter than this (in tokens) are captions, credits or bylines.
CAPTION_MAX_TOKENS = 4

# Lemmas of verbs that report speech or a stated view.
SPEECH_VERBS = words("""
say tell add note stress explain state claim insist argue warn write announce declare remark
reply respond answer ask conclude emphasize emphasise underline underscore point sum
continue recall admit acknowledge suggest comment observe quip tweet post report confirm
deny assert maintain believe think hope urge call describe vow promise pledge predict
exclaim shout whisper repeat reiterate mention complain joke concede boast lament threaten
caution demand express voice indicate specify clarify highlight summarize summarise agree
disagree recount testify allege contend counter retort murmur cry scream yell sigh reason
wonder propose recommend advise estimate forecast confess reveal disclose inform assure
reassure proclaim pronounce read quote cite label dub term brand welcome praise criticize
criticise condemn accuse told characterize characterise dismiss hail decry denounce deride
ridicule slam blast lambast
""")

# Words before quotation marks that make what they hold a name the writer keeps at a distance,
# not anyone's words ('the so-called "security corridor"').
DISTANCING_WORDS = ("so-called", "so called", "self-styled", "self-proclaimed")
# How far before an opening mark such words (and "a", "another") are looked for, in characters.
BEFORE_MARK_CHARS = 20
# Before a capitalised word in quotation marks, these make it a common noun, not a name.
INDEFINITE_ARTICLES = words("a an another")
# Verbs of regarding that give the subject's own word for something with "as" ("which the
# company views as "a fundamental right"", "regards the deal as "a betrayal"").
REGARDING_VERBS = words("view regard see consider")
# Adjectives of a stated view that govern what is said as a verb does ("she is convinced that
# ...", "he was confident that ...").
STANCE_ADJECTIVES = words("convinced confident certain adamant")
# Nouns of a stated view: "in her view, ...".
VIEW_NOUNS = words("opinion view words estimation assessment judgment judgement")
# What may stand between a speech verb and the opening mark it introduces ("said that: ").
SURFACE_FILLERS = frozenset(("that", "the", "following", "as", "follows"))
# Small words inside names ("Friends of the Sea", "Ursula von der Leyen"), and skipped in initials.
NAME_SMALL_WORDS = words(
    "of and the for in on to a an at by with from - – — & de la von van der al"
)
# The lower-case words a person's name may hold inside it ("Charles de Gaulle", "Ludwig van
# Beethoven", "Mohammed bin Salman"); any other ("La Guerre sacrée de Poutine") makes a title.
PERSON_NAME_PARTICLES = words(
    "de la le du da di do dos das del della van von der den ter al el bin ibn ben y e"
)
# Words a reported clause has at least before its speaker ("It will be built, Doe said").
CLAUSE_FIRST_WORDS = 3
# Endings of a verb that opens a sentence before a name and is no first name ("Hosting Doe").
PARTICIPLE_ENDINGS = ("ing",)
# Endings of a capitalised description before a name ("Campaigner Jane Doe"), in a word of at
# least this many letters (shorter ones are as often first names: "Homer", "Igor").
AGENT_NOUN_MIN_LETTERS = 7
AGENT_SUFFIXES = ("master", "er", "or", "ist", "man", "woman", "ant", "ent")
# Endings of a common noun for a person, read as a title only where a title stands (before a
# name, in apposition to it): "glaciologist", "forecaster", "caretaker", "evacuee".
PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ee")
# Nouns with those endings that are no person.
NOT_PERSON_SUFFIXED = words("""
committee number chapter corner weather border computer register letter matter quarter chamber
theater theatre shelter sector factor mirror error motor corridor behavior behaviour interior
colour color together however whatever another whether further rather manner banner power
tower water winter summer answer order paper member guarantee jubilee median meridian
""")
# Endings of the sciences' practitioners, quoted for expertise: "glaciologist".
ANALYST_SUFFIXES = ("ologist",)
# Nouns for someone who speaks for an organisation.
SPOKESPEOPLE = words("spokesperson spokesman spokeswoman representative")
POSSESSIVES = words("his her their its our my your")

# Verbs of showing and hearing: "the film showed Doe telling ...", "heard Doe saying ...".
PERCEPTION_VERBS = words("show see hear film catch record depict capture overhear")

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
SPEECH_NOUNS = words("""
claim remark comment statement words description accusation warning suggestion assertion
allegation charge jibe quip promise pledge vow insistence argument complaint admission
""")

# Nouns whose "that" clause is a stated view: "expressed hope that ...", "voiced concern that ...".
OPINION_NOUNS = words("hope confidence concern belief view opinion conviction fear doubt")

# Post-verb particles that belong to the cue ("pointed out", "summed up").
CUE_PARTICLES = words("out up on back in")

# First person outside quotes is the writer, never a speaker to resolve to.
PERSON_PRONOUNS = words("he she him her his hers")
MALE_PRONOUNS = words("he him his")
FEMALE_PRONOUNS = words("she her hers")
GROUP_PRONOUNS = words("it they its their them")
# A thing's possessive: "Acme said its sales fell" makes an organisation of "Acme".
THING_POSSESSIVES = words("its")

# Suffixes of a name ("Jane Doe Jr.") and letters after one ("Jane Doe QC"): no surname.
NAME_SUFFIXES = words("jr jr. sr sr. ii iii iv")
POST_NOMINALS = words("qc kc obe mbe cbe kbe dbe phd frs")
MALE_HONORIFICS = words("mr mr. sir lord")
FEMALE_HONORIFICS = words("mrs mrs. ms ms. miss dame lady madam")
HONORIFICS = (
    MALE_HONORIFICS
    | FEMALE_HONORIFICS
    | words("""
dr dr. prof prof. professor rev rev. gen gen. col col. capt capt. sen sen. rep rep. gov gov.
""")
)

# Role nouns, by the group a speaker with that role belongs to (multi-word ones too).
LEADER_TITLES = words("""
president prime-minister premier chancellor king queen emperor empress monarch sultan emir
shah leader head-of-state head-of-government supreme-leader commander-in-chief pope
taoiseach
""")
OFFICIAL_TITLES = words("""
sen rep gov gen col capt lt sgt supt insp adm cmdr maj cllr amb
councilman councilwoman alderman alderwoman assemblyman assemblywoman selectman
director-general secretary-general
minister secretary spokesperson spokesman spokeswoman ambassador envoy official governor
mayor senator congressman congresswoman lawmaker legislator mp deputy representative
diplomat general commander chief adviser advisor aide chairman chairwoman chair director
head officer commissioner prosecutor judge attorney administrator councillor councilor
sheriff inspector press-secretary vice-president speaker undersecretary consul negotiator
mediator regulator superintendent marshal admiral colonel captain lieutenant sergeant major
candidate nominee front-runner frontrunner contender hopeful challenger incumbent mep msp
constable running-mate
""")
ANALYST_TITLES = words("""
analyst expert researcher professor scholar fellow economist scientist lecturer historian
strategist commentator observer specialist academic sociologist pollster consultant
political-scientist political-analyst critic columnist pundit journalist writer editor
""")
OTHER_PERSON_NOUNS = words("""
agent landlord tenant nurse driver pilot soldier fisherman fisherwoman shopkeeper chef artist
novelist poet coordinator co-ordinator actor actress singer musician athlete striker midfielder
defender goalkeeper goaltender goalie winger defenseman defenceman fullback full-back
quarterback pitcher batsman bowler jockey cyclist sprinter swimmer boxer golfer manager coach
referee surgeon engineer architect campaigner organiser organizer volunteer pensioner parent mum
dad grandmother grandfather nun priest imam rabbi bishop pastor businessman businesswoman
entrepreneur investor trader banker lawyer solicitor barrister resident witness activist doctor
teacher student source reporter farmer worker victim survivor assistant advocate archbishop
patriarch catholicos cardinal cleric mufti ayatollah sheikh protester voter citizen man woman
owner founder executive ceo employee player member person people father mother son daughter
neighbour neighbor sources boss presenter host anchor interviewer sister brother midwife
paramedic firefighter carer caregiver shopper commuter passenger fan supporter spectator
onlooker bystander villager local parishioner customer patient tourist motorist pupil graduate
retiree veteran refugee migrant
""")
PERSON_NOUNS = LEADER_TITLES | OFFICIAL_TITLES | ANALYST_TITLES | OTHER_PERSON_NOUNS

# Words in a role that mark research and commentary rather than office.
ANALYST_PLACES = words("institute university think-tank academy college centre center school")
# Words that put an office in the past.
FORMER = words("former ex ex- retired onetime one-time erstwhile late outgoing")
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
GENERIC_HEADS = words("boss chief head")
# Prefixes of rank before a title ("co-chairman", "vice-chancellor", "ex-minister").
ROLE_PREFIXES = words("co vice deputy ex acting under joint")
# Modifiers that turn a leader's title into an office below it.
SUBORDINATE = words("deputy vice vice- assistant acting former first-deputy shadow")

ORGANIZATION_NOUNS = words("""
trust council
ministry department office service agency government administration commission committee
parliament assembly court police army military embassy company firm corporation bank
party union organisation organization association authority authorities cabinet presidency
secretariat foundation fund board bureau coalition alliance movement campaign group
press-service spokesman's consulate mission headquarters command staff prosecutors prosecutor's
team club league federation institute university hospital charity network channel
newspaper
""")

# Last words of an organisation's name, never of a person's ("Dunmore United", "Acme Ltd").
ORGANIZATION_TAILS = words("""
united city rovers athletic wanderers albion fc afc inc ltd plc llc corp corporation holdings
group bank airlines airways association council party union committee institute university
college hospital foundation trust
""")

# Party words: capitalised in a title ("the Democratic senator") but no place of its holder.
PARTY_WORDS = words("""
democratic democrat republican gop labour tory conservative liberal green socialist
communist libertarian unionist nationalist
""")

# Words that make a name a news outlet's ("the LA Daily News", "Entertainment Weekly").
NEWS_OUTLET_WORDS = words("""
news daily weekly times post journal magazine herald gazette tribune telegraph guardian
observer chronicle courier examiner inquirer review radio television tv
""")

# "The club said", "the company added": an organisation of the kind an article is about, not one
# of the bodies around it; such a bare noun is the organisation the article names most.
PROTAGONIST_ORGANIZATION_NOUNS = words(
    "club company firm team group bank corporation charity business carrier airline"
)

# Offices that issue readouts of their principals' talks: what a readout quotes is theirs.
READOUT_ISSUERS = words("service office ministry presidency administration secretariat")
# Nouns for written sources; the first set usually stands for whoever issued it.
ISSUER_DOCUMENT_NOUNS = words("message release communique communiqué note notice post tweet")
DOCUMENT_NOUNS = ISSUER_DOCUMENT_NOUNS | words("""
draft
document statement declaration agreement treaty report resolution letter decree law bill
memo memorandum text order ruling verdict study survey paper filing indictment complaint
lawsuit transcript readout minutes guidance directive regulation charter accord
column editorial op-ed essay article
""")

# "the country's Defence Ministry": nouns that stand for the country the article last named.
COUNTRY_NOUNS = words("country nation state")
POSSESSIVE_ENDINGS = frozenset(("'s", "’s"))

# "a report on ...", "a study into ...": the prepositions whose phrase names a document.
DOCUMENT_TOPIC_PREPOSITIONS = words("on into about of")
# People known by whose they are: "his agent", "Doe's lawyer", "her husband".
RELATIONAL_NOUNS = words("""
agent lawyer attorney solicitor spokesman spokeswoman spokesperson wife husband son daughter
mother father brother sister aide adviser advisor manager publicist friend colleague partner
widow widower fiancee fiance
""")

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
UNNAMED_MARKERS = words("this unnamed anonymous unidentified second third fourth fifth")
INDEFINITE_DETERMINERS = words("a an one some another several many two three")
DETERMINERS = words("the a an this that these those one some another")
# Determiners that speak of anyone, or everyone, of a kind: "every nominee", "no minister".
QUANTIFIERS = words("every each any no all")


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
    lowered = [part for w in lowered for part in unprefixed(TITLE_ABBREVIATIONS.get(w, w))]
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


def unprefixed(word: str) -> list[str]:
    """ "co-chairman" -> ["co", "chairman"]: a title with a prefix of rank is that title
    ("vice-president", a title of its own, stays whole)."""
    prefix, _, rest = word.partition("-")
    if rest and prefix.lower() in ROLE_PREFIXES and word.lower() not in PERSON_NOUNS:
        return [prefix, rest]
    return [word]


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


# ----- Groups (extract/groups.py): how a role's words place its holder ---------------------------
# Groups from lowest to highest: a role of several capacities takes the highest.
GROUP_RANK = ("other", "analyst", "official", "leader")

# Heads whose group depends on the body they belong to: a "president" of a country leads it, a
# company's president is an executive; a chairman of a parliamentary committee holds office, a
# football club's chairman does not. Each one's group when nothing tells.
BODY_DEPENDENT = {
    "president": "leader",
    "vice-president": "official",
    "leader": "official",  # leads a party or a union as often as a country
    "head": "official",
    "director": "other",  # of a film, a charity, a company, unless a public body says so
    "chief": "official",
    "officer": "official",
    "official": "official",
    "chairman": "other",
    "chairwoman": "other",
    "chair": "other",
    "executive": "other",
    "ceo": "other",
    "manager": "other",
    "member": "other",
    "captain": "other",
    "founder": "other",
    "owner": "other",
    "coordinator": "other",
    "co-ordinator": "other",
    "organiser": "other",
    "organizer": "other",
    "worker": "other",
    "employee": "other",
    "assistant": "other",  # in a shop, unless to a president or minister
    "director-general": "official",  # of a public body; a business lobby's is other
    "administrator": "official",  # of a public programme, unless at a university or firm
}
# Those who serve someone: an assistant "to the President" serves in government.
AIDES = words("assistant aide adviser advisor counsellor counselor")
# Words of a role that say it is research or analysis: "head of research", "policy analyst".
RESEARCH_WORDS = words("research analysis studies")
# "the Caucasus programme director": a think tank's or an institute's programmes.
PROGRAMME_WORDS = words("programme program programmes programs")

# Words that place a role in public office: a legislature, a government, its services, a party
# or an election campaign, an international body.
PUBLIC_BODY = words("""
government ministry department parliament parliamentary congress congressional senate commons
lords assembly council cabinet committee commission agency bureau police army navy military
court tribunal federal municipal party campaign election electoral embassy consulate
administration presidency secretariat regulator authority international central civil
bloc faction opposition
""")
# A body named for what it campaigns to do ("the Committee to Protect Reporters", "the Campaign
# to End Poverty") is a campaign group, whatever its head noun: no public body.
CAMPAIGN_VERBS = words("protect defend save stop end free ban abolish promote preserve fight")
# Local government, as common nouns: "the city's budget director", "a county commissioner" (a
# capitalised "City" is part of a name: "City manager" is a club's).
LOCAL_GOVERNMENT = words("city county town borough district municipality province")
# Titles of those who serve a body, a member body's own when it is one: a union's or a guild's
# general secretary is no official.
SERVANT_TITLES = words("secretary treasurer")
# Heads who, before an agency's initials ("FBI Director", "director of the CIA"), hold office.
AGENCY_HEADS = words("director head chief")
# A communications director speaks for whom they work, as a spokesperson does.
SPEAKS_FOR = words("communications communication press media")
# Words for a country: its president leads it.
STATE = words("state states republic kingdom federation nation country")
# Words that place a role in a business, a club, the arts or a private association.
PRIVATE_BODY = words("""
company firm corporation corp inc ltd plc llc group bank club team league fc studio studios
label network channel newspaper magazine broadcaster charity retailer maker manufacturer
supermarket airline brand business industry store chain hotel restaurant film movie music
records entertainment media marketing sales digital technology tech investment commercial
union association society guild co cafe café shop bakery pub bar farm salon
""")
# Nouns that name a public body in its own name ("the Harbour Standards Inspectorate"); the
# adjectives of PUBLIC_BODY ("international", "central") name private bodies too.
PUBLIC_BODY_NAMES = (
    PUBLIC_BODY - words("international central civil federal municipal parliamentary")
) | words("inspectorate ombudsman")
# Bodies whose people speak as members or players, not for their expertise.
MEMBERS_BODY = words("club team fc union league association society guild church")
# Banks and brokers, whose people are quoted as analysts.
FINANCE_BODY = words("bank banks securities capital brokerage investments")
# Bodies whose heads and members are quoted for expertise (a school's are teachers: other).
RESEARCH = ANALYST_PLACES - {"school"}
# Modifiers of a head of state's title that make it an office below (or after) it.
NOT_IN_OFFICE = FORMER
# Office titles read only as the head of a role, not as person nouns of their own (a bare
# "justice" in a sentence is far more often the abstract noun).
OFFICE_HEADS = words("justice")
# Nouns too general to tell anything of who someone is; and nouns that say nothing until the
# body is named ("member of parliament", not "the most important member").
GENERIC = words("person people man woman someone")
MEMBERSHIP = words("member members")
# Prepositions that begin the body a role belongs to ("director | of the agency").
ROLE_PREPOSITIONS = words("of at for in with to from on by under")

# ----- Reported speech (extract/reported.py) ----------------------------------------------------
# Lemmas of verbs that report an act of saying or writing, for statements without quotation
# marks. Not SPEECH_VERBS: those also take in beliefs, feelings and judgements ("think", "hope",
# "welcome", "praise"), which frame a quotation well enough but make no report of a statement;
# nor "indicate" or "show", said of polls and figures as often as of people.
REPORTING_VERBS = words("""
say tell add note stress explain state claim insist argue warn write announce declare remark
reply respond answer ask conclude emphasize emphasise underline underscore suggest comment
observe quip tweet post report confirm deny assert maintain urge vow promise pledge predict
repeat reiterate mention complain joke concede boast brag lament threaten caution demand
specify clarify allege contend counter retort propose recommend advise confess reveal disclose
inform assure reassure proclaim testify acknowledge admit recall imply speculate swear
insinuate hint point question
""")
# Reporting verbs that report only with their particle: "pointed out that".
REPORTING_PARTICLES = {"point": "out"}
# Forms of them that a verb's regular endings do not make, for the look before parsing.
REPORTING_FORMS = words("said told wrote written swore sworn according")
# Reporting verbs whose "-s" form is far more often a noun ("talks", "states", "reports"): the
# look before parsing does not take it for a verb.
NOUN_LIKE_REPORTING = words("""
state post report note answer comment claim call question point promise demand reply pledge
vow counter hint boast joke label brand term
""")
# Verbs whose infinitive is what the speaker asked for or promised: "urged them to leave",
# "pledged to ban", "called on the council to act".
DIRECTIVE_VERBS = words("""
tell ask urge warn exhort implore beg advise instruct call pledge vow promise demand
""")
# ... and the preposition that brings the one asked in: "called on X to", "called for X to".
DIRECTIVE_PREPOSITIONS = {"call": frozenset({"on", "upon", "for"})}
# Prepositions whose gerund shares the subject of the verb it hangs on ("rallied them by
# warning that", "left after saying that"); not "for" or "of", whose gerund is often the object's
# ("criticised her for saying that": she said it).
SHARED_SUBJECT_PREPOSITIONS = words("by after before while upon on in without")
# Verbs whose gerund is what was said: "joked about moving", "accused X of lying", "warned
# against allowing", "called for bringing back", "proposes breaking up".
GERUND_VERBS = words("""
joke boast brag complain warn caution accuse call argue propose suggest recommend deny admit
""")
GERUND_PREPOSITIONS = words("about of against for")
GERUND_OBJECT_VERBS = words("propose suggest recommend deny admit")
# Verbs of naming that say something of their object: "called him a liar", "described the talks
# as constructive" (with the preposition that brings in what it was called).
NAMING_VERBS = words("call brand label dub term describe characterise characterize")
NAMING_PREPOSITIONS = {
    "describe": "as",
    "brand": "as",
    "label": "as",
    "characterise": "as",
    "characterize": "as",
}
# Reporting verbs whose object is the one told, not what was said: "told the BBC (that) ...".
ADDRESSEE_VERBS = words("tell inform assure reassure warn remind brief")
# Verbs whose object, a noun for something said with its content, is the speaker's: "made the
# claim that", "repeating a claim that".
SPEECH_NOUN_VERBS = words("make repeat issue reiterate voice echo")
# Nouns for a source a statement may have besides people, bodies and documents: "according to
# FEC records", "a senior government figure said", "the latest poll average".
SOURCE_NOUNS = words("""
figure physician doctor record filing poll survey average study estimate data count tally
""")
# "declined to say whether": nothing was said.
REFUSAL_VERBS = words("decline refuse fail")
# The fewest words a statement's content has (a proposition, not "he said so").
REPORTED_MIN_WORDS = 4
# Paragraphs from the top that may be a headline ("Doe: talks to resume", "Doe calls for ..."),
# and the most tokens of one.
HEADLINE_PARAGRAPHS = 0
HEADLINE_MAX_TOKENS = 20
# How far after a noun for something said its "that" is looked for, before parsing ("his
# repeated claim on Friday that ..."), in characters.
NOUN_THAT_CHARS = 60
# Words a reporting verb's `that` may come after when the parse hung it elsewhere ("predicted
# at the last debate that").
THAT_AFTER_WORDS = 8
# Words from an aside's "as" to its reporting verb ("as the ministry's statement noted").
AS_FRAME_WORDS = 8
# "as the agency reported, citing officials,": the participle that names the agency's source.
CITING_VERBS = words("cite quote")
# Relative pronouns of a clause set off at a statement's end: the writer's aside.
ASIDE_RELATIVES = words("which who whom whose")
# Tokens after a frame searched for the quotation it introduces ("Doe said of it, "...").
QUOTE_AFTER_FRAME_TOKENS = 6
