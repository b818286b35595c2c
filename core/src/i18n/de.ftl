## Allianz-Bot – deutsche Texte (Standard)

## Allgemein
sent-privately = Ich habe dir das privat geschickt.
need-membership = Das können nur Mitglieder. Du brauchst eine Einladung von einem Mitglied – dann: /beitreten CODE (z. B. /beitreten K7M4-Q2XP-9HWN).
need-consent = Fast geschafft: Bitte akzeptiere zuerst den Verhaltenskodex mit /kodex akzeptieren.
need-admin = Das dürfen nur Admins.
need-organiser = Das dürfen nur Organisator:innen.
private-hint = Ich reagiere auf Befehle. Schreib /hilfe für eine Übersicht.
unknown-command = Den Befehl /{ $word } kenne ich nicht. Alle Befehle zeigt /hilfe.
unknown-command-near = Den Befehl /{ $word } kenne ich nicht. Meintest du /{ $command }? Alle Befehle zeigt /hilfe.

access-anyone = alle
access-member = Mitglieder
access-organiser = Organisation
access-admin = Admins

role-member = Mitglied
role-organiser = Organisator:in
role-admin = Admin
status-pending = Kodex noch nicht akzeptiert
status-active = aktiv
status-forgotten = gelöscht

## Hilfe
help-title = Das kann ich:
help-all = Das sind die Befehle, die du benutzen kannst; alle zeigt /hilfe alle.
help-footer = Mehr zu einem Befehl: /hilfe <befehl>, z. B. /hilfe initiative
    Wer was sieht: Termine sind öffentlich (für alle, auch im Kalender), intern (nur Mitglieder) oder vertraulich (nur im vertraulichen Kanal, aus dem sie stammen). Deine Daten: /meine-daten zeigt alles, /vergessen löscht es.
help-usage = So geht's:
help-example = Beispiel:
help-alias = Auf Englisch: /{ $word }
start-guest = Hallo! Ich bin der Bot von { $alliance }. Mitglied wirst du mit einer Einladung: /beitreten CODE. Was ich sonst kann, zeigt /hilfe.
start-member = Hallo! Schön, dass du da bist. Was ich kann, zeigt /hilfe.

## Eingabefehler
problem-missing = Da fehlt noch etwas.
problem-too-many = Das sind zu viele Angaben.
problem-quote = Ein Anführungszeichen wurde nicht geschlossen.
problem-role = „{ $word }“ ist keine Rolle. Möglich: mitglied, organisator, admin.
problem-language = „{ $word }“ kenne ich nicht. Möglich: de, en.
problem-member = „{ $word }“ ist keine Mitgliedsangabe. Möglich: ein Name wie anna, #12, telegram:123456, @name:server (Matrix), console:name.
problem-field = „{ $word }“ ist kein Feld. Möglich: name, region, beschreibung, kontakt, webseite, themen.
problem-field-empty = Das Feld „{ $field }“ darf nicht leer sein.
problem-field-long = Das Feld „{ $field }“ ist zu lang (höchstens { $max } Zeichen).
problem-website = Die Webseite muss mit https:// oder http:// beginnen, z. B. https://tafel-suhl.de (oder „-“ für keine).
problem-topics = Höchstens { $max } Themen, durch Kommas getrennt.

field-name = Name
field-region = Region
field-description = Beschreibung
field-contact = Kontakt
field-website = Webseite
field-topics = Themen

## Beitreten und Kodex
join-welcome = Willkommen bei { $alliance }! Ein Schritt fehlt noch.
join-pending = Du hast dich schon angemeldet – es fehlt nur noch deine Zustimmung zum Kodex.
join-already-member = Du bist schon Mitglied. 🙂
join-unknown-code = Diesen Einladungscode kenne ich nicht. Er sieht so aus: K7M4-Q2XP-9HWN. Beispiel: /beitreten K7M4-Q2XP-9HWN
join-void-code = Dieser Einladungscode wurde nach zu vielen falschen Versuchen gesperrt. Bitte frag nach einer neuen Einladung (/einladen).
invite-voided = Einer deiner Einladungscodes wurde gesperrt: Jemand hat ihn zu oft falsch eingegeben. Mit /einladen bekommst du einen neuen – gib ihn nur direkt an die Person weiter.
code-locked-out = Zu viele falsche Codes in kurzer Zeit – aus Sicherheitsgründen nehme ich von diesem Konto eine Stunde lang keine Codes an. Prüf den Code in Ruhe und versuch es dann noch einmal.
link-void-code = Dieser Verknüpfungscode wurde nach zu vielen falschen Versuchen gesperrt. Hol dir einen neuen mit /verknuepfen.
link-voided = Dein Verknüpfungscode wurde gesperrt: Jemand hat ihn zu oft falsch eingegeben. Hol dir bei Bedarf einen neuen mit /verknuepfen.
link-notice = Das Konto { $identity } ist jetzt mit dir verknüpft. Warst du das nicht? Dann schreib hier: /verknuepfen lösen { $identity }
unlink-done = { $identity } gehört nicht mehr zu dir. Es kann sich jetzt nur mit einem neuen Code wieder verknüpfen.
unlink-self = Das Konto, von dem du gerade schreibst, kannst du hier nicht lösen. Schreib den Befehl von einem anderen deiner Konten.
unlink-unknown = Dieses Konto ist nicht mit dir verknüpft. Deine Konten zeigt /ich. Beispiel: /verknuepfen lösen telegram:123456
join-used-code = Dieser Einladungscode wurde schon benutzt. Bitte frag nach einer neuen Einladung (/einladen).
join-expired-code = Dieser Einladungscode ist abgelaufen. Bitte frag nach einer neuen Einladung (/einladen).
conduct-title = Unser Verhaltenskodex
conduct-how-to-accept = Einverstanden? Dann antworte mit: /kodex akzeptieren
conduct-intro = So gehen wir miteinander um:
conduct-join-first = Zuerst brauchst du eine Einladung: /beitreten CODE (z. B. /beitreten K7M4-Q2XP-9HWN).
conduct-already = Du hast den Kodex schon am { $when } akzeptiert. Danke!
conduct-accepted = Danke! Du bist jetzt Mitglied. Registriere deine Initiative mit /initiative neu oder schau dich mit /hilfe um.

## Mitglieder
language-current = Ich schreibe dir auf Deutsch. Auf Englisch umstellen: /sprache en
language-need-membership = Die Sprache kann ich mir erst merken, wenn du Mitglied bist (/beitreten CODE).
language-set = Alles klar, ich schreibe dir ab jetzt auf Deutsch.
whoami-guest = Du schreibst als { $identity } und bist noch kein Mitglied. Mit einer Einladung: /beitreten CODE
whoami-role = Rolle: { $role } · Status: { $status } · Verknüpfte Konten:
invite-created-lead = Dein Einladungscode:
invite-created = Gib ihn weiter; die neue Person schreibt /beitreten { $code }. Gültig bis { $expires }, nur einmal.
role-unknown-member = Dieses Mitglied finde ich nicht. Alle zeigt /mitglieder. Beispiel: /rolle anna organisator
role-not-yourself = Deine eigene Rolle kannst du nicht ändern – das macht eine andere Admin-Person.
role-set = { $name } ist jetzt { $role }.
role-you-now = Deine Rolle in der Allianz ist jetzt: { $role }.
link-code-lead = Dein Verknüpfungscode:
link-code-how = Schreib auf dem anderen Messenger an mich: /verknuepfen { $code } – gültig { $minutes } Minuten.
link-bad-code = Dieser Code ist unbekannt oder abgelaufen. Hol dir einen neuen mit /verknuepfen (im privaten Chat mit mir).
link-already = Dieses Konto ist schon mit dir verknüpft.
link-other-member = Dieses Konto gehört schon zu einem anderen Mitglied. Wende dich bitte an eine Admin-Person.
link-done = Verknüpft! { $identity } gehört jetzt zu dir – du bleibst eine Person mit einer Stimme.

## Daten
mydata-nothing = Über dich ist nichts gespeichert, außer dass deine Nachrichten an mich einmal verarbeitet wurden.
mydata-summary = Hier ist alles, was ich über dich gespeichert habe: { $accounts ->
        [one] ein Konto
       *[other] { $accounts } Konten
    }, { $initiatives ->
        [one] eine Initiative
       *[other] { $initiatives } Initiativen
    }, { $activity ->
        [one] ein Eintrag
       *[other] { $activity } Einträge
    } im Protokoll, dazu deine Antworten, Stimmen und Reaktionen. Details in der Datei.
personal-members = Du als Mitglied
personal-member_identities = Deine Messenger-Konten
personal-invitations = Einladungen, die du erstellt hast
personal-link_codes = Dein offener Verknüpfungscode
personal-initiatives = Initiativen, die du eingetragen hast (sie bleiben ohne dich auf der Karte)
personal-vacancies = Leerstand, den du eingetragen hast (er verschwindet von der Liste)
personal-conversations = Formulare, die du gerade Schritt für Schritt ausfüllst
personal-code_failures = Falsch eingegebene Codes der letzten Stunde
personal-audit_log = Was du getan hast (das Protokoll behält die Tatsachen, nicht deinen Namen)
personal-rsvps = Deine Antworten auf Termine
personal-poll_choices = Deine Stimmen in Umfragen (sie bleiben ohne deinen Namen gezählt)
personal-reactions = Deine Reaktionen auf Nachrichten des Bots
personal-events = Termine, die du angelegt hast (sie bleiben, ohne dich)
personal-polls = Umfragen, die du gestellt hast (sie bleiben, ohne dich)
personal-channels = Chats, die du als Kanal verbunden hast
personal-announcements = Ankündigungen, die du an die Kanäle geschickt hast
personal-outbox = Nachrichten an dich, bis sie zugestellt sind und danach für die Aufbewahrungsfrist
personal-budget_rounds = Runden des Spendenparlaments, die du eröffnet hast (sie bleiben, ohne dich)
personal-budget_contributions = Zuwendungen zum Topf, die du eingetragen hast
personal-grant_applications = Deine Förderanträge (sie bleiben, ohne dich)
personal-budget_voters = Dein Stimm-Pseudonym je Runde: deine Stimmen stehen nur darunter; nach dem Vergessen bleiben sie gezählt, ohne Verbindung zu dir
personal-budget_votes = Deine aktuellen Stimmen zu Förderanträgen (nach dem Vergessen bleiben sie gezählt, ohne Verbindung zu dir)
personal-budget_hints = Hinweise, dass eine Stimme von dir nicht zählen konnte
event-set-aside = ⚠️ Ein Ereignis von { $platform } ({ $kind }) ließ sich mehrmals nicht verarbeiten und wurde übersprungen, damit alle anderen weiter beantwortet werden. Fehler: { $error }. Die Liste zeigt „allianz-bot check“.
too-many-commands = Moment, bitte – zu viele Befehle auf einmal. In einer Minute geht es weiter; bis dahin lasse ich weitere Befehle von dir unbeantwortet.
invite-limit = Du hast heute schon { $limit ->
        [one] eine Einladung
       *[other] { $limit } Einladungen
    } erstellt – mehr geht erst morgen wieder. Offene Codes stehen in deinem privaten Chat mit mir.
