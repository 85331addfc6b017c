# ruff: noqa: N999  (the module name mirrors rdflib's _ORG.py, _SKOS.py, …)
"""The diplomatic-kg ontology namespace (prefix ``dkg:``) as a typed rdflib class.

GENERATED from ontology/dkg.ttl by ``python -m kg.rdf.gen_namespace``: do not edit.
Ontology: diplomatic-kg ontology, version 0.1.0.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class DKG(DefinedNamespace):
    """diplomatic-kg ontology (version 0.1.0); typos raise ``AttributeError``."""

    _NS = Namespace("https://w3id.org/diplomatic-kg/ontology#")
    _fail = True

    #: A real-world party that can take part in diplomatic relations: a state, person, organization, armed group or collective. Linked to Wikidata with owl:sameAs when the QID is known.
    Actor: URIRef
    #: The source agrees with the target, signs a deal with it or commits to cooperate. Directed, as CAMEO 03 (the source expresses intent to cooperate with the target) and as the extractor emits it: "A pledged aid to B" is A agrees B; a deal both sign gives one event each way.
    Agreement: URIRef
    #: A non-state armed or political group, such as a militia or insurgent movement (extractor kind "group").
    ArmedGroup: URIRef
    #: The text states the relation as fact in its own voice (a claim).
    Asserted: URIRef
    #: The source uses force against the target: strikes, shelling, raids, fighting.
    Attack: URIRef
    #: The modalities under which the text presents a relation as having happened: an event with one of them is a claim, gets a direct edge between its actors and counts in the signed network.
    ClaimModalities: URIRef
    #: A loose collective of actors referred to as one, such as "the West" or "Western powers".
    Collective: URIRef
    #: The source criticizes, condemns, accuses or denounces the target.
    Criticism: URIRef
    #: The source denies or rejects a claim or a proposal; dkg:deniedClaim links the denied event when it is known.
    Denial: URIRef
    #: Someone in the text denies the relation (the object of a Denial); not a claim.
    Denied: URIRef
    #: One input article. Its IRI is also the name of the named graph holding everything derived from it.
    Document: URIRef
    #: A relation between a source actor and an optional target actor, reified so it can carry modality, date, place and evidence. Deduplicated across documents: the same relation, actors, modality and date give one event.
    Event: URIRef
    #: An event as stated in one sentence of one document: the sentence, its character offsets, the trigger word and the extractor's confidence.
    Evidence: URIRef
    #: The relation is possible, planned, expected or speculated about ("a potential meeting"); not a claim.
    Hypothetical: URIRef
    #: Two actors meet, hold talks or consult each other in person or by phone.
    Meeting: URIRef
    #: How a text holds a relation to be true. Only events whose modality is a member of dkg:ClaimModalities (asserted, reported) are claims and get a direct edge.
    ModalityScheme: URIRef
    #: The text says the relation did not happen ("did not meet"); not a claim.
    Negated: URIRef
    #: A formal organization: an international or intergovernmental body, a ministry, a party or a company.
    Organization: URIRef
    #: An individual, such as a head of state, minister or spokesperson; dkg:country gives the state the person represents.
    Person: URIRef
    #: A place named in the text as where an event happened, e.g. "the Kremlin"; dkg:country gives its state.
    Place: URIRef
    #: The text reports the relation on someone's authority ("sources said", "according to"); still a claim.
    Reported: URIRef
    #: The source asks the target for help, aid or an action, without pressure.
    Request: URIRef
    #: The source imposes sanctions, an embargo or other punitive measures on the target.
    Sanction: URIRef
    #: A sovereign state or its government acting as a whole, identified by its ISO 3166-1 alpha-3 code (dkg:iso3).
    State: URIRef
    #: The source backs, endorses, praises or stands by the target.
    Support: URIRef
    #: The source threatens the target with force, sanctions or other harm.
    Threat: URIRef
    #: The source urges, calls on, presses or demands that the target act.
    Urging: URIRef
    #: The source travels to the target (a state or its leadership) on an official visit.
    Visit: URIRef
    #: The extractor's name for the actors of an actor class ("state", "person", "organization", "group", "collective"), set on each subclass of dkg:Actor.
    actorKind: URIRef
    #: Direct edge: the subject agrees or signs a deal with the object (asserted or reported). Not symmetric: a mutual agreement is stated as two edges.
    agrees: URIRef
    #: Direct edge: the subject attacks the object (asserted or reported).
    attacks: URIRef
    #: On evidence: the actor the statement is attributed to (who said it), when the text names a speaker.
    attributedTo: URIRef
    #: The extractor's confidence in the evidence, a decimal in [0, 1] rounded to 3 places.
    confidence: URIRef
    #: "sha256:" followed by the hex SHA-256 of the document text encoded as UTF-8.
    contentHash: URIRef
    #: True on the event classes of the four relations the project started with (meets, supports, urges, denies): the ones kg eval scores.
    coreRelation: URIRef
    #: The state an actor is or represents (a state's country is itself), or the state a place is in.
    country: URIRef
    #: Direct edge: the subject criticizes or condemns the object (asserted or reported).
    criticizes: URIRef
    #: When the event happened, as a full xsd:date; for month or year granularity the first day of the period.
    date: URIRef
    #: How precise dkg:date is: "day", "month" or "year".
    dateGranularity: URIRef
    #: On a Denial: the event it denies (whose modality is dkg:Denied). Named deniedClaim because dkg:denies is the direct edge between actors.
    deniedClaim: URIRef
    #: Direct edge: the subject denies or rejects a claim or proposal concerning the object (asserted or reported).
    denies: URIRef
    #: The colour (CSS hex) the explorer draws the edges of a relation type in, set on each event class.
    displayColor: URIRef
    #: Links an event class to the direct-edge object property asserted between its source and target when the event is a claim (modality asserted or reported).
    edgeProperty: URIRef
    #: Character offset just after the evidence sentence in the document text.
    end: URIRef
    #: Links an event to a sentence of a document that states it; the number of distinct documents behind an event's evidence is its corroboration.
    hasEvidence: URIRef
    #: The ISO 3166-1 alpha-3 code of a state, e.g. "RUS".
    iso3: URIRef
    #: On an event class: the event class it counts as in lenient scoring (kg eval --lenient), e.g. a visit counts as a meeting.
    lenientMatch: URIRef
    #: Direct edge: the two actors met (asserted or reported). Symmetric.
    meets: URIRef
    #: How the text holds the event to be true: a concept of dkg:ModalityScheme.
    modality: URIRef
    #: The position of a relation type in lists, legends and reports (kg.vocab.relation_names), set on each event class: the lowest first.
    order: URIRef
    #: Where the event happened, when the text says.
    place: URIRef
    #: The relation name of an event, the dkg:relationName of its event class (e.g. "meets" on a dkg:Meeting), for easy filtering.
    relation: URIRef
    #: The relation name used by the extractor and in dkg:relation values (e.g. "meets"), set on each event class.
    relationName: URIRef
    #: Direct edge: the subject asks the object for help or an action (asserted or reported).
    requests: URIRef
    #: Direct edge: the subject imposes sanctions on the object (asserted or reported).
    sanctions: URIRef
    #: The evidence sentence, exactly as it appears in the document text.
    sentence: URIRef
    #: The sign and strength of a direct-edge relation for alliance analytics: positive for cooperation, negative for conflict, in [-2, +2]. Set on each direct-edge object property (see ontology/README.md for the reasoning behind each value).
    signedWeight: URIRef
    #: The actor that performs the event (the one who meets, supports, urges, denies, …).
    source: URIRef
    #: Character offset where the evidence sentence starts in the document text.
    start: URIRef
    #: Direct edge: the subject supports the object (asserted or reported).
    supports: URIRef
    #: The actor the event is directed at; absent when the text names none.
    target: URIRef
    #: Direct edge: the subject threatens the object (asserted or reported).
    threatens: URIRef
    #: The word or words of the sentence that express the relation, e.g. "met".
    trigger: URIRef
    #: Direct edge: the subject urges or presses the object to act (asserted or reported).
    urges: URIRef
    #: Where the document was published, as an xsd:anyURI literal (kept as a literal so arbitrary URLs never break the graph).
    url: URIRef
    #: Direct edge: the subject visits the object (asserted or reported).
    visits: URIRef
