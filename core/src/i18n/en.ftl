## Allianz-Bot – English texts

## General
sent-privately = I sent that to you privately.
need-membership = Only members can do that. You need an invitation from a member – then: /join CODE (e.g. /join K7M4-Q2XP-9HWN).
need-consent = Almost there: please accept the code of conduct first with /conduct accept.
need-admin = Only admins may do that.
need-organiser = Only organisers may do that.
private-hint = I respond to commands. Type /help for an overview.
unknown-command = I don't know the command /{ $word }. /help lists them all.
unknown-command-near = I don't know the command /{ $word }. Did you mean /{ $command }? /help shows all commands.

access-anyone = everyone
access-member = members
access-organiser = organisers
access-admin = admins

role-member = member
role-organiser = organiser
role-admin = admin
status-pending = code of conduct not yet accepted
status-active = active
status-forgotten = deleted

## Help
help-title = What I can do:
help-all = These are the commands you may use; /help all shows all of them.
help-footer = More about a command: /help <command>, e.g. /help initiative
    Who sees what: events are public (everyone, also in the calendar), internal (members only) or confidential (only in the confidential channel they come from). Your data: /my-data shows all of it, /forget deletes it.
help-usage = How:
help-example = Example:
help-alias = In German: /{ $word }
start-guest = Hello! I am the bot of { $alliance }. You become a member with an invitation: /join CODE. /help shows what else I can do.
start-member = Hello! Good to have you here. /help shows what I can do.

## Input errors
problem-missing = Something is missing.
problem-too-many = That is too much input.
problem-quote = A quotation mark was not closed.
problem-role = “{ $word }” is not a role. Possible: member, organiser, admin.
problem-language = I don't know “{ $word }”. Possible: de, en.
problem-member = “{ $word }” does not name a member. Possible: a name like anna, #12, telegram:123456, @name:server (Matrix), console:name.
problem-field = “{ $word }” is not a field. Possible: name, region, description, contact, website, topics.
problem-field-empty = The field “{ $field }” must not be empty.
problem-field-long = The field “{ $field }” is too long (at most { $max } characters).
problem-website = The website must start with https:// or http://, e.g. https://tafel-suhl.de (or “-” for none).
problem-topics = At most { $max } topics, separated by commas.

field-name = name
field-region = region
field-description = description
field-contact = contact
field-website = website
field-topics = topics

## Joining and code of conduct
join-welcome = Welcome to { $alliance }! One step is left.
join-pending = You have already signed up – only your agreement to the code of conduct is missing.
join-already-member = You are a member already. 🙂
join-unknown-code = I don't know this invitation code. It looks like this: K7M4-Q2XP-9HWN. Example: /join K7M4-Q2XP-9HWN
join-void-code = This invitation code was blocked after too many wrong tries. Please ask for a new invitation (/invite).
invite-voided = One of your invitation codes was blocked: someone typed it wrong too often. /invite gives you a new one – pass it on to the person directly only.
code-locked-out = Too many wrong codes in a short time – for safety I accept no codes from this account for an hour. Check the code calmly and try again then.
link-void-code = This linking code was blocked after too many wrong tries. Get a new one with /link.
link-voided = Your linking code was blocked: someone typed it wrong too often. Get a new one with /link if you need it.
link-notice = The account { $identity } is now linked to you. Wasn't that you? Then write here: /link unlink { $identity }
unlink-done = { $identity } no longer belongs to you. It can only be linked again with a new code.
unlink-self = You cannot unlink the account you are writing from. Send the command from another of your accounts.
unlink-unknown = This account is not linked to you. /whoami shows your accounts. Example: /link unlink telegram:123456
join-used-code = This invitation code has been used already. Please ask for a new invitation (/invite).
join-expired-code = This invitation code has expired. Please ask for a new invitation (/invite).
conduct-title = Our code of conduct
conduct-how-to-accept = Agreed? Then answer: /conduct accept
conduct-intro = This is how we treat each other:
conduct-join-first = First you need an invitation: /join CODE (e.g. /join K7M4-Q2XP-9HWN).
conduct-already = You accepted the code of conduct on { $when }. Thank you!
conduct-accepted = Thank you! You are a member now. Register your initiative with /initiative new or look around with /help.

## Members
language-current = I write to you in English. Switch to German: /language de
language-need-membership = I can only remember your language once you are a member (/join CODE).
language-set = Alright, from now on I write to you in English.
whoami-guest = You write as { $identity } and are not a member yet. With an invitation: /join CODE
whoami-role = Role: { $role } · Status: { $status } · Linked accounts:
invite-created-lead = Your invitation code:
invite-created = Pass it on; the new person writes /join { $code }. Valid until { $expires }, once.
role-unknown-member = I can't find this member. /members shows all. Example: /role anna organiser
role-not-yourself = You cannot change your own role – another admin does that.
role-set = { $name } is now { $role }.
role-you-now = Your role in the alliance is now: { $role }.
link-code-lead = Your linking code:
link-code-how = On the other messenger, write to me: /link { $code } – valid for { $minutes } minutes.
link-bad-code = This code is unknown or has expired. Get a new one with /link (in a private chat with me).
link-already = This account is linked to you already.
link-other-member = This account belongs to another member already. Please contact an admin.
link-done = Linked! { $identity } now belongs to you – you remain one person with one vote.

## Data
mydata-nothing = Nothing is stored about you, except that your messages to me were processed once.
mydata-summary = Here is everything I have stored about you: { $accounts ->
        [one] one account
       *[other] { $accounts } accounts
    }, { $initiatives ->
        [one] one initiative
       *[other] { $initiatives } initiatives
    }, { $activity ->
        [one] one log entry
       *[other] { $activity } log entries
    }, plus your answers, choices and reactions. Details in the file.
personal-members = You as a member
personal-member_identities = Your messenger accounts
personal-invitations = Invitations you made
personal-link_codes = Your open linking code
personal-initiatives = Initiatives you registered (they stay on the map without you)
personal-vacancies = Vacant places you listed (they leave the board)
personal-conversations = Forms you are filling in step by step
personal-code_failures = Wrong codes typed in the last hour
personal-audit_log = What you did (the log keeps the facts, not your name)
personal-rsvps = Your answers to events
personal-poll_choices = Your choices in polls (they stay counted, without your name)
personal-reactions = Your reactions on the bot's messages
personal-events = Events you created (they stay, without you)
personal-polls = Polls you asked (they stay, without you)
personal-channels = Chats you connected as channels
personal-announcements = Announcements you sent to the channels
personal-outbox = Messages to you, until delivered and then for the retention period
personal-budget_rounds = Participatory budget rounds you opened (they stay, without you)
personal-budget_contributions = Contributions to a pot you recorded
personal-grant_applications = Your grant applications (they stay, without you)
personal-budget_voters = Your voter pseudonym per round: your votes are kept only under it; once you are forgotten they stay counted, with no link to you
personal-budget_votes = Your current votes on grant applications (once you are forgotten they stay counted, with no link to you)
personal-budget_hints = Hints that a vote of yours could not count
event-set-aside = ⚠️ An event from { $platform } ({ $kind }) failed several times and was skipped so that everything else is answered. Error: { $error }. „allianz-bot check“ lists them.
too-many-commands = One moment, please – too many commands at once. In a minute it goes on; until then I leave further commands from you unanswered.
invite-limit = You have made { $limit ->
        [one] one invitation
       *[other] { $limit } invitations
    } today already – more tomorrow. Open codes are in your private chat with me.
poll-limit = You have asked { $limit ->
        [one] one poll
       *[other] { $limit } polls
    } in the last hour already – the next one a little later.