poll-limit = In der letzten Stunde hast du schon { $limit ->
        [one] eine Umfrage
       *[other] { $limit } Umfragen
    } gestellt – die nächste geht etwas später.
forget-confirm = Damit lösche ich deinen Namen, deine verknüpften Konten, deine Antworten auf Termine (dein Platz geht an die Warteliste), deine Reaktionen, offene Codes und die für dich gespeicherten Nachrichten. Deine Initiativen, Termine und Umfragen bleiben, aber ohne Verbindung zu dir; abgegebene Stimmen bleiben anonym gezählt. Zugestellte Nachrichten bewahre ich höchstens bis zum Ende der Aufbewahrungsfrist auf. Wirklich? Dann: /vergessen bestätigen
forget-done = Erledigt. Deine persönlichen Daten sind gelöscht.

## Initiativen
initiative-registered = Eingetragen! Danke.
initiative-name-taken = Eine Initiative namens „{ $name }“ gibt es schon. Bitte wähle einen anderen Namen.
initiative-not-found = Eine Initiative „{ $name }“ finde ich nicht. Alle zeigt /initiativen.
initiative-did-you-mean = Meintest du: { $names }?
initiative-not-yours = Das darf nur, wer die Initiative eingetragen hat, oder die Organisation.
initiative-edited = Geändert: { $field }.
initiative-place-set = „{ $name }“ steht jetzt an diesem Ort auf der Karte der Allianz.
initiative-place-removed = „{ $name }“ steht nicht mehr auf der Karte.
place-waiting = Wo ist der Ort? Teile jetzt hier den Standort (📎 → Standort) – oder schick Koordinaten wie 50.6098, 10.6934 oder einen Link von openstreetmap.org.
place-not-understood = Das ist kein Ort auf der Karte. Erwartet: ein geteilter Standort, Koordinaten wie 50.6098, 10.6934 oder ein Link von openstreetmap.org. Abbrechen: /abbrechen
place-out-of-range = Dieser Standort liegt nicht auf der Erde – bitte noch einmal teilen.
initiative-place-gone = Die Initiative gibt es nicht mehr (archiviert?). Alle zeigt /initiativen
location-without-question = Danke für den Standort! Für die Karte: erst /initiative Name ort (oder /leerstand L3 ort), dann den Standort teilen.
initiative-contact-on-web = öffentlich auf der Webseite
initiative-contact-public = Der Kontakt von „{ $name }“ steht jetzt auch auf der öffentlichen Webseite der Allianz. Zurück: /initiative { $name } kontakt privat
initiative-contact-private = Der Kontakt von „{ $name }“ ist nur für Mitglieder sichtbar, nicht auf der Webseite. Zeigen: /initiative { $name } kontakt öffentlich
initiative-archived = „{ $name }“ ist archiviert und erscheint nicht mehr in der Liste.
initiatives-title = Initiativen der Allianz:
initiatives-title-for = Initiativen zu „{ $query }“:
initiatives-none = Noch keine Initiativen eingetragen. Mach den Anfang: /initiative neu
initiatives-none-for = Zu „{ $query }“ habe ich keine Initiativen gefunden. Alle zeigt /initiativen.
initiatives-more = … und weitere. Such genauer, z. B. /initiativen Suhl
initiatives-show-hint = Details: /initiative <Name>

