<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="nl_NL">
  <context>
    <name>QuickLog</name>
    <message>
      <source>Note (optional)</source>
      <translation>Notitie (optioneel)</translation>
    </message>
    <message>
      <source>Interruption logged at {time}</source>
      <translation>Onderbreking vastgelegd om {time}</translation>
    </message>
    <message>
      <source>person</source>
      <translation>persoon</translation>
    </message>
    <message>
      <source>chat</source>
      <translation>chat</translation>
    </message>
    <message>
      <source>email</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>call</source>
      <translation>gesprek</translation>
    </message>
    <message>
      <source>meeting</source>
      <translation>vergadering</translation>
    </message>
    <message>
      <source>notification</source>
      <translation>melding</translation>
    </message>
    <message>
      <source>self</source>
      <translation>zelf</translation>
    </message>
    <message>
      <source>other</source>
      <translation>anders</translation>
    </message>
    <message>
      <source>E External</source>
      <translation>E Extern</translation>
    </message>
    <message>
      <source>I Internal</source>
      <translation>I Intern</translation>
    </message>
    <message>
      <source>B I'm back</source>
      <translation>B Ik ben terug</translation>
    </message>
    <message>
      <source>U Undo the press</source>
      <translation>U Druk ongedaan maken</translation>
    </message>
    <message>
      <source>Done</source>
      <translation>Klaar</translation>
    </message>
    <message>
      <source>Interrupted since {time}</source>
      <translation>Onderbroken sinds {time}</translation>
    </message>
    <message>
      <source>Keys: 1-8 source, E/I kind, Tab note, B back, U undo, Enter done, Esc no tag</source>
      <translation>Toetsen: 1-8 bron, E/I soort, Tab notitie, B terug, U ongedaan maken, Enter klaar, Esc zonder label</translation>
    </message>
    <message>
      <source>Pressed at {time}, but no focus block was running. The press is kept.</source>
      <translation>Gedrukt om {time}, maar er liep geen focusblok. De druk is bewaard.</translation>
    </message>
    <message>
      <source>S Start a block from {time}</source>
      <translation>S Start een blok vanaf {time}</translation>
    </message>
    <message>
      <source>Keys: S start a block, U forget the press, Esc close</source>
      <translation>Toetsen: S start een blok, U vergeet de druk, Esc sluiten</translation>
    </message>
    <message>
      <source>for {duration}</source>
      <translation>al {duration}</translation>
    </message>
    <message>
      <source>U Forget the press</source>
      <translation>U Vergeet de druk</translation>
    </message>
  </context>
  <context>
    <name>Review</name>
    <message>
      <source>Note (optional)</source>
      <translation>Notitie (optioneel)</translation>
    </message>
    <message>
      <source>Flowtally: what was that gap?</source>
      <translation>Flowtally: wat was dat gat?</translation>
    </message>
    <message>
      <source>external</source>
      <translation>extern</translation>
    </message>
    <message>
      <source>internal</source>
      <translation>intern</translation>
    </message>
    <message>
      <source>A &amp;break</source>
      <translation>Een &amp;pauze</translation>
    </message>
    <message>
      <source>An &amp;interruption</source>
      <translation>Een &amp;onderbreking</translation>
    </message>
    <message>
      <source>&amp;Still focusing</source>
      <translation>Nog &amp;steeds gefocust</translation>
    </message>
    <message>
      <source>If it was an interruption:</source>
      <translation>Als het een onderbreking was:</translation>
    </message>
    <message>
      <source>No keyboard or mouse input from {start} to {end} ({length}).</source>
      <translation>Geen toetsenbord- of muisinvoer van {start} tot {end} ({length}).</translation>
    </message>
    <message>
      <source>The computer slept from {start} to {end} ({length}).</source>
      <translation>De computer sliep van {start} tot {end} ({length}).</translation>
    </message>
    <message>
      <source>Flowtally was not running from {start} to {end} ({length}); your focus block was kept.</source>
      <translation>Flowtally draaide niet van {start} tot {end} ({length}); je focusblok is bewaard.</translation>
    </message>
    <message>
      <source>under a minute</source>
      <translation>minder dan een minuut</translation>
    </message>
    <message>
      <source>{minutes} min</source>
      <translation>{minutes} min</translation>
    </message>
    <message>
      <source>Until you answer, it counts as a break.</source>
      <translation>Tot je antwoordt, telt het als pauze.</translation>
    </message>
    <message>
      <source>person</source>
      <translation>persoon</translation>
    </message>
    <message>
      <source>chat</source>
      <translation>chat</translation>
    </message>
    <message>
      <source>email</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>call</source>
      <translation>gesprek</translation>
    </message>
    <message>
      <source>meeting</source>
      <translation>vergadering</translation>
    </message>
    <message>
      <source>notification</source>
      <translation>melding</translation>
    </message>
    <message>
      <source>self</source>
      <translation>zelf</translation>
    </message>
    <message>
      <source>other</source>
      <translation>anders</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>Quiet notifications</source>
      <translation>Meldingen stil</translation>
    </message>
    <message>
      <source>Never</source>
      <translation>Nooit</translation>
    </message>
    <message>
      <source>From deep focus on</source>
      <translation>Vanaf diepe focus</translation>
    </message>
    <message>
      <source>In flow only</source>
      <translation>Alleen in flow</translation>
    </message>
    <message>
      <source>Flowtally settings</source>
      <translation>Flowtally-instellingen</translation>
    </message>
    <message>
      <source>System time zone</source>
      <translation>Systeemtijdzone</translation>
    </message>
    <message>
      <source>Time zone (needs a restart)</source>
      <translation>Tijdzone (herstart nodig)</translation>
    </message>
    <message>
      <source>Start Flowtally when I log in</source>
      <translation>Flowtally starten bij het inloggen</translation>
    </message>
    <message>
      <source>Interruption hotkey</source>
      <translation>Sneltoets voor onderbreking</translation>
    </message>
    <message>
      <source>Ramp-up (minutes)</source>
      <translation>Aanloop (minuten)</translation>
    </message>
    <message>
      <source>Flow after (minutes)</source>
      <translation>Flow na (minuten)</translation>
    </message>
    <message>
      <source>Shortest uninterrupted period (minutes)</source>
      <translation>Kortste ononderbroken periode (minuten)</translation>
    </message>
    <message>
      <source>Ask about time away after (minutes idle)</source>
      <translation>Vragen naar afwezigheid na (minuten inactief)</translation>
    </message>
    <message>
      <source>Planned block length (minutes, 0 = none)</source>
      <translation>Geplande bloklengte (minuten, 0 = geen)</translation>
    </message>
    <message>
      <source>Suggest a break after (minutes, 0 = never)</source>
      <translation>Pauze voorstellen na (minuten, 0 = nooit)</translation>
    </message>
    <message>
      <source>Database URL (empty = local file; needs a restart)</source>
      <translation>Database-URL (leeg = lokaal bestand; herstart nodig)</translation>
    </message>
    <message>
      <source>Sync with (PostgreSQL URL, empty = none)</source>
      <translation>Synchroniseren met (PostgreSQL-URL, leeg = niet)</translation>
    </message>
    <message>
      <source>This device's name (empty = host name)</source>
      <translation>Naam van dit apparaat (leeg = hostnaam)</translation>
    </message>
    <message>
      <source>Your name, kept with the sync target</source>
      <translation>Je naam, bewaard bij het synchronisatiedoel</translation>
    </message>
    <message>
      <source>Changing ramp-up or flow after recomputes the phases of your whole history: every report and chart, past weeks too.</source>
      <translation>Aanloop of flow-na wijzigen berekent de fasen van je hele geschiedenis opnieuw: elk rapport en elke grafiek, ook van eerdere weken.</translation>
    </message>
    <message>
      <source>Daily focus goal (minutes, 0 = none)</source>
      <translation>Dagelijks focusdoel (minuten, 0 = geen)</translation>
    </message>
    <message>
      <source>Flow check-ins a day (0 = off)</source>
      <translation>Flow-check-ins per dag (0 = uit)</translation>
    </message>
    <message>
      <source>Ask me now and then how absorbed I was</source>
      <translation>Vraag me af en toe hoe diep ik in mijn werk zat</translation>
    </message>
    <message>
      <source>Your own thresholds, from your check-ins</source>
      <translation>Je eigen drempels, uit je check-ins</translation>
    </message>
    <message>
      <source>Use these</source>
      <translation>Deze gebruiken</translation>
    </message>
    <message>
      <source>Reading your check-ins…</source>
      <translation>Je check-ins worden gelezen…</translation>
    </message>
  </context>
  <context>
    <name>TimerWindow</name>
    <message>
      <source>Quit</source>
      <translation>Afsluiten</translation>
    </message>
    <message>
      <source>Quit Flowtally?</source>
      <translation>Flowtally afsluiten?</translation>
    </message>
    <message>
      <source>The focus block keeps running: start Flowtally again to see it.</source>
      <translation>Het focusblok loopt door: start Flowtally opnieuw om het te zien.</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>Stoppen</translation>
    </message>
    <message>
      <source>Interrupted!</source>
      <translation>Onderbroken!</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Starten</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Pauzeren</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Hervatten</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>Overzicht</translation>
    </message>
    <message>
      <source>I'm back</source>
      <translation>Ik ben terug</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Ongedaan maken</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>Instellingen</translation>
    </message>
    <message>
      <source>About</source>
      <translation>Over</translation>
    </message>
  </context>
  <context>
    <name>Tray</name>
    <message>
      <source>Focus forecast…</source>
      <translation>Focusvoorspelling…</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>Stoppen</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>Pauzeren</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>Hervatten</translation>
    </message>
    <message>
      <source>ramp-up</source>
      <translation>aanloop</translation>
    </message>
    <message>
      <source>deep focus</source>
      <translation>diepe focus</translation>
    </message>
    <message>
      <source>flow</source>
      <translation>flow</translation>
    </message>
    <message>
      <source>none</source>
      <translation>geen</translation>
    </message>
    <message>
      <source>Flowtally: no focus block running</source>
      <translation>Flowtally: geen focusblok bezig</translation>
    </message>
    <message>
      <source>Focus block</source>
      <translation>Focusblok</translation>
    </message>
    <message>
      <source>Paused</source>
      <translation>Gepauzeerd</translation>
    </message>
    <message>
      <source>Interrupted</source>
      <translation>Onderbroken</translation>
    </message>
    <message>
      <source>Start focus</source>
      <translation>Focus starten</translation>
    </message>
    <message>
      <source>Log interruption…</source>
      <translation>Onderbreking vastleggen…</translation>
    </message>
    <message>
      <source>Settings…</source>
      <translation>Instellingen…</translation>
    </message>
    <message>
      <source>About Flowtally…</source>
      <translation>Over Flowtally…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>Afsluiten</translation>
    </message>
    <message>
      <source>Without a task</source>
      <translation>Zonder taak</translation>
    </message>
    <message>
      <source>New task…</source>
      <translation>Nieuwe taak…</translation>
    </message>
    <message>
      <source>What will you focus on?</source>
      <translation>Waar ga je je op richten?</translation>
    </message>
    <message>
      <source>Dashboard…</source>
      <translation>Overzicht…</translation>
    </message>
    <message>
      <source>the last action</source>
      <translation>de laatste actie</translation>
    </message>
    <message>
      <source>h</source>
      <translation>u</translation>
    </message>
    <message>
      <source>Interrupted for {length}: say you are back when you are</source>
      <translation>Onderbroken, al {length}: zeg dat je terug bent zodra je dat bent</translation>
    </message>
    <message>
      <source>{phase} for {length}</source>
      <translation>{phase}, al {length}</translation>
    </message>
    <message>
      <source>, {phase} in {length}</source>
      <translation>, {phase} over {length}</translation>
    </message>
    <message>
      <source>Today: {focus} of {goal} focus, {flow} in flow</source>
      <translation>Vandaag: {focus} van {goal} focus, {flow} in flow</translation>
    </message>
    <message>
      <source>Today: {focus} focus, {flow} in flow</source>
      <translation>Vandaag: {focus} focus, {flow} in flow</translation>
    </message>
    <message>
      <source>I'm back</source>
      <translation>Ik ben terug</translation>
    </message>
    <message>
      <source>Undo {what}</source>
      <translation>{what} ongedaan maken</translation>
    </message>
    <message>
      <source>Quit (the block keeps running)</source>
      <translation>Afsluiten (het blok loopt door)</translation>
    </message>
    <message>
      <source>How absorbed am I now?…</source>
      <translation>Hoe diep zit ik nu in mijn werk?…</translation>
    </message>
  </context>
  <context>
    <name>Dashboard</name>
    <message>
      <source>Team</source>
      <translation>Team</translation>
    </message>
    <message>
      <source>Add block…</source>
      <translation>Blok toevoegen…</translation>
    </message>
    <message>
      <source>Add interruption…</source>
      <translation>Onderbreking toevoegen…</translation>
    </message>
    <message>
      <source>Day timeline</source>
      <translation>Dagverloop</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Verwijderen</translation>
    </message>
    <message>
      <source>Deleting the %1… (Ctrl+Z undoes it)</source>
      <translation>%1 wordt verwijderd… (Ctrl+Z maakt het ongedaan)</translation>
    </message>
    <message>
      <source>E-factor</source>
      <translation>E-factor</translation>
    </message>
    <message>
      <source>Export the week</source>
      <translation>De week exporteren</translation>
    </message>
    <message>
      <source>Exporting…</source>
      <translation>Exporteren…</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>Exporteren…</translation>
    </message>
    <message>
      <source>Import history…</source>
      <translation>Geschiedenis importeren…</translation>
    </message>
    <message>
      <source>Flow</source>
      <translation>Flow</translation>
    </message>
    <message>
      <source>Flowtally dashboard</source>
      <translation>Flowtally-overzicht</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Geschiedenis</translation>
    </message>
    <message>
      <source>Interruptions</source>
      <translation>Onderbrekingen</translation>
    </message>
    <message>
      <source>Interruptions per hour</source>
      <translation>Onderbrekingen per uur</translation>
    </message>
    <message>
      <source>Last 12 weeks</source>
      <translation>Laatste 12 weken</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>Laden…</translation>
    </message>
    <message>
      <source>Longest stretch</source>
      <translation>Langste periode</translation>
    </message>
    <message>
      <source>Next week ▶</source>
      <translation>Volgende week ▶</translation>
    </message>
    <message>
      <source>Recovery</source>
      <translation>Herstel</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>Opnieuw</translation>
    </message>
    <message>
      <source>Reload</source>
      <translation>Herladen</translation>
    </message>
    <message>
      <source>Select the block the interruption belongs to first.</source>
      <translation>Kies eerst het blok waar de onderbreking bij hoort.</translation>
    </message>
    <message>
      <source>Showing %1</source>
      <translation>%1 wordt getoond</translation>
    </message>
    <message>
      <source>This week</source>
      <translation>Deze week</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>Ongedaan maken</translation>
    </message>
    <message>
      <source>Uninterrupted periods</source>
      <translation>Ononderbroken periodes</translation>
    </message>
    <message>
      <source>Week</source>
      <translation>Week</translation>
    </message>
    <message>
      <source>block</source>
      <translation>blok</translation>
    </message>
    <message>
      <source>interruption</source>
      <translation>onderbreking</translation>
    </message>
    <message>
      <source>pause</source>
      <translation>pauze</translation>
    </message>
    <message>
      <source>◀ Previous week</source>
      <translation>◀ Vorige week</translation>
    </message>
    <message>
      <source>Ctrl+Z undoes it</source>
      <translation>Ctrl+Z maakt het ongedaan</translation>
    </message>
    <message>
      <source>Ctrl+Shift+Z redoes it</source>
      <translation>Ctrl+Shift+Z doet het opnieuw</translation>
    </message>
    <message>
      <source>PDF report (*.pdf)</source>
      <translation>PDF-rapport (*.pdf)</translation>
    </message>
    <message>
      <source>PNG image (*.png)</source>
      <translation>PNG-afbeelding (*.png)</translation>
    </message>
    <message>
      <source>HTML report (*.html)</source>
      <translation>HTML-rapport (*.html)</translation>
    </message>
    <message>
      <source>CSV of the week's blocks (*.csv)</source>
      <translation>CSV van de blokken van de week (*.csv)</translation>
    </message>
    <message>
      <source>JSON of the week's blocks (*.json)</source>
      <translation>JSON van de blokken van de week (*.json)</translation>
    </message>
    <message>
      <source>Calendar of the week's blocks (*.ics)</source>
      <translation>Agenda van de blokken van de week (*.ics)</translation>
    </message>
    <message>
      <source>Stretches of at least {period} minutes without an interruption: the time in which deep work gets done.</source>
      <translation>Periodes van minstens {period} minuten zonder onderbreking: de tijd waarin diep werk gedaan wordt.</translation>
    </message>
    <message>
      <source>Minutes inside uninterrupted periods divided by all tracked minutes: 1 means every tracked minute was in a long stretch, 0 none.</source>
      <translation>Minuten in ononderbroken periodes gedeeld door alle getelde minuten: 1 betekent dat elke getelde minuut in een lange periode viel, 0 geen enkele.</translation>
    </message>
    <message>
      <source>Minutes in flow: the part of each uninterrupted stretch after its first {flow} minutes.</source>
      <translation>Minuten in flow: het deel van elke ononderbroken periode na de eerste {flow} minuten.</translation>
    </message>
    <message>
      <source>The longest time worked without an interruption.</source>
      <translation>De langste tijd gewerkt zonder onderbreking.</translation>
    </message>
    <message>
      <source>Ramp-up minutes after interruptions: the time it took to get back into focus, which the interruptions cost.</source>
      <translation>Aanloopminuten na onderbrekingen: de tijd die het kostte om weer in focus te komen, wat de onderbrekingen kostten.</translation>
    </message>
    <message>
      <source>Interruptions logged per tracked hour.</source>
      <translation>Vastgelegde onderbrekingen per getelde uur.</translation>
    </message>
    <message>
      <source>Changes: against the week before.</source>
      <translation>Veranderingen: ten opzichte van de week ervoor.</translation>
    </message>
    <message>
      <source>Changes: against last week up to {when}, the same span of it.</source>
      <translation>Veranderingen: ten opzichte van vorige week tot {when}, dezelfde periode.</translation>
    </message>
  </context>
  <context>
    <name>History</name>
    <message>
      <source>at the same time as %1 (counted once)</source>
      <translation>tegelijk met %1 (één keer geteld)</translation>
    </message>
    <message>
      <source>a block</source>
      <translation>een blok</translation>
    </message>
    <message>
      <source>%1 interruptions</source>
      <translation>%1 onderbrekingen</translation>
    </message>
    <message>
      <source>%1 pauses</source>
      <translation>%1 pauzes</translation>
    </message>
    <message>
      <source>(pause)</source>
      <translation>(pauze)</translation>
    </message>
    <message>
      <source>1 interruption</source>
      <translation>1 onderbreking</translation>
    </message>
    <message>
      <source>1 pause</source>
      <translation>1 pauze</translation>
    </message>
    <message>
      <source>running</source>
      <translation>loopt</translation>
    </message>
    <message>
      <source>Add a forgotten block</source>
      <translation>Een vergeten blok toevoegen</translation>
    </message>
    <message>
      <source>Add a forgotten interruption</source>
      <translation>Een vergeten onderbreking toevoegen</translation>
    </message>
    <message>
      <source>An end given as HH:MM is on the start's day (or just after midnight).</source>
      <translation>Een einde als UU:MM valt op de dag van het begin (of net na middernacht).</translation>
    </message>
    <message>
      <source>At</source>
      <translation>Om</translation>
    </message>
    <message>
      <source>End</source>
      <translation>Einde</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>Soort</translation>
    </message>
    <message>
      <source>Minutes</source>
      <translation>Minuten</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>Notitie</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <source>Start</source>
      <translation>Begin</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>Taak</translation>
    </message>
    <message>
      <source>The interruption is added to the selected block.</source>
      <translation>De onderbreking wordt aan het gekozen blok toegevoegd.</translation>
    </message>
    <message>
      <source>empty: a moment</source>
      <translation>leeg: een moment</translation>
    </message>
    <message>
      <source>optional</source>
      <translation>optioneel</translation>
    </message>
    <message>
      <source>HH:MM, or YYYY-MM-DD HH:MM</source>
      <translation>UU:MM, of JJJJ-MM-DD UU:MM</translation>
    </message>
    <message>
      <source>internal</source>
      <translation>intern</translation>
    </message>
    <message>
      <source>external</source>
      <translation>extern</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Wanneer</translation>
    </message>
    <message>
      <source>Until</source>
      <translation>Tot</translation>
    </message>
    <message>
      <source>Task / source</source>
      <translation>Taak / bron</translation>
    </message>
    <message>
      <source>person</source>
      <translation>persoon</translation>
    </message>
    <message>
      <source>chat</source>
      <translation>chat</translation>
    </message>
    <message>
      <source>email</source>
      <translation>e-mail</translation>
    </message>
    <message>
      <source>call</source>
      <translation>gesprek</translation>
    </message>
    <message>
      <source>meeting</source>
      <translation>vergadering</translation>
    </message>
    <message>
      <source>notification</source>
      <translation>melding</translation>
    </message>
    <message>
      <source>self</source>
      <translation>zelf</translation>
    </message>
    <message>
      <source>other</source>
      <translation>anders</translation>
    </message>
  </context>
  <context>
    <name>About</name>
    <message>
      <source>About Flowtally</source>
      <translation>Over Flowtally</translation>
    </message>
    <message>
      <source>Measures focus and flow: a tray timer, a one-key interruption log and weekly focus charts.</source>
      <translation>Meet focus en flow: een timer in het systeemvak, onderbrekingen loggen met één toets en wekelijkse focusgrafieken.</translation>
    </message>
    <message>
      <source>Private and local: only the times of your activity are kept, never what you type, and nothing leaves this machine.</source>
      <translation>Privé en lokaal: alleen de tijden van je activiteit worden bewaard, nooit wat je typt, en niets verlaat deze computer.</translation>
    </message>
    <message>
      <source>Data: {database}&lt;br&gt;Log: {log}</source>
      <translation>Gegevens: {database}&lt;br&gt;Logboek: {log}</translation>
    </message>
    <message>
      <source>MIT licence · Qt {qt} · PySide6 {pyside} · Python {python}</source>
      <translation>MIT-licentie · Qt {qt} · PySide6 {pyside} · Python {python}</translation>
    </message>
    <message>
      <source>&amp;How Flowtally works…</source>
      <translation>&amp;Hoe Flowtally werkt…</translation>
    </message>
  </context>
  <context>
    <name>Welcome</name>
    <message>
      <source>Put Flowtally in the applications menu and 'flowtally' on your PATH</source>
      <translation>Flowtally in het programmamenu en 'flowtally' in je PATH zetten</translation>
    </message>
    <message>
      <source>Welcome to Flowtally</source>
      <translation>Welkom bij Flowtally</translation>
    </message>
    <message>
      <source>&amp;Got it</source>
      <translation>&amp;Begrepen</translation>
    </message>
    <message>
      <source>The icon in your panel</source>
      <translation>Het pictogram in je paneel</translation>
    </message>
    <message>
      <source>No focus block running: click for the menu</source>
      <translation>Geen focusblok bezig: klik voor het menu</translation>
    </message>
    <message>
      <source>Ramp-up: getting into the task (the first {ramp} min)</source>
      <translation>Aanloop: op gang komen met de taak (de eerste {ramp} min)</translation>
    </message>
    <message>
      <source>Deep focus: concentrated (until {flow} min)</source>
      <translation>Diepe focus: geconcentreerd (tot {flow} min)</translation>
    </message>
    <message>
      <source>Flow: the stretch that makes the day</source>
      <translation>Flow: de periode die de dag maakt</translation>
    </message>
    <message>
      <source>Interrupted: until you say you are back</source>
      <translation>Onderbroken: tot je zegt dat je terug bent</translation>
    </message>
    <message>
      <source>Paused: not counted</source>
      <translation>Gepauzeerd: telt niet mee</translation>
    </message>
    <message>
      <source>The number is the block's tracked minutes; the arc fills up to the next phase. A left click shows the status and the menu, a middle click pauses.</source>
      <translation>Het getal is het aantal getelde minuten van het blok; de boog vult zich tot de volgende fase. Een linkerklik toont de status en het menu, een middelklik pauzeert.</translation>
    </message>
    <message>
      <source>The interruption hotkey</source>
      <translation>De sneltoets voor onderbrekingen</translation>
    </message>
    <message>
      <source>&amp;Try the hotkey</source>
      <translation>Sneltoets &amp;proberen</translation>
    </message>
    <message>
      <source>&amp;New hotkey:</source>
      <translation>&amp;Nieuwe sneltoets:</translation>
    </message>
    <message>
      <source>Click here and press the combination you want</source>
      <translation>Klik hier en druk de combinatie die je wilt</translation>
    </message>
    <message>
      <source>&amp;Use this key</source>
      <translation>Deze toets &amp;gebruiken</translation>
    </message>
    <message>
      <source>Phases, and what counts</source>
      <translation>Fasen, en wat telt</translation>
    </message>
    <message>
      <source>After a start, and after every interruption however short, comes ramp-up ({ramp} min). Then deep focus; from {flow} min without an interruption you are likely in flow. An uninterrupted period is a stretch of at least {period} min without an interruption: the dashboard counts those, and the e-factor is the share of your tracked time inside them.</source>
      <translation>Na een start, en na elke onderbreking hoe kort ook, komt de aanloop ({ramp} min). Dan diepe focus; vanaf {flow} min zonder onderbreking ben je waarschijnlijk in flow. Een ononderbroken periode duurt minstens {period} min zonder onderbreking: het dashboard telt die, en de e-factor is het deel van je getelde tijd daarbinnen.</translation>
    </message>
    <message>
      <source>Your data</source>
      <translation>Je gegevens</translation>
    </message>
    <message>
      <source>Everything stays on this machine, unless you point Flowtally at a database elsewhere. Only times are kept, never what you type.&lt;br&gt;Data: {database}&lt;br&gt;Settings: {settings}&lt;br&gt;Log: {log}</source>
      <translation>Alles blijft op deze computer, tenzij je Flowtally naar een database elders laat wijzen. Alleen tijden worden bewaard, nooit wat je typt.&lt;br&gt;Gegevens: {database}&lt;br&gt;Instellingen: {settings}&lt;br&gt;Logboek: {log}</translation>
    </message>
    <message>
      <source>The hotkey {key} cannot work on this desktop: {why}.</source>
      <translation>De sneltoets {key} kan op dit bureaublad niet werken: {why}.</translation>
    </message>
    <message>
      <source>Press {key} in any window the moment you are interrupted: it is logged at once. A small popup then lets you tag it by key (1-8 source, E/I kind) and say you are back (B).</source>
      <translation>Druk op {key} in elk venster zodra je onderbroken wordt: het wordt meteen vastgelegd. Een kleine popup laat je het dan per toets labelen (1-8 bron, E/I soort) en zeggen dat je terug bent (B).</translation>
    </message>
    <message>
      <source>Press {key} now, in any window…</source>
      <translation>Druk nu op {key}, in elk venster…</translation>
    </message>
    <message>
      <source>✓ It works: Flowtally heard {key}. Nothing was logged.</source>
      <translation>✓ Het werkt: Flowtally hoorde {key}. Er is niets vastgelegd.</translation>
    </message>
    <message>
      <source>Saved: the hotkey is now {key}.</source>
      <translation>Opgeslagen: de sneltoets is nu {key}.</translation>
    </message>
    <message>
      <source>Ask me now and then how absorbed I was (flow check-ins)</source>
      <translation>Vraag af en toe hoe diep ik in mijn werk zat (flow-check-ins)</translation>
    </message>
  </context>
  <context>
    <name>Team</name>
    <message>
      <source>Hidden: too few people to show it without showing someone.</source>
      <translation>Verborgen: te weinig mensen om het te tonen zonder iemand te tonen.</translation>
    </message>
    <message>
      <source>Loading the team's week…</source>
      <translation>De week van het team wordt geladen…</translation>
    </message>
    <message>
      <source>Week</source>
      <translation>Week</translation>
    </message>
    <message>
      <source>People</source>
      <translation>Mensen</translation>
    </message>
    <message>
      <source>Median focus per person-day</source>
      <translation>Mediaan focus per persoonsdag</translation>
    </message>
    <message>
      <source>Person-days with 90+ min</source>
      <translation>Persoonsdagen met 90+ min</translation>
    </message>
    <message>
      <source>Interruptions per hour</source>
      <translation>Onderbrekingen per uur</translation>
    </message>
    <message>
      <source>Source</source>
      <translation>Bron</translation>
    </message>
    <message>
      <source>Interruptions</source>
      <translation>Onderbrekingen</translation>
    </message>
    <message>
      <source>Recovery caused</source>
      <translation>Veroorzaakt herstel</translation>
    </message>
    <message>
      <source>Interruptions by local hour (internal / external)</source>
      <translation>Onderbrekingen per lokaal uur (intern / extern)</translation>
    </message>
    <message>
      <source>Sources, by the recovery they caused</source>
      <translation>Bronnen, naar het herstel dat ze kostten</translation>
    </message>
    <message>
      <source>The team's week cannot be shown</source>
      <translation>De week van het team kan niet getoond worden</translation>
    </message>
    <message>
      <source>Team %1, week %2: %3 sharing</source>
      <translation>Team %1, week %2: %3 delen</translation>
    </message>
    <message>
      <source>Only aggregates of the people who share. Anything fewer than %1 people fed is hidden (%2), never shown as zero.</source>
      <translation>Alleen totalen van de mensen die delen. Alles waaraan minder dan %1 mensen bijdroegen is verborgen (%2), nooit als nul getoond.</translation>
    </message>
    <message>
      <source>Sources fewer than %1 people met</source>
      <translation>Bronnen die minder dan %1 mensen troffen</translation>
    </message>
    <message>
      <source>Best shared focus windows, from the 8 weeks before (local hours)</source>
      <translation>Beste gedeelde focusvensters, uit de 8 weken ervoor (lokale uren)</translation>
    </message>
    <message>
      <source>sure</source>
      <translation>zeker</translation>
    </message>
    <message>
      <source>fairly sure</source>
      <translation>vrij zeker</translation>
    </message>
    <message>
      <source>unsure</source>
      <translation>onzeker</translation>
    </message>
    <message>
      <source>too few people to say</source>
      <translation>te weinig mensen om iets te zeggen</translation>
    </message>
  </context>
  <context>
    <name>Forecast</name>
    <message>
      <source>Focus forecast</source>
      <translation>Focusvoorspelling</translation>
    </message>
    <message>
      <source>sure</source>
      <translation>zeker</translation>
    </message>
    <message>
      <source>fairly sure</source>
      <translation>vrij zeker</translation>
    </message>
    <message>
      <source>unsure</source>
      <translation>onzeker</translation>
    </message>
    <message>
      <source>Working out next week's focus windows…</source>
      <translation>De focusvensters van volgende week worden berekend…</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>Dag</translation>
    </message>
    <message>
      <source>Window</source>
      <translation>Venster</translation>
    </message>
    <message>
      <source>Stays uninterrupted</source>
      <translation>Blijft ononderbroken</translation>
    </message>
    <message>
      <source>Save as calendar events…</source>
      <translation>Opslaan als agenda-afspraken…</translation>
    </message>
    <message>
      <source>Best focus windows for {week}</source>
      <translation>Beste focusvensters voor {week}</translation>
    </message>
    <message>
      <source>The chance that a period of {period} min or more, started in the window, goes uninterrupted, learnt from your own last weeks. Protect these hours: put them in your calendar as busy.</source>
      <translation>De kans dat een periode van {period} min of meer, begonnen in het venster, ononderbroken blijft, geleerd van je eigen laatste weken. Bescherm deze uren: zet ze als bezet in je agenda.</translation>
    </message>
    <message>
      <source>no tracked hours on this weekday</source>
      <translation>geen bijgehouden uren op deze weekdag</translation>
    </message>
    <message>
      <source>{chance} % ({low}-{high} %), {sure}</source>
      <translation>{chance} % ({low}-{high} %), {sure}</translation>
    </message>
    <message>
      <source>No week with enough tracked time to learn from yet: track a few weeks, and your windows appear here.</source>
      <translation>Nog geen week met genoeg bijgehouden tijd om van te leren: houd een paar weken bij, en je vensters verschijnen hier.</translation>
    </message>
    <message>
      <source>Learnt from {count} weeks, {first} to {last}.</source>
      <translation>Geleerd van {count} weken, {first} tot en met {last}.</translation>
    </message>
    <message>
      <source>{week} ({tracked} tracked)</source>
      <translation>{week} ({tracked} bijgehouden)</translation>
    </message>
    <message>
      <source>Left out, too little tracked: {weeks}.</source>
      <translation>Weggelaten, te weinig bijgehouden: {weeks}.</translation>
    </message>
    <message>
      <source>Save focus windows</source>
      <translation>Focusvensters opslaan</translation>
    </message>
    <message>
      <source>Calendar (*.ics)</source>
      <translation>Agenda (*.ics)</translation>
    </message>
  </context>
  <context>
    <name>CheckIn</name>
    <message>
      <source>Flowtally check-in</source>
      <translation>Flowtally-check-in</translation>
    </message>
    <message>
      <source>How absorbed were you just now?</source>
      <translation>Hoe diep zat je zojuist in je werk?</translation>
    </message>
    <message>
      <source>not at all</source>
      <translation>helemaal niet</translation>
    </message>
    <message>
      <source>completely</source>
      <translation>helemaal</translation>
    </message>
    <message>
      <source>Skip</source>
      <translation>Overslaan</translation>
    </message>
    <message>
      <source>Right now ({time}). Answer with a click.</source>
      <translation>Nu ({time}). Antwoord met één klik.</translation>
    </message>
    <message>
      <source>At {time}, just before the pause or the interruption. Answer with a click.</source>
      <translation>Om {time}, vlak voor de pauze of de onderbreking. Antwoord met één klik.</translation>
    </message>
    <message>
      <source>Check-ins</source>
      <translation>Check-ins</translation>
    </message>
    <message>
      <source>Reading your check-ins…</source>
      <translation>Je check-ins worden gelezen…</translation>
    </message>
    <message>
      <source>A proposal is accepted in the settings (Flowtally settings, “Use these”) or with 'flowtally calibrate --accept'; all history is then counted again.</source>
      <translation>Een voorstel neem je over in de instellingen (Flowtally-instellingen, “Deze gebruiken”) of met 'flowtally calibrate --accept'; de hele geschiedenis wordt dan opnieuw geteld.</translation>
    </message>
    <message>
      <source>{answered} answered and {skipped} skipped, over all your history.</source>
      <translation>{answered} beantwoord en {skipped} overgeslagen, over je hele geschiedenis.</translation>
    </message>
    <message>
      <source>No check-ins yet. Switch them on in the settings (“Flow check-ins a day”), or answer one with 'flowtally checkin 4'.</source>
      <translation>Nog geen check-ins. Zet ze aan in de instellingen (“Flow-check-ins per dag”), of beantwoord er een met 'flowtally checkin 4'.</translation>
    </message>
    <message>
      <source>deep focus</source>
      <translation>diepe focus</translation>
    </message>
    <message>
      <source>flow</source>
      <translation>flow</translation>
    </message>
    <message>
      <source>minutes into the stretch</source>
      <translation>minuten in de ononderbroken periode</translation>
    </message>
    <message>
      <source>absorption (1-5)</source>
      <translation>opgaan in het werk (1-5)</translation>
    </message>
  </context>
  <context>
    <name>Import</name>
    <message>
      <source>Import history</source>
      <translation>Geschiedenis importeren</translation>
    </message>
    <message>
      <source>No file chosen</source>
      <translation>Geen bestand gekozen</translation>
    </message>
    <message>
      <source>Choose a file…</source>
      <translation>Kies een bestand…</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>Bestand:</translation>
    </message>
    <message>
      <source>Recognise it from the file</source>
      <translation>Herken het aan het bestand</translation>
    </message>
    <message>
      <source>a Flowtally export</source>
      <translation>een Flowtally-export</translation>
    </message>
    <message>
      <source>From:</source>
      <translation>Uit:</translation>
    </message>
    <message>
      <source>As the file shows</source>
      <translation>Zoals het bestand laat zien</translation>
    </message>
    <message>
      <source>Day first (31/12/2026)</source>
      <translation>Dag eerst (31/12/2026)</translation>
    </message>
    <message>
      <source>Month first (12/31/2026)</source>
      <translation>Maand eerst (12/31/2026)</translation>
    </message>
    <message>
      <source>Dates:</source>
      <translation>Datums:</translation>
    </message>
    <message>
      <source>Keep a time entry&apos;s tags in its task</source>
      <translation>De labels van een tijdregistratie in de taak houden</translation>
    </message>
    <message>
      <source>Leave out blocks that overlap others, and list them</source>
      <translation>Blokken die andere overlappen weglaten, en ze opsommen</translation>
    </message>
    <message>
      <source>Choose a file to see what it holds.</source>
      <translation>Kies een bestand om te zien wat erin staat.</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>Importeren</translation>
    </message>
    <message>
      <source>Reading the file…</source>
      <translation>Het bestand wordt gelezen…</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>Bezig met importeren…</translation>
    </message>
  </context>
</TS>