forget-confirm = This deletes your name, your linked accounts, your answers to events (your places go to the waiting list), your reactions, open codes and the messages kept for you. Your initiatives, events and polls stay, but without a link to you; votes already cast stay counted, anonymously. Messages already sent are kept for the retention period at most. Really? Then: /forget confirm
forget-done = Done. Your personal data has been deleted.

## Initiatives
initiative-registered = Registered! Thank you.
initiative-name-taken = An initiative named “{ $name }” exists already. Please choose another name.
initiative-not-found = I can't find an initiative “{ $name }”. /initiatives lists them all.
initiative-did-you-mean = Did you mean: { $names }?
initiative-not-yours = Only whoever registered the initiative, or the organisers, may do that.
initiative-edited = Changed: { $field }.
initiative-place-set = “{ $name }” is now at this place on the alliance's map.
initiative-place-removed = “{ $name }” is no longer on the map.
place-waiting = Where is it? Share the location here now (📎 → Location) – or send coordinates like 50.6098, 10.6934 or a link from openstreetmap.org.
place-not-understood = That is not a place on the map. Expected: a shared location, coordinates like 50.6098, 10.6934 or a link from openstreetmap.org. Cancel: /cancel
place-out-of-range = That location is not on earth – please share it again.
initiative-place-gone = That initiative no longer exists (archived?). All of them: /initiatives
location-without-question = Thanks for the location! For the map: first /initiative Name place (or /vacancy L3 place), then share the location.
initiative-contact-on-web = public on the website
initiative-contact-public = The contact of “{ $name }” is now also on the alliance's public website. Undo: /initiative { $name } contact private
initiative-contact-private = The contact of “{ $name }” is visible to members only, not on the website. Show it: /initiative { $name } contact public
initiative-archived = “{ $name }” is archived and no longer listed.
initiatives-title = Initiatives in the alliance:
initiatives-title-for = Initiatives for “{ $query }”:
initiatives-none = No initiatives registered yet. Be the first: /initiative new
initiatives-none-for = I found no initiatives for “{ $query }”. /initiatives lists them all.
initiatives-more = … and more. Search more precisely, e.g. /initiatives Suhl
initiatives-show-hint = Details: /initiative <name>