## Formular
form-intro = Los geht's – ich frage dich Schritt für Schritt.
form-ask-name = Wie heißt die Initiative?
form-ask-region = In welcher Region ist sie aktiv? (z. B. Suhl, Hildburghausen)
form-ask-description = Beschreib sie in ein, zwei Sätzen.
form-ask-contact = Wie erreicht man sie? (E-Mail, Telefon oder Name)
form-ask-website = Webseite? (z. B. https://tafel-suhl.de)
form-ask-topics = Themen, durch Kommas getrennt? (z. B. Armut, Ernährung)
form-optional = „-“ für keine Angabe.
form-cancel-hint = /abbrechen beendet das Formular.
question-expired = Auf meine Frage kam keine Antwort; ich habe sie vergessen. Schreib den Befehl bitte noch einmal.
question-not-an-answer = Das verstehe ich nicht als Antwort auf meine Frage.
form-cancelled = Abgebrochen. Es wurde nichts gespeichert.
form-nothing-to-cancel = Gerade läuft nichts, was ich abbrechen könnte.

## Befehle: Hilfe, Aufruf, Beispiel
help-help = Übersicht aller Befehle oder Hilfe zu einem
usage-help = /hilfe [befehl]
example-help = /hilfe initiative
help-start = Begrüßung und erste Schritte
usage-start = /start
example-start = /start
help-language = Sprache der Antworten wählen (de, en)
usage-language = /sprache de|en
example-language = /sprache en
help-whoami = Zeigt deine Rolle und verknüpften Konten
usage-whoami = /ich
example-whoami = /ich
help-invite = Einladungscode für eine neue Person erzeugen
usage-invite = /einladen
example-invite = /einladen
help-join = Mit einem Einladungscode beitreten
usage-join = /beitreten CODE
example-join = /beitreten K7M4-Q2XP-9HWN
help-conduct = Verhaltenskodex lesen oder akzeptieren
usage-conduct = /kodex [akzeptieren]
example-conduct = /kodex akzeptieren
help-role = Rolle eines Mitglieds setzen (mitglied, organisator, admin)
usage-role = /rolle <wer> <rolle>
example-role = /rolle anna organisator
help-link = Konten auf mehreren Messengern zu einer Person verknüpfen
usage-link =
    /verknuepfen
    /verknuepfen CODE
    /verknuepfen lösen [KONTO]
example-link = /verknuepfen K7M4-Q2XP-9HWN
help-mydata = Alles, was über dich gespeichert ist, als Datei
usage-mydata = /meine-daten
example-mydata = /meine-daten
help-forget = Deine persönlichen Daten löschen
usage-forget = /vergessen [bestätigen]
example-forget = /vergessen bestätigen
help-initiative = Initiative eintragen, ändern, archivieren oder anzeigen
usage-initiative =
    /initiative neu Name | Region | Beschreibung | Kontakt | Webseite | Themen
    /initiative neu
    /initiative bearbeiten Name | Feld | neuer Wert
    /initiative archivieren Name
    /initiative Name ort 50.6098, 10.6934
    /initiative Name kontakt öffentlich|privat
    /initiative Name
example-initiative =
    /initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | info@tafel-suhl.de | https://tafel-suhl.de | Armut, Ernährung
    /initiative Tafel Suhl
usage-initiative-new =
    /initiative neu Name | Region | Beschreibung | Kontakt | Webseite | Themen
    /initiative neu   (ohne Angaben: Schritt für Schritt)
example-initiative-new = /initiative neu Tafel Suhl | Suhl | Wir retten Lebensmittel | info@tafel-suhl.de | - | Armut, Ernährung
usage-initiative-edit = /initiative bearbeiten Name | Feld | neuer Wert
example-initiative-edit = /initiative bearbeiten Tafel Suhl | region | Suhl-Nord
usage-initiative-place =
    /initiative Name ort 50.6098, 10.6934
    /initiative Name ort https://www.openstreetmap.org/?mlat=50.6098&mlon=10.6934
    /initiative Name ort -   (von der Karte nehmen)
example-initiative-place = /initiative Tafel Suhl ort 50.6098, 10.6934
usage-initiative-archive = /initiative archivieren Name
example-initiative-archive = /initiative archivieren Tafel Suhl
help-vacancy = Leerstand teilen und finden: leere Läden, Wohnungen, Werkstätten, Flächen
usage-vacancy =
    /leerstand neu Titel | Ort | Art | Beschreibung | Kontakt
    /leerstand [Region, Ort oder Art]
    /leerstand L3
    /leerstand L3 vergeben | verlängern
    /leerstand L3 ort 50.6098, 10.6934   (ohne Angabe: danach den Standort teilen)
    /leerstand L3 kontakt öffentlich|privat
    Arten: Laden, Wohnung, Haus, Werkstatt, Büro, Halle, Gaststätte, Grundstück, Sonstiges
example-vacancy = /leerstand neu Ehemalige Bäckerei | Suhl, Steinweg 12 | Laden | 80 m² mit Schaufenster, ab sofort | Stadtverwaltung, 03681 123456
usage-vacancy-new = /leerstand neu Titel | Ort | Art | Beschreibung | Kontakt
example-vacancy-new = /leerstand neu Ehemalige Bäckerei | Suhl, Steinweg 12 | Laden | 80 m² mit Schaufenster, ab sofort | Stadtverwaltung, 03681 123456
usage-vacancy-place =
    /leerstand L3 ort 50.6098, 10.6934
    /leerstand L3 ort https://www.openstreetmap.org/?mlat=50.6098&mlon=10.6934
    /leerstand L3 ort   (danach den Standort teilen)
example-vacancy-place = /leerstand L3 ort 50.6098, 10.6934
vacancy-kind-shop = Laden
vacancy-kind-flat = Wohnung
vacancy-kind-house = Haus
vacancy-kind-workshop = Werkstatt
vacancy-kind-office = Büro
vacancy-kind-hall = Halle
vacancy-kind-restaurant = Gaststätte
vacancy-kind-land = Grundstück
vacancy-kind-other = Sonstiges
vacancy-field-title = Titel
vacancy-field-place = Ort
vacancy-field-description = Beschreibung
vacancy-field-contact = Kontakt
vacancy-listed = Danke! Der Leerstand ist eingetragen als L{ $id }.
vacancy-listed-hint = Auf die Karte: /leerstand L{ $id } ort · Kontakt auf der Webseite zeigen: /leerstand L{ $id } kontakt öffentlich · Vergeben: /leerstand L{ $id } vergeben
vacancy-listed-until = Eingetragen bis { $date }
vacancy-is-taken = Vergeben – nicht mehr in der Liste.
vacancy-not-found = L{ $id } gibt es nicht (oder nicht mehr). Alle zeigt /leerstand
vacancy-not-yours = Das kann nur, wer den Leerstand eingetragen hat, oder eine Organisator:in.
vacancy-taken-already = L{ $id } ist schon vergeben.
vacancy-taken = L{ $id } ist vergeben und verschwindet aus der Liste. Danke fürs Bescheidgeben!
vacancy-extended = L{ $id } bleibt eingetragen bis { $date }.
vacancy-place-set = L{ $id } steht jetzt auf der Karte.
vacancy-place-removed = L{ $id } steht nicht mehr auf der Karte.
vacancy-contact-public = Der Kontakt von L{ $id } steht jetzt auch auf der öffentlichen Webseite.
vacancy-contact-private = Der Kontakt von L{ $id } ist nur für Mitglieder sichtbar.
vacancy-expires-soon = Dein Leerstand L{ $id } „{ $title }“ läuft am { $date } ab. Noch frei? /leerstand L{ $id } verlängern · Schon vergeben? /leerstand L{ $id } vergeben
vacancies-title = Leerstand in der Allianz:
vacancies-title-for = Leerstand für „{ $query }“:
vacancies-none = Gerade ist kein Leerstand eingetragen. Eintragen: /leerstand neu Titel | Ort | Art | Beschreibung | Kontakt
vacancies-none-for = Kein Leerstand für „{ $query }“. Alle zeigt /leerstand
vacancies-more = … und { $count } weitere. Genauer suchen: /leerstand Suhl oder /leerstand laden
vacancies-hint = Einzelheiten: /leerstand L3
problem-vacancy-parts = Ein Leerstand braucht fünf Angaben, mit | getrennt: Titel | Ort | Art | Beschreibung | Kontakt
problem-vacancy-empty = { $field } fehlt.
problem-vacancy-long = { $field } ist zu lang (höchstens { $max } Zeichen).
problem-vacancy-kind = „{ $word }“ ist keine Art von Leerstand. Möglich: { $kinds }
problem-vacancy-number = „{ $word }“ ist keine Leerstandsnummer. Beispiel: /leerstand L3
problem-vacancy-action = „{ $word }“ kenne ich bei /leerstand nicht. Möglich: vergeben, verlängern, ort, kontakt öffentlich|privat
help-initiatives = Initiativen auflisten, nach Region oder Thema gefiltert
usage-initiatives = /initiativen [region oder thema]
example-initiatives = /initiativen Sömmerda
help-cancel = Ein laufendes Formular abbrechen
usage-cancel = /abbrechen
example-cancel = /abbrechen

## Kanäle
channel-private = Kanäle sind Gruppen oder Räume der Allianz – ein privater Chat kann kein Kanal sein. Schreib /kanal verbinden in der Gruppe, die ein Kanal werden soll.
channel-not-encrypted = Vertraulich geht nur in Ende-zu-Ende-verschlüsselten Räumen (Matrix mit Verschlüsselung, ohne Brücke zu Signal oder WhatsApp – die liest auf ihrem Server mit). Dieser Chat ist nicht Ende-zu-Ende verschlüsselt. Ohne „vertraulich“: /kanal verbinden
channel-connected = Verbunden!
channel-not-connected = Dieser Chat ist kein Kanal der Allianz. Verbinden: /kanal verbinden
channel-disconnected = Getrennt. Dieser Chat bekommt keine Ankündigungen mehr.
channel-is-connected = Dieser Chat ist ein Kanal der Allianz: Er bekommt die Ankündigungen der Organisator:innen.
channel-is-confidential = Dieser Chat ist ein vertraulicher Kanal der Allianz: Er bekommt alle Ankündigungen, auch die vertraulichen.
channel-is-not-connected = Dieser Chat ist noch kein Kanal. Verbinden: /kanal verbinden (oder /kanal verbinden vertraulich in verschlüsselten Räumen)
channels-title = Kanäle der Allianz:
channels-none = Noch keine Kanäle. In einer Gruppe: /kanal verbinden
channels-confidential = vertraulich
help-channel = Diesen Chat als Kanal der Allianz verbinden oder trennen, einer Region zuordnen, neue Termine hier zeigen
usage-channel =
    /kanal verbinden [vertraulich]
    /kanal trennen
    /kanal region Suhl (oder - für keine)
    /kanal termine an|aus
    /kanal
example-channel = /kanal verbinden vertraulich
help-members = Mitglieder mit Rolle und Messengern anzeigen, auch gesucht nach Namen
usage-members = /mitglieder [suche]
example-members = /mitglieder anna
members-title = Mitglieder ({ $count }):
members-none = Niemand passt zu dieser Suche.
member-not-found = Ein Mitglied „{ $name }“ finde ich nicht. Alle zeigt /mitglieder.
member-did-you-mean = Meintest du: { $names }?
member-which = „{ $name }“ passt auf mehrere – nimm bitte die Nummer, z. B. { $usage }:
help-channels = Alle Kanäle der Allianz anzeigen
usage-channels = /kanaele
example-channels = /kanaele
channels-unreachable = nicht erreichbar
channel-unreachable-notice = Ich kann nicht mehr in „{ $title }“ ({ $platform }) schreiben – vermutlich wurde ich aus der Gruppe entfernt. Der Kanal ist als nicht erreichbar markiert. Nimm mich wieder in die Gruppe auf, dann geht es dort weiter.
bot-welcome-group = Hallo! Ich bin der Bot von { $alliance }. Was ich kann, zeigt /hilfe; Organisator:innen verbinden diese Gruppe mit /kanal verbinden.
bot-needs-admin = Damit ich Reaktionen sehe (z. B. für Zusagen und Abstimmungen), macht mich bitte zum Administrator dieser Gruppe.
bot-sees-reactions = Danke! Jetzt sehe ich auch Reaktionen.
poll-title = 📊 Umfrage { $id }: { $question }
poll-title-closed = 📊 Umfrage { $id } (beendet): { $question }
poll-total = { $count ->
    [one] 1 Stimme
   *[other] { $count } Stimmen
}
poll-how = abstimmen per Knopf, mit Reaktion 1️⃣ 2️⃣ … oder /umfrage { $id } NUMMER
poll-result = Ergebnis: { $answer }
poll-result-tie = Gleichstand: { $answers }
poll-result-none = Keine Stimmen abgegeben.
poll-chosen = Gezählt: „{ $answer }“ (Umfrage { $id }).
poll-changed = Geändert: jetzt „{ $answer }“ (Umfrage { $id }).
poll-unchanged = Du hast schon „{ $answer }“ gewählt.
poll-not-found = Umfrage { $id } gibt es nicht. Eine neue startest du so: /umfrage Frage | Antwort 1 | Antwort 2
poll-closed = Umfrage { $id } ist beendet; das Ergebnis steht fest.
poll-no-answer = Umfrage { $id } hat die Antworten 1 bis { $max }. Beispiel: /umfrage { $id } 1
poll-close-denied = Beenden dürfen nur, wer die Umfrage gestartet hat, und Organisator:innen.
poll-closed-done = Umfrage { $id } ist beendet.
poll-members-only = Abstimmen können nur Mitglieder. Mitglied wirst du mit einer Einladung: /beitreten CODE
button-inactive = Dieser Knopf ist nicht mehr aktiv.
help-poll = Schnelle Umfrage im Chat: starten, abstimmen, Stand zeigen, beenden
usage-poll =
    /umfrage Frage | Antwort 1 | Antwort 2 …
    /umfrage NUMMER [ANTWORT-NUMMER]
    /umfrage NUMMER beenden
example-poll = /umfrage Wann treffen wir uns? | Dienstag 18 Uhr | Mittwoch 19 Uhr
problem-poll-question = Die Frage fehlt.
problem-poll-question-long = Die Frage ist zu lang (höchstens { $max } Zeichen).
problem-poll-few = Eine Umfrage braucht mindestens { $min } Antworten, getrennt mit |.
problem-poll-many = Höchstens { $max } Antworten, bitte.
problem-poll-option-long = Die Antwort „{ $option }“ ist zu lang (höchstens { $max } Zeichen).
problem-poll-duplicate = Die Antwort „{ $option }“ steht zweimal da.
problem-poll-number = „{ $word }“ ist keine Nummer. Umfragen und ihre Antworten haben Nummern, z. B. /umfrage 3 1
private-chat-closed = Ich kann dir nicht privat schreiben. Schreib mir bitte zuerst privat, dann frag hier noch einmal.
private-chat-closed-telegram = Ich kann dir nicht privat schreiben: Öffne bitte einmal den Chat mit mir ({ $link }) und tippe auf „Starten“, dann frag hier noch einmal.

## Termine
help-event = Termin anlegen, zeigen, ändern, verschieben oder absagen
usage-event =
    /termin neu <wann> | Titel | Ort oder Link | Beschreibung
    /termin neu   (ohne Angaben: Schritt für Schritt)
    /termin NUMMER [datum]
    /termin NUMMER absagen [datum]
    /termin NUMMER verschieben [datum auf] <wann>
    /termin NUMMER plätze|erinnerungen|titel|ort|beschreibung|thema|impuls|region|link|kanal|öffentlich|intern|vertraulich …
    /termin NUMMER vorstellungen|doku …
example-event =
    /termin neu Fr 19:30 | Stammtisch Suhl | Gasthaus Linde | Offene Runde für alle
    /termin neu jeden ersten Montag im Monat 17 Uhr | Online-Stammtisch | https://meet.example.org/stammtisch
    /termin 3
usage-event-new =
    /termin neu <wann> | Titel | Ort oder Link | Beschreibung
    /termin neu   (ohne Angaben: Schritt für Schritt)
    <wann>: 30.01.2027 17:00 · 30.1.27 17 Uhr · morgen 18 Uhr · nächsten Montag 17:00 · Fr 19:30-21:00 · in 2 Wochen 10 Uhr
    Mehrere Tage: 25.–26.01.2027 (ganztägig) · Fr 18 Uhr bis So 14 Uhr · 25.01. 10 Uhr bis 26.01. 16 Uhr
    Reihe: jeden ersten Montag im Monat 17 Uhr · wöchentlich dienstags 10 Uhr · monatlich am letzten Donnerstag 19 Uhr bis 30.09.2027
example-event-new =
    /termin neu Fr 19:30 | Stammtisch Suhl | Gasthaus Linde
    /termin neu wöchentlich dienstags 10-11 Uhr | Sprechstunde | https://meet.example.org/sprechstunde
usage-event-edit =
    /termin NUMMER plätze 20 (oder unbegrenzt)
    /termin NUMMER erinnerungen 7d 1d 1h (oder keine, standard)
    /termin NUMMER titel|ort|beschreibung|thema|impuls|region Text (oder „-“ zum Leeren)
    /termin NUMMER link https://… [privat]
    /termin NUMMER kanal   (auch in dieser Gruppe ankündigen und erinnern)
    /termin NUMMER öffentlich|intern|vertraulich   (für alle · nur Mitglieder · nur im vertraulichen Kanal)
    /termin NUMMER thema DATUM Thema · impuls annehmen IMPULS · vorstellungen ANZAHL · doku <link> | Kurzprotokoll
    /termin NUMMER anmeldung ab DATUM
    /termin NUMMER freigeben|verbergen   (Organisator:innen)
example-event-edit =
    /termin 3 plätze 20
    /termin 3 link https://meet.example.org/abc privat
usage-event-move =
    /termin NUMMER verschieben <wann>
    /termin NUMMER verschieben DATUM auf <wann>   (ein Termin einer Reihe)
example-event-move =
    /termin 3 verschieben Sa 18 Uhr
    /termin 5 verschieben 7.12. auf 8.12. 17 Uhr
help-events = Die nächsten Termine, nach Region oder Thema gefiltert
usage-events =
    /termine [region oder thema]
    /termine vergangen [region oder thema]   (mit Dokumentation)
    /termine pruefen   (Organisator:innen: Termine, die auf Freigabe warten)
example-events = /termine Suhl
help-register = Zu einem Termin anmelden (oder „vielleicht“)
usage-register = /anmelden NUMMER [datum] [vielleicht]
example-register = /anmelden 3
help-unregister = Von einem Termin abmelden
usage-unregister = /abmelden NUMMER [datum]
example-unregister = /abmelden 3
help-attendees = Wer kommt? Namen für Organisator:innen, Zahlen für alle
usage-attendees = /teilnehmer NUMMER [datum]
example-attendees = /teilnehmer 3
form-event-intro = Neuer Termin – ich frage dich Schritt für Schritt.
form-event-ask-when = Wann? (z. B. Fr 19:30, 30.01.2027 17-19 Uhr, jeden ersten Montag im Monat 17 Uhr)
form-event-ask-title = Wie heißt der Termin? (z. B. Stammtisch Suhl)
form-event-ask-place = Wo? Ort oder Link (z. B. Gasthaus Linde, Suhl)
form-event-ask-region = Welche Region? So findet man ihn mit /termine REGION und im Kalender der Region (z. B. Suhl).
form-event-ask-description = Worum geht es? Ein, zwei Sätze.
event-field-title = Titel
event-field-place = Ort
event-field-description = Beschreibung
event-field-topic = Thema
event-field-speakers = Impuls
event-field-region = Region
event-problem-when = Da fehlt das Datum. Beispiel: /termin neu Fr 19:30 | Stammtisch
event-problem-title = Da fehlt der Titel. Beispiel: /termin neu Fr 19:30 | Stammtisch
event-problem-long = „{ $field }“ ist zu lang (höchstens { $max } Zeichen).
problem-event-number = „{ $word }“ ist keine Terminnummer. Termine haben Nummern, z. B. /termin 3 – die Nummern zeigt /termine.
problem-event-action = „{ $word }“ kann ich mit einem Termin nicht machen. Möglich: absagen, verschieben, plätze, erinnerungen, titel, ort, beschreibung, thema, impuls, region, link, kanal, öffentlich, intern.
problem-capacity = „{ $word }“ ist keine Platzzahl. Erwartet: eine Zahl ab 1, z. B. /termin 3 plätze 20, oder „unbegrenzt“.
problem-place = „{ $word }“ ist kein Ort auf der Karte. Erwartet: Koordinaten wie 50.6098, 10.6934 oder ein Link von openstreetmap.org
problem-link = „{ $word }“ ist kein Link. Er muss mit https:// beginnen, z. B. https://meet.example.org/stammtisch
problem-offset = „{ $word }“ verstehe ich nicht als Abstand. Beispiele: 7d, 1 Tag, 2 Stunden, 30 min.
problem-offset-far = „{ $word }“ ist zu weit vorher (höchstens 60 Tage).
problem-offsets-many = Höchstens { $max } Erinnerungen pro Termin.
when-empty = Da fehlt, wann. Beispiel: Fr 19:30 oder 30.01.2027 17 Uhr
when-no-time = Um wie viel Uhr? Beispiel: Fr 19:30 oder morgen 18 Uhr
when-no-day = An welchem Tag? Beispiel: Fr 19:30, morgen 18 Uhr oder 30.01.2027 17 Uhr
when-unknown-word = „{ $word }“ verstehe ich nicht als Datum oder Uhrzeit.
when-bad-date = Den Tag „{ $word }“ gibt es nicht.
when-bad-time = Die Uhrzeit „{ $word }“ gibt es nicht. Beispiel: 19:30
when-day-mismatch = Der { $date } ist ein { $actual }, kein „{ $weekday }“. Welcher Tag ist gemeint?
when-today-or-next-week = Heute ({ $today }) oder in einer Woche ({ $next })? Antworte einfach „heute“ oder „in einer Woche“.
when-in-past = Dieser Zeitpunkt ist schon vorbei. Bitte ein Datum in der Zukunft.
when-end-before-start = Das Ende liegt vor dem Beginn. Beispiel: 17:00-20:00
when-skipped = Diese Uhrzeit gibt es an dem Tag nicht (Zeitumstellung, die Uhr springt von 2 auf 3 Uhr). Bitte eine andere Uhrzeit.
when-twice = Diese Uhrzeit gibt es an dem Tag zweimal (Zeitumstellung). Bitte eine andere Uhrzeit, z. B. 3:30.
when-series-without-day = An welchem Wochentag? Beispiel: wöchentlich dienstags 10 Uhr
when-which-weekday = Welcher { $day } im Monat? Beispiel: jeden ersten { $day } im Monat oder monatlich am letzten { $day }
when-impossible = „{ $words }“ ergibt keine verlässliche Reihe. Beispiele: jeden ersten Montag im Monat, monatlich am 15., alle 2 Wochen mittwochs
when-morning-or-evening = Meinst du { $morning } oder { $evening } Uhr? Antworte einfach „morgens“ oder „abends“.
when-second-or-every-other = Meinst du den zweiten { $day } im Monat oder alle zwei Wochen am { $day }? Antworte einfach „im Monat“ oder „alle zwei Wochen“.
when-until-before-start = Die Reihe würde enden, bevor sie beginnt. Beispiel: jeden Montag 17 Uhr bis 30.09.2027
event-bad-day = „{ $word }“ ist kein Datum. Beispiel: 7.12. oder 07.12.2026
event-not-found = Termin { $id } gibt es nicht. Die nächsten Termine zeigt /termine.
event-no-occurrence = Termin { $id } findet am { $date } nicht statt. Die Daten zeigt /termin { $id }.
event-over = Termin { $id } ist vorbei.
event-create-denied = Termine legen Organisator:innen an. Frag eine:n Organisator:in deiner Allianz.
event-manage-denied = Ändern dürfen nur, wer den Termin angelegt hat, und Organisator:innen.
event-members-only = Anmelden können sich nur Mitglieder. Mitglied wirst du mit einer Einladung: /beitreten CODE
event-is-cancelled = Termin { $id } ist abgesagt.
event-is-over = Termin { $id } hat schon begonnen oder ist vorbei.
event-cancel-series-confirm = „{ $title }“ ist eine Reihe ({ $count ->
        [one] ein Termin
       *[other] { $count } Termine
    } in den nächsten Monaten). Die ganze Reihe absagen? Dann: /termin { $id } absagen alle – nur einen Termin: /termin { $id } absagen DATUM, z. B. /termin { $id } absagen 7.12.
event-already-cancelled = Das ist schon abgesagt.
event-card-title = 📅 Termin { $id }: { $title }
event-card-cancelled = ❌ Abgesagt – Termin { $id }: { $title }
event-reminder-title = ⏰ Erinnerung: { $title } – in { $offset }
event-reminder-late = (verspätet)
event-reminder-private-hint = Doch verhindert? /abmelden { $id }
event-moved-mark = (verschoben)
event-cancelled-mark = abgesagt
event-link-private = Zugangslink bekommen Angemeldete privat
event-places = { $taken }/{ $capacity ->
        [one] 1 Platz
       *[other] { $capacity } Plätze
    } belegt
event-waiting = Warteliste: { $count }
event-how = Antworten per Knopf, mit Reaktion ✅ 🤔 ❌ (oder 👍 👎) oder /anmelden { $id }
event-button-yes = ✅ Ich komme
event-button-maybe = 🤔 Vielleicht
event-button-no = ❌ Ich komme nicht
event-next-dates = Weitere Termine:
event-number = Nr. { $id }
events-title = 📅 Die nächsten Termine:
events-none = Es stehen keine Termine an. Organisator:innen legen welche an mit /termin neu
events-none-for = Keine Termine zu „{ $query }“.
events-series-more = { $count ->
        [one] +1 weiterer Termin
       *[other] +{ $count } weitere
    }
events-more = … und { $count } weitere.
events-hint = Einzelheiten: /termin NUMMER · anmelden: /anmelden NUMMER
event-cancelled-notice = ❌ Abgesagt: { $title } am { $when }.
event-moved-notice = 🗓 Verschoben: { $title } ist jetzt am { $when } (statt { $extra }).
event-cancelled-done = Termin { $id } „{ $title }“ ist abgesagt. { $count ->
    [one] 1 angemeldete Person wird benachrichtigt.
   *[other] { $count } angemeldete Personen werden benachrichtigt.
}
event-occurrence-cancelled-done = Termin { $id } am { $when } ist abgesagt. { $count ->
    [one] 1 angemeldete Person wird benachrichtigt.
   *[other] { $count } angemeldete Personen werden benachrichtigt.
}
event-moved-done = Termin { $id } ist jetzt am { $when }. { $count ->
    [one] 1 angemeldete Person wird benachrichtigt.
   *[other] { $count } angemeldete Personen werden benachrichtigt.
}
event-move-which = Welcher Termin der Reihe soll verschoben werden? Nenn das Datum.
event-capacity-done = Termin { $id } hat jetzt { $capacity ->
        [one] einen Platz
       *[other] { $capacity } Plätze
    }.
event-capacity-unlimited = Termin { $id } hat jetzt unbegrenzt Plätze.
event-reminders-done = Erinnerungen für Termin { $id }: { $list } vorher.
event-reminders-none = Termin { $id } hat jetzt keine Erinnerungen.
event-edit-done = Termin { $id }: „{ $field }“ geändert.
event-link-done = Termin { $id }: Link gespeichert, alle sehen ihn.
event-link-private-done = Termin { $id }: Link gespeichert; Angemeldete bekommen ihn privat.
event-link-removed = Termin { $id }: Link entfernt.
event-channel-private = Das geht nur in einer Gruppe: Dort kündige ich den Termin an und erinnere daran.
event-channel-known = Diese Gruppe bekommt den Termin schon.
rsvp-yes = Du bist angemeldet: { $title }, { $when }.
rsvp-maybe = Vorgemerkt als „vielleicht“: { $title }, { $when }.
rsvp-no = Abgemeldet: { $title }, { $when }.
rsvp-waiting = { $title } ist voll – du stehst auf der Warteliste (Platz { $place }). Wird ein Platz frei, rückst du automatisch nach und ich sage dir Bescheid.
rsvp-unchanged = Das hast du schon so geantwortet: { $title }, { $when }.
rsvp-moved-up = 🎉 Ein Platz ist frei geworden: Du bist jetzt angemeldet für { $title }, { $when }.
rsvp-link = Du bist angemeldet für { $title }, { $when }. Zugangslink: { $link }
attendees-title = Anmeldungen: { $title }, { $when }
attendees-yes = ✅ Zusagen
attendees-waiting = ⏳ Warteliste
attendees-maybe = 🤔 Vielleicht
attendees-no = ❌ Absagen
event-series-from = ab { $date }
event-public-done = Termin { $id } ist jetzt öffentlich: für alle sichtbar, auch im Kalender-Feed.
event-internal-done = Termin { $id } ist jetzt intern: nur Mitglieder sehen ihn, nicht im öffentlichen Kalender.
event-confidential-done = Termin { $id } ist jetzt vertraulich: er erscheint nur noch in vertraulichen Kanälen wie diesem, Erinnerungen gehen nur hierher.
event-public-from-confidential-done = Termin { $id } ist jetzt öffentlich. Sichtbar werden für alle: Titel, Zeit, Ort, Beschreibung und Link – in /termine, im Kalender-Feed und auf der Website.
event-internal-from-confidential-done = Termin { $id } ist jetzt intern. Sichtbar werden für alle Mitglieder der Allianz: Titel, Zeit, Ort, Beschreibung und Link – in /termine und in privaten Chats.
event-visibility-unchanged = Termin { $id } ist schon so eingestellt.
event-visibility-organiser = Ob ein vertraulicher Termin vertraulich bleibt, entscheiden Organisator:innen.
event-confidential-needs-room = Vertraulich geht nur in einem vertraulichen Kanal (verschlüsselter Raum, mit /kanal verbinden vertraulich verbunden). Schreib den Befehl dort.
event-confidential-private = Es gibt Neuigkeiten zu einem vertraulichen Termin (Nr. { $id }). Einzelheiten stehen nur im vertraulichen Kanal – schau bitte dort nach.
partner-feed-failed = Der Partnerkalender „{ $source }“ ließ sich nicht lesen: { $error }. Ich versuche es weiter und melde mich erst wieder, wenn er erneut ausfällt.
event-partner = Kalender von { $source }
partner-problem-unreachable = Server nicht erreichbar
partner-problem-no-answer = keine Antwort in der vorgesehenen Zeit
partner-problem-status = der Server antwortet mit HTTP { $status }
partner-problem-large = größer als { $kib } KiB
partner-problem-not-text = kein UTF-8-Text
partner-problem-not-calendar = kein gültiger iCalendar-Kalender (BEGIN:VCALENDAR … END:VCALENDAR erwartet)

## Spendenparlament
help-round = Spendenparlament: Runden mit Fördertopf anlegen, zeigen, Zuwendungen, Verfahren, Ergebnis veröffentlichen
usage-round =
    /runde
    /runde neu Titel | Betrag | Anträge bis DATUM | Abstimmung: Termin NR
    /runde neu   (ohne Angaben: Schritt für Schritt)
    /runde NR
    /runde NR zuwendung BETRAG | Geber:in [| öffentlich]
    /runde NR schließen
    /runde NR einstellung NAME WERT
    /runde NR veröffentlichen
example-round = /runde neu Frühjahr 2027 | 3.000 € | Anträge bis 15.01.2027 | Abstimmung: Termin 7
usage-round-new = /runde neu Titel | Betrag | Anträge bis DATUM [| Abstimmung: Termin NR]
example-round-new = /runde neu Frühjahr 2027 | 3.000 € | Anträge bis 15.01.2027 | Abstimmung: Termin 7
usage-round-contribution = /runde NR zuwendung BETRAG | Geber:in [| öffentlich]
example-round-contribution = /runde 1 zuwendung 500 € | Stiftung Beispiel | öffentlich
usage-round-setting =
    /runde NR einstellung stimmzettel ja/nein | punkte [ANZAHL]
    /runde NR einstellung höchstbetrag BETRAG | keiner
    /runde NR einstellung berechtigt mitglieder | angemeldete
    /runde NR einstellung quorum ANZAHL | keins
    /runde NR einstellung schwelle einfach | PROZENT
    /runde NR einstellung teilfinanzierung an | aus
    /runde NR einstellung geheim an | aus
    /runde NR einstellung sichtbarkeit öffentlich | intern
example-round-setting = /runde 1 einstellung stimmzettel punkte 10
help-application = Förderantrag stellen, zeigen, ändern, zurückziehen; Organisator:innen lassen zu oder lehnen ab
usage-application =
    /antrag Titel | Betrag | Initiative | Wofür das Geld ist
    /antrag   (ohne Angaben: Schritt für Schritt)
    /antrag A3
    /antrag A3 zurückziehen
    /antrag A3 titel|betrag|zweck NEUER WERT
    /antrag A3 zulassen
    /antrag A3 ablehnen GRUND
    /antrag A3 kürzen BETRAG
    /antrag A3 platz NR
example-application = /antrag Lastenrad für den Dorfladen | 450 € | Dorfladen Plus | Ein Lastenrad für Lieferungen an Ältere
usage-application-new = /antrag Titel | Betrag | Initiative | Wofür das Geld ist
example-application-new = /antrag Lastenrad für den Dorfladen | 450 € | Dorfladen Plus | Ein Lastenrad für Lieferungen an Ältere
usage-application-reject = /antrag A3 ablehnen GRUND
example-application-reject = /antrag A3 ablehnen Kein Bezug zur Region
usage-application-reduce = /antrag A3 kürzen BETRAG
example-application-reduce = /antrag A3 kürzen 300 €
usage-application-position = /antrag A3 platz NR
example-application-position = /antrag A3 platz 1
usage-application-edit = /antrag A3 titel|betrag|zweck NEUER WERT
example-application-edit = /antrag A3 betrag 400 €
help-applications = Die Anträge einer Runde mit Stand (Tagesordnung)
usage-applications = /anträge [RUNDE]
example-applications = /anträge 1
help-voting = Abstimmung im Plenum: alle Anträge öffnen, einen nach dem anderen, auszählen
usage-voting =
    /abstimmung start [RUNDE]
    /abstimmung nächster [RUNDE]
    /abstimmung schließen [RUNDE]
example-voting = /abstimmung start
help-vote = Über einen Antrag abstimmen (auch per 👍 👎 🤷 unter der Karte); ohne Angaben: deine Stimmen
usage-vote =
    /stimme A3 ja|nein|enthaltung
    /stimme A3 PUNKTE
    /stimme
example-vote = /stimme A3 ja
help-vote-for = Stimme für jemanden ohne Handy eintragen (wird protokolliert, die Person erfährt es)
usage-vote-for = /stimme-für WER A3 ja|nein|enthaltung
example-vote-for = /stimme-für Anna Schmidt A3 ja
problem-amount = „{ $word }“ ist kein Betrag. Erwartet z. B. 450 €, 1.250,50 € oder 800,-
problem-amount-ambiguous = „{ $word }“ ist nicht eindeutig. Meinst du { $word } Euro mit Cent oder Tausend? Bitte z. B. 1,50 € oder 1.500 € schreiben.
problem-date = „{ $word }“ ist kein Datum. Erwartet z. B. 15.01.2027
problem-round-number = „{ $word }“ ist keine Rundennummer. Beispiel: /runde 1
problem-application-number = „{ $word }“ ist keine Antragsnummer. Anträge heißen A1, A2 …, z. B. /antrag A3
problem-budget-action = „{ $word }“ kenne ich hier nicht.
problem-setting = Die Einstellung „{ $word }“ gibt es nicht.
problem-setting-value = „{ $word }“ passt nicht zu dieser Einstellung.
problem-choice = „{ $word }“ ist keine Stimme. Erwartet: ja, nein, enthaltung – oder Punkte als Zahl.
round-state-open = Anträge möglich
round-state-closed = Antragsschluss, Abstimmung folgt
round-state-voting = Abstimmung läuft
round-state-counted = ausgezählt
round-state-published = veröffentlicht
application-state-submitted = eingereicht
application-state-admitted = zugelassen
application-state-rejected = abgelehnt
application-state-withdrawn = zurückgezogen
rounds-title = Runden des Spendenparlaments
rounds-line = { $id }. { $title } – { $pot } – { $state }
rounds-none = Noch keine Runde. Organisator:innen legen eine an: /runde neu
round-not-found = Runde { $id } gibt es nicht. Alle Runden: /runde
round-none = Gerade läuft keine Runde. Alle Runden: /runde
round-title = Runde { $id }: { $title }
round-state = Stand: { $state }
round-pot = Topf: { $pot }
round-donors = Mit Dank an: { $donors }
round-deadline = Anträge bis: { $date }
round-meeting = Abstimmung beim Termin { $event }
round-applications = Anträge: { $count }
round-procedure = Verfahren:
round-setting-yes-no = Ja/Nein je Antrag
round-setting-points = { $points } Punkte je Person, verteilt auf die Anträge
round-setting-eligible-members = stimmberechtigt: alle aktiven Mitglieder, eine Stimme je Person
round-setting-eligible-registered = stimmberechtigt: wer zum Termin angemeldet ist, eine Stimme je Person
round-setting-majority = angenommen bei mehr Ja als Nein
round-setting-percent = angenommen ab { $percent } % Ja (von Ja und Nein)
round-setting-no-quorum = kein Quorum
round-setting-quorum = Quorum: { $voters } Abstimmende je Antrag
round-setting-maximum = höchstens { $amount } je Antrag
round-setting-partial-on = der letzte förderbare Antrag bekommt den Rest des Topfes
round-setting-partial-off = keine Teilförderung
round-setting-secret = geheime Abstimmung (nur privat)
round-setting-open = offene Abstimmung
round-setting-public = öffentlich: alle sehen die Runde, Anträge und Ergebnis
round-setting-internal = intern: nur Mitglieder sehen die Runde (privat und in den Kanälen der Allianz)
round-opened-how = Anträge stellen Mitglieder mit /antrag Titel | Betrag | Initiative | Wofür
round-deadline-past = Der Antragsschluss { $date } liegt schon zurück.
round-pot-empty = Der Betrag muss größer als 0 € sein.
round-too-late = Runde { $id } ist schon weiter ({ $state }); das lässt sich jetzt nicht mehr ändern.
round-contribution-done = Zuwendung von { $amount } eingetragen. Der Topf von Runde { $id } hat jetzt { $pot }.
round-applications-closed = Antragsschluss für Runde { $id } ({ $title }): { $count } Anträge. Die Organisator:innen prüfen sie jetzt.
round-deadline-passed = Antragsfrist für Runde { $id } ({ $title }) am { $date } abgelaufen: { $count } Anträge. Die Organisator:innen prüfen sie jetzt.
round-needs-meeting = Dafür braucht die Runde einen Termin (bei /runde neu: | Abstimmung: Termin NR).
round-setting-done = Verfahren von Runde { $id } geändert:
round-not-counted = Runde { $id } ist noch nicht ausgezählt: erst /abstimmung schließen
round-published-already = Das Ergebnis von Runde { $id } ist schon veröffentlicht.
application-not-found = Antrag { $id } gibt es nicht. Alle Anträge: /anträge
application-no-round = Gerade nimmt keine Runde Anträge an. Die Runden: /runde
application-title-long = Der Titel ist zu lang (höchstens { $max } Zeichen).
application-purpose-long = Die Beschreibung ist zu lang (höchstens { $max } Zeichen).
application-amount-zero = Der Betrag muss größer als 0 € sein.
application-amount-max = { $amount } ist mehr als der Höchstbetrag dieser Runde ({ $max }).
application-amount-pot = { $amount } ist mehr als der ganze Topf ({ $pot }).
application-initiative-unknown = Die Initiative „{ $name }“ ist nicht eingetragen. Eintragen: /initiative neu
application-initiative-unknown-own = Die Initiative „{ $name }“ kenne ich nicht. Deine Initiativen: { $own }
application-submitted = Antrag { $id } „{ $title }“ über { $amount } ist für { $round } eingereicht. Ändern oder zurückziehen kannst du ihn bis { $date }: /antrag { $id }
application-asked = beantragt { $amount }
application-initiative = Initiative: { $name }
application-amount = Beantragt: { $amount }
application-reduced = Zur Abstimmung: { $amount }
application-state = Stand: { $state }
application-reason = Grund: { $reason }
application-not-yours = Ändern oder zurückziehen kann nur, wer den Antrag gestellt hat.
application-locked = Antrag { $id } lässt sich nicht mehr ändern (Antragsschluss oder schon entschieden).
application-withdrawn = Antrag { $id } ist zurückgezogen.
application-edited = Geändert:
application-withdrawn-already = Antrag { $id } wurde zurückgezogen.
application-admitted = Antrag { $id } ist zur Abstimmung zugelassen.
application-rejected = Antrag { $id } ist abgelehnt; die antragstellende Person erfährt es mit dem Grund.
application-told-admitted = Dein Antrag { $id } „{ $title }“ ist zur Abstimmung zugelassen.
application-told-rejected = Dein Antrag { $id } „{ $title }“ wurde nicht zugelassen. Grund: { $reason }
application-reduce-bad = Der Betrag zur Abstimmung muss größer als 0 € und höchstens { $amount } sein.
application-reduced-done = Über Antrag { $id } wird mit { $amount } abgestimmt.
application-told-reduced = Über deinen Antrag { $id } „{ $title }“ wird mit { $amount } abgestimmt.
application-moved = Antrag { $id } steht jetzt auf Platz { $place } der Tagesordnung.
application-told-funded = Dein Antrag { $id } „{ $title }“ wird mit { $amount } gefördert. Herzlichen Glückwunsch!
application-told-not-funded = Dein Antrag { $id } „{ $title }“ wird diesmal nicht gefördert. Das Ergebnis steht in den Kanälen der Allianz.
applications-title = Anträge in Runde { $id }: { $title }
applications-none = Noch keine Anträge.
applications-sum = Beantragt: { $asked } · Topf: { $pot }
ballot-title = Abstimmung über { $id }: { $title }
ballot-voters = { $count } haben abgestimmt
ballot-points = { $points } Punkte
ballot-how = Abstimmen mit 👍 ja · 👎 nein · 🤷 enthalten – oder /stimme { $id } ja
ballot-how-points = Punkte geben mit 1️⃣–5️⃣ oder /stimme { $id } 3 ({ $points } Punkte je Person)
ballot-how-secret = Geheime Abstimmung: bitte privat abstimmen, mit /stimme { $id } ja im Chat mit mir.
ballot-closed = Abstimmung beendet.
ballot-private = Deine Stimme zählt nur einmal und niemand sieht, wie du gestimmt hast.
ballot-button-yes = 👍 Ja
ballot-button-no = 👎 Nein
ballot-button-abstain = 🤷 Enthaltung
choice-yes = ja
choice-no = nein
choice-abstain = Enthaltung
choice-points = { $points } Punkte
vote-not-open = Über { $id } wird gerade nicht abgestimmt.
vote-not-eligible = In Runde { $id } bist du nicht stimmberechtigt.
vote-wants-yes-no = Über { $id } wird mit ja, nein oder enthaltung abgestimmt, z. B. /stimme { $id } ja
vote-wants-points = Für { $id } gibst du Punkte (insgesamt { $points }), z. B. /stimme { $id } 3
vote-points-left = Das sind zu viele Punkte: Du hast noch { $left } von { $points } übrig.
vote-counted = Deine Stimme zu { $id }: { $choice }. Du kannst sie bis zum Ende ändern.
vote-changed = Deine Stimme zu { $id } ist jetzt: { $choice }.
vote-unchanged = Deine Stimme zu { $id } war schon: { $choice }.
vote-members-only = Abstimmen können nur Mitglieder, die den Verhaltenskodex angenommen haben.
vote-secret-privately = Die Abstimmung ist geheim: Reaktionen in der Gruppe zählen nicht. Stimm bitte privat ab, mit /stimme im Chat mit mir.
vote-own-title = Deine Stimmen in Runde { $id }
vote-own-none = Du hast noch nicht abgestimmt.
vote-entered-for-you = Für dich wurde zu Antrag { $id } „{ $title }“ eingetragen: { $choice } (von { $by }). Ändern kannst du sie selbst mit /stimme { $id }.
vote-for-done = Stimme von { $name } zu { $id } eingetragen.
vote-for-unchanged = { $name } hatte zu { $id } schon so gestimmt.
voting-over = Runde { $id } ist schon ausgezählt.
voting-undecided = Erst zulassen oder ablehnen: { $ids }
voting-nothing = In Runde { $id } ist noch kein Antrag zugelassen.
voting-running = Die Abstimmung in Runde { $id } läuft schon. Auszählen: /abstimmung schließen
voting-started = Abstimmung in Runde { $id } eröffnet: { $count } Anträge.
voting-all-done = Über alle Anträge von Runde { $id } wurde abgestimmt. Auszählen: /abstimmung schließen
voting-not-started = In Runde { $id } läuft keine Abstimmung. Starten: /abstimmung start
voting-closed-publish = Veröffentlichen in allen Kanälen: /runde { $id } veröffentlichen
result-title = Ergebnis Runde { $id }: { $title }
result-funded = gefördert
result-partly = teilweise gefördert (Rest des Topfes)
result-no-quorum = nicht gefördert: Quorum nicht erreicht
result-not-approved = nicht gefördert: keine Mehrheit
result-pot-exhausted = nicht gefördert: Topf aufgebraucht
result-no-points = nicht gefördert: keine Punkte
result-sum = Vergeben: { $granted } von { $pot } · übrig: { $left }
result-tie = * gleicher Anteil und gleich viele Ja: der früher eingereichte Antrag zuerst.
result-check = Nachzählen aus dem Protokoll: allianz-bot recount { $id }
result-seal = Prüfsumme des Stimmprotokolls: { $seal }
form-round-intro = Neue Runde des Spendenparlaments – ich frage Schritt für Schritt.
form-round-ask-title = Wie heißt die Runde? (z. B. Frühjahr 2027)
form-round-ask-pot = Wie viel Geld ist im Topf? (z. B. 3.000 €)
form-round-ask-deadline = Bis wann können Anträge gestellt werden? (Datum, z. B. 15.01.2027)
form-round-ask-meeting = Bei welchem Termin wird abgestimmt? (Terminnummer, z. B. 7)
form-application-intro = Neuer Förderantrag – ich frage Schritt für Schritt.
form-application-ask-title = Wie heißt dein Vorhaben? (kurz, z. B. Lastenrad für den Dorfladen)
form-application-ask-amount = Wie viel Geld beantragst du? (z. B. 450 €)
form-application-ask-initiative = Für welche Initiative? (ihr Name, wie eingetragen)
form-application-ask-purpose = Wofür ist das Geld? (ein, zwei Sätze)
form-application-own = Deine Initiativen: { $own }
form-budget-needed = Diese Angabe brauche ich.
voting-closed-channels = Die Abstimmung in Runde { $id } ({ $title }) ist beendet und ausgezählt. Das Ergebnis kommt, sobald die Organisator:innen es veröffentlichen.
channel-region-set = Dieser Kanal gehört jetzt zur Region { $region }. Ankündigungen nur für sie: /ankuendigung region { $region } Text
channel-region-cleared = Dieser Kanal gehört zu keiner Region mehr.
channels-region = Region { $region }
help-announce = Eine Ankündigung an alle Kanäle der Allianz schicken – oder nur an die einer Region oder an die vertraulichen
usage-announce =
    /ankuendigung Text
    /ankuendigung region Suhl Text
    /ankuendigung region Bad Salzungen | Text
    /ankuendigung vertraulich Text
    /ankuendigung öffentlich Text   (auch als Neuigkeit auf der Webseite)
    /ankuendigung [region …|vertraulich] am 01.02.2027 09:00 Text
example-announce = /ankuendigung Netzwerktreffen am 12.03. um 18 Uhr im Rathaus Suhl – alle sind willkommen!
announcement-title = 📣 Ankündigung von { $alliance }
announce-confidential-here = Vertrauliche Ankündigungen bitte im privaten Chat mit mir oder in einem vertraulichen Kanal schreiben – hier würde der Text sonst offen stehen.
announce-no-channels = Es gibt noch keine Kanäle, an die ich die Ankündigung schicken kann. In einer Gruppe: /kanal verbinden
announce-no-confidential = Es gibt keinen vertraulichen Kanal. In einem verschlüsselten Matrix-Raum: /kanal verbinden vertraulich
announce-no-region = Kein Kanal gehört zur Region „{ $region }“. Bekannte Regionen: { $known }. Einen Kanal zuordnen: /kanal region { $region }
announce-report-progress = Ankündigung { $id }: an { $sent } von { $total } Kanälen zugestellt, der Rest folgt.
announce-report-done = Ankündigung { $id }: an { $sent } von { $total } Kanälen zugestellt.
announce-report-pending = { $platform }: { $channel } ausstehend ({ $why })
announce-report-failed = { $platform }: { $channel } nicht zugestellt ({ $why })
announce-confidential-not-web = Vertrauliches steht nie auf der Webseite: „öffentlich“ und „vertraulich“ gehen nicht zusammen.
announce-in-the-past = Dieser Zeitpunkt ist schon vorbei. Ohne Datum geht die Ankündigung sofort raus: /ankuendigung Text
announce-scheduled = Geplant: Ankündigung { $id } geht am { $when } raus (an { $channels } Kanäle, Stand jetzt). Absagen: /ankuendigungen absagen { $id }
announce-not-scheduled = Ankündigung { $id } ist nicht (mehr) geplant – schon verschickt, abgesagt oder es gibt sie nicht. Geplante zeigt /ankuendigungen
announce-cancelled = Ankündigung { $id } ist abgesagt und geht nicht raus.
announcements-none = Keine geplanten Ankündigungen. Planen: /ankuendigung am 01.02.2027 09:00 Text
announcements-title = Geplante Ankündigungen:
announce-to-all = an alle Kanäle
announce-to-region = an Region { $region }
announce-to-confidential = vertraulich
announce-text-hidden = (Text nur im privaten Chat oder im vertraulichen Kanal)
announcements-cancel-hint = Absagen: /ankuendigungen absagen { $id }
problem-announcement-number = „{ $word }“ ist keine Nummer einer Ankündigung. Beispiel: /ankuendigungen absagen 3
help-announcements = Geplante Ankündigungen zeigen oder absagen
usage-announcements =
    /ankuendigungen
    /ankuendigungen absagen NUMMER
example-announcements = /ankuendigungen absagen 3
channel-receives-region = Region { $region }: auch die Ankündigungen nur für diese Region.
channel-receives-events = Jeder neue öffentliche Termin erscheint hier (ausschalten: /kanal termine aus).
channel-no-events = Neue öffentliche Termine erscheinen hier nicht automatisch (einschalten: /kanal termine an).
channel-receives-reminders = Erinnerungen kommen hier für die Termine, die hier angelegt oder mit /termin NUMMER kanal hierher geholt wurden.
channel-events-on = Ab jetzt erscheint hier jeder neue öffentliche Termin. Ausschalten: /kanal termine aus
channel-events-off = Neue Termine erscheinen hier nicht mehr automatisch. Einschalten: /kanal termine an
help-topic = Ein Thema für die Treffen vorschlagen, zeigen oder mit einem Punkt unterstützen
usage-topic =
    /thema Vorschlag
    /thema neu Vorschlag (auch wenn es ein ähnliches gibt)
    /thema T5
    /thema T5 +|-
example-topic = /thema Leerstand im Ortskern beleben
help-topics = Die Themen für die Treffen, nach Punkten geordnet
usage-topics = /themen
example-topics = /themen
topic-card-title = 💡 Thema T{ $id }: { $title }
topic-card-points = { $points ->
    [one] 1 Punkt
   *[other] { $points } Punkte
} · Punkt geben: 👍 oder /thema T{ $id } +
topic-similar = Ein ähnliches Thema gibt es schon: T{ $id } „{ $title }“. Unterstützen: /thema T{ $id } + – trotzdem neu anlegen: /thema neu { $new }
topic-unknown = Ein Thema T{ $id } gibt es nicht. Alle Themen: /themen
topics-none = Noch keine Themen. Vorschlagen: /thema Leerstand im Ortskern beleben
topics-title = Themen für die Treffen (nach Punkten):
topics-line = T{ $id } · { $title } · { $points ->
    [one] 1 Punkt
   *[other] { $points } Punkte
}
topics-points-left = Du hast noch { $left } von { $budget } Punkten. Punkt geben: /thema T1 +
topic-point-given = Dein Punkt ist bei T{ $id }. Du hast noch { $left } übrig.
topic-point-taken = Punkt von T{ $id } zurückgenommen. Du hast jetzt { $left } übrig.
topic-no-points-left = Du hast alle { $budget } Punkte verteilt. Nimm erst einen zurück, z. B. /thema T1 - (deine Punkte zeigt /themen).
topic-no-point-here = Du hast keinen Punkt bei T{ $id }. Punkt geben: /thema T{ $id } +
personal-topics = Themen, die du vorgeschlagen hast
personal-topic_points = Deine Punkte auf Themen
help-subscribe = Einer Terminreihe folgen: an jeden Termin erinnert werden, bis sie endet
usage-subscribe = /abonnieren NUMMER
example-subscribe = /abonnieren 5
help-unsubscribe = Einer Terminreihe nicht mehr folgen
usage-unsubscribe = /abbestellen NUMMER
example-unsubscribe = /abbestellen 5
event-subscribed = Abonniert: Du wirst an jeden Termin von „{ $title }“ erinnert, bis die Reihe endet. Abbestellen: /abbestellen { $id }
event-subscribed-already = Du folgst „{ $title }“ schon. Abbestellen: /abbestellen { $id }
event-unsubscribed = Abbestellt: Keine Erinnerungen mehr an „{ $title }“ (außer zu Terminen, für die du angemeldet bist).
event-not-subscribed = Du folgst Termin { $id } nicht. Folgen: /abonnieren { $id }
personal-event_subscriptions = Terminreihen, denen du folgst
problem-item-number = „{ $word }“ ist keine Nummer eines Impulses oder einer Vorstellung. Beispiel: /termin 12 impuls annehmen 3
problem-slots = „{ $word }“ ist keine Zahl von Plätzen für Vorstellungen. Erwartet: 0 bis 20, z. B. /termin 12 vorstellungen 2
event-field-summary = Kurzprotokoll
help-impulse = Einen kurzen Impuls (Vortrag) zu einem Thema oder Termin anbieten, Angebote ansehen
usage-impulse =
    /impuls T5 | Titel, Dauer   (zu Thema T5)
    /impuls 12 | Titel, Dauer   (für Termin 12)
    /impuls Titel, Dauer   (für die Treffen allgemein)
    /impuls   (alle Angebote)
    /impuls zurückziehen NUMMER
example-impulse = /impuls T5 | Dorfladen Plus, 10 Minuten
help-present = Deine Initiative bei einem Termin vorstellen (wenn Plätze dafür offen sind)
usage-present = /vorstellen TERMIN [datum] [Initiative]
example-present = /vorstellen 12 Dorfladen Hinterdorf
help-record = Protokoll eines Termins als Markdown: Teilnahme, Thema, Impulse, Umfragen, Dokumentation
usage-record = /protokoll TERMIN [datum]
example-record = /protokoll 12
usage-event-date-topic = /termin NUMMER thema DATUM Thema (oder „-“ zum Leeren)
example-event-date-topic = /termin 5 thema 24.01. Lebendige Orte
usage-event-impulse =
    /termin NUMMER impuls annehmen IMPULS [datum]
    /termin NUMMER impuls entfernen IMPULS
example-event-impulse = /termin 12 impuls annehmen 3
usage-event-slots = /termin NUMMER vorstellungen ANZAHL [datum]
example-event-slots = /termin 12 vorstellungen 2
usage-event-doc =
    /termin NUMMER doku [datum] <link> | Kurzprotokoll
    /termin NUMMER doku [datum] Kurzprotokoll
    /termin NUMMER doku [datum] -   (Dokumentation entfernen)
example-event-doc = /termin 12 doku https://cloud.example.org/stammtisch-januar | 14 Leute, Schwerpunkt Leerstand
agenda-impulse = Impuls
agenda-presentations = Vorstellungen
agenda-slots-free = { $count ->
    [one] 1 Platz frei
   *[other] { $count } Plätze frei
} – /vorstellen { $id }
agenda-documentation = Dokumentation
agenda-date-past = Der Termin { $id } am { $when } hat schon begonnen. Das Programm lässt sich nur für kommende Termine ändern.
agenda-topic-set = Thema für { $when }: „{ $topic }“.
agenda-topic-cleared = Das Thema für { $when } ist entfernt.
agenda-slots-below-taken = Es haben schon { $taken } Initiativen einen Platz. Weniger Plätze gehen nicht; eine Vorstellung entfernen: /termin { $id } impuls entfernen NUMMER
agenda-slots-set = { $count ->
    [0] Keine Plätze für Vorstellungen am { $when }.
    [one] 1 Platz für eine Vorstellung am { $when }. Nehmen: /vorstellen { $id }
   *[other] { $count } Plätze für Vorstellungen am { $when }. Nehmen: /vorstellen { $id }
}
agenda-unknown = Einen Impuls oder eine Vorstellung Nummer { $id } gibt es nicht (mehr). Alle Angebote: /impuls
agenda-not-impulse = Nummer { $id } ist eine Vorstellung, kein Impuls. Vorstellungen nehmen sich Mitglieder selbst mit /vorstellen.
agenda-already-there = Impuls { $id } ist an diesem Termin schon eingeplant.
agenda-impulse-accepted-notice = 🎤 Dein Impuls „{ $title }“ ist eingeplant: { $event } am { $when }. Du bekommst die Erinnerungen an den Termin. Termin ansehen: /termin { $id }
agenda-impulse-accepted = Impuls { $id } „{ $title }“ ist am { $when } eingeplant. Die Sprecher:in ist benachrichtigt.
agenda-not-on-event = Nummer { $item } ist nicht bei Termin { $id } eingeplant.
agenda-removed-notice = Dein Beitrag „{ $title }“ ist nicht mehr im Programm von { $event } am { $when }. Bei Fragen: die Organisator:innen.
agenda-removed = „{ $title }“ (Nummer { $id }) ist aus dem Programm genommen.
agenda-no-slots = Am { $when } gibt es keine Plätze für Vorstellungen. Organisator:innen öffnen sie mit /termin { $id } vorstellungen 2
agenda-present-which = Welche Initiative stellst du vor? Beispiel: /vorstellen { $id } Dorfladen Hinterdorf
agenda-present-twice = „{ $title }“ stellt sich am { $when } schon vor.
agenda-slots-full = Alle Plätze für Vorstellungen am { $when } sind vergeben. Organisator:innen können mehr öffnen: /termin { $id } vorstellungen 3
agenda-presenting = 🏘 „{ $title }“ stellt sich am { $when } vor (Nummer { $item }). Du bekommst die Erinnerungen an den Termin. Zurückziehen: /impuls zurückziehen { $item }
impulse-for-meetups = die Treffen
impulse-offered = Danke! Dein Impuls { $id } „{ $title }“ für { $about } ist angeboten. Organisator:innen planen ihn ein mit /termin { $event } impuls annehmen { $id }
impulses-none = Gerade ist kein Impuls angeboten. Anbieten: /impuls T5 | Dorfladen Plus, 10 Minuten
impulses-title = Angebotene Impulse:
impulses-hint = Einplanen (Organisator:innen): /termin NUMMER impuls annehmen IMPULS
impulse-not-yours = Zurückziehen kann nur, wer den Beitrag angeboten hat, oder eine Organisator:in.
impulse-withdrawn = „{ $title }“ (Nummer { $id }) ist zurückgezogen.
agenda-doc-not-yet = Termin { $id } hat noch nicht stattgefunden. Für einen bestimmten Tag: /termin { $id } doku 24.01. https://… | Kurzprotokoll
agenda-doc-removed = Die Dokumentation zu { $when } ist entfernt.
agenda-doc-notice = 📎 Die Dokumentation zu „{ $title }“ am { $when } ist da:{ $extra }
agenda-doc-saved = Dokumentation zu „{ $title }“ am { $when } gespeichert. { $count ->
    [0] Niemand war angemeldet, niemand benachrichtigt.
    [one] 1 Teilnehmer:in benachrichtigt.
   *[other] { $count } Teilnehmer:innen benachrichtigt.
}
agenda-no-doc = noch keine Dokumentation
events-past-none = In letzter Zeit gab es keine Termine.
events-past-none-for = Keine vergangenen Termine zu „{ $query }“.
events-past-title = Vergangene Termine (die letzten zuerst):
record-attendance = Teilnahme
record-counts = Zugesagt: { $yes } · Vielleicht: { $maybe } · Abgesagt: { $no }
record-names = Zugesagt haben
record-impulses = Impulse
record-decisions = Umfragen
personal-agenda_items = Impulse und Vorstellungen, die du angeboten hast
personal-event_dates = Dokumentationen, die du zu Terminen eingetragen hast
help-question-round = Eine moderierte Fragerunde öffnen, ansehen oder beenden (z. B. Bürgermeister-Sprechstunde)
usage-question-round =
    /fragerunde start Titel [| TERMIN [datum]]
    /fragerunde ende [NUMMER]
    /fragerunde   (die laufenden Runden)
example-question-round = /fragerunde start Bürgermeister-Sprechstunde | 12
help-question = Eine Frage an die laufende Fragerunde stellen, unterstützen, beantworten oder ablehnen
usage-question =
    /frage Text
    /frage anonym Text   (nur die Moderation sieht, von wem)
    /frage F3 +|-
    /frage F3 beantwortet [Antwort]   (Moderation)
    /frage F3 ablehnen Grund   (Moderation)
example-question = /frage Wann wird die Brücke am Bahnhof saniert?
usage-question-decline = /frage F3 ablehnen Grund
example-question-decline = /frage F3 ablehnen Das gehört in den Stadtrat.
help-questions = Die Fragen der laufenden Fragerunde, nach Stimmen geordnet
usage-questions = /fragen
example-questions = /fragen
question-anonymous = anonym
question-card-title = ❓ Frage F{ $id } ({ $asker })
question-card-votes = 👍 { $votes } · Unterstützen: 👍 oder /frage F{ $id } +
question-answered = beantwortet
question-declined = abgelehnt
question-still-open = offen geblieben
question-round-in-group = Eine Fragerunde läuft in einer Gruppe, damit alle mitlesen: dort /fragerunde start Titel
question-round-running = Hier läuft schon die Fragerunde „{ $title }“. Erst beenden: /fragerunde ende
question-round-opened = ❓ Fragerunde „{ $title }“ ist offen.
question-round-how = Fragen: /frage Text (auch privat an mich, auf Wunsch /frage anonym Text) · unterstützen: 👍 auf eine Frage · alle Fragen: /fragen
question-no-round = Gerade läuft keine Fragerunde. Organisator:innen öffnen eine mit /fragerunde start Titel
question-submitted = Danke! Deine Frage F{ $id } ist in der Fragerunde „{ $title }“.
question-submitted-anonymous = Danke! Deine Frage F{ $id } ist in der Fragerunde „{ $title }“ – anonym: nur die Moderation sieht, von wem sie ist.
question-unknown = Eine Frage F{ $id } gibt es hier nicht. Alle Fragen: /fragen
question-vote-there = Du unterstützt F{ $id } schon.
question-vote-none = Du unterstützt F{ $id } nicht. Unterstützen: /frage F{ $id } +
question-vote-given = Du unterstützt F{ $id }.
question-vote-taken = Deine Stimme für F{ $id } ist zurückgenommen.
question-closed = Diese Frage ist schon entschieden oder die Fragerunde ist vorbei.
question-moderators-only = Beantworten und ablehnen kann die Moderation (Organisator:innen).
question-decided = Diese Frage ist schon beantwortet oder abgelehnt.
question-answered-notice = ✅ Deine Frage F{ $id } in „{ $title }“ ist beantwortet.
question-declined-notice = 🚫 Deine Frage F{ $id } in „{ $title }“ wurde abgelehnt.
question-confidential-notice = Zu deiner Frage F{ $id } gibt es Neues – im vertraulichen Kanal.
question-answered-done = F{ $id } ist als beantwortet markiert.
question-declined-done = F{ $id } ist abgelehnt; die Fragesteller:in ist benachrichtigt.
questions-title = Fragen in „{ $title }“ (die meisten Stimmen zuerst):
questions-none = Noch keine offenen Fragen.
questions-done = { $count ->
    [one] 1 Frage ist schon entschieden.
   *[other] { $count } Fragen sind schon entschieden.
}
questions-moderate = Moderation: /frage F3 beantwortet Antwort · /frage F3 ablehnen Grund · /fragerunde ende
question-rounds-none = Gerade läuft keine Fragerunde.
question-rounds-title = Laufende Fragerunden:
question-rounds-line = { $id }: „{ $title }“ · { $count ->
    [one] 1 Frage
   *[other] { $count } Fragen
}
question-no-round-here = Hier läuft keine Fragerunde. Die laufenden zeigt /fragerunde; beenden mit /fragerunde ende NUMMER
question-round-closed = Die Fragerunde „{ $title }“ ist beendet; die Zusammenfassung steht in ihrem Chat.
question-digest-title = 📋 Fragerunde „{ $title }“ beendet: { $count ->
    [one] 1 Frage
   *[other] { $count } Fragen
}, { $answered } beantwortet, { $declined } abgelehnt, { $open } offen.
record-questions = Fragerunde
personal-question_rounds = Fragerunden, die du geöffnet hast
personal-questions = Deine Fragen in Fragerunden
personal-question_votes = Deine Stimmen für Fragen
event-all-day = ganztägig
event-registration-not-yet = Die Anmeldung für Termin { $id } beginnt am { $date }. Bis dahin: /abonnieren { $id }, dann erinnert dich der Bot an die Termine.
event-registration-from = Anmeldung ab { $date }
event-registration-set = Termin { $id }: Anmeldung ab { $date }. Bis dahin nimmt der Bot keine Zusagen an.
event-registration-open = Termin { $id }: Die Anmeldung ist offen.
usage-event-registration = /termin NUMMER anmeldung ab DATUM (oder „-“: sofort)
example-event-registration = /termin 12 anmeldung ab 01.12.
event-held-for-review = Danke! Termin { $id } „{ $title }“ ist angelegt und erscheint im Kalender, sobald Organisator:innen ihn freigeben.
event-review-organisers = Termine freigeben und verbergen können Organisator:innen.
event-already-hidden = Termin { $id } ist schon verborgen. Zeigen: /termin { $id } freigeben
event-already-released = Termin { $id } ist schon freigegeben.
event-hidden = Termin { $id } ist verborgen: nicht mehr im Kalender, in /termine und in den Terminkanälen. Wieder zeigen: /termin { $id } freigeben
event-released-notice = 📅 Dein Termin { $id } „{ $title }“ ist freigegeben und steht im Kalender der Allianz.
event-released = Termin { $id } „{ $title }“ ist freigegeben.
events-held-none = Kein Termin wartet auf Freigabe.
events-held-title = Termine, die auf Freigabe warten oder verborgen sind:
events-held-hint = Freigeben: /termin NUMMER freigeben · ändern: /termin NUMMER titel|ort|… · verbergen: /termin NUMMER verbergen
event-channel-held = Termin { $id } wird hier angekündigt, sobald er freigegeben ist.
record-see = /protokoll { $id }
question-from-confidential = Die Fragerunde läuft in einer anderen Gruppe. Was hier im vertraulichen Kanal steht, trägt der Bot nicht hinaus: frag dort oder privat (/frage …).