## Form
form-intro = Let's go – I'll ask you step by step.
form-ask-name = What is the initiative called?
form-ask-region = In which region is it active? (e.g. Suhl, Hildburghausen)
form-ask-description = Describe it in a sentence or two.
form-ask-contact = How can people reach it? (email, phone or a name)
form-ask-website = Website? (e.g. https://tafel-suhl.de)
form-ask-topics = Topics, separated by commas? (e.g. poverty, food)
form-optional = “-” to leave it out.
form-cancel-hint = /cancel ends the form.
question-expired = My question went unanswered, so I have forgotten it. Please send the command again.
question-not-an-answer = I don't understand that as an answer to my question.
form-cancelled = Cancelled. Nothing was saved.
form-nothing-to-cancel = Nothing is running that I could cancel.

## Commands: help, usage, example
help-help = Overview of all commands, or help for one
usage-help = /help [command]
example-help = /help initiative
help-start = Greeting and first steps
usage-start = /start
example-start = /start
help-language = Choose the language of replies (de, en)
usage-language = /language de|en
example-language = /language en
help-whoami = Shows your role and linked accounts
usage-whoami = /whoami
example-whoami = /whoami
help-invite = Create an invitation code for a new person
usage-invite = /invite
example-invite = /invite
help-join = Join with an invitation code
usage-join = /join CODE
example-join = /join K7M4-Q2XP-9HWN
help-conduct = Read or accept the code of conduct
usage-conduct = /conduct [accept]
example-conduct = /conduct accept
help-role = Set a member's role (member, organiser, admin)
usage-role = /role <who> <role>
example-role = /role anna organiser
help-link = Link accounts on several messengers to one person
usage-link =
    /link
    /link CODE
    /link unlink [ACCOUNT]
example-link = /link K7M4-Q2XP-9HWN
help-mydata = Everything stored about you, as a file
usage-mydata = /my-data
example-mydata = /my-data
help-forget = Delete your personal data
usage-forget = /forget [confirm]
example-forget = /forget confirm
help-initiative = Register, edit, archive or show an initiative
usage-initiative =
    /initiative new Name | Region | Description | Contact | Website | Topics
    /initiative new
    /initiative edit Name | field | new value
    /initiative archive Name
    /initiative Name place 50.6098, 10.6934
    /initiative Name contact public|private
    /initiative Name
example-initiative =
    /initiative new Tafel Suhl | Suhl | We rescue food | info@tafel-suhl.de | https://tafel-suhl.de | poverty, food
    /initiative Tafel Suhl
usage-initiative-new =
    /initiative new Name | Region | Description | Contact | Website | Topics
    /initiative new   (without details: step by step)
example-initiative-new = /initiative new Tafel Suhl | Suhl | We rescue food | info@tafel-suhl.de | - | poverty, food
usage-initiative-edit = /initiative edit Name | field | new value
example-initiative-edit = /initiative edit Tafel Suhl | region | Suhl-Nord
usage-initiative-place =
    /initiative Name place 50.6098, 10.6934
    /initiative Name place https://www.openstreetmap.org/?mlat=50.6098&mlon=10.6934
    /initiative Name place -   (take it off the map)
example-initiative-place = /initiative Tafel Suhl place 50.6098, 10.6934
usage-initiative-archive = /initiative archive Name
example-initiative-archive = /initiative archive Tafel Suhl
help-vacancy = Share and find vacant places: empty shops, flats, workshops, land
usage-vacancy =
    /vacancy new Title | Place | Kind | Description | Contact
    /vacancy [region, place or kind]
    /vacancy L3
    /vacancy L3 taken | extend
    /vacancy L3 place 50.6098, 10.6934   (nothing: share the location next)
    /vacancy L3 contact public|private
    Kinds: shop, flat, house, workshop, office, hall, restaurant, land, other
example-vacancy = /vacancy new Former bakery | Suhl, Steinweg 12 | shop | 80 m² with shop window, available now | Town hall, 03681 123456
usage-vacancy-new = /vacancy new Title | Place | Kind | Description | Contact
example-vacancy-new = /vacancy new Former bakery | Suhl, Steinweg 12 | shop | 80 m² with shop window, available now | Town hall, 03681 123456
usage-vacancy-place =
    /vacancy L3 place 50.6098, 10.6934
    /vacancy L3 place https://www.openstreetmap.org/?mlat=50.6098&mlon=10.6934
    /vacancy L3 place   (then share the location)
example-vacancy-place = /vacancy L3 place 50.6098, 10.6934
vacancy-kind-shop = shop
vacancy-kind-flat = flat
vacancy-kind-house = house
vacancy-kind-workshop = workshop
vacancy-kind-office = office
vacancy-kind-hall = hall
vacancy-kind-restaurant = restaurant
vacancy-kind-land = land
vacancy-kind-other = other
vacancy-field-title = title
vacancy-field-place = place
vacancy-field-description = description
vacancy-field-contact = contact
vacancy-listed = Thanks! The vacant place is listed as L{ $id }.
vacancy-listed-hint = On the map: /vacancy L{ $id } place · Contact on the website: /vacancy L{ $id } contact public · Taken: /vacancy L{ $id } taken
vacancy-listed-until = Listed until { $date }
vacancy-is-taken = Taken – no longer listed.
vacancy-not-found = There is no L{ $id } (any more). All of them: /vacancy
vacancy-not-yours = Only whoever listed it, or an organiser, can do that.
vacancy-taken-already = L{ $id } is already taken.
vacancy-taken = L{ $id } is taken and leaves the list. Thanks for letting us know!
vacancy-extended = L{ $id } stays listed until { $date }.
vacancy-place-set = L{ $id } is now on the map.
vacancy-place-removed = L{ $id } is no longer on the map.
vacancy-contact-public = The contact of L{ $id } is now also on the public website.
vacancy-contact-private = The contact of L{ $id } is visible to members only.
vacancy-expires-soon = Your vacant place L{ $id } “{ $title }” expires on { $date }. Still free? /vacancy L{ $id } extend · Taken? /vacancy L{ $id } taken
vacancies-title = Vacant places in the alliance:
vacancies-title-for = Vacant places for “{ $query }”:
vacancies-none = No vacant places listed right now. List one: /vacancy new Title | Place | Kind | Description | Contact
vacancies-none-for = No vacant places for “{ $query }”. All of them: /vacancy
vacancies-more = … and { $count } more. Narrow it down: /vacancy Suhl or /vacancy shop
vacancies-hint = Details: /vacancy L3
problem-vacancy-parts = A vacant place needs five parts, separated by |: Title | Place | Kind | Description | Contact
problem-vacancy-empty = { $field } is missing.
problem-vacancy-long = { $field } is too long (at most { $max } characters).
problem-vacancy-kind = "{ $word }" is not a kind of vacant place. Possible: { $kinds }
problem-vacancy-number = "{ $word }" is not a vacant place's number. Example: /vacancy L3
problem-vacancy-action = I don't know "{ $word }" with /vacancy. Possible: taken, extend, place, contact public|private
help-initiatives = List initiatives, filtered by region or topic
usage-initiatives = /initiatives [region or topic]
example-initiatives = /initiatives Sömmerda
help-cancel = Cancel a running form
usage-cancel = /cancel
example-cancel = /cancel

## Channels
channel-private = Channels are the alliance's groups or rooms – a private chat cannot be a channel. Write /channel connect in the group that should become one.
channel-not-encrypted = Confidential works only in end-to-end encrypted rooms (Matrix with encryption, without a bridge to Signal or WhatsApp – a bridge reads along on its server). This chat is not end-to-end encrypted. Without “confidential”: /channel connect
channel-connected = Connected!
channel-not-connected = This chat is not an alliance channel. Connect it: /channel connect
channel-disconnected = Disconnected. This chat no longer receives announcements.
channel-is-connected = This chat is an alliance channel: it receives the organisers' announcements.
channel-is-confidential = This chat is a confidential alliance channel: it receives every announcement, the confidential ones too.
channel-is-not-connected = This chat is not a channel yet. Connect it: /channel connect (or /channel connect confidential in encrypted rooms)
channels-title = The alliance's channels:
channels-none = No channels yet. In a group: /channel connect
channels-confidential = confidential
help-channel = Connect or disconnect this chat as an alliance channel, put it in a region, show new events here
usage-channel =
    /channel connect [confidential]
    /channel disconnect
    /channel region Suhl (or - for none)
    /channel events on|off
    /channel
example-channel = /channel connect confidential
help-members = Show members with role and messengers, also searched by name
usage-members = /members [search]
example-members = /members anna
members-title = Members ({ $count }):
members-none = Nobody fits this search.
member-not-found = I can't find a member “{ $name }”. /members shows all.
member-did-you-mean = Did you mean: { $names }?
member-which = “{ $name }” fits several people – please use the number, e.g. { $usage }:
help-channels = Show all of the alliance's channels
usage-channels = /channels
example-channels = /channels
channels-unreachable = unreachable
channel-unreachable-notice = I can no longer post in “{ $title }” ({ $platform }) – probably I was removed from the group. The channel is marked unreachable. Add me to the group again and it continues there.
bot-welcome-group = Hello! I am the alliance's bot. /help shows what I can do; organisers connect this group with /channel connect.
bot-needs-admin = To see reactions (e.g. for RSVPs and votes), please make me an administrator of this group.
bot-sees-reactions = Thanks! Now I see reactions too.
poll-title = 📊 Poll { $id }: { $question }
poll-title-closed = 📊 Poll { $id } (closed): { $question }
poll-total = { $count ->
    [one] 1 vote
   *[other] { $count } votes
}
poll-how = vote with a button, a reaction 1️⃣ 2️⃣ … or /poll { $id } NUMBER
poll-result = Result: { $answer }
poll-result-tie = Tie: { $answers }
poll-result-none = No votes cast.
poll-chosen = Counted: “{ $answer }” (poll { $id }).
poll-changed = Changed: now “{ $answer }” (poll { $id }).
poll-unchanged = You already chose “{ $answer }”.
poll-not-found = There is no poll { $id }. Start a new one like this: /poll Question | Answer 1 | Answer 2
poll-closed = Poll { $id } is closed; the result is final.
poll-no-answer = Poll { $id } has the answers 1 to { $max }. Example: /poll { $id } 1
poll-close-denied = Only whoever started the poll, or an organiser, may close it.
poll-closed-done = Poll { $id } is closed.
poll-members-only = Only members can vote. You become a member with an invitation: /join CODE
button-inactive = This button is no longer active.
help-poll = Quick poll in the chat: start, vote, show, close
usage-poll =
    /poll Question | Answer 1 | Answer 2 …
    /poll NUMBER [ANSWER-NUMBER]
    /poll NUMBER close
example-poll = /poll When do we meet? | Tuesday 6 pm | Wednesday 7 pm
problem-poll-question = The question is missing.
problem-poll-question-long = The question is too long (at most { $max } characters).
problem-poll-few = A poll needs at least { $min } answers, separated by |.
problem-poll-many = At most { $max } answers, please.
problem-poll-option-long = The answer “{ $option }” is too long (at most { $max } characters).
problem-poll-duplicate = The answer “{ $option }” is there twice.
problem-poll-number = “{ $word }” is not a number. Polls and their answers have numbers, e.g. /poll 3 1
private-chat-closed = I cannot write to you privately. Please write to me privately first, then ask here again.
private-chat-closed-telegram = I cannot write to you privately: please open the chat with me once ({ $link }) and tap “Start”, then ask here again.

## Events
help-event = Create, show, change, move or cancel an event
usage-event =
    /event new <when> | Title | Place or link | Description
    /event new   (without details: step by step)
    /event NUMBER [date]
    /event NUMBER cancel [date]
    /event NUMBER move [date to] <when>
    /event NUMBER seats|reminders|title|place|description|topic|speakers|region|link|channel|public|internal|confidential …
    /event NUMBER presentations|docs …
example-event =
    /event new Fri 19:30 | Stammtisch Suhl | Gasthaus Linde | Open round for everyone
    /event 3
usage-event-new =
    /event new <when> | Title | Place or link | Description
    /event new   (without details: step by step)
    <when> is written in German: 30.01.2027 17:00 · morgen 18 Uhr · Fr 19:30-21:00 · in 2 Wochen 10 Uhr
    Several days: 25.–26.01.2027 (all day) · Fr 18 Uhr bis So 14 Uhr
    Series: jeden ersten Montag im Monat 17 Uhr · wöchentlich dienstags 10 Uhr · bis 30.09.2027
example-event-new =
    /event new Fr 19:30 | Stammtisch Suhl | Gasthaus Linde
    /event new wöchentlich dienstags 10-11 Uhr | Office hours | https://meet.example.org/office
usage-event-edit =
    /event NUMBER seats 20 (or unlimited)
    /event NUMBER reminders 7d 1d 1h (or none, default)
    /event NUMBER title|place|description|topic|speakers|region Text (or "-" to clear)
    /event NUMBER link https://… [private]
    /event NUMBER channel   (announce and remind in this group too)
    /event NUMBER public|internal|confidential   (everyone · members only · only in the confidential channel)
    /event NUMBER topic DATE Topic · impulse accept IMPULSE · presentations COUNT · docs <link> | short minutes
    /event NUMBER registration from DATE
    /event NUMBER release|hide   (organisers)
example-event-edit =
    /event 3 seats 20
    /event 3 link https://meet.example.org/abc private
usage-event-move =
    /event NUMBER move <when>
    /event NUMBER move DATE to <when>   (one date of a series)
example-event-move =
    /event 3 move Sa 18 Uhr
    /event 5 move 7.12. to 8.12. 17 Uhr
help-events = The next events, filtered by region or topic
usage-events =
    /events [region or topic]
    /events past [region or topic]   (with documentation)
    /events review   (organisers: events waiting for release)
example-events = /events Suhl
help-register = Register for an event (or "maybe")
usage-register = /register NUMBER [date] [maybe]
example-register = /register 3
help-unregister = Unregister from an event
usage-unregister = /unregister NUMBER [date]
example-unregister = /unregister 3
help-attendees = Who is coming? Names for organisers, counts for everyone
usage-attendees = /attendees NUMBER [date]
example-attendees = /attendees 3
form-event-intro = New event – I will ask step by step.
form-event-ask-when = When? (e.g. Fr 19:30, 30.01.2027 17-19 Uhr, jeden ersten Montag im Monat 17 Uhr)
form-event-ask-title = What is it called? (e.g. Stammtisch Suhl)
form-event-ask-place = Where? Place or link (e.g. Gasthaus Linde, Suhl)
form-event-ask-region = Which region? So it is found with /events REGION and in the region's calendar (e.g. Suhl).
form-event-ask-description = What is it about? A sentence or two.
event-field-title = title
event-field-place = place
event-field-description = description
event-field-topic = Topic
event-field-speakers = Speakers
event-field-region = Region
event-problem-when = The date is missing. Example: /event new Fr 19:30 | Stammtisch
event-problem-title = The title is missing. Example: /event new Fr 19:30 | Stammtisch
event-problem-long = "{ $field }" is too long (at most { $max } characters).
problem-event-number = "{ $word }" is not an event number. Events have numbers, e.g. /event 3 – /events shows them.
problem-event-action = I cannot do "{ $word }" with an event. Possible: cancel, move, seats, reminders, title, place, description, topic, speakers, region, link, channel, public, internal.
problem-capacity = "{ $word }" is not a number of seats. Expected: a number from 1, e.g. /event 3 seats 20, or "unlimited".
problem-place = "{ $word }" is not a place on the map. Expected: coordinates like 50.6098, 10.6934 or a link from openstreetmap.org
problem-link = "{ $word }" is not a link. It must start with https://, e.g. https://meet.example.org/stammtisch
problem-offset = I do not understand "{ $word }" as a time before. Examples: 7d, 1 day, 2 hours, 30 min.
problem-offset-far = "{ $word }" is too far ahead (at most 60 days).
problem-offsets-many = At most { $max } reminders per event.
when-empty = When? Example: Fr 19:30 or 30.01.2027 17 Uhr
when-no-time = At what time? Example: Fr 19:30 or morgen 18 Uhr
when-no-day = On which day? Example: Fr 19:30, morgen 18 Uhr or 30.01.2027 17 Uhr
when-unknown-word = I do not understand "{ $word }" as a date or time.
when-bad-date = The day "{ $word }" does not exist.
when-bad-time = The time "{ $word }" does not exist. Example: 19:30
when-day-mismatch = { $date } is a { $actual }, not "{ $weekday }". Which day do you mean?
when-today-or-next-week = Today ({ $today }) or in a week ({ $next })? Just answer “today” or “in a week”.
when-in-past = That moment has passed. Please give a date in the future.
when-end-before-start = The end is before the start. Example: 17:00-20:00
when-skipped = That time does not exist on that day (clock change, 2 am jumps to 3 am). Please pick another time.
when-twice = That time happens twice on that day (clock change). Please pick another time, e.g. 3:30.
when-series-without-day = On which weekday? Example: wöchentlich dienstags 10 Uhr
when-which-weekday = Which { $day } of the month? Example: jeden ersten { $day } im Monat
when-impossible = "{ $words }" does not make a reliable series. Examples: jeden ersten Montag im Monat, monatlich am 15., alle 2 Wochen mittwochs
when-morning-or-evening = Do you mean { $morning } or { $evening }? Just answer “morning” or “evening”.
when-second-or-every-other = Do you mean the second { $day } of the month, or every other week on { $day }? Just answer “month” or “every other week”.
when-until-before-start = The series would end before it starts. Example: jeden Montag 17 Uhr bis 30.09.2027
event-bad-day = "{ $word }" is not a date. Example: 7.12. or 07.12.2026
event-not-found = There is no event { $id }. /events shows the next ones.
event-no-occurrence = Event { $id } does not take place on { $date }. /event { $id } shows its dates.
event-over = Event { $id } is over.
event-create-denied = Organisers create events. Ask an organiser of your alliance.
event-manage-denied = Only whoever created the event and organisers may change it.
event-members-only = Only members can register. You become a member with an invitation: /join CODE
event-is-cancelled = Event { $id } is cancelled.
event-is-over = Event { $id } has started or is over.
event-cancel-series-confirm = “{ $title }” is a series ({ $count ->
        [one] one date
       *[other] { $count } dates
    } in the coming months). Cancel the whole series? Then: /event { $id } cancel all – just one date: /event { $id } cancel DATE, e.g. /event { $id } cancel 7.12.
event-already-cancelled = That is cancelled already.
event-card-title = 📅 Event { $id }: { $title }
event-card-cancelled = ❌ Cancelled – event { $id }: { $title }
event-reminder-title = ⏰ Reminder: { $title } – in { $offset }
event-reminder-late = (late)
event-reminder-private-hint = Cannot make it after all? /unregister { $id }
event-moved-mark = (moved)
event-cancelled-mark = cancelled
event-link-private = registered people get the link privately
event-places = { $taken }/{ $capacity ->
        [one] 1 seat
       *[other] { $capacity } seats
    } taken
event-waiting = waiting list: { $count }
event-how = Answer by button, with a reaction ✅ 🤔 ❌ (or 👍 👎) or /register { $id }
event-button-yes = ✅ I'll come
event-button-maybe = 🤔 Maybe
event-button-no = ❌ Can't come
event-next-dates = More dates:
event-number = no. { $id }
events-title = 📅 The next events:
events-none = No events ahead. Organisers create them with /event new
events-none-for = No events for "{ $query }".
events-series-more = { $count ->
        [one] +1 more date
       *[other] +{ $count } more
    }
events-more = … and { $count } more.
events-hint = Details: /event NUMBER · register: /register NUMBER
event-cancelled-notice = ❌ Cancelled: { $title } on { $when }.
event-moved-notice = 🗓 Moved: { $title } is now on { $when } (instead of { $extra }).
event-cancelled-done = Event { $id } "{ $title }" is cancelled. { $count ->
    [one] 1 registered person is told.
   *[other] { $count } registered people are told.
}
event-occurrence-cancelled-done = Event { $id } on { $when } is cancelled. { $count ->
    [one] 1 registered person is told.
   *[other] { $count } registered people are told.
}
event-moved-done = Event { $id } is now on { $when }. { $count ->
    [one] 1 registered person is told.
   *[other] { $count } registered people are told.
}
event-move-which = Which date of the series should move? Name the date.
event-capacity-done = Event { $id } now has { $capacity ->
        [one] one seat
       *[other] { $capacity } seats
    }.
event-capacity-unlimited = Event { $id } now has unlimited seats.
event-reminders-done = Reminders for event { $id }: { $list } before.
event-reminders-none = Event { $id } now has no reminders.
event-edit-done = Event { $id }: "{ $field }" changed.
event-link-done = Event { $id }: link saved, everyone sees it.
event-link-private-done = Event { $id }: link saved; registered people get it privately.
event-link-removed = Event { $id }: link removed.
event-channel-private = That only works in a group: there I announce the event and remind of it.
event-channel-known = This group gets the event already.
rsvp-yes = You are registered: { $title }, { $when }.
rsvp-maybe = Noted as "maybe": { $title }, { $when }.
rsvp-no = Unregistered: { $title }, { $when }.
rsvp-waiting = { $title } is full – you are on the waiting list (place { $place }). When a seat frees up you move up automatically and I will tell you.
rsvp-unchanged = You answered that already: { $title }, { $when }.
rsvp-moved-up = 🎉 A seat became free: you are now registered for { $title }, { $when }.
rsvp-link = You are registered for { $title }, { $when }. Link: { $link }
attendees-title = Registrations: { $title }, { $when }
attendees-yes = ✅ Coming
attendees-waiting = ⏳ Waiting list
attendees-maybe = 🤔 Maybe
attendees-no = ❌ Not coming
event-series-from = from { $date }
event-public-done = Event { $id } is now public: visible to everyone, also in the calendar feed.
event-internal-done = Event { $id } is now internal: only members see it, not in the public calendar.
event-confidential-done = Event { $id } is now confidential: it appears only in confidential channels like this one, reminders go only here.
event-public-from-confidential-done = Event { $id } is now public. Everyone can now see its title, time, place, description and link – in /events, in the calendar feed and on the website.
event-internal-from-confidential-done = Event { $id } is now internal. All members of the alliance can now see its title, time, place, description and link – in /events and in private chats.
event-visibility-unchanged = Event { $id } is set like that already.
event-visibility-organiser = Whether a confidential event stays confidential is for organisers to decide.
event-confidential-needs-room = Confidential works only in a confidential channel (an encrypted room connected with /channel connect confidential). Send the command there.
event-confidential-private = There is news about a confidential event (no. { $id }). The details are only in the confidential channel – please look there.
partner-feed-failed = The partner calendar "{ $source }" could not be read: { $error }. I keep trying and report again only after it worked once more.
event-partner = calendar of { $source }
partner-problem-unreachable = server not reachable
partner-problem-no-answer = no answer in time
partner-problem-status = the server answers HTTP { $status }
partner-problem-large = larger than { $kib } KiB
partner-problem-not-text = not UTF-8 text
partner-problem-not-calendar = not a valid iCalendar calendar (BEGIN:VCALENDAR … END:VCALENDAR expected)

## Spendenparlament (participatory budget)
help-round = Participatory budget: open grant rounds with a pot, show them, contributions, procedure, publish the result
usage-round =
    /round
    /round new Title | Amount | applications until DATE | voting: event NO
    /round new   (without details: step by step)
    /round NO
    /round NO contribution AMOUNT | Donor [| public]
    /round NO close
    /round NO setting NAME VALUE
    /round NO publish
example-round = /round new Spring 2027 | €3,000 | applications until 15.01.2027 | voting: event 7
usage-round-new = /round new Title | Amount | applications until DATE [| voting: event NO]
example-round-new = /round new Spring 2027 | 3.000 € | applications until 15.01.2027 | voting: event 7
usage-round-contribution = /round NO contribution AMOUNT | Donor [| public]
example-round-contribution = /round 1 contribution 500 € | Example Foundation | public
usage-round-setting =
    /round NO setting ballot yes/no | points [COUNT]
    /round NO setting maximum AMOUNT | none
    /round NO setting eligible members | registered
    /round NO setting quorum COUNT | none
    /round NO setting threshold simple | PERCENT
    /round NO setting partial on | off
    /round NO setting secret on | off
    /round NO setting visibility public | internal
example-round-setting = /round 1 setting ballot points 10
help-application = Apply for a grant, show, change or withdraw it; organisers admit or reject
usage-application =
    /application Title | Amount | Initiative | What the money is for
    /application   (without details: step by step)
    /application A3
    /application A3 withdraw
    /application A3 title|amount|purpose NEW VALUE
    /application A3 admit
    /application A3 reject REASON
    /application A3 reduce AMOUNT
    /application A3 position NO
example-application = /application Cargo bike for the village shop | 450 € | Dorfladen Plus | A cargo bike for deliveries to older people
usage-application-new = /application Title | Amount | Initiative | What the money is for
example-application-new = /application Cargo bike for the village shop | 450 € | Dorfladen Plus | A cargo bike for deliveries to older people
usage-application-reject = /application A3 reject REASON
example-application-reject = /application A3 reject Not in our region
usage-application-reduce = /application A3 reduce AMOUNT
example-application-reduce = /application A3 reduce 300 €
usage-application-position = /application A3 position NO
example-application-position = /application A3 position 1
usage-application-edit = /application A3 title|amount|purpose NEW VALUE
example-application-edit = /application A3 amount 400 €
help-applications = A round's applications with their state (the agenda)
usage-applications = /applications [ROUND]
example-applications = /applications 1
help-voting = Voting in the plenary: open all applications, one after another, count
usage-voting =
    /voting start [ROUND]
    /voting next [ROUND]
    /voting close [ROUND]
example-voting = /voting start
help-vote = Vote on an application (also with 👍 👎 🤷 under its card); without arguments: your votes
usage-vote =
    /vote A3 yes|no|abstain
    /vote A3 POINTS
    /vote
example-vote = /vote A3 yes
help-vote-for = Enter the vote of someone without a phone (logged; the person is told)
usage-vote-for = /vote-for WHO A3 yes|no|abstain
example-vote-for = /vote-for Anna Schmidt A3 yes
problem-amount = "{ $word }" is not an amount. Expected e.g. 450 €, 1.250,50 € or 800,-
problem-amount-ambiguous = "{ $word }" is ambiguous: cents or thousands? Please write e.g. 1,50 € or 1.500 €.
problem-date = "{ $word }" is not a date. Expected e.g. 15.01.2027
problem-round-number = "{ $word }" is not a round number. Example: /round 1
problem-application-number = "{ $word }" is not an application number. Applications are A1, A2 …, e.g. /application A3
problem-budget-action = I don't know "{ $word }" here.
problem-setting = There is no setting "{ $word }".
problem-setting-value = "{ $word }" does not fit this setting.
problem-choice = "{ $word }" is not a vote. Expected: yes, no, abstain – or points as a number.
round-state-open = open for applications
round-state-closed = applications closed, voting to come
round-state-voting = voting
round-state-counted = counted
round-state-published = published
application-state-submitted = submitted
application-state-admitted = admitted
application-state-rejected = rejected
application-state-withdrawn = withdrawn
rounds-title = Rounds of the participatory budget
rounds-line = { $id }. { $title } – { $pot } – { $state }
rounds-none = No round yet. Organisers open one: /round new
round-not-found = There is no round { $id }. All rounds: /round
round-none = No round is running. All rounds: /round
round-title = Round { $id }: { $title }
round-state = State: { $state }
round-pot = Pot: { $pot }
round-donors = With thanks to: { $donors }
round-deadline = Applications until: { $date }
round-meeting = Voting at event { $event }
round-applications = Applications: { $count }
round-procedure = Procedure:
round-setting-yes-no = yes/no per application
round-setting-points = { $points } points per person, spread over the applications
round-setting-eligible-members = eligible: every active member, one vote per person
round-setting-eligible-registered = eligible: those registered for the event, one vote per person
round-setting-majority = approved with more yes than no
round-setting-percent = approved from { $percent } % yes (of yes and no)
round-setting-no-quorum = no quorum
round-setting-quorum = quorum: { $voters } voters per application
round-setting-maximum = at most { $amount } per application
round-setting-partial-on = the last fundable application gets what is left in the pot
round-setting-partial-off = no partial funding
round-setting-secret = secret ballot (private only)
round-setting-open = open ballot
round-setting-public = public: everyone sees the round, applications and result
round-setting-internal = internal: only members see the round (privately and in the alliance's channels)
round-opened-how = Members apply with /application Title | Amount | Initiative | What for
round-deadline-past = The deadline { $date } has passed already.
round-pot-empty = The amount must be more than €0.
round-too-late = Round { $id } is further along ({ $state }); this cannot be changed any more.
round-contribution-done = Contribution of { $amount } recorded. The pot of round { $id } is now { $pot }.
round-applications-closed = Applications closed for round { $id } ({ $title }): { $count } applications. The organisers review them now.
round-deadline-passed = The application deadline of round { $id } ({ $title }) ended on { $date }: { $count } applications. The organisers review them now.
round-needs-meeting = The round needs an event for that (with /round new: | voting: event NO).
round-setting-done = Procedure of round { $id } changed:
round-not-counted = Round { $id } is not counted yet: first /voting close
round-published-already = The result of round { $id } is published already.
application-not-found = There is no application { $id }. All applications: /applications
application-no-round = No round takes applications right now. The rounds: /round
application-title-long = The title is too long (at most { $max } characters).
application-purpose-long = The description is too long (at most { $max } characters).
application-amount-zero = The amount must be more than €0.
application-amount-max = { $amount } is more than this round's maximum ({ $max }).
application-amount-pot = { $amount } is more than the whole pot ({ $pot }).
application-initiative-unknown = The initiative "{ $name }" is not registered. Register it: /initiative new
application-initiative-unknown-own = I don't know the initiative "{ $name }". Your initiatives: { $own }
application-submitted = Application { $id } "{ $title }" for { $amount } is submitted for { $round }. You can change or withdraw it until { $date }: /application { $id }
application-asked = asked { $amount }
application-initiative = Initiative: { $name }
application-amount = Asked for: { $amount }
application-reduced = Put to the vote: { $amount }
application-state = State: { $state }
application-reason = Reason: { $reason }
application-not-yours = Only the applicant can change or withdraw an application.
application-locked = Application { $id } can no longer be changed (deadline passed or already decided).
application-withdrawn = Application { $id } is withdrawn.
application-edited = Changed:
application-withdrawn-already = Application { $id } was withdrawn.
application-admitted = Application { $id } is admitted to the vote.
application-rejected = Application { $id } is rejected; the applicant is told with the reason.
application-told-admitted = Your application { $id } "{ $title }" is admitted to the vote.
application-told-rejected = Your application { $id } "{ $title }" was not admitted. Reason: { $reason }
application-reduce-bad = The amount to vote on must be more than €0 and at most { $amount }.
application-reduced-done = Application { $id } is put to the vote with { $amount }.
application-told-reduced = Your application { $id } "{ $title }" is put to the vote with { $amount }.
application-moved = Application { $id } is now number { $place } on the agenda.
application-told-funded = Your application { $id } "{ $title }" is funded with { $amount }. Congratulations!
application-told-not-funded = Your application { $id } "{ $title }" is not funded this time. The result is in the alliance's channels.
applications-title = Applications in round { $id }: { $title }
applications-none = No applications yet.
applications-sum = Asked for: { $asked } · Pot: { $pot }
ballot-title = Vote on { $id }: { $title }
ballot-voters = { $count } have voted
ballot-points = { $points } points
ballot-how = Vote with 👍 yes · 👎 no · 🤷 abstain – or /vote { $id } yes
ballot-how-points = Give points with 1️⃣–5️⃣ or /vote { $id } 3 ({ $points } points per person)
ballot-how-secret = Secret ballot: please vote privately, with /vote { $id } yes in the chat with me.
ballot-closed = Voting closed.
ballot-private = Your vote counts once and nobody sees how you voted.
ballot-button-yes = 👍 Yes
ballot-button-no = 👎 No
ballot-button-abstain = 🤷 Abstain
choice-yes = yes
choice-no = no
choice-abstain = abstention
choice-points = { $points } points
vote-not-open = { $id } is not being voted on right now.
vote-not-eligible = You are not eligible to vote in round { $id }.
vote-wants-yes-no = { $id } is decided with yes, no or abstain, e.g. /vote { $id } yes
vote-wants-points = For { $id } you give points ({ $points } in all), e.g. /vote { $id } 3
vote-points-left = That is too many points: you have { $left } of { $points } left.
vote-counted = Your vote on { $id }: { $choice }. You can change it until the end.
vote-changed = Your vote on { $id } is now: { $choice }.
vote-unchanged = Your vote on { $id } was { $choice } already.
vote-members-only = Only members who accepted the code of conduct can vote.
vote-secret-privately = This is a secret ballot: reactions in the group do not count. Please vote privately, with /vote in the chat with me.
vote-own-title = Your votes in round { $id }
vote-own-none = You have not voted yet.
vote-entered-for-you = A vote was entered for you on application { $id } "{ $title }": { $choice } (by { $by }). You can change it yourself with /vote { $id }.
vote-for-done = Vote of { $name } on { $id } entered.
vote-for-unchanged = { $name } had voted that way on { $id } already.
voting-over = Round { $id } is counted already.
voting-undecided = Admit or reject these first: { $ids }
voting-nothing = No application is admitted in round { $id } yet.
voting-running = Voting in round { $id } is running already. Count: /voting close
voting-started = Voting in round { $id } is open: { $count } applications.
voting-all-done = All applications of round { $id } have been voted on. Count: /voting close
voting-not-started = No voting is running in round { $id }. Start: /voting start
voting-closed-publish = Publish in all channels: /round { $id } publish
result-title = Result of round { $id }: { $title }
result-funded = funded
result-partly = partly funded (what was left in the pot)
result-no-quorum = not funded: quorum not reached
result-not-approved = not funded: no majority
result-pot-exhausted = not funded: pot used up
result-no-points = not funded: no points
result-sum = Granted: { $granted } of { $pot } · left: { $left }
result-tie = * same share and same number of yes: the earlier application first.
result-check = Recount from the log: allianz-bot recount { $id }
result-seal = Seal of the vote log: { $seal }
form-round-intro = New participatory budget round – I will ask step by step.
form-round-ask-title = What is the round called? (e.g. Spring 2027)
form-round-ask-pot = How much money is in the pot? (e.g. 3.000 €)
form-round-ask-deadline = Until when can people apply? (a date, e.g. 15.01.2027)
form-round-ask-meeting = At which event is the vote? (event number, e.g. 7)
form-application-intro = New grant application – I will ask step by step.
form-application-ask-title = What is your project called? (short, e.g. Cargo bike for the village shop)
form-application-ask-amount = How much money do you apply for? (e.g. 450 €)
form-application-ask-initiative = For which initiative? (its name as registered)
form-application-ask-purpose = What is the money for? (a sentence or two)
form-application-own = Your initiatives: { $own }
form-budget-needed = I need this one.
voting-closed-channels = Voting in round { $id } ({ $title }) is closed and counted. The result follows once the organisers publish it.
channel-region-set = This channel now belongs to the region { $region }. Announcements just for it: /announce region { $region } text
channel-region-cleared = This channel no longer belongs to a region.
channels-region = region { $region }
help-announce = Send an announcement to all of the alliance's channels – or only to a region's or to the confidential ones
usage-announce =
    /announce text
    /announce region Suhl text
    /announce region Bad Salzungen | text
    /announce confidential text
    /announce public text   (also as news on the website)
    /announce [region …|confidential] on 01.02.2027 09:00 text
example-announce = /announce Network meeting on 12 March at 6 pm in Suhl town hall – everyone is welcome!
announcement-title = 📣 Announcement from { $alliance }
announce-confidential-here = Please write confidential announcements in your private chat with me or in a confidential channel – here the text would be in the open.
announce-no-channels = There are no channels yet to send the announcement to. In a group: /channel connect
announce-no-confidential = There is no confidential channel. In an encrypted Matrix room: /channel connect confidential
announce-no-region = No channel belongs to the region “{ $region }”. Known regions: { $known }. To put a channel in it: /channel region { $region }
announce-report-progress = Announcement { $id }: delivered to { $sent } of { $total } channels, the rest follows.
announce-report-done = Announcement { $id }: delivered to { $sent } of { $total } channels.
announce-report-pending = { $platform }: { $channel } pending ({ $why })
announce-report-failed = { $platform }: { $channel } not delivered ({ $why })
announce-confidential-not-web = Confidential items never go on the website: “public” and “confidential” don't go together.
announce-in-the-past = That moment has passed. Without a date the announcement goes out at once: /announce text
announce-scheduled = Scheduled: announcement { $id } goes out on { $when } (to { $channels } channels as of now). To call it off: /announcements cancel { $id }
announce-not-scheduled = Announcement { $id } is not scheduled (any more) – already sent, called off, or there is none. Scheduled ones: /announcements
announce-cancelled = Announcement { $id } is called off and will not go out.
announcements-none = No scheduled announcements. To schedule one: /announce on 01.02.2027 09:00 text
announcements-title = Scheduled announcements:
announce-to-all = to all channels
announce-to-region = to region { $region }
announce-to-confidential = confidential
announce-text-hidden = (text only in your private chat or the confidential channel)
announcements-cancel-hint = To call one off: /announcements cancel { $id }
problem-announcement-number = "{ $word }" is not an announcement's number. Example: /announcements cancel 3
help-announcements = Show or call off scheduled announcements
usage-announcements =
    /announcements
    /announcements cancel NUMBER
example-announcements = /announcements cancel 3
channel-receives-region = Region { $region }: also the announcements for that region only.
channel-receives-events = Every new public event appears here (to turn off: /channel events off).
channel-no-events = New public events do not appear here by themselves (to turn on: /channel events on).
channel-receives-reminders = Reminders come here for the events created here or brought here with /event NUMBER channel.
channel-events-on = From now on every new public event appears here. To turn off: /channel events off
channel-events-off = New events no longer appear here by themselves. To turn on: /channel events on
help-topic = Suggest a topic for the meetups, show one, or support it with a point
usage-topic =
    /topic suggestion
    /topic new suggestion (also when a similar one exists)
    /topic T5
    /topic T5 +|-
example-topic = /topic Bring empty shops in the village centre back to life
help-topics = The topics for the meetups, ranked by points
usage-topics = /topics
example-topics = /topics
topic-card-title = 💡 Topic T{ $id }: { $title }
topic-card-points = { $points ->
    [one] 1 point
   *[other] { $points } points
} · to give a point: 👍 or /topic T{ $id } +
topic-similar = A similar topic exists: T{ $id } “{ $title }”. To support it: /topic T{ $id } + – to add yours anyway: /topic new { $new }
topic-unknown = There is no topic T{ $id }. All topics: /topics
topics-none = No topics yet. To suggest one: /topic Bring empty shops back to life
topics-title = Topics for the meetups (by points):
topics-line = T{ $id } · { $title } · { $points ->
    [one] 1 point
   *[other] { $points } points
}
topics-points-left = You have { $left } of { $budget } points left. To give one: /topic T1 +
topic-point-given = Your point is on T{ $id }. You have { $left } left.
topic-point-taken = Point taken back from T{ $id }. You now have { $left } left.
topic-no-points-left = You have given all { $budget } points. Take one back first, e.g. /topic T1 - (/topics shows yours).
topic-no-point-here = You have no point on T{ $id }. To give one: /topic T{ $id } +
personal-topics = Topics you suggested
personal-topic_points = Your points on topics
help-subscribe = Follow an event series: be reminded of every date until it ends
usage-subscribe = /subscribe NUMBER
example-subscribe = /subscribe 5
help-unsubscribe = Stop following an event series
usage-unsubscribe = /unsubscribe NUMBER
example-unsubscribe = /unsubscribe 5
event-subscribed = Subscribed: you will be reminded of every date of “{ $title }” until the series ends. To stop: /unsubscribe { $id }
event-subscribed-already = You already follow “{ $title }”. To stop: /unsubscribe { $id }
event-unsubscribed = Unsubscribed: no more reminders of “{ $title }” (except for dates you registered for).
event-not-subscribed = You do not follow event { $id }. To follow it: /subscribe { $id }
personal-event_subscriptions = Event series you follow
problem-item-number = "{ $word }" is not the number of an impulse or presentation. Example: /event 12 impulse accept 3
problem-slots = "{ $word }" is not a number of presentation slots. Expected: 0 to 20, e.g. /event 12 presentations 2
event-field-summary = short minutes
help-impulse = Offer a short impulse talk on a topic or for an event, see the offers
usage-impulse =
    /impulse T5 | Title, length   (on topic T5)
    /impulse 12 | Title, length   (for event 12)
    /impulse Title, length   (for the meetups in general)
    /impulse   (all offers)
    /impulse withdraw NUMBER
example-impulse = /impulse T5 | Village shop plus, 10 minutes
help-present = Present your initiative at an event (when slots are open)
usage-present = /present EVENT [date] [initiative]
example-present = /present 12 Dorfladen Hinterdorf
help-record = Record of an event as Markdown: attendance, topic, impulses, polls, documentation
usage-record = /record EVENT [date]
example-record = /record 12
usage-event-date-topic = /event NUMBER topic DATE Topic (or "-" to clear)
example-event-date-topic = /event 5 topic 24.01. Lively places
usage-event-impulse =
    /event NUMBER impulse accept IMPULSE [date]
    /event NUMBER impulse remove IMPULSE
example-event-impulse = /event 12 impulse accept 3
usage-event-slots = /event NUMBER presentations COUNT [date]
example-event-slots = /event 12 presentations 2
usage-event-doc =
    /event NUMBER docs [date] <link> | short minutes
    /event NUMBER docs [date] short minutes
    /event NUMBER docs [date] -   (remove the documentation)
example-event-doc = /event 12 docs https://cloud.example.org/stammtisch-january | 14 people, focus on vacant places
agenda-impulse = Impulse
agenda-presentations = Presentations
agenda-slots-free = { $count ->
    [one] 1 slot free
   *[other] { $count } slots free
} – /present { $id }
agenda-documentation = Documentation
agenda-date-past = Event { $id } on { $when } has begun. The programme can only change for dates ahead.
agenda-topic-set = Topic for { $when }: "{ $topic }".
agenda-topic-cleared = The topic for { $when } is removed.
agenda-slots-below-taken = { $taken } initiatives have a slot already. Fewer slots are not possible; remove a presentation: /event { $id } impulse remove NUMBER
agenda-slots-set = { $count ->
    [0] No presentation slots on { $when }.
    [one] 1 presentation slot on { $when }. Take it: /present { $id }
   *[other] { $count } presentation slots on { $when }. Take one: /present { $id }
}
agenda-unknown = There is no (longer an) impulse or presentation number { $id }. All offers: /impulse
agenda-not-impulse = Number { $id } is a presentation, not an impulse. Members take presentation slots themselves with /present.
agenda-already-there = Impulse { $id } is already planned for this date.
agenda-impulse-accepted-notice = 🎤 Your impulse "{ $title }" is planned: { $event } on { $when }. You get the event's reminders. See the event: /event { $id }
agenda-impulse-accepted = Impulse { $id } "{ $title }" is planned for { $when }. The speaker has been told.
agenda-not-on-event = Number { $item } is not planned for event { $id }.
agenda-removed-notice = Your contribution "{ $title }" is no longer on the programme of { $event } on { $when }. Questions: ask the organisers.
agenda-removed = "{ $title }" (number { $id }) is off the programme.
agenda-no-slots = There are no presentation slots on { $when }. Organisers open them with /event { $id } presentations 2
agenda-present-which = Which initiative do you present? Example: /present { $id } Dorfladen Hinterdorf
agenda-present-twice = "{ $title }" presents itself on { $when } already.
agenda-slots-full = All presentation slots on { $when } are taken. Organisers can open more: /event { $id } presentations 3
agenda-presenting = 🏘 "{ $title }" presents itself on { $when } (number { $item }). You get the event's reminders. Withdraw: /impulse withdraw { $item }
impulse-for-meetups = the meetups
impulse-offered = Thank you! Your impulse { $id } "{ $title }" for { $about } is on offer. Organisers plan it with /event { $event } impulse accept { $id }
impulses-none = No impulse is on offer right now. Offer one: /impulse T5 | Village shop plus, 10 minutes
impulses-title = Impulses on offer:
impulses-hint = Plan one (organisers): /event NUMBER impulse accept IMPULSE
impulse-not-yours = Only whoever offered it, or an organiser, can withdraw it.
impulse-withdrawn = "{ $title }" (number { $id }) is withdrawn.
agenda-doc-not-yet = Event { $id } has not taken place yet. For a given day: /event { $id } docs 24.01. https://… | short minutes
agenda-doc-removed = The documentation of { $when } is removed.
agenda-doc-notice = 📎 The documentation of "{ $title }" on { $when } is here:{ $extra }
agenda-doc-saved = Documentation of "{ $title }" on { $when } saved. { $count ->
    [0] Nobody had registered, nobody told.
    [one] 1 participant told.
   *[other] { $count } participants told.
}
agenda-no-doc = no documentation yet
events-past-none = There were no events lately.
events-past-none-for = No past events for "{ $query }".
events-past-title = Past events (latest first):
record-attendance = Attendance
record-counts = Yes: { $yes } · Maybe: { $maybe } · No: { $no }
record-names = Registered
record-impulses = Impulses
record-decisions = Polls
personal-agenda_items = Impulses and presentations you offered
personal-event_dates = Documentation you added to events
help-question-round = Open, see or end a moderated question round (e.g. the mayor's office hours)
usage-question-round =
    /qa start Title [| EVENT [date]]
    /qa end [NUMBER]
    /qa   (the rounds going on)
example-question-round = /qa start Mayor's office hours | 12
help-question = Ask the question round going on, support, answer or decline a question
usage-question =
    /question Text
    /question anonymous Text   (only the moderators see who asked)
    /question F3 +|-
    /question F3 answered [answer]   (moderators)
    /question F3 decline reason   (moderators)
example-question = /question When will the bridge at the station be repaired?
usage-question-decline = /question F3 decline reason
example-question-decline = /question F3 decline That is for the town council.
help-questions = The questions of the round going on, by votes
usage-questions = /questions
example-questions = /questions
question-anonymous = anonymous
question-card-title = ❓ Question F{ $id } ({ $asker })
question-card-votes = 👍 { $votes } · Support: 👍 or /question F{ $id } +
question-answered = answered
question-declined = declined
question-still-open = left open
question-round-in-group = A question round runs in a group so everyone can follow: there, /qa start Title
question-round-running = The question round "{ $title }" is going on here. End it first: /qa end
question-round-opened = ❓ Question round "{ $title }" is open.
question-round-how = Ask: /question Text (also privately to me, or /question anonymous Text) · support: 👍 on a question · all questions: /questions
question-no-round = No question round is going on. Organisers open one with /qa start Title
question-submitted = Thank you! Your question F{ $id } is in the round "{ $title }".
question-submitted-anonymous = Thank you! Your question F{ $id } is in the round "{ $title }" – anonymous: only the moderators see who asked.
question-unknown = There is no question F{ $id } here. All questions: /questions
question-vote-there = You support F{ $id } already.
question-vote-none = You do not support F{ $id }. Support it: /question F{ $id } +
question-vote-given = You support F{ $id }.
question-vote-taken = Your vote for F{ $id } is taken back.
question-closed = This question is decided already, or the round is over.
question-moderators-only = The moderators (organisers) answer and decline questions.
question-decided = This question is answered or declined already.
question-answered-notice = ✅ Your question F{ $id } in "{ $title }" is answered.
question-declined-notice = 🚫 Your question F{ $id } in "{ $title }" was declined.
question-confidential-notice = There is news on your question F{ $id } – in the confidential channel.
question-answered-done = F{ $id } is marked answered.
question-declined-done = F{ $id } is declined; the asker has been told.
questions-title = Questions in "{ $title }" (most votes first):
questions-none = No open questions yet.
questions-done = { $count ->
    [one] 1 question is decided already.
   *[other] { $count } questions are decided already.
}
questions-moderate = Moderators: /question F3 answered answer · /question F3 decline reason · /qa end
question-rounds-none = No question round is going on.
question-rounds-title = Question rounds going on:
question-rounds-line = { $id }: "{ $title }" · { $count ->
    [one] 1 question
   *[other] { $count } questions
}
question-no-round-here = No question round is going on here. /qa shows those going on; end one with /qa end NUMBER
question-round-closed = The question round "{ $title }" is over; its summary is in its chat.
question-digest-title = 📋 Question round "{ $title }" is over: { $count ->
    [one] 1 question
   *[other] { $count } questions
}, { $answered } answered, { $declined } declined, { $open } open.
record-questions = Question round
personal-question_rounds = Question rounds you opened
personal-questions = Your questions in question rounds
personal-question_votes = Your votes for questions
event-all-day = all day
event-registration-not-yet = Registration for event { $id } opens on { $date }. Until then: /subscribe { $id } and the bot reminds you of its dates.
event-registration-from = Registration from { $date }
event-registration-set = Event { $id }: registration from { $date }. Until then the bot takes no answers.
event-registration-open = Event { $id }: registration is open.
usage-event-registration = /event NUMBER registration from DATE (or "-": at once)
example-event-registration = /event 12 registration from 01.12.
event-held-for-review = Thank you! Event { $id } "{ $title }" is saved and shows in the calendar once an organiser releases it.
event-review-organisers = Organisers release and hide events.
event-already-hidden = Event { $id } is hidden already. Show it: /event { $id } release
event-already-released = Event { $id } is released already.
event-hidden = Event { $id } is hidden: no longer in the calendar, /events or the events channels. Show it again: /event { $id } release
event-released-notice = 📅 Your event { $id } "{ $title }" is released and in the alliance calendar.
event-released = Event { $id } "{ $title }" is released.
events-held-none = No event is waiting for release.
events-held-title = Events waiting for release, or hidden:
events-held-hint = Release: /event NUMBER release · change: /event NUMBER title|place|… · hide: /event NUMBER hide
event-channel-held = Event { $id } will be announced here once it is released.
record-see = /record { $id }
question-from-confidential = The question round is in another group. What is written in this confidential channel the bot does not carry out: ask there or privately (/question …).
